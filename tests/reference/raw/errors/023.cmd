ip link xyz
