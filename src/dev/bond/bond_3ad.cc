// 802.3ad: the bond's side of the LACP engine (proto/lacp).
#include "dev/bond/bond.h"

namespace uvn {

bool BondDevice::ad_rx(BondSlave& s, Frame& f) {
  (void)s, (void)f;
  return false;
}

void BondDevice::set_actor_port_prio(BondSlave& s, uint16_t prio) {
  s.set_opt(kBsActorPortPrio, prio);
}

std::optional<BondAdInfo> BondDevice::ad_info() const { return std::nullopt; }

std::optional<BondAdPort> BondDevice::ad_port(const BondSlave& s) const {
  (void)s;
  return std::nullopt;
}

BondAdStats BondDevice::ad_stats(const BondSlave* s) const {
  (void)s;
  return {};
}

MacAddr BondDevice::ad_system() const {
  uint64_t v = opt(kBondAdActorSystem);
  if (!v) return mac();
  MacAddr m;
  for (int k = 0; k < 6; ++k) m.b[k] = uint8_t(v >> (8 * (5 - k)));
  return m;
}

}  // namespace uvn
