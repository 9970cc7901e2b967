// IGMP (RFC 1112, 2236, 3376) and MLD (RFC 2710, 3810) snooping for a bridge, as an I/O-free
// engine with the behaviour of Linux's net/bridge/br_multicast.c (written from that behaviour
// and the RFCs, not copied; tests/reference/mcast-behaviour.md records what it must do).
//
// The bridge parses IGMP/MLD itself (wire/igmp.h, wire/mld.h) and hands the engine what
// matters: reports (v1/v2/MLDv1 joins, v3/MLDv2 group records), leaves, queries, router
// hints. The engine keeps the MDB (mdb.h), the router ports, the querier state and the
// bridge's own queries, and answers the forwarding questions (lookup, router ports, whether
// a querier exists). It sends nothing itself: queries and MDB notifications go through
// McastSink, synchronously from inside the call (a sink must not call back in).
//
// Files: mcast.cc (contexts, ports, timers, lookups), mdb.cc (the MDB's primitives and their
// expiry), membership.cc (reports, leaves, the RFC 3376/3810 source-list state machine,
// queries received), querier.cc (own queries, querier election, router ports), mdb_user.cc
// (`bridge mdb add/del/replace/flush`).
//
// Contexts: one global context (the bridge's options). With mcast_vlan_snooping, each VLAN
// of the bridge has its own context (`bridge vlan global` options, querier and router state)
// and each port-VLAN its own port context (mcast_router, mcast_max_groups); the MDB itself is
// shared, keyed by VLAN.
//
// Conventions as the other engines of proto/: every entry point takes `now`, tick(now) runs
// the timers that fell due, next_deadline() says when to call again.
//
// Linux behaviours kept on purpose:
// * Snooping only steers IP multicast while a querier exists (ours, or another one heard
//   within the other-querier-present interval, after the first query's response time); until
//   then everything is flooded.
// * With mcast_igmp_version 2 (mld_version 1) IGMPv3 (MLDv2) reports are read as v2 joins
//   and leaves: no source state, and S,G lookups are not made.
// * A leave is ignored while another querier is present (it will query); otherwise the port
//   group's timer is cut to last_member_count x last_member_interval, and our querier (if on)
//   sends a group-specific query out of that port.
// * Group and source timers run for mcast_membership_interval (v1/v2 joins and IGMPv3/MLDv2
//   records alike: Linux's "GMI"); own queries carry QRV 2 and QQIC = query interval in
//   whole seconds.
// Deliberate simplification: IGMPv3/MLDv2 explicit host tracking (Linux's br_multicast_eht.c,
// which lets fast_leave act on v3 reports) is not modelled; fast leave acts on v2 leaves and
// on records that empty an INCLUDE group.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/result.h"
#include "proto/mcast/mdb.h"

