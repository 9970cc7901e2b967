// The host stack's multicast group membership, per device: what Linux keeps in in_device
// (net/ipv4/igmp.c) and inet6_dev (net/ipv6/mcast.c) for the host side of IGMPv1/v2/v3
// (RFC 1112, RFC 2236, RFC 3376) and MLDv1/v2 (RFC 2710, RFC 3810). HostStack holds one McIface
// per device; the protocol is in mcast.cc.
//
// Every membership is any-source (EXCLUDE {}), as IP_ADD_MEMBERSHIP and `autojoin` make it:
// uvn has no source-filter API, so reports carry no source lists.
#pragma once

#include <cstdint>
#include <deque>
#include <vector>

#include "base/ip.h"
#include "base/mac.h"
#include "base/time.h"

namespace uvn {

struct McGroup {
  IpAddr addr;
  int users = 0;
  bool noreport = false;  // 224.0.0.1, ff02::1, scopes below link-local: never reported
  bool loaded = false;    // its MAC is on the device's list
  uint64_t timer = 0;     // the per-group report timer (an engine TimerId; 0: not running)
  Nanos expires = 0;
  int unsolicit_count = 0;  // IGMPv1/v2: unsolicited reports still to send
  bool reporter = false;    // we sent the last report (IGMPv2 leave / MLDv1 done)
  int crcount = 0;          // IGMPv3/MLDv2: change reports that still carry its record
};

// A group left in IGMPv3/MLDv2 mode whose TO_IN({}) records are still due.
struct McTomb {
  IpAddr addr;
  int crcount = 0;
};

struct McFamily {
  std::deque<McGroup> groups;  // newest first, as /proc/net/igmp and `ip maddr` list them
  std::deque<McTomb> tomb;     // newest first
  int ifc_count = 0;           // change reports still to send (interface change timer)
  uint64_t ifc_timer = 0;
  uint64_t gq_timer = 0;  // the answer to a general query (IGMPv3/MLDv2)
  Nanos gq_expires = 0;
  int dad_count = 0;  // MLD: reports still due after DAD of the link-local address
  uint64_t dad_timer = 0;
  Nanos v1_seen = 0;      // an IGMPv1 / MLDv1 querier is present until then
  Nanos v2_seen = 0;      // an IGMPv2 querier is present until then
  int qrv = 2;            // robustness variable (from the last v3/MLDv2 query)
  Nanos qi = 125 * kSec;  // query interval
  Nanos qri = 10 * kSec;  // query response interval
  Nanos maxdelay = 0;     // IGMPv3/MLDv2: max response time of the last general query
};

struct McIface {
  McFamily v4, v6;
  std::vector<IpAddr> autojoin;  // the namespace's autojoin socket's groups on this device
  std::vector<MacAddr> statics;  // `ip maddr add` entries (dev_mc_add_global)
};

}  // namespace uvn
