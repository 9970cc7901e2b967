ip -n uvnref1 addr replace 10.7.0.1/24 dev veth1 label veth1:rep
