// uvn: the multi-call entry point.
//   uvn run [--echo] [--seed N] FILE.uvn   run a scenario in the simulator
//   uvn ip ARGS...                          `ip` against a fresh simulated world
//   uvn ping ARGS...                        likewise for the simulated tools
//   uvn bridge ARGS...                      likewise for `bridge`
//   uvn teamd|teamdctl|teamnl|bond2team ... likewise for the libteam tools
// Invoked through a link named ip, bridge, teamd, teamdctl, teamnl or bond2team, it acts as
// that tool.
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "base/strings.h"
#include "sim/runner.h"

namespace {

int usage() {
  std::cerr << "Usage: uvn run [--echo] [--seed N] FILE.uvn\n"
               "       uvn ip [ OPTIONS ] OBJECT { COMMAND | help }\n"
               "       uvn ping [ OPTIONS ] DESTINATION\n";
  return 2;
}

int run_command(const std::vector<std::string>& argv) {
  uvn::sim::Runner r({});
  std::string out, err;
  std::string line;
  int rc = r.run_in(r.world().init_ns(), argv, out, err);
  std::cout << out;
  std::cerr << err;
  return rc;
}

}  // namespace

int main(int argc, char** argv) {
  std::string self = argv[0];
  if (auto slash = self.rfind('/'); slash != std::string::npos) self = self.substr(slash + 1);
  std::vector<std::string> args(argv + 1, argv + argc);
  if (self == "ip" || self == "bridge" || self == "teamd" || self == "teamdctl" ||
      self == "teamnl" || self == "bond2team") {
    args.insert(args.begin(), self);
    return run_command(args);
  }
  if (args.empty()) return usage();
  if (args[0] == "run") {
    uvn::sim::RunOptions opts;
    std::string file;
    for (size_t i = 1; i < args.size(); ++i) {
      if (args[i] == "--echo") {
        opts.echo = true;
      } else if (args[i] == "--seed" && i + 1 < args.size()) {
        auto v = uvn::parse_uint(args[++i]);
        if (!v) return usage();
        opts.seed = *v;
      } else if (file.empty()) {
        file = args[i];
      } else {
        return usage();
      }
    }
    if (file.empty()) return usage();
    uvn::sim::Runner r(opts);
    return r.run_script(file, std::cout, std::cerr);
  }
  if (args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    usage();
    return 0;
  }
  return run_command(args);
}
