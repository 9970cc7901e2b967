ip netns exec uvnref1 ping --bogus 10.1.0.2
