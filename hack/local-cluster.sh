#!/usr/bin/env bash
# A real Kubernetes control plane on loopback, for tests and the demo: etcd,
# kube-apiserver (RBAC and Pod Security admission on), kube-controller-manager,
# kube-scheduler and kwok with fake nodes that make pods Running and Ready.
#
#   hack/local-cluster.sh up   [--dir DIR] [--nodes N]   start (idempotent), print the kubeconfig path
#   hack/local-cluster.sh down [--dir DIR]               stop every process, keep nothing
#   hack/local-cluster.sh status [--dir DIR]             exit 0 when the API server answers
#
# In DIR: kubeconfig (cluster admin), operator.kubeconfig (the operator's own identity),
# audit.log (every write, one JSON object per line), logs/ of each component.
# DIR defaults to $GANTRY_CLUSTER_DIR or ~/.cache/gantry/cluster. Binaries come from
# hack/tools.sh. Everything listens on 127.0.0.1 on free ports chosen at start.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
cmd="${1:-}"; shift || true
dir="${GANTRY_CLUSTER_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/gantry/cluster}"
nodes=3
while [[ $# -gt 0 ]]; do
  case "$1" in
    --dir) dir="$2"; shift 2 ;;
    --nodes) nodes="$2"; shift 2 ;;
    *) echo "local-cluster: unknown argument $1" >&2; exit 2 ;;
  esac
done

log() { echo "local-cluster: $*" >&2; }

eval "$("$here/tools.sh" --env)"
BIN="$GANTRY_TOOLS_DIR/bin"

free_port() {
  python3 - <<'PY' 2>/dev/null && return
import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()
PY
  local p
  while :; do
    p=$((20000 + RANDOM % 20000))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
}

kubectl_() { "$BIN/kubectl" --kubeconfig "$dir/kubeconfig" "$@"; }

api_ready() { [[ -f "$dir/kubeconfig" ]] && kubectl_ get --raw /readyz >/dev/null 2>&1; }

wait_for() { # wait_for SECONDS DESCRIPTION COMMAND...
  local deadline=$((SECONDS + $1)) what="$2"; shift 2
  until "$@"; do
    if ((SECONDS > deadline)); then log "timed out waiting for $what; logs in $dir/logs"; return 1; fi
    sleep 0.2
  done
}

start() { # start NAME COMMAND...: run in the background, log to logs/NAME.log, record the pid
  local name="$1"; shift
  "$@" >"$dir/logs/$name.log" 2>&1 &
  echo $! >"$dir/pids/$name"
}

stop_all() {
  [[ -d "$dir/pids" ]] || return 0
  local name pid
  # Stop in reverse dependency order so nothing logs errors about a vanished API server.
  for name in kwok kube-scheduler kube-controller-manager kube-apiserver etcd; do
    [[ -f "$dir/pids/$name" ]] || continue
    pid="$(cat "$dir/pids/$name")"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    rm -f "$dir/pids/$name"
  done
}

certificates() {
  local pki="$dir/pki"; mkdir -p "$pki"
  openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=gantry-local-ca" \
    -keyout "$pki/ca.key" -out "$pki/ca.crt" 2>/dev/null
  openssl genrsa -out "$pki/sa.key" 2048 2>/dev/null
  openssl rsa -in "$pki/sa.key" -pubout -out "$pki/sa.pub" 2>/dev/null
  issue() { # issue NAME SUBJECT [SAN]
    local ext="$pki/$1.ext"
    { echo "basicConstraints=CA:FALSE"; echo "keyUsage=digitalSignature,keyEncipherment"
      if [[ -n "${3:-}" ]]; then echo "extendedKeyUsage=serverAuth"; echo "subjectAltName=$3"
      else echo "extendedKeyUsage=clientAuth"; fi; } >"$ext"
    openssl req -newkey rsa:2048 -nodes -subj "$2" -keyout "$pki/$1.key" -out "$pki/$1.csr" 2>/dev/null
    openssl x509 -req -in "$pki/$1.csr" -CA "$pki/ca.crt" -CAkey "$pki/ca.key" -CAcreateserial \
      -days 30 -extfile "$ext" -out "$pki/$1.crt" 2>/dev/null
  }
  issue apiserver "/CN=kube-apiserver" \
    "IP:127.0.0.1,IP:10.96.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local"
  issue admin "/O=system:masters/CN=gantry-admin"
  issue controller-manager "/CN=system:kube-controller-manager"
  issue scheduler "/CN=system:kube-scheduler"
  issue kwok "/O=system:masters/CN=kwok"
  # The operator gets an identity of its own, so the audit log tells its writes apart.
  issue operator "/O=system:masters/CN=gantry-operator"
}

