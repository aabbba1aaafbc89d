#!/usr/bin/env bash
# Runs the coffee shop locally with one command: PostgreSQL (one database per service), etcd, a
# Kafka broker (KRaft, its own JVM, from the Kafka jars) and the four services as local processes,
# discovering each other through etcd the way they do outside a mesh — etcd with TLS and
# authentication on, each service an etcd user that may write only its own instances
# (hack/etcd-security.sh; certificates and passwords under the run directory) — and Kafka with
# TLS and SCRAM, each service a Kafka user that may write only the topics its Microservice in
# examples/coffee-shop/ produces and read those it consumes. Prints the URLs, then
# supervises like a kubelet: a process that dies is started again (after a back-off if it keeps
# dying) with its data intact, while the others keep running. Ctrl-C stops everything it started.
#
#   hack/coffee-shop.sh                      build the services, then run
#   hack/coffee-shop.sh --no-build           run what was built last
#   hack/coffee-shop.sh restart <component>  stop one component of the running shop (SIGTERM;
#                                            --kill for SIGKILL); the runner starts it again
#   hack/coffee-shop.sh stop                 stop the running shop
#
# Components: postgres etcd kafka member order barista notification.
# Environment: COFFEE_SHOP_PORT_BASE (default 8081: member, order, barista, notification on
# 8081-8084), POSTGRES_PORT (5432), POSTGRES_OPTIONS (more server flags, e.g. -c name=value),
# ETCD_PORT (2379), KAFKA_PORT (9092), BARISTA_BREW_TIME (3s),
# COFFEE_SHOP_RUN_DIR (services/target/coffee-shop-run: logs, pids, data; emptied at start),
# COFFEE_SHOP_JVM_OPTIONS, COFFEE_SHOP_STOP_GRACE (30: seconds a process has to stop before
# SIGKILL, as a kubelet's grace period), GANTRY_TOOLS_DIR (where hack/tools.sh put etcd).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
services="$repo/services"
run="${COFFEE_SHOP_RUN_DIR:-$services/target/coffee-shop-run}"
port_base="${COFFEE_SHOP_PORT_BASE:-8081}"
postgres_port="${POSTGRES_PORT:-5432}"
etcd_port="${ETCD_PORT:-2379}"
kafka_port="${KAFKA_PORT:-9092}"
stop_grace="${COFFEE_SHOP_STOP_GRACE:-30}"
jvm_options="${COFFEE_SHOP_JVM_OPTIONS:--Xms32m -Xmx160m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -XX:ReservedCodeCacheSize=48m}"
names=(member order barista notification)
components=(postgres etcd kafka "${names[@]}")
# glibc's per-thread malloc arenas are most of a small JVM's RSS beyond the heap
export MALLOC_ARENA_MAX=2

log() { echo "coffee-shop: $*" >&2; }

# --- commands against a running shop -------------------------------------------------------

running_runner() {
  local pid
  pid="$(cat "$run/runner.pid" 2>/dev/null)" || return 1
  kill -0 "$pid" 2>/dev/null && echo "$pid"
}

stop_signal() { # stop_signal COMPONENT: what asks it to stop
  if [[ "$1" == postgres ]]; then
    echo INT # PostgreSQL's fast shutdown: roll back, checkpoint, exit (TERM waits for clients)
  else
    echo TERM
  fi
}

case "${1:-}" in
  restart)
    component="${2:-}"
    signal="$(stop_signal "$component")"
    [[ "${3:-}" == "--kill" ]] && signal=KILL
    [[ " ${components[*]} " == *" $component "* ]] || { log "restart what? one of: ${components[*]}"; exit 2; }
    running_runner >/dev/null || { log "no coffee shop is running (from $run)"; exit 1; }
    pid="$(cat "$run/$component.pid" 2>/dev/null)" || { log "$component has no pid in $run"; exit 1; }
    log "stopping $component (pid $pid, SIG$signal); the runner starts it again"
    kill "-$signal" "$pid"
    exit 0
    ;;
  stop)
    runner="$(running_runner)" || { log "no coffee shop is running (from $run)"; exit 0; }
    kill -TERM "$runner"
    while kill -0 "$runner" 2>/dev/null; do sleep 0.2; done
    exit 0
    ;;
  "" | --no-build) ;;
  *)
    log "unknown argument $1 (see the header of $0)"
    exit 2
    ;;
