#!/bin/bash
# Bridge recording 1: `ip link` for bridge devices (type bridge) and their
# ports (type bridge_slave): -d / -j / -d -j / -j -p -d formats, every
# `type bridge` and `type bridge_slave` option, the bridge MAC following its
# ports, STP port states and timers over time, xstats.
. "$(dirname "$0")/lib.sh"; sandbox "$0" "$@"
begin bridge-link

N1='ip -n uvnref1'
SHOW() { rec "$N1 -d link show $1"; }

note "setup: namespace uvnref1 (the bridge) and uvnref2 (far ends of the veths)"
rec "ip netns add uvnref1"
rec "ip netns add uvnref2"
rec "$N1 link set lo up"

note "=== fresh bridge, defaults (down, no ports) ==="
rec "$N1 link add br0 type bridge"
rec "$N1 link show br0"
rec "$N1 -d link show br0"
rec "$N1 -d -j link show br0"
rec "$N1 -j -p -d link show br0"
rec "$N1 -j link show br0"
rec "$N1 -br link show br0"
rec "$N1 -o -d link show br0"
rec "$N1 link show type bridge"
rec "$N1 -d link show type bridge"
rec "$N1 link set br0 up"
rec "sleep 0.5"
rec "$N1 link show br0      # up, no ports"
rec "$N1 -d link show br0"
rec "$N1 -br link show br0"
rec "$N1 addr show br0"

note "=== VLAN filtering support on this kernel ==="
rec "$N1 link set br0 type bridge vlan_filtering 1"
rec "$N1 link set br0 type bridge vlan_filtering 0"
rec "$N1 link add br9 type bridge vlan_filtering 1   # at creation"
rec "$N1 link show br9"
rec "$N1 link add br9 type bridge vlan_filtering 0"
rec "$N1 link show br9"
rec "$N1 link del br9"
rec "bridge -n uvnref1 vlan show"
rec "bridge -n uvnref1 vlan add vid 10 dev br0 self"
rec "$N1 link set br0 type bridge vlan_protocol 802.1ad"
rec "$N1 link set br0 type bridge vlan_default_pvid 5"
rec "$N1 link set br0 type bridge vlan_stats_enabled 1"
rec "$N1 link set br0 type bridge vlan_stats_per_port 1"
rec "$N1 link set br0 type bridge mcast_vlan_snooping 1"
rec "$N1 link set br0 type bridge mcast_vlan_snooping 0"

note "=== options at creation ==="
rec "$N1 link add br1 type bridge forward_delay 400 hello_time 100 max_age 1200 ageing_time 1000 stp_state 1 priority 4096 group_fwd_mask 0x4000 group_address 01:80:c2:00:00:0e mcast_snooping 0 no_linklocal_learn 1 nf_call_iptables 1"
rec "$N1 -d link show br1"
rec "$N1 -d -j link show br1"
rec "$N1 link add br2 type bridge mcast_router 2 mcast_query_use_ifaddr 1 mcast_querier 1 mcast_hash_elasticity 4 mcast_hash_max 512 mcast_last_member_count 3 mcast_startup_query_count 4 mcast_last_member_interval 200 mcast_membership_interval 30000 mcast_querier_interval 20000 mcast_query_interval 10000 mcast_query_response_interval 500 mcast_startup_query_interval 2000 mcast_stats_enabled 1 mcast_igmp_version 3 mcast_mld_version 2 nf_call_ip6tables 1 nf_call_arptables 1"
rec "$N1 -d link show br2"
rec "$N1 -j -p -d link show br2"
rec "$N1 link add br3 type bridge vlan_default_pvid 0   # vlan option at creation"
rec "$N1 link show br3"
rec "$N1 link add br4 address 02:00:00:00:00:b4 mtu 1400 txqueuelen 500 type bridge"
rec "$N1 -d link show br4"
rec "$N1 link del br1"
rec "$N1 link del br2"
rec "$N1 link del br3"
rec "$N1 link del br4"

