#include "dev/bridge/fdb.h"

#include <algorithm>

namespace uvn {

FdbEntry* Fdb::find(const MacAddr& m, uint16_t vid) {
  auto it = map_.find(key(m, vid));
  return it == map_.end() ? nullptr : &it->second;
}

FdbEntry& Fdb::put(const FdbEntry& e) {
  auto [it, inserted] = map_.try_emplace(key(e.mac, e.vid), e);
  if (inserted) {
    it->second.seq = ++seq_;
  } else {
    if (counts(it->second)) --n_learned_;
    uint64_t seq = it->second.seq;
    it->second = e;
    it->second.seq = seq;
  }
  if (counts(it->second)) ++n_learned_;
  if (on_change) on_change(it->second, true);
  return it->second;
}

bool Fdb::erase(const MacAddr& m, uint16_t vid) {
  auto it = map_.find(key(m, vid));
  if (it == map_.end()) return false;
  if (counts(it->second)) --n_learned_;
  FdbEntry gone = it->second;
  map_.erase(it);
  if (on_change) on_change(gone, false);
  return true;
}

size_t Fdb::erase_if(const std::function<bool(const FdbEntry&)>& pred) {
  size_t n = 0;
  std::vector<FdbEntry> gone;
  for (auto it = map_.begin(); it != map_.end();) {
    if (pred(it->second)) {
      if (counts(it->second)) --n_learned_;
      if (on_change) gone.push_back(it->second);
      map_.erase(it++);
      ++n;
    } else {
      ++it;
    }
  }
  if (on_change) {
    // The kernel walks its list newest first.
    std::sort(gone.begin(), gone.end(), [](auto& a, auto& b) { return a.seq > b.seq; });
    for (auto& e : gone) on_change(e, false);
  }
  return n;
}

std::vector<const FdbEntry*> Fdb::list() const {
  std::vector<const FdbEntry*> v;
  v.reserve(map_.size());
  for (auto& [k, e] : map_) v.push_back(&e);
  std::sort(v.begin(), v.end(), [](auto* a, auto* b) { return a->seq < b->seq; });
  return v;
}

}  // namespace uvn
