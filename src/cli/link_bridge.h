// The bridge_slave lines of `ip -d link show` for a bridge port (text and JSON), and the
// bridge's part of `ip link xstats type bridge|bridge_slave`.
#pragma once

#include <string>

#include "cli/json_writer.h"
#include "dev/core/device.h"

namespace uvn::cli {

// True when `dev` is a bridge port; then writes its "bridge_slave ..." text / JSON members.
bool bridge_slave_text(const Device& dev, std::string& out);
bool bridge_slave_json(const Device& dev, JsonWriter& jw);

// Which blocks `ip link xstats type bridge[_slave] [igmp|mcast|stp]` prints.
enum class BridgeXstats { kAll, kMcast, kStp };
// Prints the xstats of `dev` as a bridge (slave = false: `type bridge`) or as a bridge port
// (slave = true); false when it is not one (nothing printed). Text, or one JSON object.
bool bridge_xstats_text(const Device& dev, bool slave, BridgeXstats which, std::string& out);
bool bridge_xstats_json(const Device& dev, bool slave, BridgeXstats which, JsonWriter& jw);

}  // namespace uvn::cli
