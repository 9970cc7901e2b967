ip -n uvnref1 link add dummy0 type dummy                 # module not available in this kernel
