// Kernel L3: in live mode addresses and routes belong to the kernel (uvn's devices appear in
// each kernel namespace as TAPs), so the saved configuration (`uvn dump-config`, uvnd's state
// file) takes them from the kernel: for each namespace, the global and site addresses on the
// devices uvn exposes there, and the routes users added (not the kernel's own connected,
// local or router-advertised ones), as `ip -n NS addr add ...` / `ip -n NS route add ...`
// lines that rebuild them. Read with the system's `ip -j`.
#pragma once

#include <set>
#include <string>
#include <vector>

namespace uvn::live {

// `devices`: the names uvn exposes in kernel namespace `netns`.
std::vector<std::string> kernel_l3_commands(const std::string& netns,
                                            const std::set<std::string>& devices);

// The same from `ip -j addr show` and `ip -j route show` output (for tests).
std::vector<std::string> kernel_l3_from_json(const std::string& netns,
                                             const std::set<std::string>& devices,
                                             const std::string& addr_json,
                                             const std::string& route4_json,
                                             const std::string& route6_json);

}  // namespace uvn::live
