#include "live/kernel_l3.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "sys/process.h"

namespace uvn::live {

namespace {

using nlohmann::json;

json parse_or_empty(const std::string& s) {
  json j = json::parse(s, nullptr, false);
  return j.is_array() ? j : json::array();
}

std::string str(const json& o, const char* key) {
  auto it = o.find(key);
  return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
}

void addr_lines(const std::string& netns, const std::set<std::string>& devices, const json& links,
                std::vector<std::string>& out) {
  for (const json& l : links) {
    std::string dev = str(l, "ifname");
    if (!devices.count(dev) || !l.contains("addr_info")) continue;
    for (const json& a : l["addr_info"]) {
      std::string scope = str(a, "scope");
      if (scope != "global" && scope != "site") continue;
      if (!a.contains("prefixlen") || !a["prefixlen"].is_number()) continue;
      std::string fam = str(a, "family") == "inet6" ? "-6 " : "";
      out.push_back(fmt::format("ip -n {} {}addr add {}/{} dev {}", netns, fam, str(a, "local"),
                                a["prefixlen"].get<int>(), dev));
    }
  }
}

void route_lines(const std::string& netns, const std::set<std::string>& devices, const json& routes,
                 bool v6, std::vector<std::string>& out) {
  for (const json& r : routes) {
    std::string proto = str(r, "protocol"), dev = str(r, "dev"), type = str(r, "type");
    if (!proto.empty() && proto != "boot" && proto != "static") continue;
    if (!type.empty() && type != "unicast") continue;
    if (!dev.empty() && !devices.count(dev)) continue;
    std::string line = fmt::format("ip -n {} {}route add {}", netns, v6 ? "-6 " : "", str(r, "dst"));
    if (std::string gw = str(r, "gateway"); !gw.empty()) line += " via " + gw;
    if (!dev.empty()) line += " dev " + dev;
    if (r.contains("metric") && r["metric"].is_number() && (!v6 || r["metric"] != 1024))
      line += fmt::format(" metric {}", r["metric"].get<long>());
    out.push_back(line);
  }
}

}  // namespace

std::vector<std::string> kernel_l3_from_json(const std::string& netns,
                                             const std::set<std::string>& devices,
                                             const std::string& addr_json,
                                             const std::string& route4_json,
                                             const std::string& route6_json) {
  std::vector<std::string> out;
  addr_lines(netns, devices, parse_or_empty(addr_json), out);
  route_lines(netns, devices, parse_or_empty(route4_json), false, out);
  route_lines(netns, devices, parse_or_empty(route6_json), true, out);
  return out;
}

std::vector<std::string> kernel_l3_commands(const std::string& netns,
                                            const std::set<std::string>& devices) {
  std::string ip = sys::system_ip(), a, r4, r6, err;
  (void)sys::run_program({ip, "-n", netns, "-j", "addr", "show"}, a, err);
  (void)sys::run_program({ip, "-n", netns, "-j", "-4", "route", "show"}, r4, err);
  (void)sys::run_program({ip, "-n", netns, "-j", "-6", "route", "show"}, r6, err);
  return kernel_l3_from_json(netns, devices, a, r4, r6);
}

}  // namespace uvn::live
