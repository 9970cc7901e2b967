// Spanning-tree BPDUs (IEEE 802.1D-2004 clause 9): the Configuration BPDU (35 octets, type
// 0x00), the Topology Change Notification BPDU (4 octets, type 0x80) and the RST BPDU (36
// octets, version 2, type 0x02) of 802.1D-2004 9.3.1-9.3.3. BPDUs travel in IEEE 802.2 LLC
// UI frames (DSAP = SSAP = 0x42, control 0x03) inside an IEEE 802.3 length-encoded Ethernet
// frame to the Bridge Group Address 01:80:C2:00:00:00.
//
// BpduView wraps untrusted bytes (the BPDU proper, or from the DSAP on with parse_llc()) and
// checks the length for the BPDU type once. BpduRepr holds the decoded fields; parse() accepts
// protocol identifier 0 with a known type and enough octets for it (9.3.4 a-c, ignoring the
// version rules), and leaves version checks to the protocol engines: Linux's kernel STP drops
// every BPDU whose version is not 0, RSTP decodes type 2 only with version >= 2 (an MST BPDU,
// version 3, is read as its RST part). Times are kept as on the wire, in units of 1/256 s.
// emit() writes exactly the fields parse() reads, so a parsed BPDU re-emits to the same Repr.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "base/mac.h"

namespace uvn::wire {

// 01:80:C2:00:00:00, the Bridge Group Address (802.1D-2004 Table 7-10).
inline constexpr MacAddr kBridgeGroupMac{{0x01, 0x80, 0xc2, 0x00, 0x00, 0x00}};

inline constexpr uint8_t kLlcSapStp = 0x42;  // LLC SAP for the Spanning Tree Protocol
inline constexpr uint8_t kLlcUi = 0x03;      // LLC control: Unnumbered Information
inline constexpr size_t kLlcHeaderLen = 3;

inline constexpr size_t kBpduHeaderLen = 4;  // protocol id (2), version (1), type (1)
inline constexpr size_t kBpduTcnLen = 4;
inline constexpr size_t kBpduConfigLen = 35;
inline constexpr size_t kBpduRstLen = 36;

inline constexpr uint8_t kBpduVersionStp = 0;
inline constexpr uint8_t kBpduVersionRstp = 2;
inline constexpr uint8_t kBpduVersionMstp = 3;

enum class BpduType : uint8_t { kConfig = 0x00, kRst = 0x02, kTcn = 0x80 };

// Flag bits of octet 5 (9.3.1, 9.3.3). Configuration BPDUs use only kTc and kTcAck.
inline constexpr uint8_t kBpduFlagTc = 0x01;
inline constexpr uint8_t kBpduFlagProposal = 0x02;
inline constexpr uint8_t kBpduFlagRoleMask = 0x0c;
inline constexpr uint8_t kBpduFlagLearning = 0x10;
inline constexpr uint8_t kBpduFlagForwarding = 0x20;
inline constexpr uint8_t kBpduFlagAgreement = 0x40;
inline constexpr uint8_t kBpduFlagTcAck = 0x80;

// The Port Role field of an RST BPDU (flag bits 3-4).
enum class BpduRole : uint8_t { kUnknown = 0, kAlternateBackup = 1, kRoot = 2, kDesignated = 3 };

// A Bridge Identifier (802.1D-2004 9.2.5): 16-bit priority then the bridge MAC. Compared as the
// 8 octets on the wire, numerically lower is better. Linux carries the whole 16-bit priority
// (no 802.1t system-id extension), and so do we.
struct BridgeId {
  uint16_t priority = 0x8000;
  MacAddr mac;

  static BridgeId from_bytes(const uint8_t* p);
  void to_bytes(uint8_t* out) const;
  uint64_t as_u64() const { return uint64_t(priority) << 48 | mac.as_u64(); }
  // iproute2's form: "8000.2:42:ac:11:0:2" (priority as 4 hex digits, MAC as ether_ntoa).
  std::string format() const;
  friend bool operator==(const BridgeId&, const BridgeId&) = default;
  friend auto operator<=>(const BridgeId& a, const BridgeId& b) {
    return a.as_u64() <=> b.as_u64();
  }
};

class BpduView {
 public:
  // The BPDU proper (from the protocol identifier on). nullopt when shorter than the 4-octet
  // header, or shorter than its type needs (35 for a Configuration BPDU, 36 for an RST BPDU).
  // Other types are accepted with just the header; has_config_fields() is then false.
  static std::optional<BpduView> parse(const uint8_t* p, size_t len);
  // From the LLC DSAP on: nullopt unless DSAP and SSAP are 0x42 and control is UI (0x03), then
  // as parse() on the rest.
  static std::optional<BpduView> parse_llc(const uint8_t* p, size_t len);

