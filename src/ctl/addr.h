// Address requests (`ip address add/change/replace/del`): validated here, applied by the
// namespace's host stack. The stack answers with plain errnos; this layer adds the extack
// text the kernel sends with them (devinet.c / addrconf.c wording), so the cli prints
// "Error: ipv4: Address already assigned." where the kernel does.
#pragma once

#include "base/result.h"
#include "world/netns.h"
#include "world/stack/types.h"

namespace uvn::ctl {

enum class AddrMode { kAdd, kReplace };

// Adds (or, with kReplace, updates) an address. `a.ifindex` must name a device of `ns`.
Status addr_add(Netns& ns, const IfAddr& a, AddrMode mode);

// Deletes an address. `any_len`: IPv4 without a prefix length (iproute2's wildcard
// deletion): any length matches.
Status addr_del(Netns& ns, int ifindex, const IpPrefix& local, bool any_len);

// The longest IPv4 label the kernel accepts (IFNAMSIZ - 1).
constexpr size_t kMaxLabelLen = 15;

}  // namespace uvn::ctl
