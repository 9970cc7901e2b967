// KernelTap: a TAP device in a kernel network namespace, the kernel's view of one uvn device
// in live mode (issue 8). The kernel's stack sends through it (uvn reads those frames and
// sends them out of the uvn device) and receives from it what the uvn device would hand to
// its stack. Opened without IFF_PERSIST, so closing the descriptor removes the interface.
// Opened with IFF_VNET_HDR and the checksum and TSO offloads (TUNSETOFFLOAD), so the kernel
// hands uvn whole 64 KB TCP segments with a virtio-net header (sys/vnet.h) and takes them
// back the same way: a stream crosses uvn in a few large frames instead of many small ones.
//
// All of it is the thin OS seam the design guide asks for: open/ioctl/setns here, nothing
// above it touches the kernel. Every call reports errno and a short text on failure.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/mac.h"
#include "base/result.h"
#include "sys/netif.h"
#include "sys/vnet.h"

namespace uvn::sys {

// Enters the kernel network namespace /run/netns/NAME ("" = stay) and comes back when
// destroyed. Only for the single-threaded daemon.
class NetnsScope {
 public:
  static Result<std::unique_ptr<NetnsScope>> enter(const std::string& name);
  ~NetnsScope();
  NetnsScope(const NetnsScope&) = delete;
  NetnsScope& operator=(const NetnsScope&) = delete;

 private:
  NetnsScope() = default;
  int home_ = -1;
};

class KernelTap {
 public:
  // Creates tap NAME in kernel namespace `netns` ("" = the daemon's own).
  static Result<std::unique_ptr<KernelTap>> create(const std::string& netns,
                                                   const std::string& name,
                                                   bool offloads = true);
  ~KernelTap();
  KernelTap(const KernelTap&) = delete;
  KernelTap& operator=(const KernelTap&) = delete;

  int fd() const { return fd_; }
  const std::string& name() const { return name_; }
  Netif& netif() { return netif_; }
  Status set_up(bool up);
  Status set_carrier(bool on);
  Status set_mac(const MacAddr& mac);
  Status set_mtu(uint32_t mtu);
  // A persistent TAP outlives its descriptor (uvnd --keep); opening the same name again
  // attaches to it, with its addresses.
  Status set_persist(bool on);
  // One frame from the kernel (nonblocking): its length, 0 when none is waiting; `vh` is its
  // virtio-net header (all zero without offloads).
  size_t read_frame(VnetHdr& vh, uint8_t* buf, size_t cap);
  // One frame to the kernel; false when it could not be written (dropped).
  bool write_frame(const VnetHdr& vh, const uint8_t* data, size_t len);

 private:
  KernelTap() = default;
  int fd_ = -1;
  bool vnet_ = false;
  Netif netif_;  // a socket in the tap's namespace, for its ioctls
  std::string name_;
};

}  // namespace uvn::sys
