#include "dev/core/device.h"

#include <algorithm>

namespace uvn {

Device::Device(const KindInfo& info, NetContext* ctx)
    : info_(info), ctx_(ctx), flags_(info.default_flags), mtu_(info.default_mtu) {
  txqlen = info.txqlen;
}

Device::~Device() = default;

MacAddr random_mac(uint64_t r) {
  MacAddr m;
  for (int i = 0; i < 6; ++i) m.b[i] = uint8_t(r >> (8 * i));
  m.b[0] = (m.b[0] & 0xfe) | 0x02;  // unicast, locally administered
  return m;
}

void Device::set_name(std::string n) {
  name_ = std::move(n);
  notify(kChangeName);
}

void Device::set_mac(const MacAddr& m) {
  if (perm_mac_.is_zero()) perm_mac_ = m;
  if (mac_ == m) return;
  mac_ = m;
  notify(kChangeAddress);
}

void Device::open() {
  if (is_up()) return;
  flags_ |= kIffUp;
  ever_up_ = true;
  on_open();
  notify(kChangeFlags);
}

void Device::close() {
  if (!is_up()) return;
  flags_ &= ~kIffUp;
  on_close();
  notify(kChangeFlags);
}

void Device::set_flag(uint32_t flag, bool on) {
  uint32_t old = flags_;
  flags_ = on ? (flags_ | flag) : (flags_ & ~flag);
  if (old != flags_) notify(kChangeFlags);
}

void Device::set_promisc(bool on) {
  if (bool(flags_ & kIffPromisc) == on) return;
  flags_ ^= kIffPromisc;
  inc_promiscuity(on ? 1 : -1);
}

void Device::set_allmulticast(bool on) {
  if (bool(flags_ & kIffAllmulti) == on) return;
  flags_ ^= kIffAllmulti;
  inc_allmulti(on ? 1 : -1);
  notify(kChangeFlags);
}

void Device::inc_promiscuity(int d) {
  const int old = promiscuity_;
  promiscuity_ = std::max(0, promiscuity_ + d);
  if ((old > 0) != (promiscuity_ > 0)) on_change_rx_flags(kIffPromisc, promiscuity_ > 0);
  notify(kChangeFlags);
}

void Device::inc_allmulti(int d) {
  const int old = allmulti_;
  allmulti_ = std::max(0, allmulti_ + d);
  if ((old > 0) != (allmulti_ > 0)) on_change_rx_flags(kIffAllmulti, allmulti_ > 0);
}

uint32_t Device::visible_flags() const {
  uint32_t f = flags_ & ~(kIffRunning | kIffLowerUp | kIffDormant);
  if (is_up()) {
    OperState s = operstate();
    if (s == OperState::kUp || s == OperState::kUnknown) f |= kIffRunning;
    if (carrier_) f |= kIffLowerUp;
  }
  return f;
}

void Device::set_carrier(bool on) {
  if (carrier_ == on) return;
  carrier_ = on;
  if (registered_) ++carrier_changes_;
  notify(kChangeCarrier);
}

OperState Device::operstate() const {
  if (!is_up()) return OperState::kDown;
  if (!carrier_) {
    // As the kernel's default_operstate: a device whose IFLA_LINK names another device of
    // its own namespace (looked up by index there) that has no carrier is LOWERLAYERDOWN.
    Device* l = link();
    if (!l || !ctx_) return OperState::kDown;
    Device* same = ctx_->device_by_index(l->ifindex());
    if (!same || same == this) return OperState::kDown;
    return same->carrier() ? OperState::kDown : OperState::kLowerLayerDown;
  }
  return info_.oper_unknown ? OperState::kUnknown : OperState::kUp;
}

void Device::set_mtu(uint32_t m) {
  if (mtu_ == m) return;
  mtu_ = m;
  notify(kChangeMtu);
}

void Device::set_master(Device* m) {
  master_ = m;
  notify(kChangeMaster);
}

void Device::add_rx_handler(RxHandler* h, bool first) {
  rx_handlers_.insert(first ? rx_handlers_.begin() : rx_handlers_.end(), h);
}
void Device::remove_rx_handler(RxHandler* h) {
  rx_handlers_.erase(std::remove(rx_handlers_.begin(), rx_handlers_.end(), h), rx_handlers_.end());
}
void Device::list_add(std::vector<HwAddr>& l, const MacAddr& m) {
  for (auto& a : l)
    if (a.mac == m) {
      ++a.refs;
      return;
    }
  l.push_back(HwAddr{m, 1});
}

bool Device::list_del(std::vector<HwAddr>& l, const MacAddr& m) {
  for (auto it = l.begin(); it != l.end(); ++it)
    if (it->mac == m) {
      if (--it->refs <= 0) l.erase(it);
      return true;
    }
  return false;
}

void Device::add_watcher(DeviceWatcher* w) { watchers_.push_back(w); }
void Device::remove_watcher(DeviceWatcher* w) {
  watchers_.erase(std::remove(watchers_.begin(), watchers_.end(), w), watchers_.end());
}
void Device::add_tap(FrameTap* t) { taps_.push_back(t); }
void Device::remove_tap(FrameTap* t) {
  taps_.erase(std::remove(taps_.begin(), taps_.end(), t), taps_.end());
}

void Device::count_drop(DropReason r, bool rx) {
  ++stats_.drops[static_cast<size_t>(r)];
  if (rx)
    ++stats_.rx_dropped;
  else
    ++stats_.tx_dropped;
}

void Device::rx(Frame&& f) {
  if (!ctx_ || !netif_rx(ctx_->engine(), std::move(f))) count_drop(DropReason::kBacklogFull, true);
}

void Device::poll(Batch& batch) {
  for (auto& f : batch) receive_one(std::move(f));
}

void Device::receive_one(Frame&& f) {
  Device* dev = this;
  for (int depth = 0; depth < 8; ++depth) {
    if (!dev->is_up()) {
      dev->count_drop(DropReason::kDeviceDown, true);
      return;
    }
    ++dev->stats_.rx_packets;
    dev->stats_.rx_bytes +=
        dev->info_.rx_bytes_without_l2 && f.size() >= 14 ? f.size() - 14 : f.size();
    if (dev->info_.rx_multicast != KindInfo::RxMcast::kNone && f.size() >= 6 &&
        (f.data()[0] & 1) &&
        (dev->info_.rx_multicast == KindInfo::RxMcast::kGroup ||
         !std::all_of(f.data(), f.data() + 6, [](uint8_t b) { return b == 0xff; })))
      ++dev->stats_.multicast;
    f.meta.ingress_ifindex = dev->ifindex_;
    for (FrameTap* t : dev->taps_) t->tap(*dev, f, false);
    Device* another = nullptr;
    RxResult res = RxResult::kPass;
    for (RxHandler* h : dev->rx_handlers_) {
      res = h->handle_frame(*dev, f, another);
      if (res != RxResult::kPass) break;
    }
    if (res == RxResult::kConsumed) return;
    if (res == RxResult::kAnother && another) {
      dev = another;
      continue;
    }
    if (dev->ctx_) dev->ctx_->deliver_to_stack(*dev, std::move(f));
    return;
  }
  count_drop(DropReason::kNotClaimed, true);
}

void Device::transmit(Frame&& f) {
  if (!is_up()) {
    count_drop(DropReason::kDeviceDown, false);
    return;
  }
  if (!carrier()) {
    // Linux's linkwatch has swapped in the noop qdisc (dev_deactivate), which drops what
    // is sent without counting it in the device's tx_dropped.
    ++stats_.drops[static_cast<size_t>(DropReason::kNoCarrier)];
    return;
  }
  ++stats_.tx_packets;
  stats_.tx_bytes += f.size();
  for (FrameTap* t : taps_) t->tap(*this, f, true);
  xmit_frame(std::move(f));
}

void Device::transmit(Batch& b) {
  if (!is_up()) {
    for (size_t i = 0; i < b.size(); ++i) count_drop(DropReason::kDeviceDown, false);
    b.clear();
    return;
  }
  if (!carrier()) {
    stats_.drops[static_cast<size_t>(DropReason::kNoCarrier)] += b.size();
    b.clear();
    return;
  }
  for (auto& f : b) {
    ++stats_.tx_packets;
    stats_.tx_bytes += f.size();
    for (FrameTap* t : taps_) t->tap(*this, f, true);
  }
  xmit(b);
  b.clear();
}

void Device::notify(uint32_t changes) {
  if (hold_) {
    held_ |= changes;
    return;
  }
  if (ctx_) ctx_->notify(*this, changes);
  for (size_t i = 0; i < watchers_.size(); ++i) watchers_[i]->device_changed(*this, changes);
}

void Device::release_notify() {
  if (hold_ > 0 && --hold_ == 0 && held_) {
    uint32_t c = held_;
    held_ = 0;
    notify(c);
  }
}

}  // namespace uvn
