#!/bin/bash
# Bridge recording 4: `bridge monitor` output while a bridge is built, ports
# are enslaved and brought up, traffic is learned, fdb entries are added and
# deleted, ports are removed and the bridge is deleted.
# Each recorded command starts the monitor in the background (in uvnref1),
# performs the actions, then kills the monitor; only the monitor prints.
. "$(dirname "$0")/lib.sh"; sandbox "$0" "$@"
begin bridge-monitor

rec "ip netns add uvnref1"
rec "ip netns add uvnref2"
rec "ip netns add uvnref3"
NOV6='sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1'
V6ON='sysctl -qw net.ipv6.conf.all.disable_ipv6=0 net.ipv6.conf.default.disable_ipv6=0'
note "IPv6 disabled in all three namespaces for the deterministic runs (no DAD/RS/MLD traffic, no 33:33:* entries)"
rec "for n in uvnref1 uvnref2 uvnref3; do ip netns exec \$n $NOV6; done"
rec "ip -n uvnref1 link set lo up; ip -n uvnref2 link set lo up; ip -n uvnref3 link set lo up"

ACT='sleep 0.3; ip -n uvnref1 link add br0 type bridge; sleep 0.3; ip -n uvnref1 link add veth1 address 02:00:00:00:01:01 type veth peer name veth2 address 02:00:00:00:02:02 netns uvnref2; sleep 0.3; ip -n uvnref1 link add veth3 address 02:00:00:00:03:03 type veth peer name veth4 address 02:00:00:00:04:04 netns uvnref3; sleep 0.3; ip -n uvnref2 addr add 10.1.0.2/24 dev veth2; ip -n uvnref3 addr add 10.1.0.3/24 dev veth4; sleep 0.3; ip -n uvnref1 link set veth1 master br0; sleep 0.3; ip -n uvnref1 link set veth3 master br0; sleep 0.3; ip -n uvnref1 link set br0 up; sleep 0.3; ip -n uvnref1 link set veth1 up; sleep 0.3; ip -n uvnref1 link set veth3 up; sleep 0.3; ip -n uvnref2 link set veth2 up; sleep 0.3; ip -n uvnref3 link set veth4 up; sleep 0.5; ip netns exec uvnref2 ping -c 1 -W 1 10.1.0.3 >/dev/null; sleep 0.3; bridge -n uvnref1 fdb add 02:00:00:00:aa:01 dev veth1 master static; sleep 0.3; bridge -n uvnref1 fdb replace 02:00:00:00:aa:01 dev veth3 master static; sleep 0.3; bridge -n uvnref1 fdb del 02:00:00:00:aa:01 dev veth3 master; sleep 0.3; bridge -n uvnref1 fdb del 02:00:00:00:02:02 dev veth1 master; sleep 0.3; bridge -n uvnref1 link set dev veth1 cost 10; sleep 0.3; ip -n uvnref1 link set veth3 nomaster; sleep 0.3; ip -n uvnref1 link set br0 down; sleep 0.3; ip -n uvnref1 link del br0; sleep 0.3; ip -n uvnref1 link del veth1; ip -n uvnref1 link del veth3; sleep 0.5'

note "ACTIONS used below (\$ACT): $ACT"
note "bridge monitor fdb link"
rec "bridge -n uvnref1 monitor fdb link & M=\$!; $ACT; kill \$M"
note "bridge monitor link"
rec "bridge -n uvnref1 monitor link & M=\$!; $ACT; kill \$M"
note "bridge monitor fdb"
rec "bridge -n uvnref1 monitor fdb & M=\$!; $ACT; kill \$M"
note "bridge monitor all"
rec "bridge -n uvnref1 monitor all & M=\$!; $ACT; kill \$M"
note "bridge monitor (no argument)"
rec "bridge -n uvnref1 monitor & M=\$!; $ACT; kill \$M"
note "ip netns exec NS bridge monitor fdb link (same thing)"
rec "ip netns exec uvnref1 bridge monitor fdb link & M=\$!; $ACT; kill \$M"
note "-t / -ts style timestamps, -j, -d, -s"
rec "bridge -n uvnref1 -t monitor fdb link & M=\$!; $ACT; kill \$M"
rec "bridge -n uvnref1 -j monitor fdb link & M=\$!; $ACT; kill \$M"
rec "bridge -n uvnref1 -d monitor fdb link & M=\$!; $ACT; kill \$M"
rec "bridge -n uvnref1 -s monitor fdb & M=\$!; $ACT; kill \$M"
note "ip monitor link on the same actions (for comparison)"
rec "ip -n uvnref1 monitor link & M=\$!; $ACT; kill \$M"

note "learned entry ageing out (ageing_time 100 = 1 s), seen by bridge monitor fdb"
rec "ip -n uvnref1 link add br0 type bridge ageing_time 100; ip -n uvnref1 link add veth1 address 02:00:00:00:01:01 type veth peer name veth2 address 02:00:00:00:02:02 netns uvnref2; ip -n uvnref1 link add veth3 address 02:00:00:00:03:03 type veth peer name veth4 address 02:00:00:00:04:04 netns uvnref3; ip -n uvnref2 addr add 10.1.0.2/24 dev veth2; ip -n uvnref3 addr add 10.1.0.3/24 dev veth4; ip -n uvnref1 link set veth1 master br0; ip -n uvnref1 link set veth3 master br0; for d in br0 veth1 veth3; do ip -n uvnref1 link set \$d up; done; ip -n uvnref2 link set veth2 up; ip -n uvnref3 link set veth4 up; sleep 0.5"
rec "bridge -n uvnref1 monitor fdb & M=\$!; sleep 0.3; ip netns exec uvnref2 ping -c 1 -W 1 10.1.0.3 >/dev/null; sleep 0.2; bridge -n uvnref1 fdb show dynamic >&2; sleep 4; kill \$M"
rec "bridge -n uvnref1 fdb show dynamic"
rec "ip -n uvnref1 link del br0; ip -n uvnref1 link del veth1; ip -n uvnref1 link del veth3"

note "IPv6 enabled again: the same ACT with bridge monitor all (shows the extra multicast fdb / mdb noise; not deterministic)"
rec "for n in uvnref1 uvnref2 uvnref3; do ip netns exec \$n $V6ON; done"
rec "bridge -n uvnref1 monitor all & M=\$!; $ACT; sleep 1; kill \$M"

note "errors"
rec "bridge -n uvnref1 monitor bogus"
rec "bridge -n nosuch monitor fdb"
rec "bridge monitor help"

rec "ip netns del uvnref3"
rec "ip netns del uvnref2"
rec "ip netns del uvnref1"
