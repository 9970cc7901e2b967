#include "sim/counter.h"

#include "world/netns.h"

namespace uvn::sim {

FrameCounter::FrameCounter(World& w, Device& dev)
    : world_(w), ns_(static_cast<Netns*>(dev.ctx())), ifindex_(dev.ifindex()) {
  dev.add_tap(this);
}

Device* FrameCounter::device() const {
  // The device may be gone (deleted, or moved with its namespace).
  if (world_.find_netns(ns_->name()) != ns_) return nullptr;
  return ns_->find(ifindex_);
}

FrameCounter::~FrameCounter() {
  if (Device* d = device()) d->remove_tap(this);
}

void FrameCounter::tap(const Device&, const Frame& f, bool outgoing) {
  if (f.size() < 14) return;
  const uint8_t* p = f.data();
  Seen s{MacAddr::from_bytes(p + 6), MacAddr::from_bytes(p), 0, -1, -1, outgoing};
  size_t off = 12;
  uint16_t type = uint16_t(p[off] << 8 | p[off + 1]);
  if (f.meta.vlan_present) {
    s.vid = int16_t(f.meta.vlan_tci & 0xfff);
    s.pcp = int8_t(f.meta.vlan_tci >> 13);
  } else if ((type == 0x8100 || type == 0x88a8) && f.size() >= 18) {
    s.vid = int16_t((p[14] << 8 | p[15]) & 0xfff);
    s.pcp = int8_t(p[14] >> 5);
    off = 16;
    type = uint16_t(p[off] << 8 | p[off + 1]);
  }
  s.ethertype = type;
  seen_.push_back(s);
}

size_t FrameCounter::count(const FrameFilter& f) const {
  size_t n = 0;
  for (auto& s : seen_)
    if ((!f.outgoing || *f.outgoing == s.outgoing) && (!f.src || *f.src == s.src) &&
        (!f.dst || *f.dst == s.dst) && (!f.ethertype || *f.ethertype == s.ethertype) &&
        (!f.vid || *f.vid == s.vid) && (!f.pcp || *f.pcp == s.pcp))
      ++n;
  return n;
}

}  // namespace uvn::sim
