#!/usr/bin/env bash
# Installs the Debian 12 packages uvn needs to build and test, when any is missing.
set -euo pipefail
PKGS=(build-essential cmake ninja-build g++ clang libclang-rt-14-dev ccache
      libgtest-dev libgmock-dev libbenchmark-dev nlohmann-json3-dev libfmt-dev libabsl-dev
      iproute2 iputils-ping tshark tcpdump python3 libteam-utils iperf3 ethtool)
# For one live test only (LACP against Open vSwitch, which skips without it): a failure to
# install it must not stop the build.
OPTIONAL=(openvswitch-switch)
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
opt_missing=()
for p in "${OPTIONAL[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || opt_missing+=("$p")
done
if [ ${#opt_missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "Installing (optional): ${opt_missing[*]}"
  [ ${#missing[@]} -gt 0 ] || $SUDO apt-get update -qq || true
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${opt_missing[@]}" >/dev/null ||
    echo "deps: could not install ${opt_missing[*]}; the tests that need it will be skipped"
fi
