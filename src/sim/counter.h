// FrameCounter: remembers a summary of each frame a device receives or sends (a FrameTap, as
// the tc counters of the Linux selftests), so that a script can ask how many frames matching
// a filter went by: `count start DEV`, then `count DEV [rx|tx] [src MAC] [dst MAC] [type T]
// [vlan VID|untagged] [pcp N]`. VID and PCP are the outermost tag's.
#pragma once

#include <optional>
#include <vector>

#include "dev/core/device.h"
#include "world/world.h"

namespace uvn::sim {

struct FrameFilter {
  std::optional<bool> outgoing;
  std::optional<MacAddr> src, dst;
  std::optional<uint16_t> ethertype;  // after any VLAN tags
  std::optional<int> vid;             // -1: untagged
  std::optional<int> pcp;             // the outer tag's PCP (an untagged frame never matches)
};

class FrameCounter : public FrameTap {
 public:
  FrameCounter(World& w, Device& dev);
  ~FrameCounter() override;
  void tap(const Device& dev, const Frame& f, bool outgoing) override;
  void reset() { seen_.clear(); }
  size_t count(const FrameFilter& f) const;
  Device* device() const;

 private:
  struct Seen {
    MacAddr src, dst;
    uint16_t ethertype;
    int16_t vid;
    int8_t pcp;  // -1: untagged
    bool outgoing;
  };
  World& world_;
  Netns* ns_;
  int ifindex_;
  std::vector<Seen> seen_;
};

}  // namespace uvn::sim
