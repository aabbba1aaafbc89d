#!/usr/bin/env bash
# Coffee-shop benchmark (not a test; bounded in time, loopback only).
#
#   bench/coffee-shop/run.sh            build, run everything, print the figures
#
# Measures, in one run on this machine:
#   1. startup time (launch -> /health/readiness 200) and RSS of each service, one at a time:
#      cold, and with an application class-data-sharing archive made by a training start
#   2. wrk throughput and p50/p99 of GET /hello (bare Micronaut), GET /orders/{id}, POST /orders
#   3. placed -> READY latency through Kafka at a fixed rate (brew time 0)
#
# wrk comes from Debian's package `wrk` (4.1.0); the script installs it with apt-get when it is
# missing and it runs as root, and otherwise says so and stops. etcd is the one hack/tools.sh
# builds (else etcd on the PATH); Kafka runs from the Kafka jars as its own JVM.
#
# Knobs: BENCH_DURATION (20s per wrk run), BENCH_CONNECTIONS (32), BENCH_THREADS (2),
# BENCH_RATE (500 orders/s), BENCH_RATE_SECONDS (20), BENCH_JVM_OPTIONS (same flags for every JVM).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
bench="$repo/bench/coffee-shop"
services="$repo/services"
run="$bench/target/run"
duration="${BENCH_DURATION:-20s}"
connections="${BENCH_CONNECTIONS:-32}"
threads="${BENCH_THREADS:-2}"
rate="${BENCH_RATE:-500}"
rate_seconds="${BENCH_RATE_SECONDS:-20}"
# The flags the services run with (examples/coffee-shop): C1 only starts faster, stays smaller,
# and on two busy cores beats waiting for C2.
jvm_options="${BENCH_JVM_OPTIONS:--Xms32m -Xmx160m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -XX:ReservedCodeCacheSize=48m}"
# glibc's per-thread malloc arenas are most of a small JVM's RSS beyond the heap
export MALLOC_ARENA_MAX=2
etcd_port=23790
kafka_port=29092
port_base=18081
hello_port=18090
names=(member order barista notification)
pids=()

log() { echo "bench: $*" >&2; }

stop_all() {
  trap - INT TERM EXIT
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    kill -TERM "${pids[i]}" 2>/dev/null || true
    wait "${pids[i]}" 2>/dev/null || true
  done
}
trap 'stop_all; exit 130' INT
trap 'stop_all; exit 143' TERM
trap stop_all EXIT

if ! command -v wrk >/dev/null; then
  if [[ $EUID -eq 0 ]] && command -v apt-get >/dev/null; then
    log "installing wrk from Debian's package (apt-get install wrk)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
  else
    log "wrk is missing: install Debian's package with 'sudo apt-get install wrk'"
    exit 1
  fi
fi

etcd_binary() {
  local tools="${GANTRY_TOOLS_DIR:-$HOME/.cache/gantry/tools}"
  if [[ -x "$tools/bin/etcd" ]]; then echo "$tools/bin/etcd"; elif command -v etcd >/dev/null; then command -v etcd; else
    log "no etcd: run hack/tools.sh or put etcd on the PATH"; exit 1
  fi
}
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
# jars, not target/classes: class-data sharing archives only classes loaded from jars
classpath() { echo "$(ls "$1"/target/*-0.1.0-SNAPSHOT.jar | head -1):$(cat "$1/target/classpath.txt")"; }
rss_mb() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }
now_ms() { date +%s%3N; }

await_ready() { # await_ready NAME URL PID -> prints milliseconds waited
  local started="$4" deadline=$((SECONDS + 120))
  until curl -fsS -o /dev/null "$2" 2>/dev/null; do
    kill -0 "$3" 2>/dev/null || { log "$1 exited; see $run/$1.log"; exit 1; }
    ((SECONDS <= deadline)) || { log "$1 not ready after 120s"; exit 1; }
    sleep 0.02
  done
  echo $(($(now_ms) - started))
}

log "building the services and the hello yardstick"
(cd "$repo" && ./mvnw -B -q install -DskipTests -pl '!operator,!bench/operator-scale' && ./mvnw -B -q -f bench/coffee-shop/hello/pom.xml package -DskipTests)

for port in $etcd_port $((etcd_port + 1)) $kafka_port $port_base $((port_base + 1)) $((port_base + 2)) $((port_base + 3)) $hello_port; do
  port_free "$port" || { log "port $port is in use"; exit 1; }
done
rm -rf "$run"
mkdir -p "$run"
load_at_start="$(cut -d' ' -f1-3 /proc/loadavg)"

