#include "sys/link_monitor.h"

#include <linux/if.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>

#include "sys/netif.h"
#include "sys/tap.h"

namespace uvn::sys {

Result<std::unique_ptr<LinkMonitor>> LinkMonitor::open(const std::string& netns) {
  auto scope = NetnsScope::enter(netns);
  if (!scope) return scope.error();
  std::unique_ptr<LinkMonitor> m(new LinkMonitor);
  m->fd_ = socket(AF_NETLINK, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, NETLINK_ROUTE);
  if (m->fd_ < 0) return os_error("socket NETLINK_ROUTE");
  sockaddr_nl sa{};
  sa.nl_family = AF_NETLINK;
  sa.nl_groups = RTMGRP_LINK;
  if (bind(m->fd_, reinterpret_cast<sockaddr*>(&sa), sizeof sa) < 0)
    return os_error("bind NETLINK_ROUTE");
  return m;
}

LinkMonitor::~LinkMonitor() {
  if (fd_ >= 0) close(fd_);
}

Status LinkMonitor::request(int ifindex) {
  struct {
    nlmsghdr nh;
    ifinfomsg ifi;
  } req{};
  req.nh.nlmsg_len = sizeof req;
  req.nh.nlmsg_type = RTM_GETLINK;
  req.nh.nlmsg_flags = NLM_F_REQUEST;
  req.nh.nlmsg_seq = ++seq_;
  req.ifi.ifi_family = AF_UNSPEC;
  req.ifi.ifi_index = ifindex;
  sockaddr_nl to{};
  to.nl_family = AF_NETLINK;
  if (sendto(fd_, &req, sizeof req, 0, reinterpret_cast<sockaddr*>(&to), sizeof to) < 0)
    return os_error("RTM_GETLINK");
  return {};
}

namespace {

LinkState parse_link(const nlmsghdr* nh) {
  LinkState s;
  const auto* ifi = static_cast<const ifinfomsg*>(NLMSG_DATA(nh));
  s.ifindex = ifi->ifi_index;
  s.flags = ifi->ifi_flags;
  s.deleted = nh->nlmsg_type == RTM_DELLINK;
  int len = int(nh->nlmsg_len) - int(NLMSG_LENGTH(sizeof *ifi));
  for (const rtattr* a = IFLA_RTA(ifi); RTA_OK(a, len); a = RTA_NEXT(a, len)) {
    if (a->rta_type == IFLA_MTU && RTA_PAYLOAD(a) >= 4)
      std::memcpy(&s.mtu, RTA_DATA(a), 4);
    else if (a->rta_type == IFLA_IFNAME)
      s.name.assign(static_cast<const char*>(RTA_DATA(a)), strnlen(static_cast<const char*>(RTA_DATA(a)), RTA_PAYLOAD(a)));
  }
  return s;
}

}  // namespace

size_t LinkMonitor::receive(const std::function<void(const LinkState&)>& fn) {
  alignas(nlmsghdr) char buf[16384];
  size_t n = 0;
  for (;;) {
    ssize_t got = recv(fd_, buf, sizeof buf, MSG_DONTWAIT);
    if (got <= 0) break;  // EAGAIN, or ENOBUFS after an overrun (the next event corrects)
    int len = int(got);
    for (auto* nh = reinterpret_cast<nlmsghdr*>(buf); NLMSG_OK(nh, len);
         nh = NLMSG_NEXT(nh, len)) {
      if (nh->nlmsg_type != RTM_NEWLINK && nh->nlmsg_type != RTM_DELLINK) continue;
      if (nh->nlmsg_len < NLMSG_LENGTH(sizeof(ifinfomsg))) continue;
      fn(parse_link(nh));
      ++n;
    }
  }
  return n;
}

}  // namespace uvn::sys
