#!/usr/bin/env bash
# Operator at scale: applies N Microservices at once (default N = 100 and 500) to a fresh local
# control plane, and creates the same objects with a plain client as the floor. Prints seconds
# until ready, the ratio, operator RSS, writes per Microservice and writes during a no-op resync.
#
#   bench/operator-scale.sh [N ...]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/hack/tools.sh" >/dev/null
eval "$("$root/hack/tools.sh" --env)"
"$root/mvnw" -q -B -f "$root/pom.xml" -pl bench/operator-scale -am package -DskipTests
cd "$root/operator"
exec java ${BENCH_JAVA_OPTS:-} -cp "$root/bench/operator-scale/target/classes:$(cat "$root/bench/operator-scale/target/classpath.txt")" \
  dev.gantry.bench.OperatorScaleBenchmark "$@"
