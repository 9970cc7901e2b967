// The bridge's receive path (Linux br_handle_frame / br_handle_frame_finish): link-local
// groups, port state, learning, locked ports, then local delivery, forwarding or flooding.
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
  const uint16_t vid = 0;
  if (!src.is_unicast_valid() && !src.is_zero()) {
    in.dev().count_drop(DropReason::kMalformed, true);  // a multicast source address
    return RxResult::kConsumed;
  }

  if (is_link_local(dst)) {
    // 01:80:C2:00:00:0X: never forwarded unless the group forward masks allow it.
    uint16_t bit = uint16_t(1u << (dst.b[5] & 0x0f));
    uint64_t fwd_mask = in.opt(kBpGroupFwdMask) | opt(kBrGroupFwdMask);
    if (!opt(kBrNoLinklocalLearn) && in.opt(kBpLearning) && !in.opt(kBpLocked) &&
        in.learning_state())
      learn(in, src, vid);
    if (dst.b[5] == 0x00) {
      // STP BPDUs: the bridge's own protocol when STP runs, otherwise forwarded like data.
      if (opt(kBrStpState) != 0) {
        if (auto llc = wire::bpdu_llc_payload(f.data(), f.size())) {
          stp_.receive_bpdu(in.port_no(), llc->data, llc->len, ctx()->engine().now());
          stp_kick();
        }
        return RxResult::kConsumed;
      }
    } else if (dst.b[5] == 0x01) {
      ++in.counters.drops_linklocal;  // MAC control (pause): never forwarded
      return RxResult::kConsumed;
    } else if (!(fwd_mask & bit)) {
      return RxResult::kPass;  // up the port's own stack (LACP, LLDP, 802.1X, ...)
    }
  }

  if (!in.learning_state()) {
    ++in.counters.drops_state;
    in.dev().count_drop(DropReason::kNotClaimed, true);
    return RxResult::kConsumed;
  }
  if (in.opt(kBpLocked) && !locked_admit(in, src, vid)) {
    ++in.counters.drops_locked;
    return RxResult::kConsumed;
  }
  if (in.opt(kBpLearning)) learn(in, src, vid);
  if (!in.forwarding()) {
    ++in.counters.drops_state;
    return RxResult::kConsumed;
  }
  if (!is_up()) return RxResult::kConsumed;

  Nanos now = ctx()->engine().now();
  if (dst.is_multicast()) {
    // Broadcast and multicast: to every port that takes them, and up to br0.
    flood(&in, f, false, true);
    another = this;
    return RxResult::kAnother;
  }
  FdbEntry* e = fdb_.find(dst, vid);
  if (e && expired(*e, now)) e = nullptr;
  if (e && e->is_local()) {
    another = this;
    return RxResult::kAnother;
  }
  if (e && e->port && !(e->flags & kFdbLocked)) {
    e->used = now;
    forward(&in, *e->port, std::move(f), false);
    return RxResult::kConsumed;
  }
  // Unknown unicast: flood; a promiscuous bridge also takes a copy.
  if (promiscuity() > 0) {
    flood(&in, f, false, true);
    another = this;
    return RxResult::kAnother;
  }
  flood(&in, f, false, false);
  return RxResult::kConsumed;
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
