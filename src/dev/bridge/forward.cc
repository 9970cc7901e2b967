// Forwarding and flooding (Linux br_forward.c), the egress rules (port state, hairpin,
// isolation, flood flags, backup port; VLAN membership and tagging through vlan_egress in
// bridge_vlan.cc), transmit from br0 (br_dev_xmit), and FDB ageing.
#include <algorithm>

#include "dev/bridge/bridge.h"
#include "wire/ethernet.h"

namespace uvn {

namespace {

// Whether a frame that came in on `in` (nullptr: sent by br0) may leave on `out`.
bool should_deliver(const BridgePort* in, const BridgePort& out) {
  if (!out.forwarding()) return false;
  if (in == &out && !out.opt(kBpHairpin)) return false;
  if (in && in->opt(kBpIsolated) && out.opt(kBpIsolated)) return false;
  return true;
}

void egress(BridgePort& out, Frame&& f) {
  f.meta.ingress_ifindex = 0;
  out.dev().transmit(std::move(f));
}

}  // namespace

void BridgeDevice::forward(BridgePort* in, BridgePort& out, Frame&& f, bool local_orig,
                           uint16_t vid) {
  // Known unicast for a port without carrier goes to its backup port, if it has one (flooded
  // frames do not: br_forward vs br_flood).
  BridgePort* to = &out;
  if (to->backup_port && !to->dev().carrier()) to = to->backup_port;
  if (!should_deliver(local_orig ? nullptr : in, *to)) return;
  if (vlan_filtering() && !vlan_egress(to, f, vid)) return;
  egress(*to, std::move(f));
}

void BridgeDevice::flood(BridgePort* in, Frame& f, bool local_orig, bool also_keep,
                         uint16_t vid) {
  auto eth = wire::EthernetView::parse(f.data(), f.size());
  if (!eth) return;
  const MacAddr dst = eth->dst();
  BridgePortOpt flag = dst.is_broadcast() ? kBpBcastFlood
                       : dst.is_multicast() ? kBpMcastFlood
                                            : kBpFlood;
  const bool filtering = vlan_filtering();
  BridgePort* last = nullptr;
  const BrVlan* last_vlan = nullptr;
  for (auto& up : ports_) {
    BridgePort& p = *up;
    // Frames br0 sends ignore the multicast and broadcast flood flags (br_flood).
    if (!should_deliver(local_orig ? nullptr : in, p)) continue;
    if (!p.opt(flag) && !(local_orig && flag != kBpFlood)) continue;
    // br_allowed_egress: only members of the frame's VLAN (the tag is fixed per copy).
    const BrVlan* v = nullptr;
    if (filtering) {
      v = p.vlans.find(vid);
      if (!v || v->state != kBrStateForwarding) continue;
    }
    if (last) send_copy(*last, f.clone(), last_vlan);
    last = &p;
    last_vlan = v;
  }
  if (!last) return;
  if (also_keep)
    send_copy(*last, f.clone(), last_vlan);
  else
    send_copy(*last, std::move(f), last_vlan);
}

void BridgeDevice::send_copy(BridgePort& out, Frame&& f, const BrVlan* v, bool count_mcast) {
  if (v && !vlan_retag(&out, f, *v)) return;
  if (count_mcast && mcast_tx_msg_) mcast_count_tx(out);
  egress(out, std::move(f));
}

void BridgeDevice::xmit_frame(Frame&& f) {
  Nanos now = ctx()->engine().now();
  auto eth = wire::EthernetView::parse(f.data(), f.size());
  if (!eth) return;
  // br_dev_xmit: br0's own VLAN rules first (untagged from its stack: its PVID; a br0.VID
  // upper's tag: that VID, which br0 must have as `self`).
  uint16_t vid = 0;
  if (vlan_filtering()) {
    // (br_allowed_ingress with learning allowed: only blocking-type states stop it)
    auto v = vlan_ingress(nullptr, f, true);
    if (!v || !br_state_learns(vlans_.find(*v)->state)) {
      count_drop(DropReason::kVlanFiltered, false);
      return;
    }
    vid = *v;
    count_vlan_rx(nullptr, f, vid);
  }
  if (eth->dst().is_multicast() && !eth->dst().is_broadcast()) {
    // br0's own reports and leaves are snooped (a host join), then the frame goes where the
    // MDB says, never back up.
    McastRx rx = mcast_rcv(nullptr, f, vid);
    if (rx.drop) return;
    (void)mcast_forward(nullptr, f, vid, rx, true);
    return;
  }
  if (!eth->dst().is_multicast()) {
    FdbEntry* e = fdb_.find(eth->dst(), vid);  // exact: br_dev_xmit has no VID-0 fallback
    if (e && expired(*e, now)) e = nullptr;
    if (e && e->port && !e->is_local()) {
      e->used = now;
      forward(nullptr, *e->port, std::move(f), true, vid);
      return;
    }
    if (e && e->is_local()) return;  // to ourselves: the stack answers locally
  }
  flood(nullptr, f, true, false, vid);
}

Nanos BridgeDevice::ageing() const {
  // During a topology change entries age after twice the operational forward delay
  // (read from the engine when the change starts, not per frame).
  uint64_t cs = in_topology_change ? 2 * uint64_t(tc_forward_delay_cs_) : opt(kBrAgeingTime);
  return Nanos(cs) * 10 * kMsec;
}

bool BridgeDevice::expired(const FdbEntry& e, Nanos now) const {
  return e.ages() && now - e.updated >= ageing();
}

void BridgeDevice::fdb_flush_port(BridgePort* p, bool only_dynamic) {
  fdb_.erase_if([&](const FdbEntry& e) {
    // Linux br_fdb_delete_by_port(do_all=0): local, static and extern_learn entries stay.
    return e.port == p && (!only_dynamic || !(e.flags & (kFdbLocal | kFdbStatic | kFdbExternLearn)));
  });
}

void BridgeDevice::schedule_gc() {
  if (!ctx()) return;
  Engine& eng = ctx()->engine();
  eng.cancel(gc_timer_);
  // Next run when the oldest dynamic entry expires (or one ageing period from now).
  Nanos age = ageing();
  Nanos next = eng.now() + std::max<Nanos>(age, 10 * kMsec);
  fdb_.for_each([&](const FdbEntry& e) {
    if (e.ages() || e.watch_activity()) next = std::min(next, e.updated + age);
  });
  next = std::max(next, eng.now() + 10 * kMsec);
  gc_at_ = next;
  gc_timer_ = eng.at(next, [this] {
    gc_timer_ = 0;
    gc();
  });
}

void BridgeDevice::gc() {
  Nanos now = ctx()->engine().now();
  fdb_.erase_if([&](const FdbEntry& e) { return expired(e, now); });
  // Entries with activity notification are not removed: they turn inactive when idle.
  Nanos age = ageing();
  fdb_.for_each_mut([&](FdbEntry& e) {
    if (e.watch_activity() && now - e.updated >= age) e.flags |= kFdbNotifyInactive;
  });
  if (is_up()) schedule_gc();  // as Linux's gc work, it runs while the bridge is up
}

}  // namespace uvn
