#!/usr/bin/env bash
# The dashboard: time to serve the release list with N Microservices, and the delay from a status
# change to its server-sent event, p50/p99, on a fresh local control plane (no operator: statuses
# are written directly).
#
#   bench/dashboard.sh [SERVICES] [CHANGES]     (defaults 500 and 100)
set -euo pipefail
source "$(dirname "$0")/run-java.sh"
run_benchmark DashboardBenchmark "$@"
