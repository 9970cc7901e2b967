ip route help
