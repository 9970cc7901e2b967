// Fuzzes classify_slow_frame, LacpduView/LacpduRepr and MarkerView/MarkerRepr: the input is
// tried as a whole Ethernet frame and as a PDU from the subtype on. Every accepted PDU
// re-emits, re-parses to the same Repr, and its emitted octets match the input's in every
// field the Repr carries (TLV headers included for version 1 LACPDUs).
#include <cstdint>
#include <cstring>

#include "wire/ethernet.h"
#include "wire/lacp.h"

using namespace uvn::wire;  // NOLINT

static void check_lacpdu(const uint8_t* data, size_t size) {
  auto v = LacpduView::parse(data, size);
  if (!v) return;
  if (v->len() != size || size < kLacpduLen) __builtin_trap();
  LacpduRepr r = LacpduRepr::parse(*v);
  uint8_t out[kSlowFrameLen];
  size_t n = r.emit_frame(uvn::MacAddr{{2, 0, 0, 0, 0, 1}}, out);
  if (n != kSlowFrameLen) __builtin_trap();
  const uint8_t* pdu = out + kEthernetHeaderLen;
  // Subtype, version, Information Lengths and the information fields are the input's.
  if (pdu[0] != data[0] || pdu[1] != data[1] || pdu[3] != data[3] || pdu[23] != data[23] ||
      pdu[43] != data[43])
    __builtin_trap();
  if (std::memcmp(pdu + 4, data + 4, 15) != 0 || std::memcmp(pdu + 24, data + 24, 15) != 0 ||
      std::memcmp(pdu + 44, data + 44, 2) != 0)
    __builtin_trap();
  SlowPdu s = classify_slow_frame(out, n);
  if (s.kind != SlowPduKind::kLacpdu) __builtin_trap();
  auto v2 = LacpduView::parse(s.data, s.len);
  if (!v2 || !(LacpduRepr::parse(*v2) == r)) __builtin_trap();
}

static void check_marker(const uint8_t* data, size_t size) {
  auto v = MarkerView::parse(data, size);
  if (!v) return;
  MarkerRepr m = MarkerRepr::parse(*v);
  uint8_t out[kSlowFrameLen];
  size_t n = m.emit_frame(uvn::MacAddr{{2, 0, 0, 0, 0, 2}}, out);
  if (std::memcmp(out + kEthernetHeaderLen, data, 16) != 0) __builtin_trap();
  SlowPdu s = classify_slow_frame(out, n);
  SlowPduKind want = m.response ? SlowPduKind::kMarkerResponse : SlowPduKind::kMarkerInformation;
  if (s.kind != want) __builtin_trap();
  auto v2 = MarkerView::parse(s.data, s.len);
  if (!v2 || !(MarkerRepr::parse(*v2) == m)) __builtin_trap();
  if (!(MarkerRepr::parse(*v2).as_response().response)) __builtin_trap();
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  check_lacpdu(data, size);
  check_marker(data, size);
  SlowPdu s = classify_slow_frame(data, size);
  switch (s.kind) {
    case SlowPduKind::kNotSlow:
      if (s.data != nullptr) __builtin_trap();
      return 0;
    case SlowPduKind::kLacpdu:
      if (!LacpduView::parse(s.data, s.len)) __builtin_trap();
      break;
    case SlowPduKind::kMarkerInformation:
    case SlowPduKind::kMarkerResponse:
      if (!MarkerView::parse(s.data, s.len)) __builtin_trap();
      break;
    case SlowPduKind::kMarkerUnknown:
    case SlowPduKind::kUnknownSubtype:
    case SlowPduKind::kIllegal:
      if (LacpduView::parse(s.data, s.len) || MarkerView::parse(s.data, s.len)) __builtin_trap();
      break;
  }
  if (s.data != data + kEthernetHeaderLen || s.len + kEthernetHeaderLen != size) __builtin_trap();
  check_lacpdu(s.data, s.len);
  check_marker(s.data, s.len);
  return 0;
}
