#!/bin/bash
# Bridge recording 5: kernel STP (802.1D) between three bridges, one per
# namespace, joined in a triangle by veth pairs.  Small timers:
# forward_delay 400 (4 s), hello_time 100 (1 s), max_age 600 (6 s).
#   uvnref1: br0 02:00:00:00:00:01  ports veth12 (to uvnref2) veth13 (to uvnref3)
#   uvnref2: br0 02:00:00:00:00:02  ports veth21 (to uvnref1) veth23 (to uvnref3)
#   uvnref3: br0 02:00:00:00:00:03  ports veth31 (to uvnref1) veth32 (to uvnref2)
# All priorities 32768, so uvnref1 (lowest MAC) becomes root; the uvnref2-uvnref3
# link is designated on uvnref2's side, so uvnref3's veth32 ends up blocking.
# BPDUs are captured with tcpdump into raw/bridge-stp/*.pcap and decoded with
# tcpdump -v and tshark -V.
. "$(dirname "$0")/lib.sh"; sandbox "$0" "$@"
begin bridge-stp
cd "$REFDIR"
R=raw/bridge-stp

N1='ip -n uvnref1'; N2='ip -n uvnref2'; N3='ip -n uvnref3'
STATES() {  # bridge link in all three namespaces, one recorded command
  rec "for n in uvnref1 uvnref2 uvnref3; do echo \"# \$n\"; bridge -n \$n link; done"
}
BRIDGES() { # -d show of the three bridges
  rec "$N1 -d link show br0"
  rec "$N2 -d link show br0"
  rec "$N3 -d link show br0"
}
PORTS() {   # -d show of all six ports
  rec "$N1 -d link show veth12"; rec "$N1 -d link show veth13"
  rec "$N2 -d link show veth21"; rec "$N2 -d link show veth23"
  rec "$N3 -d link show veth31"; rec "$N3 -d link show veth32"
}

