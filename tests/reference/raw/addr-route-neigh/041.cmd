ip -n uvnref1 addr show scope global
