// `teamd`: libteam 1.31's command line (teamd(8)); the daemon itself is teamd/teamd.h.
#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "cli/getopt.h"
#include "cli/teamd_tools.h"
#include "teamd/teamd.h"

namespace uvn::cli {

namespace {

constexpr const char* kTeamdHelp =
    "{} [options]\n"
    "    -h --help                Show this help\n"
    "    -d --daemonize           Daemonize after startup\n"
    "    -k --kill                Kill running daemon instance\n"
    "    -e --check               Return 0 if a daemon is already running\n"
    "    -v --version             Show version\n"
    "    -f --config-file=FILE    Load the specified configuration file\n"
    "    -c --config=TEXT         Use given config string (This causes configuration\n"
    "                             file will be ignored)\n"
    "    -p --pid-file=FILE       Use the specified PID file\n"
    "    -g --debug               Increase verbosity\n"
    "    -l --log-output          Force teamd log output to stdout, stderr or syslog\n"
    "    -r --force-recreate      Force team device recreation in case it\n"
    "                             already exists\n"
    "    -o --take-over           Take over the device if it already exists\n"
    "    -N --no-quit-destroy     Do not destroy the device on quit\n"
    "    -t --team-dev=DEVNAME    Use the specified team device\n"
    "    -n --no-ports            Start without ports\n"
    "    -D --dbus-enable         Enable D-Bus interface\n"
    "    -Z --zmq-enable=ADDRESS  Enable ZeroMQ interface\n"
    "    -U --usock-enable        Enable UNIX domain socket interface\n"
    "    -u --usock-disable       Disable UNIX domain socket interface\n"
    "Available runners: broadcast, roundrobin, random, activebackup, loadbalance, lacp\n";

const std::vector<LongOpt> kTeamdLongs{
    {"help", LongOpt::kNone, 'h'},           {"daemonize", LongOpt::kNone, 'd'},
    {"kill", LongOpt::kNone, 'k'},           {"check", LongOpt::kNone, 'e'},
    {"version", LongOpt::kNone, 'v'},        {"config-file", LongOpt::kRequired, 'f'},
    {"config", LongOpt::kRequired, 'c'},     {"pid-file", LongOpt::kRequired, 'p'},
    {"debug", LongOpt::kNone, 'g'},          {"log-output", LongOpt::kRequired, 'l'},
    {"force-recreate", LongOpt::kNone, 'r'}, {"take-over", LongOpt::kNone, 'o'},
    {"no-quit-destroy", LongOpt::kNone, 'N'}, {"team-dev", LongOpt::kRequired, 't'},
    {"no-ports", LongOpt::kNone, 'n'},       {"dbus-enable", LongOpt::kNone, 'D'},
    {"zmq-enable", LongOpt::kRequired, 'Z'}, {"usock-enable", LongOpt::kNone, 'U'},
    {"usock-disable", LongOpt::kNone, 'u'},
};

enum class Cmd { kRun, kKill, kCheck };

}  // namespace

int teamd_main(Context& ctx, const Args& args, const std::string& prog) {
  auto g = getopt_long(prog, args, "hdkevf:c:p:gl:roNt:nDZ:Uu", kTeamdLongs);
  if (!g.error.empty()) {
    ctx.err += g.error + "\n";
    return 1;
  }
  teamd::TeamdOptions o;
  Cmd cmd = Cmd::kRun;
  std::optional<std::string> file, text;
  for (auto& [c, v] : g.opts) {
    switch (c) {
      case 'h': ctx.out += fmt::format(kTeamdHelp, prog); return 0;
      case 'v': ctx.out += "teamd 1.31\n"; return 0;
      case 'd': o.daemonize = true; break;
      case 'k': cmd = Cmd::kKill; break;
      case 'e': cmd = Cmd::kCheck; break;
      case 'f': file = *v; break;
      case 'c': text = *v; break;
      case 'p': o.pid_file = *v; break;
      case 'g': ++o.debug; break;
      case 'l': o.log_output = *v != "syslog"; break;
      case 'r': o.recreate = true; break;
      case 'o': o.take_over = true; break;
      case 'N': o.no_quit_destroy = true; break;
      case 't': o.device = *v; break;
      case 'n': o.no_ports = true; break;
      case 'D': o.dbus = true; break;
      case 'Z': ctx.err += "ZeroMQ support is not compiled-in\n"; return 1;
      case 'U': o.usock = true; break;
      case 'u': o.usock = false; break;
      default: break;
    }
  }
  if (!g.operands.empty()) {
    ctx.err += "Too many arguments\n";
    return 1;
  }
  // The configuration: -c wins over -f; none is "{}".
  std::string json = "{}";
  if (text) {
    json = *text;
  } else if (file) {
    std::ifstream in(*file);
    if (!in) {
      ctx.err += fmt::format("Failed to get absolute path of \"{}\": {}\n", *file,
                             std::strerror(errno ? errno : ENOENT));
      return 1;
    }
    std::stringstream ss;
    ss << in.rdbuf();
    json = ss.str();
  }
  auto j = teamd::parse_json_text(json);
  if (!j) {
    ctx.err += j.error().message + "\nFailed to load config.\n";
    return 1;
  }
  auto cfg = teamd::config_from_json(*j);
  if (!cfg) {
    ctx.err += cfg.error().message + "\nFailed to load config.\n";
    return 1;
  }
  std::string dev = !o.device.empty() ? o.device : cfg->device;
  if (cmd != Cmd::kRun) {
    if (dev.empty()) {
      ctx.err += "Team device name not specified.\n";
      return 1;
    }
    teamd::Teamd* td = teamd::find_teamd(ctx.world, dev);
    if (cmd == Cmd::kCheck) return td ? 0 : 1;
    if (!td) {
      ctx.err += "Daemon not running\n";
      return 1;
    }
    td->quit();
    ctx.world.end_process("teamd/" + dev);
    return 0;
  }
  if (o.dbus) {
    ctx.err += "D-Bus is not supported by uvn's teamd; the UNIX domain socket interface (-U, "
               "the default) is.\n";
    return 1;
  }
  std::string* log = (!o.daemonize || o.log_output) ? ctx.background : nullptr;
  auto td = teamd::Teamd::start(ctx.world, *ctx.ns, std::move(*cfg), o, log);
  if (!td) {
    // A running daemon is found before forking (the pid file); other failures happen in the
    // daemon, whose parent then says so.
    if (o.daemonize && td.error().code != EBUSY) ctx.err += "Daemon process failed.\n";
    ctx.err += td.error().message + "\n";
    return 1;
  }
  return 0;
}

}  // namespace uvn::cli
