#!/usr/bin/env bash
# Coffee-shop benchmark (not a test; bounded in time, loopback only).
#
#   bench/coffee-shop/run.sh            build, run everything, print the figures
#
# Measures, in one run on this machine, with the shop started by hack/coffee-shop.sh (PostgreSQL,
# etcd, Kafka, the four services) exactly as a user starts it:
#   1. startup time (launch -> /health/readiness 200) and RSS of each service as the runner
#      starts it (a first run records the class-data-sharing archives, the second is measured)
#   2. wrk throughput and p50/p99 of GET /hello (bare Micronaut), GET /orders/{id}, POST /orders
#   3. placed -> READY latency through Kafka at a fixed rate (brew time 0)
#   4. SQL statements per order lifecycle, from PostgreSQL's pg_stat_statements
#
# wrk comes from Debian's package `wrk` (4.1.0); the script installs it with apt-get when it is
# missing and it runs as root, and otherwise says so and stops.
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
postgres_port=25432
port_base=18081
hello_port=18090
names=(member order barista notification)
pids=()

log() { echo "bench: $*" >&2; }

shop() { # shop ARGS...: the README's runner, on the benchmark's ports and run directory
  env COFFEE_SHOP_RUN_DIR="$run/shop" COFFEE_SHOP_PORT_BASE=$port_base POSTGRES_PORT=$postgres_port \
    ETCD_PORT=$etcd_port KAFKA_PORT=$kafka_port BARISTA_BREW_TIME=0s LOG_LEVEL=WARN \
    BARISTA_INITIAL_STOCK_COFFEE_BEANS=100000000 BARISTA_INITIAL_STOCK_MILK=100000000 BARISTA_INITIAL_STOCK_CHOCOLATE=100000000 \
    POSTGRES_OPTIONS="-c shared_preload_libraries=pg_stat_statements" COFFEE_SHOP_JVM_OPTIONS="$jvm_options" \
    "$repo/hack/coffee-shop.sh" "$@"
}

stop_all() {
  trap - INT TERM EXIT
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    kill -TERM "${pids[i]}" 2>/dev/null || true
    wait "${pids[i]}" 2>/dev/null || true
  done
  shop stop >/dev/null 2>&1 || true
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

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
# jars, not target/classes: class-data sharing archives only classes loaded from jars
classpath() { echo "$(ls "$1"/target/*-0.1.0-SNAPSHOT.jar | head -1):$(cat "$1/target/classpath.txt")"; }
rss_mb() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }
now_ms() { date +%s%3N; }
psql_in() { # psql_in DATABASE SQL
  "$(dirname "$(compgen -G '/usr/lib/postgresql/*/bin/psql' | sort -V | tail -1)")/psql" -qtA \
    -h 127.0.0.1 -p $postgres_port -U gantry -d "$1" -c "$2"
}

await_ready() { # await_ready NAME URL PID -> prints milliseconds waited
  local started="$4" deadline=$((SECONDS + 120))
  until curl -fsS -o /dev/null "$2" 2>/dev/null; do
    kill -0 "$3" 2>/dev/null || { log "$1 exited; see $run/$1.log"; exit 1; }
    ((SECONDS <= deadline)) || { log "$1 not ready after 120s"; exit 1; }
    sleep 0.02
  done
  echo $(($(now_ms) - started))
}

await_shop() { # await_shop PID OUTPUT
  until grep -q "The coffee shop is open" "$2" 2>/dev/null; do
    kill -0 "$1" 2>/dev/null || { log "the shop did not open; see $2"; exit 1; }
    sleep 0.2
  done
}

log "building the services and the hello yardstick"
(cd "$repo" && ./mvnw -B -q -pl services -amd package -DskipTests && ./mvnw -B -q -f bench/coffee-shop/hello/pom.xml package -DskipTests)

for port in $hello_port; do
  port_free "$port" || { log "port $port is in use"; exit 1; }
done
rm -rf "$run"
mkdir -p "$run"
load_at_start="$(cut -d' ' -f1-3 /proc/loadavg)"

# A first run records each service's class-data-sharing archive (when the archives are older than
# the jars); the second run is the one measured, as every run after a build would be.
for attempt in record measure; do
  shop --no-build >"$run/shop-$attempt.out" 2>&1 &
  shop_pid=$!
  await_shop "$shop_pid" "$run/shop-$attempt.out"
  [[ $attempt == measure ]] || { shop stop; wait "$shop_pid" 2>/dev/null || true; }
done
pids+=("$shop_pid")
declare -A startup rss_ready service_pid
for name in "${names[@]}"; do
  line="$(grep "coffee-shop: $name ready on" "$run/shop-measure.out")"
  startup[$name]="$(sed 's/.* in \([0-9]*\) ms.*/\1/' <<<"$line")"
  rss_ready[$name]="$(sed 's/.*RSS \([0-9]*\) MB.*/\1/' <<<"$line")"
  service_pid[$name]="$(cat "$run/shop/$name.pid")"
  log "$name ready in ${startup[$name]} ms, RSS ${rss_ready[$name]} MB (as hack/coffee-shop.sh starts it)"
done
psql_in postgres "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" >/dev/null
cat >"$run/quiet-logback.xml" <<'XML'
<configuration>
  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{30} - %msg%n</pattern></encoder>
  </appender>
  <root level="WARN"><appender-ref ref="OUT"/></root>
</configuration>
XML

declare -A startup_cds
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
log "hello ready in ${startup[hello]} ms cold, ${startup_cds[hello]} ms with CDS, RSS ${rss_ready[hello]} MB"

