// The VLAN-aware bridge's VLAN tables (Linux net_bridge_vlan_group): for the bridge itself
// and for each port, the VIDs it is a member of, sorted by VID, with their flags (PVID,
// egress untagged), per-VLAN STP state and counters.
//
// The bridge's table also holds "context" entries: a VID that some port has but the bridge
// itself was never given (`self`). They count the ports using them and carry the shared
// per-VLAN counters; only entries with `brentry` are the bridge's own membership (shown by
// `bridge vlan show`, admitting frames to and from br0's stack).
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

namespace uvn {

struct BrVlanStats {
  uint64_t rx_bytes = 0, rx_packets = 0, tx_bytes = 0, tx_packets = 0;
};

// The per-VLAN multicast context of the bridge (Linux's br_mcast_ctx of a master VLAN):
// `bridge vlan global set`, shown by `bridge vlan global show`. The defaults are the kernel's
// (br_multicast_ctx_init), which are also a new bridge's own option defaults; intervals are
// in centiseconds, as the options carry them. Kept on the bridge's table (context entries
// included); uvn stores them, it does not snoop multicast yet.
struct BrVlanMcastCtx {
  uint8_t snooping = 1;  // BR_VLFLAG_GLOBAL_MCAST_ENABLED
  uint8_t querier = 0;
  uint8_t igmp_version = 2;
  uint8_t mld_version = 1;
  uint32_t last_member_count = 2;
  uint32_t startup_query_count = 2;
  uint64_t last_member_interval = 100;
  uint64_t startup_query_interval = 3124;
  uint64_t membership_interval = 26000;
  uint64_t querier_interval = 25500;
  uint64_t query_interval = 12500;
  uint64_t query_response_interval = 1000;
  bool operator==(const BrVlanMcastCtx&) const = default;
};

struct BrVlan {
  uint16_t vid = 0;
  bool untagged = false;  // egress untagged
  bool brentry = false;   // bridge table only: a real `self` entry, not only port context
  uint8_t state = 3;      // per-VLAN STP state (BrPortState), forwarding by default
  uint8_t mcast_router = 1;
  // Newer per-VLAN options (Linux 6.3/6.7, `bridge vlan set`), port VLANs only; stored and
  // compared when the kernel groups ranges, not printed by iproute2 6.1 (ctl/bridge_vlan.h).
  bool neigh_suppress = false;
  uint32_t mcast_max_groups = 0;
  uint32_t port_refs = 0;  // bridge table only: ports that have this VID
  BrVlanStats stats;
  BrVlanMcastCtx mcast;  // bridge table only: `bridge vlan global` options
};

class BrVlanTable {
 public:
  BrVlan* find(uint16_t vid) {
    auto it = lower(vid);
    return it != v_.end() && it->vid == vid ? &*it : nullptr;
  }
  const BrVlan* find(uint16_t vid) const { return const_cast<BrVlanTable*>(this)->find(vid); }
  // The entry for `vid`, created (with default fields) if missing.
  BrVlan& insert(uint16_t vid, bool* created = nullptr) {
    auto it = lower(vid);
    if (it != v_.end() && it->vid == vid) {
      if (created) *created = false;
      return *it;
    }
    if (created) *created = true;
    BrVlan n;
    n.vid = vid;
    return *v_.insert(it, n);
  }
  bool erase(uint16_t vid) {
    auto it = lower(vid);
    if (it == v_.end() || it->vid != vid) return false;
    v_.erase(it);
    if (pvid_ == vid) pvid_ = 0;
    return true;
  }
  uint16_t pvid() const { return pvid_; }
  void set_pvid(uint16_t vid) { pvid_ = vid; }
  const std::vector<BrVlan>& list() const { return v_; }
  std::vector<BrVlan>& list() { return v_; }
  bool empty() const { return v_.empty(); }
  void clear() {
    v_.clear();
    pvid_ = 0;
  }

 private:
  std::vector<BrVlan>::iterator lower(uint16_t vid) {
    return std::lower_bound(v_.begin(), v_.end(), vid,
                            [](const BrVlan& a, uint16_t b) { return a.vid < b; });
  }
  std::vector<BrVlan> v_;
  uint16_t pvid_ = 0;
};

}  // namespace uvn
