#include "wire/ethernet.h"

#include <cstring>

#include "base/be.h"

namespace uvn::wire {

std::optional<EthernetRepr> EthernetRepr::parse(const EthernetView& v) {
  return EthernetRepr{v.dst(), v.src(), v.ethertype()};
}

void EthernetRepr::emit(uint8_t* out) const {
  std::memcpy(out, dst.b.data(), 6);
  std::memcpy(out + 6, src.b.data(), 6);
  store_be16(out + 12, ethertype);
}

}  // namespace uvn::wire
