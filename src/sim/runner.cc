#include "sim/runner.h"

#include <fmt/format.h>

#include <fstream>
#include <ostream>
#include <regex>

#include "base/strings.h"
#include "cli/bridge.h"
#include "cli/bond2team.h"
#include "cli/dump_config.h"
#include "cli/ip.h"
#include "cli/teamd_tools.h"
#include "cli/teamnl.h"
#include "sim/tools/tool.h"
#include "sim/tools/udp.h"
#include "sim/capture.h"
#include "world/netns.h"

namespace uvn::sim {

Runner::Runner(const RunOptions& opts)
    : opts_(opts),
      world_(std::make_unique<World>(opts.seed)),
      endpoints_(std::make_unique<Endpoints>()),
      sinks_(std::make_unique<UdpSinks>()) {}

Runner::~Runner() = default;

int Runner::run_in(Netns& ns, const cli::Args& argv_in, std::string& out, std::string& err) {
  if (argv_in.empty()) return 0;
  cli::Args argv = argv_in;
  if (argv[0] == "uvn" && argv.size() > 1) argv.erase(argv.begin());
  const std::string& cmd = argv[0];
  if (cmd == "ip") {
    cli::Context ctx{*world_, &ns, out, err, this, {}, &monitor_out_};
    int rc = cli::ip_main(ctx, cli::Args(argv.begin() + 1, argv.end()));
    world_->engine().settle();
    return rc;
  }
  if (cmd == "bridge") {
    cli::Context ctx{*world_, &ns, out, err, this, {}, &monitor_out_};
    int rc = cli::bridge_main(ctx, cli::Args(argv.begin() + 1, argv.end()));
    world_->engine().settle();
    return rc;
  }
  if (cmd == "teamd" || cmd == "teamdctl" || cmd == "teamnl") {
    cli::Context ctx{*world_, &ns, out, err, this, {}, &monitor_out_};
    cli::Args rest(argv.begin() + 1, argv.end());
    int rc = cmd == "teamd"      ? cli::teamd_main(ctx, rest, cmd)
             : cmd == "teamdctl" ? cli::teamdctl_main(ctx, rest)
                                 : cli::teamnl_main(ctx, rest);
    world_->engine().settle();
    return rc;
  }
  if (cmd == "bond2team") return cli::bond2team_main(cli::Args(argv.begin() + 1, argv.end()), out, err);
  if (cmd == "dump-config") {
    cli::Context ctx{*world_, &ns, out, err, this, {}, &monitor_out_};
    return cli::dump_config_main(ctx, cli::Args(argv.begin() + 1, argv.end()));
  }
  ToolEnv env{*world_, ns, out, err, sinks_.get()};
  if (cmd == "ping" || cmd == "ping6") {
    if (cmd == "ping6") argv.insert(argv.begin() + 1, "-6");
    return ping_main(env, argv);
  }
  if (cmd == "arping") return arping_main(env, argv);
  if (cmd == "udp-sink") return udp_sink_main(env, argv);
  if (cmd == "udp-stream") return udp_stream_main(env, argv);
  if (cmd == "mausezahn" || cmd == "mz") return mausezahn_main(env, argv);
  if (cmd == "cat") return cat_main(env, argv);
  if (cmd == "sysctl") return sysctl_main(env, argv);
  bool handled = false;
  int rc = run_sim_command(ns, argv, out, err, handled);
  if (handled) {
    world_->engine().settle();
    return rc;
  }
  err += fmt::format("exec of \"{}\" failed: No such file or directory\n", cmd);
  return 1;
}

int Runner::run_line(const std::string& line, std::string& out, std::string& err) {
  cli::Args argv = cli::split_command_line(line);
  if (argv.empty()) return 0;
  return run_in(world_->init_ns(), argv, out, err);
}

int Runner::run_script(const std::string& path, std::ostream& os, std::ostream& es) {
  std::ifstream in(path);
  if (!in) {
    es << "uvn: cannot open " << path << "\n";
    return 2;
  }
  std::string raw;
  int lineno = 0;
  while (std::getline(in, raw)) {
    ++lineno;
    std::string line = raw;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    size_t start = line.find_first_not_of(" \t");
    if (start == std::string::npos || line[start] == '#') continue;
    line = line.substr(start);
    bool expect_fail = false;
    if (line[0] == '!') {
      expect_fail = true;
      line = line.substr(1);
      line = line.substr(std::min(line.size(), line.find_first_not_of(" \t")));
    }
    cli::Args words = cli::split_command_line(line);
    bool is_expect = !words.empty() && (words[0] == "expect" || words[0] == "expect-not");
    if (opts_.echo && !is_expect) os << "$ " << raw.substr(start) << "\n";
    if (is_expect) {
      std::string pattern = line.substr(line.find(words[0]) + words[0].size());
      pattern = pattern.substr(std::min(pattern.size(), pattern.find_first_not_of(" \t")));
      std::regex re;
      try {
        re = std::regex(pattern, std::regex::ECMAScript | std::regex::multiline);
      } catch (const std::regex_error& e) {
        es << fmt::format("{}:{}: bad regular expression: {}\n", path, lineno, e.what());
        return 1;
      }
      bool found = std::regex_search(last_output_, re);
      if (found != (words[0] == "expect")) {
        es << fmt::format("{}:{}: {} /{}/ failed; the last output was:\n{}", path, lineno,
                          words[0], pattern, last_output_);
        return 1;
      }
      continue;
    }
    if (!words.empty() && words[0] == "after") {
      auto delay = words.size() > 2 ? parse_double(words[1]) : std::nullopt;
      if (!delay || *delay < 0) {
        es << fmt::format("{}:{}: usage: after SECONDS COMMAND...\n", path, lineno);
        return 1;
      }
      std::string cmd = line.substr(line.find(words[1]) + words[1].size());
      std::string where = fmt::format("{}:{}", path, lineno);
      world_->engine().after(Nanos(*delay * 1e9), [this, cmd, where] {
        std::string o, e;
        int rc = run_line(cmd, o, e);
        monitor_out_ += o + e;
        if (rc != 0 && deferred_error_.empty())
          deferred_error_ = fmt::format("{}: exit status {}:{}\n", where, rc, cmd);
      });
      continue;
    }
    std::string out, err;
    int rc = run_line(line, out, err);
    out += monitor_out_;
    monitor_out_.clear();
    os << out;
    es << err;
    os.flush();
    es.flush();
    last_output_ = out + err;
    if (!deferred_error_.empty()) {
      es << deferred_error_;
      return 1;
    }
    if ((rc != 0) != expect_fail) {
      es << fmt::format("{}:{}: {}: {}\n", path, lineno,
                        expect_fail ? "expected a failure, got exit status 0"
                                    : fmt::format("exit status {}", rc),
                        line);
      return 1;
    }
  }
  if (!monitor_out_.empty()) os << monitor_out_;
  return 0;
}

}  // namespace uvn::sim
