bridge mdb show    # the sandbox namespace has no bridge
