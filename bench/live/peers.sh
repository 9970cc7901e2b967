#!/usr/bin/env bash
# Side by side: two network namespaces joined through (1) the Linux kernel bridge, (2) Open
# vSwitch's userspace datapath (netdev, userspace TSO on), (3) vde_switch (taps), (4) a uvn
# bridge in uvnd adopting the two veth ends, with each way of receiving (TPACKET_V2 ring, the
# default; TPACKET_V3 ring; recvmmsg, also with busy polling), (5) a direct veth pair (the
# upper bound). For each, with NIC
# offloads on and then off in the namespaces: iperf3 TCP throughput, iperf3 UDP with 64-byte
# payloads (packets offered and lost) and ping RTT (200 echoes, 2 ms apart). Follows
# ../shared/bench/peers-baseline.sh, with uvn added. Needs root, iperf3, ethtool; Open vSwitch
# and vde2 where present (a peer that is missing is skipped).
#   sudo bench/live/peers.sh [build/src]      T=SECONDS per iperf3 run (default 5)
#   ONLY="kernel ovs vde uvn veth" picks some of the cases.
# Creates namespaces bl_a and bl_b and interfaces bl_* only, and removes them.
set -u
BIN=$(cd "${1:-$(dirname "$0")/../../build/src}" && pwd)
T=${T:-5}
SOCK=/tmp/bl_uvnd.sock
cleanup() {
  ip netns del bl_a 2>/dev/null; ip netns del bl_b 2>/dev/null
  ip link del bl_ah 2>/dev/null; ip link del bl_bh 2>/dev/null; ip link del bl_br 2>/dev/null
}
mkns() {
  cleanup
  ip netns add bl_a; ip netns add bl_b
  for n in a b; do ip -n bl_$n link set lo up; done
}
veths() {
  ip link add bl_ah type veth peer name eth0 netns bl_a
  ip link add bl_bh type veth peer name eth0 netns bl_b
  ip -n bl_a addr add 10.99.0.1/24 dev eth0; ip -n bl_b addr add 10.99.0.2/24 dev eth0
  ip -n bl_a link set eth0 up; ip -n bl_b link set eth0 up
  ip link set bl_ah up; ip link set bl_bh up
}
offload() {  # on|off on the namespace ends
  for n in a b; do for d in $(ip -n bl_$n -o link | awk -F': ' '$2!="lo"{print $2}' | cut -d@ -f1); do
    ip netns exec bl_$n ethtool -K "$d" tx "$1" gso "$1" tso "$1" >/dev/null 2>&1; done; done
}
measure() {
  local name=$1 tcp udp rtt
  ip netns exec bl_b iperf3 -s -D -1 -p 5201 >/dev/null; sleep 0.5
  tcp=$(timeout $((T+10)) ip netns exec bl_a iperf3 -c 10.99.0.2 -p 5201 -t "$T" --connect-timeout 2000 -J 2>/dev/null |
        python3 -c 'import json,sys; d=json.load(sys.stdin); print("%.2f"%(d["end"]["sum_received"]["bits_per_second"]/1e9))' 2>/dev/null)
  ip netns exec bl_b iperf3 -s -D -1 -p 5202 >/dev/null; sleep 0.5
  udp=$(timeout $((T+10)) ip netns exec bl_a iperf3 -c 10.99.0.2 -p 5202 -u -b 0 -l 64 -t "$T" --connect-timeout 2000 -J 2>/dev/null |
        python3 -c 'import json,sys; d=json.load(sys.stdin); s=d["end"]["sum"]; print("%.3f Mpps offered, %.1f%% lost"%(s["packets"]/s["seconds"]/1e6, s["lost_percent"]))' 2>/dev/null)
  rtt=$(ip netns exec bl_a ping -c 200 -i 0.002 -W 1 -q 10.99.0.2 2>/dev/null | awk -F/ '/rtt/{printf "%.0f us", $5*1000}')
  pkill -f "iperf3 -s -D -1 -p 520" 2>/dev/null
  echo "| $name | ${tcp:-FAIL} | ${udp:-FAIL} | ${rtt:-FAIL} |"
}
want() { [ -z "${ONLY:-}" ] || [[ " $ONLY " == *" $1 "* ]]; }
measure2() { offload on; measure "$1, offloads on"; offload off; measure "$1, offloads off"; }
echo "| path | TCP Gbit/s | UDP 64-byte | ping RTT (avg) |"
echo "|---|---|---|---|"
# 1. kernel bridge
if want kernel; then
  mkns; veths
  ip link add bl_br type bridge; ip link set bl_br up
  ip link set bl_ah master bl_br; ip link set bl_bh master bl_br
  sleep 1; measure2 "Linux bridge"
  cleanup
