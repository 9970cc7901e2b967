#include "wire/lacp.h"

#include <cstring>

#include "base/be.h"
#include "wire/ethernet.h"

namespace uvn::wire {
namespace {

// Offsets from the subtype (802.1AX-2008 Figure 5-8 and Figure 5-17).
constexpr size_t kOffActorTlv = 2;
constexpr size_t kOffActorInfo = 4;
constexpr size_t kOffPartnerTlv = 22;
constexpr size_t kOffPartnerInfo = 24;
constexpr size_t kOffCollectorTlv = 42;
constexpr size_t kOffCollectorDelay = 44;
constexpr size_t kOffTerminator = 58;
constexpr size_t kOffMarkerPort = 4;
constexpr size_t kOffMarkerSystem = 6;
constexpr size_t kOffMarkerTransaction = 12;
constexpr size_t kOffMarkerTerminator = 18;

}  // namespace

LacpInfo LacpInfo::from_bytes(const uint8_t* p) {
  LacpInfo i;
  i.system_priority = load_be16(p);
  i.system = MacAddr::from_bytes(p + 2);
  i.key = load_be16(p + 8);
  i.port_priority = load_be16(p + 10);
  i.port = load_be16(p + 12);
  i.state = p[14];
  return i;
}

void LacpInfo::to_bytes(uint8_t* out) const {
  store_be16(out, system_priority);
  std::memcpy(out + 2, system.b.data(), 6);
  store_be16(out + 8, key);
  store_be16(out + 10, port_priority);
  store_be16(out + 12, port);
  out[14] = state;
}

std::optional<LacpduView> LacpduView::parse(const uint8_t* p, size_t len) {
  if (p == nullptr || len < kLacpduLen || p[0] != kSlowSubtypeLacp) return std::nullopt;
  if (p[kOffActorTlv + 1] != kLacpInfoLen || p[kOffPartnerTlv + 1] != kLacpInfoLen ||
      p[kOffCollectorTlv + 1] != kLacpCollectorLen)
    return std::nullopt;
  return LacpduView(p, len);
}

uint16_t LacpduView::collector_max_delay() const {
  return load_be16(p_ + kOffCollectorDelay);
}

LacpduRepr LacpduRepr::parse(const LacpduView& v) {
  LacpduRepr r;
  r.version = v.version();
  r.actor = v.actor();
  r.partner = v.partner();
  r.collector_max_delay = v.collector_max_delay();
  return r;
}

void LacpduRepr::emit(uint8_t* out) const {
  std::memset(out, 0, kLacpduLen);
  out[0] = kSlowSubtypeLacp;
  out[1] = version;
  out[kOffActorTlv] = kLacpTlvActor;
  out[kOffActorTlv + 1] = kLacpInfoLen;
  actor.to_bytes(out + kOffActorInfo);
  out[kOffPartnerTlv] = kLacpTlvPartner;
  out[kOffPartnerTlv + 1] = kLacpInfoLen;
  partner.to_bytes(out + kOffPartnerInfo);
  out[kOffCollectorTlv] = kLacpTlvCollector;
  out[kOffCollectorTlv + 1] = kLacpCollectorLen;
  store_be16(out + kOffCollectorDelay, collector_max_delay);
  out[kOffTerminator] = kLacpTlvTerminator;
  out[kOffTerminator + 1] = 0;
}

size_t LacpduRepr::emit_frame(const MacAddr& src, uint8_t* out) const {
  emit(out + kEthernetHeaderLen);
  return emit_slow_frame_header(src, kLacpduLen, out);
}

std::optional<MarkerView> MarkerView::parse(const uint8_t* p, size_t len) {
  if (p == nullptr || len < kMarkerPduLen || p[0] != kSlowSubtypeMarker) return std::nullopt;
  if (p[2] != kMarkerTlvInformation && p[2] != kMarkerTlvResponse) return std::nullopt;
  if (p[3] != kMarkerInfoLen) return std::nullopt;
  return MarkerView(p, len);
}

uint16_t MarkerView::requester_port() const {
  return load_be16(p_ + kOffMarkerPort);
}

uint32_t MarkerView::requester_transaction_id() const {
  return load_be32(p_ + kOffMarkerTransaction);
}

MarkerRepr MarkerRepr::parse(const MarkerView& v) {
  MarkerRepr r;
  r.version = v.version();
  r.response = v.is_response();
  r.requester_port = v.requester_port();
  r.requester_system = v.requester_system();
  r.requester_transaction_id = v.requester_transaction_id();
  return r;
}

void MarkerRepr::emit(uint8_t* out) const {
  std::memset(out, 0, kMarkerPduLen);
  out[0] = kSlowSubtypeMarker;
  out[1] = version;
  out[2] = response ? kMarkerTlvResponse : kMarkerTlvInformation;
  out[3] = kMarkerInfoLen;
  store_be16(out + kOffMarkerPort, requester_port);
  std::memcpy(out + kOffMarkerSystem, requester_system.b.data(), 6);
  store_be32(out + kOffMarkerTransaction, requester_transaction_id);
  out[kOffMarkerTerminator] = kLacpTlvTerminator;
  out[kOffMarkerTerminator + 1] = 0;
}

size_t MarkerRepr::emit_frame(const MacAddr& src, uint8_t* out) const {
  emit(out + kEthernetHeaderLen);
  return emit_slow_frame_header(src, kMarkerPduLen, out);
}

size_t emit_slow_frame_header(const MacAddr& src, size_t pdu_len, uint8_t* out) {
  EthernetRepr{kSlowProtocolsMac, src, kEtherTypeSlow}.emit(out);
  size_t n = kEthernetHeaderLen + pdu_len;
  if (n < kEthernetMinFrameLen) {
    std::memset(out + n, 0, kEthernetMinFrameLen - n);
    n = kEthernetMinFrameLen;
  }
  return n;
}

SlowPdu classify_slow_frame(const uint8_t* frame, size_t len) {
  auto eth = EthernetView::parse(frame, len);
  if (!eth || eth->ethertype() != kEtherTypeSlow || eth->dst() != kSlowProtocolsMac) return {};
  SlowPdu r{SlowPduKind::kIllegal, eth->payload(), eth->payload_len()};
  if (r.len == 0) return r;
  uint8_t subtype = r.data[0];
  if (subtype == kSlowSubtypeLacp) {
    if (LacpduView::parse(r.data, r.len)) r.kind = SlowPduKind::kLacpdu;
    return r;
  }
  if (subtype == kSlowSubtypeMarker) {
    if (r.len < kMarkerPduLen) return r;
    uint8_t tlv = r.data[2];
    if (tlv != kMarkerTlvInformation && tlv != kMarkerTlvResponse) {
      r.kind = SlowPduKind::kMarkerUnknown;
      return r;
    }
    if (!MarkerView::parse(r.data, r.len)) return r;
    r.kind =
        tlv == kMarkerTlvResponse ? SlowPduKind::kMarkerResponse : SlowPduKind::kMarkerInformation;
    return r;
  }
  if (subtype != 0 && subtype <= kSlowSubtypeMax) r.kind = SlowPduKind::kUnknownSubtype;
  return r;
}

}  // namespace uvn::wire