note "setup"
rec "tcpdump --version"
rec "tshark -v | head -1"
rec "ip netns add uvnref1; ip netns add uvnref2; ip netns add uvnref3"
rec "for i in 1 2 3; do ip -n uvnref\$i link set lo up; ip -n uvnref\$i link add br0 address 02:00:00:00:00:0\$i type bridge forward_delay 400 hello_time 100 max_age 600 stp_state 1; done"
rec "$N1 link add veth12 address 02:00:00:00:12:12 type veth peer name veth21 address 02:00:00:00:21:21 netns uvnref2"
rec "$N1 link add veth13 address 02:00:00:00:13:13 type veth peer name veth31 address 02:00:00:00:31:31 netns uvnref3"
rec "$N2 link add veth23 address 02:00:00:00:23:23 type veth peer name veth32 address 02:00:00:00:32:32 netns uvnref3"
rec "$N1 link set veth12 master br0; $N1 link set veth13 master br0"
rec "$N2 link set veth21 master br0; $N2 link set veth23 master br0"
rec "$N3 link set veth31 master br0; $N3 link set veth32 master br0"
BRIDGES
note "background tcpdump on uvnref2/veth21 for the whole initial convergence (raw/bridge-stp/converge-veth21.pcap)"
ip netns exec uvnref2 ip link set veth21 up
ip netns exec uvnref2 timeout 60 tcpdump -i veth21 -n -U -w $R/converge-veth21.pcap stp 2>$R/tcpdump-converge.err & T0=$!
BGPIDS="$BGPIDS $T0"
sleep 1
note "bring everything up at once (t=0)"
rec "for i in 1 2 3; do for d in br0 \$(ip -n uvnref\$i -o link show master br0 | awk -F'[:@]' '{print \$2}'); do ip -n uvnref\$i link set \$d up; done; done; sleep 0.5"
note "t~0.5 s: every bridge still believes it is root, all ports listening"
STATES
BRIDGES
rec "$N2 -d link show veth21"
note "capture 5 BPDUs on uvnref2's veth21 (link to the root); this takes ~4-5 s (hello 1 s)"
rec "ip netns exec uvnref2 timeout 15 tcpdump -i veth21 -n -w $R/config.pcap -c 5 stp"
note "t~5.5 s: learning"
STATES
PORTS
rec "sleep 4"
note "t~9.5 s: converged: uvnref1 root; root ports uvnref2/veth21 and uvnref3/veth31; uvnref3/veth32 blocking"
STATES
BRIDGES
PORTS
rec "$N1 -d -j link show br0"
rec "$N3 -j -p -d link show veth32"
rec "$N3 link xstats type bridge_slave dev veth32 stp"
rec "$N2 link xstats type bridge_slave stp"
rec "$N1 -s -d link show br0"
rec "sleep 7"
note "t~17 s: topology change (started by the ports going forwarding) is over"
BRIDGES
rec "kill -INT $T0; sleep 0.5; cat $R/tcpdump-converge.err"
rec "tcpdump -r $R/converge-veth21.pcap -n -e -v"
rec "tshark -r $R/converge-veth21.pcap -T fields -e frame.number -e frame.time_relative -e eth.src -e stp.type -e stp.flags -e stp.flags.tc -e stp.flags.tcack -e stp.root.hw -e stp.root.cost -e stp.bridge.hw -e stp.port -e stp.msg_age"
rec "tshark -r $R/converge-veth21.pcap -Y 'stp.type == 0x80' -V | sed '/^\$/q'"
rec "tshark -r $R/converge-veth21.pcap -Y 'stp.flags.tcack == 1' -V | sed '/^\$/q'"
note "decoding the captured Configuration BPDUs (the -c 5 capture)"
note "(tshark -Y ... -V | sed '/^\$/q' prints the first matching frame: tshark's -c counts packets read, not packets displayed)"
rec "tcpdump -r $R/config.pcap -n -e -v"
rec "tcpdump -r $R/config.pcap -n -e -v -x -c 1"
rec "tshark -r $R/config.pcap -c 1 -V"
rec "tshark -r $R/config.pcap -T fields -e frame.number -e eth.src -e eth.dst -e stp.type -e stp.flags -e stp.root.prio -e stp.root.hw -e stp.root.cost -e stp.bridge.hw -e stp.port -e stp.msg_age -e stp.max_age -e stp.hello -e stp.forward"

note "=== cut the root link of uvnref3 (ip -n uvnref1 link set veth13 down): veth31 loses carrier, veth32 must take over ==="
note "(background tcpdump on uvnref2/veth21 and uvnref3/veth32 collect BPDUs incl. the TCN during the reconvergence)"
ip netns exec uvnref2 timeout 40 tcpdump -i veth21 -n -U -w $R/tcn-veth21.pcap stp 2>$R/tcpdump-veth21.err & T1=$!
ip netns exec uvnref3 timeout 40 tcpdump -i veth32 -n -U -w $R/tcn-veth32.pcap stp 2>$R/tcpdump-veth32.err & T2=$!
BGPIDS="$BGPIDS $T1 $T2"
sleep 1
rec "$N1 link set veth13 down; sleep 0.3"
note "t~0.3 s after the cut"
STATES
rec "$N3 -d link show br0"
rec "$N3 -d link show veth31"
rec "$N3 -d link show veth32"
rec "$N1 -d link show br0"
rec "sleep 4.5"
note "t~5 s: veth32 learning"
STATES
rec "$N3 -d link show veth32"
rec "sleep 4.5"
note "t~9.5 s: veth32 forwarding (uvnref3 has no designated port, so it does not signal a topology change)"
STATES
BRIDGES
PORTS
rec "sleep 1.5"
note "t~11 s"
BRIDGES
rec "sleep 11"
note "t~22 s"
BRIDGES
rec "kill -INT $T1 $T2; sleep 0.5; cat $R/tcpdump-veth21.err $R/tcpdump-veth32.err"
rec "tcpdump -r $R/tcn-veth21.pcap -n -e -v"
rec "tcpdump -r $R/tcn-veth32.pcap -n -e -v"
rec "tshark -r $R/tcn-veth32.pcap -T fields -e frame.number -e frame.time_relative -e eth.src -e stp.type -e stp.flags -e stp.flags.tc -e stp.flags.tcack -e stp.root.hw -e stp.root.cost -e stp.bridge.hw -e stp.port -e stp.msg_age"
rec "tshark -r $R/tcn-veth32.pcap -Y 'stp.type == 0x80' -V | sed '/^\$/q'   # (none: uvnref3 has no designated port left, so no TCN)"
rec "tshark -r $R/tcn-veth21.pcap -Y 'stp.flags.tc == 1' -V | sed '/^\$/q'"
rec "$N3 link xstats type bridge_slave stp"
rec "$N2 link xstats type bridge_slave stp"

