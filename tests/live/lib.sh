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
UVND_PID=
cleanup() {
  if [ -n "$UVND_PID" ]; then kill -TERM "$UVND_PID" 2>/dev/null || true; wait "$UVND_PID" 2>/dev/null || true; fi
  # Whatever uvnd could not remove (it removes its own namespaces on SIGTERM).
  for ns in $(ip netns list | awk '{print $1}' | grep '^uvnt-' || true); do ip netns del "$ns" || true; done
  rm -f "$UVN_SOCKET" "$UVND_LOG"
}
trap cleanup EXIT
start_uvnd() {
  "$UVND" --foreground --socket "$UVN_SOCKET" ${UVND_ARGS:-} >"$UVND_LOG" 2>&1 &
  UVND_PID=$!
  for _ in $(seq 50); do [ -S "$UVN_SOCKET" ] && return 0; sleep 0.1; done
  echo "uvnd did not start:"; cat "$UVND_LOG"; exit 1
}
uvn() { "$UVN" "$@"; }
# `! cmd` does not stop a `set -e` script; this does.
fails() { if "$@"; then echo "expected to fail: $*"; exit 1; fi; }
