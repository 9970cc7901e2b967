// Fdb: the bridge's forwarding database (Linux br_fdb.c behaviour): MAC+VLAN -> port, with
// learning and roaming, ageing, local entries (the bridge's and its ports' own MACs: frames
// to them are delivered up), static/permanent/sticky/extern_learn/locked entries added by the
// user or by MAB, and a cap on dynamically learned entries (fdb_max_learned).
#pragma once

#include <absl/container/flat_hash_map.h>

#include <cstdint>
#include <functional>
#include <vector>

#include "base/mac.h"
#include "base/time.h"

namespace uvn {

class BridgePort;

enum FdbFlag : uint16_t {
  kFdbLocal = 1 << 0,        // delivered to the bridge's host stack (state "permanent")
  kFdbStatic = 1 << 1,       // never ages (state "static")
  kFdbAddedByUser = 1 << 2,
  kFdbSticky = 1 << 3,       // never moves to another port
  kFdbExternLearn = 1 << 4,  // learned outside the bridge: not aged
  kFdbLocked = 1 << 5,       // learned on a locked port with MAB: not forwarded to
  kFdbOffloaded = 1 << 6,
  kFdbNotify = 1 << 7,          // activity_notify: marked inactive instead of aged out
  kFdbNotifyInactive = 1 << 8,  // ... and it has been idle for an ageing period
};

struct FdbEntry {
  MacAddr mac;
  uint16_t vid = 0;
  BridgePort* port = nullptr;  // nullptr: the bridge device itself
  uint16_t flags = 0;
  Nanos updated = 0;  // last learned/refreshed
  Nanos used = 0;     // last used to forward
  uint64_t seq = 0;   // creation order, for stable listings

  bool is_local() const { return flags & kFdbLocal; }
  bool ages() const { return !(flags & (kFdbLocal | kFdbStatic | kFdbExternLearn)); }
  // Notification wanted and not yet sent: gc marks it inactive after an idle ageing period.
  bool watch_activity() const {
    return (flags & kFdbNotify) && !(flags & kFdbNotifyInactive) && !ages();
  }
};

class Fdb {
 public:
  static uint64_t key(const MacAddr& m, uint16_t vid) { return m.as_u64() << 16 | vid; }

  FdbEntry* find(const MacAddr& m, uint16_t vid);
  // Adds or replaces an entry.
  FdbEntry& put(const FdbEntry& e);
  bool erase(const MacAddr& m, uint16_t vid);
  // Removes entries matching `pred`; returns how many.
  size_t erase_if(const std::function<bool(const FdbEntry&)>& pred);
  // Visits every entry, in no particular order (cheaper than list()).
  template <typename F>
  void for_each(F&& f) const {
    for (auto& [k, e] : map_) f(e);
  }
  template <typename F>
  void for_each_mut(F&& f) {  // f must not change the key or the counted flags
    for (auto& [k, e] : map_) f(e);
  }
  // Entries in creation order.
  std::vector<const FdbEntry*> list() const;
  size_t size() const { return map_.size(); }
  // Dynamically learned entries (the fdb_max_learned count).
  size_t n_learned() const { return n_learned_; }

  // Told of every entry put (added or replaced: added=true) and erased (added=false, newest
  // first within one erase_if), for rtnetlink's fdb_notify. An entry changed in place is
  // announced with changed().
  std::function<void(const FdbEntry&, bool added)> on_change;
  void changed(const FdbEntry& e) {
    if (on_change) on_change(e, true);
  }

 private:
  static bool counts(const FdbEntry& e) {
    return !(e.flags & (kFdbLocal | kFdbStatic | kFdbAddedByUser | kFdbExternLearn));
  }
  absl::flat_hash_map<uint64_t, FdbEntry> map_;
  size_t n_learned_ = 0;
  uint64_t seq_ = 0;
};

}  // namespace uvn
