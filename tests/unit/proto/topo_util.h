// Compact expectations for the topology tests: a bridge's port states and roles as one
// string, ports in number order ("F F B"), and a table-driven topology builder.
#pragma once

#include <string>
#include <vector>

#include "lan_harness.h"
#include "proto/spanning_tree.h"

namespace uvn::proto::test {

// D disabled, L listening, E learning, F forwarding, B blocking (RSTP discarding).
inline char state_letter(StpPortState s) {
  switch (s) {
    case StpPortState::kDisabled:
      return 'D';
    case StpPortState::kListening:
      return 'L';
    case StpPortState::kLearning:
      return 'E';
    case StpPortState::kForwarding:
      return 'F';
    case StpPortState::kBlocking:
      return 'B';
  }
  return '?';
}

template <class Engine>
std::string states_of(Net<Engine>& net, int b) {
  std::string s;
  for (int p : net.engine(b).port_numbers()) {
    if (!s.empty()) s += ' ';
    s += state_letter(net.engine(b).port_state(p));
  }
  return s;
}

template <class Engine>
std::string roles_of(Net<Engine>& net, int b) {
  std::string s;
  for (int p : net.engine(b).port_numbers()) {
    if (!s.empty()) s += ' ';
    s += role_letter(net.engine(b).port_status(p, net.now())->role);
  }
  return s;
}

// One bridge of a topology table: name, priority, MAC number, then its ports in order, each
// "lan" or "lan:cost" (default cost 100 for STP tables, given per test).
struct BridgeSpec {
  std::string name;
  uint16_t priority;
  int mac;
  std::vector<std::string> ports;
};

// Builds the topology; port numbers are 1.. in list order. Returns the LAN indexes by name.
template <class Engine>
std::map<std::string, int> build(Net<Engine>& net, const std::vector<BridgeSpec>& specs,
                                 uint32_t default_cost) {
  std::map<std::string, int> lans;
  std::vector<int> ids;
  for (auto& s : specs) ids.push_back(net.add_bridge(s.name, s.priority, s.mac));
  for (size_t i = 0; i < specs.size(); ++i) {
    int port_no = 0;
    for (auto& p : specs[i].ports) {
      ++port_no;
      std::string lan = p;
      uint32_t cost = default_cost;
      if (auto colon = p.find(':'); colon != std::string::npos) {
        lan = p.substr(0, colon);
        cost = uint32_t(std::stoul(p.substr(colon + 1)));
      }
      if (!lans.count(lan)) lans[lan] = net.add_lan(lan);
      net.attach(ids[i], port_no, lans[lan], cost);
    }
  }
  return lans;
}

}  // namespace uvn::proto::test
