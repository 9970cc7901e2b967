// The bridge's receive path (Linux br_handle_frame / br_handle_frame_finish): link-local
// groups, port state, VLAN ingress (vlan_ingress in bridge_vlan.cc), learning, locked ports,
// IGMP/MLD snooping (multicast.cc), then local delivery (up(), with br0's own VLAN egress
// rules), forwarding or flooding.
#include "dev/bridge/bridge.h"
#include "wire/bpdu.h"
#include "wire/ethernet.h"

namespace uvn {

RxResult BridgePort::handle_frame(Device&, Frame& f, Device*& another) {
  return br_.input(*this, f, another);
}

namespace {
bool is_link_local(const MacAddr& d) {
  return d.b[0] == 0x01 && d.b[1] == 0x80 && d.b[2] == 0xc2 && d.b[3] == 0 && d.b[4] == 0 &&
         (d.b[5] & 0xf0) == 0;
}
}  // namespace

RxResult BridgeDevice::input(BridgePort& in, Frame& f, Device*& another) {
  auto eth = wire::EthernetView::parse(f.data(), f.size());
  if (!eth) {
    in.dev().count_drop(DropReason::kMalformed, true);
    return RxResult::kConsumed;
  }
  const MacAddr dst = eth->dst();
  const MacAddr src = eth->src();
  if (!src.is_unicast_valid() && !src.is_zero()) {
    in.dev().count_drop(DropReason::kMalformed, true);  // a multicast source address
    return RxResult::kConsumed;
  }
  const bool filtering = vlan_filtering();

  if (is_link_local(dst)) {
    // 01:80:C2:00:00:0X: never forwarded unless the group forward masks allow it (an
    // 802.1ad bridge must forward the customer bridges' groups).
    const uint8_t b = dst.b[5] & 0x0f;
    const uint16_t bit = uint16_t(1u << b);
    uint64_t fwd_mask = in.opt(kBpGroupFwdMask) | group_fwd_required_;
    if (!opt(kBrNoLinklocalLearn) && in.opt(kBpLearning) && !in.opt(kBpLocked) &&
        in.learning_state()) {
      // br_should_learn: on the frame's VLAN, if the port has it in a learning state.
      std::optional<uint16_t> lvid = uint16_t(0);
      if (filtering) {
        lvid = vlan_ingress(&in, f, false);
        if (lvid && in.forwarding() && !br_state_learns(in.vlans.find(*lvid)->state))
          lvid.reset();
      }
      if (lvid) learn(in, src, *lvid);
    }
    bool fwd;
    if (b == 0x01) {
      ++in.counters.drops_linklocal;  // MAC control (pause): never forwarded
      return RxResult::kConsumed;
    } else if (b == 0x00) {
      // The bridge group address: forwarded while STP is off, to keep loop detection.
      fwd = opt(kBrStpState) == 0 || (fwd_mask & bit);
    } else {
      fwd = (fwd_mask | opt(kBrGroupFwdMask)) & bit;
    }
    if (!fwd) {
      // Our own BPDUs go to the spanning tree; anything else up the port's own stack (LACP,
      // LLDP, 802.1X, ...).
      if (opt(kBrStpState) != 0 && dst == group_mac()) {
        if (auto llc = wire::bpdu_llc_payload(f.data(), f.size())) {
          stp_.receive_bpdu(in.port_no(), llc->data, llc->len, ctx()->engine().now());
          stp_kick();
        }
        return RxResult::kConsumed;
      }
      return b == 0x00 ? RxResult::kConsumed : RxResult::kPass;
    }
  }

  if (!in.learning_state()) {
    ++in.counters.drops_state;
    in.dev().count_drop(DropReason::kNotClaimed, true);
    return RxResult::kConsumed;
  }
  // br_allowed_ingress: the frame's VLAN, and the port's per-VLAN state.
  uint16_t vid = 0;
  uint8_t vstate = kBrStateForwarding;
  if (filtering) {
    auto v = vlan_ingress(&in, f, true);
    if (!v) {
      in.dev().count_drop(DropReason::kVlanFiltered, true);
      return RxResult::kConsumed;
    }
    vid = *v;
    // The per-VLAN state counts once the port itself forwards.
    if (in.forwarding()) vstate = in.vlans.find(vid)->state;
    if (!br_state_learns(vstate)) {
      ++in.counters.drops_state;
      return RxResult::kConsumed;
    }
    count_vlan_rx(&in, f, vid);
  }
  if (in.opt(kBpLocked) && !locked_admit(in, src, vid)) {
    ++in.counters.drops_locked;
    return RxResult::kConsumed;
  }
  if (in.opt(kBpLearning)) learn(in, src, vid);
  // Snooping sees multicast before the forwarding-state check (a report on a learning port
  // counts); a malformed IGMP/MLD or IP header is dropped.
  McastRx mrx;
  if (dst.is_multicast() && !dst.is_broadcast()) {
    mrx = mcast_rcv(&in, f, vid);
    if (mrx.drop) {
      in.dev().count_drop(DropReason::kMalformed, true);
      return RxResult::kConsumed;
    }
  }
  if (!in.forwarding() || vstate != kBrStateForwarding) {
    ++in.counters.drops_state;
    return RxResult::kConsumed;
  }
  if (!is_up()) return RxResult::kConsumed;

  Nanos now = ctx()->engine().now();
  if (dst.is_broadcast()) {
    // To every port that takes it, and up to br0.
    flood(&in, f, false, true, vid);
    return up(f, vid, another);
  }
  if (dst.is_multicast()) {
    if (mcast_forward(&in, f, vid, mrx, false)) return up(f, vid, another);
    return RxResult::kConsumed;
  }
  FdbEntry* e = fdb_lookup(dst, vid);
  if (e && expired(*e, now)) e = nullptr;
  if (e && e->is_local()) return up(f, vid, another);
  if (e && e->port && !(e->flags & kFdbLocked)) {
    e->used = now;
    forward(&in, *e->port, std::move(f), false, vid);
    return RxResult::kConsumed;
  }
  // Unknown unicast: flood; a promiscuous bridge also takes a copy.
  if (promiscuity() > 0) {
    flood(&in, f, false, true, vid);
    return up(f, vid, another);
  }
  flood(&in, f, false, false, vid);
  return RxResult::kConsumed;
}

RxResult BridgeDevice::up(Frame& f, uint16_t vid, Device*& another) {
  // br_pass_frame_up: br0 is a port like the others for the VLAN rules (a promiscuous br0
  // also takes VLANs it does not have, for captures).
  if (vlan_filtering() && !vlan_egress(nullptr, f, vid) && promiscuity() == 0)
    return RxResult::kConsumed;
  another = this;
  return RxResult::kAnother;
}

// 802.1X on a locked port: only a source with an unlocked entry on this port may send. With
// MAB, an unknown source gets a locked entry (user space may then authorise it) and a known
// locked one is refreshed; neither is forwarded, and nothing roams to a locked port.
bool BridgeDevice::locked_admit(BridgePort& p, const MacAddr& src, uint16_t vid) {
  FdbEntry* e = fdb_.find(src, vid);
  if (!e) {
    if (p.opt(kBpMab) && src.is_unicast_valid()) learn_new(p, src, vid, kFdbLocked);
    return false;
  }
  if (e->port != &p || e->is_local()) return false;
  if (e->flags & kFdbLocked) {
    e->updated = ctx()->engine().now();
    return false;
  }
  return true;
}

void BridgeDevice::learn(BridgePort& p, const MacAddr& src, uint16_t vid) {
  if (!src.is_unicast_valid()) return;
  FdbEntry* e = fdb_.find(src, vid);
  if (!e) {
    learn_new(p, src, vid, 0);
    return;
  }
  if (e->is_local()) return;  // our own address seen on a port: ignore
  e->updated = ctx()->engine().now();
  e->flags &= uint16_t(~kFdbNotifyInactive);  // active again
  if (e->port == &p || (e->flags & kFdbSticky)) return;
  // Roaming: the station moved to this port (static entries too; sticky ones never). A
  // hardware-learned entry becomes ours; a locked one is unlocked (this port is not locked).
  FdbEntry moved = *e;
  moved.port = &p;
  moved.flags &= uint16_t(~(kFdbExternLearn | kFdbLocked));
  fdb_.put(moved);
  if (!gc_timer_) schedule_gc();
}

void BridgeDevice::learn_new(BridgePort& p, const MacAddr& src, uint16_t vid, uint16_t flags) {
  uint64_t max = opt(kBrFdbMaxLearned);
  if (max && fdb_.n_learned() >= max) return;
  FdbEntry n;
  n.mac = src;
  n.vid = vid;
  n.port = &p;
  n.flags = flags;
  n.updated = n.used = ctx()->engine().now();
  fdb_.put(n);
  if (!gc_timer_) schedule_gc();
}

}  // namespace uvn
