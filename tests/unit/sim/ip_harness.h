// Helpers for tests that drive `ip` through the simulator and compare with the recordings of
// real iproute2 in tests/reference: reading a recorded command (raw/TOPIC/NNN.{cmd,err,out,rc}),
// running command lines, and taking a full dump of a world's state (links, addresses, routes,
// neighbours, namespaces, nsids, tuntap) to check that a rejected command left no trace.
#pragma once

#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "sim/runner.h"
#include "world/netns.h"

namespace uvn::test {

inline std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

inline bool file_exists(const std::string& path) {
  return std::ifstream(path).good();
}

// One recorded command of tests/reference/raw/TOPIC/.
struct Recorded {
  std::string id;
  std::string cmd, out, err;
  int rc = 0;
  bool ok = false;
};

inline std::string reference_dir() {
  return std::string(UVN_SOURCE_DIR) + "/tests/reference";
}

inline Recorded load_recorded(const std::string& topic, const std::string& id) {
  Recorded r;
  r.id = id;
  std::string base = reference_dir() + "/raw/" + topic + "/" + id;
  if (!file_exists(base + ".cmd")) return r;
  r.cmd = read_text(base + ".cmd");
  while (!r.cmd.empty() && r.cmd.back() == '\n') r.cmd.pop_back();
  r.out = read_text(base + ".out");
  r.err = read_text(base + ".err");
  r.rc = std::stoi(read_text(base + ".rc"));
  r.ok = true;
  return r;
}

inline std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (size_t p = 0; (p = s.find(from, p)) != std::string::npos; p += to.size())
    s.replace(p, from.size(), to);
  return s;
}

// MAC addresses are random in the recordings, and ifindexes depend on devices uvn skips
// (bridges): both are masked where outputs are compared ("MAC", "N: " at a line start).
inline bool is_mac_at(const std::string& s, size_t i) {
  if (i + 17 > s.size()) return false;
  for (size_t k = 0; k < 17; ++k) {
    char c = s[i + k];
    bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    if (k % 3 == 2 ? c != ':' : !hex) return false;
  }
  return true;
}
inline std::string mask_variable(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    if (i == 0 || s[i - 1] == '\n') {
      size_t j = i;
      while (j < s.size() && s[j] >= '0' && s[j] <= '9') ++j;
      if (j > i && j + 1 < s.size() && s[j] == ':' && s[j + 1] == ' ') {
        out += "N: ";
        i = j + 2;
        continue;
      }
    }
    if (is_mac_at(s, i)) {
      out += "MAC";
      i += 17;
      continue;
    }
    out += s[i++];
  }
  return out;
}

// The batch files errors.sh writes (/tmp/uvnref-batchN.txt) before its -batch section.
inline const std::map<std::string, std::string>& errors_batch_files() {
  static const std::map<std::string, std::string> kFiles = {
      {"uvnref-batch1.txt",
       "link add veth10 type veth peer name veth11\nlink add veth10 type veth peer name "
       "veth11\nlink show veth10\n"},
      {"uvnref-batch2.txt",
       "# comment line\n\nlink show lo\nlink xyz\naddr add 10.9.9.9/33 dev veth1\nlink set "
       "nosuch up\nlink show dev lo\n"},
      {"uvnref-batch3.txt", "link show lo\n"},
      {"uvnref-batch4.txt",
       "link show lo\nlink set nosuch up\nlink add veth1 type veth peer name veth2\nlink "
       "show dev lo\n"},
      {"uvnref-batch5.txt", "link show lo\naddr add 10.9.9.9/33 dev veth1\nlink show dev lo\n"},
  };
  return kFiles;
}

// Writes the batch files into `dir`; a recorded command or message names them by
// /tmp/uvnref-batchN.txt, which to_local() rewrites to `dir`.
inline void write_batch_files(const std::string& dir) {
  for (auto& [name, text] : errors_batch_files()) std::ofstream(dir + "/" + name) << text;
}
inline std::string to_local(const std::string& s, const std::string& dir) {
  return replace_all(s, "/tmp/uvnref-batch", dir + "/uvnref-batch");
}

// Usage texts: uvn lists only the objects, options and kinds it implements, so of a usage
// text only the first line is compared with the recording.
inline bool is_usage(const std::string& err) {
  return err.rfind("Usage:", 0) == 0;
}
inline std::string first_line(const std::string& s) {
  return s.substr(0, s.find('\n'));
}

struct Result {
  int rc = 0;
  std::string out, err;
};

inline Result run(sim::Runner& r, const std::string& line) {
  Result res;
  res.rc = r.run_line(line, res.out, res.err);
  return res;
}

// Everything `ip` can show about the world, as one text: per namespace (the initial one and
// every named one) the detailed JSON link dump with statistics, addresses, IPv4 and IPv6
// routes, all neighbours, nsids and tun/tap devices; then the namespace list.
inline std::string dump_world(sim::Runner& r) {
  std::vector<std::string> prefixes = {"ip "};
  for (auto& ns : r.world().named()) prefixes.push_back("ip -n " + ns->name() + " ");
  std::string all;
  for (auto& p : prefixes) {
    for (const char* what :
         {"-d -s -j link show", "-j addr show", "-j -4 route show", "-j -6 route show",
          "-j neigh show nud all", "-j netns list-id", "tuntap show"}) {
      Result res = run(r, p + what);
      all += "## " + p + what + " rc=" + std::to_string(res.rc) + "\n" + res.out + res.err;
    }
  }
  Result ns = run(r, "ip netns list");
  all += "## ip netns list\n" + ns.out + ns.err;
  return all;
}

}  // namespace uvn::test
