#!/usr/bin/env bash
# Runs every test: unit tests, then integration tests against real servers started by the
# tests themselves (the local control plane, Kafka, etcd, Prometheus). Debian packages and tools
# are provisioned first.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/hack/packages.sh"
"$root/hack/tools.sh" >/dev/null
eval "$("$root/hack/tools.sh" --env)"
exec "$root/mvnw" -B -f "$root/pom.xml" verify "$@"
