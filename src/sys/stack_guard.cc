#include "sys/stack_guard.h"

#include <cerrno>
#include <vector>

#include "sys/process.h"

namespace uvn::sys {

namespace {

// `tc [-n NS] ARGS...`, its stderr on failure.
Status tc(const std::string& netns, std::vector<std::string> args) {
  std::vector<std::string> argv{system_tool("tc")};
  if (!netns.empty()) argv.insert(argv.end(), {"-n", netns});
  argv.insert(argv.end(), args.begin(), args.end());
  std::string out, err;
  if (run_program(argv, out, err) != 0) {
    while (!err.empty() && err.back() == '\n') err.pop_back();
    return Error::with(EIO, "tc: " + err);
  }
  return {};
}

// "ret #2": TC_ACT_SHOT for every frame.
constexpr const char* kDropAll = "1,6 0 0 2,";

}  // namespace

Status guard_stack(const std::string& netns, const std::string& ifname) {
  if (auto st = tc(netns, {"qdisc", "add", "dev", ifname, "clsact"}); !st) return st;
  for (const char* dir : {"ingress", "egress"}) {
    auto st = tc(netns, {"filter", "add", "dev", ifname, dir, "pref", "1", "bpf", "da",
                         "bytecode", kDropAll});
    if (!st) {
      unguard_stack(netns, ifname);
      return st;
    }
  }
  return {};
}

void unguard_stack(const std::string& netns, const std::string& ifname) {
  (void)tc(netns, {"qdisc", "del", "dev", ifname, "clsact"});
}

}  // namespace uvn::sys
