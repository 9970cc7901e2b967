# Shared by the live tests: start uvnd on a private socket, run uvn commands against it, and
# clean everything up on exit (also after a failure). Tests use only their own namespaces
# (uvnt-*) and 10.x addresses. Skips (exit 77) without root or /dev/net/tun.
set -euo pipefail
UVN=${1:?usage: $0 PATH/TO/uvn}
UVND=$(dirname "$UVN")/uvnd
[ "$(id -u)" -eq 0 ] || { echo "live test: needs root"; exit 77; }
[ -c /dev/net/tun ] || { echo "live test: no /dev/net/tun"; exit 77; }
command -v ip >/dev/null || { echo "live test: no iproute2"; exit 77; }
# Namespaces and TAP devices must be allowed here (a container may forbid them).
probe=uvnt-probe-$$
if ! ip netns add "$probe" 2>/dev/null; then echo "live test: cannot make namespaces"; exit 77; fi
if ! ip -n "$probe" tuntap add dev uvntprobe mode tap 2>/dev/null; then
  ip netns del "$probe"; echo "live test: cannot make TAP devices"; exit 77
fi
ip netns del "$probe"
export UVN_SOCKET=$(mktemp -u /tmp/uvnd-test.XXXXXX.sock)
UVND_LOG=$(mktemp /tmp/uvnd-test.XXXXXX.log)
UVND_STATE=$(mktemp -u /tmp/uvnd-test.XXXXXX.conf)
TMPD=$(mktemp -d /tmp/uvnt-test.XXXXXX)  # the test's scratch files, removed with it
UVND_PID=
cleanup() {
  if [ -n "$UVND_PID" ]; then kill -TERM "$UVND_PID" 2>/dev/null || true; wait "$UVND_PID" 2>/dev/null || true; fi
  # Whatever uvnd could not remove (it removes its own namespaces on SIGTERM).
  for ns in $(ip netns list | awk '{print $1}' | grep '^uvnt-' || true); do ip netns del "$ns" || true; done
  rm -f "$UVN_SOCKET" "$UVND_LOG" "$UVND_STATE"
  rm -rf "$TMPD"
}
trap cleanup EXIT
# start_uvnd [UVND OPTIONS...]; stop_uvnd: SIGTERM and wait (a clean shutdown).
start_uvnd() {
  "$UVND" --foreground --socket "$UVN_SOCKET" --state "$UVND_STATE" ${UVND_ARGS:-} "$@" >>"$UVND_LOG" 2>&1 &
  UVND_PID=$!
  for _ in $(seq 50); do [ -S "$UVN_SOCKET" ] && return 0; sleep 0.1; done
  echo "uvnd did not start:"; cat "$UVND_LOG"; exit 1
}
stop_uvnd() {
  kill -TERM "$UVND_PID"; wait "$UVND_PID" || true; UVND_PID=
}
uvn() { "$UVN" "$@"; }
# iperf3 SERVER_NS CLIENT_NS SERVER_IP LABEL: a 2-second TCP test with the real iperf3 between
# two kernel namespaces; prints the rate, fails if no data went through. Skipped (with a
# note) where iperf3 is not installed.
iperf3_check() {
  command -v iperf3 >/dev/null || { echo "$4: iperf3 not installed, skipped"; return 0; }
  local port=$((5300 + RANDOM % 500)) json rate
  ip netns exec "$1" iperf3 -s -1 -p $port >/dev/null 2>&1 &
  local srv=$!
  sleep 0.4
  json=$(ip netns exec "$2" timeout 20 iperf3 -c "$3" -p $port -t 2 -J) || { kill $srv 2>/dev/null; echo "$4: iperf3 failed"; return 1; }
  wait $srv 2>/dev/null || true
  rate=$(echo "$json" | python3 -c 'import json,sys; print("%.2f" % (json.load(sys.stdin)["end"]["sum_received"]["bits_per_second"]/1e9))')
  echo "$4: iperf3 TCP $rate Gbit/s"
  python3 -c "import sys; sys.exit(0 if float('$rate') > 0 else 1)"
}
# `! cmd` does not stop a `set -e` script; this does.
fails() { if "$@"; then echo "expected to fail: $*"; exit 1; fi; }
# bond_bridge_topology NET: namespaces uvnt-a and uvnt-b joined by two uvn veth pairs; in
# uvnt-a a bond (active-backup, miimon 100) over a0 and a1 with NET.1/24, in uvnt-b a bridge
# over b0 and b1 with NET.2/24 (the seed's bond section, live).
bond_bridge_topology() {
  uvn ip netns add uvnt-a
  uvn ip netns add uvnt-b
  uvn ip link add a0 netns uvnt-a type veth peer name b0 netns uvnt-b
  uvn ip link add a1 netns uvnt-a type veth peer name b1 netns uvnt-b
  uvn ip -n uvnt-a link add bond0 type bond mode active-backup miimon 100
  uvn ip -n uvnt-a link set a0 master bond0
  uvn ip -n uvnt-a link set a1 master bond0
  uvn ip -n uvnt-b link add br0 type bridge
  uvn ip -n uvnt-b link set b0 master br0
  uvn ip -n uvnt-b link set b1 master br0
  for d in b0 b1 br0; do uvn ip -n uvnt-b link set $d up; done
  uvn ip -n uvnt-a link set bond0 up
  uvn ip -n uvnt-a addr add "$1.1/24" dev bond0
  uvn ip -n uvnt-b addr add "$1.2/24" dev br0
}
