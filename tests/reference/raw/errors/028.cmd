ip netns xyz