namespace uvn::proto {

// Options of a multicast context (the bridge's mcast_* options; `bridge vlan global` for a
// VLAN's). Times are exact; the bridge converts from centiseconds.
struct McastCtxConfig {
  bool snooping = true;  // per-VLAN only (the bridge-wide switch is set_snooping)
  bool querier = false;
  bool query_use_ifaddr = false;
  uint8_t igmp_version = 2;
  uint8_t mld_version = 1;
  uint8_t router = 1;  // the bridge's own mcast_router (0 disabled, 1 learn, 2 permanent)
  uint32_t last_member_count = 2;
  uint32_t startup_query_count = 2;
  Nanos last_member_interval = 1 * kSec;
  Nanos membership_interval = 260 * kSec;
  Nanos querier_interval = 255 * kSec;
  Nanos query_interval = 125 * kSec;
  Nanos query_response_interval = 10 * kSec;
  Nanos startup_query_interval = 31240 * kMsec;
};

// A query the engine wants sent (built by the bridge with wire/igmp.h or wire/mld.h).
struct McastQuery {
  McastFamily family = McastFamily::kIPv4;
  uint8_t version = 2;  // IGMP 2 or 3, MLD 1 or 2
  int port = 0;         // out of this port; 0: up to the bridge's own stack
  uint16_t vid = 0;     // the VLAN context's VID (0: the global context)
  McastAddr group;      // zero: a general query
  McastAddr dst;        // IP destination: all-hosts (224.0.0.1, ff02::1) or the group
  std::vector<McastAddr> sources;
  Nanos max_resp = 0;
  bool sflag = false;
  uint8_t qrv = 2;
  uint32_t qqi_s = 125;
};

class McastSink {
 public:
  virtual ~McastSink() = default;
  // Sends (or delivers up) a query; returns the IP source it carried, or nullopt when none
  // could be built (an MLD query needs an IPv6 address on the bridge).
  virtual std::optional<IpAddr> send_query(const McastQuery& q) = 0;
  // RTM_NEWMDB / RTM_DELMDB for a port group (pg nullptr: the bridge's host entry).
  virtual void mdb_notify(const MdbEntry& e, const PortGroup* pg, bool added) = 0;
  // A port became, or stopped being, a multicast router port (RTM_NEWMDB/DELMDB with
  // MDBA_ROUTER), for both families together as Linux announces it.
  virtual void router_notify(int port, uint16_t vid, bool added) = 0;
  // Snooping turned itself off (the MDB reached mcast_hash_max).
  virtual void snooping_disabled() {}
};

// The port states that matter here (from the bridge's STP/port state).
enum class McastPortState : uint8_t { kDisabled, kBlocking, kActive };

// One group record of an IGMPv3/MLDv2 report (RFC 3376 4.2.12 types 1..6).
struct McastRecord {
  uint8_t type = 0;
  McastAddr group;
  std::vector<McastAddr> sources;
};
inline constexpr uint8_t kRecIsIn = 1, kRecIsEx = 2, kRecToIn = 3, kRecToEx = 4,
                         kRecAllow = 5, kRecBlock = 6;

// A received query, as much as the engine needs.
struct McastQueryIn {
  McastFamily family = McastFamily::kIPv4;
  McastAddr src;          // IP source of the querier
  McastAddr group;        // zero: general
  Nanos max_delay = 0;    // decoded Max Resp (0 in an IGMPv1 query: see membership.cc)
  bool v3 = false;        // IGMPv3 / MLDv2 format
  size_t nsrcs = 0;
  bool sflag = false;
};

// `bridge mdb add|replace` as the engine takes it (validated by mdb_user.cc).
struct MdbUserEntry {
  int port = 0;  // 0: the bridge itself (a host entry)
  MdbKey key;
  bool permanent = false;  // false: temp
  std::optional<FilterMode> mode;
  std::vector<McastAddr> sources;
  bool has_source_list = false;
  std::optional<uint8_t> rt_protocol;
};

// `bridge mdb flush` filters.
struct MdbFlush {
  std::optional<int> port;
  std::optional<uint16_t> vid;
  std::optional<uint8_t> rt_protocol;
  std::optional<bool> permanent;  // true: only permanent, false: only temp
};

struct McastPortCtx;
struct McastCtx;

class McastEngine {
 public:
  explicit McastEngine(McastSink& sink);
  ~McastEngine();
  McastEngine(const McastEngine&) = delete;
  McastEngine& operator=(const McastEngine&) = delete;

  // --- configuration
  void set_snooping(bool on, Nanos now);  // mcast_snooping
  bool snooping() const { return snooping_; }
  void set_config(const McastCtxConfig& c, Nanos now);  // the global context
  const McastCtxConfig& config() const;
  void set_hash_max(uint32_t n) { hash_max_ = n; }
  void set_bridge_router(uint8_t v, Nanos now);
  void set_has_ipv6_addr(bool v) { has_ipv6_addr_ = v; }
  // mcast_vlan_snooping and the VLANs with a context (the bridge's VLANs).
  void set_vlan_snooping(bool on, Nanos now);
  bool vlan_snooping() const { return vlan_snooping_; }
  void vlan_ctx_add(uint16_t vid, Nanos now);
  void vlan_ctx_del(uint16_t vid);
  Status set_vlan_config(uint16_t vid, const McastCtxConfig& c, Nanos now);
  const McastCtxConfig* vlan_config(uint16_t vid) const;
  std::vector<uint16_t> vlan_ctx_vids() const;

  // --- the bridge running (br_multicast_open / stop)
  void open(Nanos now);
  void stop();
  bool running() const { return running_; }

  // --- ports (numbers are the bridge's port_no, never 0)
  void port_add(int port);
  void port_del(int port);  // every group of the port goes, permanent ones too
  void port_set_state(int port, McastPortState s, Nanos now);
  void port_set_flags(int port, bool fast_leave, bool to_unicast);
  Status port_set_router(int port, uint8_t v, Nanos now);
  void port_set_max_groups(int port, uint32_t max);
  uint32_t port_n_groups(int port) const;
  uint8_t port_router(int port) const;
  // Port-VLAN contexts (with vlan snooping): the port's VLANs.
  void port_vlan_add(int port, uint16_t vid, Nanos now);
  void port_vlan_del(int port, uint16_t vid);
  Status port_vlan_set_router(int port, uint16_t vid, uint8_t v, Nanos now);
  Status port_vlan_set_max_groups(int port, uint16_t vid, uint32_t max);
  std::optional<uint32_t> port_vlan_n_groups(int port, uint16_t vid) const;

