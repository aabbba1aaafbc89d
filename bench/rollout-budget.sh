#!/usr/bin/env bash
# Budgets of concurrent rollouts at scale: N Microservices (default 500) changed at once, under an
# operator-wide budget (default 25) and without one, in the same run. Prints the most progressing
# at once, seconds until all are Healthy, the API server's peak request rate and the operator's
# peak RSS for both.
#
#   bench/rollout-budget.sh [N [BUDGET]]
set -euo pipefail
source "$(dirname "$0")/run-java.sh"
run_benchmark RolloutBudgetBenchmark "$@"
