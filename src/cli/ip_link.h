// `ip link`: add, set, delete, show; and the generic link-argument parser that `ip link add`,
// `ip link set` and veth's `peer` share (iproute2's iplink_parse). Keywords are matched by
// prefix in iproute2's order, so `ip link add a type veth` reads `a` as `address`, as the
// real tool does.
#pragma once

#include "cli/context.h"
#include "ctl/link.h"

namespace uvn::cli {

using ArgIt = Args::const_iterator;

struct ParsedLink {
  ctl::LinkSpec spec;
  std::string dev;            // positional name or `dev NAME`
  std::string link;           // `link DEV` (the lower of a stacked kind)
  std::string kind;           // after `type`
  ArgIt kind_args, kind_end;  // the arguments after `type KIND`
  bool has_type = false;
};

// Parses generic link arguments up to the end or up to `type KIND` (whose arguments are left
// in kind_args..kind_end). Returns 0 or an exit status (message written).
int parse_link_args(Context& ctx, ArgIt it, ArgIt end, ParsedLink& out, bool is_add);

// Parses a link-layer address as iproute2's ll_addr_a2n: hex bytes separated by colons, of
// any count up to kMaxLladdrLen. Writes its message on error.
constexpr size_t kMaxLladdrLen = 32;
int parse_lladdr_bytes(Context& ctx, std::string_view s, std::vector<uint8_t>& out);
// The same, for a 6-byte MAC (`ip link ... address`).
int parse_lladdr(Context& ctx, std::string_view s, MacAddr& out);

// `type vlan ARGS` (link_vlan.cc), for ip link add and ip link set.
int vlan_parse_args(Context& ctx, ArgIt it, ArgIt end, ctl::VlanArgs& a);

int ip_link(Context& ctx, ArgIt it, ArgIt end);
int ip_link_show(Context& ctx, ArgIt it, ArgIt end);
// `ip link xstats type TYPE [ARGS]`, `ip link afstats [dev DEV]` (ip_link_xstats.cc).
int ip_link_xstats(Context& ctx, ArgIt it, ArgIt end);
int ip_link_afstats(Context& ctx, ArgIt it, ArgIt end);

}  // namespace uvn::cli
