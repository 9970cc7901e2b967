for i in 1 2 3 4; do ip -n uvnr-h$i addr add 10.9.0.1$i/24 dev h$i && ip -n uvnr-h$i link set h$i up; done
