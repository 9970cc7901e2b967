// LACP engines wired back to back on a fake clock: nodes (systems) own an engine each, links
// join one port of one node to one port of another (or the same) node, and every frame a port
// sends reaches the other end at once unless the link is down or silent. The sink only queues
// frames; the net delivers them after the engine call returns (a sink must not call back).
// Time advances from one engine deadline to the next.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "base/mac.h"
#include "base/time.h"
#include "proto/lacp/lacp.h"
#include "wire/lacp.h"

namespace uvn::proto::test {

inline MacAddr lacp_mac(int a, int b) {
  return MacAddr{{0x02, 0x00, 0x00, 0x00, uint8_t(a), uint8_t(b)}};
}

struct SentFrame {
  Nanos at;
  int port_no;
  std::vector<uint8_t> frame;
};

class LacpNet {
 public:
  struct Node : LacpSink {
    LacpNet* net = nullptr;
    int index = 0;
    std::unique_ptr<Lacp> lacp;
    std::vector<SentFrame> sent;
    std::deque<std::pair<int, std::vector<uint8_t>>> outbox;
    std::map<int, std::pair<bool, bool>> datapath;  // as reported: collecting, distributing
    std::vector<std::tuple<Nanos, int, bool, bool>> datapath_log;
    std::map<int, uint16_t> agg;  // as reported
    std::vector<uint16_t> active_log;
    bool carrier = false;
    bool fallback = false;

    void send_frame(int port_no, const uint8_t* f, size_t len) override {
      sent.push_back({net->now(), port_no, std::vector<uint8_t>(f, f + len)});
      outbox.emplace_back(port_no, std::vector<uint8_t>(f, f + len));
    }
    void port_datapath_changed(int port_no, bool c, bool d) override {
      datapath[port_no] = {c, d};
      datapath_log.emplace_back(net->now(), port_no, c, d);
    }
    void port_aggregator_changed(int port_no, uint16_t id) override { agg[port_no] = id; }
    void active_aggregator_changed(uint16_t id) override { active_log.push_back(id); }
    void carrier_changed(bool up) override { carrier = up; }
    void fallback_changed(bool on) override { fallback = on; }
  };

  struct Link {
    int a, pa, b, pb;
    bool up = true;
    bool silent = false;  // frames are lost, carrier stays
  };

  Nanos now() const { return now_; }
  Node& node(int n) { return *nodes_.at(n); }
  Lacp& lacp(int n) { return *nodes_.at(n)->lacp; }

  // A system with MAC lacp_mac(0xff, number) unless cfg.system is set.
  int add_node(int number, LacpConfig cfg = {}) {
    auto n = std::make_unique<Node>();
    n->net = this;
    n->index = int(nodes_.size());
    if (cfg.system.is_zero()) cfg.system = lacp_mac(0xff, number);
    n->lacp = std::make_unique<Lacp>(*n, cfg);
    nodes_.push_back(std::move(n));
    return int(nodes_.size()) - 1;
  }

  void add_port(int n, int port_no, const LacpPortConfig& cfg = {}) {
    lacp(n).add_port(port_no, port_mac(n, port_no), cfg, now_);
    deliver();
  }
  static MacAddr port_mac(int n, int port_no) { return lacp_mac(n + 1, port_no); }

  // Cables two ports and brings both links up; a silent link loses every frame.
  int connect(int a, int pa, int b, int pb, bool silent = false) {
    links_.push_back({a, pa, b, pb, true, silent});
    lacp(a).set_port_enabled(pa, true, now_);
    lacp(b).set_port_enabled(pb, true, now_);
    deliver();
    return int(links_.size()) - 1;
  }
  // Carrier of both ends.
  void set_link(int l, bool up) {
    Link& k = links_.at(l);
    k.up = up;
    lacp(k.a).set_port_enabled(k.pa, up, now_);
    lacp(k.b).set_port_enabled(k.pb, up, now_);
    deliver();
  }
  // Frames lost in both directions, carrier unchanged (a partner that went quiet).
  void set_silent(int l, bool silent) {
    links_.at(l).silent = silent;
    deliver();
  }
  // Moves one end of a link to another port of the same node (carrier: old down, new up).
  void move_end_b(int l, int new_pb) {
    Link& k = links_.at(l);
    lacp(k.b).set_port_enabled(k.pb, false, now_);
    k.pb = new_pb;
    lacp(k.b).set_port_enabled(new_pb, true, now_);
    deliver();
  }

