// The multicast database of a snooping bridge (Linux's MDB): what the IGMP/MLD snooping engine
// (mcast.h) keeps and `bridge mdb show` prints.
//
// An entry (MdbEntry) is keyed by group, source and VLAN: a *,G entry has no source, an S,G
// entry has one. Groups are IPv4, IPv6 or, for user entries only, Ethernet multicast
// addresses (L2 groups). Each entry lists the ports that receive the group (PortGroup), and
// whether the bridge itself joined it (host_joined, delivery up to br0).
//
// A *,G port group has a filter mode (RFC 3376 / RFC 3810 6.2.1): INCLUDE with the sources
// that are wanted, each with a timer, or EXCLUDE with a group timer and sources whose timer
// runs (still forwarded, the "X" set) or has stopped (blocked, the "Y" set). The forwarding
// state of each such source lives in an S,G entry of the same port (installed by the engine,
// flagged blocked for Y sources). Ports in EXCLUDE mode also get added to every S,G entry of
// the group ("added_by_star_ex"), because an S,G lookup wins over the *,G one.
//
// Containers keep Linux's orders, which `bridge mdb show` reveals: entries newest first,
// sources newest first, and ports by port number (Linux orders them by the address of the
// port structure, which on the reference machine put earlier ports first).
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <list>
#include <string>
#include <vector>

#include "base/ip.h"
#include "base/mac.h"
#include "base/time.h"

namespace uvn::proto {

enum class McastFamily : uint8_t { kL2, kIPv4, kIPv6 };

// A group or source address: IPv4 in b[0..3], IPv6 in b[0..15], MAC in b[0..5].
struct McastAddr {
  McastFamily family = McastFamily::kIPv4;
  std::array<uint8_t, 16> b{};

  static McastAddr from_ip(const IpAddr& a);
  static McastAddr from_mac(const MacAddr& m);
  static McastAddr zero(McastFamily f) { return McastAddr{f, {}}; }
  bool is_zero() const { return b == std::array<uint8_t, 16>{}; }
  bool is_ip() const { return family != McastFamily::kL2; }
  IpAddr ip() const;
  MacAddr mac() const;
  std::string format() const;
  // 224.0.0.0/24 (IPv4 link-local control groups, never snooped) or ff02::1.
  bool is_link_local_control() const;
  friend bool operator==(const McastAddr&, const McastAddr&) = default;
  friend auto operator<=>(const McastAddr&, const McastAddr&) = default;
};

struct MdbKey {
  McastAddr group;
  McastAddr src;  // zero: a *,G entry
  uint16_t vid = 0;

  bool star_g() const { return src.is_zero(); }
  MdbKey star() const { return MdbKey{group, McastAddr::zero(group.family), vid}; }
  friend bool operator==(const MdbKey&, const MdbKey&) = default;
  friend auto operator<=>(const MdbKey&, const MdbKey&) = default;
};

// Port group flags (Linux MDB_PG_FLAGS_*, the bits `bridge -d mdb` decodes).
enum : uint8_t {
  kMdbPgPermanent = 1 << 0,
  kMdbPgOffload = 1 << 1,
  kMdbPgFastLeave = 1 << 2,
  kMdbPgStarExcl = 1 << 3,  // added_by_star_ex
  kMdbPgBlocked = 1 << 4,
};

enum class FilterMode : uint8_t { kExclude, kInclude };  // Linux's MCAST_EXCLUDE 0, INCLUDE 1

// Route protocols an entry may carry (rtnetlink's RTPROT_*): the kernel's own entries are
// "kernel", user entries "static" unless `proto` says otherwise.
inline constexpr uint8_t kRtprotKernel = 2;
inline constexpr uint8_t kRtprotStatic = 4;

// A timer of the engine: an absolute deadline, or kForever when stopped. `seq` orders timers
// that fall due at the same instant (the one armed first runs first).
struct McTimer {
  enum Kind : uint8_t {
    kGroup,         // PortGroup::timer
    kRexmit,        // PortGroup::rexmit
    kSource,        // GroupSrc::timer
    kHost,          // MdbEntry::timer (host_joined, and removal of an emptied entry)
    kPortRouter,    // McastPortCtx::router_timer[f]
    kBridgeRouter,  // McastCtx::router_timer[f]
    kOwnQuery,      // McastCtx::own_query[f] (queries up to the bridge itself)
    kPortOwnQuery,  // McastPortCtx::own_query[f] (queries out of a port)
    kOtherQuery,    // McastCtx::other_query[f]
  };
  Kind kind = kGroup;
  uint8_t fam = 0;  // 0 IPv4, 1 IPv6, for the per-family timers
  void* owner = nullptr;
  Nanos at = kForever;
  Nanos last = 0;  // the last deadline armed (Linux compares a stopped timer's `expires`)
  uint64_t seq = 0;
  bool pending() const { return at != kForever; }
};

struct PortGroup;
struct MdbEntry;

// Source flags (Linux BR_SGRP_F_*).
enum : uint8_t {
  kSrcDelete = 1 << 0,
  kSrcSend = 1 << 1,
  kSrcInstalled = 1 << 2,
  kSrcUserAdded = 1 << 3,
};

struct GroupSrc {
  McastAddr addr;
  PortGroup* pg = nullptr;
  uint8_t flags = 0;
  uint32_t rexmit_cnt = 0;  // group-and-source-specific queries still to send
  McTimer timer;
};

struct PortGroup {
  MdbKey key;
  int port = 0;          // the bridge's port number
  MacAddr eth_addr = MacAddr::broadcast();  // the reporting host (mcast_to_unicast)
  uint8_t flags = 0;
  FilterMode mode = FilterMode::kExclude;
  uint8_t rt_protocol = kRtprotKernel;
  std::list<GroupSrc> srcs;  // newest first
  McTimer timer;             // group timer
  McTimer rexmit;            // retransmission of group(-and-source) specific queries
  uint32_t grp_query_rexmit_cnt = 0;
  MdbEntry* mp = nullptr;

  bool permanent() const { return flags & kMdbPgPermanent; }
  GroupSrc* find_src(const McastAddr& a) {
    for (auto& s : srcs)
      if (s.addr == a) return &s;
    return nullptr;
  }
};

struct MdbEntry {
  MdbKey key;
  bool host_joined = false;
  McTimer timer;
  std::list<PortGroup> ports;  // by port number

  PortGroup* find_port(int port) {
    for (auto& p : ports)
      if (p.port == port) return &p;
    return nullptr;
  }
};

// IGMP/MLD counters (Linux's struct br_mcast_stats): [0] received, [1] sent.
struct McastStats {
  uint64_t igmp_v1queries[2]{}, igmp_v2queries[2]{}, igmp_v3queries[2]{};
  uint64_t igmp_leaves[2]{}, igmp_v1reports[2]{}, igmp_v2reports[2]{}, igmp_v3reports[2]{};
  uint64_t igmp_parse_errors = 0;
  uint64_t mld_v1queries[2]{}, mld_v2queries[2]{}, mld_leaves[2]{};
  uint64_t mld_v1reports[2]{}, mld_v2reports[2]{};
  uint64_t mld_parse_errors = 0;
  uint64_t mcast_bytes[2]{}, mcast_packets[2]{};
  McastStats& operator+=(const McastStats& o);
};

}  // namespace uvn::proto
