#include "wire/bpdu.h"

#include <fmt/format.h>

#include <cstring>

#include "base/be.h"
#include "wire/ethernet.h"

namespace uvn::wire {

BridgeId BridgeId::from_bytes(const uint8_t* p) {
  return BridgeId{load_be16(p), MacAddr::from_bytes(p + 2)};
}

void BridgeId::to_bytes(uint8_t* out) const {
  store_be16(out, priority);
  std::memcpy(out + 2, mac.b.data(), 6);
}

std::string BridgeId::format() const {
  return fmt::format("{:02x}{:02x}.{}", priority >> 8, priority & 0xff, mac.format_unpadded());
}

std::optional<BpduView> BpduView::parse(const uint8_t* p, size_t len) {
  if (p == nullptr || len < kBpduHeaderLen) return std::nullopt;
  uint8_t type = p[3];
  if (type == uint8_t(BpduType::kConfig) && len < kBpduConfigLen) return std::nullopt;
  if (type == uint8_t(BpduType::kRst) && len < kBpduRstLen) return std::nullopt;
  return BpduView(p, len);
}

std::optional<BpduView> BpduView::parse_llc(const uint8_t* p, size_t len) {
  if (p == nullptr || len < kLlcHeaderLen) return std::nullopt;
  if (p[0] != kLlcSapStp || p[1] != kLlcSapStp || p[2] != kLlcUi) return std::nullopt;
  return parse(p + kLlcHeaderLen, len - kLlcHeaderLen);
}

uint16_t BpduView::protocol_id() const {
  return load_be16(p_);
}
uint32_t BpduView::root_path_cost() const {
  return load_be32(p_ + 13);
}
uint16_t BpduView::port_id() const {
  return load_be16(p_ + 25);
}
uint16_t BpduView::message_age() const {
  return load_be16(p_ + 27);
}
uint16_t BpduView::max_age() const {
  return load_be16(p_ + 29);
}
uint16_t BpduView::hello_time() const {
  return load_be16(p_ + 31);
}
uint16_t BpduView::forward_delay() const {
  return load_be16(p_ + 33);
}

std::optional<BpduRepr> BpduRepr::parse(const BpduView& v) {
  if (v.protocol_id() != 0) return std::nullopt;
  BpduRepr r;
  r.version = v.version();
  switch (v.type()) {
    case uint8_t(BpduType::kTcn):
      r.type = BpduType::kTcn;
      return r;
    case uint8_t(BpduType::kConfig):
      r.type = BpduType::kConfig;
      break;
    case uint8_t(BpduType::kRst):
      r.type = BpduType::kRst;
      r.version1_length = v.version1_length();
      break;
    default:
      return std::nullopt;
  }
  r.flags = v.flags();
  r.root_id = v.root_id();
  r.root_path_cost = v.root_path_cost();
  r.bridge_id = v.bridge_id();
  r.port_id = v.port_id();
  r.message_age = v.message_age();
  r.max_age = v.max_age();
  r.hello_time = v.hello_time();
  r.forward_delay = v.forward_delay();
  return r;
}

BpduRepr BpduRepr::tcn(uint8_t version) {
  BpduRepr r;
  r.type = BpduType::kTcn;
  r.version = version;
  return r;
}

size_t BpduRepr::buffer_len() const {
  switch (type) {
    case BpduType::kTcn:
      return kBpduTcnLen;
    case BpduType::kRst:
      return kBpduRstLen;
    case BpduType::kConfig:
      break;
  }
  return kBpduConfigLen;
}

void BpduRepr::emit(uint8_t* out) const {
  store_be16(out, 0);
  out[2] = version;
  out[3] = uint8_t(type);
  if (type == BpduType::kTcn) return;
  out[4] = flags;
  root_id.to_bytes(out + 5);
  store_be32(out + 13, root_path_cost);
  bridge_id.to_bytes(out + 17);
  store_be16(out + 25, port_id);
  store_be16(out + 27, message_age);
  store_be16(out + 29, max_age);
  store_be16(out + 31, hello_time);
  store_be16(out + 33, forward_delay);
  if (type == BpduType::kRst) out[35] = version1_length;
}

void emit_bpdu_llc_header(uint8_t* out) {
  out[0] = kLlcSapStp;
  out[1] = kLlcSapStp;
  out[2] = kLlcUi;
}

void BpduRepr::emit_llc(uint8_t* out) const {
  emit_bpdu_llc_header(out);
  emit(out + kLlcHeaderLen);
}

size_t bpdu_frame_len(size_t llc_len) {
  return kEthernetHeaderLen + llc_len;
}

size_t emit_bpdu_frame(const MacAddr& src, const uint8_t* llc, size_t llc_len, uint8_t* out,
                       const MacAddr& dst) {
  if (llc_len > 0) std::memmove(out + kEthernetHeaderLen, llc, llc_len);
  EthernetRepr{dst, src, uint16_t(llc_len)}.emit(out);
  return kEthernetHeaderLen + llc_len;
}

std::optional<LlcPayload> bpdu_llc_payload(const uint8_t* frame, size_t len) {
  auto eth = EthernetView::parse(frame, len);
  if (!eth) return std::nullopt;
  uint16_t length = eth->ethertype();
  if (!ethertype_is_length(length) || length < kLlcHeaderLen || length > eth->payload_len())
    return std::nullopt;
  const uint8_t* p = eth->payload();
  if (p[0] != kLlcSapStp || p[1] != kLlcSapStp || p[2] != kLlcUi) return std::nullopt;
  return LlcPayload{p, length};
}

}  // namespace uvn::wire