esac

# --- starting each component ---------------------------------------------------------------

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

module_jar() { compgen -G "$services/$1/target/*-0.1.0-SNAPSHOT.jar" | head -1; }

# The module's jar when packaged (class-data sharing archives only classes loaded from jars),
# else its classes directory.
classpath() {
  local jar
  jar="$(module_jar "$1")"
  echo "${jar:-$services/$1/target/classes}:$(cat "$services/$1/target/classpath.txt")"
}

# Application class-data sharing: the first run of a build records the classes a service loads
# (written when it exits normally); later runs map them instead of loading them again (measured
# here: 2.4-3.3 s from launch to ready, 8-11 s for the recording run). An archive older than the
# jar is made again.
cds_options() { # cds_options NAME
  local archive="$services/$1/target/$1.jsa" jar
  jar="$(module_jar "$1")"
  [[ -n "$jar" ]] || return 0
  if [[ -f "$archive" && "$archive" -nt "$jar" ]]; then
    echo "-XX:SharedArchiveFile=$archive -Xshare:auto"
  else
    echo "-XX:ArchiveClassesAtExit=$archive"
  fi
}

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

postgres_bin() {
  local newest
  newest="$(compgen -G '/usr/lib/postgresql/*/bin/postgres' | sort -V | tail -1)"
  [[ -n "$newest" ]] || { log "no PostgreSQL: run hack/packages.sh (installs Debian's postgresql)"; exit 1; }
  dirname "$newest"
}

# PostgreSQL refuses to run as root: as root its cluster lives where nobody can reach it and
# its processes run as nobody.
if [[ $(id -u) -eq 0 ]]; then
  as_postgres_user=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
  pgdata="${TMPDIR:-/tmp}/gantry-coffee-shop-postgres-$(echo "$run" | cksum | cut -d' ' -f1)"
else
  as_postgres_user=()
  pgdata="$run/postgres"
fi

start_postgres() {
  # shellcheck disable=SC2086
  "${as_postgres_user[@]}" "$(postgres_bin)/postgres" -D "$pgdata" -p "$postgres_port" \
    -c listen_addresses=127.0.0.1 -c unix_socket_directories= -c max_connections=200 ${POSTGRES_OPTIONS:-} \
    >>"$run/postgres.log" 2>&1 &
}

etcd_pki="$run/etcd-pki"
etcd_endpoint="https://127.0.0.1:$etcd_port"

start_etcd() {
  "$repo/hack/etcd-security.sh" pki "$etcd_pki"
  "$(etcd_binary)" --name coffee-shop --data-dir "$run/etcd" \
    --listen-client-urls "$etcd_endpoint" --advertise-client-urls "$etcd_endpoint" \
    --cert-file "$etcd_pki/server.crt" --key-file "$etcd_pki/server.key" \
    --listen-peer-urls "http://127.0.0.1:$((etcd_port + 1))" --initial-advertise-peer-urls "http://127.0.0.1:$((etcd_port + 1))" \
    --initial-cluster "coffee-shop=http://127.0.0.1:$((etcd_port + 1))" --log-level warn >>"$run/etcd.log" 2>&1 &
}

kafka_security="$run/kafka/security"

# The Kafka users: one per service, allowed the topics its Microservice declares
# (name=produced,produced/consumed,consumed;...), as the operator derives them on a cluster.
kafka_users() {
  local name manifest produces consumes users=()
  for name in "${names[@]}"; do
    manifest="$repo/examples/coffee-shop/$name.yaml"
    produces="$(sed -n 's/^ *produces: *\[\(.*\)\]/\1/p' "$manifest" | tr -d ' ')"
    consumes="$(sed -n 's/^ *consumes: *\[\(.*\)\]/\1/p' "$manifest" | tr -d ' ')"
    users+=("$name=$produces/$consumes")
  done
  (IFS=';'; echo "${users[*]}")
}

