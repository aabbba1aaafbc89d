#!/usr/bin/env bash
# Runs the coffee shop locally with one command: etcd, a Kafka broker (KRaft, its own JVM, from
# the Kafka jars) and the four services as local processes, discovering each other through etcd
# the way they do outside a mesh. Prints the URLs; Ctrl-C stops everything it started.
#
#   hack/coffee-shop.sh               build the services, then run
#   hack/coffee-shop.sh --no-build    run what was built last
#
# Environment: COFFEE_SHOP_PORT_BASE (default 8081: member, order, barista, notification on
# 8081-8084), ETCD_PORT (2379), KAFKA_PORT (9092), BARISTA_BREW_TIME (3s),
# COFFEE_SHOP_JVM_OPTIONS, GANTRY_TOOLS_DIR (where hack/tools.sh put etcd).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
services="$repo/services"
run="$services/target/coffee-shop-run"
port_base="${COFFEE_SHOP_PORT_BASE:-8081}"
etcd_port="${ETCD_PORT:-2379}"
kafka_port="${KAFKA_PORT:-9092}"
jvm_options="${COFFEE_SHOP_JVM_OPTIONS:--Xms32m -Xmx160m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -XX:ReservedCodeCacheSize=48m}"
names=(member order barista notification)
# glibc's per-thread malloc arenas are most of a small JVM's RSS beyond the heap
export MALLOC_ARENA_MAX=2
pids=()

log() { echo "coffee-shop: $*" >&2; }

