// An in-memory network of spanning-tree engines on a fake clock, in the spirit of Open
// vSwitch's test-stp: bridges own an engine each, LANs connect engine ports, and every BPDU
// a port sends reaches every other attached port of its LAN. Delivery is FIFO with no delay;
// time advances from one engine deadline to the next.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "base/mac.h"
#include "base/time.h"
#include "proto/spanning_tree.h"

namespace uvn::proto::test {

inline MacAddr mac_n(int n) {
  return MacAddr{{0x02, 0x00, 0x00, 0x00, uint8_t(n >> 8), uint8_t(n)}};
}

struct StateChange {
  Nanos at;
  int port_no;
  StpPortState state;
};

template <class Engine>
class Net {
 public:
  struct Bridge : StpSink {
    Net* net = nullptr;
    int index = 0;
    std::string name;
    std::unique_ptr<Engine> engine;
    std::map<int, StpPortState> states;  // as the sink reported them
    std::vector<StateChange> changes;
    std::vector<bool> tc_events;
    std::map<int, int> flushes;
    int tx = 0;

    void send_bpdu(int port_no, const uint8_t* b, size_t len) override {
      ++tx;
      net->transmit(index, port_no, std::vector<uint8_t>(b, b + len));
    }
    void port_state_changed(int port_no, StpPortState s) override {
      states[port_no] = s;
      changes.push_back({net->now(), port_no, s});
    }
    void topology_change(bool active) override { tc_events.push_back(active); }
    void flush_port(int port_no) override { ++flushes[port_no]; }
  };

  Nanos now() const { return now_; }
  Engine& engine(int b) { return *bridges_.at(b)->engine; }
  Bridge& bridge(int b) { return *bridges_.at(b); }
  size_t size() const { return bridges_.size(); }

  // A bridge with id priority.mac_n(number); returns its index. The engine is enabled.
  int add_bridge(const std::string& name, uint16_t priority, int mac_number) {
    auto b = std::make_unique<Bridge>();
    b->net = this;
    b->index = int(bridges_.size());
    b->name = name;
    b->engine = std::make_unique<Engine>(*b);
    b->engine->set_bridge_id(priority, mac_n(mac_number), now_);
    b->engine->enable(true, now_);
    bridges_.push_back(std::move(b));
    return int(bridges_.size()) - 1;
  }

  int add_lan(const std::string& name) {
    lans_.push_back({name, {}});
    return int(lans_.size()) - 1;
  }

  // Adds port `port_no` of bridge `b` on `lan` with the given path cost, link up.
  void attach(int b, int port_no, int lan, uint32_t cost) {
    Engine& e = engine(b);
    e.add_port(port_no, now_);
    e.set_port_path_cost(port_no, cost, now_);
    lans_.at(lan).ports.insert({b, port_no});
    port_lan_[{b, port_no}] = lan;
    e.set_port_enabled(port_no, true, now_);
    deliver();
  }

  // Link down/up of one port (the LAN keeps it; a down port neither sends nor receives).
  void set_link(int b, int port_no, bool up) {
    if (up)
      down_.erase({b, port_no});
    else
      down_.insert({b, port_no});
    engine(b).set_port_enabled(port_no, up, now_);
    deliver();
  }

  // Runs until `now() + d`, firing timers in order and delivering BPDUs at once.
  void run_for(Nanos d) {
    Nanos end = now_ + d;
    deliver();
    for (;;) {
      Nanos next = kForever;
      for (auto& b : bridges_) next = std::min(next, b->engine->next_deadline());
      if (next > end) break;
      now_ = std::max(now_, next);
      for (auto& b : bridges_)
        if (b->engine->next_deadline() <= now_) b->engine->tick(now_);
      deliver();
    }
    now_ = end;
  }

  // Injects raw LLC bytes on a port as if received from its LAN.
  void inject(int b, int port_no, const std::vector<uint8_t>& llc) {
    engine(b).receive_bpdu(port_no, llc.data(), llc.size(), now_);
    deliver();
  }

  // Whether the forwarding ports form a spanning tree: bridges and LANs (with a port up) are
  // nodes, forwarding ports are edges; the graph must be connected and acyclic.
  bool forwarding_is_spanning_tree() {
    int nb = int(bridges_.size());
    std::vector<int> parent(nb + lans_.size());
    for (size_t i = 0; i < parent.size(); ++i) parent[i] = int(i);
    auto find = [&](int x) {
      while (parent[x] != x) x = parent[x] = parent[parent[x]];
      return x;
    };
    std::set<int> live_lans;
    for (size_t l = 0; l < lans_.size(); ++l)
      for (auto& bp : lans_[l].ports)
        if (!down_.count(bp)) live_lans.insert(int(l));
    for (size_t l = 0; l < lans_.size(); ++l)
      for (auto& [b, p] : lans_[l].ports) {
        if (down_.count({b, p}) || engine(b).port_state(p) != StpPortState::kForwarding) continue;
        int x = find(b), y = find(nb + int(l));
        if (x == y) return false;  // a loop
        parent[x] = y;
      }
    int root = find(0);
    for (int b = 0; b < nb; ++b)
      if (find(b) != root) return false;
    for (int l : live_lans)
      if (find(nb + l) != root) return false;
    return true;
  }

  uint64_t deliveries() const { return deliveries_; }

 private:
  struct Lan {
    std::string name;
    std::set<std::pair<int, int>> ports;
  };
  struct InFlight {
    int lan, from_bridge, from_port;
    std::vector<uint8_t> bytes;
  };

  void transmit(int b, int port_no, std::vector<uint8_t> bytes) {
    auto it = port_lan_.find({b, port_no});
    if (it == port_lan_.end() || down_.count({b, port_no})) return;
    queue_.push_back({it->second, b, port_no, std::move(bytes)});
  }

  void deliver() {
    int guard = 0;
    while (!queue_.empty()) {
      InFlight f = std::move(queue_.front());
      queue_.pop_front();
      for (auto& [b, p] : lans_[f.lan].ports) {
        if ((b == f.from_bridge && p == f.from_port) || down_.count({b, p})) continue;
        ++deliveries_;
        engine(b).receive_bpdu(p, f.bytes.data(), f.bytes.size(), now_);
      }
      if (++guard > 100000) {
        ADD_FAILURE() << "BPDU storm at t=" << now_;
        queue_.clear();
      }
    }
  }

  Nanos now_ = 0;
  std::vector<std::unique_ptr<Bridge>> bridges_;
  std::vector<Lan> lans_;
  std::map<std::pair<int, int>, int> port_lan_;
  std::set<std::pair<int, int>> down_;
  std::deque<InFlight> queue_;
  uint64_t deliveries_ = 0;
};

}  // namespace uvn::proto::test