note "=== ip link set br0 type bridge OPTION VALUE, one at a time (each followed by -d show) ==="
for kv in "forward_delay 400" "hello_time 100" "max_age 1200" "ageing_time 1000" \
          "stp_state 1" "forward_delay 200" "stp_state 0" "priority 4096" "priority 0" "priority 65535" \
          "group_fwd_mask 0x4000" "group_fwd_mask 0xfff8" "group_fwd_mask 0" \
          "group_address 01:80:c2:00:00:0e" "group_address 01:80:c2:00:00:00" \
          "no_linklocal_learn 1" "no_linklocal_learn 0" \
          "mcast_snooping 0" "mcast_snooping 1" "mcast_router 0" "mcast_router 2" "mcast_router 1" \
          "mcast_query_use_ifaddr 1" "mcast_querier 1" "mcast_querier 0" \
          "mcast_hash_elasticity 4" "mcast_hash_max 512" "mcast_last_member_count 5" \
          "mcast_startup_query_count 6" "mcast_last_member_interval 300" \
          "mcast_membership_interval 30000" "mcast_querier_interval 20000" \
          "mcast_query_interval 10000" "mcast_query_response_interval 500" \
          "mcast_startup_query_interval 2000" "mcast_stats_enabled 1" \
          "mcast_igmp_version 3" "mcast_mld_version 2" \
          "nf_call_iptables 1" "nf_call_ip6tables 1" "nf_call_arptables 1" "fdb_flush"; do
  rec "$N1 link set br0 type bridge $kv"
  SHOW br0
done
rec "$N1 -d -j link show br0"
note "several options in one command, and 'ip link set dev br0 type bridge' with no option"
rec "$N1 link set br0 type bridge forward_delay 1500 hello_time 200 max_age 2000 ageing_time 30000 priority 32768 mcast_stats_enabled 0"
rec "$N1 link set br0 type bridge"
SHOW br0
note "ageing_time 0 (hub-like: entries never kept) and big values"
rec "$N1 link set br0 type bridge ageing_time 0"
SHOW br0
rec "$N1 link set br0 type bridge ageing_time 30000"
rec "$N1 link set br0 type bridge forward_delay 0     # STP off: any value"
SHOW br0
rec "$N1 link set br0 type bridge forward_delay 1500"

note "=== bridge MAC address follows the lowest port MAC (veth3=02:..:03:03, veth1=02:..:01:01) ==="
rec "$N1 link add veth1 address 02:00:00:00:01:01 type veth peer name veth2 address 02:00:00:00:02:02 netns uvnref2"
rec "$N1 link add veth3 address 02:00:00:00:03:03 type veth peer name veth4 address 02:00:00:00:04:04 netns uvnref2"
rec "$N1 link add veth5 address 02:00:00:00:05:05 type veth peer name veth6 address 02:00:00:00:06:06 netns uvnref2"
rec "$N1 link show br0   # before any port"
rec "$N1 link set veth3 master br0"
rec "$N1 -d link show br0   # after veth3"
rec "$N1 link set veth1 master br0"
rec "$N1 -d link show br0   # after veth1 (lower MAC)"
rec "$N1 link set veth5 master br0"
rec "$N1 link show br0   # after veth5 (higher MAC: unchanged)"
rec "$N1 link set veth1 nomaster"
rec "$N1 -d link show br0   # veth1 removed"
rec "$N1 link set veth3 nomaster"
rec "$N1 link set veth5 nomaster"
rec "$N1 -d link show br0   # all ports removed"
rec "$N1 link set veth1 master br0"
rec "$N1 link show br0"
rec "$N1 link set br0 address 02:00:00:00:00:b0   # explicit address: no longer follows ports"
rec "$N1 -d link show br0"
rec "$N1 link set veth1 nomaster"
rec "$N1 link set veth1 master br0"
rec "$N1 link set veth3 master br0"
rec "$N1 link set veth3 nomaster"
rec "$N1 -d link show br0"
rec "$N1 link set veth1 nomaster"

