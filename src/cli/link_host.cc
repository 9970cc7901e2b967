// host: `ip link add NAME type host [dev KIF]` adopts kernel interface KIF (default NAME) of
// the matching kernel namespace as a uvn port (live mode, live/adopter.h). Not a Linux kind:
// uvn's own word for "this port is a real interface". Like a physical NIC, the device shows
// no kind in `ip -d link show`.
#include "cli/ip_errors.h"
#include "cli/ip_link.h"
#include "cli/link_kind.h"

namespace uvn::cli {

namespace {

int host_usage(Context& ctx) {
  ctx.err += "Usage: ip link add NAME type host [ dev KERNEL_IFNAME ]\n";
  return 1;
}

int host_parse(Context& ctx, ArgIt it, ArgIt end, ctl::LinkAddRequest& req) {
  while (it != end) {
    if (*it == "dev") {
      if (++it == end) return host_usage(ctx);
      if (req.host_dev) return duparg(ctx, "dev", *it);
      if (!ctl::valid_ifname(*it)) return invarg(ctx, "not a valid ifname", *it);
      req.host_dev = *it;
    } else if (*it == "help") {
      return host_usage(ctx);
    } else {
      ctx.err += "host: unknown option \"" + *it + "\"\n";
      return host_usage(ctx);
    }
    ++it;
  }
  return 0;
}

}  // namespace

extern const LinkKind kLinkHost{
    .kind = "host", .parse = host_parse, .print_text = nullptr, .print_json = nullptr};

}  // namespace uvn::cli
