// `ip maddress`: the multicast addresses of each device as iproute2 6.1 lists them from
// /proc/net/dev_mcast (the device's link-layer list: `link  MAC`, with ` users N` when the
// entry has more than one user and ` static` for `ip maddr add` entries), /proc/net/igmp
// (`inet  GROUP`) and /proc/net/igmp6 (`inet6 GROUP`), in ifindex order; `-4`, `-6` and `-0`
// keep one kind; `-o` repeats the device on every line; `-j` gives
// [{"ifindex":N,"ifname":"DEV","maddr":[{"link":"MAC"},{"family":"inet","address":"G"}]}].
// `ip maddr add|del LLADDR dev DEV` adds or removes a static link-layer entry
// (SIOCADDMULTI/SIOCDELMULTI).
#include <fmt/format.h>

#include <cstring>

#include "base/strings.h"
#include "cli/ip_errors.h"
#include "cli/ip_objects.h"
#include "cli/json_writer.h"
#include "world/netns.h"
#include "world/stack/host_stack.h"

namespace uvn::cli {

namespace {

int usage_maddr(Context& ctx) {
  ctx.err +=
      "Usage: ip maddr [ add | del ] MULTIADDR dev STRING\n"
      "       ip maddr show [ dev STRING ]\n";
  ctx.exited = true;
  return kExitUsage;
}

struct Entry {
  bool link = false;
  std::string text;  // the MAC or the group
  bool v6 = false;
  int users = 1;
  bool is_static = false;
};

std::vector<Entry> entries_of(Context& ctx, const Device& dev) {
  std::vector<Entry> out;
  int fam = ctx.opt.family;
  HostStack& st = ctx.ns->stack();
  if (fam == 0 || fam == 'l')
    for (auto& h : dev.mc_list())
      out.push_back(
          Entry{true, h.mac.format(), false, h.refs, st.mc_is_static(dev.ifindex(), h.mac)});
  for (auto& g : st.mc_groups(dev.ifindex())) {
    bool v6 = !g.group.is_v4();
    if (fam == 0 || fam == (v6 ? 6 : 4))
      out.push_back(Entry{false, g.group.format(), v6, g.users, false});
  }
  return out;
}

void print_entry_text(std::string& out, const Entry& e) {
  out += e.link ? fmt::format("link  {}", e.text)
                : fmt::format("{:<5} {}", e.v6 ? "inet6" : "inet", e.text);
  if (e.users != 1) out += fmt::format(" users {}", e.users);
  if (e.is_static) out += " static";
  out += "\n";
}

void print_entry_json(JsonWriter& jw, const Entry& e) {
  jw.start_object();
  if (e.link) {
    jw.member("link", e.text);
  } else {
    jw.member("family", e.v6 ? "inet6" : "inet");
    jw.member("address", e.text);
  }
  if (e.users != 1) jw.member("users", e.users);
  if (e.is_static) jw.member("features", "static");
  jw.end_object();
}

int maddr_show(Context& ctx, ArgIt it, ArgIt end) {
  std::string dev_filter;
  bool have_dev = false;
  for (; it != end; ++it) {
    if (*it == "dev") {
      if (++it == end) return incomplete(ctx);
    } else if (matches(*it, "help")) {
      return usage_maddr(ctx);
    }
    if (have_dev) return duparg2(ctx, "dev", *it);
    dev_filter = *it;
    have_dev = true;
  }
  JsonWriter jw(ctx.opt.pretty);
  if (ctx.opt.json) jw.start_array();
  for (auto& [idx, d] : ctx.ns->devices()) {
    if (have_dev && d->name() != dev_filter) continue;
    std::vector<Entry> es = entries_of(ctx, *d);
    if (es.empty()) continue;
    if (ctx.opt.json) {
      jw.start_object();
      jw.member("ifindex", idx);
      jw.member("ifname", d->name());
      jw.key("maddr");
      jw.start_array();
      for (auto& e : es) print_entry_json(jw, e);
      jw.end_array();
      jw.end_object();
      continue;
    }
    std::string head = fmt::format("{}:\t{}", idx, d->name());
    if (!ctx.opt.oneline) ctx.out += head + "\n";
    for (auto& e : es) {
      if (ctx.opt.oneline) ctx.out += head + "\\";
      ctx.out += "\t";
      print_entry_text(ctx.out, e);
    }
  }
  if (ctx.opt.json) {
    jw.end_array();
    ctx.out += jw.str() + "\n";
  }
  return 0;
}

// iproute2's ll_addr_a2n: hex bytes separated by ':', each read as sscanf("%x") reads it, or
// an IPv4 address (four bytes). The length in bytes, or -1 after printing why not.
int ll_addr_a2n(Context& ctx, std::string_view arg, uint8_t out[14]) {
  if (arg.find('.') != std::string_view::npos) {
    auto a = Ipv4Addr::parse(arg);
    if (!a) {
      ctx.err += fmt::format("\"{}\" is invalid lladdr.\n", arg);
      return -1;
    }
    a->to_bytes(out);
    return 4;
  }
  for (int i = 0; i < 14; ++i) {
    size_t colon = arg.find(':');
    std::string_view part = arg.substr(0, colon);
    std::string_view digits = part;
    if (digits.size() >= 2 && digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X'))
      digits.remove_prefix(2);
    unsigned v = 0;
    size_t n = 0;
    while (n < digits.size() && std::isxdigit(static_cast<unsigned char>(digits[n])) && v <= 255) {
      char c = char(std::tolower(static_cast<unsigned char>(digits[n])));
      v = v * 16 + unsigned(c <= '9' ? c - '0' : c - 'a' + 10);
      ++n;
    }
    if (n == 0 || v > 255) {
      ctx.err += fmt::format("\"{}\" is invalid lladdr.\n", part);
      return -1;
    }
    out[i] = uint8_t(v);
    if (colon == std::string_view::npos) return i + 1;
    arg.remove_prefix(colon + 1);
  }
  return 14;
}

int maddr_modify(Context& ctx, ArgIt it, ArgIt end, bool add) {
  std::string dev_name;
  uint8_t lladdr[14] = {};
  bool have_addr = false;
  for (; it != end; ++it) {
    if (*it == "dev") {
      if (++it == end) return incomplete(ctx);
      if (!dev_name.empty()) return duparg(ctx, "dev", *it);
      dev_name = *it;
      continue;
    }
    if (matches(*it, "address")) {
      if (++it == end) return incomplete(ctx);
    }
    if (matches(*it, "help")) return usage_maddr(ctx);
    if (have_addr) return duparg(ctx, "address", *it);
    int len = ll_addr_a2n(ctx, *it, lladdr);
    if (len >= 0 && len != 6)
      ctx.err += fmt::format("Error: Invalid address length {} - must be 6 bytes\n", len);
    if (len != 6) {
      ctx.exited = true;
      return 1;
    }
    have_addr = true;
  }
  if (dev_name.empty()) {
    ctx.err += "Not enough information: \"dev\" is required.\n";
    ctx.exited = true;
    return kExitUsage;
  }
  Device* dev = ctx.ns->find(dev_name);
  // iproute2 exits after the ioctl, whatever its outcome.
  ctx.exited = true;
  if (!dev) {
    ctx.err += "ioctl: No such device\n";
    return 1;
  }
  MacAddr mac = MacAddr::from_bytes(lladdr);
  HostStack& st = ctx.ns->stack();
  Status r = add ? st.mc_static_add(dev->ifindex(), mac) : st.mc_static_del(dev->ifindex(), mac);
  if (!r) {
    ctx.err += fmt::format("ioctl: {}\n", std::strerror(r.error().code));
    return 1;
  }
  return 0;
}

}  // namespace

int ip_maddr(Context& ctx, ArgIt it, ArgIt end);  // registered in ip.cc

int ip_maddr(Context& ctx, ArgIt it, ArgIt end) {
  if (it == end) return maddr_show(ctx, it, end);
  const std::string& cmd = *it++;
  if (matches(cmd, "add")) return maddr_modify(ctx, it, end, true);
  if (matches(cmd, "delete")) return maddr_modify(ctx, it, end, false);
  if (matches(cmd, "list") || matches(cmd, "show") || matches(cmd, "lst"))
    return maddr_show(ctx, it, end);
  if (matches(cmd, "help")) return usage_maddr(ctx);
  ctx.err += fmt::format("Command \"{}\" is unknown, try \"ip maddr help\".\n", cmd);
  ctx.exited = true;
  return kExitUsage;
}

}  // namespace uvn::cli
