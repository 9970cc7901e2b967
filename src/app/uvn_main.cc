// uvn: the multi-call entry point.
//   uvn run [--echo] [--seed N] FILE.uvn   run a scenario in the simulator
//   uvn ip ARGS...                          `ip` against a fresh simulated world
//   uvn ping ARGS...                        likewise for the simulated tools
//   uvn bridge ARGS...                      likewise for `bridge`
//   uvn teamd|teamdctl|teamnl|bond2team ... likewise for the libteam tools
// Invoked through a link named ip, bridge, teamd, teamdctl, teamnl or bond2team, it acts as
// that tool. When uvnd runs (its control socket exists), these commands go to it (live mode).
#include <cerrno>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include <unistd.h>

#include <cstdlib>

#include "base/strings.h"
#include "sim/runner.h"
#include "sys/control_socket.h"

namespace {

int usage() {
  std::cerr << "Usage: uvn run [--echo] [--seed N] FILE.uvn\n"
               "       uvn ip [ OPTIONS ] OBJECT { COMMAND | help }\n"
               "       uvn ping [ OPTIONS ] DESTINATION\n";
  return 2;
}

// Live mode: when uvnd's control socket exists (UVN_SOCKET, else /run/uvn/uvnd.sock), the
// command runs in the daemon's world.
bool forward_to_uvnd(const std::vector<std::string>& argv, int& rc) {
  const char* env = std::getenv("UVN_SOCKET");
  std::string path = env && *env ? env : uvn::sys::kDefaultControlSocket;
  if (access(path.c_str(), F_OK) != 0) return false;
  auto fd = uvn::sys::connect_control(path);
  if (!fd && (fd.error().code == EACCES || fd.error().code == EPERM)) {
    std::cerr << "uvn: permission denied on " << path
              << ": uvnd takes commands from root and from members of its --group\n";
    rc = 1;
    return true;
  }
  if (!fd) {
    std::cerr << "uvn: uvnd is not running (" << fd.error().message
              << "); start it with `uvnd &` (as root), or remove the stale socket; "
                 "`uvn run FILE.uvn` uses the simulator\n";
    rc = 1;
    return true;
  }
  std::string out, err;
  bool ok = uvn::sys::send_message(*fd, uvn::sys::encode_command(argv));
  auto reply = ok ? uvn::sys::recv_message(*fd) : std::nullopt;
  close(*fd);
  if (!reply || !uvn::sys::decode_result(*reply, rc, out, err)) {
    std::cerr << "uvn: no answer from uvnd at " << path << "\n";
    rc = 1;
    return true;
  }
  std::cout << out;
  std::cerr << err;
  return true;
}

int run_command(const std::vector<std::string>& argv) {
  if (int rc = 0; forward_to_uvnd(argv, rc)) return rc;
  // No uvnd: the command runs in a fresh simulated world that ends with it. Said to people at
  // a terminal, so that nobody takes it for live mode; scripts see the tool's output only.
  if (isatty(STDERR_FILENO))
    std::cerr << "uvn: no uvnd is running, so this ran in a fresh simulated world that is now "
                 "gone (live mode: start `uvnd` as root; scenarios: `uvn run FILE.uvn`)\n";
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