etcd="$(etcd_binary)"
"$etcd" --name bench --data-dir "$run/etcd" \
  --listen-client-urls "http://127.0.0.1:$etcd_port" --advertise-client-urls "http://127.0.0.1:$etcd_port" \
  --listen-peer-urls "http://127.0.0.1:$((etcd_port + 1))" --initial-advertise-peer-urls "http://127.0.0.1:$((etcd_port + 1))" \
  --initial-cluster "bench=http://127.0.0.1:$((etcd_port + 1))" --log-level warn >"$run/etcd.log" 2>&1 &
pids+=($!)
await_ready etcd "http://127.0.0.1:$etcd_port/health" "${pids[-1]}" "$(now_ms)" >/dev/null

cat >"$run/quiet-logback.xml" <<'XML'
<configuration>
  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{30} - %msg%n</pattern></encoder>
  </appender>
  <root level="WARN"><appender-ref ref="OUT"/></root>
</configuration>
XML
java -Xmx512m -Dlogback.configurationFile="$run/quiet-logback.xml" -cp "$(classpath "$services/testing")" dev.gantry.testing.KafkaBroker \
  --port $kafka_port --data "$run/kafka" --topics order-placed,order-status,order-placed.DLT,order-status.DLT >"$run/kafka.log" 2>&1 &
pids+=($!)
until grep -q "Kafka broker ready" "$run/kafka.log" 2>/dev/null; do kill -0 "${pids[-1]}" || exit 1; sleep 0.2; done

declare -A startup startup_cds rss_ready
start_service() { # start_service NAME PORT EXTRA_JVM_OPTIONS -> pid in $started_pid
  # shellcheck disable=SC2086
  env GANTRY_SERVICE_NAME="$1" GANTRY_NAMESPACE=bench GANTRY_REVISION=bench GANTRY_VERSION=0.1.0 \
    GANTRY_DISCOVERY_MODE=registry GANTRY_ETCD_ENDPOINTS="http://127.0.0.1:$etcd_port" GANTRY_POD_IP=127.0.0.1 \
    GANTRY_PORT="$2" KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$kafka_port" BARISTA_BREW_TIME=0s LOG_LEVEL=WARN \
    BARISTA_INITIAL_STOCK_COFFEE_BEANS=100000000 BARISTA_INITIAL_STOCK_MILK=100000000 BARISTA_INITIAL_STOCK_CHOCOLATE=100000000 \
    java $jvm_options $3 -cp "$(classpath "$services/$1")" "dev.gantry.coffee.$1.Application" >>"$run/$1.log" 2>&1 &
  started_pid=$!
}
# One at a time, so each start has the machine (as far as this script is concerned):
# a cold start, a training start that writes the class-data-sharing archive at exit, then the
# start that is kept running, from the archive.
for i in "${!names[@]}"; do
  name="${names[i]}"
  port=$((port_base + i))
  for phase in cold train cds; do
    case $phase in
      cold) extra="" ;;
      train) extra="-XX:ArchiveClassesAtExit=$run/$name.jsa" ;;
      cds) extra="-XX:SharedArchiveFile=$run/$name.jsa" ;;
    esac
    begin=$(now_ms)
    start_service "$name" "$port" "$extra"
    took=$(await_ready "$name" "http://127.0.0.1:$port/health/readiness" "$started_pid" "$begin")
    case $phase in
      cold) startup[$name]=$took ;;
      cds) startup_cds[$name]=$took ;;
    esac
    if [[ $phase != cds ]]; then
      kill -TERM "$started_pid"
      wait "$started_pid" 2>/dev/null || true
    fi
  done
  pids+=("$started_pid")
  sleep 1
  rss_ready[$name]=$(rss_mb "$started_pid")
  log "$name ready in ${startup[$name]} ms cold, ${startup_cds[$name]} ms with CDS, RSS ${rss_ready[$name]} MB"
done
declare -A service_pid
for i in "${!names[@]}"; do service_pid[${names[i]}]=${pids[$((i + 2))]}; done

for phase in cold train cds; do
  case $phase in
    cold) extra="" ;;
    train) extra="-XX:ArchiveClassesAtExit=$run/hello.jsa" ;;
    cds) extra="-XX:SharedArchiveFile=$run/hello.jsa" ;;
  esac
  begin=$(now_ms)
  # shellcheck disable=SC2086
  HELLO_PORT=$hello_port java $jvm_options $extra -cp "$(classpath "$bench/hello")" dev.gantry.bench.hello.Application >>"$run/hello.log" 2>&1 &
  hello_pid=$!
  took=$(await_ready hello "http://127.0.0.1:$hello_port/hello" "$hello_pid" "$begin")
  case $phase in
    cold) startup[hello]=$took ;;
    cds) startup_cds[hello]=$took ;;
  esac
  if [[ $phase != cds ]]; then
    kill -TERM "$hello_pid"
    wait "$hello_pid" 2>/dev/null || true
  fi
