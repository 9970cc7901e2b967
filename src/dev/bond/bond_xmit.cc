// The bond's data path: transmit by mode (__bond_start_xmit) and the slaves' receive handler
// (bond_handle_frame).
#include "base/be.h"
#include "dev/bond/bond.h"
#include "packet/flow_hash.h"
#include "wire/ethernet.h"

namespace uvn {

namespace {

constexpr uint8_t kIpProtoIgmp = 2;

// is_link_local_ether_addr: 01:80:c2:00:00:0X.
bool link_local_dst(const Frame& f) {
  const uint8_t* d = f.data();
  return f.size() >= 6 && d[0] == 0x01 && d[1] == 0x80 && d[2] == 0xc2 && d[3] == 0 && d[4] == 0 &&
         (d[5] & 0xf0) == 0;
}

bool is_igmp(const Frame& f) {
  if (f.size() < wire::kEthernetHeaderLen + 20) return false;
  return load_be16(f.data() + 12) == wire::kEtherTypeIpv4 && f.data()[14 + 9] == kIpProtoIgmp;
}

}  // namespace

RxResult BondDevice::handle_frame(BondSlave& s, Frame& f, Device*& another) {
  // The mode's receive probe first: the ARP monitor's bookkeeping, LACPDUs, ALB's ARP.
  if (opt(kBondArpInterval)) arp_rcv(s, f);
  if (mode() == BondMode::k8023ad && f.size() >= 14 && load_be16(f.data() + 12) == 0x8809) {
    if (ad_rx(s, f)) return RxResult::kConsumed;
  }
  if (mode() == BondMode::kAlb) alb_rx(s, f);
  // bond_should_deliver_exact_match: an inactive slave keeps what it receives (alb takes
  // unicast on every slave), except link-local frames, which go to the slave's own stack.
  if (s.inactive && !(mode() == BondMode::kAlb && !(f.data()[0] & 1))) {
    if (link_local_dst(f)) return RxResult::kPass;
    ++s.dev().stats().rx_nohandler;
    return RxResult::kConsumed;
  }
  // alb: a client sends to the slave it was given; the frame was for this host on the slave
  // (PACKET_HOST), so it stays so on the bond, whose address it then carries.
  if (mode() == BondMode::kAlb && f.size() >= 6 && MacAddr::from_bytes(f.data()) == s.dev().mac() &&
      s.dev().mac() != mac())
    std::copy(mac().b.begin(), mac().b.end(), f.data());
  another = this;
  return RxResult::kAnother;
}

void BondDevice::xmit_slave(BondSlave& s, Frame&& f) {
  if (mode() == BondMode::kTlb || mode() == BondMode::kAlb) s.tlb_load += f.size();
  s.dev().transmit(std::move(f));
}

uint32_t BondDevice::rr_next_id() {
  // bond_rr_gen_slave_id: packets_per_slave 0 picks at random, 1 takes turns, N sends N
  // frames on a slave before moving on.
  uint64_t pps = opt(kBondPacketsPerSlave);
  if (pps == 0) {
    rng_state_ ^= rng_state_ << 13;
    rng_state_ ^= rng_state_ >> 7;
    rng_state_ ^= rng_state_ << 17;
    return uint32_t(rng_state_);
  }
  // The counter moves before it is used: the first frame goes to the second slave.
  ++rr_counter_;
  return pps == 1 ? uint32_t(rr_counter_) : uint32_t(rr_counter_ / pps);
}

// bond_get_slave_by_id: the first slave that can send, from `start` on, wrapping around.
void BondDevice::xmit_slave_from(size_t start, Frame&& f) {
  const size_t n = slaves_.size();
  for (size_t k = 0; k < n; ++k) {
    BondSlave& s = *slaves_[(start + k) % n];
    if (s.can_tx()) {
      xmit_slave(s, std::move(f));
      return;
    }
  }
  count_drop(DropReason::kNoCarrier, false);
}

void BondDevice::xmit_rr(Frame&& f) {
  if (is_igmp(f)) {
    // IGMP leaves on one slave, the current active one, so that memberships stay put.
    if (curr_active_) {
      xmit_slave(*curr_active_, std::move(f));
      return;
    }
    xmit_slave_from(0, std::move(f));
    return;
  }
  uint32_t id = rr_next_id();
  xmit_slave_from(id % slaves_.size(), std::move(f));
}

uint32_t BondDevice::xmit_hash(const Frame& f) const {
  // A VLAN device above the bond hands Linux's bond its tag out of band; uvn's VLAN devices
  // push it in-band, so the outer tag is read as that accelerated tag.
  XmitHashMeta meta = xmit_hash_meta(f.meta);
  meta.outer_tag_accel = true;
  return bond_xmit_hash(FlowHashPolicy(opt(kBondXmitHashPolicy)), f.data(), f.size(), meta);
}

void BondDevice::xmit_hash(Frame&& f) {
  if (usable_.empty()) {
    count_drop(DropReason::kNoCarrier, false);
    return;
  }
  xmit_slave(*usable_[select_slave(xmit_hash(f), uint32_t(usable_.size()))], std::move(f));
}

void BondDevice::xmit_broadcast(Frame&& f) {
  BondSlave* last = nullptr;
  for (auto& s : slaves_) {
    // Every slave that is up with its link up, backup or not.
    if (!s->is_up() || s->link != BondLink::kUp) continue;
    if (last) {
      Frame copy = f.clone();
      xmit_slave(*last, std::move(copy));
    }
    last = s.get();
  }
  if (last)
    xmit_slave(*last, std::move(f));
  else
    count_drop(DropReason::kNoCarrier, false);
}

void BondDevice::xmit_frame(Frame&& f) {
  if (slaves_.empty()) {
    count_drop(DropReason::kNoCarrier, false);
    return;
  }
  switch (mode()) {
    case BondMode::kRoundRobin: xmit_rr(std::move(f)); return;
    case BondMode::kActiveBackup:
      if (curr_active_)
        xmit_slave(*curr_active_, std::move(f));
      else
        count_drop(DropReason::kNoCarrier, false);
      return;
    case BondMode::kXor:
    case BondMode::k8023ad: xmit_hash(std::move(f)); return;
    case BondMode::kBroadcast: xmit_broadcast(std::move(f)); return;
    case BondMode::kTlb:
    case BondMode::kAlb: xmit_tlb(std::move(f)); return;
  }
}

}  // namespace uvn
