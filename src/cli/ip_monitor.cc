// `ip monitor [link] [address] [neigh] [route] [all]`: prints rtnetlink-style notifications
// as they happen, in iproute2's monitor format (link lines without qlen, "Deleted " prefix,
// NAME@NONE for a link whose peer is gone). In the simulator it keeps running in the
// background until the script ends.
#include <fmt/format.h>

#include "base/strings.h"
#include "cli/ip_errors.h"
#include "cli/ip_objects.h"
#include "cli/link_print.h"
#include "world/netns.h"
#include "world/stack/host_stack.h"

namespace uvn::cli {

namespace {

struct MonitorState {
  bool link = false, addr = false, neigh = false, route = false;
  Netns* ns = nullptr;
  std::string last;  // suppresses an identical repeat of the previous message
};

std::string strip_qlen(std::string s) {
  auto pos = s.find(" qlen ");
  if (pos != std::string::npos) {
    auto nl = s.find('\n', pos);
    s.erase(pos + 1, nl - pos - 1);
  }
  return s;
}

int usage_monitor(Context& ctx) {
  ctx.err +=
      "Usage: ip monitor [ all | OBJECTS ] [ FILE ] [ label ] [ all-nsid ]\n"
      "                  [ dev DEVICE ]\n"
      "OBJECTS :=  address | link | neigh | route\n";
  return kExitUsage;
}

}  // namespace

int ip_monitor(Context& ctx, ArgIt it, ArgIt end) {
  if (it != end && matches(*it, "help")) return usage_monitor(ctx);
  if (!ctx.background) return fail(ctx, 1, "ip monitor: only available in the simulator (uvn run)");
  auto st = std::make_shared<MonitorState>();
  st->ns = ctx.ns;
  for (; it != end; ++it) {
    if (matches(*it, "link")) st->link = true;
    else if (matches(*it, "address")) st->addr = true;
    else if (matches(*it, "neigh")) st->neigh = true;
    else if (matches(*it, "route")) st->route = true;
    else if (*it == "all") st->link = st->addr = st->neigh = st->route = true;
    else if (*it == "label" || *it == "dev") {
    } else {
      ctx.err += fmt::format("Argument \"{}\" is unknown, try \"ip monitor help\".\n", *it);
      return kExitUsage;
    }
  }
  if (!st->link && !st->addr && !st->neigh && !st->route) st->link = st->addr = st->neigh = st->route = true;
  World& w = ctx.world;
  std::string* sink = ctx.background;
  IpOptions opt;  // monitors print plain text
  w.events().subscribe([st, sink, &w, opt](const Event& e) {
    if (e.ns != st->ns) return;
    std::string dummy_err;
    std::string text;
    Context c{w, st->ns, text, dummy_err, nullptr, opt, nullptr};
    switch (e.type) {
      case EventType::kNewLink:
      case EventType::kDelLink: {
        if (!st->link || !e.dev) return;
        if (e.type == EventType::kNewLink && e.changes == kChangeName) return;
        std::string body = strip_qlen(link_text(c, *e.dev, LinkView::kAddr));
        text = (e.type == EventType::kDelLink ? "Deleted " : "") + body;
        break;
      }
      case EventType::kNewAddr:
      case EventType::kDelAddr: {
        if (!st->addr || !e.dev || !e.addr) return;
        Context c2 = c;
        c2.opt.oneline = false;
        const IfAddr& a = *e.addr;
        bool v4 = a.local.addr.is_v4();
        std::string line = fmt::format("{}: {}    {} {}", e.dev->ifindex(), e.dev->name(),
                                       v4 ? "inet" : "inet6", a.local.format());
        if (a.brd) line += " brd " + a.brd->format();
        line += std::string(" scope ") +
                (a.scope == kScopeHost ? "host" : a.scope == kScopeLink ? "link" : "global") + " ";
        if (a.flags & kIfaSecondary) line += "secondary ";
        if (a.flags & kIfaNodad) line += "nodad ";
        if (a.flags & kIfaTentative) line += "tentative ";
        if (v4) line += a.label.empty() ? e.dev->name() : a.label;
        line += "\n       valid_lft forever preferred_lft forever\n";
        text = (e.type == EventType::kDelAddr ? "Deleted " : "") + line;
        break;
      }
      default:
        return;
    }
    if (text == st->last) return;
    st->last = text;
    *sink += text;
  });
  return 0;
}

}  // namespace uvn::cli
