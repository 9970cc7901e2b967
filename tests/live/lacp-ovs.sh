#!/usr/bin/env bash
# Live interoperability: a uvn bond in 802.3ad mode negotiates LACP with Open vSwitch (its
# userspace datapath, lacp=active, fast LACPDUs) over two veth pairs, carries a real ping to
# a host behind OVS, and keeps it going when one member goes down. OVS runs privately (its
# own database and run directory) inside kernel namespace uvnt-ovs; uvn adopts the veth ends
# in uvnt-sw. Skips (77) where Open vSwitch is not installed.
. "$(dirname "$0")/lib.sh"
command -v ovs-vswitchd >/dev/null || { echo "live test: no Open vSwitch"; exit 77; }
OVSD=$(mktemp -d /tmp/uvnt-ovs.XXXXXX)
export OVS_RUNDIR=$OVSD OVS_DBDIR=$OVSD OVS_LOGDIR=$OVSD
stop_ovs() {
  for p in ovs-vswitchd ovsdb-server; do
    [ -f "$OVSD/$p.pid" ] && kill "$(cat "$OVSD/$p.pid")" 2>/dev/null || true
  done
  sleep 0.3; rm -rf "$OVSD"
}
trap 'stop_ovs; cleanup' EXIT
vsctl() { ovs-vsctl --timeout=20 --db=unix:$OVSD/db.sock "$@"; }
start_uvnd
uvn ip netns add uvnt-sw
ip netns add uvnt-ovs
ip netns add uvnt-oh
for i in 1 2; do ip -n uvnt-sw link add u$i type veth peer name o$i netns uvnt-ovs; done
ip -n uvnt-ovs link add o3 type veth peer name eth0 netns uvnt-oh
ip -n uvnt-oh addr add 10.79.0.1/24 dev eth0
ip -n uvnt-oh link set eth0 up
for d in o1 o2 o3 lo; do ip -n uvnt-ovs link set $d up; done
ovsdb-tool create "$OVSD/conf.db" /usr/share/openvswitch/vswitch.ovsschema
ovsdb-server "$OVSD/conf.db" --remote=punix:$OVSD/db.sock --pidfile="$OVSD/ovsdb-server.pid" \
  --detach --log-file="$OVSD/db.log"
vsctl --no-wait init
ip netns exec uvnt-ovs ovs-vswitchd unix:$OVSD/db.sock --pidfile="$OVSD/ovs-vswitchd.pid" \
  --detach --log-file="$OVSD/vs.log"
vsctl add-br obr -- set bridge obr datapath_type=netdev
vsctl add-bond obr lag o1 o2 lacp=active bond_mode=balance-slb -- \
  set port lag other_config:lacp-time=fast
vsctl add-port obr o3
ip -n uvnt-ovs link set obr up 2>/dev/null || true

uvn ip -n uvnt-sw link add bond0 type bond mode 802.3ad lacp_rate fast miimon 100
for i in 1 2; do uvn ip -n uvnt-sw link add u$i type host; uvn ip -n uvnt-sw link set u$i master bond0; done
uvn ip -n uvnt-sw link set bond0 up
uvn ip -n uvnt-sw addr add 10.79.0.2/24 dev bond0
# Negotiated: OVS sees both members current and attached; uvn's members are in sync,
# collecting and distributing on both sides, in one aggregator.
ok=
for _ in $(seq 100); do
  show=$(ovs-appctl -t ovs-vswitchd lacp/show lag 2>/dev/null || true)
  if echo "$show" | grep -q "status: active negotiated" &&
     [ "$(echo "$show" | grep -c 'current attached')" = 2 ] &&
     uvn ip -n uvnt-sw -d link show u1 | grep -q "ad_actor_oper_port_state_str <[a-z_,]*collecting,distributing>" &&
     uvn ip -n uvnt-sw -d link show u2 | grep -q "ad_actor_oper_port_state_str <[a-z_,]*collecting,distributing>"
  then ok=1; break; fi
  sleep 0.2
done
[ -n "$ok" ] || { echo "OVS did not negotiate:"; echo "$show"; uvn ip -n uvnt-sw -d link show u1; exit 1; }
echo "$show" | grep -E "status|member"
for i in 1 2; do
  uvn ip -n uvnt-sw -d link show u$i | grep -q "ad_partner_oper_port_state_str <active,short_timeout,aggregating,in_sync,collecting,distributing>"
done
agg1=$(uvn ip -n uvnt-sw -d link show u1 | sed -n 's/.* ad_aggregator_id \([0-9]*\) .*/\1/p')
agg2=$(uvn ip -n uvnt-sw -d link show u2 | sed -n 's/.* ad_aggregator_id \([0-9]*\) .*/\1/p')
[ -n "$agg1" ] && [ "$agg1" = "$agg2" ]
out=$(ip netns exec uvnt-sw ping -c 3 -i 0.2 -W 2 10.79.0.1); echo "$out"
# Each echo answered once: the kernel stack of the members (kept off by uvn) answers none.
if echo "$out" | grep -q DUP; then echo "duplicate replies"; exit 1; fi
# Failover: the member carrying the echo requests goes down under a ping every 20 ms.
txp() { uvn ip -n uvnt-sw -s -j link show "$1" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["stats64"]["tx"]["packets"])'; }
a1=$(txp u1); a2=$(txp u2)
ip netns exec uvnt-sw ping -q -c 30 -i 0.01 -W 1 10.79.0.1 >/dev/null
d1=$(($(txp u1) - a1)); d2=$(($(txp u2) - a2))
busy=u1; [ "$d2" -gt "$d1" ] && busy=u2
echo "cutting $busy (it sent $d1 and $d2 frames during 30 echoes on u1 and u2)"
( sleep 1; "$UVN" ip -n uvnt-sw link set $busy down ) &
cutter=$!
out=$(ip netns exec uvnt-sw ping -c 150 -i 0.02 -W 1 10.79.0.1 || true)
wait "$cutter"
received=$(echo "$out" | sed -n 's/.* \([0-9]*\) received.*/\1/p')
lost=$((150 - received))
echo "live lacp-ovs: $lost of 150 echoes (20 ms apart) lost when a member went down"
[ "$lost" -le 15 ]
if echo "$out" | grep -q DUP; then echo "duplicate replies"; exit 1; fi
for _ in $(seq 50); do
  show=$(ovs-appctl -t ovs-vswitchd lacp/show lag)
  [ "$(echo "$show" | grep -c 'current attached')" = 1 ] && break
  sleep 0.2
done
[ "$(echo "$show" | grep -c 'current attached')" = 1 ]
echo "live lacp-ovs: ok"
