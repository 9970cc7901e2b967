#!/bin/bash
# Recording 7: ip monitor output while another "shell" changes things.
# Each recorded command starts the monitor in the background, performs the
# actions (each action separated by 0.3 s), then kills the monitor.  The
# monitor's stdout/stderr is what is recorded (the actions print nothing).
. "$(dirname "$0")/lib.sh"; sandbox "$0" "$@"
begin monitor

rec "ip netns add uvnref1"
rec "ip netns add uvnref2"
rec "ip -n uvnref1 link set lo up"

ACT_LINKADDR='sleep 0.3; ip -n uvnref1 link add veth1 address 02:00:00:00:01:01 type veth peer name veth2 address 02:00:00:00:02:02; sleep 0.3; ip -n uvnref1 link set veth1 up; sleep 0.3; ip -n uvnref1 link set veth2 up; sleep 0.3; ip -n uvnref1 addr add 10.1.0.1/24 dev veth1; sleep 0.3; ip -n uvnref1 addr add fd00:1::1/64 dev veth1 nodad; sleep 2.5; ip -n uvnref1 addr del 10.1.0.1/24 dev veth1; sleep 0.3; ip -n uvnref1 link set veth1 mtu 1400; sleep 0.3; ip -n uvnref1 link set veth1 down; sleep 0.3; ip -n uvnref1 link del veth1; sleep 0.5'

note "ACTIONS used below (\$ACT_LINKADDR): $ACT_LINKADDR"
note "ip -n NS monitor link address"
rec "ip -n uvnref1 monitor link address & M=\$!; $ACT_LINKADDR; kill \$M"
note "ip netns exec NS ip monitor link address (same thing)"
rec "ip netns exec uvnref1 ip monitor link address & M=\$!; $ACT_LINKADDR; kill \$M"
note "monitor link only"
rec "ip -n uvnref1 monitor link & M=\$!; $ACT_LINKADDR; kill \$M"
note "monitor address only"
rec "ip -n uvnref1 monitor address & M=\$!; $ACT_LINKADDR; kill \$M"
note "with label (object prefixes)"
rec "ip -n uvnref1 monitor label link address & M=\$!; $ACT_LINKADDR; kill \$M"
note "with timestamps (-t and -ts)"
rec "ip -n uvnref1 -t monitor link & M=\$!; sleep 0.3; ip -n uvnref1 link add veth1 type veth peer name veth2; sleep 0.3; ip -n uvnref1 link del veth1; sleep 0.3; kill \$M"
rec "ip -n uvnref1 -ts monitor link & M=\$!; sleep 0.3; ip -n uvnref1 link add veth1 type veth peer name veth2; sleep 0.3; ip -n uvnref1 link del veth1; sleep 0.3; kill \$M"
note "-o / -br / -j with monitor"
rec "ip -n uvnref1 -o monitor link address & M=\$!; sleep 0.3; ip -n uvnref1 link add veth1 type veth peer name veth2; sleep 0.3; ip -n uvnref1 addr add 10.1.0.1/24 dev veth1; sleep 0.3; ip -n uvnref1 link del veth1; sleep 0.3; kill \$M"
rec "ip -n uvnref1 -j monitor link & M=\$!; sleep 0.3; ip -n uvnref1 link add veth1 type veth peer name veth2; sleep 0.3; ip -n uvnref1 link del veth1; sleep 0.3; kill \$M"
note "moving a veth end to another namespace, as seen from the source namespace"
rec "ip -n uvnref1 monitor link & M=\$!; sleep 0.3; ip -n uvnref1 link add veth1 address 02:00:00:00:01:01 type veth peer name veth2 address 02:00:00:00:02:02; sleep 0.3; ip -n uvnref1 link set veth2 netns uvnref2; sleep 0.3; ip -n uvnref1 link set veth1 up; sleep 0.3; ip -n uvnref2 link set veth2 up; sleep 0.5; ip netns del uvnref2; sleep 0.5; kill \$M"
rec "ip netns add uvnref2"
note "route and neigh monitor"
rec "ip -n uvnref1 link add veth1 address 02:00:00:00:01:01 type veth peer name veth2 address 02:00:00:00:02:02 netns uvnref2"
rec "ip -n uvnref1 link set veth1 up; ip -n uvnref2 link set veth2 up; ip -n uvnref1 addr add 10.1.0.1/24 dev veth1; ip -n uvnref2 addr add 10.1.0.2/24 dev veth2; sleep 1"
rec "ip -n uvnref1 monitor route & M=\$!; sleep 0.3; ip -n uvnref1 route add 10.20.0.0/16 via 10.1.0.2; sleep 0.3; ip -n uvnref1 route add default via 10.1.0.2; sleep 0.3; ip -n uvnref1 route del 10.20.0.0/16; sleep 0.3; ip -n uvnref1 addr add 10.3.0.1/24 dev veth1; sleep 0.3; kill \$M"
rec "ip -n uvnref1 monitor neigh & M=\$!; sleep 0.3; ip netns exec uvnref1 ping -c 1 -W 1 10.1.0.2 >/dev/null; sleep 0.3; ip -n uvnref1 neigh add 10.1.0.77 lladdr 02:00:00:00:00:77 dev veth1; sleep 0.3; ip -n uvnref1 neigh del 10.1.0.77 dev veth1; sleep 0.3; ip -n uvnref1 neigh flush dev veth1; sleep 0.3; kill \$M"
note "monitor all"
rec "ip -n uvnref1 monitor all & M=\$!; sleep 0.3; ip -n uvnref1 link add veth3 address 02:00:00:00:03:03 type veth peer name veth4 address 02:00:00:00:04:04; sleep 0.3; ip -n uvnref1 addr add 10.4.0.1/24 dev veth3; sleep 0.3; ip -n uvnref1 link del veth3; sleep 0.3; kill \$M"
note "errors"
rec "ip -n uvnref1 monitor bogus"
rec "ip -n nosuch monitor link"

rec "ip netns del uvnref1"
rec "ip netns del uvnref2"
