for n in br h1 h2 h3 h4 q qh; do ip netns del uvnr-$n; done; ip netns list
