ip -n uvnref1 link set veth7 nomaster; ip -n uvnref1 link set veth8 nomaster
