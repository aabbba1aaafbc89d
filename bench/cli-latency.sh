#!/usr/bin/env bash
# kubectl gantry's latency as a user sees it: the whole operator/bin/kubectl-gantry process
# (JVM start to exit), p50/p99 over N runs (default 30) of `status` and of one action
# (`set-weight`, which waits for the operator's answer), on a fresh local control plane with the
# packaged operator running. Printed beside the baselines: 1.7 s a command before the CLI was
# made fast (the issue), ~0.1 s for Argo Rollouts' kubectl plugin (a Go binary).
#
#   bench/cli-latency.sh [N]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-30}"
"$root/hack/tools.sh" >/dev/null
eval "$("$root/hack/tools.sh" --env)"
"$root/mvnw" -q -B -f "$root/pom.xml" -pl operator -am package -DskipTests

work="$(mktemp -d)"
operator_pid=
cleanup() {
  [[ -n "$operator_pid" ]] && kill "$operator_pid" 2>/dev/null || true
  "$root/hack/local-cluster.sh" down --dir "$work/cluster" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

export KUBECONFIG
KUBECONFIG="$("$root/hack/local-cluster.sh" up --dir "$work/cluster" 2>/dev/null)"
kubectl apply --server-side --force-conflicts -f "$root/crds/" >/dev/null
kubectl apply --server-side --force-conflicts -f "$GANTRY_THIRD_PARTY_CRDS/istio.yaml" >/dev/null
kubectl apply --server-side --force-conflicts -f "$GANTRY_THIRD_PARTY_CRDS/prometheus-operator.yaml" >/dev/null
kubectl wait --for=condition=Established --timeout=60s crd --all >/dev/null

jar="$(ls "$root"/operator/target/gantry-operator-*.jar | grep -v -- '-tests.jar$')"
KUBECONFIG="$work/cluster/operator.kubeconfig" GANTRY_LEASE_NAMESPACE=default GANTRY_METRICS_PORT=0 \
  java @"$root/operator/jvm.options" -jar "$jar" >"$work/operator.log" 2>&1 &
operator_pid=$!

microservice() { # microservice IMAGE_TAG
  kubectl apply -f - >/dev/null <<YAML
apiVersion: gantry.dev/v1alpha1
kind: Microservice
metadata: {name: bench}
spec:
  image: shop/bench:$1
  replicas: 2
  rollout: {strategy: Canary, canary: {steps: [{setWeight: 10}, {pause: {}}]}}
YAML
}
phase() { kubectl get microservice bench -o jsonpath='{.status.phase}' 2>/dev/null; }
await_phase() {
  local deadline=$((SECONDS + 120))
  until [[ "$(phase)" == "$1" ]]; do
    ((SECONDS < deadline)) || { echo "bench: Microservice never reached $1; $work/operator.log" >&2; exit 1; }
    sleep 0.5
  done
}
microservice 1
await_phase Healthy
microservice 2
await_phase Paused

cli="$root/operator/bin/kubectl-gantry"
# time_runs FILE COMMAND...: N runs (after 2 unrecorded), seconds of each, one a line
time_runs() {
  local file="$1"; shift
  local i start end
  for i in $(seq -2 "$runs"); do
    start=$(date +%s%N)
    "$@" >/dev/null || { echo "bench: $* failed" >&2; exit 1; }
    end=$(date +%s%N)
    ((i > 0)) && echo "$(( (end - start) / 1000000 ))" >>"$file"
  done
  return 0
}
time_runs "$work/status" "$cli" status bench
weight=20
set_weight() { weight=$((weight == 20 ? 30 : 20)); "$cli" set-weight bench "$weight" --reason bench; }
time_runs "$work/set-weight" set_weight

# percentile FILE P: nearest rank, in seconds
percentile() {
  sort -n "$1" | awk -v p="$2" '{v[NR] = $1} END {r = int((p / 100) * NR + 0.999999); if (r < 1) r = 1; printf "%.2f", v[r] / 1000}'
}
echo "kubectl gantry, whole process, $runs runs each ($(nproc) cores, $(java -version 2>&1 | head -1))"
printf '%-12s %8s %8s   %-16s %-20s\n' command p50_s p99_s "before (issue)" "Argo Rollouts plugin"
for c in status set-weight; do
  printf '%-12s %8s %8s   %-16s %-20s\n' "$c" "$(percentile "$work/$c" 50)" "$(percentile "$work/$c" 99)" "1.7" "~0.1"
done
