bridge -n uvnref1 link   # ports that were listening/learning when STP was turned off
