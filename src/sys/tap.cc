#include "sys/tap.h"

#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

namespace uvn::sys {


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
                                                     const std::string& name, bool offloads) {
  if (name.empty() || name.size() >= IFNAMSIZ) return Error::with(EINVAL, "bad interface name");
  auto scope = NetnsScope::enter(netns);
  if (!scope) return scope.error();
  std::unique_ptr<KernelTap> t(new KernelTap);
  t->name_ = name;
  t->vnet_ = offloads;
  t->fd_ = open("/dev/net/tun", O_RDWR | O_NONBLOCK | O_CLOEXEC);
  if (t->fd_ < 0) return os_error("open /dev/net/tun");
  ifreq ifr{};
  std::strncpy(ifr.ifr_name, name.c_str(), IFNAMSIZ - 1);
  ifr.ifr_flags = IFF_TAP | IFF_NO_PI | (offloads ? IFF_VNET_HDR : 0);
  if (ioctl(t->fd_, TUNSETIFF, &ifr) < 0) return os_error("TUNSETIFF " + name);
  if (offloads) {
    unsigned off = TUN_F_CSUM | TUN_F_TSO4 | TUN_F_TSO6 | TUN_F_TSO_ECN;
    if (ioctl(t->fd_, TUNSETOFFLOAD, off) < 0) return os_error("TUNSETOFFLOAD " + name);
  }
  // The control socket is made here, so its ioctls act in the tap's namespace.
  if (auto st = t->netif_.open(name); !st) return st.error();
  return t;
}

KernelTap::~KernelTap() {
  if (fd_ >= 0) close(fd_);
}

Status KernelTap::set_up(bool up) { return netif_.set_up(up); }

Status KernelTap::set_carrier(bool on) {
  int v = on ? 1 : 0;
  if (ioctl(fd_, TUNSETCARRIER, &v) < 0) return os_error("TUNSETCARRIER " + name_);
  return {};
}

Status KernelTap::set_persist(bool on) {
  if (ioctl(fd_, TUNSETPERSIST, on ? 1 : 0) < 0) return os_error("TUNSETPERSIST " + name_);
  return {};
}

Status KernelTap::set_mac(const MacAddr& mac) { return netif_.set_mac(mac); }

Status KernelTap::set_mtu(uint32_t mtu) { return netif_.set_mtu(mtu); }

size_t KernelTap::read_frame(VnetHdr& vh, uint8_t* buf, size_t cap) {
  vh = VnetHdr{};
  if (!vnet_) {
    ssize_t n = read(fd_, buf, cap);
    return n > 0 ? size_t(n) : 0;
  }
  iovec iov[2] = {{&vh, sizeof vh}, {buf, cap}};
  ssize_t n = readv(fd_, iov, 2);
  return n > ssize_t(sizeof vh) ? size_t(n) - sizeof vh : 0;
}

bool KernelTap::write_frame(const VnetHdr& vh, const uint8_t* data, size_t len) {
  if (!vnet_) return write(fd_, data, len) == ssize_t(len);
  VnetHdr h = vh;
  iovec iov[2] = {{&h, sizeof h}, {const_cast<uint8_t*>(data), len}};
  return writev(fd_, iov, 2) == ssize_t(len + sizeof h);
}

}  // namespace uvn::sys
