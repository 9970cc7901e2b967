// balance-tlb and balance-alb (Linux bond_alb.c), in uvn's words.
//
// Transmit load balancing: frames to a unicast destination with an IPv4/IPv6 payload are
// hashed (tlb: xmit_hash_policy; alb: the XOR of the destination address's bytes) into one of
// 256 entries; with tlb_dynamic_lb an entry is given, the first time it is used, to the slave
// with the most room (speed << 20 minus 8 x its load), and every 10 s the entries are freed and
// each one's last-period byte rate becomes its weight; without tlb_dynamic_lb the hash picks a
// slave among those that can send. Everything else goes out on the active slave. A frame sent on
// another slave than the active one carries that slave's address as its source. Every
// lp_interval seconds each slave sends a learning frame (60 octets, destination = source = its
// address, EtherType 0x9000), once untagged and once tagged for each VLAN above the bond, so
// that switches learn where each address lives.
//
// Receive load balancing (alb only): the bond's ARP replies to a client go out on the slave the
// client is assigned to (in turn, per client address) with that slave's address as sender, so
// each client sends to a different slave; ARP requests go out on the active slave; a client's
// own ARP replies keep its entry's MAC current. When slaves come or go the clients are spread
// again and told with fresh ARP replies.
//
// MAC handling: each slave keeps its own address, except the active slave, which carries the
// bond's (swapped with the previous active slave on failover); tlb changes only the address the
// device shows (uvn's devices have no hardware filter to reprogram), alb the device's too.
#include "base/be.h"
#include "dev/bond/bond.h"
#include "wire/arp.h"
#include "wire/ethernet.h"
#include "wire/vlan.h"

