// VnetHdr: the virtio-net header (struct virtio_net_hdr, 10 bytes, host byte order on this
// little-endian target) that the kernel puts before each frame on a TAP opened with
// IFF_VNET_HDR and on a packet socket with PACKET_VNET_HDR. It says whether the frame is a
// GSO super-frame (gso_type, gso_size, hdr_len) and whether its L4 checksum is still to be
// filled (flags & kNeedsCsum: the sum over [csum_start, end) goes at csum_start+csum_offset).
// With it, a TCP stream crosses uvn in 64 KB frames instead of MTU-sized ones.
#pragma once

#include <cstdint>

namespace uvn::sys {

struct VnetHdr {
  static constexpr uint8_t kNeedsCsum = 1;  // VIRTIO_NET_HDR_F_NEEDS_CSUM
  static constexpr uint8_t kDataValid = 2;  // VIRTIO_NET_HDR_F_DATA_VALID
  static constexpr uint8_t kGsoNone = 0, kGsoTcpv4 = 1, kGsoUdp = 3, kGsoTcpv6 = 4,
                           kGsoEcn = 0x80;
  uint8_t flags = 0;
  uint8_t gso_type = kGsoNone;
  uint16_t hdr_len = 0;
  uint16_t gso_size = 0;
  uint16_t csum_start = 0;
  uint16_t csum_offset = 0;
};
static_assert(sizeof(VnetHdr) == 10);

}  // namespace uvn::sys
