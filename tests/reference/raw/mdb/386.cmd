ip -n uvnr-br link set p1 nomaster; bridge -n uvnr-br mdb show; ip -n uvnr-br link set p1 master br0; ip -n uvnr-br link set p1 up
