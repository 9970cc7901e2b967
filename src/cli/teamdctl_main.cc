// `teamdctl`: libteam 1.31's client (teamdctl(8)); commands by prefix at each level, in the
// help's order; the request/reply bytes of teamd/usock.h; output formats in
// cli/teamdctl_view.h.
#include <fmt/format.h>

#include "cli/getopt.h"
#include "cli/teamd_tools.h"
#include "cli/teamdctl_view.h"
#include "teamd/teamd.h"

namespace uvn::cli {

namespace {

constexpr const char* kHelp =
    "teamdctl [options] teamdevname command [command args]\n"
    "    -h --help                Show this help\n"
    "    -v --verbose             Increase output verbosity\n"
    "    -o --oneline             Force output to one line if possible\n"
    "    -D --force-dbus          Force to use D-Bus interface\n"
    "    -Z --force-zmq=ADDRESS   Force to use ZeroMQ interface [-Z[Address]]\n"
    "    -U --force-usock         Force to use UNIX domain socket interface\n"
    "Commands:\n"
    "    config dump\n"
    "    config dump noports\n"
    "    config dump actual\n"
    "    state\n"
    "    state dump\n"
    "    state view\n"
    "    state item get ITEMPATH\n"
    "    state item set ITEMPATH VALUE\n"
    "    port add PORTDEV\n"
    "    port remove PORTDEV\n"
    "    port present PORTDEV\n"
    "    port config update PORTDEV PORTCONFIG\n"
    "    port config dump PORTDEV\n";

const std::vector<LongOpt> kLongs{
    {"help", LongOpt::kNone, 'h'},       {"verbose", LongOpt::kNone, 'v'},
    {"oneline", LongOpt::kNone, 'o'},    {"force-dbus", LongOpt::kNone, 'D'},
    {"force-zmq", LongOpt::kRequired, 'Z'}, {"force-usock", LongOpt::kNone, 'U'},
};

enum class Action {
  kNone,
  kConfigDump,
  kConfigDumpNoports,
  kConfigDumpActual,
  kStateView,
  kStateDump,
  kItemGet,
  kItemSet,
  kPortAdd,
  kPortRemove,
  kPortPresent,
  kPortConfigUpdate,
  kPortConfigDump,
};

struct Node {
  const char* word;
  Action action;
  std::vector<const char*> params;
  std::vector<Node> children;
};

const Node& command_tree() {
  static const Node root{
      "",
      Action::kNone,
      {},
      {{"config",
        Action::kNone,
        {},
        {{"dump",
          Action::kConfigDump,
          {},
          {{"noports", Action::kConfigDumpNoports, {}, {}},
           {"actual", Action::kConfigDumpActual, {}, {}}}}}},
       {"state",
        Action::kStateView,
        {},
        {{"dump", Action::kStateDump, {}, {}},
         {"view", Action::kStateView, {}, {}},
         {"item",
          Action::kNone,
          {},
          {{"get", Action::kItemGet, {"ITEMPATH"}, {}},
           {"set", Action::kItemSet, {"ITEMPATH", "VALUE"}, {}}}}}},
       {"port",
        Action::kNone,
        {},
        {{"add", Action::kPortAdd, {"PORTDEV"}, {}},
         {"remove", Action::kPortRemove, {"PORTDEV"}, {}},
         {"present", Action::kPortPresent, {"PORTDEV"}, {}},
         {"config",
          Action::kNone,
          {},
          {{"update", Action::kPortConfigUpdate, {"PORTDEV", "PORTCONFIG"}, {}},
           {"dump", Action::kPortConfigDump, {"PORTDEV"}, {}}}}}}}};
  return root;
}

// The command words: the action and its parameters, or the error line.
struct Parsed {
  Action action = Action::kNone;
  std::vector<std::string> params;
  std::string error;
};

Parsed parse_command(const std::vector<std::string>& words) {
  const Node* n = &command_tree();
  size_t i = 0;
  for (;;) {
    if (i < words.size()) {
      const Node* next = nullptr;
      for (auto& c : n->children)
        if (std::string_view(c.word).substr(0, words[i].size()) == words[i] && !words[i].empty()) {
          next = &c;
          break;
        }
      if (next) {
        n = next;
        ++i;
        continue;
      }
      if (n->action == Action::kNone)
        return Parsed{Action::kNone, {}, fmt::format("Unknown command \"{}\".", words[i])};
    }
    if (n->action == Action::kNone) return Parsed{Action::kNone, {}, "None or incomplete command"};
    Parsed p;
    p.action = n->action;
    for (auto* param : n->params) {
      if (i >= words.size())
        return Parsed{Action::kNone, {}, fmt::format("Command line parameter \"{}\" expected.", param)};
      p.params.push_back(words[i++]);
    }
    return p;  // extra words are ignored, as teamdctl does
  }
}

// One request over the control protocol: the bytes go through the codec both ways.
std::optional<teamd::Reply> call(teamd::Teamd& td, const std::string& method,
                                 std::vector<std::string> args) {
  auto req = teamd::parse_request(teamd::encode_request({method, std::move(args)}));
  if (!req) return std::nullopt;
  teamd::Reply r = td.handle(*req);
  if (!r.ok && r.code.empty()) return std::nullopt;  // teamd answers nothing
  return teamd::parse_reply(teamd::encode_reply(r));
}

int call_failed(Context& ctx, const teamd::Reply& r) {
  ctx.err += fmt::format(
      "libteamdctl: cli_usock_process_msg: usock: Error message received: \"{}\"\n"
      "libteamdctl: cli_usock_process_msg: usock: Error message content: \"{}\"\n"
      "command call failed (Invalid argument)\n",
      r.code, r.message);
  return 1;
}

}  // namespace

int teamdctl_main(Context& ctx, const Args& args) {
  auto g = getopt_long("teamdctl", args, "hvoDZ:U", kLongs);
  if (!g.error.empty()) {
    ctx.err += g.error + "\nunknown option.\n";
    ctx.out += kHelp;
    return 1;
  }
  int verbose = 0;
  bool oneline = false;
  int forced = 0;
  bool dbus = false, zmq = false;
  for (auto& [c, v] : g.opts) {
    switch (c) {
      case 'h': ctx.out += kHelp; return 0;
      case 'v': ++verbose; break;
      case 'o': oneline = true; break;
      case 'D': ++forced; dbus = true; break;
      case 'Z': ++forced; zmq = true; break;
      case 'U': ++forced; break;
      default: break;
    }
  }
  if (forced > 1) {
    ctx.err += "Only one interface could be forced at a time (UNIX domain socket, D-Bus, ZMQ).\n";
    ctx.out += kHelp;
    return 1;
  }
  if (zmq) {
    ctx.err += "ZeroMQ support is not compiled-in\n";
    return 1;
  }
  if (g.operands.empty()) {
    ctx.err += "No team device specified.\n";
    ctx.out += kHelp;
    return 1;
  }
  const std::string dev = g.operands[0];
  Parsed cmd = parse_command({g.operands.begin() + 1, g.operands.end()});
  if (!cmd.error.empty()) {
    ctx.err += cmd.error + "\n";
    ctx.out += kHelp;
    return 1;
  }
  if (!ctx.ns->find(dev)) {
    ctx.err += fmt::format("Device \"{}\" does not exist\n", dev);
    return 1;
  }
  if (dbus) {
    ctx.err += "D-Bus is not supported by uvn's teamd; use the UNIX domain socket interface "
               "(the default).\n";
    return 1;
  }
  teamd::Teamd* td = teamd::find_teamd(ctx.world, dev);
  if (!td || !td->options().usock) {
    ctx.err += "libteamdctl: teamdctl_connect: Failed to connect using all CLIs.\n"
               "teamdctl_connect failed (Invalid argument)\n";
    return 1;
  }
  // What teamdctl asks on connecting, cached for the commands that only read.
  nlohmann::json config, config_actual, state;
  for (auto [method, out] : {std::pair{"ConfigDump", &config},
                             std::pair{"ConfigDumpActual", &config_actual},
                             std::pair{"StateDump", &state}}) {
    auto r = call(*td, method, {});
    if (!r) return 1;
    if (!r->ok) return call_failed(ctx, *r);
    *out = nlohmann::json::parse(r->payload, nullptr, false);
  }
  if (!config.contains("device") || !config["device"].is_string()) {
    ctx.err += "Failed to parse device name from config.\n";
    return 1;
  }
  if (config["device"] != dev) {
    ctx.err += fmt::format(
        "Unable to access to {} through connected teamd daemon because it controls {}.\n", dev,
        config["device"].get<std::string>());
    return 1;
  }
  auto simple = [&](const char* method, std::vector<std::string> a) {
    auto r = call(*td, method, std::move(a));
    if (!r) return 1;
    if (!r->ok) return call_failed(ctx, *r);
    return 0;
  };
  switch (cmd.action) {
    case Action::kConfigDump: ctx.out += teamd_json_dump(config, oneline); return 0;
    case Action::kConfigDumpNoports:
      config.erase("ports");
      ctx.out += teamd_json_dump(config, oneline);
      return 0;
    case Action::kConfigDumpActual: ctx.out += teamd_json_dump(config_actual, oneline); return 0;
    case Action::kStateDump: ctx.out += teamd_json_dump(state, oneline); return 0;
    case Action::kStateView: {
      ViewResult v = teamdctl_state_view(state, verbose);
      ctx.out += v.out;
      if (!v.ok) {
        ctx.err += v.err + "command call failed (Invalid argument)\n";
        return 1;
      }
      return 0;
    }
    case Action::kItemGet: {
      auto r = call(*td, "StateItemValueGet", {cmd.params[0]});
      if (!r) return 1;
      if (!r->ok) return call_failed(ctx, *r);
      ctx.out += r->payload + "\n";
      return 0;
    }
    case Action::kItemSet: return simple("StateItemValueSet", cmd.params);
    case Action::kPortAdd: return simple("PortAdd", cmd.params);
    case Action::kPortRemove: return simple("PortRemove", cmd.params);
    case Action::kPortPresent:
      if (!state.contains("ports") || !state["ports"].contains(cmd.params[0])) {
        ctx.err += "command call failed (No such device)\n";
        return 1;
      }
      return 0;
    case Action::kPortConfigUpdate: return simple("PortConfigUpdate", cmd.params);
    case Action::kPortConfigDump: {
      auto r = call(*td, "PortConfigDump", {cmd.params[0]});
      if (!r) return 1;
      if (!r->ok) return call_failed(ctx, *r);
      ctx.out += teamd_json_dump(nlohmann::json::parse(r->payload, nullptr, false), oneline);
      return 0;
    }
    case Action::kNone: break;
  }
  return 1;
}

}  // namespace uvn::cli
