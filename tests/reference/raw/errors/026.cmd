ip route xyz
