// Printing links as `ip link show` does: text (with -d, -s, -o), brief (-br) and JSON (-j,
// -p). ip addr show reuses the same header lines (without "mode DEFAULT").
#pragma once

#include <string>

#include "cli/context.h"
#include "cli/json_writer.h"

namespace uvn::cli {

// Which command prints: `ip link` shows "mode DEFAULT" and the stats; `ip addr` shows the
// addresses instead. kAddrFamily: `ip addr` with a family (-4, -6, or one implied by `to
// PREFIX`): the link-layer line is left out, its link-netns moves to the first line, and the
// JSON has no link_type/address/broadcast.
enum class LinkView { kLink, kAddr, kAddrFamily };

// The two header lines (and -d/-s lines) of one device, newline-terminated.
std::string link_text(Context& ctx, const Device& dev, LinkView view);
// The device's members (without braces) in JSON.
void link_json(Context& ctx, const Device& dev, LinkView view, JsonWriter& jw);
// The -s block (RX/TX rows; with level > 1 the error rows too), as `ip link -s` prints it
// after the link lines and `ip addr -s` after the addresses.
std::string link_stats_text(const Device& dev, int level);
// `-br` line.
std::string link_brief(Context& ctx, const Device& dev, LinkView view);

// "NAME@PEER" / "NAME@ifN" / "NAME".
std::string link_display_name(Context& ctx, const Device& dev);
std::string flags_text(Context& ctx, const Device& dev);
// Applies -o: lines joined with a backslash.
std::string oneline(const std::string& text);

}  // namespace uvn::cli
