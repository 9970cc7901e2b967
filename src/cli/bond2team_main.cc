// `bond2team`'s command line (the conversions are cli/bond2team.cc).
#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "cli/bond2team.h"

namespace uvn::cli {

namespace {

using nlohmann::json;
using ojson = nlohmann::ordered_json;

constexpr std::string_view kVersion = "0.97";

// ---------------------------------------------------------------------------------------------
// The command.

constexpr std::string_view kHelp =
    "Usage: bond2team [OPTIONS]\n"
    "Turns bonding options into a teamd configuration (JSON), or, with --reverse, a teamd\n"
    "configuration into the ip commands that build the closest bond.\n"
    "\n"
    "  --bonding_opts \"OPT=VAL ...\"  the bond's options (as BONDING_OPTS spells them)\n"
    "  --master NAME                 the device name (default team0)\n"
    "  --rename NAME                 name the team device NAME instead\n"
    "  --port NAME                   a port of the device (repeat for more)\n"
    "  --json, --stdout              accepted: the JSON always goes to standard output\n"
    "  --reverse                     teamd JSON to ip commands (a uvn extension)\n"
    "  --json-config TEXT            with --reverse: the teamd configuration itself\n"
    "  --config FILE                 with --reverse: read it from FILE\n"
    "  --quiet                       no warnings\n"
    "  --debug                       accepted, no effect\n"
    "  --version                     print the version\n"
    "  --help                        print this text\n"
    "  --examples                    print some command lines\n"
    "\n"
    "uvn does not read or write ifcfg files: --ifcfg, --configdir and --outputdir are refused.\n"
    "Warnings name what has no exact counterpart on the other side.\n";

constexpr std::string_view kExamples =
    "Active-backup with the MII monitor, eth1 preferred:\n"
    "  bond2team --json --stdout --bonding_opts \"mode=active-backup miimon=100 primary=eth1\" "
    "--port eth1 --port eth2\n"
    "\n"
    "802.3ad, fast LACP, hashing on addresses and ports:\n"
    "  bond2team --json --stdout --master team0 --bonding_opts \"mode=4 lacp_rate=fast "
    "xmit_hash_policy=layer3+4\" --port eth1 --port eth2\n"
    "\n"
    "Back from a teamd file to ip commands:\n"
    "  bond2team --reverse --master bond0 --config /etc/teamd/team0.conf\n";

struct Cmd {
  std::string master, rename, bonding_opts, json_text, config_file;
  bool has_opts = false, has_json = false, has_file = false, reverse = false, quiet = false;
  std::vector<std::string> ports;
};

int fail(std::string& err, const std::string& msg) {
  err += fmt::format("bond2team: {}\n", msg);
  return 1;
}

void print_warnings(const Cmd& c, const std::vector<std::string>& warnings, std::string& err) {
  if (c.quiet) return;
  for (auto& w : warnings) err += fmt::format("bond2team: warning: {}\n", w);
}

int run_forward(const Cmd& c, std::string& out, std::string& err) {
  if (c.has_json || c.has_file) return fail(err, "--json-config and --config need --reverse");
  if (!c.has_opts)
    return fail(err, "no bonding options: give --bonding_opts (uvn reads no ifcfg files)");
  auto opts = parse_bonding_opts(c.bonding_opts);
  if (!opts) return fail(err, opts.error().message);
  std::string dev = !c.rename.empty() ? c.rename : !c.master.empty() ? c.master : "team0";
  auto r = bond_opts_to_teamd(*opts, c.ports, dev);
  if (!r) return fail(err, r.error().message);
  print_warnings(c, r->warnings, err);
  out += r->config.dump(4) + "\n";
  return 0;
}

int run_reverse(const Cmd& c, std::string& out, std::string& err) {
  if (c.has_opts || !c.ports.empty())
    return fail(err, "--reverse takes the ports and options from the teamd configuration");
  if (c.has_json == c.has_file) return fail(err, "--reverse needs one of --json-config or --config");
  std::string text = c.json_text;
  if (c.has_file) {
    std::ifstream f(c.config_file);
    if (!f) return fail(err, fmt::format("cannot read {}: {}", c.config_file, std::strerror(errno)));
    std::ostringstream ss;
    ss << f.rdbuf();
    text = ss.str();
  }
  json cfg = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (cfg.is_discarded()) return fail(err, "the teamd configuration is not valid JSON");
  auto r = teamd_to_bond_opts(cfg);
  if (!r) return fail(err, r.error().message);
  print_warnings(c, r->warnings, err);
  std::string bond = !c.rename.empty()    ? c.rename
                     : !c.master.empty()  ? c.master
                     : !r->device.empty() ? r->device
                                          : "bond0";
  std::string line = fmt::format("ip link add {} type bond", bond);
  for (auto& [k, v] : r->opts) line += fmt::format(" {} {}", k, v);
  out += line + "\n";
  // The bond takes only ports that are down (it opens them itself).
  for (auto& p : r->ports) out += fmt::format("ip link set {} down master {}\n", p, bond);
  return 0;
}


}  // namespace

int bond2team_main(const std::vector<std::string>& args, std::string& out, std::string& err) {
  Cmd c;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](std::string& dst, bool* flag = nullptr) {
      if (i + 1 == args.size()) return false;
      dst = args[++i];
      if (flag) *flag = true;
      return true;
    };
    bool ok = true;
    if (a == "--master") ok = value(c.master);
    else if (a == "--rename") ok = value(c.rename);
    else if (a == "--bonding_opts") ok = value(c.bonding_opts, &c.has_opts);
    else if (a == "--port") {
      std::string p;
      ok = value(p);
      if (ok) c.ports.push_back(p);
    } else if (a == "--json-config") ok = value(c.json_text, &c.has_json);
    else if (a == "--config") ok = value(c.config_file, &c.has_file);
    else if (a == "--json" || a == "--stdout" || a == "--debug") continue;
    else if (a == "--quiet") c.quiet = true;
    else if (a == "--reverse") c.reverse = true;
    else if (a == "--ifcfg" || a == "--configdir" || a == "--outputdir")
      return fail(err, fmt::format("{}: uvn reads and writes no ifcfg files", a));
    else if (a == "--version" || a == "--help" || a == "--examples") {
      out += a == "--version" ? std::string(kVersion) + "\n"
                              : std::string(a == "--help" ? kHelp : kExamples);
      return 0;
    }
    else return fail(err, fmt::format("unknown option \"{}\" (try --help)", a));
    if (!ok) return fail(err, fmt::format("{} needs a value", a));
  }
  return c.reverse ? run_reverse(c, out, err) : run_forward(c, out, err);
}


}  // namespace uvn::cli
