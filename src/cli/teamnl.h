// teamnl (libteam 1.31 utils/teamnl): the team generic-netlink tool, against the team devices
// of the context's namespace. Options -h/--help, -p/--port_name PORT, -a/--array_index N,
// parsed as GNU getopt_long does (anywhere on the line, clustered, long names by unambiguous
// prefix, getopt's own error lines); commands by prefix in the order ports, options,
// getoption OPT, setoption OPT VALUE, monitor [all|changed].
//
// Output as libteam prints it (lib/stringify.c): each line of `ports` is
// "<c><ifindex>: <name>: up|down <speed>Mbit FD|HD " and each of `options`
// "<c><name> [(port:<name>) ][(arridx:<n>) ]<value> ", both with the trailing space teamnl's
// "%s %s\n" leaves and <c> the "changed" mark, always " " here (the kernel has sent its change
// events before anyone can ask, which clears the mark). Lines are cut at 119 characters and
// end " <trunc>" then (libteam's 120-byte buffer). Both lists come out in the reverse of the
// kernel's order (libteam prepends what it learns): the last port added first, the per-port
// options of the last port first, and the team's own options last, `mode` at the very end.
// getoption prints the value alone; setoption prints nothing. Errors: "Command failed: " and
// strerror of the errno, exit 1.
//
// uvn: `monitor` cannot wait for changes in a one-shot command and says so (EOPNOTSUPP);
// setting bpf_hash_func adds a "uvn:" line on stderr (the program is kept, not run).
#pragma once

#include <string>
#include <vector>

#include "cli/context.h"

namespace uvn::cli {

// Runs `teamnl ARGS...` (args exclude argv[0]). Returns the exit status.
int teamnl_main(Context& ctx, const std::vector<std::string>& args);

}  // namespace uvn::cli