  // --- what the bridge snooped (port 0: sent by the bridge's own stack through br0).
  // Reports return false when a join failed on a limit (mcast_max_groups, mcast_hash_max):
  // Linux then drops the frame.
  bool on_report(uint16_t vid, int port, const McastAddr& group, const MacAddr& eth_src,
                 Nanos now);  // IGMPv1/v2 report, MLDv1 report
  void on_leave(uint16_t vid, int port, const McastAddr& group, const MacAddr& eth_src,
                Nanos now);   // IGMPv2 leave, MLDv1 done
  bool on_report_v3(uint16_t vid, int port, const McastAddr& host, const MacAddr& eth_src,
                    const std::vector<McastRecord>& records, Nanos now);
  void on_query(uint16_t vid, int port, const McastQueryIn& q, Nanos now);
  // PIM hello or Multicast Router Discovery advertisement: the port leads to a router.
  void on_router_hint(uint16_t vid, int port, McastFamily f, Nanos now);
  // Whether snooping applies to frames of `vid` (bridge-wide and per-VLAN switches).
  bool active_for(uint16_t vid) const;

  // --- forwarding questions
  // The entry a data frame to `group` from `src` matches (br_mdb_get): S,G first when the
  // context runs IGMPv3/MLDv2, then *,G; L2 groups by MAC.
  const MdbEntry* lookup(uint16_t vid, const McastAddr& group, const McastAddr& src) const;
  bool querier_exists(uint16_t vid, McastFamily f, Nanos now) const;
  // Whether the context runs IGMPv3 / MLDv2 (source-specific state and S,G lookups).
  bool sources_tracked(uint16_t vid, McastFamily f) const;
  bool bridge_is_router(uint16_t vid, McastFamily f) const;
  // Router ports of the context, in forwarding order.
  std::vector<int> router_ports(uint16_t vid, McastFamily f) const;
  bool port_is_router(int port, uint16_t vid, McastFamily f) const;

  // --- the user's entries (`bridge mdb`; errors carry the kernel's extack text)
  Status user_add(const MdbUserEntry& e, bool replace, Nanos now);
  Status user_del(int port, const MdbKey& key);
  void flush(const MdbFlush& f);
  // Removes every non-permanent group of a port's VLAN (VLAN deleted from the port).
  void port_vlan_flush(int port, uint16_t vid);

  // --- state for printing
  const std::list<MdbEntry>& entries() const { return mdb_; }
  const MdbEntry* find(const MdbKey& k) const;
  size_t size() const { return mdb_.size(); }
  // Remaining time of a timer, or 0 when stopped.
  static Nanos remaining(const McTimer& t, Nanos now) {
    return t.pending() && t.at > now ? t.at - now : 0;
  }
  struct RouterPortInfo {
    int port;
    uint16_t vid;
    Nanos timer;  // remaining (0 for permanent)
    uint8_t type;  // mcast_router of the port (context)
    bool v4, v6;
  };
  std::vector<RouterPortInfo> router_port_info(Nanos now) const;
  struct QuerierInfo {
    bool present = false;  // shown (querier on, or another querier heard)
    McastAddr addr;
    int port = 0;          // where the other querier is (0: ourselves)
    Nanos other_timer = -1;  // remaining other-querier-present time, -1 when not running
  };
  QuerierInfo querier_info(uint16_t vid, McastFamily f, Nanos now) const;

  // --- time
  void tick(Nanos now);
  Nanos next_deadline() const;

