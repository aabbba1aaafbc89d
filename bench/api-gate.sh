#!/usr/bin/env bash
# The API-compatibility gate's cost: milliseconds to judge a release (the coffee shop's generated
# OpenAPI documents and one of ~500 operations; target < 200 ms), then the operator's RSS with N
# Microservices each carrying a document beside N without (default N = 500; target <= 256 MiB).
#
#   bench/api-gate.sh [N]
set -euo pipefail
source "$(dirname "$0")/run-java.sh"
"$root/mvnw" -q -B -f "$root/pom.xml" -pl services/member,services/order -am package -DskipTests
# As the operator runs (operator/jvm.options): C1 only.
BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:--XX:TieredStopAtLevel=1 -XX:+UseSerialGC}"
run_benchmark ApiGateBenchmark "$@"
