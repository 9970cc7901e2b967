// The Address Resolution Protocol (RFC 826) for Ethernet and IPv4: hardware type 1, protocol
// type 0x0800, address lengths 6 and 4, operation request (1) or reply (2). ArpView reads the
// generic header (any hardware and protocol lengths, bounds-checked), so a caller can count
// ARP for other media; ArpRepr accepts only Ethernet/IPv4 requests and replies, as Linux's
// arp_rcv does for an Ethernet device. Gratuitous ARP and ARP probes (RFC 5227) are ordinary
// requests or replies here; telling them apart is the neighbour code's job.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "base/ip.h"
#include "base/mac.h"

namespace uvn::wire {

inline constexpr uint16_t kArpHtypeEthernet = 1;
inline constexpr size_t kArpFixedLen = 8;     // htype, ptype, hlen, plen, op
inline constexpr size_t kArpEthIpv4Len = 28;  // with 6-byte MACs and 4-byte IPv4 addresses

enum class ArpOp : uint16_t { kRequest = 1, kReply = 2 };

class ArpView {
 public:
  // nullopt when `len` cannot hold the fixed part and the four addresses it announces.
  static std::optional<ArpView> parse(const uint8_t* p, size_t len);

  uint16_t htype() const;
  uint16_t ptype() const;
  uint8_t hlen() const { return p_[4]; }
  uint8_t plen() const { return p_[5]; }
  uint16_t op() const;
  // The four address fields, each hlen() or plen() bytes long.
  const uint8_t* sha() const { return p_ + kArpFixedLen; }
  const uint8_t* spa() const { return sha() + hlen(); }
  const uint8_t* tha() const { return spa() + plen(); }
  const uint8_t* tpa() const { return tha() + hlen(); }
  // The bytes the packet occupies (the rest of the buffer is link-layer padding).
  size_t packet_len() const { return kArpFixedLen + 2 * (size_t(hlen()) + plen()); }
  const uint8_t* data() const { return p_; }
  size_t len() const { return len_; }

 private:
  ArpView(const uint8_t* p, size_t len) : p_(p), len_(len) {}
  const uint8_t* p_;
  size_t len_;
};

struct ArpRepr {
  ArpOp op = ArpOp::kRequest;
  MacAddr sender_mac;
  Ipv4Addr sender_ip;
  MacAddr target_mac;
  Ipv4Addr target_ip;

  // nullopt unless Ethernet/IPv4 with operation request or reply.
  static std::optional<ArpRepr> parse(const ArpView& v);
  size_t header_len() const { return kArpEthIpv4Len; }
  size_t buffer_len() const { return kArpEthIpv4Len; }
  // Writes the whole 28-byte packet.
  void emit(uint8_t* out) const;
  friend bool operator==(const ArpRepr&, const ArpRepr&) = default;
};

}  // namespace uvn::wire
