for n in uvnref1 uvnref2 uvnref3; do ip netns exec $n sysctl -qw net.ipv6.conf.all.disable_ipv6=0 net.ipv6.conf.default.disable_ipv6=0; done
