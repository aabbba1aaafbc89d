#!/usr/bin/env bash
# What every operator benchmark script does: provisions the tools, packages the benchmark module
# and runs one of its main classes against the packaged operator, from operator/ (where the test
# support finds the repository). Sourced by the scripts beside it: run_benchmark CLASS ARGS...
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

run_benchmark() {
  local main="$1"; shift
  "$root/hack/tools.sh" >/dev/null
  eval "$("$root/hack/tools.sh" --env)"
  "$root/mvnw" -q -B -f "$root/pom.xml" -pl bench/operator-scale -am package -DskipTests
  cd "$root/operator"
  # shellcheck disable=SC2086 # BENCH_JAVA_OPTS holds several options
  exec java ${BENCH_JAVA_OPTS:-} \
    -cp "$root/bench/operator-scale/target/classes:$(cat "$root/bench/operator-scale/target/classpath.txt")" \
    "dev.gantry.bench.$main" "$@"
}