stop_all() {
  trap - INT TERM EXIT
  if ((${#pids[@]})); then
    log "stopping"
    # services first (they deregister from etcd and flush), then Kafka, then etcd
    for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
      kill -TERM "${pids[i]}" 2>/dev/null || true
      wait "${pids[i]}" 2>/dev/null || true
    done
  fi
}
trap 'stop_all; exit 130' INT
trap 'stop_all; exit 143' TERM
trap stop_all EXIT

etcd_binary() {
  local tools="${GANTRY_TOOLS_DIR:-$HOME/.cache/gantry/tools}"
  if [[ -x "$tools/bin/etcd" ]]; then
    echo "$tools/bin/etcd"
  elif command -v etcd >/dev/null; then
    command -v etcd
  else
    log "no etcd: run hack/tools.sh (it builds \$GANTRY_TOOLS_DIR/bin/etcd), or put etcd on the PATH"
    exit 1
  fi
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

await_url() { # await_url NAME URL PID
  local deadline=$((SECONDS + 90))
  until curl -fsS -o /dev/null "$2" 2>/dev/null; do
    if ! kill -0 "$3" 2>/dev/null; then
      log "$1 exited; see $run/$1.log"
      exit 1
    fi
    if ((SECONDS > deadline)); then
      log "$1 not ready after 90s; see $run/$1.log"
      exit 1
    fi
    sleep 0.2
  done
}

await_port() { # await_port NAME PORT PID
  local deadline=$((SECONDS + 90))
  until ! port_free "$2"; do
    kill -0 "$3" 2>/dev/null || { log "$1 exited; see $run/$1.log"; exit 1; }
    ((SECONDS <= deadline)) || { log "$1 not listening after 90s; see $run/$1.log"; exit 1; }
    sleep 0.2
  done
}

classpath() { echo "$services/$1/target/classes:$(cat "$services/$1/target/classpath.txt")"; }

if [[ "${1:-}" != "--no-build" ]]; then
  log "building the services (./mvnw -pl services -am install -DskipTests)"
  (cd "$repo" && ./mvnw -B -q -pl services -am install -DskipTests)
fi
for module in testing "${names[@]}"; do
  [[ -f "$services/$module/target/classpath.txt" ]] || { log "services/$module is not built; run without --no-build"; exit 1; }
done

for port in "$etcd_port" "$((etcd_port + 1))" "$kafka_port" "$port_base" "$((port_base + 1))" "$((port_base + 2))" "$((port_base + 3))"; do
  port_free "$port" || { log "port $port is in use; set COFFEE_SHOP_PORT_BASE / ETCD_PORT / KAFKA_PORT"; exit 1; }
done

rm -rf "$run"
mkdir -p "$run"

etcd="$(etcd_binary)"
log "starting etcd ($etcd) on 127.0.0.1:$etcd_port"
"$etcd" --name coffee-shop --data-dir "$run/etcd" \
  --listen-client-urls "http://127.0.0.1:$etcd_port" --advertise-client-urls "http://127.0.0.1:$etcd_port" \
  --listen-peer-urls "http://127.0.0.1:$((etcd_port + 1))" --initial-advertise-peer-urls "http://127.0.0.1:$((etcd_port + 1))" \
  --initial-cluster "coffee-shop=http://127.0.0.1:$((etcd_port + 1))" --log-level warn >"$run/etcd.log" 2>&1 &
pids+=($!)
await_url etcd "http://127.0.0.1:$etcd_port/health" "${pids[-1]}"

log "starting Kafka (KRaft) on 127.0.0.1:$kafka_port"
cat >"$run/kafka-logback.xml" <<'XML'
<configuration>
  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{30} - %msg%n</pattern></encoder>
  </appender>
  <root level="WARN"><appender-ref ref="OUT"/></root>
</configuration>
XML
# shellcheck disable=SC2086
java -Xmx512m -Dlogback.configurationFile="$run/kafka-logback.xml" -cp "$(classpath testing)" dev.gantry.testing.KafkaBroker \
  --port "$kafka_port" --data "$run/kafka" --topics order-placed,order-status,order-placed.DLT,order-status.DLT \
  >"$run/kafka.log" 2>&1 &
pids+=($!)
await_port kafka "$kafka_port" "${pids[-1]}"
until grep -q "Kafka broker ready" "$run/kafka.log"; do
  kill -0 "${pids[-1]}" 2>/dev/null || { log "kafka exited; see $run/kafka.log"; exit 1; }
  sleep 0.2
done

revision="local-$(cd "$repo" && git rev-parse --short HEAD 2>/dev/null || echo dev)"
for i in "${!names[@]}"; do
  name="${names[i]}"
  port=$((port_base + i))
  log "starting $name on 127.0.0.1:$port"
  # shellcheck disable=SC2086
  env GANTRY_SERVICE_NAME="$name" GANTRY_NAMESPACE=default GANTRY_REVISION="$revision" GANTRY_VERSION=0.1.0 \
    GANTRY_DISCOVERY_MODE=registry GANTRY_ETCD_ENDPOINTS="http://127.0.0.1:$etcd_port" GANTRY_POD_IP=127.0.0.1 \
    GANTRY_PORT="$port" KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$kafka_port" BARISTA_BREW_TIME="${BARISTA_BREW_TIME:-3s}" \
    java $jvm_options -cp "$(classpath "$name")" "dev.gantry.coffee.$name.Application" >"$run/$name.log" 2>&1 &
  pids+=($!)
done
for i in "${!names[@]}"; do
  await_url "${names[i]}" "http://127.0.0.1:$((port_base + i))/health/readiness" "${pids[$((i + 2))]}"
done

cat <<EOF

The coffee shop is open (logs: $run/*.log, JSON lines):

  member        http://127.0.0.1:$port_base         POST/GET /members
  order         http://127.0.0.1:$((port_base + 1))         POST /orders, GET /orders/{id}
  barista       http://127.0.0.1:$((port_base + 2))         GET /stock, GET /menu
  notification  http://127.0.0.1:$((port_base + 3))         GET /members/{id}/notifications (server-sent events)

  every service: /health/liveness /health/readiness /prometheus /registry /openapi/<service>-1.0.yml
  etcd          http://127.0.0.1:$etcd_port  (instances under /gantry/instances/default/)
  Kafka         127.0.0.1:$kafka_port        (topics order-placed, order-status, *.DLT)

Try (services/README.md walks through it):
  member=\$(curl -s -XPOST localhost:$port_base/members -H 'Content-Type: application/json' \\
      -d '{"name":"Ada","email":"ada@example.org"}' | sed 's/.*"id":"\\([^"]*\\)".*/\\1/')
  curl -N localhost:$((port_base + 3))/members/\$member/notifications &
  curl -s -XPOST localhost:$((port_base + 1))/orders -H 'Content-Type: application/json' \\
      -d "{\"memberId\":\"\$member\",\"item\":\"latte\",\"quantity\":1}"

Ctrl-C stops everything.
EOF

# Stop when any of them dies, or on Ctrl-C.
wait -n "${pids[@]}" || true
log "a process exited; see $run/*.log"
