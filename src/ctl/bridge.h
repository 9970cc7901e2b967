// Bridge requests: bridge and port options (`ip link ... type bridge|bridge_slave ...`,
// `bridge link set`), and FDB entries (`bridge fdb add|append|replace|del|flush`), with the
// kernel's rules: option ranges (ERANGE/EINVAL), restricted group_fwd_mask bits, STP timer
// ranges while STP runs, backup ports, FDB entry kinds and conflicts.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/mac.h"
#include "base/result.h"
#include "dev/bridge/bridge.h"
#include "world/world.h"

namespace uvn::ctl {

using BridgeOptList = std::vector<std::pair<BridgeOpt, uint64_t>>;
using PortOptList = std::vector<std::pair<BridgePortOpt, uint64_t>>;

// Checks and applies bridge options (all or nothing).
Status bridge_set(BridgeDevice& br, const BridgeOptList& opts);
Status bridge_check(const BridgeDevice* br, const BridgeOptList& opts);

struct PortSet {
  PortOptList opts;
  std::optional<std::string> backup_port;  // "" = nobackup_port
};
Status bridge_port_check(Netns& ns, const BridgeDevice& br, const BridgePort& p,
                         const PortSet& req);
Status bridge_port_set(Netns& ns, BridgeDevice& br, BridgePort& p, const PortSet& req);

enum class FdbState { kPermanent, kStatic, kDynamic };

struct FdbRequest {
  MacAddr mac;
  std::string dev;
  std::optional<uint16_t> vlan;
  bool master = false, self = false;
  FdbState state = FdbState::kPermanent;
  bool sticky = false, extern_learn = false, use = false;
  std::optional<uint8_t> notify;  // activity_notify [inactive]: bit 0 notify, bit 1 inactive
  bool norefresh = false;
};

enum class FdbOp { kAdd, kAppend, kReplace, kDel };
Status fdb_change(World& w, Netns& ns, const FdbRequest& r, FdbOp op);

}  // namespace uvn::ctl
