#include "ctl/addr.h"

#include "world/stack/host_stack.h"

namespace uvn::ctl {

Status addr_add(Netns& ns, const IfAddr& a, AddrMode mode) {
  // IFA_LABEL is checked by the netlink policy, before anything else.
  if (a.label.size() > kMaxLabelLen)
    return Error::with(EINVAL, "Attribute failed policy validation");
  if (!ns.find(a.ifindex)) return Error::errno_only(ENODEV);
  bool v4 = a.local.addr.is_v4();
  auto st = ns.stack().addr_add(a, mode == AddrMode::kReplace);
  if (st) return st;
  if (st.error().code == EEXIST && st.error().message.empty())
    return Error::with(EEXIST,
                       v4 ? "ipv4: Address already assigned" : "ipv6: address already assigned");
  return st;
}

Status addr_del(Netns& ns, int ifindex, const IpPrefix& local, bool any_len) {
  bool v4 = local.addr.is_v4();
  auto st = ns.stack().addr_del(ifindex, local, !(v4 && any_len));
  if (st) return st;
  if (st.error().code == EADDRNOTAVAIL && st.error().message.empty())
    return Error::with(EADDRNOTAVAIL, v4 ? "ipv4: Address not found" : "ipv6: address not found");
  return st;
}

}  // namespace uvn::ctl
