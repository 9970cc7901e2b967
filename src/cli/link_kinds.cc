// The registry of link kinds the cli knows; each kind's parser and printer live in
// link_<kind>.cc.
#include "cli/link_kind.h"

namespace uvn::cli {

extern const LinkKind kLinkVeth;
extern const LinkKind kLinkDummy;
extern const LinkKind kLinkTun;
extern const LinkKind kLinkBridge;
extern const LinkKind kLinkVlan;
extern const LinkKind kLinkBond;
extern const LinkKind kLinkTeam;
extern const LinkKind kLinkHost;

const LinkKind* find_link_kind(std::string_view kind) {
  static const LinkKind* const kKinds[] = {&kLinkVeth, &kLinkDummy, &kLinkTun, &kLinkBridge, &kLinkVlan,
                                           &kLinkBond, &kLinkTeam, &kLinkHost};
  for (const LinkKind* k : kKinds)
    if (k->kind == kind) return k;
  return nullptr;
}

}  // namespace uvn::cli
