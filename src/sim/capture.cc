#include "sim/capture.h"

#include "world/netns.h"

namespace uvn::sim {

Capture::Capture(World& w, Device& dev, wire::PcapWriter pcap)
    : world_(w), ns_(static_cast<Netns*>(dev.ctx())), ifindex_(dev.ifindex()),
      pcap_(std::move(pcap)) {
  dev.add_tap(this);
}

Capture::~Capture() {
  // The device may be gone (deleted, or moved with its namespace).
  if (world_.find_netns(ns_->name()) == ns_)
    if (Device* d = ns_->find(ifindex_)) d->remove_tap(this);
  pcap_.flush();
}

void Capture::tap(const Device&, const Frame& f, bool) {
  pcap_.write(world_.engine().now(), f.data(), f.size());
}

}  // namespace uvn::sim
