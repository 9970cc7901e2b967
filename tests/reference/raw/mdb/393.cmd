sleep 1; date +%s.%N; ip -n uvnr-q link set q1 up; ip -n uvnr-q link set br0 up; date +%s.%N
