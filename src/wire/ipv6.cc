#include "wire/ipv6.h"

#include <cstring>

#include "base/be.h"

namespace uvn::wire {

std::optional<Ipv6Repr> Ipv6Repr::parse(const Ipv6View& v) {
  if (v.version() != 6) return std::nullopt;
  return Ipv6Repr{v.src(),           v.dst(),        v.next_header(), v.hop_limit(),
                  v.traffic_class(), v.flow_label(), v.payload_len()};
}

void Ipv6Repr::emit(uint8_t* out) const {
  store_be32(out, uint32_t(6) << 28 | uint32_t(traffic_class) << 20 | (flow_label & 0xfffff));
  store_be16(out + 4, payload_len);
  out[6] = next_header;
  out[7] = hop_limit;
  std::memcpy(out + 8, src.b.data(), 16);
  std::memcpy(out + 24, dst.b.data(), 16);
}

}  // namespace uvn::wire
