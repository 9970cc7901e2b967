// bond2team: converts a bond's options (as `ip link add ... type bond` or BONDING_OPTS spell
// them) into a teamd JSON config, and back (a uvn extension: `bond2team --reverse`).
//
// The forward mapping follows the facts of libteam's bond2team script (version 0.97, as
// Debian ships it): mode -> runner.name, miimon/updelay/downdelay -> an ethtool watcher,
// arp_interval/arp_ip_target/arp_validate -> arp_ping, lacp_rate -> fast_rate, ad_select
// stable|bandwidth -> "bandwidth" and count -> "count", min_links -> min_ports,
// fail_over_mac none|active|follow -> hwaddr_policy same_all|by_active|only_active,
// layer2|layer2+3|layer3+4 -> tx_hash [eth]|[eth,l3]|[l3,l4]. Option names and values are
// uvn's bond table (dev/bond/bond_options.h): names or kernel indices.
//
// Where it differs from the script, on purpose: the output is valid JSON (booleans where
// teamd.conf(5) wants them); every arp_ip_target gets its own arp_ping watcher (the script
// refuses more than one) and ns_ip6_target gets nsna_ping watchers; missed_max carries
// arp_missed_max; the hashing modes always get tx_hash (the bond's layer2 default differs from
// teamd's); balance-tlb/alb get tx_balancer "basic", and alb converts with a warning (no
// receive balancing in team) instead of failing; num_grat_arp/num_unsol_na/peer_notify_delay
// -> notify_peers and resend_igmp -> mcast_rejoin instead of aborting; the primary port gets
// prio 100 and the others none (the script writes -10/-100 and a sticky flag on every port);
// primary_reselect failure makes every port sticky, better converts as always with a warning;
// updelay/downdelay are rounded down to miimon multiples as the kernel stores them; options the
// bond ignores in the given mode are dropped with a warning; unknown options are errors. The
// ethtool watcher has no polling interval, so miimon's value itself is not carried.
//
// The reverse picks the closest bond for a teamd config: roundrobin|random -> balance-rr,
// activebackup -> active-backup, broadcast, loadbalance -> balance-xor (balance-tlb with a
// tx_balancer), lacp -> 802.3ad; ethtool -> miimon 100 with the delays rounded to multiples
// of 100 ms; arp_ping/nsna_ping -> arp_interval, arp_ip_target, ns_ip6_target,
// arp_missed_max, arp_validate; the highest unique port prio in activebackup -> primary,
// non-primary ports all sticky -> primary_reselect failure. Options equal to the bond's
// defaults are left out (mode always, and miimon when the ethtool watcher is chosen).
// Whatever has no bond equivalent becomes a warning.
//
// bond2team_main takes the script's command line minus the ifcfg handling: --configdir,
// --outputdir and --ifcfg are refused (uvn reads no ifcfg files), output is always the JSON
// on stdout (--json and --stdout are accepted for compatibility), and --rename names the team
// device.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "base/result.h"

namespace uvn::cli {

// (name, value) in bond spelling: {"mode","active-backup"}, {"arp_ip_target","10.0.0.1,10.0.0.2"}.
using BondOptList = std::vector<std::pair<std::string, std::string>>;

struct TeamdFromBond {
  nlohmann::ordered_json config;  // device, runner, link_watch, notify_peers, mcast_rejoin, ports
  std::vector<std::string> warnings;
};

struct BondFromTeamd {
  std::string device;              // the config's "device", empty when absent
  BondOptList opts;                // `ip link add NAME type bond` option order
  std::vector<std::string> ports;  // by prio, highest first (the primary first)
  std::vector<std::string> warnings;
};

// Bond options (later ones win, as the kernel applies them) plus port names to a teamd
// config for `device`. Errors name the option: `mode: invalid value "foo"`.
Result<TeamdFromBond> bond_opts_to_teamd(const BondOptList& opts,
                                         const std::vector<std::string>& ports,
                                         const std::string& device);

// A teamd config to bond options. Errors name the JSON path: `runner.name: unknown runner "foo"`.
Result<BondFromTeamd> teamd_to_bond_opts(const nlohmann::json& config);
Result<BondFromTeamd> teamd_to_bond_opts(const nlohmann::ordered_json& config);

// "mode=1 miimon=100" (BONDING_OPTS / --bonding_opts) to a list; a word without '=' is an error.
Result<BondOptList> parse_bonding_opts(const std::string& text);

// `bond2team ARGS...` (without argv[0]). Output on `out` only on success; warnings and
// errors on `err`. Returns the exit status.
int bond2team_main(const std::vector<std::string>& args, std::string& out, std::string& err);

}  // namespace uvn::cli
