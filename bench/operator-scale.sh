#!/usr/bin/env bash
# Operator at scale: applies N Microservices at once (default N = 100 and 500) to a fresh local
# control plane, and creates the same objects with a plain client as the floor. Prints seconds
# until ready, the ratio, operator RSS, writes per Microservice and writes during a no-op resync.
#
#   bench/operator-scale.sh [N ...]
set -euo pipefail
source "$(dirname "$0")/run-java.sh"
run_benchmark OperatorScaleBenchmark "$@"
