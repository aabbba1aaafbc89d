#!/usr/bin/env bash
# Regenerates the CRD YAML in crds/ from the Java API classes (fabric8 CRD generator).
# A test fails when crds/ differs from what the classes generate.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/mvnw" -q -B -f "$root/pom.xml" -pl operator process-classes
for generated in "$root"/operator/target/classes/META-INF/fabric8/*-v1.yml; do
  name="$(basename "$generated" -v1.yml)"
  cp "$generated" "$root/crds/$name.yaml"
  echo "crds/$name.yaml"
done
