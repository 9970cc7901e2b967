// Stp's private pieces shared by its .cc files.
#pragma once

#include "proto/stp/stp.h"

namespace uvn::proto {

// A received Configuration BPDU, times converted to Nanos (br_config_bpdu).
struct Stp::ConfigBpdu {
  bool tc = false;
  bool tc_ack = false;
  BridgeId root;
  uint32_t root_path_cost = 0;
  BridgeId bridge_id;
  uint16_t port_id = 0;
  Nanos message_age = 0;
  Nanos max_age = 0;
  Nanos hello_time = 0;
  Nanos forward_delay = 0;
};

// What Linux adds to the message age of a relayed BPDU: MESSAGE_AGE_INCR, (HZ / 256) + 1
// jiffies, which is 4 ms at HZ = 1000 or 250 -- one 1/256 s tick on the wire.
inline constexpr Nanos kStpMessageAgeIncr = 4 * kMsec;
// BR_HOLD_TIME: at most one Configuration BPDU per second and port.
inline constexpr Nanos kStpHoldTime = kSec;

}  // namespace uvn::proto
