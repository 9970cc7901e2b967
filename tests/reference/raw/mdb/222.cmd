nlmdb get dev br0 grp 01:00:5e:01:02:03
