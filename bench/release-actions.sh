#!/usr/bin/env bash
# Release-action latency: time from a ReleaseAction's creation to the VirtualService carrying
# the new weight, p50/p99 over N sequential SetWeight actions (default 100), against the
# packaged operator on a fresh local control plane.
#
#   bench/release-actions.sh [N]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/hack/tools.sh" >/dev/null
eval "$("$root/hack/tools.sh" --env)"
"$root/mvnw" -q -B -f "$root/pom.xml" -pl bench/operator-scale -am package -DskipTests
cd "$root/operator"
exec java -cp "$root/bench/operator-scale/target/classes:$(cat "$root/bench/operator-scale/target/classpath.txt")" \
  dev.gantry.bench.ReleaseActionLatencyBenchmark "$@"
