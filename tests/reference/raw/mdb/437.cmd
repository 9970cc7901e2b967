ip -n uvnr-qh addr add 10.9.1.200/24 dev qh; ip netns exec uvnr-qh timeout 5 tcpdump -i qh -nn -tt 'igmp or (ip6 and ip6[6]==0)' 2>/dev/null & sleep 0.5; ip netns exec uvnr-qh /usr/bin/python3 -c "
import warnings; warnings.filterwarnings('ignore')
from scapy.all import *
from scapy.contrib.igmpv3 import IGMPv3, IGMPv3mq
sendp(Ether(src=get_if_hwaddr('qh'),dst='01:00:5e:00:00:01')/IP(src='10.9.1.200',dst='224.0.0.1',ttl=1,options=[IPOption_Router_Alert()])/IGMPv3(type=0x11,mrcode=100)/IGMPv3mq(gaddr='0.0.0.0'),iface='qh',verbose=0)
"; nlmdbq linkattrs dev br0; bridge -n uvnr-q -d -s mdb show | grep router; wait   # higher address 10.9.1.200: loses, our queries go on (but q1 still becomes a router port)
