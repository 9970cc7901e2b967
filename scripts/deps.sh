#!/usr/bin/env bash
# Installs the Debian 12 packages uvn needs to build and test, when any is missing.
set -euo pipefail
PKGS=(build-essential cmake ninja-build g++ clang libclang-rt-14-dev ccache
      libgtest-dev libgmock-dev libbenchmark-dev nlohmann-json3-dev libfmt-dev libabsl-dev
      iproute2 iputils-ping tshark tcpdump python3 libteam-utils iperf3 ethtool)
# For one live test only (LACP against Open vSwitch, which skips without it): a failure to
# install it must not stop the build.
OPTIONAL=(openvswitch-switch)
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
updated=
# install REQUIRED(yes|no) PACKAGE...: installs those not installed yet.
install() {
  local required=$1 missing=() p
  shift
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -gt 0 ] || return 0
  echo "Installing: ${missing[*]}"
  [ -n "$updated" ] || { $SUDO apt-get update -qq; updated=1; }
  if ! DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null; then
    [ "$required" = no ] || return 1
    echo "deps: could not install ${missing[*]}; the tests that need it will be skipped"
  fi
}
install yes "${PKGS[@]}"
install no "${OPTIONAL[@]}"