fi
# 2. Open vSwitch, userspace datapath
if want ovs && command -v ovs-vswitchd >/dev/null; then
  D=/tmp/bl_ovs; rm -rf $D; mkdir -p $D
  export OVS_RUNDIR=$D OVS_DBDIR=$D OVS_LOGDIR=$D
  ovsdb-tool create $D/conf.db /usr/share/openvswitch/vswitch.ovsschema
  ovsdb-server $D/conf.db --remote=punix:$D/db.sock --pidfile=$D/db.pid --detach --log-file=$D/db.log
  ovs-vsctl --timeout=20 --db=unix:$D/db.sock --no-wait init
  ovs-vsctl --timeout=20 --db=unix:$D/db.sock --no-wait set Open_vSwitch . other_config:userspace-tso-enable=true
  ovs-vswitchd unix:$D/db.sock --pidfile=$D/vs.pid --detach --log-file=$D/vs.log
  mkns; veths
  ovs-vsctl --timeout=20 --db=unix:$D/db.sock add-br blovs -- set bridge blovs datapath_type=netdev
  ovs-vsctl --timeout=20 --db=unix:$D/db.sock add-port blovs bl_ah -- add-port blovs bl_bh
  sleep 2; measure2 "Open vSwitch userspace (netdev)"
  kill "$(cat $D/vs.pid)" 2>/dev/null; sleep 1
  kill "$(cat $D/db.pid)" 2>/dev/null; ip link del blovs 2>/dev/null
  ip link del ovs-netdev 2>/dev/null  # the netdev datapath's own port
  rm -rf $D
  cleanup
fi
# 3. vde_switch with taps moved into the namespaces
if want vde && command -v vde_switch >/dev/null; then
  mkns
  ip tuntap add bl_ta mode tap; ip tuntap add bl_tb mode tap
  vde_switch -d -s /tmp/bl_vde.ctl -p /tmp/bl_vde.pid -t bl_ta -t bl_tb 2>/dev/null
  sleep 1
  ip link set bl_ta netns bl_a; ip link set bl_tb netns bl_b
  ip -n bl_a addr add 10.99.0.1/24 dev bl_ta; ip -n bl_b addr add 10.99.0.2/24 dev bl_tb
  ip -n bl_a link set bl_ta up; ip -n bl_b link set bl_tb up
  sleep 1; measure2 "vde_switch (taps)"
  kill "$(cat /tmp/bl_vde.pid)" 2>/dev/null; rm -rf /tmp/bl_vde.ctl /tmp/bl_vde.pid
  cleanup
fi
# 4-5. uvn: a bridge in uvnd, the two veth ends adopted (ip link add NAME type host)
uvn_case() {
  local label=$1; shift
  [[ "$label" == *${UVN_CASES:-}* ]] || return 0
  mkns; veths
  rm -f $SOCK
  "$BIN/uvnd" --foreground --socket $SOCK --state none "$@" >/tmp/bl_uvnd.log 2>&1 &
  local pid=$!
  for _ in $(seq 50); do [ -S $SOCK ] && break; sleep 0.1; done
  for c in "link add bl_ah type host" "link add bl_bh type host" "link add br0 type bridge" \
           "link set bl_ah master br0" "link set bl_bh master br0" "link set bl_ah up" \
           "link set bl_bh up" "link set br0 up"; do
    # shellcheck disable=SC2086
    UVN_SOCKET=$SOCK "$BIN/uvn" ip $c || echo "uvn ip $c failed"
  done
  sleep 1; measure2 "$label"
  kill -TERM $pid; wait $pid 2>/dev/null
  cleanup
}
if want uvn; then
  uvn_case "uvn bridge (TPACKET_V2 ring, the default)"
  uvn_case "uvn bridge (TPACKET_V3 ring)" --packet-rx tpacket-v3
  uvn_case "uvn bridge (recvmmsg)" --packet-rx mmsg
  uvn_case "uvn bridge (recvmmsg, busy-poll 100 us)" --packet-rx mmsg --busy-poll 100
fi
# 6. direct veth pair, no switch (upper bound)
if want veth; then
  mkns
  ip link add eth0 netns bl_a type veth peer name eth0 netns bl_b
  ip -n bl_a addr add 10.99.0.1/24 dev eth0; ip -n bl_b addr add 10.99.0.2/24 dev eth0
  ip -n bl_a link set eth0 up; ip -n bl_b link set eth0 up
  sleep 1; measure2 "direct veth pair"
  cleanup
fi
