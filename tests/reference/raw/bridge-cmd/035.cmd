bridge link   # sandbox namespace: no bridge ports
