#include "sys/packet_socket.h"

#include <arpa/inet.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "sys/tap.h"

namespace uvn::sys {

namespace {

constexpr size_t kMaxFrame = 65536 + 64;  // a GSO super-frame with its headers
constexpr size_t kMmsgBatch = 32;

Status set_int(int fd, int level, int opt, int v, const char* what) {
  if (setsockopt(fd, level, opt, &v, sizeof v) < 0) return os_error(what);
  return {};
}

}  // namespace

Result<std::unique_ptr<PacketSocket>> PacketSocket::open(const std::string& netns,
                                                         const std::string& ifname,
                                                         const Options& opts) {
  auto scope = NetnsScope::enter(netns);
  if (!scope) return scope.error();
  std::unique_ptr<PacketSocket> s(new PacketSocket);
  s->mode_ = opts.mode;
  if (auto st = s->netif_.open(ifname); !st) return st.error();
  auto idx = s->netif_.ifindex();
  if (!idx) return idx.error();
  s->ifindex_ = *idx;
  // Protocol 0 until bound: nothing is queued from other interfaces meanwhile.
  s->fd_ = socket(AF_PACKET, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (s->fd_ < 0) return os_error("socket AF_PACKET");
  int fd = s->fd_;
  if (auto st = set_int(fd, SOL_PACKET, PACKET_VNET_HDR, 1, "PACKET_VNET_HDR"); !st)
    return st.error();
  if (auto st = set_int(fd, SOL_PACKET, PACKET_QDISC_BYPASS, 1, "PACKET_QDISC_BYPASS"); !st)
    return st.error();
  // Our own transmissions are not received back (Linux 4.20 and later; older kernels refuse
  // the option and the receive path skips PACKET_OUTGOING frames instead).
  (void)set_int(fd, SOL_PACKET, PACKET_IGNORE_OUTGOING, 1, "PACKET_IGNORE_OUTGOING");
  if (opts.mode == Mode::kRingV3) {
    if (auto st = s->setup_ring(opts); !st) return st.error();
  } else if (opts.mode == Mode::kRingV2) {
    if (auto st = s->setup_ring_v2(opts); !st) return st.error();
  } else {
    if (auto st = set_int(fd, SOL_PACKET, PACKET_AUXDATA, 1, "PACKET_AUXDATA"); !st)
      return st.error();
    (void)set_int(fd, SOL_SOCKET, SO_RCVBUF, 4 << 20, "SO_RCVBUF");
    s->bufs_.assign(kMmsgBatch, std::vector<uint8_t>(kMaxFrame));
  }
  sockaddr_ll sll{};
  sll.sll_family = AF_PACKET;
  sll.sll_protocol = htons(ETH_P_ALL);
  sll.sll_ifindex = s->ifindex_;
  if (bind(fd, reinterpret_cast<sockaddr*>(&sll), sizeof sll) < 0)
    return os_error("bind AF_PACKET " + ifname);
  packet_mreq mr{};
  mr.mr_ifindex = s->ifindex_;
  mr.mr_type = PACKET_MR_PROMISC;
  if (setsockopt(fd, SOL_PACKET, PACKET_ADD_MEMBERSHIP, &mr, sizeof mr) < 0)
    return os_error("PACKET_MR_PROMISC " + ifname);
  return s;
}

Status PacketSocket::setup_ring(const Options& o) {
  if (auto st = set_int(fd_, SOL_PACKET, PACKET_VERSION, TPACKET_V3, "PACKET_VERSION"); !st)
    return st;
  tpacket_req3 req{};
  req.tp_block_size = o.block_size;
  req.tp_block_nr = o.block_count;
  req.tp_frame_size = 2048;  // unused by V3 beyond the kernel's sanity checks
  req.tp_frame_nr = o.block_size / 2048 * o.block_count;
  req.tp_retire_blk_tov = o.block_timeout_ms;
  if (setsockopt(fd_, SOL_PACKET, PACKET_RX_RING, &req, sizeof req) < 0)
    return os_error("PACKET_RX_RING");
  ring_len_ = size_t(o.block_size) * o.block_count;
  void* m = mmap(nullptr, ring_len_, PROT_READ | PROT_WRITE, MAP_SHARED, fd_, 0);
  if (m == MAP_FAILED) return os_error("mmap PACKET_RX_RING");
  ring_ = static_cast<uint8_t*>(m);
  block_size_ = o.block_size;
  block_count_ = o.block_count;
  return {};
}

Status PacketSocket::setup_ring_v2(const Options& o) {
  if (auto st = set_int(fd_, SOL_PACKET, PACKET_VERSION, TPACKET_V2, "PACKET_VERSION"); !st)
    return st;
  // One slot holds the header, the address, the vnet header and a 64 KB GSO frame.
  constexpr uint32_t kSlot = 17 * 4096;
  tpacket_req req{};
  req.tp_block_size = kSlot;
  req.tp_block_nr = o.v2_slots;
  req.tp_frame_size = kSlot;
  req.tp_frame_nr = o.v2_slots;
  if (setsockopt(fd_, SOL_PACKET, PACKET_RX_RING, &req, sizeof req) < 0)
    return os_error("PACKET_RX_RING");
  ring_len_ = size_t(kSlot) * o.v2_slots;
  void* m = mmap(nullptr, ring_len_, PROT_READ | PROT_WRITE, MAP_SHARED, fd_, 0);
  if (m == MAP_FAILED) return os_error("mmap PACKET_RX_RING");
  ring_ = static_cast<uint8_t*>(m);
  block_size_ = kSlot;
  block_count_ = o.v2_slots;
  return {};
}

PacketSocket::~PacketSocket() {
  if (ring_) munmap(ring_, ring_len_);
  if (fd_ >= 0) close(fd_);
}

void PacketSocket::deliver(const VnetHdr& vh_in, const uint8_t* p, size_t len, bool vlan,
                           uint16_t tci, uint16_t tpid, const FrameFn& fn) {
  ++stats_.rx;
  if (!vlan || len < 12) {
    fn(vh_in, p, len);
    return;
  }
  // The tag back in the bytes, after the two addresses; offsets behind it move by 4.
  scratch_.resize(len + 4);
  std::memcpy(scratch_.data(), p, 12);
  scratch_[12] = uint8_t(tpid >> 8);
  scratch_[13] = uint8_t(tpid);
  scratch_[14] = uint8_t(tci >> 8);
  scratch_[15] = uint8_t(tci);
  std::memcpy(scratch_.data() + 16, p + 12, len - 12);
  VnetHdr vh = vh_in;
  if (vh.flags & VnetHdr::kNeedsCsum) vh.csum_start = uint16_t(vh.csum_start + 4);
  if (vh.hdr_len) vh.hdr_len = uint16_t(vh.hdr_len + 4);
  fn(vh, scratch_.data(), len + 4);
}

size_t PacketSocket::receive(const FrameFn& fn, size_t budget) {
  switch (mode_) {
    case Mode::kRingV3: return receive_ring(fn, budget);
    case Mode::kRingV2: return receive_ring_v2(fn, budget);
    case Mode::kRecvmmsg: break;
  }
  return receive_mmsg(fn, budget);
}

// One frame of either ring version: skipped (our own, where PACKET_IGNORE_OUTGOING is
// missing), counted (truncated), or delivered with its vnet header (just before the frame).
bool PacketSocket::ring_frame(const RingFrame& f, const FrameFn& fn) {
  auto* sll = reinterpret_cast<const sockaddr_ll*>(f.hdr + f.sll_offset);
  if (sll->sll_pkttype == PACKET_OUTGOING) return false;
  if (f.snaplen < f.len) {
    ++stats_.rx_truncated;
    return false;
  }
  const uint8_t* mac = f.hdr + f.mac;
  VnetHdr vh;
  std::memcpy(&vh, mac - sizeof vh, sizeof vh);
  uint16_t tpid = (f.status & TP_STATUS_VLAN_TPID_VALID) ? f.vlan_tpid : ETH_P_8021Q;
  deliver(vh, mac, f.snaplen, f.status & TP_STATUS_VLAN_VALID, f.vlan_tci, tpid, fn);
  return true;
}

size_t PacketSocket::receive_ring_v2(const FrameFn& fn, size_t budget) {
  size_t n = 0;
  while (n < budget) {
    auto* h = reinterpret_cast<tpacket2_hdr*>(ring_ + size_t(block_) * block_size_);
    auto* status = reinterpret_cast<std::atomic<uint32_t>*>(&h->tp_status);
    uint32_t st = status->load(std::memory_order_acquire);
    if (!(st & TP_STATUS_USER)) break;
    RingFrame rf{reinterpret_cast<const uint8_t*>(h), TPACKET_ALIGN(sizeof(tpacket2_hdr)),
                 h->tp_mac, h->tp_snaplen, h->tp_len, st, h->tp_vlan_tci, h->tp_vlan_tpid};
    n += ring_frame(rf, fn);
    status->store(TP_STATUS_KERNEL, std::memory_order_release);
    block_ = (block_ + 1) % block_count_;
  }
  return n;
}

size_t PacketSocket::receive_ring(const FrameFn& fn, size_t budget) {
  size_t n = 0;
  // Whole blocks: a block goes back to the kernel only once all its frames are read.
  for (uint32_t b = 0; b < block_count_ && n < budget; ++b) {
    auto* bd = reinterpret_cast<tpacket_block_desc*>(ring_ + size_t(block_) * block_size_);
    auto* status = reinterpret_cast<std::atomic<uint32_t>*>(&bd->hdr.bh1.block_status);
    if (!(status->load(std::memory_order_acquire) & TP_STATUS_USER)) break;
    uint32_t count = bd->hdr.bh1.num_pkts;
    auto* h = reinterpret_cast<tpacket3_hdr*>(reinterpret_cast<uint8_t*>(bd) +
                                              bd->hdr.bh1.offset_to_first_pkt);
    for (uint32_t i = 0; i < count; ++i) {
      RingFrame rf{reinterpret_cast<const uint8_t*>(h), TPACKET_ALIGN(sizeof(tpacket3_hdr)),
                   h->tp_mac, h->tp_snaplen, h->tp_len, h->tp_status,
                   uint16_t(h->hv1.tp_vlan_tci), uint16_t(h->hv1.tp_vlan_tpid)};
      n += ring_frame(rf, fn);
      h = reinterpret_cast<tpacket3_hdr*>(reinterpret_cast<uint8_t*>(h) + h->tp_next_offset);
    }
    status->store(TP_STATUS_KERNEL, std::memory_order_release);
    block_ = (block_ + 1) % block_count_;
  }
  return n;
}

size_t PacketSocket::receive_mmsg(const FrameFn& fn, size_t budget) {
  size_t n = 0;
  VnetHdr vhs[kMmsgBatch];
  iovec iov[kMmsgBatch][2];
  sockaddr_ll from[kMmsgBatch];
  alignas(cmsghdr) uint8_t ctl[kMmsgBatch][CMSG_SPACE(sizeof(tpacket_auxdata))];
  mmsghdr msgs[kMmsgBatch];
  while (n < budget) {
    for (size_t i = 0; i < kMmsgBatch; ++i) {
      iov[i][0] = {&vhs[i], sizeof(VnetHdr)};
      iov[i][1] = {bufs_[i].data(), bufs_[i].size()};
      msgs[i] = {};
      msgs[i].msg_hdr.msg_iov = iov[i];
      msgs[i].msg_hdr.msg_iovlen = 2;
      msgs[i].msg_hdr.msg_name = &from[i];
      msgs[i].msg_hdr.msg_namelen = sizeof from[i];
      msgs[i].msg_hdr.msg_control = ctl[i];
      msgs[i].msg_hdr.msg_controllen = sizeof ctl[i];
    }
    int got = recvmmsg(fd_, msgs, kMmsgBatch, MSG_DONTWAIT, nullptr);
    if (got <= 0) break;
    for (int i = 0; i < got; ++i) {
      if (from[i].sll_pkttype == PACKET_OUTGOING) continue;
      if (msgs[i].msg_hdr.msg_flags & MSG_TRUNC) {
        ++stats_.rx_truncated;
        continue;
      }
      size_t len = msgs[i].msg_len > sizeof(VnetHdr) ? msgs[i].msg_len - sizeof(VnetHdr) : 0;
      bool vlan = false;
      uint16_t tci = 0, tpid = ETH_P_8021Q;
      for (cmsghdr* c = CMSG_FIRSTHDR(&msgs[i].msg_hdr); c;
           c = CMSG_NXTHDR(&msgs[i].msg_hdr, c)) {
        if (c->cmsg_level != SOL_PACKET || c->cmsg_type != PACKET_AUXDATA) continue;
        tpacket_auxdata aux;
        std::memcpy(&aux, CMSG_DATA(c), sizeof aux);
        vlan = aux.tp_status & TP_STATUS_VLAN_VALID;
        tci = aux.tp_vlan_tci;
        if (aux.tp_status & TP_STATUS_VLAN_TPID_VALID) tpid = aux.tp_vlan_tpid;
      }
      deliver(vhs[i], bufs_[i].data(), len, vlan, tci, tpid, fn);
      ++n;
    }
    if (size_t(got) < kMmsgBatch) break;
  }
  return n;
}

bool PacketSocket::send(const VnetHdr& vh, const uint8_t* data, size_t len) {
  VnetHdr h = vh;
  iovec iov[2] = {{&h, sizeof h}, {const_cast<uint8_t*>(data), len}};
  msghdr m{};
  m.msg_iov = iov;
  m.msg_iovlen = 2;
  if (sendmsg(fd_, &m, MSG_DONTWAIT) < 0) {
    ++stats_.tx_errors;
    return false;
  }
  ++stats_.tx;
  return true;
}

}  // namespace uvn::sys
