// Bond requests: `ip link add/set ... type bond OPTIONS` and `type bond_slave OPTIONS`, with the
// kernel's rules (bond_options.c, bond_changelink): options applied in the kernel's attribute
// order, each checked against the state the earlier ones leave (mode restrictions: EACCES
// "option not supported in mode"; NOSLAVES: ENOTEMPTY; IFDOWN: EBUSY; values: EINVAL
// "invalid option value"; delays without miimon: EPERM), miimon and arp_interval refusing each
// other in one request, and the setters' side effects (bond/bond.cc). Unlike the kernel, which
// keeps the options set before a failing one, a refused request changes nothing.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/ip.h"
#include "base/result.h"
#include "dev/bond/bond.h"
#include "world/netns.h"

namespace uvn::ctl {

// `type bond ...` as iproute2 sends it: each option's last value (already within its C type),
// the slave names resolved by the caller, raw actor-system bytes (the kernel checks the
// length).
struct BondArgs {
  std::vector<std::pair<BondOpt, uint64_t>> opts;
  std::optional<std::string> active_slave;  // "" = clear_active_slave
  std::optional<std::string> primary;
  std::optional<std::vector<Ipv4Addr>> arp_targets;
  std::optional<std::vector<Ipv6Addr>> ns_targets;
  std::optional<std::vector<uint8_t>> ad_actor_system;
  bool empty() const {
    return opts.empty() && !active_slave && !primary && !arp_targets && !ns_targets &&
           !ad_actor_system;
  }
};

// `type bond_slave ...`.
struct BondSlaveArgs {
  std::optional<uint64_t> queue_id;
  std::optional<int64_t> prio;
  std::optional<uint64_t> actor_port_prio;
};

// Checks a request against the bond (nullptr: a bond being created, down, without slaves).
Status bond_check(Netns& ns, const BondDevice* b, const BondArgs& a);
// Applies a checked request.
void bond_apply(Netns& ns, BondDevice& b, const BondArgs& a);

Status bond_slave_check(const BondDevice& b, const BondSlave& s, const BondSlaveArgs& a);
void bond_slave_apply(BondDevice& b, BondSlave& s, const BondSlaveArgs& a);

}  // namespace uvn::ctl
