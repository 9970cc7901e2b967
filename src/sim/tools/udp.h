// UDP streams for load and failover tests.
//   udp-sink [-p PORT] [-j GROUP [-I DEV]]   (in a namespace) count what arrives on PORT;
//       -j joins a multicast group (as a socket's IP_ADD_MEMBERSHIP / IPV6_JOIN_GROUP: on DEV,
//       else on the device of the route to the group); repeatable
//   udp-stream [-p PORT] [-r PPS] [-t SECONDS | -c COUNT] [-s SIZE] [-Q PRIO] [-I DEV] DEST
// The stream numbers its datagrams; when a sink listens on DEST:PORT in the same world the
// report includes what arrived, the loss, reordering and the longest gap between arrivals
// (the outage a failover caused). To a multicast DEST (sent with TTL/hop limit 1, out of DEV or
// the route's device) the report has one line per sink listening on PORT, prefixed by its
// namespace.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <vector>

#include "base/ip.h"
#include "base/time.h"

namespace uvn {
class Netns;
class World;
}

namespace uvn::sim {

struct UdpSinkStats {
  uint64_t received = 0, bytes = 0, out_of_order = 0, duplicates = 0;
  uint64_t highest_seq = 0;
  Nanos first = -1, last = -1, longest_gap = 0;
  std::vector<bool> seen;
};

class UdpSinks {
 public:
  ~UdpSinks();
  // Starts a sink in `ns` on `port`; false if the port is taken.
  bool start(Netns& ns, uint16_t port);
  // The sink a datagram to (addr, port) would reach, if any.
  UdpSinkStats* find(World& w, const IpAddr& addr, uint16_t port);
  // Every live sink on `port`, in the order they were started.
  std::vector<std::pair<Netns*, UdpSinkStats*>> find_all(World& w, uint16_t port);
  void reset(UdpSinkStats& s) { s = UdpSinkStats{}; }

 private:
  struct Sink {
    Netns* ns;
    uint16_t port;
    UdpSinkStats stats;
  };
  bool alive(World& w, const Sink& s) const;
  std::vector<std::unique_ptr<Sink>> sinks_;
};

}  // namespace uvn::sim
