#include "sys/netif.h"

#include <linux/if.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

namespace uvn::sys {

Error os_error(const std::string& what) {
  int e = errno;
  return Error::with(e, fmt::format("{}: {}", what, std::strerror(e)));
}

namespace {

ifreq named(const std::string& name) {
  ifreq ifr{};
  std::strncpy(ifr.ifr_name, name.c_str(), IFNAMSIZ - 1);
  return ifr;
}

}  // namespace

Netif::~Netif() {
  if (fd_ >= 0) close(fd_);
}

Status Netif::open(const std::string& name) {
  if (name.empty() || name.size() >= IFNAMSIZ) return Error::with(EINVAL, "bad interface name");
  name_ = name;
  fd_ = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0) return os_error("socket");
  return {};
}

Status Netif::call(unsigned long req, void* ifr, const char* what) {
  if (ioctl(fd_, req, ifr) < 0) return os_error(fmt::format("{} {}", what, name_));
  return {};
}

Result<int> Netif::ifindex() {
  ifreq ifr = named(name_);
  if (auto st = call(SIOCGIFINDEX, &ifr, "SIOCGIFINDEX"); !st) return st.error();
  return ifr.ifr_ifindex;
}

Result<unsigned> Netif::flags() {
  ifreq ifr = named(name_);
  if (auto st = call(SIOCGIFFLAGS, &ifr, "SIOCGIFFLAGS"); !st) return st.error();
  return unsigned(uint16_t(ifr.ifr_flags));
}

Status Netif::set_up(bool up) {
  ifreq ifr = named(name_);
  if (auto st = call(SIOCGIFFLAGS, &ifr, "SIOCGIFFLAGS"); !st) return st;
  if (bool(ifr.ifr_flags & IFF_UP) == up) return {};
  if (up)
    ifr.ifr_flags |= IFF_UP;
  else
    ifr.ifr_flags &= ~IFF_UP;
  return call(SIOCSIFFLAGS, &ifr, "SIOCSIFFLAGS");
}

Status Netif::set_mac(const MacAddr& mac) {
  ifreq ifr = named(name_);
  ifr.ifr_hwaddr.sa_family = 1;  // ARPHRD_ETHER
  std::memcpy(ifr.ifr_hwaddr.sa_data, mac.b.data(), 6);
  return call(SIOCSIFHWADDR, &ifr, "SIOCSIFHWADDR");
}

Result<MacAddr> Netif::mac() {
  ifreq ifr = named(name_);
  if (auto st = call(SIOCGIFHWADDR, &ifr, "SIOCGIFHWADDR"); !st) return st.error();
  MacAddr m;
  std::memcpy(m.b.data(), ifr.ifr_hwaddr.sa_data, 6);
  return m;
}

Status Netif::set_mtu(uint32_t mtu) {
  ifreq ifr = named(name_);
  ifr.ifr_mtu = int(mtu);
  return call(SIOCSIFMTU, &ifr, "SIOCSIFMTU");
}

Result<uint32_t> Netif::mtu() {
  ifreq ifr = named(name_);
  if (auto st = call(SIOCGIFMTU, &ifr, "SIOCGIFMTU"); !st) return st.error();
  return uint32_t(ifr.ifr_mtu);
}

}  // namespace uvn::sys