note "=== restore the link: uvnref3 goes back to veth31 as root port, veth32 blocking again ==="
rec "$N1 link set veth13 up; sleep 0.5"
STATES
rec "sleep 9"
STATES
BRIDGES

note "=== TCN: a new (designated) port on uvnref2 reaches forwarding -> uvnref2 sends TCNs on its root port veth21 ==="
ip netns exec uvnref2 timeout 60 tcpdump -i veth21 -n -U -w $R/newport-veth21.pcap stp 2>$R/tcpdump-newport.err & T3=$!
BGPIDS="$BGPIDS $T3"
sleep 1
rec "$N2 link add veth2h address 02:00:00:00:2a:2a type veth peer name host2 address 02:00:00:00:2b:2b; $N2 link set host2 up; $N2 link set veth2h master br0; $N2 link set veth2h up; sleep 0.3"
STATES
rec "sleep 8.5"
note "~8.8 s: veth2h forwarding; TCN sent, root acknowledges (TCA) and sets TC"
STATES
BRIDGES
rec "$N2 -d link show veth21"
rec "$N2 -d link show veth2h"
rec "sleep 1.5"
BRIDGES
rec "$N2 link xstats type bridge_slave dev veth21 stp"
rec "$N1 link xstats type bridge_slave dev veth12 stp"
rec "kill -INT $T3; sleep 0.5; cat $R/tcpdump-newport.err"
rec "tcpdump -r $R/newport-veth21.pcap -n -e -v"
rec "tshark -r $R/newport-veth21.pcap -T fields -e frame.number -e frame.time_relative -e eth.src -e stp.type -e stp.flags -e stp.flags.tc -e stp.flags.tcack -e stp.root.hw -e stp.root.cost -e stp.bridge.hw -e stp.port -e stp.msg_age"
rec "tshark -r $R/newport-veth21.pcap -Y 'stp.type == 0x80' -V | sed '/^\$/q'"
rec "tshark -r $R/newport-veth21.pcap -Y 'stp.flags.tcack == 1' -V | sed '/^\$/q'"
rec "tcpdump -r $R/newport-veth21.pcap -n -e -v -x 'stp and ether src 02:00:00:00:21:21' -c 1"
rec "$N2 link del veth2h"

note "=== make uvnref3 the root (priority 4096) ==="
rec "$N3 link set br0 type bridge priority 4096; sleep 0.5"
STATES
BRIDGES
rec "sleep 9"
note "converged with uvnref3 as root"
STATES
BRIDGES
PORTS

note "=== STP off on one bridge (uvnref2): what happens to its blocking port, and to its BPDUs ==="
rec "$N2 link set br0 type bridge stp_state 0; sleep 0.5"
STATES
rec "$N2 -d link show br0"
rec "$N2 -d link show veth21"
rec "sleep 4.5"
STATES
rec "ip netns exec uvnref2 timeout 3 tcpdump -i veth23 -n -e -v -c 2 stp"

note "cleanup"
rec "ip netns del uvnref3"
rec "ip netns del uvnref2"
rec "ip netns del uvnref1"
