#!/usr/bin/env bash
# Canary analysis reaction: seconds from a canary's error rate crossing the threshold in a real
# Prometheus to the VirtualService sending 100% to stable (target: one interval + 2 s).
#
#   bench/canary-analysis.sh [ROUNDS] [INTERVAL]      default 5 rounds, interval 5s
set -euo pipefail
source "$(dirname "$0")/run-java.sh"
command -v prometheus >/dev/null || { echo "needs Debian's prometheus package (apt-get install prometheus)" >&2; exit 2; }
run_benchmark AnalysisAbortBenchmark "$@"
