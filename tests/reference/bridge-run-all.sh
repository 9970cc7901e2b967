#!/bin/bash
# Re-run every bridge reference recording (needs root, iproute2 6.1 `ip` and
# `bridge`, tcpdump, tshark, iputils-ping; kernel with netns/veth/bridge).
# Each script sandboxes itself (unshare --net --mount + private /run/netns)
# and cleans up.  Takes about 5 minutes (STP timers, monitor pauses).
set -u
cd "$(dirname "$0")"
for t in bridge-link bridge-cmd bridge-errors bridge-monitor bridge-stp; do
  echo "== $t"
  ./$t.sh || echo "!! $t.sh exited $?"
done
./mktable.py bridge-errors > bridge-errors-table.txt
echo "done; host namespaces:"; ip netns list