done
pids+=("$hello_pid")
sleep 1
rss_ready[hello]=$(rss_mb "$hello_pid")
log "hello ready in ${startup[hello]} ms, RSS ${rss_ready[hello]} MB"

member_id=$(curl -fsS -XPOST "http://127.0.0.1:$port_base/members" -H 'Content-Type: application/json' \
  -d '{"name":"Bench","email":"bench@example.org"}' | sed 's/.*"id":"\([^"]*\)".*/\1/')
order_id=$(curl -fsS -XPOST "http://127.0.0.1:$((port_base + 1))/orders" -H 'Content-Type: application/json' \
  -d "{\"memberId\":\"$member_id\",\"item\":\"espresso\",\"quantity\":1}" | sed 's/^{"id":"\([^"]*\)".*/\1/')
export MEMBER_ID="$member_id"

to_ms() { # wrk prints 812.00us / 1.23ms / 1.02s
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'
}
declare -A rps p50 p99 errors
measure() { # measure NAME URL [wrk args...]
  local name="$1" url="$2"
  shift 2
  wrk -t"$threads" -c"$connections" -d5s "$@" "$url" >/dev/null 2>&1 # warm-up
  wrk -t"$threads" -c"$connections" -d"$duration" --latency "$@" "$url" >"$run/wrk-$name.txt" 2>&1
  rps[$name]=$(awk '/^Requests\/sec/ {print $2}' "$run/wrk-$name.txt")
  p50[$name]=$(to_ms "$(awk '$1 == "50%" {print $2}' "$run/wrk-$name.txt")")
  p99[$name]=$(to_ms "$(awk '$1 == "99%" {print $2}' "$run/wrk-$name.txt")")
  errors[$name]=$(awk '/Non-2xx or 3xx responses/ {print $5} /Socket errors/ {print $0}' "$run/wrk-$name.txt" | tr '\n' ' ')
  log "$name: ${rps[$name]} req/s, p50 ${p50[$name]} ms, p99 ${p99[$name]} ms ${errors[$name]}"
}
measure hello "http://127.0.0.1:$hello_port/hello"
measure get-order "http://127.0.0.1:$((port_base + 1))/orders/$order_id"
measure post-order "http://127.0.0.1:$((port_base + 1))/orders" -s "$bench/post-order.lua"

# At the target rate, and at a fifth of it (below saturation on a small machine), so the
# pipeline's own latency shows even when the machine cannot carry the target rate.
: >"$run/ready-latency.txt"
for r in "$rate" $((rate / 5)); do
  log "placed -> READY at $r orders/s for ${rate_seconds}s (brew time 0)"
  java -Xmx256m -cp "$(classpath "$services/testing")" -Dlogback.configurationFile="$run/quiet-logback.xml" "$bench/ReadyLatency.java" \
    "http://127.0.0.1:$((port_base + 1))" "$member_id" "127.0.0.1:$kafka_port" "$r" "$rate_seconds" | tee -a "$run/ready-latency.txt"
  sleep 5
done

declare -A rss_after
for name in "${names[@]}"; do rss_after[$name]=$(rss_mb "${service_pid[$name]}"); done
rss_after[hello]=$(rss_mb "$hello_pid")

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f%%", 100 * a / b }'; }
{
  echo "# coffee-shop benchmark, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores"
  echo "load average at start: $load_at_start; at end: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine counts here)"
  echo "JVM options (every JVM): $jvm_options, MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX"
  echo "wrk: $threads threads, $connections connections, $duration per endpoint after a 5s warm-up"
  echo
  echo "| endpoint | req/s | p50 ms | p99 ms | throughput vs hello (target >= 70%) |"
  echo "|---|---|---|---|---|"
  echo "| GET /hello (bare Micronaut) | ${rps[hello]} | ${p50[hello]} | ${p99[hello]} | 100% |"
  echo "| GET /orders/{id} | ${rps[get-order]} | ${p50[get-order]} | ${p99[get-order]} | $(ratio "${rps[get-order]}" "${rps[hello]}") |"
  echo "| POST /orders | ${rps[post-order]} | ${p50[post-order]} | ${p99[post-order]} | $(ratio "${rps[post-order]}" "${rps[hello]}") |"
  echo
  echo "placed -> READY through Kafka (target p99 <= 100 ms at 500 orders/s):"
  sed 's/^/    /' "$run/ready-latency.txt"
  echo
  echo "| service | startup ms cold | startup ms with CDS archive (target <= 2000) | RSS ready MB | RSS after load MB (target <= 200) |"
  echo "|---|---|---|---|---|"
  for name in "${names[@]}" hello; do
    echo "| $name | ${startup[$name]} | ${startup_cds[$name]} | ${rss_ready[$name]} | ${rss_after[$name]} |"
  done
} | tee "$bench/target/results.md"
