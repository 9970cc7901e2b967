for i in 1 2 3 4; do ip -n uvnr-br link add p$i address 02:00:00:00:0$i:01 type veth peer name h$i address 02:00:00:00:0$i:02 netns uvnr-h$i && ip -n uvnr-br link set p$i master br0; done