start_kafka() {
  # C1 only and the serial collector, like the services: on two cores, C2's compilations took half
  # the broker's CPU for minutes after a start, and the pipeline's latency with it
  java -Xmx512m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Dlogback.configurationFile="$run/kafka-logback.xml" -cp "$(classpath testing)" dev.gantry.testing.KafkaBroker \
    --port "$kafka_port" --data "$run/kafka" --topics order-placed,order-status,order-placed.DLT,order-status.DLT \
    --users "$(kafka_users)" >>"$run/kafka.log" 2>&1 &
}

# A service's Kafka credentials as Micronaut configuration (kafka.* reaches its listeners and its
# producer alike), readable by the runner's user only.
kafka_client_config() { # kafka_client_config NAME: prints the file's path
  local file="$run/secrets/$1-kafka.properties"
  mkdir -p "$run/secrets"
  (umask 077; sed 's/^/kafka./' "$kafka_security/clients/$1.properties" >"$file")
  echo "$file"
}

# member signs the shop's tokens with an RSA key of the run; the others verify them with its public
# half, published at member's /keys. The staff account's password is made once per run directory.
staff_email=staff@coffee.local
token_secrets() {
  mkdir -p "$run/secrets"
  [[ -s "$run/secrets/member-token.key" ]] ||
    (umask 077; openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$run/secrets/member-token.key" 2>/dev/null)
  [[ -s "$run/secrets/staff.password" ]] ||
    (umask 077; openssl rand -base64 18 >"$run/secrets/staff.password")
}

token_environment() { # token_environment NAME: the VAR=value words for env, NUL-separated (the key spans lines)
  if [[ "$1" == member ]]; then
    printf '%s\0' "MEMBER_TOKENS_PRIVATE_KEY=$(cat "$run/secrets/member-token.key")" \
      "MEMBER_STAFF_EMAIL=$staff_email" "MEMBER_STAFF_PASSWORD=$(cat "$run/secrets/staff.password")"
  else
    printf '%s\0' "COFFEE_TOKENS_JWKS_URL=http://127.0.0.1:$(service_port member)/keys"
  fi
}

service_port() { # service_port NAME
  local i
  for i in "${!names[@]}"; do
    [[ "${names[i]}" == "$1" ]] && echo $((port_base + i))
  done
}

start_service() { # start_service NAME
  local name="$1" tokens
  mapfile -t -d '' tokens < <(token_environment "$name")
  # shellcheck disable=SC2086
  env "${tokens[@]}" GANTRY_SERVICE_NAME="$name" GANTRY_NAMESPACE=default GANTRY_REVISION="$revision" GANTRY_VERSION=0.1.0 \
    GANTRY_DISCOVERY_MODE=registry GANTRY_ETCD_ENDPOINTS="$etcd_endpoint" GANTRY_POD_IP=127.0.0.1 \
    GANTRY_ETCD_CA_FILE="$etcd_pki/ca.crt" GANTRY_ETCD_USERNAME="default.$name" GANTRY_ETCD_PASSWORD_FILE="$etcd_pki/users/default.$name.password" \
    GANTRY_PORT="$(service_port "$name")" KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$kafka_port" \
    MICRONAUT_CONFIG_FILES="$(kafka_client_config "$name")" \
    DATASOURCES_DEFAULT_URL="jdbc:postgresql://127.0.0.1:$postgres_port/$name" DATASOURCES_DEFAULT_USERNAME=gantry \
    DATASOURCES_DEFAULT_PASSWORD= BARISTA_BREW_TIME="${BARISTA_BREW_TIME:-3s}" \
    java $jvm_options $(cds_options "$name") -cp "$(classpath "$name")" "dev.gantry.coffee.$name.Application" >>"$run/$name.log" 2>&1 &
}

declare -A pid_of started_at backoff

start() { # start COMPONENT: launches it in the background and records its pid
  case "$1" in
    postgres) start_postgres ;;
    etcd) start_etcd ;;
    kafka) start_kafka ;;
    *) start_service "$1" ;;
  esac
  pid_of[$1]=$!
  started_at[$1]=$SECONDS
  # written whole or not at all: a reader never sees an empty file
  echo "$!" >"$run/$1.pid.new" && mv "$run/$1.pid.new" "$run/$1.pid"
}

