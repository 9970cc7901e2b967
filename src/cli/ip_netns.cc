// `ip netns`: list, add, del, exec, set, identify, list-id, pids. A named namespace exists
// in the world (no /run/netns file in the simulator); `exec` runs a command line in it
// through the CommandRunner, so simulated tools (ping, arping) run there too.
#include <fmt/format.h>

#include <algorithm>

#include "base/strings.h"
#include "cli/ip_errors.h"
#include "cli/ip_objects.h"
#include "cli/json_writer.h"

namespace uvn::cli {

namespace {

bool valid_netns_name(std::string_view n) {
  return !n.empty() && n != "." && n != ".." && n.find('/') == std::string_view::npos;
}

int netns_list(Context& ctx) {
  const auto& all = ctx.world.named();
  if (ctx.opt.json) {
    JsonWriter jw(ctx.opt.pretty);
    jw.start_array();
    for (auto it = all.rbegin(); it != all.rend(); ++it) {
      jw.start_object();
      jw.member("name", (*it)->name());
      int id = ctx.ns->nsid_of(it->get(), false);
      if (id >= 0) jw.member("id", id);
      jw.end_object();
    }
    jw.end_array();
    ctx.out += jw.str() + "\n";
    return 0;
  }
  for (auto it = all.rbegin(); it != all.rend(); ++it) {
    int id = ctx.ns->nsid_of(it->get(), false);
    ctx.out += (*it)->name();
    if (id >= 0) ctx.out += fmt::format(" (id: {})", id);
    ctx.out += '\n';
  }
  return 0;
}

int netns_list_id(Context& ctx, ArgIt it, ArgIt end) {
  std::optional<int> only;
  for (; it != end; ++it) {
    if (*it == "nsid" && it + 1 != end) {
      auto v = parse_int(*++it);
      if (!v) return invarg(ctx, "Invalid \"nsid\" value", *it);
      only = int(*v);
    } else if (*it == "target-nsid" && it + 1 != end) {
      ++it;  // namespaces seen from another namespace: uvn lists only the current one
      return 0;
    }
  }
  std::vector<std::pair<int, std::string>> rows;
  for (auto& [ns, id] : ctx.ns->nsids()) {
    if (only && id != *only) continue;
    std::string name;
    for (auto& n : ctx.world.named())
      if (n.get() == ns) name = n->name();
    rows.emplace_back(id, name);
  }
  std::sort(rows.begin(), rows.end());
  if (ctx.opt.json) {
    JsonWriter jw(ctx.opt.pretty);
    jw.start_array();
    for (auto& [id, name] : rows) {
      jw.start_object();
      jw.member("nsid", id);
      if (!name.empty()) jw.member("name", name);
      jw.end_object();
    }
    jw.end_array();
    ctx.out += jw.str() + "\n";
    return 0;
  }
  for (auto& [id, name] : rows) {
    ctx.out += fmt::format("nsid {} ", id);
    if (!name.empty()) ctx.out += fmt::format("(iproute2 netns name: {})", name);
    ctx.out += '\n';
  }
  return 0;
}

int netns_add(Context& ctx, ArgIt it, ArgIt end) {
  if (it == end) return fail(ctx, 1, "No netns name specified");
  if (!valid_netns_name(*it)) return fail(ctx, kExitUsage, fmt::format("Invalid netns name \"{}\"", *it));
  if (ctx.world.find_netns(*it))
    return fail(ctx, 1,
                fmt::format("Cannot create namespace file \"/run/netns/{}\": File exists", *it));
  ctx.world.add_netns(*it);
  return 0;
}

int netns_del(Context& ctx, ArgIt it, ArgIt end) {
  if (ctx.opt.all_netns) {
    while (!ctx.world.named().empty()) ctx.world.del_netns(*ctx.world.named().back());
    return 0;
  }
  if (it == end) return fail(ctx, 1, "No netns name specified");
  Netns* ns = it->empty() ? nullptr : ctx.world.find_netns(*it);
  if (!ns)
    return fail(ctx, 1,
                fmt::format("Cannot remove namespace file \"/run/netns/{}\": No such file or "
                            "directory",
                            *it));
  if (ctx.ns == ns) ctx.ns = &ctx.world.init_ns();
  ctx.world.del_netns(*ns);
  return 0;
}

int netns_exec(Context& ctx, ArgIt it, ArgIt end) {
  if (ctx.opt.all_netns) {
    if (it == end) return fail(ctx, 1, "No command specified");
    Args cmd(it, end);
    const auto& all = ctx.world.named();
    std::vector<Netns*> list;
    for (auto i = all.rbegin(); i != all.rend(); ++i) list.push_back(i->get());
    for (Netns* ns : list) {
      ctx.out += fmt::format("\nnetns: {}\n", ns->name());
      if (ctx.runner) ctx.runner->run_in(*ns, cmd, ctx.out, ctx.err);
    }
    return 0;
  }
  if (it == end) return fail(ctx, 1, "No netns name specified");
  Netns* ns = it->empty() ? nullptr : ctx.world.find_netns(*it);
  if (!ns)
    return fail(ctx, kExitUsage,
                fmt::format("Cannot open network namespace \"{}\": No such file or directory",
                            *it));
  ++it;
  if (it == end) return fail(ctx, 1, "No command specified");
  if (!ctx.runner) return fail(ctx, 1, "exec: no command runner");
  return ctx.runner->run_in(*ns, Args(it, end), ctx.out, ctx.err);
}

int netns_set(Context& ctx, ArgIt it, ArgIt end) {
  if (it == end) return fail(ctx, 1, "No netns name specified");
  Netns* ns = ctx.world.find_netns(*it);
  if (!ns || it->empty())
    return fail(ctx, 1, fmt::format("Cannot open network namespace \"{}\": No such file or "
                                    "directory",
                                    *it));
  if (++it == end) return fail(ctx, 1, "No nsid specified");
  int id;
  if (*it == "auto") {
    id = -1;
  } else {
    auto v = parse_int(*it);
    if (!v) return invarg(ctx, "Invalid \"netnsid\" value", *it);
    if (*v < 0) return invarg(ctx, "\"netnsid\" value should be >= 0", *it);
    id = int(*v);
  }
  if (ctx.ns->nsid_of(ns, false) >= 0)
    return kernel_error(ctx, Error::with(EEXIST, "Peer netns already has a nsid assigned"));
  if (id >= 0 && ctx.ns->netns_by_nsid(id))
    return kernel_error(ctx, Error::with(EEXIST, "The specified nsid is already used"));
  if (id < 0)
    ctx.ns->nsid_of(ns, true);
  else
    ctx.ns->set_nsid(ns, id);
  return 0;
}

int netns_identify(Context& ctx, ArgIt it, ArgIt end) {
  if (it != end) {
    if (!parse_uint(*it)) return fail(ctx, 1, fmt::format("Specified string '{}' is not a pid", *it));
    return fail(ctx, 1, "Cannot open network namespace: No such file or directory");
  }
  // The names of the current namespace, then a newline (just the newline when it has none).
  ctx.out += ctx.ns->name() + "\n";
  return 0;
}

int usage_netns(Context& ctx) {
  ctx.err +=
      "Usage:\tip netns list\n"
      "\tip netns add NAME\n"
      "\tip netns attach NAME PID\n"
      "\tip netns set NAME NETNSID\n"
      "\tip [-all] netns delete [NAME]\n"
      "\tip netns identify [PID]\n"
      "\tip netns pids NAME\n"
      "\tip [-all] netns exec [NAME] cmd ...\n"
      "\tip netns monitor\n"
      "\tip netns list-id [target-nsid POSITIVE-INT] [nsid POSITIVE-INT]\n"
      "NETNSID := auto | POSITIVE-INT\n";
  return kExitUsage;
}

}  // namespace

int ip_netns(Context& ctx, ArgIt it, ArgIt end) {
  if (it == end) return netns_list(ctx);
  const std::string& cmd = *it++;
  if (matches(cmd, "list") || matches(cmd, "show") || cmd == "lst") return netns_list(ctx);
  if (matches(cmd, "list-id")) return netns_list_id(ctx, it, end);
  if (matches(cmd, "help")) return usage_netns(ctx);
  if (matches(cmd, "add")) return netns_add(ctx, it, end);
  if (matches(cmd, "set")) return netns_set(ctx, it, end);
  if (matches(cmd, "delete")) return netns_del(ctx, it, end);
  if (matches(cmd, "identify")) return netns_identify(ctx, it, end);
  if (matches(cmd, "pids")) {
    if (it == end) return fail(ctx, 1, "No netns name specified");
    if (!ctx.world.find_netns(*it))
      return fail(ctx, 1, "Cannot open network namespace: No such file or directory");
    return 0;  // simulated namespaces hold no processes
  }
  if (matches(cmd, "exec")) return netns_exec(ctx, it, end);
  ctx.err += fmt::format("Command \"{}\" is unknown, try \"ip netns help\".\n", cmd);
  return kExitUsage;
}

}  // namespace uvn::cli
