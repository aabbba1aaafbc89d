#!/usr/bin/env bash
# Release-action latency: time from a ReleaseAction's creation to the VirtualService carrying
# the new weight, p50/p99 over N sequential SetWeight actions (default 100), against the
# packaged operator on a fresh local control plane.
#
#   bench/release-actions.sh [N]
set -euo pipefail
source "$(dirname "$0")/run-java.sh"
run_benchmark ReleaseActionLatencyBenchmark "$@"