  // A frame received on a port from outside (injected).
  bool inject(int n, int port_no, const std::vector<uint8_t>& f) {
    bool consumed = lacp(n).receive(port_no, f.data(), f.size(), now_);
    deliver();
    return consumed;
  }

  void run_until(Nanos t) {
    deliver();
    for (int guard = 0; guard < 10'000'000; ++guard) {
      Nanos d = kForever;
      for (auto& n : nodes_) d = std::min(d, n->lacp->next_deadline());
      if (d > t) break;
      now_ = std::max(d, now_);
      for (auto& n : nodes_) n->lacp->tick(now_);
      deliver();
    }
    now_ = std::max(now_, t);
    for (auto& n : nodes_) n->lacp->tick(now_);
    deliver();
  }
  void run_for(Nanos d) { run_until(now_ + d); }

  // Delivers queued frames until every outbox is empty.
  void deliver() {
    for (int round = 0; round < 100000; ++round) {
      bool any = false;
      for (auto& n : nodes_) {
        while (!n->outbox.empty()) {
          auto [port_no, frame] = std::move(n->outbox.front());
          n->outbox.pop_front();
          any = true;
          const Link* k = link_of(n->index, port_no);
          if (k == nullptr || !k->up || k->silent) continue;
          bool at_a = k->a == n->index && k->pa == port_no;
          int peer = at_a ? k->b : k->a, peer_port = at_a ? k->pb : k->pa;
          lacp(peer).receive(peer_port, frame.data(), frame.size(), now_);
        }
      }
      if (!any) return;
    }
    ADD_FAILURE() << "frames never stop";
  }

  LacpPortStatus st(int n, int port_no) {
    auto s = lacp(n).port_status(port_no);
    EXPECT_TRUE(s) << "no port " << port_no;
    return s ? *s : LacpPortStatus{};
  }

  // LACPDUs node n sent on a port in [from, to).
  std::vector<SentFrame> lacpdus(int n, int port_no, Nanos from = 0, Nanos to = kForever) {
    std::vector<SentFrame> v;
    for (auto& f : node(n).sent) {
      if (f.port_no != port_no || f.at < from || f.at >= to) continue;
      if (wire::classify_slow_frame(f.frame.data(), f.frame.size()).kind ==
          wire::SlowPduKind::kLacpdu)
        v.push_back(f);
    }
    return v;
  }
  // The most LACPDUs node n sent on the port in any window [t, t + window).
  int max_in_window(int n, int port_no, Nanos window = kSec) {
    auto v = lacpdus(n, port_no);
    int best = 0;
    for (size_t i = 0; i < v.size(); ++i) {
      int c = 0;
      for (size_t j = i; j < v.size() && v[j].at < v[i].at + window; ++j) ++c;
      best = std::max(best, c);
    }
    return best;
  }

 private:
  const Link* link_of(int n, int port_no) const {
    for (auto& k : links_)
      if ((k.a == n && k.pa == port_no) || (k.b == n && k.pb == port_no)) return &k;
    return nullptr;
  }

  Nanos now_ = 0;
  std::vector<std::unique_ptr<Node>> nodes_;
  std::vector<Link> links_;
};

// Decodes an LACPDU frame (the test fails when it is not one).
inline wire::LacpduRepr decode_lacpdu(const std::vector<uint8_t>& f) {
  wire::SlowPdu s = wire::classify_slow_frame(f.data(), f.size());
  EXPECT_EQ(s.kind, wire::SlowPduKind::kLacpdu);
  auto v = wire::LacpduView::parse(s.data, s.len);
  return v ? wire::LacpduRepr::parse(*v) : wire::LacpduRepr{};
}

inline std::vector<uint8_t> lacpdu_frame(const wire::LacpduRepr& r, const MacAddr& src) {
  std::vector<uint8_t> f(wire::kSlowFrameLen);
  f.resize(r.emit_frame(src, f.data()));
  return f;
}

}  // namespace uvn::proto::test