kubeconfig() { # kubeconfig CLIENT FILE
  cat >"$2" <<KC
apiVersion: v1
kind: Config
clusters:
- name: gantry-local
  cluster:
    server: https://127.0.0.1:$api_port
    certificate-authority: $dir/pki/ca.crt
users:
- name: $1
  user:
    client-certificate: $dir/pki/$1.crt
    client-key: $dir/pki/$1.key
contexts:
- name: gantry-local
  context: {cluster: gantry-local, user: $1}
current-context: gantry-local
KC
}

fake_nodes() {
  local i
  for i in $(seq 1 "$nodes"); do
    kubectl_ apply -f - >/dev/null <<NODE
apiVersion: v1
kind: Node
metadata:
  name: kwok-node-$i
  annotations:
    kwok.x-k8s.io/node: fake
    node.alpha.kubernetes.io/ttl: "0"
  labels:
    kubernetes.io/hostname: kwok-node-$i
    kubernetes.io/os: linux
    kubernetes.io/arch: amd64
    type: kwok
    topology.kubernetes.io/zone: zone-$(( (i - 1) % 3 + 1 ))
status:
  allocatable: {cpu: "32", memory: 256Gi, pods: "1000"}
  capacity: {cpu: "32", memory: 256Gi, pods: "1000"}
NODE
  done
}

