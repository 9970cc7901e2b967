// cat: prints the files of /proc/net/vlan (sim/proc_vlan.h) and /proc/net/bonding
// (sim/proc_bonding.h) of the namespace it runs in; the only files uvn's cat knows. Several files are printed in order; as with coreutils' cat, a
// file that cannot be read gives `cat: PATH: REASON` on stderr, the others are still printed,
// and the exit status is 1.
#include <fmt/format.h>

#include <optional>
#include <string>

#include "base/strings.h"
#include "sim/proc_bonding.h"
#include "sim/proc_vlan.h"
#include "sim/tools/tool.h"

namespace uvn::sim {

namespace {

constexpr std::string_view kVlanDir = "/proc/net/vlan";
constexpr std::string_view kBondingDir = "/proc/net/bonding";

// Prints PATH to `out`, or returns the reason it cannot be read.
std::optional<std::string> cat_one(const Netns& ns, const std::string& path, std::string& out) {
  std::string_view dir;
  for (std::string_view d : {kVlanDir, kBondingDir}) {
    if (path == d || path == std::string(d) + "/") return "Is a directory";
    if (starts_with(path, std::string(d) + "/")) dir = d;
  }
  if (dir.empty())
    return "uvn's cat only knows /proc/net/vlan (config and one file per VLAN device) and "
           "/proc/net/bonding (one file per bond)";
  std::string rest = path.substr(dir.size() + 1);
  std::string first = rest.substr(0, rest.find('/'));
  std::optional<std::string> text;
  if (dir == kBondingDir)
    text = proc_bonding(ns, first);
  else if (first == "config")
    text = proc_vlan_config(ns);
  else
    text = proc_vlan_device(ns, first);
  if (!text) return "No such file or directory";
  // config/ or DEV/ names a plain file as a directory.
  if (first.size() != rest.size()) return "Not a directory";
  out += *text;
  return std::nullopt;
}

}  // namespace

int cat_main(ToolEnv& env, const Args& args) {
  if (args.size() < 2) {
    env.err +=
        "cat: uvn's cat reads no standard input: give /proc/net/vlan/config, "
        "/proc/net/vlan/DEV or /proc/net/bonding/BOND\n";
    return 1;
  }
  int rc = 0;
  for (size_t i = 1; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a.size() > 1 && a[0] == '-') {
      env.err += fmt::format(
          "cat: uvn's cat takes no options (\"{}\"): it only prints "
          "/proc/net/vlan and /proc/net/bonding files\n",
          a);
      return 1;
    }
  }
  for (size_t i = 1; i < args.size(); ++i)
    if (auto why = cat_one(env.ns, args[i], env.out)) {
      env.err += fmt::format("cat: {}: {}\n", args[i], *why);
      rc = 1;
    }
  return rc;
}

}  // namespace uvn::sim
