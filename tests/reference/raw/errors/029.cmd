ip tuntap xyz