note "=== a port: ip link set vethX master br0 (STP off) ==="
rec "$N1 link set veth1 master br0"
rec "$N1 link show veth1"
rec "$N1 -d link show veth1"
rec "$N1 -d -j link show veth1"
rec "$N1 -j -p -d link show veth1"
rec "$N1 -j link show veth1"
rec "$N1 -br link show veth1"
rec "$N1 link show master br0"
rec "$N1 -br link show master br0"
rec "$N1 -d link show master br0"
rec "$N1 link show type bridge_slave"
rec "$N1 -br link show type bridge_slave"
rec "$N1 link show type bridge"
note "bringing everything up (STP off: port goes straight to forwarding)"
rec "$N1 link set veth1 up"
rec "ip -n uvnref2 link set veth2 up"
rec "$N1 link set br0 up"
rec "sleep 0.3"
rec "$N1 link show veth1"
rec "$N1 -d link show veth1"
rec "$N1 link show br0"
rec "$N1 -d link show br0"

note "=== every type bridge_slave option, one at a time (each followed by -d show of the port) ==="
rec "$N1 link set veth3 master br0"
for kv in "priority 10" "priority 63" "priority 0" "cost 10" "cost 65535" "cost 1" "guard on" "guard off" \
          "hairpin on" "hairpin off" "root_block on" "root_block off" "learning off" "learning on" \
          "flood off" "flood on" "mcast_flood off" "mcast_flood on" "bcast_flood off" "bcast_flood on" \
          "mcast_router 0" "mcast_router 2" "mcast_router 3" "mcast_router 1" \
          "fastleave on" "fastleave off" "mcast_fast_leave on" "mcast_fast_leave off" \
          "mcast_to_unicast on" "mcast_to_unicast off" "proxy_arp on" "proxy_arp off" \
          "proxy_arp_wifi on" "proxy_arp_wifi off" "neigh_suppress on" "neigh_suppress off" \
          "vlan_tunnel on" "vlan_tunnel off" "isolated on" "isolated off" "locked on" "locked off" \
          "mab on" "backup_port veth3" "nobackup_port" \
          "group_fwd_mask 0x4000" "group_fwd_mask 0" \
          "state 0" "state 1" "state 2" "state 4" "state 3" "fdb_flush"; do
  rec "$N1 link set veth1 type bridge_slave $kv"
  SHOW veth1
done
rec "$N1 link set veth1 type bridge_slave backup_port veth3"
rec "$N1 -d -j link show veth1"
rec "$N1 link set veth1 type bridge_slave nobackup_port"
note "several options at once, also via 'ip link set DEV master br0 type bridge_slave ...'"
rec "$N1 link set veth1 type bridge_slave priority 5 cost 7 guard on hairpin on learning off flood off isolated on"
SHOW veth1
rec "$N1 link set veth1 type bridge_slave priority 32 cost 2 guard off hairpin off learning on flood on isolated off"
rec "$N1 link set veth5 master br0 type bridge_slave cost 33 priority 7"
SHOW veth5
rec "$N1 link set veth5 nomaster"
rec "$N1 link set veth1 type bridge_slave"
rec "$N1 link set lo type bridge_slave cost 5   # not a port"
note "type bridge_slave at 'ip link add' time?"
rec "$N1 link add veth7 type bridge_slave"

