// The host stack's tables, as `ip addr`, `ip route` and `ip neigh` show them.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>

#include "base/ip.h"
#include "base/mac.h"
#include "base/time.h"
#include "packet/frame.h"

namespace uvn {

// rtnetlink scopes.
enum Scope : uint8_t { kScopeUniverse = 0, kScopeSite = 200, kScopeLink = 253, kScopeHost = 254,
                       kScopeNowhere = 255 };

// IFA_F_* flags.
enum IfaFlag : uint32_t {
  kIfaSecondary = 0x01,
  kIfaNodad = 0x02,
  kIfaDadfailed = 0x08,
  kIfaHomeaddress = 0x10,
  kIfaDeprecated = 0x20,
  kIfaTentative = 0x40,
  kIfaPermanent = 0x80,
  kIfaManagetempaddr = 0x100,
  kIfaNoprefixroute = 0x200,
  kIfaMcAutojoin = 0x400,  // IFA_F_MCAUTOJOIN: the address is a group the namespace joined
  kIfaStablePrivacy = 0x800,
};

struct IfAddr {
  int ifindex = 0;
  IpPrefix local;                  // address and prefix length
  std::optional<IpAddr> peer;      // point-to-point peer
  std::optional<Ipv4Addr> brd;     // IPv4 broadcast
  std::string label;               // IPv4 label (defaults to the device name)
  uint8_t scope = kScopeUniverse;
  uint32_t flags = kIfaPermanent;
  Nanos dad_done_at = 0;           // IPv6: when DAD finishes (tentative until then)
  Nanos valid_until = kForever;    // valid_lft / preferred_lft as absolute engine times
  Nanos preferred_until = kForever;
  uint64_t seq = 0;                // creation order
};

enum RouteType : uint8_t { kRtnUnicast = 1, kRtnLocal = 2, kRtnBroadcast = 3, kRtnMulticast = 5,
                           kRtnUnreachable = 7, kRtnProhibit = 8, kRtnBlackhole = 6 };
enum RouteProto : uint8_t { kProtoUnspec = 0, kProtoRedirect = 1, kProtoKernel = 2, kProtoBoot = 3,
                            kProtoStatic = 4, kProtoRa = 9 };
constexpr uint32_t kTableMain = 254;
constexpr uint32_t kTableLocal = 255;

struct Route {
  IpPrefix dst;                    // network (host bits clear)
  std::optional<IpAddr> gateway;
  int ifindex = 0;
  uint8_t type = kRtnUnicast;
  uint8_t proto = kProtoBoot;
  uint8_t scope = kScopeUniverse;
  std::optional<IpAddr> prefsrc;
  uint32_t metric = 0;
  uint32_t table = kTableMain;
  bool onlink = false;
  bool linkdown = false;           // computed when printing
};

// NUD_* states.
enum NudState : uint16_t {
  kNudIncomplete = 0x01,
  kNudReachable = 0x02,
  kNudStale = 0x04,
  kNudDelay = 0x08,
  kNudProbe = 0x10,
  kNudFailed = 0x20,
  kNudNoarp = 0x40,
  kNudPermanent = 0x80,
  kNudNone = 0x00,
};

struct Neighbour {
  IpAddr addr;
  int ifindex = 0;
  std::optional<MacAddr> lladdr;
  uint16_t state = kNudNone;
  bool router = false;
  Nanos updated = 0;
  Nanos confirmed = 0;
  Nanos used = 0;
  int probes = 0;
  uint64_t timer = 0;              // engine TimerId
  std::deque<Frame> queue;         // frames waiting for resolution (at most 3, as arp_queue)
};

}  // namespace uvn
