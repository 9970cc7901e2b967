ip netns identify $$