ready() { # ready COMPONENT: true once it answers
  case "$1" in
    postgres) "$(postgres_bin)/pg_isready" -q -h 127.0.0.1 -p "$postgres_port" -U gantry ;;
    etcd) curl -fsS --cacert "$etcd_pki/ca.crt" -o /dev/null "$etcd_endpoint/health" 2>/dev/null ;;
    kafka) grep -q "Kafka broker ready" "$run/kafka.log" && ! port_free "$kafka_port" ;;
    *) curl -fsS -o /dev/null "http://127.0.0.1:$(service_port "$1")/health/readiness" 2>/dev/null ;;
  esac
}

await_ready() { # await_ready COMPONENT...
  local deadline=$((SECONDS + 120)) component
  for component in "$@"; do
    until ready "$component"; do
      kill -0 "${pid_of[$component]}" 2>/dev/null || { log "$component exited; see $run/$component.log"; exit 1; }
      ((SECONDS <= deadline)) || { log "$component not ready after 120s; see $run/$component.log"; exit 1; }
      sleep 0.2
    done
  done
}

alive() { # alive PID: running, not a zombie waiting to be reaped
  [[ -r "/proc/$1/status" ]] && ! grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null
}

stop_within_grace() { # stop_within_grace NAME PID SIGNAL: SIGKILL if still there after the grace
  local deadline=$((SECONDS + stop_grace))
  kill "-$3" "$2" 2>/dev/null || true
  while alive "$2" && ((SECONDS < deadline)); do sleep 0.2; done
  if alive "$2"; then
    log "$1 (pid $2) did not stop within ${stop_grace}s; SIGKILL"
    kill -KILL "$2" 2>/dev/null || true
  fi
  wait "$2" 2>/dev/null || true
}

