// Frame: one Ethernet frame in a pool buffer, with headroom in front so that VLAN tags and
// encapsulations can be pushed without copying the payload, and metadata that travels with
// the frame through the devices (ingress device, priority, VLAN, hash).
//
// Frames are move-only and own their buffer (RAII): destroying a Frame gives the buffer back
// to its Pool. No heap allocation happens per frame while the pool has free buffers; frames
// larger than a pool buffer (jumbo MTUs, large pings) take a buffer from the heap instead and
// the pool counts them (Pool::stats().oversize).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <utility>

namespace uvn {

class Pool;

struct FrameMeta {
  int ingress_ifindex = 0;  // device the frame was last received on (0: locally sent)
  uint32_t priority = 0;    // skb->priority: set by the sender, mapped by VLAN egress maps
  uint32_t hash = 0;        // flow hash, 0 until computed
  uint16_t vlan_tci = 0;    // accelerated VLAN tag (valid when vlan_present)
  uint16_t vlan_proto = 0;  // its TPID
  bool vlan_present = false;
  uint8_t pkt_type = 0;     // PacketType below
};

// Offload state of a frame that came from the kernel (live mode: a TAP with IFF_VNET_HDR or a
// packet socket with PACKET_VNET_HDR) as its virtio-net header said: a GSO super-frame still
// to be cut into gso_size segments, and/or an L4 checksum still to be filled in. Offsets
// count from the frame's first byte and follow push()/pull(), so a VLAN tag pushed or
// popped on the way keeps them right. Frames made inside uvn have none (all zero).
struct Offload {
  uint8_t gso_type = 0;    // virtio's VIRTIO_NET_HDR_GSO_* (0: not a GSO frame)
  bool csum_partial = false;
  uint16_t gso_size = 0;
  uint16_t hdr_len = 0;
  uint16_t csum_start = 0;
  uint16_t csum_offset = 0;
  bool any() const { return gso_type != 0 || csum_partial; }
};

// Where a received frame was addressed, as the kernel's skb->pkt_type.
enum PacketType : uint8_t { kPacketHost = 0, kPacketBroadcast, kPacketMulticast, kPacketOtherHost };

class Frame {
 public:
  Frame() = default;
  Frame(Frame&& o) noexcept { *this = std::move(o); }
  Frame& operator=(Frame&& o) noexcept;
  Frame(const Frame&) = delete;
  Frame& operator=(const Frame&) = delete;
  ~Frame() { release(); }

  bool valid() const { return buf_ != nullptr; }
  uint8_t* data() { return buf_ + head_; }
  const uint8_t* data() const { return buf_ + head_; }
  size_t size() const { return len_; }
  size_t headroom() const { return head_; }
  size_t tailroom() const { return cap_ - head_ - len_; }

  // Prepend n bytes (returns their start) or nullptr if there is no headroom.
  uint8_t* push(size_t n);
  // Drop n bytes from the front; false if the frame is shorter.
  bool pull(size_t n);
  // Append n bytes at the end (returns their start) or nullptr if there is no tailroom.
  uint8_t* put(size_t n);
  // Cut the frame to n bytes.
  void trim(size_t n) {
    if (n < len_) len_ = uint32_t(n);
  }

  // A copy in a new buffer from the same pool (for flooding to several ports).
  Frame clone() const;

  FrameMeta meta;
  Offload offload;

 private:
  void shift_offload(int delta);
  friend class Pool;
  void release();

  uint8_t* buf_ = nullptr;
  Pool* pool_ = nullptr;
  uint32_t cap_ = 0;
  uint32_t head_ = 0;
  uint32_t len_ = 0;
  bool heap_ = false;  // oversize buffer, freed with delete[]
};

}  // namespace uvn
