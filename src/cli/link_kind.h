// Per-kind pieces of the `ip link` grammar and printer, one file per kind as iproute2 has
// (link_veth.cc, link_tun.cc, ...): the `type KIND ARGS` parser for `ip link add/set`, and
// the `-d` line (text) / linkinfo.info_data (JSON).
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "cli/context.h"
#include "cli/json_writer.h"
#include "ctl/link.h"

namespace uvn::cli {

struct LinkKind {
  std::string_view kind;
  // Parses ARGS after `type KIND` into the request; returns the exit status on error (and
  // writes the message), or 0. May be null: the kind takes no arguments.
  std::function<int(Context&, Args::const_iterator, Args::const_iterator, ctl::LinkAddRequest&)>
      parse;
  // Prints the kind's -d details after "KIND " (text), or its info_data members (JSON).
  std::function<void(const Device&, std::string&)> print_text;
  std::function<void(const Device&, JsonWriter&)> print_json;
  // tso_max_size the kernel reports for this kind.
  uint32_t tso_max_size = 524280;
};

const LinkKind* find_link_kind(std::string_view kind);

}  // namespace uvn::cli
