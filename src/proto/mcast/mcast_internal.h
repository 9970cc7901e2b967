// Internal state of McastEngine, shared by the files of proto/mcast/ (not for other layers).
#pragma once

#include <map>
#include <memory>
#include <vector>

#include "proto/mcast/mcast.h"

namespace uvn::proto {

// Families index the per-family state: 0 IPv4 (IGMP), 1 IPv6 (MLD).
inline int fam_index(McastFamily f) { return f == McastFamily::kIPv6 ? 1 : 0; }
inline McastFamily fam_of(int i) { return i ? McastFamily::kIPv6 : McastFamily::kIPv4; }

// A multicast context (Linux's net_bridge_mcast): the bridge's, or a VLAN's.
struct McastCtx {
  uint16_t vid = 0;
  McastCtxConfig cfg;
  McTimer own_query[2];         // general queries up to the bridge itself
  uint32_t own_startup_sent[2] = {0, 0};
  McTimer other_query[2];       // other querier present
  Nanos other_delay_until[2] = {0, 0};  // a querier "exists" only from then on
  McTimer router_timer[2];      // the bridge itself learned as router (mcast_router 1)
  McastAddr querier_addr[2] = {McastAddr::zero(McastFamily::kIPv4),
                               McastAddr::zero(McastFamily::kIPv6)};
  int querier_port[2] = {0, 0};
  std::vector<McastPortCtx*> rlist[2];  // router ports, forwarding order
};

// A port's multicast context (Linux's net_bridge_mcast_port): the port's, or a port-VLAN's.
struct McastPortCtx {
  int port = 0;
  uint16_t vid = 0;  // 0: the port's own context
  uint8_t router = 1;
  McTimer router_timer[2];
  bool in_rlist[2] = {false, false};
  McTimer own_query[2];  // general queries out of the port
  uint32_t startup_sent[2] = {0, 0};
  uint32_t n_groups = 0;
  uint32_t max_groups = 0;
};

struct McastEngine::Port {
  int no = 0;
  McastPortState state = McastPortState::kDisabled;
  bool fast_leave = false;
  bool to_unicast = false;
  McastPortCtx ctx;
  std::map<uint16_t, std::unique_ptr<McastPortCtx>> vlans;
};

// The context a port context belongs to: the global one, or its VLAN's (nullptr if gone).
inline McastCtx* ctx_of(McastEngine&, McastCtx& global,
                        std::map<uint16_t, std::unique_ptr<McastCtx>>& v, const McastPortCtx& pc) {
  if (pc.vid == 0) return &global;
  auto it = v.find(pc.vid);
  return it == v.end() ? nullptr : it->second.get();
}

inline Nanos lmqt(const McastCtx& c) {
  return Nanos(c.cfg.last_member_count) * c.cfg.last_member_interval;
}

}  // namespace uvn::proto
