#!/usr/bin/env bash
# Installs the Debian 12 packages uvn needs to build and test, when any is missing.
set -euo pipefail
PKGS=(build-essential cmake ninja-build g++ clang libclang-rt-14-dev ccache
      libgtest-dev libgmock-dev libbenchmark-dev nlohmann-json3-dev libfmt-dev libabsl-dev
      iproute2 iputils-ping tshark tcpdump python3 libteam-utils iperf3 ethtool
      openvswitch-switch)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "Installing: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
