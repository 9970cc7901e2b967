#!/usr/bin/env bash
# Live interoperability: a uvn bridge and a Linux kernel bridge, both running 802.1D STP,
# cabled to each other twice (a loop). Kernel namespace uvnt-kb holds the kernel bridge
# (ports k1, k2); uvn adopts the veth peers (u1, u2) in uvnt-sw into its bridge. Whichever
# bridge is root keeps both its ports forwarding; the other must forward on its root port and
# block the other, as 802.1D says. Checked both ways round (kernel root, then uvn root), with
# short timers (hello 1 s, forward delay 4 s).
. "$(dirname "$0")/lib.sh"
start_uvnd
uvn ip netns add uvnt-sw
ip netns add uvnt-kb
for i in 1 2; do ip -n uvnt-sw link add u$i type veth peer name k$i netns uvnt-kb; done
ip -n uvnt-kb link add kbr0 type bridge stp_state 1 hello_time 100 forward_delay 400 max_age 600 priority 4096
for i in 1 2; do ip -n uvnt-kb link set k$i master kbr0; ip -n uvnt-kb link set k$i up; done
ip -n uvnt-kb link set kbr0 up
uvn ip -n uvnt-sw link add br0 type bridge stp_state 1 hello_time 100 forward_delay 400 max_age 600 priority 32768
for i in 1 2; do uvn ip -n uvnt-sw link add u$i type host; uvn ip -n uvnt-sw link set u$i master br0; done
for d in u1 u2 br0; do uvn ip -n uvnt-sw link set $d up; done

states_uvn() { uvn bridge -n uvnt-sw link show | sed -n 's/.*: \(u[12]\)[:@].* state \([a-z]*\).*/\1=\2/p' | sort | tr '\n' ' '; }
states_kernel() { ip -n uvnt-kb -o link show master kbr0 | sed -n 's/.*: \(k[12]\)[:@].*/\1/p' | while read -r p; do
    echo -n "$p=$(bridge -n uvnt-kb link show dev "$p" | sed -n 's/.* state \([a-z]*\).*/\1/p') "; done; }
# Waits until both bridges have settled to the expected picture (at most 30 s).
converge() {
  local want_uvn=$1 want_kernel=$2
  for _ in $(seq 150); do
    u=$(states_uvn); k=$(states_kernel)
    [ "$u" = "$want_uvn" ] && [ "$k" = "$want_kernel" ] && { echo "converged: uvn: $u kernel: $k"; return 0; }
    sleep 0.2
  done
  echo "no convergence: uvn: $u (want $want_uvn) kernel: $k (want $want_kernel)"
  uvn bridge -n uvnt-sw -d link show; bridge -n uvnt-kb -d link show; exit 1
}
# 1. The kernel bridge is root (priority 4096): uvn blocks u2 (u1 reaches the root at the
#    lower port id, k1's).
converge "u1=forwarding u2=blocking " "k1=forwarding k2=forwarding "
# The root each side believes in, from a port line (iproute2 6.1 prints the bridge's own id
# as the bridge line's designated_root, on Linux and on uvn alike).
roots() {
  kroot=$(ip -n uvnt-kb -d link show k1 | sed -n 's/.* designated_root \([^ ]*\) .*/\1/p')
  uroot=$(uvn ip -n uvnt-sw -d link show u1 | sed -n 's/.* designated_root \([^ ]*\) .*/\1/p')
  echo "root ids: kernel $kroot, uvn $uroot"
  [ -n "$kroot" ] && [ "$kroot" = "$uroot" ]
}
roots
case $kroot in 1000.*) ;; *) echo "the kernel bridge should be root"; exit 1;; esac
# 2. uvn's bridge becomes root (priority 0): now the kernel blocks k2.
uvn ip -n uvnt-sw link set br0 type bridge priority 0
converge "u1=forwarding u2=forwarding " "k1=forwarding k2=blocking "
roots
case $kroot in 0000.*) ;; *) echo "the uvn bridge should be root"; exit 1;; esac
echo "live stp-kernel-bridge: ok (root $uroot)"
