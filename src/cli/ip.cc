#include "cli/ip.h"

#include <fmt/format.h>

#include <fstream>

#include "base/strings.h"
#include "cli/batch.h"
#include "cli/ip_errors.h"
#include "cli/ip_objects.h"

namespace uvn::cli {

int ip_maddr(Context& ctx, ArgIt it, ArgIt end);  // ip_maddr.cc

namespace {

int usage(Context& ctx) {
  ctx.err +=
      "Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\n"
      "       ip [ -force ] -batch filename\n"
      "where  OBJECT := { address | link | maddress | monitor | neighbor | netns | route |\n"
      "                   tuntap }\n"
      "       OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] | -r[esolve] |\n"
      "                    -h[uman-readable] | -iec | -j[son] | -p[retty] |\n"
      "                    -f[amily] { inet | inet6 | link } |\n"
      "                    -4 | -6 | -0 |\n"
      "                    -o[neline] | -t[imestamp] | -ts[hort] | -b[atch] [filename] |\n"
      "                    -rc[vbuf] [size] | -n[etns] name | -N[umeric] | -a[ll] |\n"
      "                    -c[olor]}\n";
  return kExitUsage;
}

using Handler = int (*)(Context&, ArgIt, ArgIt);
struct Object {
  std::string_view name;
  Handler fn;
};

int not_here(Context& ctx, ArgIt, ArgIt);

// iproute2's object table order: a prefix picks the first match.
constexpr Object kObjects[] = {
    {"address", ip_addr},   {"addrlabel", not_here}, {"maddress", ip_maddr},
    {"route", ip_route},    {"rule", not_here},      {"neighbor", ip_neigh},
    {"neighbour", ip_neigh}, {"ntable", not_here},   {"link", ip_link},
    {"l2tp", not_here},     {"fou", not_here},       {"ila", not_here},
    {"macsec", not_here},   {"tunnel", not_here},    {"tuntap", ip_tuntap},
    {"tap", ip_tuntap},     {"token", not_here},     {"tcpmetrics", not_here},
    {"monitor", ip_monitor}, {"xfrm", not_here},     {"mroute", not_here},
    {"mrule", not_here},    {"netns", ip_netns},     {"netconf", not_here},
    {"vrf", not_here},      {"sr", not_here},        {"nexthop", not_here},
    {"mptcp", not_here},    {"ioam", not_here},      {"stats", not_here},
};

const std::string* g_current_object = nullptr;

int not_here(Context& ctx, ArgIt, ArgIt) {
  ctx.err += fmt::format("ip {}: not supported by uvn\n", *g_current_object);
  return kExitUsage;
}

int run_object(Context& ctx, const Args& args, size_t pos) {
  if (pos >= args.size()) return usage(ctx);
  const std::string& obj = args[pos];
  if (matches(obj, "help")) return usage(ctx);
  for (const Object& o : kObjects) {
    if (matches(obj, o.name)) {
      g_current_object = &obj;
      return o.fn(ctx, args.begin() + long(pos) + 1, args.end());
    }
  }
  ctx.err += fmt::format("Object \"{}\" is unknown, try \"ip help\".\n", obj);
  return 1;
}

int run_batch(Context& ctx, const std::string& file) {
  return run_batch_file(ctx, file, [](Context& c, const Args& w) { return run_object(c, w, 0); });
}

}  // namespace

Args split_command_line(std::string_view line) {
  Args out;
  std::string cur;
  bool in_word = false;
  char quote = 0;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quote) {
      if (c == quote)
        quote = 0;
      else
        cur += c;
      continue;
    }
    if (c == '"' || c == '\'') {
      quote = c;
      in_word = true;
      continue;
    }
    if (c == '#' && !in_word) break;
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      if (in_word) out.push_back(std::move(cur)), cur.clear();
      in_word = false;
      continue;
    }
    cur += c;
    in_word = true;
  }
  if (in_word) out.push_back(std::move(cur));
  return out;
}

int ip_main(Context& ctx, const Args& args) {
  size_t i = 0;
  while (i < args.size() && args[i].size() > 1 && args[i][0] == '-') {
    std::string opt = args[i];
    if (opt.size() > 2 && opt[1] == '-') opt = opt.substr(1);
    if (opt == "-d" || matches(opt, "-details")) {
      ++ctx.opt.details;
    } else if (matches(opt, "-stats") || matches(opt, "-statistics")) {
      ++ctx.opt.stats;
    } else if (matches(opt, "-json")) {
      ctx.opt.json = true;
    } else if (matches(opt, "-pretty")) {
      ctx.opt.pretty = true;
    } else if (matches(opt, "-batch")) {  // before -brief: "-b" is -batch
      if (++i >= args.size()) return usage(ctx);
      ctx.opt.batch = args[i];
    } else if (opt == "-br" || matches(opt, "-brief")) {
      ctx.opt.brief = true;
    } else if (matches(opt, "-oneline")) {
      ctx.opt.oneline = true;
    } else if (opt == "-4") {
      ctx.opt.family = 4;
    } else if (opt == "-6") {
      ctx.opt.family = 6;
    } else if (opt == "-0") {
      ctx.opt.family = 'l';
    } else if (matches(opt, "-family")) {
      if (++i >= args.size()) return usage(ctx);
      const std::string& f = args[i];
      if (f == "inet") ctx.opt.family = 4;
      else if (f == "inet6") ctx.opt.family = 6;
      else if (f == "link") ctx.opt.family = 'l';
      else return invarg(ctx, "invalid protocol family", f);
    } else if (matches(opt, "-netns")) {
      if (++i >= args.size()) {
        ctx.err += "Cannot open network namespace \"(null)\": No such file or directory\n";
        return kExitUsage;
      }
      Netns* ns = ctx.world.find_netns(args[i]);
      if (!ns || args[i].empty()) {
        ctx.err += fmt::format(
            "Cannot open network namespace \"{}\": No such file or directory\n", args[i]);
        return kExitUsage;
      }
      ctx.ns = ns;
    } else if (matches(opt, "-force")) {
      ctx.opt.force = true;
    } else if (matches(opt, "-all")) {
      ctx.opt.all_netns = true;
    } else if (matches(opt, "-Version")) {
      ctx.out += "ip utility, iproute2-6.1.0 (uvn " UVN_VERSION ")\n";
      return 0;
    } else if (matches(opt, "-human") || matches(opt, "-human-readable") || matches(opt, "-iec") ||
               matches(opt, "-resolve") || matches(opt, "-color") || matches(opt, "-Numeric") ||
               matches(opt, "-timestamp") || opt == "-ts" || matches(opt, "-tshort")) {
      // accepted, no effect on what uvn prints
    } else if (matches(opt, "-rcvbuf") || matches(opt, "-loops")) {
      if (++i >= args.size()) return usage(ctx);  // takes a number; no effect in uvn
    } else if (matches(opt, "-help")) {
      return usage(ctx);
    } else {
      ctx.err += fmt::format("Option \"{}\" is unknown, try \"ip -help\".\n", args[i]);
      return kExitUsage;
    }
    ++i;
  }
  if (!ctx.opt.batch.empty()) return run_batch(ctx, ctx.opt.batch);
  return run_object(ctx, args, i);
}

}  // namespace uvn::cli
