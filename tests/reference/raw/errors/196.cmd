ip netns identify 99999999
