// The bond's pieces of the `ip link` grammar and printers (link_bond.cc): `type bond`,
// `type bond_slave`, the bond_slave -d line, and the help texts of `ip link help bond|bond_slave`.
#pragma once

#include <string>
#include <string_view>

#include "cli/ip_link.h"
#include "cli/json_writer.h"

namespace uvn::cli {

int bond_parse_args(Context& ctx, ArgIt it, ArgIt end, ctl::BondArgs& a);
int bond_slave_parse_args(Context& ctx, ArgIt it, ArgIt end, ctl::BondSlaveArgs& a);
void bond_text(const Device& dev, std::string& s);
void bond_json(const Device& dev, JsonWriter& jw);
// The slave's fields after "bond_slave " (false when `dev` is no bond slave).
bool bond_slave_text(const Device& dev, std::string& s);
bool bond_slave_json(const Device& dev, JsonWriter& jw);
// `ip link xstats type bond|bond_slave [802.3ad] [dev DEV]`: the LACPDU and marker counters of
// each bond (the sum over its slaves) or each bond slave, in ifindex order.
int bond_xstats(Context& ctx, ArgIt it, ArgIt end, bool slave);
// Usage text of a kind that has one here ("bond", "bond_slave"), or empty.
std::string_view link_kind_help(std::string_view kind);

}  // namespace uvn::cli
