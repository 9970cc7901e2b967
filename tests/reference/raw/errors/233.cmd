ip -n uvnref1 addr replace 10.77.0.1/24 dev veth1  # ok: creates
