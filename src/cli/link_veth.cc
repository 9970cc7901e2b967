// veth: `type veth [peer [name] NAME [generic link options]]`. No -d details of its own.
#include "cli/ip_errors.h"
#include "cli/ip_link.h"
#include "cli/link_kind.h"

namespace uvn::cli {

namespace {

int veth_usage(Context& ctx) {
  ctx.out +=
      "Usage: ip link <options> type veth [peer <options>]\n"
      "To get <options> type 'ip link add help'\n";
  return 1;
}

int veth_parse(Context& ctx, ArgIt it, ArgIt end, ctl::LinkAddRequest& req) {
  if (it == end) return 0;
  if (*it != "peer") return veth_usage(ctx);
  ++it;
  ParsedLink peer;
  if (int rc = parse_link_args(ctx, it, end, peer, true)) return rc;
  if (peer.has_type) return veth_usage(ctx);
  if (!peer.dev.empty()) {
    if (peer.spec.name) return duparg2(ctx, "name", peer.dev);
    peer.spec.name = peer.dev;
  }
  req.peer = peer.spec;
  return 0;
}

}  // namespace

extern const LinkKind kLinkVeth{
    .kind = "veth", .parse = veth_parse, .print_text = nullptr, .print_json = nullptr};

}  // namespace uvn::cli
