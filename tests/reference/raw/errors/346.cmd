ip tuntap help
