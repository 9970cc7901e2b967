ip netns attach uvnref4 $(cat /tmp/uvnref-pid)