 private:
  friend struct McastInternal;
  // mcast.cc
  McastCtx& global();
  const McastCtx& global() const;
  McastCtx* ctx_for(uint16_t vid);
  const McastCtx* ctx_for(uint16_t vid) const;
  McastPortCtx* pctx_for(int port, uint16_t vid);
  McastPortCtx* port_ctx(int port);
  const McastPortCtx* port_ctx(int port) const;
  McastPortCtx* pctx_of_pg(const PortGroup& pg);
  bool should_use(const McastCtx& c, const McastPortCtx* pc) const;
  void arm(McTimer& t, Nanos at);
  void disarm(McTimer& t);
  void fire(McTimer& t, Nanos now);
  MdbEntry* find_mut(const MdbKey& k);
  MdbEntry* new_entry(const MdbKey& k, Status* err);
  void del_entry(MdbEntry& e);
  PortGroup* new_pg(MdbEntry& e, int port, const MacAddr& eth, uint8_t flags, FilterMode m,
                    uint8_t proto, Status* err);
  void del_pg(PortGroup& pg);
  GroupSrc* new_src(PortGroup& pg, const McastAddr& a);
  void del_src(GroupSrc& s, bool fast_leave);
  PortGroup* add_group(McastCtx& c, McastPortCtx* pc, int port, const MdbKey& k,
                       const MacAddr& eth, FilterMode m, bool v2, bool blocked, Nanos now,
                       Status* err = nullptr);
  void host_join(McastCtx& c, MdbEntry& e, bool notify, Nanos now);
  void host_leave(MdbEntry& e, bool notify);
  void fwd_src_handle(GroupSrc& s, Nanos now);
  void fwd_src_add(GroupSrc& s, Nanos now);
  void fwd_src_remove(GroupSrc& s, bool fast_leave);
  void star_g_handle_mode(PortGroup& pg, FilterMode m, Nanos now);
  void sg_add_exclude_ports(MdbEntry& star, PortGroup& sg, Nanos now);
  void sg_del_exclude_ports(MdbEntry& sg);
  void src_mod_timer(GroupSrc& s, Nanos at, Nanos now);
  int ngroups_inc(int port, const MdbKey& k, Status* err);
  void ngroups_dec(int port, uint16_t vid);
  void pg_expired(PortGroup& pg, Nanos now);
  void src_expired(GroupSrc& s, Nanos now);
  void entry_expired(MdbEntry& e);
  void port_disable_ctx(McastPortCtx& pc);
  void port_enable_ctx(McastPortCtx& pc, Nanos now);
  // membership.cc
  void leave_group(McastCtx& c, McastPortCtx* pc, int port, const MdbKey& k,
                   const MacAddr& eth, Nanos now);
  bool rec_isinc_allow(McastCtx& c, PortGroup& pg, const std::vector<McastAddr>& s, Nanos now);
  bool rec_isexc(McastCtx& c, PortGroup& pg, const std::vector<McastAddr>& s, Nanos now);
  bool rec_toin(McastCtx& c, McastPortCtx* pc, PortGroup& pg, const std::vector<McastAddr>& s,
                Nanos now);
  bool rec_toex(McastCtx& c, McastPortCtx* pc, PortGroup& pg, const std::vector<McastAddr>& s,
                Nanos now);
  bool rec_block(McastCtx& c, McastPortCtx* pc, PortGroup& pg, const std::vector<McastAddr>& s,
                 Nanos now);
  void query_marked_and_rexmit(McastCtx& c, McastPortCtx* pc, PortGroup& pg, Nanos now);
  void send_query_and_rexmit(McastCtx& c, McastPortCtx* pc, PortGroup& pg, Nanos now);
  // querier.cc
  void send_general_query(McastCtx& c, McastPortCtx* pc, int fam, Nanos now);
  void send_query(McastCtx& c, McastPortCtx* pc, PortGroup* pg, const McastAddr& group,
                  bool with_srcs, bool sflag, bool* need_rexmit, Nanos now);
  bool select_querier(McastCtx& c, McastPortCtx* pc, const McastAddr& saddr);
  void query_received(McastCtx& c, McastPortCtx* pc, const McastAddr& saddr, Nanos max_delay,
                      Nanos now);
  void mark_router(McastCtx& c, McastPortCtx* pc, int fam, Nanos now);
  void add_router(McastCtx& c, McastPortCtx& pc, int fam);
  bool del_router(McastPortCtx& pc, int fam);
  void router_expired(McastPortCtx& pc, int fam);
  void pg_rexmit(PortGroup& pg, Nanos now);
  void own_query_expired(McastCtx& c, int fam, Nanos now);
  void port_own_query_expired(McastPortCtx& pc, int fam, Nanos now);
  void other_query_expired(McastCtx& c, int fam, Nanos now);
  void start_querier(McastCtx& c, int fam, Nanos now);
  void ctx_open(McastCtx& c, Nanos now);
  void ctx_stop(McastCtx& c);
  // mdb_user.cc
  Status user_add_port(const MdbUserEntry& u, bool replace, Nanos now);

  McastSink& sink_;
  bool snooping_ = true;
  bool running_ = false;
  bool vlan_snooping_ = false;
  bool has_ipv6_addr_ = true;
  uint32_t hash_max_ = 4096;
  std::unique_ptr<McastCtx> global_;
  std::map<uint16_t, std::unique_ptr<McastCtx>> vlan_ctx_;
  struct Port;
  std::map<int, std::unique_ptr<Port>> ports_;
  std::list<MdbEntry> mdb_;  // newest first
  std::map<MdbKey, std::list<MdbEntry>::iterator> index_;
  std::map<std::pair<Nanos, uint64_t>, McTimer*> timers_;
  uint64_t timer_seq_ = 0;
};

}  // namespace uvn::proto
