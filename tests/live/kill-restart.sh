#!/usr/bin/env bash
# Live: uvnd killed with SIGKILL under traffic, then restarted. The kernel namespaces it made
# outlive it (their TAPs die with its descriptors); the new uvnd takes the namespaces over,
# recreates the TAPs and re-adopts the kernel interface, from the state file, and traffic
# flows again: the same configuration (dump-config unchanged), the kernel's addresses back.
# A clean stop at the end leaves nothing behind.
. "$(dirname "$0")/lib.sh"
start_uvnd
bond_bridge_topology 10.77.3
# An adopted interface too: a kernel veth from uvnt-b's bridge to kernel-only uvnt-kh.
ip netns add uvnt-kh
ip -n uvnt-b link add kx type veth peer name eth0 netns uvnt-kh
ip -n uvnt-kh addr add 10.77.3.3/24 dev eth0
ip -n uvnt-kh link set eth0 up
uvn ip -n uvnt-b link add kx type host
uvn ip -n uvnt-b link set kx master br0
uvn ip -n uvnt-b link set kx up
sleep 0.5
ip netns exec uvnt-a ping -c 2 -i 0.2 -W 2 10.77.3.2
ip netns exec uvnt-a ping -c 2 -i 0.2 -W 2 10.77.3.3
before=$(uvn dump-config)
# Under traffic: a ping every 10 ms while uvnd dies.
ip netns exec uvnt-a ping -q -c 100 -i 0.01 -W 1 10.77.3.3 >/dev/null 2>&1 &
pinger=$!
sleep 0.3
kill -KILL "$UVND_PID"; wait "$UVND_PID" 2>/dev/null || true; UVND_PID=
wait "$pinger" || true
ip netns list | grep -q '^uvnt-a'   # the kernel's side outlived uvnd
rm -f "$UVN_SOCKET"                  # a killed uvnd leaves its socket
start_uvnd
sleep 0.5
[ "$(uvn dump-config)" = "$before" ] || { echo "the configuration changed:"; diff <(echo "$before") <(uvn dump-config); exit 1; }
ip -n uvnt-a addr show dev bond0 | grep -q "10.77.3.1/24"
ip netns exec uvnt-a ping -c 2 -i 0.2 -W 2 10.77.3.2
ip netns exec uvnt-a ping -c 2 -i 0.2 -W 2 10.77.3.3
# A clean stop now removes the namespaces uvnd made (kx goes with uvnt-b).
stop_uvnd
for ns in uvnt-a uvnt-b; do
  if ip netns list | grep -q "^$ns"; then echo "$ns left behind"; exit 1; fi
done
echo "live kill-restart: ok"
