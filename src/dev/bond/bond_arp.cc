// The ARP and NS link monitors (bond_arp_monitor / bond_loadbalance_arp_mon).
#include "dev/bond/bond.h"

namespace uvn {

void BondDevice::arp_rcv(BondSlave& s, const Frame& f) {
  (void)s, (void)f;
}

void BondDevice::arp_monitor() {}

}  // namespace uvn
