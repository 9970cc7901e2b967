#!/usr/bin/env bash
# Live: Debian's own teamdctl (libteam-utils) drives uvn's teamd over teamd's socket
# /var/run/teamd/team0.sock: state dump and view, port add, item get/set, while the kernels of
# two namespaces ping each other through the uvn team (this kernel has no team driver).
. "$(dirname "$0")/lib.sh"
TEAMDCTL=$(command -v teamdctl || true)
[ -n "$TEAMDCTL" ] || { echo "live test: no teamdctl (apt-get install libteam-utils)"; exit 77; }
[ ! -e /var/run/teamd/team0.sock ] || { echo "live test: a teamd for team0 already runs"; exit 77; }
start_uvnd
uvn ip netns add uvnt-t
uvn ip netns add uvnt-s
uvn ip link add eth0 netns uvnt-t type veth peer name s0 netns uvnt-s
uvn ip link add eth1 netns uvnt-t type veth peer name s1 netns uvnt-s
uvn ip -n uvnt-s link add br0 type bridge
for d in s0 s1; do uvn ip -n uvnt-s link set $d master br0; uvn ip -n uvnt-s link set $d up; done
uvn ip -n uvnt-s link set br0 up
uvn ip -n uvnt-s addr add 10.78.0.2/24 dev br0
# The seed's commands, in uvn's namespace uvnt-t.
uvn ip netns exec uvnt-t teamd -o -n -U -d -t team0 -c '{"runner": {"name": "activebackup"},"link_watch": {"name": "ethtool"}}'
test -S /var/run/teamd/team0.sock
# Debian's teamdctl, in the kernel namespace where team0 is visible.
T() { ip netns exec uvnt-t "$TEAMDCTL" "$@"; }
T team0 port add eth0
T team0 port add eth1
uvn ip -n uvnt-t link set team0 up
uvn ip -n uvnt-t addr add 10.78.0.1/24 dev team0
sleep 0.5
T team0 state dump | grep -q '"runner_name": "activebackup"'
T team0 state | grep -q "active port: eth0"
T team0 port present eth1
[ "$(T team0 state item get runner.active_port)" = eth0 ]
T team0 config dump | grep -q '"device": "team0"'
ip netns exec uvnt-t ping -c 3 -i 0.2 -W 2 10.78.0.2
iperf3_check uvnt-s uvnt-t 10.78.0.2 "live teamdctl (team0)"
T team0 state item set runner.active_port eth1
[ "$(T team0 state item get runner.active_port)" = eth1 ]
ip netns exec uvnt-t ping -c 3 -i 0.2 -W 2 10.78.0.2
# An error comes back as teamd's error reply.
fails T team0 state item get bogus.path 2>$TMPD/teamdctl.err
grep -q 'PathDoesNotExist' $TMPD/teamdctl.err
rm -f $TMPD/teamdctl.err
T team0 port remove eth1
fails T team0 port present eth1
uvn teamd -k -t team0
fails test -e /var/run/teamd/team0.sock
echo "live teamdctl: ok"
