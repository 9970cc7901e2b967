#include "sim/runner.h"

#include <fmt/format.h>

#include <fstream>
#include <ostream>
#include <regex>

#include "base/strings.h"
#include "cli/ip.h"
#include "dev/veth/veth.h"
#include "sim/tools/tool.h"
#include "wire/pcap.h"
#include "world/netns.h"

namespace uvn::sim {

// A pcap capture on one device (a FrameTap), stamped with virtual time.
struct Runner::Capture : FrameTap {
  World* world = nullptr;
  Netns* ns = nullptr;
  int ifindex = 0;
  std::optional<wire::PcapWriter> pcap;
  void tap(const Device&, const Frame& f, bool) override {
    pcap->write(world->engine().now(), f.data(), f.size());
  }
};

struct Runner::Cut {};

Runner::Runner(const RunOptions& opts)
    : opts_(opts), world_(std::make_unique<World>(opts.seed)) {}

Runner::~Runner() {
  for (auto& c : captures_) {
    if (Device* d = c->ns->find(c->ifindex)) d->remove_tap(c.get());
    if (c->pcap) c->pcap->flush();
  }
}

namespace {

// Finds "-n NS" in argv (removing it); returns the namespace or nullptr with an error.
Netns* take_netns(World& w, Netns& dflt, cli::Args& argv, std::string& err) {
  for (size_t i = 0; i + 1 < argv.size(); ++i) {
    if (argv[i] == "-n") {
      Netns* ns = w.find_netns(argv[i + 1]);
      if (!ns) {
        err += fmt::format("Cannot open network namespace \"{}\": No such file or directory\n",
                           argv[i + 1]);
        return nullptr;
      }
      argv.erase(argv.begin() + long(i), argv.begin() + long(i) + 2);
      return ns;
    }
  }
  return &dflt;
}

}  // namespace

int Runner::run_sim_command(Netns& here, const cli::Args& in, std::string& out, std::string& err,
                            bool& handled) {
  handled = true;
  cli::Args argv = in;
  const std::string cmd = argv[0];
  if (cmd == "sleep") {
    auto d = argv.size() > 1 ? parse_double(argv[1]) : std::nullopt;
    if (!d || *d < 0) {
      err += "sleep: invalid time interval\n";
      return 1;
    }
    world_->engine().advance_to(world_->engine().now() + Nanos(*d * 1e9));
    return 0;
  }
  if (cmd == "true") return 0;
  if (cmd == "false") return 1;
  if (cmd == "echo") {
    std::vector<std::string> words(argv.begin() + 1, argv.end());
    out += join(words, " ") + "\n";
    return 0;
  }
  if (cmd == "cable" || cmd == "carrier" || cmd == "capture") {
    Netns* ns = take_netns(*world_, here, argv, err);
    if (!ns) return 1;
    if (argv.size() < 3) {
      err += fmt::format("usage: cable cut|restore DEV | carrier DEV on|off | capture DEV FILE "
                         "[-n NS]\n");
      return 1;
    }
    const std::string& devname = cmd == "cable" ? argv[2] : argv[1];
    Device* dev = ns->find(devname);
    if (!dev) {
      err += fmt::format("Cannot find device \"{}\"\n", devname);
      return 1;
    }
    if (cmd == "cable") {
      auto* v = dynamic_cast<VethDevice*>(dev);
      if (!v || (argv[1] != "cut" && argv[1] != "restore")) {
        err += "cable: DEV must be a veth end; use cut or restore\n";
        return 1;
      }
      v->set_cable_cut(argv[1] == "cut");
      return 0;
    }
    if (cmd == "carrier") {
      if (argv[2] != "on" && argv[2] != "off") {
        err += "carrier: on or off\n";
        return 1;
      }
      dev->set_carrier(argv[2] == "on");
      return 0;
    }
    auto cap = std::make_unique<Capture>();
    cap->world = world_.get();
    cap->ns = ns;
    cap->ifindex = dev->ifindex();
    cap->pcap = wire::PcapWriter::open(argv[2]);
    if (!cap->pcap) {
      err += fmt::format("capture: cannot open {}\n", argv[2]);
      return 1;
    }
    dev->add_tap(cap.get());
    captures_.push_back(std::move(cap));
    return 0;
  }
  handled = false;
  return 0;
}

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
  if (cmd == "ping" || cmd == "ping6") {
    if (cmd == "ping6") argv.insert(argv.begin() + 1, "-6");
    ToolEnv env{*world_, ns, out, err};
    return ping_main(env, argv);
  }
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
        re = std::regex(pattern, std::regex::extended | std::regex::multiline);
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
    std::string out, err;
    int rc = run_line(line, out, err);
    out += monitor_out_;
    monitor_out_.clear();
    os << out;
    es << err;
    os.flush();
    es.flush();
    last_output_ = out + err;
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
