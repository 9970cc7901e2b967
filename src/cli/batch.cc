#include "cli/batch.h"

#include <fmt/format.h>

#include <fstream>

#include "cli/ip.h"
#include "cli/ip_errors.h"

namespace uvn::cli {

int run_batch_file(Context& ctx, const std::string& file,
                   const std::function<int(Context&, const Args&)>& run_one) {
  std::ifstream in(file);
  if (!in) {
    ctx.err += fmt::format("Cannot open file \"{}\" for reading: No such file or directory\n", file);
    return 1;
  }
  std::string line;
  int lineno = 0, rc = 0;
  while (std::getline(in, line)) {
    ++lineno;
    Args words = split_command_line(line);
    if (words.empty()) continue;
    Context sub{ctx.world, ctx.ns, ctx.out, ctx.err, ctx.runner, ctx.opt, ctx.background};
    int sub_rc = run_one(sub, words);
    // Where iproute2 calls exit() (bad arguments), the whole batch ends at once, even with
    // -force, and without a "Command failed" line.
    if (sub_rc == kExitUsage || sub.exited) return sub_rc;
    if (sub_rc != 0) {
      ctx.err += fmt::format("Command failed {}:{}\n", file, lineno);
      rc = 1;
      if (!ctx.opt.force) return rc;
    }
  }
  return rc;
}

}  // namespace uvn::cli