up() {
  if api_ready; then echo "$dir/kubeconfig"; return; fi
  "$here/tools.sh" >/dev/null
  stop_all
  rm -rf "$dir"; mkdir -p "$dir/logs" "$dir/pids" "$dir/etcd"
  certificates
  # Every write, with who made it: tests and benchmarks count the operator's writes here.
  cat >"$dir/audit-policy.yaml" <<POLICY
apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: [RequestReceived]
rules:
- level: Metadata
  verbs: [create, update, patch, delete, deletecollection]
- level: None
POLICY
  etcd_port="$(free_port)"; peer_port="$(free_port)"; api_port="$(free_port)"
  cm_port="$(free_port)"; sched_port="$(free_port)"; kwok_port="$(free_port)"
  log "starting etcd on 127.0.0.1:$etcd_port"
  start etcd "$BIN/etcd" --name local --data-dir "$dir/etcd" --unsafe-no-fsync \
    --listen-client-urls "http://127.0.0.1:$etcd_port" --advertise-client-urls "http://127.0.0.1:$etcd_port" \
    --listen-peer-urls "http://127.0.0.1:$peer_port" --initial-advertise-peer-urls "http://127.0.0.1:$peer_port" \
    --initial-cluster "local=http://127.0.0.1:$peer_port" --listen-metrics-urls "" --log-level warn
  log "starting kube-apiserver on https://127.0.0.1:$api_port"
  start kube-apiserver "$BIN/kube-apiserver" \
    --etcd-servers "http://127.0.0.1:$etcd_port" \
    --bind-address 127.0.0.1 --advertise-address 127.0.0.1 --secure-port "$api_port" \
    --tls-cert-file "$dir/pki/apiserver.crt" --tls-private-key-file "$dir/pki/apiserver.key" \
    --client-ca-file "$dir/pki/ca.crt" \
    --service-account-issuer https://kubernetes.default.svc \
    --service-account-key-file "$dir/pki/sa.pub" --service-account-signing-key-file "$dir/pki/sa.key" \
    --service-cluster-ip-range 10.96.0.0/16 \
    --authorization-mode Node,RBAC \
    --enable-admission-plugins NodeRestriction,PodSecurity \
    --allow-privileged=false --profiling=false \
    --audit-policy-file "$dir/audit-policy.yaml" --audit-log-path "$dir/audit.log" \
    --audit-log-format json --audit-log-mode batch --audit-log-batch-max-wait 100ms \
    --max-requests-inflight 1000 --max-mutating-requests-inflight 500
  kubeconfig admin "$dir/kubeconfig"
  kubeconfig controller-manager "$dir/controller-manager.kubeconfig"
  kubeconfig scheduler "$dir/scheduler.kubeconfig"
  kubeconfig kwok "$dir/kwok.kubeconfig"
  kubeconfig operator "$dir/operator.kubeconfig"
  wait_for 90 kube-apiserver api_ready
  log "starting kube-controller-manager, kube-scheduler and kwok"
  start kube-controller-manager "$BIN/kube-controller-manager" \
    --kubeconfig "$dir/controller-manager.kubeconfig" \
    --authentication-kubeconfig "$dir/controller-manager.kubeconfig" \
    --authorization-kubeconfig "$dir/controller-manager.kubeconfig" \
    --bind-address 127.0.0.1 --secure-port "$cm_port" --leader-elect=false \
    --use-service-account-credentials \
    --service-account-private-key-file "$dir/pki/sa.key" --root-ca-file "$dir/pki/ca.crt" \
    --cluster-signing-cert-file "$dir/pki/ca.crt" --cluster-signing-key-file "$dir/pki/ca.key" \
    --kube-api-qps 200 --kube-api-burst 400 \
    --concurrent-deployment-syncs 20 --concurrent-replicaset-syncs 20 --concurrent-gc-syncs 50
  cat >"$dir/scheduler.yaml" <<SCHED
apiVersion: kubescheduler.config.k8s.io/v1
kind: KubeSchedulerConfiguration
clientConnection:
  kubeconfig: $dir/scheduler.kubeconfig
  qps: 200
  burst: 400
leaderElection:
  leaderElect: false
SCHED
  start kube-scheduler "$BIN/kube-scheduler" --config "$dir/scheduler.yaml" \
    --authentication-kubeconfig "$dir/scheduler.kubeconfig" \
    --authorization-kubeconfig "$dir/scheduler.kubeconfig" \
    --bind-address 127.0.0.1 --secure-port "$sched_port"
  start kwok "$BIN/kwok" --kubeconfig "$dir/kwok.kubeconfig" --config "$GANTRY_KWOK_STAGES" \
    --node-lease-duration-seconds 40 \
    --manage-all-nodes=false --manage-nodes-with-annotation-selector kwok.x-k8s.io/node=fake \
    --server-address "127.0.0.1:$kwok_port" --node-ip 127.0.0.1 --cidr 10.244.0.0/16
  wait_for 60 "the default ServiceAccount" service_account_ready
  fake_nodes
  wait_for 60 "$nodes Ready fake nodes" nodes_ready
  log "control plane up; KUBECONFIG=$dir/kubeconfig"
  echo "$dir/kubeconfig"
}

service_account_ready() { kubectl_ get serviceaccount default -n default >/dev/null 2>&1; }

nodes_ready() {
  [[ "$(kubectl_ get nodes -l type=kwok -o jsonpath='{range .items[*]}{.status.conditions[?(@.type=="Ready")].status}{"\n"}{end}' | grep -c True)" -ge "$nodes" ]]
}

case "$cmd" in
  up) up ;;
  down) stop_all; rm -rf "$dir"; log "stopped" ;;
  status) api_ready ;;
  *) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
