#include "proto/spanning_tree.h"

#include <algorithm>

namespace uvn::proto {

std::string_view stp_port_state_name(StpPortState s) {
  switch (s) {
    case StpPortState::kDisabled:
      return "disabled";
    case StpPortState::kListening:
      return "listening";
    case StpPortState::kLearning:
      return "learning";
    case StpPortState::kForwarding:
      return "forwarding";
    case StpPortState::kBlocking:
      return "blocking";
  }
  return "unknown";
}

uint32_t stp_path_cost_for_speed(uint32_t speed_mbps) {
  switch (speed_mbps) {
    case 10000:
      return 2;
    case 1000:
      return 4;
    case 100:
      return 19;
    case 10:
      return 100;
    default:
      return 100;
  }
}

uint32_t rstp_path_cost_for_speed(uint64_t speed_mbps) {
  if (speed_mbps == 0) return 2'000'000;
  uint64_t cost = 20'000'000ull / speed_mbps;
  return uint32_t(std::clamp<uint64_t>(cost, 1, 200'000'000));
}

}  // namespace uvn::proto
