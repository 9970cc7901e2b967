ip netns attach uvnref9 99999999
