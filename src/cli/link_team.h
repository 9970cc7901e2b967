// team (iproute2 6.1 iplink_team.c): the kind has no arguments (words after `type team` are
// ignored) and no -d details; its ports show `team_slave` with nothing after it.
#pragma once

#include <string_view>

namespace uvn::cli {

// `ip link help team` / `ip link help team_slave` (stdout), or empty for another kind.
std::string_view team_kind_help(std::string_view kind);

}  // namespace uvn::cli
