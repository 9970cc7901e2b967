#!/bin/bash
# Re-run every reference recording (needs root, iproute2, iputils-ping,
# iputils-arping, kernel with netns/veth/tun/bridge).  Each script sandboxes
# itself (unshare --net --mount + private /run/netns) and cleans up.
set -u
cd "$(dirname "$0")"
for t in link-formats addr-route-neigh netns errors ping arping monitor; do
  echo "== $t"
  ./$t.sh || echo "!! $t.sh exited $?"
done
./mktable.py errors > errors-table.txt
echo "done; host namespaces:"; ip netns list
