#!/usr/bin/env bash
# Canary analysis reaction: seconds from a canary's error rate crossing the threshold in a real
# Prometheus to the VirtualService sending 100% to stable (target: one interval + 2 s).
#
#   bench/canary-analysis.sh [ROUNDS] [INTERVAL]      default 5 rounds, interval 5s
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/hack/tools.sh" >/dev/null
eval "$("$root/hack/tools.sh" --env)"
command -v prometheus >/dev/null || { echo "needs Debian's prometheus package (apt-get install prometheus)" >&2; exit 2; }
"$root/mvnw" -q -B -f "$root/pom.xml" -pl bench/operator-scale -am package -DskipTests
cd "$root/operator"
exec java -cp "$root/bench/operator-scale/target/classes:$(cat "$root/bench/operator-scale/target/classpath.txt")" \
  dev.gantry.bench.AnalysisAbortBenchmark "$@"
