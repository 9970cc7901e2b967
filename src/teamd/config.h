// teamd's JSON configuration (teamd.conf(5), libteam 1.31), parsed and checked whole before a
// daemon uses any of it: syntax (duplicate keys refused, as jansson does), types and values
// of every key teamd reads. The original text stays in `raw` (with what teamd writes back:
// the device name, the activebackup defaults of notify_peers/mcast_rejoin, a port's implicit
// ethtool watcher), since `teamdctl config dump` shows that document, unknown keys included.
//
// Where it differs from teamd, on purpose: teamd treats a key of the wrong type as absent
// and never names a JSON path; uvn refuses it and every message starts with the path
// (`runner.tx_hash[1]: Hash frag named "foo" not found.`), keeping teamd's own wording after
// the path where teamd has one. `link_watch_policy` (not read by teamd, which is always
// "any") is accepted as an extension: `all` makes a port's link up only while every watcher
// on it is up.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/ip.h"
#include "base/mac.h"
#include "base/result.h"

namespace uvn::teamd {

using Json = nlohmann::json;

struct WatchConfig {
  std::string name;  // ethtool, arp_ping, nsna_ping, tipc
  // ethtool (ms).
  int delay_up = 0, delay_down = 0;
  // arp_ping / nsna_ping.
  int interval = 1000, init_wait = 0, missed_max = 3;
  Ipv4Addr source_host;
  std::string target_host_text;  // as configured (shown in the state)
  IpAddr target_host;
  bool validate_active = false, validate_inactive = false, send_always = false;
  std::optional<uint16_t> vlanid;
  std::string tipc_bearer;
};

struct PortConfig {
  std::optional<uint32_t> queue_id;
  int prio = 0;
  bool sticky = false;
  int lacp_prio = 255, lacp_key = 0;
  std::vector<WatchConfig> link_watch;  // the port's own, before the global ones
};

inline constexpr const char* kRunnerNames[] = {"broadcast", "roundrobin", "random",
                                               "activebackup", "loadbalance", "lacp"};

struct Config {
  Json raw = Json::object();
  std::string device;  // "" = not given
  std::optional<MacAddr> hwaddr;
  int debug_level = 0;
  std::string runner = "roundrobin";
  int notify_peers_count = 0, notify_peers_interval = 0;
  int mcast_rejoin_count = 0, mcast_rejoin_interval = 0;
  std::vector<WatchConfig> link_watch;
  bool link_watch_all = false;  // link_watch_policy "all" (extension)
  std::map<std::string, PortConfig> ports;
  // activebackup.
  std::string hwaddr_policy = "same_all";
  // loadbalance and lacp.
  std::vector<std::string> tx_hash{"eth", "ipv4", "ipv6"};
  bool tx_balancer = false;
  int balancing_interval = 50;  // tenths of a second
  // lacp.
  bool active = true, fast_rate = false;
  int sys_prio = 65535, min_ports = 1;
  std::string agg_select_policy = "lacp_prio";
};

// Parses JSON text as teamd's config loader does (duplicate keys refused). The error's
// message is teamd's "Failed to parse config: ..." line.
Result<Json> parse_json_text(std::string_view text, std::string_view what = "config");
// Checks a whole document and builds the Config (raw = j). Messages start with the path.
Result<Config> config_from_json(const Json& j);
// One port's object (`ports.NAME`, or what `teamdctl port config update` sends), checked.
Result<PortConfig> port_config_from_json(const Json& j, const std::string& path);

}  // namespace uvn::teamd
