// Prints a kind's option table (dev/core/options.h) as `ip -d link` text and as JSON
// info_data members.
#pragma once

#include <string>

#include "cli/json_writer.h"
#include "dev/core/options.h"

namespace uvn::cli {

void options_text(const OptionValues& o, std::string& out);
void options_json(const OptionValues& o, JsonWriter& jw);

}  // namespace uvn::cli