note "=== STP on: port state machine over time (forward_delay 400 = 4 s, hello_time 100, max_age 600) ==="
rec "$N1 link set veth3 nomaster"
rec "$N1 link set br0 down"
rec "$N1 link set br0 type bridge forward_delay 400 hello_time 100 max_age 600 stp_state 1"
rec "$N1 -d link show br0   # stp on, bridge down"
rec "$N1 -d link show veth1  # port while bridge down: disabled"
rec "$N1 link set br0 up; sleep 0.5"
rec "$N1 -d link show veth1   # ~0.5 s: listening"
rec "$N1 -d link show br0"
rec "bridge -n uvnref1 link show"
rec "sleep 1.5"
rec "$N1 -d link show veth1   # ~2 s: listening"
rec "sleep 2.5"
rec "$N1 -d link show veth1   # ~4.5 s: learning"
rec "$N1 -d link show br0"
rec "sleep 4"
rec "$N1 -d link show veth1   # ~8.5 s: forwarding"
rec "$N1 -d link show br0"
rec "$N1 -d -j link show veth1"
rec "$N1 -j -p -d link show br0"
note "a port added while STP is running"
rec "$N1 link set veth3 up; ip -n uvnref2 link set veth4 up"
rec "$N1 link set veth3 master br0; sleep 0.3"
rec "$N1 -d link show veth3"
rec "$N1 link show master br0"
rec "bridge -n uvnref1 link"
rec "sleep 8.5"
rec "$N1 -d link show veth3"
rec "bridge -n uvnref1 link"
note "port set down while STP on -> disabled; veth peer down -> port disabled (no carrier)"
rec "ip -n uvnref2 link set veth4 down; sleep 0.3"
rec "$N1 -d link show veth3"
rec "bridge -n uvnref1 link"
rec "ip -n uvnref2 link set veth4 up; sleep 0.5"
rec "bridge -n uvnref1 link"
rec "$N1 link set veth3 type bridge_slave state 3   # setting state with kernel STP on"
rec "$N1 link set veth3 type bridge_slave priority 20 cost 50"
rec "$N1 -d link show veth3"
rec "$N1 -d link show br0"
rec "$N1 link set br0 type bridge forward_delay 100   # < 2 s with STP on"
rec "$N1 link set br0 type bridge priority 100"
rec "$N1 -d link show br0"

note "=== statistics / xstats (STP on) ==="
rec "$N1 -s -d link show br0"
rec "$N1 -s link show br0"
rec "$N1 -s -s -d link show veth1"
rec "$N1 -s -j -d link show br0"
rec "$N1 link xstats type bridge"
rec "$N1 link xstats type bridge dev br0"
rec "$N1 -j -p link xstats type bridge dev br0"
rec "$N1 link xstats type bridge_slave"
rec "$N1 link xstats type bridge_slave dev veth1"
rec "$N1 link xstats type bridge dev br0 igmp"
rec "$N1 link xstats type bridge dev br0 stp"
rec "$N1 link xstats type bridge_slave dev veth1 stp"
rec "$N1 link afstats dev br0"

note "=== turning STP off again; deleting the bridge with ports ==="
rec "$N1 link set br0 type bridge stp_state 0"
rec "$N1 -d link show br0"
rec "bridge -n uvnref1 link"
rec "sleep 4.5"
rec "bridge -n uvnref1 link   # ports that were listening/learning when STP was turned off"
rec "$N1 -d link show br0"

note "=== carrier of the bridge device: fresh bridge up with no port, with a down port, with an up port, port removed ==="
rec "$N1 link add br5 type bridge"
rec "$N1 link set br5 up"
rec "$N1 link show br5   # fresh, up, never had a port"
rec "$N1 link set veth5 master br5"
rec "$N1 link show br5   # one port, down"
rec "$N1 link set veth5 up; ip -n uvnref2 link set veth6 up; sleep 0.3"
rec "$N1 link show br5   # one port, up"
rec "$N1 link set veth5 nomaster"
rec "$N1 link show br5   # port removed"
rec "$N1 -d link show br5"
rec "$N1 link del br5"

note "=== deleting a bridge that has ports ==="
rec "$N1 link del br0"
rec "$N1 link show"
rec "$N1 -d link show veth1"

note "cleanup"
rec "ip netns del uvnref2"
rec "ip netns del uvnref1"
