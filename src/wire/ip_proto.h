// IP protocol numbers (the IPv4 Protocol field and the IPv6 Next Header field), from the IANA
// "Assigned Internet Protocol Numbers" registry (RFC 5237 describes the registry).
#pragma once

#include <cstdint>

namespace uvn::wire {

inline constexpr uint8_t kIpProtoHopByHop = 0;  // IPv6 Hop-by-Hop Options (RFC 8200 4.3)
inline constexpr uint8_t kIpProtoIcmp = 1;
inline constexpr uint8_t kIpProtoIgmp = 2;
inline constexpr uint8_t kIpProtoTcp = 6;
inline constexpr uint8_t kIpProtoUdp = 17;
inline constexpr uint8_t kIpProtoIpv6Route = 43;     // Routing header (RFC 8200 4.4)
inline constexpr uint8_t kIpProtoIpv6Fragment = 44;  // Fragment header (RFC 8200 4.5)
inline constexpr uint8_t kIpProtoIcmpv6 = 58;
inline constexpr uint8_t kIpProtoIpv6NoNext = 59;
inline constexpr uint8_t kIpProtoIpv6DestOpts = 60;

}  // namespace uvn::wire
