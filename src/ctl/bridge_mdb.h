// MDB requests (`bridge mdb add|replace|del|flush|get`) with the kernel's checks in its order:
// rtnetlink's entry validation (group address, VLAN id), the device (a bridge), then the
// bridge's (running, snooping on, the port), then the entry rules of the snooping engine
// (proto/mcast/mdb_user.cc). An entry without `vid` on a VLAN-filtering bridge is added to
// (removed from) every VLAN of the port, as br_mdb_add does.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "dev/bridge/bridge.h"
#include "world/netns.h"

namespace uvn::ctl {

struct MdbRequest {
  std::string dev;   // the bridge
  std::string port;  // one of its ports, or the bridge itself (a host entry)
  proto::McastAddr group;
  proto::McastAddr src;  // zero family-matching address: a *,G entry
  uint32_t vid = 0;      // as given (checked here)
  bool permanent = false;
  std::optional<proto::FilterMode> mode;
  std::optional<std::vector<proto::McastAddr>> source_list;
  std::optional<uint8_t> proto;
};

enum class MdbOp { kAdd, kReplace, kDel };
Status mdb_change(Netns& ns, const MdbRequest& r, MdbOp op);

struct MdbFlushRequest {
  std::string dev;
  std::optional<std::string> port;
  std::optional<uint32_t> vid;
  std::optional<uint8_t> proto;
  std::optional<bool> permanent;
};
Status mdb_flush(Netns& ns, const MdbFlushRequest& r);

// `bridge mdb get`: the bridge and its entry (ENOENT "MDB entry not found" when missing).
Result<std::pair<const BridgeDevice*, const proto::MdbEntry*>> mdb_get(Netns& ns,
                                                                      const std::string& dev,
                                                                      const proto::MdbKey& key);

}  // namespace uvn::ctl