# every request carries the member's bearer token, as a client's would: its verification is part
# of what is measured
member_id=$(curl -fsS -XPOST "http://127.0.0.1:$port_base/members" -H 'Content-Type: application/json' \
  -d '{"name":"Bench","email":"bench@example.org","password":"bench password"}' | sed 's/.*"id":"\([^"]*\)".*/\1/')
member_token=$(curl -fsS -XPOST "http://127.0.0.1:$port_base/login" -H 'Content-Type: application/json' \
  -d '{"username":"bench@example.org","password":"bench password"}' | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
order_id=$(curl -fsS -XPOST "http://127.0.0.1:$((port_base + 1))/orders" -H "Authorization: Bearer $member_token" \
  -H 'Content-Type: application/json' \
  -d "{\"memberId\":\"$member_id\",\"item\":\"espresso\",\"quantity\":1}" | sed 's/^{"id":"\([^"]*\)".*/\1/')
export MEMBER_ID="$member_id" MEMBER_TOKEN="$member_token"

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
measure get-order "http://127.0.0.1:$((port_base + 1))/orders/$order_id" -H "Authorization: Bearer $member_token"
measure post-order "http://127.0.0.1:$((port_base + 1))/orders" -s "$bench/post-order.lua"

# Orders still in flight from the phase before (wrk's POSTs, or a rate the machine could not
# carry) would be measured as the next phase's latency: let the pipeline finish them first.
drain() { # drain -> sets backlog and drain_seconds
  local started=$SECONDS in_flight
  in_flight=$(psql_in order "SELECT count(*) FROM orders WHERE status NOT IN ('READY', 'CANCELLED')")
  backlog=$in_flight
  until ((in_flight == 0)) || ((SECONDS - started > 600)); do
    sleep 1
    in_flight=$(psql_in order "SELECT count(*) FROM orders WHERE status NOT IN ('READY', 'CANCELLED')")
  done
  drain_seconds=$((SECONDS - started))
}
drain
post_backlog=$backlog
post_drain_seconds=$drain_seconds
log "the POST phase left $backlog orders in flight; the pipeline finished them in ${drain_seconds}s"

# At the target rate, and at a fifth of it (below saturation on a small machine), so the
# pipeline's own latency shows even when the machine cannot carry the target rate.
: >"$run/ready-latency.txt"
# statements per order: everything the four databases ran while these orders went through
orders_before=$(psql_in order "SELECT count(*) FROM orders")
psql_in postgres "SELECT pg_stat_statements_reset()" >/dev/null
for r in "$rate" $((rate / 5)); do
  log "placed -> READY at $r orders/s for ${rate_seconds}s (brew time 0)"
  java -Xmx256m -cp "$(classpath "$services/testing")" -Dlogback.configurationFile="$run/quiet-logback.xml" "$bench/ReadyLatency.java" \
    "http://127.0.0.1:$((port_base + 1))" "$member_id" "127.0.0.1:$kafka_port" "$r" "$rate_seconds" \
    "$run/shop/kafka/security/clients/notification.properties" "$member_token" | tee -a "$run/ready-latency.txt"
  drain
  echo "    (then $backlog orders still in flight, finished in ${drain_seconds}s)" >>"$run/ready-latency.txt"
done

orders_placed=$(($(psql_in order "SELECT count(*) FROM orders") - orders_before))
statements=$(psql_in postgres "SELECT sum(calls) FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname IN ('member', 'order', 'barista', 'notification')")
psql_in postgres "SELECT d.datname, sum(calls) FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname IN ('member', 'order', 'barista', 'notification') GROUP BY 1 ORDER BY 1" >"$run/statements.txt"
log "$statements SQL statements for $orders_placed orders"

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
  echo "| endpoint | req/s | p50 ms | p99 ms | throughput vs hello (targets: GET >= 50%, POST >= 25%) |"
  echo "|---|---|---|---|---|"
  echo "| GET /hello (bare Micronaut) | ${rps[hello]} | ${p50[hello]} | ${p99[hello]} | 100% |"
  echo "| GET /orders/{id} | ${rps[get-order]} | ${p50[get-order]} | ${p99[get-order]} | $(ratio "${rps[get-order]}" "${rps[hello]}") |"
  echo "| POST /orders | ${rps[post-order]} | ${p50[post-order]} | ${p99[post-order]} | $(ratio "${rps[post-order]}" "${rps[hello]}") |"
  echo
  echo "backlog the POST phase left: $post_backlog orders in flight, finished in ${post_drain_seconds}s before the latency phases"
  echo
  echo "placed -> READY through Kafka (target p99 <= 100 ms at 500 orders/s):"
  sed 's/^/    /' "$run/ready-latency.txt"
  echo
  echo "SQL statements per order lifecycle (placed -> READY, every service's database, BEGINs included):"
  echo "    $(awk -v s="$statements" -v o="$orders_placed" 'BEGIN { printf "%.1f", s / o }') ($statements statements for $orders_placed orders; by database: $(tr '\n|' '; ' <"$run/statements.txt"))"
  echo
  echo "| service | launch -> ready ms, as hack/coffee-shop.sh starts it (target <= 2000) | RSS ready MB (target <= 200) | RSS after load MB |"
  echo "|---|---|---|---|"
  for name in "${names[@]}"; do
    echo "| $name | ${startup[$name]} | ${rss_ready[$name]} | ${rss_after[$name]} |"
  done
  echo "| hello (cold / CDS) | ${startup[hello]} / ${startup_cds[hello]} | ${rss_ready[hello]} | ${rss_after[hello]} |"
} | tee "$bench/target/results.md"
