#!/usr/bin/env bash
# Secures an etcd that serves Gantry's service registry: TLS and authentication, with one etcd user
# per service that may write only its own instances. Used by hack/coffee-shop.sh and by the tests'
# EtcdServer, so the secure set-up that runs every day is the one that is tested.
#
#   hack/etcd-security.sh pki DIR
#       makes DIR/ca.crt and a server certificate for 127.0.0.1/localhost (DIR/server.crt,
#       DIR/server.key); keeps what DIR already has
#   hack/etcd-security.sh grant ENDPOINT DIR NAMESPACE SERVICE...
#       on the etcd at ENDPOINT (https, trusting DIR/ca.crt): a user and a role per service, both
#       named NAMESPACE.SERVICE as the operator names them — read and write under
#       /gantry/instances/NAMESPACE/SERVICE/, read under /gantry/instances/NAMESPACE/ — with a
#       random password in DIR/users/NAMESPACE.SERVICE.password; then
#       authentication on (the root user's password in DIR/users/root.password). Users that exist
#       keep their passwords; run again after a restart, it adds only what is missing.
#
# The roles are what a platform engineer creates on a production etcd (etcdctl role grant-permission
# --prefix); see services/README.md, "Securing the registry".
set -euo pipefail

die() { echo "etcd-security: $*" >&2; exit 2; }

pki() {
  local dir="$1"
  mkdir -p "$dir"
  [[ -s "$dir/ca.crt" && -s "$dir/server.crt" ]] && return 0
  openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=gantry-etcd-ca" \
    -keyout "$dir/ca.key" -out "$dir/ca.crt" 2>/dev/null
  printf '%s\n' "basicConstraints=CA:FALSE" "keyUsage=digitalSignature,keyEncipherment" \
    "extendedKeyUsage=serverAuth" "subjectAltName=IP:127.0.0.1,DNS:localhost" >"$dir/server.ext"
  openssl req -newkey rsa:2048 -nodes -subj "/CN=gantry-etcd" \
    -keyout "$dir/server.key" -out "$dir/server.csr" 2>/dev/null
  openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial \
    -days 30 -extfile "$dir/server.ext" -out "$dir/server.crt" 2>/dev/null
  chmod 600 "$dir/ca.key" "$dir/server.key"
}

b64() { printf '%s' "$1" | base64 -w0; }

# The first key after every key that starts with PREFIX: etcd's range end for a prefix.
prefix_end() { # the prefixes here end in "/", and "0" follows "/"
  b64 "${1%/}0"
}

grant() {
  local endpoint="$1" dir="$2" namespace="$3"
  shift 3
  [[ "$endpoint" == https://* ]] || die "grant needs an https endpoint, not $endpoint: passwords would travel in clear"
  local users="$dir/users" token=""
  mkdir -p "$users"
  chmod 700 "$users"
  call() { # call PATH JSON: a v3 API call through etcd's JSON gateway
    curl -fsS --cacert "$dir/ca.crt" ${token:+-H "Authorization: $token"} -X POST \
      "$endpoint/v3/$1" -d "$2"
  }
  password() { # password NAME: the user's password, made once
    [[ -s "$users/$1.password" ]] || { openssl rand -hex 24 | tr -d '\n' >"$users/$1.password"; chmod 600 "$users/$1.password"; }
    cat "$users/$1.password"
  }
  local root
  root="$(password root)"
  as_root() { # a token for root; fails while authentication is off
    call auth/authenticate "{\"name\":\"root\",\"password\":\"$root\"}" 2>/dev/null |
      sed -n 's/.*"token":"\([^"]*\)".*/\1/p'
  }
  token="$(as_root || true)"
  if [[ -z "$token" ]]; then
    call auth/user/add "{\"name\":\"root\",\"password\":\"$root\"}" >/dev/null 2>&1 || true
    call auth/role/add '{"name":"root"}' >/dev/null 2>&1 || true
    call auth/user/grant '{"user":"root","role":"root"}' >/dev/null 2>&1 ||
      die "could not set up root at $endpoint: authentication is on and $users/root.password is not root's password"
    call auth/enable '{}' >/dev/null
    token="$(as_root)"
  fi
  [[ -n "$token" ]] || die "could not authenticate as root at $endpoint"
  local service user own shared="/gantry/instances/$namespace/"
  for service in "$@"; do
    user="$namespace.$service" own="$shared$service/"
    if ! call auth/user/get "{\"name\":\"$user\"}" >/dev/null 2>&1; then
      call auth/user/add "{\"name\":\"$user\",\"password\":\"$(password "$user")\"}" >/dev/null
    fi
    call auth/role/add "{\"name\":\"$user\"}" >/dev/null 2>&1 || true
    call auth/role/grant "{\"name\":\"$user\",\"perm\":{\"permType\":\"READWRITE\",\"key\":\"$(b64 "$own")\",\"range_end\":\"$(prefix_end "$own")\"}}" >/dev/null
    call auth/role/grant "{\"name\":\"$user\",\"perm\":{\"permType\":\"READ\",\"key\":\"$(b64 "$shared")\",\"range_end\":\"$(prefix_end "$shared")\"}}" >/dev/null
    call auth/user/grant "{\"user\":\"$user\",\"role\":\"$user\"}" >/dev/null
  done
}

case "${1:-}" in
  pki) [[ $# -eq 2 ]] || die "usage: $0 pki DIR"; pki "$2" ;;
  grant) [[ $# -ge 5 ]] || die "usage: $0 grant ENDPOINT DIR NAMESPACE SERVICE..."; shift; grant "$@" ;;
  *) die "usage: $0 pki DIR | grant ENDPOINT DIR NAMESPACE SERVICE..." ;;
esac
