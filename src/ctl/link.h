// Link requests: what `ip link add/set/del` and `ip tuntap` ask of the world, validated in
// full before anything changes, so a rejected request leaves no trace. Errors carry the errno
// and extack text the kernel would return; cli/ words them as iproute2 does.
//
// Order of a `set` follows the kernel's do_setlink: namespace move, address, MTU, group, name,
// alias, broadcast, flags (up/down, promisc, allmulti, arp), master, txqueuelen. (Linux 6.1
// briefly enslaved before applying flags, a4abfa627c38; the fix "rtnetlink: allow to set
// iface down before enslaving it", also in 6.1.y, went back to flags first: `master bond0
// down` on an up device works, `master bond0 up` on a down one is refused by the bond.) Unlike the
// kernel, a request that fails part way is refused whole (the kernel would leave the steps
// before the failing one applied).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/mac.h"
#include "base/result.h"
#include "ctl/bond.h"
#include "ctl/bridge.h"
#include "dev/tap/tap.h"
#include "world/world.h"

namespace uvn::ctl {

// `type vlan ...` as given: the TPID the user named (the kernel accepts 0x8100 and 0x88a8
// only), the id as iproute2 passes it (16 bits; the kernel accepts 0..4094), and the flag
// options by their kVlanOptionTable index; the QoS mappings (FROM, TO) in the order given.
struct VlanArgs {
  std::optional<uint16_t> protocol;
  std::optional<uint16_t> id;
  std::vector<std::pair<size_t, bool>> flags;
  std::vector<std::pair<uint32_t, uint32_t>> ingress_qos, egress_qos;
};

struct LinkSpec {
  std::optional<std::string> name;
  std::optional<MacAddr> address;
  std::optional<MacAddr> broadcast;
  std::optional<int64_t> mtu;      // as given (iproute2 passes negative values on)
  std::optional<bool> up;
  std::optional<std::string> master;  // "" = nomaster
  std::optional<std::string> netns;   // a named namespace
  std::optional<std::string> alias;
  std::optional<uint32_t> txqlen;
  std::optional<uint32_t> group;
  std::optional<bool> promisc, allmulti, arp, multicast;
  std::optional<bool> carrier;  // dummy only (ndo_change_carrier)
  std::optional<uint32_t> numtxqueues, numrxqueues;
  std::optional<uint8_t> addrgenmode;  // IN6_ADDR_GEN_MODE_*
  // `type bridge ...` options and `type bridge_slave ...` port options.
  BridgeOptList bridge_opts;
  std::optional<PortSet> slave;
  std::optional<VlanArgs> vlan;  // `ip link set DEV type vlan ...`
  std::optional<BondArgs> bond;  // `type bond ...`
  std::optional<BondSlaveArgs> bond_slave;  // `type bond_slave ...`
  bool type_given = false;  // `ip link set DEV type KIND ...`
  std::string set_kind;
};

struct LinkAddRequest {
  LinkSpec link;
  std::string kind;
  std::optional<LinkSpec> peer;      // veth
  std::optional<std::string> lower;  // `link DEV` (vlan), already known to exist
  VlanArgs vlan;
  std::optional<std::string> host_dev;  // `type host dev KIF` (live mode: the kernel's name)
};

Status link_add(World& w, Netns& ns, const LinkAddRequest& req);
Status link_set(World& w, Netns& ns, Device& dev, const LinkSpec& spec);
Status link_del(World& w, Netns& ns, Device& dev);

// `ip tuntap add` / `del`.
Status tuntap_add(World& w, Netns& ns, const std::string& name, const TunOptions& opts);
// Deletion attaches to the device first (TUNSETIFF): the mode and multi_queue must match.
Status tuntap_del(World& w, Netns& ns, const std::string& name, const TunOptions& opts);

// Linux's dev_valid_name.
bool valid_ifname(std::string_view name);

// Kinds `ip link add` can make.
bool known_kind(std::string_view kind);

}  // namespace uvn::ctl
