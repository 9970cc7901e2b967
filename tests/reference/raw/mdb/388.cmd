ip netns exec uvnr-h1 /usr/bin/python3 -c "
import warnings; warnings.filterwarnings('ignore')
from scapy.all import *
from scapy.layers.inet6 import *
from scapy.contrib.igmp import IGMP
m=get_if_hwaddr('h1')
sendp(Ether(src=m,dst='33:33:00:00:60:01')/IPv6(src='2001:db8::1',dst='ff0e::60:1',hlim=1)/IPv6ExtHdrHopByHop(options=[RouterAlert()])/ICMPv6MLReport(mladdr='ff0e::60:1'),iface='h1',verbose=0)
sendp(Ether(src=m,dst='33:33:00:00:60:02')/IPv6(src='fe80::1',dst='ff0e::60:2',hlim=1)/ICMPv6MLReport(mladdr='ff0e::60:2'),iface='h1',verbose=0)
sendp(Ether(src=m,dst='01:00:5e:3c:00:01')/IP(src='10.9.0.11',dst='239.60.0.1',ttl=1)/IGMP(type=0x16,gaddr='239.60.0.1',chksum=0x1234),iface='h1',verbose=0)
sendp(Ether(src=m,dst='01:00:5e:3c:00:02')/IP(src='10.9.0.11',dst='239.60.0.2',ttl=1)/IGMP(type=0x16,gaddr='239.60.0.2'),iface='h1',verbose=0)
"; sleep 0.2; bridge -n uvnr-br mdb show
