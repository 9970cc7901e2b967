// PacketSocket: a kernel interface adopted as a uvn port (live mode, issue 8). An AF_PACKET
// socket bound to the interface, all protocols, in promiscuous mode, that
//  * receives through a memory-mapped ring: TPACKET_V3 (variable-size frames packed in
//    blocks, handed to user space a block at a time, with a 1 ms block timeout: the best
//    batching, but a frame may wait for its block) or TPACKET_V2 (fixed 68 KB slots, each
//    handed over as soon as it is written, so a reader that polls sees it at once); or with
//    recvmmsg (Mode::kRecvmmsg);
//  * sends with PACKET_QDISC_BYPASS (straight to the driver, as the kernel bridge forwards);
//  * uses PACKET_VNET_HDR, so GSO super-frames (a veth's 64 KB TCP segments) pass unsplit in
//    both directions with their checksum state (sys/vnet.h);
//  * ignores its own outgoing frames (PACKET_IGNORE_OUTGOING).
// A VLAN tag the kernel took off into metadata (tp_vlan_tci) is put back in the bytes, so uvn
// sees the frame as it was on the wire.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "base/result.h"
#include "sys/netif.h"
#include "sys/vnet.h"

namespace uvn::sys {

class PacketSocket {
 public:
  enum class Mode { kRingV3, kRingV2, kRecvmmsg };
  struct Options {
    Mode mode = Mode::kRingV2;
    uint32_t block_size = 1u << 18;  // 256 KB: a GSO frame fits
    uint32_t block_count = 32;
    uint32_t block_timeout_ms = 1;
    uint32_t v2_slots = 128;  // TPACKET_V2: frames in the ring, 68 KB each (a GSO frame fits)
  };
  // Opens interface `ifname` of kernel namespace `netns` ("" = the daemon's own).
  static Result<std::unique_ptr<PacketSocket>> open(const std::string& netns,
                                                    const std::string& ifname,
                                                    const Options& opts);
  ~PacketSocket();
  PacketSocket(const PacketSocket&) = delete;
  PacketSocket& operator=(const PacketSocket&) = delete;

  int fd() const { return fd_; }
  int ifindex() const { return ifindex_; }
  Netif& netif() { return netif_; }

  // Calls fn for each frame waiting (nonblocking), at most `budget`; returns how many. The
  // bytes are valid during the call only.
  using FrameFn = std::function<void(const VnetHdr&, const uint8_t*, size_t)>;
  size_t receive(const FrameFn& fn, size_t budget = 256);
  // Sends one frame (its vnet header first); false when the kernel refused it (dropped).
  bool send(const VnetHdr& vh, const uint8_t* data, size_t len);

  struct Stats {
    uint64_t rx = 0, tx = 0, tx_errors = 0, rx_truncated = 0;
  };
  const Stats& stats() const { return stats_; }

 private:
  PacketSocket() = default;
  struct RingFrame {  // where a ring slot's parts are, for either TPACKET version
    const uint8_t* hdr;
    size_t sll_offset;
    uint32_t mac, snaplen, len, status;
    uint16_t vlan_tci, vlan_tpid;
  };
  bool ring_frame(const RingFrame& f, const FrameFn& fn);
  Status setup_ring(const Options& o);
  Status setup_ring_v2(const Options& o);
  size_t receive_ring(const FrameFn& fn, size_t budget);
  size_t receive_ring_v2(const FrameFn& fn, size_t budget);
  size_t receive_mmsg(const FrameFn& fn, size_t budget);
  void deliver(const VnetHdr& vh, const uint8_t* p, size_t len, bool vlan, uint16_t tci,
               uint16_t tpid, const FrameFn& fn);

  Mode mode_ = Mode::kRingV2;
  int fd_ = -1;
  int ifindex_ = 0;
  Netif netif_;
  uint8_t* ring_ = nullptr;
  size_t ring_len_ = 0;
  uint32_t block_size_ = 0, block_count_ = 0, block_ = 0;
  std::vector<uint8_t> scratch_;  // a frame with its VLAN tag put back
  std::vector<std::vector<uint8_t>> bufs_;  // recvmmsg buffers
  Stats stats_;
};

}  // namespace uvn::sys
