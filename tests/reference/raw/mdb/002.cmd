for n in br h1 h2 h3 h4; do ip netns add uvnr-$n && ip netns exec uvnr-$n sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 && ip -n uvnr-$n link set lo up; done
