// balance-tlb and balance-alb (bond_alb.c).
#include "dev/bond/bond.h"

namespace uvn {

void BondDevice::xmit_tlb(Frame&& f) {
  if (curr_active_ && curr_active_->can_tx())
    xmit_slave(*curr_active_, std::move(f));
  else
    count_drop(DropReason::kNoCarrier, false);
}

void BondDevice::alb_rx(BondSlave& s, Frame& f) { (void)s, (void)f; }

}  // namespace uvn
