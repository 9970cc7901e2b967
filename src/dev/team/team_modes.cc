// The team's data path: the ports' rx handler (team_handle_frame and the modes' receive) and
// transmit by mode (team_xmit and the modes' transmit).
#include "base/be.h"
#include "dev/team/team.h"

namespace uvn {

namespace {

bool link_local(const Frame& f) {
  const uint8_t* d = f.data();
  return f.size() >= 6 && d[0] == 0x01 && d[1] == 0x80 && d[2] == 0xc2 && d[3] == 0 && d[4] == 0 &&
         (d[5] & 0xf0) == 0;
}

}  // namespace

RxResult TeamDevice::receive(TeamPort& p, Frame& f, Device*& another) {
  bool exact = false;
  if (!p.rx_enabled()) {
    // Link-local frames are for the port's own stack (LLDP, LACP seen by teamd).
    if (link_local(f)) return RxResult::kPass;
    exact = true;
  } else if (mode_ == TeamMode::kActiveBackup) {
    exact = active_ != &p;
  } else if (mode_ == TeamMode::kLoadBalance) {
    // LACPDUs (slow protocols to 01:80:c2:00:00:02) go to exact delivery: teamd's lacp
    // runner reads them on the port.
    exact = f.size() >= 14 && load_be16(f.data() + 12) == 0x8809 && link_local(f) &&
            f.data()[5] == 0x02;
  }
  if (exact) {
    // RX_HANDLER_EXACT: only packet sockets bound to the port would see it.
    ++stats().rx_nohandler;
    return RxResult::kConsumed;
  }
  another = this;
  return RxResult::kAnother;
}

void TeamDevice::send_to(TeamPort& p, Frame&& f) {
  if (mode_ == TeamMode::kLoadBalance) {
    p.lb_tx_bytes += f.size();
  }
  p.dev().transmit(std::move(f));
}

// team_get_first_port_txable: `p` if it can send, else the next one that can in port order,
// wrapping around.
TeamPort* TeamDevice::first_txable_from(TeamPort* p) const {
  if (!p) return nullptr;
  if (p->txable()) return p;
  size_t start = 0;
  while (ports_[start].get() != p) ++start;
  for (size_t k = 1; k < ports_.size(); ++k) {
    TeamPort* c = ports_[(start + k) % ports_.size()].get();
    if (c->txable()) return c;
  }
  return nullptr;
}

void TeamDevice::xmit_broadcast(Frame&& f) {
  TeamPort* last = nullptr;
  for (auto& p : ports_) {
    if (!p->txable()) continue;
    if (last) send_to(*last, f.clone());
    last = p.get();
  }
  if (last)
    send_to(*last, std::move(f));
  else
    count_drop(DropReason::kNoCarrier, false);
}

void TeamDevice::xmit_loadbalance(Frame&& f) {
  uint8_t bucket = lb_bucket(f);
  TeamPort* p = nullptr;
  if (lb_method_ == TeamLbTxMethod::kHashToPortMapping) p = lb_map_[bucket];
  // An empty bucket falls back to the hash method.
  if (!p && !en_ports_.empty()) p = en_ports_[bucket % en_ports_.size()];
  if (!p) {
    count_drop(DropReason::kNoCarrier, false);
    return;
  }
  lb_bucket_bytes_[bucket] += f.size();
  send_to(*p, std::move(f));
}

void TeamDevice::xmit_frame(Frame&& f) {
  TeamPort* p = nullptr;
  switch (mode_) {
    case TeamMode::kNone: break;  // team_dummy_transmit
    case TeamMode::kBroadcast: xmit_broadcast(std::move(f)); return;
    case TeamMode::kLoadBalance: xmit_loadbalance(std::move(f)); return;
    case TeamMode::kActiveBackup: p = active_; break;
    case TeamMode::kRoundRobin:
      if (!en_ports_.empty()) p = first_txable_from(en_ports_[rr_sent_++ % en_ports_.size()]);
      break;
    case TeamMode::kRandom:
      if (!en_ports_.empty()) {
        rng_ ^= rng_ << 13;
        rng_ ^= rng_ >> 7;
        rng_ ^= rng_ << 17;
        p = first_txable_from(en_ports_[rng_ % en_ports_.size()]);
      }
      break;
  }
  if (p)
    send_to(*p, std::move(f));
  else
    count_drop(DropReason::kNoCarrier, false);
}

}  // namespace uvn
