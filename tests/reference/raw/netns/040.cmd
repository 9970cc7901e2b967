ip netns exec uvnref1 nosuchcommand-uvn
