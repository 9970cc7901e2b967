// Netif: the ioctls uvnd makes on one kernel interface (flags, MTU, MAC, index), through a
// datagram socket opened in the interface's network namespace, so later calls act there
// whatever namespace the daemon is in. Shared by the TAPs uvnd creates (sys/tap.h) and the
// kernel interfaces it adopts (sys/packet_socket.h). Part of the OS seam: errors carry errno
// and a short text.
#pragma once

#include <cstdint>
#include <string>

#include "base/mac.h"
#include "base/result.h"

namespace uvn::sys {

// errno as an Error with "WHAT: strerror(errno)".
Error os_error(const std::string& what);

class Netif {
 public:
  Netif() = default;
  ~Netif();
  Netif(const Netif&) = delete;
  Netif& operator=(const Netif&) = delete;

  // Opens the control socket in the current namespace (call inside a NetnsScope).
  Status open(const std::string& name);
  const std::string& name() const { return name_; }

  Result<int> ifindex();
  Result<unsigned> flags();  // IFF_* of SIOCGIFFLAGS
  Status set_up(bool up);
  Status set_mac(const MacAddr& mac);
  Result<MacAddr> mac();
  Status set_mtu(uint32_t mtu);
  Result<uint32_t> mtu();

 private:
  Status call(unsigned long req, void* ifr, const char* what);
  int fd_ = -1;
  std::string name_;
};

}  // namespace uvn::sys
