#include "sys/tap.h"

#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

namespace uvn::sys {

namespace {

Error os_error(const std::string& what) {
  int e = errno;
  return Error::with(e, fmt::format("{}: {}", what, std::strerror(e)));
}

}  // namespace

Result<std::unique_ptr<NetnsScope>> NetnsScope::enter(const std::string& name) {
  std::unique_ptr<NetnsScope> s(new NetnsScope);
  if (name.empty()) return s;
  s->home_ = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
  if (s->home_ < 0) return os_error("open /proc/self/ns/net");
  std::string path = "/run/netns/" + name;
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return os_error("open " + path);
  int rc = setns(fd, CLONE_NEWNET);
  int e = errno;
  close(fd);
  if (rc < 0) {
    errno = e;
    return os_error("setns " + path);
  }
  return s;
}

NetnsScope::~NetnsScope() {
  if (home_ < 0) return;
  (void)setns(home_, CLONE_NEWNET);
  close(home_);
}

Result<std::unique_ptr<KernelTap>> KernelTap::create(const std::string& netns,
                                                     const std::string& name) {
  if (name.empty() || name.size() >= IFNAMSIZ) return Error::with(EINVAL, "bad interface name");
  auto scope = NetnsScope::enter(netns);
  if (!scope) return scope.error();
  std::unique_ptr<KernelTap> t(new KernelTap);
  t->name_ = name;
  t->fd_ = open("/dev/net/tun", O_RDWR | O_NONBLOCK | O_CLOEXEC);
  if (t->fd_ < 0) return os_error("open /dev/net/tun");
  ifreq ifr{};
  std::strncpy(ifr.ifr_name, name.c_str(), IFNAMSIZ - 1);
  ifr.ifr_flags = IFF_TAP | IFF_NO_PI;
  if (ioctl(t->fd_, TUNSETIFF, &ifr) < 0) return os_error("TUNSETIFF " + name);
  // The control socket is made here, so its ioctls act in the tap's namespace.
  t->ctl_ = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (t->ctl_ < 0) return os_error("socket");
  return t;
}

KernelTap::~KernelTap() {
  if (ctl_ >= 0) close(ctl_);
  if (fd_ >= 0) close(fd_);
}

Status KernelTap::ifreq_call(unsigned long req, void* ifr, const char* what) {
  if (ioctl(ctl_, req, ifr) < 0) return os_error(fmt::format("{} {}", what, name_));
  return {};
}

Status KernelTap::set_up(bool up) {
  ifreq ifr{};
  std::strncpy(ifr.ifr_name, name_.c_str(), IFNAMSIZ - 1);
  if (auto st = ifreq_call(SIOCGIFFLAGS, &ifr, "SIOCGIFFLAGS"); !st) return st;
  if (up)
    ifr.ifr_flags |= IFF_UP;
  else
    ifr.ifr_flags &= ~IFF_UP;
  return ifreq_call(SIOCSIFFLAGS, &ifr, "SIOCSIFFLAGS");
}

Status KernelTap::set_carrier(bool on) {
  int v = on ? 1 : 0;
  if (ioctl(fd_, TUNSETCARRIER, &v) < 0) return os_error("TUNSETCARRIER " + name_);
  return {};
}

Status KernelTap::set_mac(const MacAddr& mac) {
  ifreq ifr{};
  std::strncpy(ifr.ifr_name, name_.c_str(), IFNAMSIZ - 1);
  ifr.ifr_hwaddr.sa_family = 1;  // ARPHRD_ETHER
  std::memcpy(ifr.ifr_hwaddr.sa_data, mac.b.data(), 6);
  return ifreq_call(SIOCSIFHWADDR, &ifr, "SIOCSIFHWADDR");
}

Status KernelTap::set_mtu(uint32_t mtu) {
  ifreq ifr{};
  std::strncpy(ifr.ifr_name, name_.c_str(), IFNAMSIZ - 1);
  ifr.ifr_mtu = int(mtu);
  return ifreq_call(SIOCSIFMTU, &ifr, "SIOCSIFMTU");
}

size_t KernelTap::read_frame(uint8_t* buf, size_t cap) {
  ssize_t n = read(fd_, buf, cap);
  return n > 0 ? size_t(n) : 0;
}

bool KernelTap::write_frame(const uint8_t* data, size_t len) {
  return write(fd_, data, len) == ssize_t(len);
}

}  // namespace uvn::sys
