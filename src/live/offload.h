// Offload <-> virtio-net header: a frame's offload state (packet/frame.h) as the kernel
// writes it before a frame on a TAP or packet socket (sys/vnet.h), and back.
#pragma once

#include "packet/frame.h"
#include "sys/vnet.h"

namespace uvn::live {

inline Offload offload_from_vnet(const sys::VnetHdr& vh) {
  Offload o;
  o.gso_type = vh.gso_type;
  o.gso_size = vh.gso_size;
  o.hdr_len = vh.gso_type ? vh.hdr_len : 0;
  o.csum_partial = vh.flags & sys::VnetHdr::kNeedsCsum;
  if (o.csum_partial) {
    o.csum_start = vh.csum_start;
    o.csum_offset = vh.csum_offset;
  }
  return o;
}

inline sys::VnetHdr vnet_from_offload(const Offload& o) {
  sys::VnetHdr vh;
  vh.gso_type = o.gso_type;
  vh.gso_size = o.gso_size;
  vh.hdr_len = o.hdr_len;
  if (o.csum_partial) {
    vh.flags = sys::VnetHdr::kNeedsCsum;
    vh.csum_start = o.csum_start;
    vh.csum_offset = o.csum_offset;
  }
  return vh;
}

}  // namespace uvn::live
