#include "dev/dummy/dummy.h"

namespace uvn {

const KindInfo kDummyInfo{.kind = "dummy",
                          .link_type = "ether",
                          .min_mtu = 0,
                          .max_mtu = 0,
                          .default_flags = kIffBroadcast | kIffNoarp,
                          .oper_unknown = true};

}  // namespace uvn
