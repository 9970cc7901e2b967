// The simulator's own commands (fault injection, captures, NICs and VMs); see runner.h.
#include <fmt/format.h>

#include "base/strings.h"
#include "dev/nic/nic.h"
#include "dev/tap/tap.h"
#include "dev/veth/veth.h"
#include "sim/runner.h"
#include "world/netns.h"

namespace uvn::sim {

Device* Runner::find_dev(Netns& here, const std::string& spec, std::string& err) {
  Netns* ns = &here;
  std::string name = spec;
  if (auto slash = spec.find('/'); slash != std::string::npos) {
    ns = world_->find_netns(spec.substr(0, slash));
    name = spec.substr(slash + 1);
    if (!ns) {
      err += fmt::format("Cannot open network namespace \"{}\": No such file or directory\n",
                         spec.substr(0, slash));
      return nullptr;
    }
  }
  Device* d = ns->find(name);
  if (!d) err += fmt::format("Cannot find device \"{}\"\n", name);
  return d;
}

namespace {

int usage(std::string& err, const char* text) {
  err += fmt::format("usage: {}\n", text);
  return 1;
}

// Optional "address MAC" at argv[i].
bool take_mac(const cli::Args& argv, size_t i, std::optional<MacAddr>& mac, std::string& err) {
  if (i >= argv.size()) return true;
  if (argv[i] != "address" || i + 1 >= argv.size() || !(mac = MacAddr::parse(argv[i + 1]))) {
    err += fmt::format("\"{}\" is unexpected; only \"address MAC\" may follow\n", argv[i]);
    return false;
  }
  return true;
}

}  // namespace

// count start [NS/]DEV: (re)start counting the frames DEV receives and sends.
// count [NS/]DEV [rx|tx] [src MAC] [dst MAC] [type ETHERTYPE] [vlan VID|untagged] [pcp N]:
// print how many of them match (vlan and pcp look at the outermost tag).
int Runner::count_command(Netns& here, const cli::Args& argv, std::string& out, std::string& err) {
  const char* use =
      "count start [NS/]DEV | count [NS/]DEV [rx|tx] [src MAC] [dst MAC] [type ETHERTYPE] "
      "[vlan VID|untagged] [untagged] [pcp PCP]";
  if (argv.size() < 2) return usage(err, use);
  bool start = argv[1] == "start";
  if (start && argv.size() != 3) return usage(err, use);
  Device* dev = find_dev(here, argv[start ? 2 : 1], err);
  if (!dev) return 1;
  FrameCounter* c = nullptr;
  for (auto& k : counters_)
    if (k->device() == dev) c = k.get();
  if (start) {
    if (c) c->reset();
    else counters_.push_back(std::make_unique<FrameCounter>(*world_, *dev));
    return 0;
  }
  if (!c) {
    err += fmt::format("count: {} is not being counted (count start {})\n", argv[1], argv[1]);
    return 1;
  }
  FrameFilter f;
  for (size_t i = 2; i < argv.size(); ++i) {
    const std::string& k = argv[i];
    if (k == "rx" || k == "tx") {
      f.outgoing = k == "tx";
      continue;
    }
    if (k == "untagged") {  // short for `vlan untagged`
      f.vid = -1;
      continue;
    }
    if (i + 1 >= argv.size()) return usage(err, use);
    const std::string& v = argv[++i];
    if (k == "src" || k == "dst") {
      auto m = MacAddr::parse(v);
      if (!m) return usage(err, use);
      (k == "src" ? f.src : f.dst) = *m;
    } else if (k == "type") {
      auto t = parse_uint(v, 0xffff);
      if (!t) return usage(err, use);
      f.ethertype = uint16_t(*t);
    } else if (k == "vlan") {
      auto id = v == "untagged" ? std::optional<uint64_t>(uint64_t(-1)) : parse_uint(v, 4095);
      if (!id) return usage(err, use);
      f.vid = int(*id);
    } else if (k == "pcp") {
      auto n = parse_uint(v, 7);
      if (!n) return usage(err, use);
      f.pcp = int(*n);
    } else {
      return usage(err, use);
    }
  }
  out += fmt::format("{}\n", c->count(f));
  return 0;
}

int Runner::run_sim_command(Netns& in_ns, const cli::Args& in, std::string& out, std::string& err,
                            bool& handled) {
  handled = true;
  cli::Args argv = in;
  Netns* here = &in_ns;
  // "-n NS" anywhere selects the namespace for plain device names.
  for (size_t i = 0; i + 1 < argv.size(); ++i)
    if (argv[i] == "-n") {
      here = world_->find_netns(argv[i + 1]);
      if (!here) {
        err += fmt::format("Cannot open network namespace \"{}\": No such file or directory\n",
                           argv[i + 1]);
        return 1;
      }
      argv.erase(argv.begin() + long(i), argv.begin() + long(i) + 2);
      break;
    }
  const std::string cmd = argv[0];
  if (cmd == "sleep") {
    auto d = argv.size() > 1 ? parse_double(argv[1]) : std::nullopt;
    if (!d || *d < 0) return usage(err, "sleep SECONDS");
    world_->engine().advance_to(world_->engine().now() + Nanos(*d * 1e9));
    return 0;
  }
  if (cmd == "true") return 0;
  if (cmd == "false") return 1;
  if (cmd == "stop" && argv.size() == 2 && argv[1] == "monitors") {
    // The recordings' `kill $M`: the event bus's listeners are the background monitors.
    world_->events().clear();
    return 0;
  }
  if (cmd == "echo") {
    out += join(std::vector<std::string>(argv.begin() + 1, argv.end()), " ") + "\n";
    return 0;
  }
  if (cmd == "cable" && argv.size() == 3 && (argv[1] == "cut" || argv[1] == "restore")) {
    Device* dev = find_dev(*here, argv[2], err);
    if (!dev) return 1;
    bool cut = argv[1] == "cut";
    if (auto* v = dynamic_cast<VethDevice*>(dev)) {
      v->set_cable_cut(cut);
      return 0;
    }
    if (auto* n = dynamic_cast<NicDevice*>(dev); n && n->wire()) {
      // A patch cord: both NICs lose carrier and nothing passes; a VM's tap: this end only.
      if (!n->wire()->set_cut(*n, cut)) n->set_carrier(!cut);
      return 0;
    }
    err += fmt::format("cable: {} is not a veth end or a cabled NIC\n", dev->name());
    return 1;
  }
  if (cmd == "cable" && argv.size() == 4 && argv[1] == "connect") {
    Device* a = find_dev(*here, argv[2], err);
    Device* b = a ? find_dev(*here, argv[3], err) : nullptr;
    if (!b) return 1;
    auto* na = dynamic_cast<NicDevice*>(a);
    auto* nb = dynamic_cast<NicDevice*>(b);
    if (!na || !nb || na == nb || na->wire() || nb->wire()) {
      err += "cable connect: both ends must be distinct NICs without a cable\n";
      return 1;
    }
    return endpoints_->cable_connect(*na, *nb);
  }
  if (cmd == "cable") return usage(err, "cable cut|restore [NS/]DEV | cable connect [NS/]NIC [NS/]NIC");
  if (cmd == "carrier") {
    if (argv.size() != 3 || (argv[2] != "on" && argv[2] != "off"))
      return usage(err, "carrier [NS/]DEV on|off");
    Device* dev = find_dev(*here, argv[1], err);
    if (!dev) return 1;
    dev->set_carrier(argv[2] == "on");
    return 0;
  }
  if (cmd == "capture") {
    if (argv.size() != 3) return usage(err, "capture [NS/]DEV FILE.pcap");
    Device* dev = find_dev(*here, argv[1], err);
    if (!dev) return 1;
    auto pcap = wire::PcapWriter::open(argv[2]);
    if (!pcap) {
      err += fmt::format("capture: cannot write {}\n", argv[2]);
      return 1;
    }
    captures_.push_back(std::make_unique<Capture>(*world_, *dev, std::move(*pcap)));
    return 0;
  }
  if (cmd == "count") return count_command(*here, argv, out, err);
  if (cmd == "nic") {
    std::optional<MacAddr> mac;
    if (argv.size() < 3 || argv[1] != "add") return usage(err, "nic add [NS/]NAME [address MAC]");
    if (!take_mac(argv, 3, mac, err)) return 1;
    Netns* ns = here;
    std::string name = argv[2];
    if (auto slash = name.find('/'); slash != std::string::npos) {
      ns = world_->find_netns(name.substr(0, slash));
      name = name.substr(slash + 1);
      if (!ns) return usage(err, "nic add [NS/]NAME: no such namespace");
    }
    return endpoints_->nic_add(*world_, *ns, name, mac ? &*mac : nullptr, err);
  }
  if (cmd == "vm") {
    std::optional<MacAddr> mac;
    if (argv.size() < 5 || argv[1] != "add" || argv[3] != "tap")
      return usage(err, "vm add VM tap [NS/]TAP [address MAC]");
    if (!take_mac(argv, 5, mac, err)) return 1;
    auto* tap = dynamic_cast<TapDevice*>(find_dev(*here, argv[4], err));
    if (!tap) {
      if (err.empty()) err += fmt::format("vm: {} is not a tap device\n", argv[4]);
      return 1;
    }
    return endpoints_->vm_add(*world_, argv[2], *tap, mac ? &*mac : nullptr, err);
  }
  handled = false;
  return 0;
}

}  // namespace uvn::sim
