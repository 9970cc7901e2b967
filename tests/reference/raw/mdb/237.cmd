nlmdb flush dev br0 proto kernel      # proto below 'static' is refused by the policy
