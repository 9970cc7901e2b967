// IEEE 802.3 Slow Protocols (Annex 43B: EtherType 0x8809, group address 01:80:C2:00:00:02)
// carrying the two PDUs of IEEE 802.1AX-2008 clause 5 (802.1AX-2014 clause 6): the LACPDU
// (subtype 1, 5.4.2.2) and the Marker PDU (subtype 2, 5.5.3.2: Marker Information and Marker
// Response). Both are 110 octets from the subtype on, so a frame is 124 octets without FCS.
//
// LacpduView/MarkerView wrap untrusted bytes from the subtype on and check the length once;
// LacpduRepr/MarkerRepr hold the fields and emit them (reserved octets and padding as zeros).
// classify_slow_frame() sorts a received Ethernet frame the way a bond needs it.
//
// Validation, chosen after 802.3-2005 43.4.12 (version number, TLV types and reserved fields
// are not checked on receipt) and 802.1AX-2014's forward-compatibility rule (a LACPDU of a
// higher version is processed as far as version 1 defines it):
// * A LACPDU is legal when it has its 110 octets and its Actor, Partner and Collector
//   Information Length fields are 20, 20 and 16. Version (0, 1, 2, anything), the TLV types,
//   the Terminator and every reserved octet are not looked at, so a version 2 LACPDU of
//   802.1AX-2014 (longer, with more TLVs before the Terminator) is read as its version 1 part.
// * A Marker PDU is legal when it has 110 octets and its Information Length is 16; a TLV type
//   other than 1 (Information) or 2 (Response) is "marker unknown" (Linux's marker_unknown_rx).
// * Other subtypes 3..10 (OAM, OSSP, ...) are "unknown subtype"; subtype 0 and 11..255 are
//   illegal values (802.3 Annex 43B). Frames to another destination than 01:80:C2:00:00:02
//   are not slow-protocol frames to us (Linux passes them on).
// Where Linux differs: it only checks that 110 octets are there (no length fields).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "base/mac.h"

namespace uvn::wire {

// 01:80:C2:00:00:02, the Slow_Protocols_Multicast address (802.3 Annex 43B).
inline constexpr MacAddr kSlowProtocolsMac{{0x01, 0x80, 0xc2, 0x00, 0x00, 0x02}};

inline constexpr uint8_t kSlowSubtypeLacp = 1;
inline constexpr uint8_t kSlowSubtypeMarker = 2;
inline constexpr uint8_t kSlowSubtypeMax = 10;  // 11..255 are illegal values, as is 0

inline constexpr size_t kLacpduLen = 110;  // from the subtype to the end of the padding
inline constexpr size_t kMarkerPduLen = 110;
inline constexpr size_t kSlowFrameLen = 124;  // Ethernet header + 110; above the 60 minimum

inline constexpr uint8_t kLacpVersion = 1;
inline constexpr uint8_t kLacpTlvActor = 1;
inline constexpr uint8_t kLacpTlvPartner = 2;
inline constexpr uint8_t kLacpTlvCollector = 3;
inline constexpr uint8_t kLacpTlvTerminator = 0;
inline constexpr uint8_t kLacpInfoLen = 20;       // Actor and Partner Information Length
inline constexpr uint8_t kLacpCollectorLen = 16;  // Collector Information Length
inline constexpr uint8_t kMarkerTlvInformation = 1;
inline constexpr uint8_t kMarkerTlvResponse = 2;
inline constexpr uint8_t kMarkerInfoLen = 16;

// Actor_State / Partner_State bits (802.1AX 5.4.2.2 item m).
inline constexpr uint8_t kLacpStateActivity = 0x01;     // 1: active LACP
inline constexpr uint8_t kLacpStateTimeout = 0x02;      // 1: short timeout (fast rate)
inline constexpr uint8_t kLacpStateAggregation = 0x04;  // 1: aggregatable, 0: individual
inline constexpr uint8_t kLacpStateSynchronization = 0x08;
inline constexpr uint8_t kLacpStateCollecting = 0x10;
inline constexpr uint8_t kLacpStateDistributing = 0x20;
inline constexpr uint8_t kLacpStateDefaulted = 0x40;
inline constexpr uint8_t kLacpStateExpired = 0x80;

// The Actor or Partner Information of a LACPDU: a system (priority, MAC), a key and a port
// (priority, number) with its state bits. Also what the protocol engine keeps per side.
struct LacpInfo {
  uint16_t system_priority = 0;
  MacAddr system;
  uint16_t key = 0;
  uint16_t port_priority = 0;
  uint16_t port = 0;
  uint8_t state = 0;

  // Writes / reads the 18 octets after the TLV type and length (reserved octets excluded).
  static LacpInfo from_bytes(const uint8_t* p);
  void to_bytes(uint8_t* out) const;
  friend bool operator==(const LacpInfo&, const LacpInfo&) = default;
};

class LacpduView {
 public:
  // From the subtype on. nullopt unless subtype 1, at least 110 octets and Information Length
  // fields 20/20/16 (see the header comment).
  static std::optional<LacpduView> parse(const uint8_t* p, size_t len);

