// GNU getopt_long as the libteam tools (teamd, teamdctl) use it: options anywhere on the line
// (the rest are operands, in order; "--" ends the options), short options clustered ("-gg",
// "-oNn"), a short option's argument attached ("-tteam0") or next, long options by unambiguous
// prefix with "=VALUE" or the next word, and optional arguments only attached. Errors are
// glibc's lines, e.g. "teamd: invalid option -- 'x'".
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace uvn::cli {

struct LongOpt {
  const char* name;
  enum Arg { kNone, kRequired, kOptional } arg;
  char short_name;  // the short option it stands for
};

struct ParsedOpt {
  char name;
  std::optional<std::string> value;
};

struct GetoptResult {
  std::vector<ParsedOpt> opts;  // in order
  std::vector<std::string> operands;
  std::string error;  // set on failure (glibc's line, without newline)
};

// `shorts` is getopt's optstring ("hdkevf:c:..."; "x::" for an optional argument).
GetoptResult getopt_long(const std::string& prog, const std::vector<std::string>& args,
                         const std::string& shorts, const std::vector<LongOpt>& longs);

}  // namespace uvn::cli
