ip netns exec uvnref1 ping -6 -c 1 fe80::ff:fe00:202   # link-local without interface