  uint8_t subtype() const { return p_[0]; }
  uint8_t version() const { return p_[1]; }
  uint8_t actor_tlv_type() const { return p_[2]; }
  uint8_t partner_tlv_type() const { return p_[22]; }
  uint8_t collector_tlv_type() const { return p_[42]; }
  uint8_t terminator_tlv_type() const { return p_[58]; }
  uint8_t terminator_len() const { return p_[59]; }
  LacpInfo actor() const { return LacpInfo::from_bytes(p_ + 4); }
  LacpInfo partner() const { return LacpInfo::from_bytes(p_ + 24); }
  uint16_t collector_max_delay() const;  // tens of microseconds
  const uint8_t* data() const { return p_; }
  size_t len() const { return len_; }

 private:
  LacpduView(const uint8_t* p, size_t len) : p_(p), len_(len) {}
  const uint8_t* p_;
  size_t len_;
};

struct LacpduRepr {
  uint8_t version = kLacpVersion;
  LacpInfo actor;
  LacpInfo partner;
  uint16_t collector_max_delay = 0;

  static LacpduRepr parse(const LacpduView& v);
  // Writes kLacpduLen octets from the subtype on: the version 1 TLV layout, reserved zero.
  void emit(uint8_t* out) const;
  // A whole frame to 01:80:C2:00:00:02 from `src`: kSlowFrameLen octets.
  size_t emit_frame(const MacAddr& src, uint8_t* out) const;
  friend bool operator==(const LacpduRepr&, const LacpduRepr&) = default;
};

class MarkerView {
 public:
  // From the subtype on. nullopt unless subtype 2, at least 110 octets, TLV type 1 or 2 and
  // Information Length 16.
  static std::optional<MarkerView> parse(const uint8_t* p, size_t len);

  uint8_t version() const { return p_[1]; }
  uint8_t tlv_type() const { return p_[2]; }
  bool is_response() const { return p_[2] == kMarkerTlvResponse; }
  uint16_t requester_port() const;
  MacAddr requester_system() const { return MacAddr::from_bytes(p_ + 6); }
  uint32_t requester_transaction_id() const;
  const uint8_t* data() const { return p_; }
  size_t len() const { return len_; }

 private:
  MarkerView(const uint8_t* p, size_t len) : p_(p), len_(len) {}
  const uint8_t* p_;
  size_t len_;
};

struct MarkerRepr {
  uint8_t version = kLacpVersion;
  bool response = false;  // TLV type 2 (Marker Response) instead of 1 (Marker Information)
  uint16_t requester_port = 0;
  MacAddr requester_system;
  uint32_t requester_transaction_id = 0;

  static MarkerRepr parse(const MarkerView& v);
  // The Marker Responder's answer (5.5.3.1): the same fields with TLV type 2.
  MarkerRepr as_response() const {
    MarkerRepr r = *this;
    r.response = true;
    return r;
  }
  void emit(uint8_t* out) const;  // kMarkerPduLen octets
  size_t emit_frame(const MacAddr& src, uint8_t* out) const;
  friend bool operator==(const MarkerRepr&, const MarkerRepr&) = default;
};

// What a received frame is to a LACP engine (and which counter it feeds).
enum class SlowPduKind : uint8_t {
  kNotSlow,            // not EtherType 0x8809 to 01:80:C2:00:00:02 (or shorter than a header)
  kLacpdu,             // a legal LACPDU (any version)
  kMarkerInformation,  // a legal Marker Information PDU
  kMarkerResponse,     // a legal Marker Response PDU
  kMarkerUnknown,      // subtype 2 with a TLV type other than 1 and 2
  kUnknownSubtype,     // another slow protocol (subtype 3..10)
  kIllegal,            // truncated, bad Information Length, or subtype 0 / 11..255
};

struct SlowPdu {
  SlowPduKind kind = SlowPduKind::kNotSlow;
  const uint8_t* data = nullptr;  // from the subtype on (set unless kNotSlow)
  size_t len = 0;                 // to the end of the frame (padding included)
};

// Classifies a whole Ethernet frame (no FCS). Untagged frames only: a VLAN tag in front makes
// it kNotSlow, as slow protocols are never tagged.
SlowPdu classify_slow_frame(const uint8_t* frame, size_t len);

// Writes the Ethernet header of a slow-protocol frame (to 01:80:C2:00:00:02, EtherType 0x8809)
// and zero-pads a `pdu_len`-octet PDU already at out + 14 to the 60-octet minimum. Returns the
// frame length.
size_t emit_slow_frame_header(const MacAddr& src, size_t pdu_len, uint8_t* out);

}  // namespace uvn::wire
