// tun/tap details (`ip -d link` line "tun type tap pi off vnet_hdr off persist on").
// Devices of this kind are made with `ip tuntap` (cli/ip_tuntap.cc), not `ip link add`.
#include <fmt/format.h>

#include "cli/link_kind.h"
#include "dev/tap/tap.h"

namespace uvn::cli {

namespace {
std::string_view onoff(bool b) { return b ? "on" : "off"; }
}  // namespace

extern const LinkKind kLinkTun{
    .kind = "tun",
    .parse = nullptr,
    .print_text =
        [](const Device& d, std::string& s) {
          const auto& o = static_cast<const TapDevice&>(d).options();
          s += fmt::format("type {} pi {} vnet_hdr {} ", o.tap ? "tap" : "tun", onoff(o.pi),
                           onoff(o.vnet_hdr));
          if (o.multi_queue) s += "multi_queue ";
          s += fmt::format("persist {} ", onoff(o.persist));
          if (o.user >= 0) s += fmt::format("user {} ", o.user);
          if (o.group >= 0) s += fmt::format("group {} ", o.group);
        },
    .print_json =
        [](const Device& d, JsonWriter& jw) {
          const auto& o = static_cast<const TapDevice&>(d).options();
          jw.member("type", o.tap ? "tap" : "tun");
          jw.member("pi", o.pi);
          jw.member("vnet_hdr", o.vnet_hdr);
          jw.member("multi_queue", o.multi_queue);
          jw.member("persist", o.persist);
          if (o.user >= 0) jw.member("user", int64_t(o.user));
          if (o.group >= 0) jw.member("group", int64_t(o.group));
        },
    .tso_max_size = 65536,
};

}  // namespace uvn::cli
