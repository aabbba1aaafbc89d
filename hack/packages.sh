#!/usr/bin/env bash
# Installs the Debian packages Gantry's scripts and tests use, when they are missing:
# unzip, openssl, curl and python3 (tool provisioning, the local control plane and etcd's PKI),
# prometheus with promtool (canary analysis and alert-rule tests) and postgresql (the coffee
# shop's databases, in the tests and the local run), chromium with chromium-driver (the dashboard's
# browser tests). Everything else is built or fetched by hack/tools.sh.
set -euo pipefail
missing=()
for tool in unzip:unzip openssl:openssl curl:curl python3:python3 prometheus:prometheus promtool:prometheus \
  chromium:chromium chromedriver:chromium-driver; do
  command -v "${tool%%:*}" >/dev/null || missing+=("${tool##*:}")
done
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)
((${#missing[@]})) || exit 0
packages=$(printf '%s\n' "${missing[@]}" | sort -u | tr '\n' ' ')
if [[ $(id -u) -eq 0 ]]; then
  sudo_=""
elif command -v sudo >/dev/null; then
  sudo_=sudo
else
  echo "packages: missing Debian packages: $packages(install them as root: apt-get install $packages)" >&2
  exit 1
fi
echo "packages: installing $packages" >&2
$sudo_ apt-get update -qq
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -qq $packages >/dev/null
