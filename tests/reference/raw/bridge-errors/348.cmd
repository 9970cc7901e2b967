bridge -n
