// dummy: no type arguments, no -d details beyond the kind name.
#include "cli/link_kind.h"

namespace uvn::cli {

extern const LinkKind kLinkDummy{.kind = "dummy", .parse = nullptr, .print_text = nullptr,
                                 .print_json = nullptr};

}  // namespace uvn::cli
