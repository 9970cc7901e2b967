// The bridge_slave lines of `ip -d link show` for a bridge port (text and JSON).
#pragma once

#include <string>

#include "cli/json_writer.h"
#include "dev/core/device.h"

namespace uvn::cli {

// True when `dev` is a bridge port; then writes its "bridge_slave ..." text / JSON members.
bool bridge_slave_text(const Device& dev, std::string& out);
bool bridge_slave_json(const Device& dev, JsonWriter& jw);

}  // namespace uvn::cli
