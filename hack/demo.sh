#!/usr/bin/env bash
# Gantry on the embedded default: provisions the tools, starts the local control plane
# (with the Istio and Prometheus-Operator CRDs), installs Gantry's CRDs, builds and runs the
# operator, applies examples/*.yaml and shows what the operator made of them.
#
#   hack/demo.sh          run it; the cluster and operator keep running afterwards
#   hack/demo.sh stop     stop the operator and the cluster
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
state="${GANTRY_DEMO_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/gantry/demo}"
cluster="$state/cluster"
export GANTRY_CLUSTER_DIR="$cluster"

stop() {
  if [[ -f "$state/operator.pid" ]]; then
    kill "$(cat "$state/operator.pid")" 2>/dev/null || true
    rm -f "$state/operator.pid"
  fi
  "$root/hack/local-cluster.sh" down --dir "$cluster"
}

if [[ "${1:-}" == "stop" ]]; then stop; exit 0; fi

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "Tools (built once into ${GANTRY_TOOLS_DIR:-~/.cache/gantry/tools})"
"$root/hack/packages.sh"
"$root/hack/tools.sh" >/dev/null
eval "$("$root/hack/tools.sh" --env)"
mkdir -p "$state"

step "Local control plane: etcd, kube-apiserver, controller-manager, scheduler, kwok"
kubeconfig="$("$root/hack/local-cluster.sh" up --dir "$cluster")"
export KUBECONFIG="$kubeconfig"

step "CRDs: Gantry's, and Istio's and Prometheus-Operator's so routes and monitors are made too"
kubectl apply --server-side --force-conflicts -f "$root/crds/" >/dev/null
kubectl apply --server-side --force-conflicts -f "$GANTRY_THIRD_PARTY_CRDS/istio.yaml" >/dev/null
kubectl apply --server-side --force-conflicts -f "$GANTRY_THIRD_PARTY_CRDS/prometheus-operator.yaml" >/dev/null
kubectl wait --for=condition=Established --timeout=60s crd --all >/dev/null
kubectl get crd -o name | sed 's/^/  /'

step "Operator: build and start"
"$root/mvnw" -q -B -f "$root/pom.xml" -pl operator -am package -DskipTests
if [[ -f "$state/operator.pid" ]] && kill -0 "$(cat "$state/operator.pid")" 2>/dev/null; then
  kill "$(cat "$state/operator.pid")"
fi
KUBECONFIG="$cluster/operator.kubeconfig" GANTRY_LEASE_NAMESPACE=default GANTRY_METRICS_PORT=0 \
  GANTRY_ETCD_ENDPOINTS=http://etcd.gantry-system.svc:2379 \
  GANTRY_KAFKA_BOOTSTRAP_SERVERS=kafka.gantry-system.svc:9092 \
  GANTRY_KAFKA_TOPICS='order-placed=default;order-status=default' \
  nohup java -jar "$(ls "$root"/operator/target/gantry-operator-*.jar | grep -v -- '-tests.jar$')" \
  >"$state/operator.log" 2>&1 &
echo $! >"$state/operator.pid"
echo "  pid $(cat "$state/operator.pid"), log $state/operator.log"

step "Microservices from examples/"
kubectl apply -f "$root/examples/" 
kubectl wait --for=condition=Ready --timeout=120s microservices --all

step "kubectl get microservices"
kubectl get microservices -o wide
step "What the operator made"
kubectl get deployments,replicasets,pods,services,configmaps,poddisruptionbudgets,horizontalpodautoscalers \
  -l app.kubernetes.io/managed-by=gantry-operator
kubectl get virtualservices,destinationrules,servicemonitors -l app.kubernetes.io/managed-by=gantry-operator
step "Events"
kubectl get events --field-selector involvedObject.kind=Microservice --sort-by=.lastTimestamp

cat <<DONE

The cluster and the operator keep running. Try:
  export KUBECONFIG=$KUBECONFIG PATH=$GANTRY_TOOLS_DIR/bin:\$PATH
  kubectl patch msvc order --type merge -p '{"spec":{"image":"coffee/order:1.1.0"}}'
  kubectl get msvc -w
Stop everything with: hack/demo.sh stop
DONE
