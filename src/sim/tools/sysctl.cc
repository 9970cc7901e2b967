// sysctl (procps), the one setting the simulator has: net.ipv6.conf.{all,default}.disable_ipv6
// of the namespace it runs in (uvn keeps one value for the namespace; `all` and `default` set
// it alike).
//
//   sysctl [-q] [-w] KEY=VALUE ...     set (prints "KEY = VALUE" unless -q)
//   sysctl [-n] KEY ...                read
//
// Other keys are refused as procps refuses a key it cannot find ("sysctl: cannot stat
// /proc/sys/...: No such file or directory", exit 255).
#include <fmt/format.h>

#include "sim/tools/tool.h"
#include "world/netns.h"
#include "world/stack/host_stack.h"

namespace uvn::sim {

namespace {

bool known(const std::string& key) {
  return key == "net.ipv6.conf.all.disable_ipv6" || key == "net.ipv6.conf.default.disable_ipv6";
}

int missing(ToolEnv& env, std::string key) {
  for (auto& c : key)
    if (c == '.') c = '/';
  env.err += fmt::format("sysctl: cannot stat /proc/sys/{}: No such file or directory\n", key);
  return 255;
}

}  // namespace

int sysctl_main(ToolEnv& env, const Args& args) {
  bool quiet = false, value_only = false;
  int rc = 0;
  for (size_t i = 1; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a.size() > 1 && a[0] == '-') {
      for (char c : a.substr(1)) {
        if (c == 'q') quiet = true;
        else if (c == 'n') value_only = true;
        else if (c != 'w') {
          env.err += fmt::format("sysctl: invalid option -- '{}'\n", c);
          return 255;
        }
      }
      continue;
    }
    HostStack& st = env.ns.stack();
    auto eq = a.find('=');
    std::string key = a.substr(0, eq);
    if (!known(key)) {
      rc = missing(env, key);
      continue;
    }
    if (eq == std::string::npos) {
      int v = st.ipv6_disabled() ? 1 : 0;
      env.out += value_only ? fmt::format("{}\n", v) : fmt::format("{} = {}\n", key, v);
      continue;
    }
    std::string val = a.substr(eq + 1);
    if (val != "0" && val != "1") {
      env.err += fmt::format("sysctl: setting key \"{}\": Invalid argument\n", key);
      rc = 255;
      continue;
    }
    st.set_ipv6_disabled(val == "1");
    if (!quiet) env.out += fmt::format("{} = {}\n", key, val);
  }
  return rc;
}

}  // namespace uvn::sim
