// team: no type arguments and no -d details beyond the kind name (iproute2 6.1 has only the
// help texts for team and team_slave; the kernel's team sends no IFLA_INFO_DATA and no
// slave data, so `-d` prints `team ` / `team_slave ` and JSON info_kind / info_slave_kind).
#include "cli/link_team.h"

#include "cli/link_kind.h"

namespace uvn::cli {

std::string_view team_kind_help(std::string_view kind) {
  if (kind == "team") return "Usage: ... team\n";
  if (kind == "team_slave") return "Usage: ... team_slave\n";
  return {};
}

extern const LinkKind kLinkTeam{.kind = "team", .parse = nullptr, .print_text = nullptr,
                                .print_json = nullptr};

}  // namespace uvn::cli
