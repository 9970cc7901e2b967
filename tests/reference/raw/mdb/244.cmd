nlmdb flush dev br0 port br0          # host entries only
