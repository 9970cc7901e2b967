#!/usr/bin/env bash
# Captures the IGMP/MLD frames the simulator's mausezahn builds in the forms the Linux
# forwarding selftests use (bridge_igmp.sh, bridge_mld.sh, bridge_mdb.sh, lib.sh) and checks
# that tshark decodes them with the fields asked for and good checksums: -t ip with proto, ttl,
# tos, an IP option and a hex payload; -6 -t ip with hop, next and a payload holding the
# hop-by-hop header and the MLDv2 report; a whole raw frame (no -a/-b); -6 -t udp; -t ip to a
# group without -b (the group MAC). Exit 77 (skipped) when tshark is not installed.
set -euo pipefail
uvn=$1
command -v tshark >/dev/null || exit 77
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
# IGMPv3 IS_IN (239.10.10.10: 10.1.1.1, 10.1.1.2, 10.1.1.3), checksum included.
igmp=22:00:c2:dd:00:00:00:01:01:00:00:03:ef:0a:0a:0a:0a:01:01:01:0a:01:01:02:0a:01:01:03
# Hop-by-hop header (Router Alert MLD, 2 x Pad1) + MLDv2 IS_IN (ff02::cc: fd10:1::1..3), with the
# checksum for fe80::1 -> ff02::1.
mld=3a:00:05:02:00:00:00:00:8f:00:7a:e4:00:00:00:01:01:00:00:03:ff:02:00:00:00:00:00:00:00:00
mld=$mld:00:00:00:00:00:cc:fd:10:00:01:00:00:00:00:00:00:00:00:00:00:00:01:fd:10:00:01:00:00:00
mld=$mld:00:00:00:00:00:00:00:00:02:fd:10:00:01:00:00:00:00:00:00:00:00:00:00:00:03
# bridge_mld.sh's MZPKT_IS_INC: the whole frame, from fe:54:00:04:5e:ba.
frame=33:33:00:00:00:01:fe:54:00:04:5e:ba:86:dd:60:0a:2d:ae:00:54:00:01:fe:80:00:00:00:00:00:00
frame=$frame:fc:54:00:ff:fe:04:5e:ba:ff:02:00:00:00:00:00:00:00:00:00:00:00:00:00:01:3a:00:05:02
frame=$frame:00:00:00:00:8f:00:8e:d9:00:00:00:01:01:00:00:03:ff:02:00:00:00:00:00:00:00:00:00:00
frame=$frame:00:00:00:cc:20:01:0d:b8:00:01:00:00:00:00:00:00:00:00:00:01:20:01:0d:b8:00:01:00:00
frame=$frame:00:00:00:00:00:00:00:02:20:01:0d:b8:00:01:00:00:00:00:00:00:00:00:00:03
cat >"$dir/mz.uvn" <<UVN
ip link add va type veth peer name vb
ip link set va address 02:00:00:00:00:0a
ip addr add 10.0.0.1/24 dev va
ip link set va up
ip link set vb up
sleep 3
capture va $dir/mz.pcap
mausezahn va -a own -b 01:00:5e:00:00:16 -c 1 -B 224.0.0.22 -t ip "proto=2,ttl=1,tos=0xc0,option=94:04,p=$igmp" -q
mausezahn -6 va -a own -b 33:33:00:00:00:01 -c 1 -A fe80::1 -B ff02::1 -t ip "hop=1,next=0,p=$mld" -q
mausezahn va -c 1 $frame -q
mausezahn va -6 -c 1 -p 64 -b 33:33:00:00:00:cc -A fd10:1::5 -B ff02::cc -t udp "dp=4096,sp=2048" -q
mausezahn va -c 1 -A 10.1.1.2 -B 239.1.1.1 -t ip "proto=2,p=$igmp" -q
UVN
"$uvn" run "$dir/mz.uvn" >/dev/null
got=$(tshark -r "$dir/mz.pcap" -o ip.check_checksum:TRUE -o udp.check_checksum:TRUE -T fields \
  -E separator='|' -e eth.dst -e eth.src -e ip.len -e ip.ttl -e ip.dsfield -e ip.proto \
  -e ip.checksum.status -e ip.opt.type -e igmp.type -e igmp.checksum.status -e igmp.maddr \
  -e igmp.saddr -e ipv6.plen -e ipv6.hlim -e ipv6.nxt -e ipv6.src -e ipv6.dst -e icmpv6.type \
  -e icmpv6.checksum.status -e icmpv6.mldr.mar.multicast_address -e udp.checksum.status \
  2>/dev/null)
expected=$(cat <<'EOF'
01:00:5e:00:00:16|02:00:00:00:00:0a|52|1|0xc0|2|1|148|0x22|1|239.10.10.10|10.1.1.1,10.1.1.2,10.1.1.3|||||||||
33:33:00:00:00:01|02:00:00:00:00:0a|||||||||||84|1|0|fe80::1|ff02::1|143|1|ff02::cc|
33:33:00:00:00:01|fe:54:00:04:5e:ba|||||||||||84|1|0|fe80::fc54:ff:fe04:5eba|ff02::1|143|1|ff02::cc|
33:33:00:00:00:cc|02:00:00:00:00:0a|||||||||||10|255|17|fd10:1::5|ff02::cc||||1
01:00:5e:01:01:01|02:00:00:00:00:0a|48|255|0x00|2|1||0x22|1|239.10.10.10|10.1.1.1,10.1.1.2,10.1.1.3|||||||||
EOF
)
echo "$got"
[ "$got" = "$expected" ] || { echo "expected:"; echo "$expected"; exit 1; }
echo "tshark decodes the frames as asked for"