stopping=false
stop_all() {
  stopping=true
  trap - INT TERM EXIT
  log "stopping"
  # services first (they deregister from etcd and flush), then Kafka, etcd and PostgreSQL
  local i pid
  for ((i = ${#components[@]} - 1; i >= 0; i--)); do
    pid="${pid_of[${components[i]}]:-}"
    [[ -n "$pid" ]] || continue
    stop_within_grace "${components[i]}" "$pid" "$(stop_signal "${components[i]}")"
  done
  rm -f "$run/runner.pid"
}

# --- the run -------------------------------------------------------------------------------

if running_runner >/dev/null; then
  log "a coffee shop is already running from $run (hack/coffee-shop.sh stop)"
  exit 1
fi
if [[ "${1:-}" != "--no-build" ]]; then
  log "building the services (./mvnw -pl services -amd package -DskipTests)"
  (cd "$repo" && ./mvnw -B -q -pl services -amd package -DskipTests)
fi
for module in testing "${names[@]}"; do
  [[ -f "$services/$module/target/classpath.txt" ]] || { log "services/$module is not built; run without --no-build"; exit 1; }
done
for port in "$postgres_port" "$etcd_port" "$((etcd_port + 1))" "$kafka_port" "$port_base" "$((port_base + 1))" "$((port_base + 2))" "$((port_base + 3))"; do
  port_free "$port" || { log "port $port is in use; set COFFEE_SHOP_PORT_BASE / POSTGRES_PORT / ETCD_PORT / KAFKA_PORT"; exit 1; }
done

rm -rf "$run" "$pgdata"
mkdir -p "$run"
echo $$ >"$run/runner.pid"
trap 'stop_all; exit 130' INT
trap 'stop_all; exit 143' TERM
trap stop_all EXIT
cat >"$run/kafka-logback.xml" <<'XML'
<configuration>
  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{30} - %msg%n</pattern></encoder>
  </appender>
  <root level="WARN"><appender-ref ref="OUT"/></root>
</configuration>
XML
revision="local-$(cd "$repo" && git rev-parse --short HEAD 2>/dev/null || echo dev)"

log "initialising PostgreSQL ($(postgres_bin)) in $pgdata"
mkdir -p "$pgdata"
((${#as_postgres_user[@]})) && chown nobody:nogroup "$pgdata"
"${as_postgres_user[@]}" "$(postgres_bin)/initdb" --pgdata="$pgdata" --username=gantry --auth=trust \
  --encoding=UTF8 --locale=C.UTF-8 >"$run/initdb.log" 2>&1 || { log "initdb failed; see $run/initdb.log"; exit 1; }
log "starting PostgreSQL on 127.0.0.1:$postgres_port, etcd on 127.0.0.1:$etcd_port, Kafka on 127.0.0.1:$kafka_port"
start postgres
start etcd
start kafka
await_ready postgres
for name in "${names[@]}"; do
  "$(postgres_bin)/psql" -q -h 127.0.0.1 -p "$postgres_port" -U gantry -d postgres -c "CREATE DATABASE \"$name\"" >/dev/null
done
await_ready etcd kafka
token_secrets
"$repo/hack/etcd-security.sh" grant "$etcd_endpoint" "$etcd_pki" default "${names[@]}" ||
  { log "could not set up etcd's users; see above"; exit 1; }
# One at a time: on a small machine four JVMs starting together each take several times longer.
for name in "${names[@]}"; do
  begin=$(date +%s%3N)
  start "$name"
  await_ready "$name"
  log "$name ready on 127.0.0.1:$(service_port "$name") in $(($(date +%s%3N) - begin)) ms, RSS $(awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/${pid_of[$name]}/status") MB"
done

cat <<EOF

The coffee shop is open (logs: $run/*.log, JSON lines):

  member        http://127.0.0.1:$port_base         POST /members, POST /login, GET /members/{id}
  order         http://127.0.0.1:$((port_base + 1))         POST /orders, GET /orders/{id}
  barista       http://127.0.0.1:$((port_base + 2))         GET /stock, GET /menu, PUT /stock/{ingredient} (staff)
  notification  http://127.0.0.1:$((port_base + 3))         GET /members/{id}/notifications (server-sent events)

  every service: /health/liveness /health/readiness /prometheus /registry /openapi/<service>-1.0.yml
  PostgreSQL    127.0.0.1:$postgres_port  (user gantry, one database per service)
  etcd          $etcd_endpoint  (TLS, CA $etcd_pki/ca.crt; users and passwords in $etcd_pki/users;
                instances under /gantry/instances/default/)
  Kafka         127.0.0.1:$kafka_port        (SASL_SSL with SCRAM-SHA-512; topics order-placed, order-status, *.DLT;
                each service's client settings in $kafka_security/clients/)
  Sign-in       member's POST /login issues bearer tokens; staff: $staff_email, password in
                $run/secrets/staff.password

Try (services/README.md walks through it):
  member=\$(curl -s -XPOST localhost:$port_base/members -H 'Content-Type: application/json' \\
      -d '{"name":"Ada","email":"ada@example.org","password":"a long password"}' | sed 's/.*"id":"\\([^"]*\\)".*/\\1/')
  token=\$(curl -s -XPOST localhost:$port_base/login -H 'Content-Type: application/json' \\
      -d '{"username":"ada@example.org","password":"a long password"}' | sed 's/.*"access_token":"\\([^"]*\\)".*/\\1/')
  curl -N -H "Authorization: Bearer \$token" localhost:$((port_base + 3))/members/\$member/notifications &
  curl -s -XPOST localhost:$((port_base + 1))/orders -H "Authorization: Bearer \$token" -H 'Content-Type: application/json' \\
      -d "{\"memberId\":\"\$member\",\"item\":\"latte\",\"quantity\":1}"

A process that dies is started again; hack/coffee-shop.sh restart <component> restarts one.
Ctrl-C stops everything.
EOF

# Supervise: restart whatever exits. One that ran less than 10 s waits first, doubling up to
# 30 s (as a kubelet's back-off would), so a process that cannot start does not spin.
while true; do
  died=""
  wait -n -p died "${pid_of[@]}" || true
  $stopping && break
  [[ -n "$died" ]] || continue
  for component in "${components[@]}"; do
    [[ "${pid_of[$component]}" == "$died" ]] || continue
    ran=$((SECONDS - started_at[$component]))
    if ((ran < 10)); then
      backoff[$component]=$(( ${backoff[$component]:-0} == 0 ? 1 : (backoff[$component] * 2 > 30 ? 30 : backoff[$component] * 2) ))
    else
      backoff[$component]=0
    fi
    log "$component (pid $died) exited after ${ran}s; starting it again in ${backoff[$component]}s"
    sleep "${backoff[$component]}"
    start "$component"
  done
done
