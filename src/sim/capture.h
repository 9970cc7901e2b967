// Capture: records every frame a device receives or sends into a pcap file (a FrameTap, as
// tcpdump's AF_PACKET socket), stamped with the engine's (virtual) time.
#pragma once

#include <optional>
#include <string>

#include "dev/core/device.h"
#include "wire/pcap.h"
#include "world/world.h"

namespace uvn::sim {

class Capture : public FrameTap {
 public:
  Capture(World& w, Device& dev, wire::PcapWriter pcap);
  ~Capture() override;
  void tap(const Device& dev, const Frame& f, bool outgoing) override;

 private:
  World& world_;
  Netns* ns_;
  int ifindex_;
  wire::PcapWriter pcap_;
};

}  // namespace uvn::sim