  uint16_t protocol_id() const;
  uint8_t version() const { return p_[2]; }
  uint8_t type() const { return p_[3]; }
  // The fields below need has_config_fields() (a Configuration or RST BPDU).
  bool has_config_fields() const { return len_ >= kBpduConfigLen; }
  uint8_t flags() const { return p_[4]; }
  BridgeId root_id() const { return BridgeId::from_bytes(p_ + 5); }
  uint32_t root_path_cost() const;
  BridgeId bridge_id() const { return BridgeId::from_bytes(p_ + 17); }
  uint16_t port_id() const;
  uint16_t message_age() const;  // 1/256 s
  uint16_t max_age() const;
  uint16_t hello_time() const;
  uint16_t forward_delay() const;
  // Needs an RST BPDU (len() >= 36).
  uint8_t version1_length() const { return p_[35]; }
  const uint8_t* data() const { return p_; }
  size_t len() const { return len_; }

 private:
  BpduView(const uint8_t* p, size_t len) : p_(p), len_(len) {}
  const uint8_t* p_;
  size_t len_;
};

struct BpduRepr {
  BpduType type = BpduType::kConfig;
  uint8_t version = kBpduVersionStp;
  uint8_t flags = 0;  // raw octet 5, reserved bits included
  BridgeId root_id;
  uint32_t root_path_cost = 0;
  BridgeId bridge_id;
  uint16_t port_id = 0;
  uint16_t message_age = 0;  // 1/256 s, as on the wire
  uint16_t max_age = 0;
  uint16_t hello_time = 0;
  uint16_t forward_delay = 0;
  uint8_t version1_length = 0;  // RST BPDU only

  // nullopt unless protocol identifier 0 and a known type (config, TCN or RST).
  static std::optional<BpduRepr> parse(const BpduView& v);
  static BpduRepr tcn(uint8_t version = kBpduVersionStp);

  bool tc() const { return flags & kBpduFlagTc; }
  bool tc_ack() const { return flags & kBpduFlagTcAck; }
  bool proposal() const { return flags & kBpduFlagProposal; }
  bool learning() const { return flags & kBpduFlagLearning; }
  bool forwarding() const { return flags & kBpduFlagForwarding; }
  bool agreement() const { return flags & kBpduFlagAgreement; }
  BpduRole role() const { return BpduRole((flags & kBpduFlagRoleMask) >> 2); }
  void set_flag(uint8_t bit, bool on) { flags = on ? uint8_t(flags | bit) : uint8_t(flags & ~bit); }
  void set_role(BpduRole r) {
    flags = uint8_t((flags & ~kBpduFlagRoleMask) | (uint8_t(r) << 2 & kBpduFlagRoleMask));
  }

  // 4, 35 or 36 octets by type.
  size_t buffer_len() const;
  // Writes the BPDU proper (buffer_len() octets).
  void emit(uint8_t* out) const;
  // The LLC header and the BPDU: kLlcHeaderLen + buffer_len() octets.
  size_t llc_len() const { return kLlcHeaderLen + buffer_len(); }
  void emit_llc(uint8_t* out) const;
  friend bool operator==(const BpduRepr&, const BpduRepr&) = default;
};

// Writes the 3-octet LLC header of a BPDU (0x42 0x42 0x03).
void emit_bpdu_llc_header(uint8_t* out);

// A whole BPDU Ethernet frame: destination `dst` (the bridge's group_address, by default
// 01:80:C2:00:00:00), source `src`, the 802.3 length field (= llc_len), then the LLC payload
// given from the DSAP on (`llc` may alias out + 14). No padding to 60 octets (as Linux sends
// it; a NIC pads on the wire). Returns bpdu_frame_len(llc_len) = kEthernetHeaderLen + llc_len.
size_t bpdu_frame_len(size_t llc_len);
size_t emit_bpdu_frame(const MacAddr& src, const uint8_t* llc, size_t llc_len, uint8_t* out,
                       const MacAddr& dst = kBridgeGroupMac);

// The LLC payload (from the DSAP on) of an Ethernet frame carrying a BPDU: nullopt unless the
// Length/Type field is a length of at least 3 that fits the frame and the LLC header is
// 0x42 0x42 0x03. Padding after `length` is cut off. The destination is not checked (the
// bridge's group_address may differ from 01:80:C2:00:00:00).
struct LlcPayload {
  const uint8_t* data;
  size_t len;
};
std::optional<LlcPayload> bpdu_llc_payload(const uint8_t* frame, size_t len);

}  // namespace uvn::wire
