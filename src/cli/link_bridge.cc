// bridge: `type bridge [OPTIONS]` for ip link add/set, and the -d printers for the bridge
// (its option table with the STP/FDB status fields) and for its ports (bridge_slave).
#include "cli/link_bridge.h"

#include "cli/bridge_port_args.h"
#include "cli/link_kind.h"
#include "cli/link_options.h"
#include "dev/bridge/bridge.h"

namespace uvn::cli {

namespace {

const BridgePort* port_of(const Device& dev) {
  auto* br = dynamic_cast<const BridgeDevice*>(dev.master());
  if (!br) return nullptr;
  br->kind_options();  // refresh the status fields
  return br->port_of(dev);
}

}  // namespace

bool bridge_slave_text(const Device& dev, std::string& out) {
  const BridgePort* p = port_of(dev);
  if (!p) return false;
  std::string opts;
  options_text(const_cast<BridgePort*>(p)->options(), opts);
  if (p->backup_port) {
    // iproute2 prints backup_port after "locked off".
    auto pos = opts.find("mab ");
    std::string ins = "backup_port " + p->backup_port->dev().name() + " ";
    if (pos != std::string::npos) opts.insert(pos, ins);
  }
  out += opts;
  return true;
}

bool bridge_slave_json(const Device& dev, JsonWriter& jw) {
  const BridgePort* p = port_of(dev);
  if (!p) return false;
  options_json(const_cast<BridgePort*>(p)->options(), jw);
  if (p->backup_port) jw.member("backup_port", p->backup_port->dev().name());
  return true;
}

extern const LinkKind kLinkBridge{
    .kind = "bridge",
    .parse =
        [](Context& ctx, Args::const_iterator it, Args::const_iterator end,
           ctl::LinkAddRequest& req) { return parse_bridge_args(ctx, it, end, req.link.bridge_opts); },
    .print_text = [](const Device& d, std::string& s) { options_text(*d.kind_options(), s); },
    .print_json = [](const Device& d, JsonWriter& jw) { options_json(*d.kind_options(), jw); },
    .tso_max_size = 65536,
};

}  // namespace uvn::cli
