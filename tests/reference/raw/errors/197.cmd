ip netns identify abc
