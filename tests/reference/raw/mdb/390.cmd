for n in q qh; do ip netns add uvnr-$n && ip -n uvnr-$n link set lo up; done; ip netns exec uvnr-qh sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
