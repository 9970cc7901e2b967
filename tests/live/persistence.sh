#!/usr/bin/env bash
# Live: persistence. uvnd saves the network (uvn's devices and the kernel's addresses) after
# every change and rebuilds it at start; `uvn dump-config` prints the same commands; a clean
# shutdown removes the kernel namespaces, or leaves them and the TAPs with --keep, and a
# restarted uvnd takes them over. Real ping checks each stage.
. "$(dirname "$0")/lib.sh"
start_uvnd
bond_bridge_topology 10.77.1
uvn ip -n uvnt-a route add 10.77.9.0/24 via 10.77.1.2
sleep 0.3
ip netns exec uvnt-a ping -c 2 -i 0.2 -W 2 10.77.1.2
dump1=$(uvn dump-config)
echo "$dump1"
for want in "ip netns add uvnt-a" "ip -n uvnt-a link add bond0 type bond mode active-backup miimon 100" \
            "ip -n uvnt-a link set a0 master bond0" "ip -n uvnt-a addr add 10.77.1.1/24 dev bond0" \
            "ip -n uvnt-b addr add 10.77.1.2/24 dev br0" "ip -n uvnt-a route add 10.77.9.0/24 via 10.77.1.2 dev bond0"; do
  echo "$dump1" | grep -qxF -- "$want" || { echo "dump-config lacks: $want"; exit 1; }
done
# The state file holds the same (after its comment line).
[ "$(grep -v '^#' "$UVND_STATE")" = "$(echo "$dump1" | grep -v '^#')" ]
# A read-only command does not rewrite it.
before=$(stat -c %Y.%i "$UVND_STATE"); sleep 1.1
uvn ip -n uvnt-a link show bond0 >/dev/null
[ "$(stat -c %Y.%i "$UVND_STATE")" = "$before" ]

# 1. A clean shutdown removes the kernel's namespaces; a new uvnd rebuilds everything.
stop_uvnd
if ip netns list | grep -q '^uvnt-a'; then echo "uvnt-a left behind"; exit 1; fi
start_uvnd
uvn ip -n uvnt-a -d link show bond0 | grep -q "bond mode active-backup .*miimon 100"
sleep 0.5
ip netns exec uvnt-a ping -c 2 -i 0.2 -W 2 10.77.1.2
ip -n uvnt-a route show | grep -q "10.77.9.0/24 via 10.77.1.2 dev bond0"
[ "$(uvn dump-config)" = "$dump1" ]

# 2. --keep: the kernel's side stays (namespaces, TAPs and their addresses); the next uvnd
#    takes it over.
stop_uvnd
start_uvnd --keep
stop_uvnd
ip netns list | grep -q '^uvnt-a'
ip -n uvnt-a addr show dev bond0 | grep -q "10.77.1.1/24"
start_uvnd
sleep 0.5
ip netns exec uvnt-a ping -c 2 -i 0.2 -W 2 10.77.1.2
[ "$(uvn dump-config)" = "$dump1" ]
grep -q "failed" "$UVND_LOG" && echo "(expected) restore skipped what the kernel kept:" && grep "failed" "$UVND_LOG" | head -3
# Errors: a bad option of dump-config.
fails uvn dump-config bogus
echo "live persistence: ok"
