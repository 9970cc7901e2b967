// Per-device counters, as `ip -s link` prints them (rtnl_link_stats64), and the reasons a
// frame can be dropped. Every drop is counted under one reason.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace uvn {

enum class DropReason : uint8_t {
  kDeviceDown,     // received or sent while the device was administratively down
  kNoCarrier,      // sent while the device had no carrier (e.g. veth peer down)
  kBacklogFull,    // receive backlog overflow
  kTooBig,         // larger than the MTU allows
  kNotClaimed,     // nothing (handler or stack) wanted it
  kMalformed,      // failed to parse
  kVlanUnknown,    // tagged with a VID no VLAN device on the receiving device has
  kVlanFiltered,   // a VLAN-aware bridge port does not admit the frame's VLAN (or has no PVID)
  kCount
};

inline std::string_view drop_reason_name(DropReason r) {
  static constexpr std::string_view kNames[] = {"device_down", "no_carrier", "backlog_full",
                                                "too_big",     "not_claimed", "malformed",
                                                "vlan_unknown", "vlan_filtered"};
  return kNames[static_cast<int>(r)];
}

struct LinkStats {
  uint64_t rx_packets = 0, rx_bytes = 0, rx_errors = 0, rx_dropped = 0, rx_missed = 0;
  uint64_t multicast = 0;
  uint64_t tx_packets = 0, tx_bytes = 0, tx_errors = 0, tx_dropped = 0, tx_carrier = 0;
  uint64_t collisions = 0;
  // rx_length/crc/frame/fifo/missed and tx_aborted/fifo/window/heartbeat for `-s -s`.
  uint64_t rx_length_errors = 0, rx_crc_errors = 0, rx_frame_errors = 0, rx_fifo_errors = 0;
  uint64_t tx_aborted_errors = 0, tx_fifo_errors = 0, tx_window_errors = 0;
  uint64_t tx_heartbeat_errors = 0;
  uint64_t rx_nohandler = 0;
  std::array<uint64_t, static_cast<size_t>(DropReason::kCount)> drops{};
};

}  // namespace uvn
