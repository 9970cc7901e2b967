// tun/tap details (`ip -d link` line "tun type tap pi off vnet_hdr off persist on"), printed
// from the kind's option table (dev/tap/tap.cc). Devices of this kind are made with
// `ip tuntap` (cli/ip_tuntap.cc), not `ip link add`.
#include "cli/link_kind.h"
#include "cli/link_options.h"

namespace uvn::cli {

extern const LinkKind kLinkTun{
    .kind = "tun",
    .parse = nullptr,
    .print_text = [](const Device& d, std::string& s) { options_text(*d.kind_options(), s); },
    .print_json = [](const Device& d, JsonWriter& jw) { options_json(*d.kind_options(), jw); },
    .tso_max_size = 65536,
};

}  // namespace uvn::cli