namespace uvn {

namespace {

constexpr Nanos kAlbTick = 100 * kMsec;       // ALB_TIMER_TICKS_PER_SEC 10
constexpr int kTlbRebalanceTicks = 100;       // 10 s
constexpr uint64_t kTlbRebalanceInterval = 10;
constexpr uint16_t kEtherTypeLoopback = 0x9000;

uint8_t simple_hash(const uint8_t* p, size_t n) {
  uint8_t h = 0;
  for (size_t i = 0; i < n; ++i) h ^= p[i];
  return h;
}

}  // namespace

void BondDevice::alb_start() {
  if ((mode() != BondMode::kTlb && mode() != BondMode::kAlb) || !ctx()) return;
  tlb_.fill({});
  rlb_.fill({});
  alb_ticks_ = 0;
  Engine& e = ctx()->engine();
  e.cancel(alb_timer_);
  alb_timer_ = e.after(kAlbTick, [this] { alb_monitor(); });
}

void BondDevice::alb_stop() {
  if (ctx()) ctx()->engine().cancel(alb_timer_);
  alb_timer_ = 0;
}

void BondDevice::tlb_clear_slave(BondSlave* s, bool save_load) {
  for (auto& e : tlb_) {
    if (s && e.slave != s) continue;
    if (save_load) {
      e.load_history = 1 + e.tx_bytes / kTlbRebalanceInterval;
      e.tx_bytes = 0;
    }
    e.slave = nullptr;
  }
  if (s) s->tlb_load = 0;
}

BondSlave* BondDevice::tlb_least_loaded() const {
  BondSlave* best = nullptr;
  int64_t best_gap = 0;
  for (auto& s : slaves_) {
    if (!s->can_tx()) continue;
    int64_t gap = (int64_t(s->speed()) << 20) - int64_t(s->tlb_load << 3);
    if (!best || gap > best_gap) {
      best = s.get();
      best_gap = gap;
    }
  }
  return best;
}

BondSlave* BondDevice::tlb_choose(uint8_t index, size_t len) {
  TlbEntry& e = tlb_[index];
  if (!e.slave) {
    e.slave = tlb_least_loaded();
    if (e.slave) e.slave->tlb_load += e.load_history;
  }
  if (e.slave) e.tx_bytes += len;
  return e.slave;
}

void BondDevice::xmit_tlb(Frame&& f) {
  BondSlave* tx = nullptr;
  auto tags = wire::parse_vlan_tags(f.data(), f.size());
  const bool unicast = f.size() >= 6 && !(f.data()[0] & 1);
  const uint16_t et = tags ? tags->ethertype : 0;
  if (mode() == BondMode::kAlb && et == wire::kEtherTypeArp) {
    tx = rlb_arp_xmit(f, *tags);
  } else if (unicast && (et == wire::kEtherTypeIpv4 || et == wire::kEtherTypeIpv6)) {
    if (!opt(kBondTlbDynamicLb)) {
      if (!usable_.empty()) tx = usable_[select_slave(xmit_hash(f), uint32_t(usable_.size()))];
    } else if (mode() == BondMode::kAlb) {
      // The destination address's bytes, XORed.
      size_t off = tags->l3_offset + (et == wire::kEtherTypeIpv4 ? 16 : 24);
      size_t n = et == wire::kEtherTypeIpv4 ? 4 : 16;
      if (f.size() >= off + n) tx = tlb_choose(simple_hash(f.data() + off, n), f.size());
    } else {
      tx = tlb_choose(uint8_t(xmit_hash(f) & 0xff), f.size());
    }
  }
  if (!tx) {
    tx = curr_active_;  // not balanced: the active slave
    if (opt(kBondTlbDynamicLb)) unbalanced_load_ += f.size();
  }
  if (tx && tx->can_tx()) {
    if (tx != curr_active_ && f.size() >= 12) {
      const MacAddr& m = tx->dev().mac();
      std::copy(m.b.begin(), m.b.end(), f.data() + 6);
    }
    xmit_slave(*tx, std::move(f));
    return;
  }
  if (tx && opt(kBondTlbDynamicLb)) tlb_clear_slave(tx, false);
  count_drop(DropReason::kNoCarrier, false);
}

void BondDevice::send_learning_packets(BondSlave& s, const MacAddr& mac) {
  if (!ctx()) return;
  auto send = [&](std::optional<wire::VlanTag> tag) {
    Frame f = ctx()->engine().pool().alloc(60);
    std::fill(f.data(), f.data() + 60, 0);
    std::copy(mac.b.begin(), mac.b.end(), f.data());
    std::copy(mac.b.begin(), mac.b.end(), f.data() + 6);
    store_be16(f.data() + 12, kEtherTypeLoopback);
    if (tag) {
      if (!wire::vlan_push(f.data(), f.size(), f.headroom(), *tag)) return;
      f.push(wire::kVlanTagLen);
    }
    s.dev().transmit(std::move(f));
  };
  send(std::nullopt);
  for (auto& [tpid, vid] : ctx()->vlans_above(*this)) send(wire::VlanTag{tpid, vid});
}

void BondDevice::alb_monitor() {
  alb_timer_ = 0;
  if (!is_up()) return;
  ++alb_ticks_;
  ++lp_ticks_;
  if (lp_ticks_ >= opt(kBondLpInterval) * 10) {
    lp_ticks_ = 0;
    for (auto& s : slaves_) send_learning_packets(*s, s->dev().mac());
  }
  if (alb_ticks_ >= kTlbRebalanceTicks) {
    alb_ticks_ = 0;
    for (auto& s : slaves_) {
      tlb_clear_slave(s.get(), true);
      if (s.get() == curr_active_) {
        s->tlb_load = unbalanced_load_ / kTlbRebalanceInterval;
        unbalanced_load_ = 0;
      }
    }
  }
  if (mode() == BondMode::kAlb && rlb_update_delay_ > 0 && --rlb_update_delay_ == 0)
    rlb_update_clients();
  if (ctx()) alb_timer_ = ctx()->engine().after(kAlbTick, [this] { alb_monitor(); });
}

void BondDevice::alb_slave_changed() {
  // A slave came, went or changed state: its table entries are freed, clients spread again.
  for (auto& e : tlb_)
    if (e.slave && !e.slave->can_tx()) e.slave = nullptr;
  if (mode() != BondMode::kAlb) return;
  for (auto& c : rlb_) {
    if (c.ip.is_zero() || (c.slave && c.slave->can_tx())) continue;
    c.slave = rlb_next_slave();
    c.ntt = true;
  }
  rlb_update_delay_ = 1;
}

void BondDevice::alb_active_changed(BondSlave* new_active, BondSlave* old_active) {
  if (!new_active) return;
  // The new active slave takes the bond's address; the slave that had it takes the new one's.
  BondSlave* had = old_active;
  if (!had || had->dev().mac() != mac())
    for (auto& s : slaves_)
      if (s->dev().mac() == mac()) had = s.get();
  MacAddr new_old = new_active->dev().mac();
  new_active->dev().set_mac(mac());
  if (had && had != new_active) {
    had->dev().set_mac(new_old);
    send_learning_packets(*had, had->dev().mac());
  }
  send_learning_packets(*new_active, mac());
  // alb_fasten_mac_swap: the clients of both slaves hear their new addresses at once.
  for (auto& c : rlb_)
    if (c.slave == new_active || (had && c.slave == had)) c.ntt = true;
  rlb_update_clients();
}

BondSlave* BondDevice::rlb_next_slave() {
  // rlb_next_rx_slave: the slaves that can send, in turn.
  if (slaves_.empty()) return nullptr;
  for (size_t k = 0; k < slaves_.size(); ++k) {
    rlb_next_ = (rlb_next_ + 1) % slaves_.size();
    if (slaves_[rlb_next_]->can_tx()) return slaves_[rlb_next_].get();
  }
  return nullptr;
}

BondSlave* BondDevice::rlb_arp_xmit(Frame& f, const wire::VlanTags& tags) {
  auto v = wire::ArpView::parse(f.data() + tags.l3_offset, f.size() - tags.l3_offset);
  if (!v) return nullptr;
  auto arp = wire::ArpRepr::parse(*v);
  if (!arp) return nullptr;
  // Only ARP the bond sends for itself (its own address as sender).
  if (arp->sender_mac != mac()) return nullptr;
  // One of 256 entries, by the XOR of the client address's bytes (a new client takes over
  // the entry of an old one with the same hash, as Linux's table does).
  uint8_t ipb[4];
  arp->target_ip.to_bytes(ipb);
  RlbClient& c = rlb_[simple_hash(ipb, 4)];
  if (c.ip != arp->target_ip) {
    c = RlbClient{};
    c.ip = arp->target_ip;
  }
  if (!c.slave || !c.slave->can_tx()) c.slave = rlb_next_slave();
  c.server_ip = arp->sender_ip;
  if (arp->op == wire::ArpOp::kReply) {
    c.mac = arp->target_mac;
    c.assigned = true;
    if (!c.slave) return nullptr;
    // The client learns the assigned slave's address for ours.
    const MacAddr& m = c.slave->dev().mac();
    std::copy(m.b.begin(), m.b.end(), f.data() + tags.l3_offset + 8);
    return c.slave;
  }
  // A request: broadcast on the active slave; the clients hear from their own slaves later.
  rlb_update_delay_ = 20;  // RLB_UPDATE_DELAY: 2 s
  return nullptr;
}

void BondDevice::rlb_update_clients() {
  if (!ctx()) return;
  for (auto& c : rlb_) {
    if (!c.assigned || !c.slave || c.mac.is_zero()) continue;
    if (!c.ntt && c.sent) continue;
    // rlb_update_client: two ARP replies telling the client the slave's address for ours.
    for (int i = 0; i < 2; ++i) {
      wire::ArpRepr arp;
      arp.op = wire::ArpOp::kReply;
      arp.sender_mac = c.slave->dev().mac();
      arp.sender_ip = c.server_ip;
      arp.target_mac = c.mac;
      arp.target_ip = c.ip;
      Frame f = ctx()->engine().pool().alloc(wire::kEthernetHeaderLen + arp.buffer_len());
      wire::EthernetRepr{c.mac, c.slave->dev().mac(), wire::kEtherTypeArp}.emit(f.data());
      arp.emit(f.data() + wire::kEthernetHeaderLen);
      c.slave->dev().transmit(std::move(f));
    }
    c.ntt = false;
    c.sent = true;
  }
}

void BondDevice::alb_rx(BondSlave& s, Frame& f) {
  (void)s;
  auto tags = wire::parse_vlan_tags(f.data(), f.size());
  if (!tags || tags->ethertype != wire::kEtherTypeArp) return;
  auto v = wire::ArpView::parse(f.data() + tags->l3_offset, f.size() - tags->l3_offset);
  if (!v) return;
  auto arp = wire::ArpRepr::parse(*v);
  if (!arp || arp->op != wire::ArpOp::kReply) return;
  // rlb_update_entry_from_arp: a client's reply gives (or changes) its MAC.
  uint8_t ipb[4];
  arp->sender_ip.to_bytes(ipb);
  RlbClient& c = rlb_[simple_hash(ipb, 4)];
  if (c.ip != arp->sender_ip || c.server_ip != arp->target_ip) return;
  if (c.mac != arp->sender_mac) {
    c.mac = arp->sender_mac;
    c.assigned = true;
    c.ntt = true;
    rlb_update_delay_ = 1;
  }
}

}  // namespace uvn
