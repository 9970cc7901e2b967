// Stp: BPDU reception (validation, BPDU guard) and transmission (br_stp_bpdu.c's part).
#include <algorithm>

#include "proto/stp/stp.h"
#include "proto/stp/stp_internal.h"
#include "wire/bpdu.h"

namespace uvn::proto {

void Stp::receive_bpdu(int port_no, const uint8_t* llc, size_t len, Nanos now) {
  run_timers(now);
  Port* p = find_port(port_no);
  if (!p) return;
  // The LLC header and the 4-octet BPDU header first, as Linux's LLC layer and br_stp_rcv.
  if (llc == nullptr || len < wire::kLlcHeaderLen + wire::kBpduHeaderLen ||
      llc[0] != wire::kLlcSapStp || llc[1] != wire::kLlcSapStp || llc[2] != wire::kLlcUi ||
      llc[3] != 0 || llc[4] != 0) {
    ++p->counters.rx_bad;
    return;
  }
  if (llc[5] != wire::kBpduVersionStp || !enabled_ || !up_ || p->state == StpPortState::kDisabled) {
    ++p->counters.rx_dropped;
    return;
  }
  if (p->guard) {
    ++p->counters.guard_trips;
    disable_port(*p, now);
    return;
  }
  auto view = wire::BpduView::parse_llc(llc, len);
  auto bpdu = view ? wire::BpduRepr::parse(*view) : std::nullopt;
  if (!bpdu || bpdu->type == wire::BpduType::kRst) {
    ++p->counters.rx_bad;  // truncated, or a type kernel STP does not know
    return;
  }
  if (bpdu->type == wire::BpduType::kTcn) {
    received_tcn_bpdu(*p, now);
    return;
  }
  if (bpdu->message_age > bpdu->max_age) {
    ++p->counters.rx_bad;
    return;
  }
  ConfigBpdu b;
  b.tc = bpdu->tc();
  b.tc_ack = bpdu->tc_ack();
  b.root = bpdu->root_id;
  b.root_path_cost = bpdu->root_path_cost;
  b.bridge_id = bpdu->bridge_id;
  b.port_id = bpdu->port_id;
  b.message_age = bpdu_time_to_nanos(bpdu->message_age);
  b.max_age = bpdu_time_to_nanos(bpdu->max_age);
  b.hello_time = bpdu_time_to_nanos(bpdu->hello_time);
  b.forward_delay = bpdu_time_to_nanos(bpdu->forward_delay);
  received_config_bpdu(*p, b, now);
}

void Stp::transmit_config(Port& p, Nanos now) {
  if (p.hold_timer.pending()) {
    p.config_pending = true;
    return;
  }
  ConfigBpdu b;
  b.tc = topology_change_;
  b.tc_ack = p.topology_change_ack;
  b.root = designated_root_;
  b.root_path_cost = root_path_cost_;
  b.bridge_id = bridge_id_;
  b.port_id = p.port_id;
  if (!is_root_bridge()) {
    if (const Port* root = find_port(root_port_))
      b.message_age = now - root->designated_age + kStpMessageAgeIncr;
  }
  b.max_age = max_age_;
  b.hello_time = hello_time_;
  b.forward_delay = forward_delay_;
  if (b.message_age >= max_age_) return;
  send_config_bpdu(p, b);
  p.topology_change_ack = false;
  p.config_pending = false;
  if (enabled_) p.hold_timer.arm(now + kStpHoldTime);
}

void Stp::transmit_tcn(Nanos) {
  if (Port* root = find_port(root_port_)) send_tcn_bpdu(*root);
}

void Stp::send_config_bpdu(Port& p, const ConfigBpdu& b) {
  if (!enabled_) return;
  wire::BpduRepr r;
  r.type = wire::BpduType::kConfig;
  r.version = wire::kBpduVersionStp;
  r.set_flag(wire::kBpduFlagTc, b.tc);
  r.set_flag(wire::kBpduFlagTcAck, b.tc_ack);
  r.root_id = b.root;
  r.root_path_cost = b.root_path_cost;
  r.bridge_id = b.bridge_id;
  r.port_id = b.port_id;
  r.message_age = nanos_to_bpdu_time(b.message_age);
  r.max_age = nanos_to_bpdu_time(b.max_age);
  r.hello_time = nanos_to_bpdu_time(b.hello_time);
  r.forward_delay = nanos_to_bpdu_time(b.forward_delay);
  uint8_t buf[wire::kLlcHeaderLen + wire::kBpduConfigLen];
  r.emit_llc(buf);
  ++p.counters.tx_bpdu;
  sink_.send_bpdu(p.port_no, buf, sizeof(buf));
}

void Stp::send_tcn_bpdu(Port& p) {
  if (!enabled_) return;
  uint8_t buf[wire::kLlcHeaderLen + wire::kBpduTcnLen];
  wire::BpduRepr::tcn().emit_llc(buf);
  ++p.counters.tx_tcn;
  sink_.send_bpdu(p.port_no, buf, sizeof(buf));
}

}  // namespace uvn::proto
