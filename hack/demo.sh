#!/usr/bin/env bash
# Gantry on the embedded default: provisions the tools, starts the local control plane
# (with the Istio and Prometheus-Operator CRDs), installs Gantry's CRDs, builds and runs the
# operator, applies examples/*.yaml and shows what the operator made of them; then starts a canary
# release of barista and the release dashboard, and prints how to drive the release.
#
#   hack/demo.sh          run it; the cluster and operator keep running afterwards
#   hack/demo.sh stop     stop the operator and the cluster
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
state="${GANTRY_DEMO_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/gantry/demo}"
cluster="$state/cluster"
export GANTRY_CLUSTER_DIR="$cluster"

stop() {
  for process in dashboard operator; do
    if [[ -f "$state/$process.pid" ]]; then
      kill "$(cat "$state/$process.pid")" 2>/dev/null || true
      rm -f "$state/$process.pid"
    fi
  done
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

step "A canary: barista's new image gets 20% of traffic and waits for a release manager"
kubectl patch msvc barista --type merge -p '{"spec":{"image":"coffee/barista:1.1.0"}}' >/dev/null
kubectl wait --for=jsonpath='{.status.phase}'=Paused --timeout=120s msvc/barista >/dev/null
"$root/operator/bin/kubectl-gantry" status barista

step "The release dashboard (with your kubeconfig's rights)"
if [[ -f "$state/dashboard.pid" ]] && kill -0 "$(cat "$state/dashboard.pid")" 2>/dev/null; then
  kill "$(cat "$state/dashboard.pid")"
fi
rm -f "$state/dashboard.out"
nohup "$root/operator/bin/kubectl-gantry" dashboard >"$state/dashboard.out" 2>&1 &
echo $! >"$state/dashboard.pid"
for _ in $(seq 1 60); do
  grep -q '^Gantry dashboard: ' "$state/dashboard.out" 2>/dev/null && break
  kill -0 "$(cat "$state/dashboard.pid")" 2>/dev/null || { cat "$state/dashboard.out" >&2; exit 1; }
  sleep 0.5
done
dashboard_url=$(sed -n 's/^Gantry dashboard: //p' "$state/dashboard.out")
[[ -n "$dashboard_url" ]] || { echo "demo: the dashboard did not start; see $state/dashboard.out" >&2; exit 1; }
echo "  $dashboard_url"

cat <<DONE

The cluster, the operator and the dashboard keep running. Open the dashboard:
  $dashboard_url
Drive barista's release from the page, or from a shell:
  export KUBECONFIG=$KUBECONFIG PATH=$root/operator/bin:$GANTRY_TOOLS_DIR/bin:\$PATH
  kubectl gantry status barista -w
  kubectl gantry set-weight barista 40 --reason "more traffic"
  kubectl gantry promote barista           # next step; --full for all the way
  kubectl gantry abort barista             # all traffic back to stable
  kubectl gantry history barista
Stop everything with: hack/demo.sh stop
DONE
