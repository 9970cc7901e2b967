// Fuzzes the `ip` and `bridge` command layers (cli/ and ctl/): every line of the input is one
// command (words split on spaces and tabs; a leading "ip" is optional, a leading "bridge"
// makes it a `bridge` command), run in order against a fresh simulated world with a second
// namespace, a veth pair across the two, addresses, a tap and a VLAN-aware bridge with two
// ports. Any exit status and any message are fine; a crash, a sanitizer report or a hang is
// not. After the commands every namespace is listed in every format (ip and bridge), so the
// printers run over whatever state the commands left.
//
// UVN_FUZZ_VERBOSE=1 in the environment prints every command with its status and output (to
// read what a crashing input did).
//
// Left out, because they leave the command layer: -batch (reads a file), `netns exec`
// (runs tools; there is no command runner here, so it fails cleanly).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "base/strings.h"
#include "cli/bridge.h"
#include "cli/ip.h"
#include "world/netns.h"
#include "world/world.h"

namespace {

constexpr size_t kMaxInput = 8192;
constexpr size_t kMaxLines = 64;
constexpr size_t kMaxWords = 48;

std::vector<std::string> split_words(std::string_view line) {
  std::vector<std::string> words;
  std::string cur;
  for (char c : line) {
    if (c == ' ' || c == '\t' || c == '\r') {
      if (!cur.empty()) words.push_back(std::move(cur)), cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) words.push_back(std::move(cur));
  if (!words.empty() && words[0] == "ip") words.erase(words.begin());
  return words;
}

// Whether the line could name -batch (or a prefix of it, as ip matches options) and so read
// a file (/dev/stdin would block). Any such word disqualifies the line, wherever it is: the
// global options take arguments (-n NAME, -family F), so "where they end" is ip's business.
bool reads_file(const std::vector<std::string>& words) {
  for (const std::string& w : words) {
    if (w.size() < 2 || w[0] != '-') continue;
    std::string opt = w.size() > 2 && w[1] == '-' ? w.substr(1) : w;
    if (uvn::matches(opt, "-batch")) return true;
  }
  return false;
}

bool verbose() {
  static const bool v = std::getenv("UVN_FUZZ_VERBOSE") != nullptr;
  return v;
}

struct Sim {
  std::string background;  // `ip monitor` output; outlives the world's subscribers
  uvn::World world{1};

  int ip(uvn::Netns& ns, std::vector<std::string> args) {
    std::string out, err;
    uvn::cli::Context ctx{world, &ns, out, err, nullptr, {}, &background};
    const bool bridge = !args.empty() && args[0] == "bridge";
    if (bridge) args.erase(args.begin());
    int rc = bridge ? uvn::cli::bridge_main(ctx, args) : uvn::cli::ip_main(ctx, args);
    if (verbose()) {
      std::fprintf(stderr, "$ ip%s%s [%s] -> %d\n%s%s", ns.is_init() ? "" : " -n ",
                   ns.name().c_str(), uvn::join(args, " ").c_str(), rc, out.c_str(), err.c_str());
    }
    // Let timers (DAD, neighbour probes) and frames run a little between commands.
    world.engine().advance_to(world.engine().now() + uvn::kSec / 2);
    if (background.size() > (1u << 20)) background.clear();
    return rc;
  }
  int ip(const std::string& line) { return ip(world.init_ns(), split_words(line)); }
};

void setup(Sim& s) {
  for (const char* line : {
           "netns add ns1",
           "link add veth0 address 02:00:00:00:00:01 type veth peer name veth1 netns ns1",
           "link set lo up",
           "link set veth0 up",
           "addr add 10.0.0.1/24 dev veth0",
           "addr add fd00::1/64 dev veth0",
           "-n ns1 link set veth1 up",
           "-n ns1 addr add 10.0.0.2/24 dev veth1",
           "tuntap add dev tap0 mode tap",
           "route add default via 10.0.0.2",
           "link add br0 type bridge",
           "link add d0 type dummy",
           "link set d0 master br0",
           "link add d1 type dummy",
           "link set d1 master br0",
           "link set br0 type bridge vlan_filtering 1 vlan_stats_enabled 1",
           "bridge vlan add vid 10-12 dev d1",
           "bridge vlan add vid 10 dev br0 self",
           "link add link br0 name br0.10 type vlan id 10 bridge_binding on",
       })
    s.ip(line);
}

void dump(Sim& s, uvn::Netns& ns) {
  for (const char* what : {"-d -s -s link show", "-j -p -d -s link show", "-br link", "-o link",
                           "addr show", "-j addr show", "-4 -o addr", "-6 addr", "route show",
                           "-6 -j route show", "route show table local", "neigh show nud all",
                           "-s -j neigh", "netns list", "netns list-id", "tuntap show",
                           "bridge -d -s link show", "bridge -j -p -d link show",
                           "bridge -s -d fdb show", "bridge -j fdb show", "bridge vlan show",
                           "bridge -compressvlans vlan show", "bridge -d -s vlan show",
                           "bridge -j -p -d vlan show", "bridge -s -j vlan show",
                           "bridge vlan global show", "bridge -j vlan global show",
                           "bridge vlan tunnelshow"})
    s.ip(ns, split_words(what));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > kMaxInput) return 0;
  Sim s;
  setup(s);
  std::string_view text(reinterpret_cast<const char*>(data), size);
  size_t lines = 0;
  while (!text.empty() && lines < kMaxLines) {
    size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    std::vector<std::string> words = split_words(line);
    if (words.empty() || words.size() > kMaxWords || reads_file(words)) continue;
    ++lines;
    s.ip(s.world.init_ns(), words);
  }
  std::vector<uvn::Netns*> all{&s.world.init_ns()};
  for (auto& ns : s.world.named()) all.push_back(ns.get());
  for (uvn::Netns* ns : all) dump(s, *ns);
  return 0;
}
