// FDB entries added, replaced or refreshed by the user (`bridge fdb add/replace ... master`),
// with the kernel's rules (br_fdb.c fdb_add_entry, br_fdb_external_learn_add, NTF_USE):
// state permanent/static/dynamic, sticky, activity notification, norefresh, and the flags a
// user change clears (locked) or sets (added by user).
#include <cerrno>

#include "dev/bridge/bridge.h"
#include "engine/engine.h"

namespace uvn {

namespace {
constexpr uint8_t kNotifyBit = 1, kNotifyInactiveBit = 2;
}

Status BridgeDevice::fdb_add(BridgePort* port, const MacAddr& mac, uint16_t vid, const FdbAdd& a,
                             bool create, bool excl) {
  if (!port && a.state != FdbAdd::kPermanent) return Error::errno_only(EINVAL);
  if (a.sticky && a.state == FdbAdd::kPermanent) return Error::errno_only(EINVAL);
  if (a.notify && ((*a.notify & ~(kNotifyBit | kNotifyInactiveBit)) ||
                   *a.notify == kNotifyInactiveBit))
    return Error::errno_only(EINVAL);
  Nanos now = ctx()->engine().now();
  FdbEntry* cur = fdb_.find(mac, vid);
  if (!cur && !create) return Error::errno_only(ENOENT);
  if (cur && excl) return Error::errno_only(EEXIST);
  FdbEntry e;
  bool modified = !cur;
  if (cur) {
    e = *cur;
  } else {
    e.mac = mac;
    e.vid = vid;
    e.updated = now;
  }
  if (e.port != port) modified = true;
  e.port = port;
  uint16_t before = e.flags;
  e.flags &= uint16_t(~(kFdbLocal | kFdbStatic | kFdbSticky | kFdbLocked));
  if (a.state == FdbAdd::kPermanent) e.flags |= kFdbLocal | kFdbStatic;
  if (a.state == FdbAdd::kStatic) e.flags |= kFdbStatic;
  if (a.sticky) e.flags |= kFdbSticky;
  // Activity tracking: "inactive" marks the entry idle; without "activity_notify" tracking
  // (and its idle mark) is switched off.
  uint8_t notify = a.notify.value_or(0);
  if (notify & kNotifyInactiveBit) e.flags |= kFdbNotifyInactive;
  if (notify & kNotifyBit) e.flags |= kFdbNotify;
  else e.flags &= uint16_t(~(kFdbNotify | kFdbNotifyInactive));
  if (e.flags != before) modified = true;
  e.flags |= kFdbAddedByUser;
  e.used = now;
  if (modified && a.refresh) e.updated = now;
  fdb_.put(e);
  if (!gc_timer_) schedule_gc();
  return {};
}

void BridgeDevice::fdb_external_learn_add(BridgePort* port, const MacAddr& mac, uint16_t vid) {
  Nanos now = ctx()->engine().now();
  FdbEntry e;
  if (FdbEntry* cur = fdb_.find(mac, vid)) {
    e = *cur;
  } else {
    e.mac = mac;
    e.vid = vid;
    e.used = now;
  }
  e.updated = now;
  e.port = port;
  e.flags |= kFdbExternLearn | kFdbAddedByUser;
  e.flags &= uint16_t(~kFdbLocked);
  if (!port) e.flags |= kFdbLocal;
  fdb_.put(e);
}

void BridgeDevice::fdb_use(BridgePort& port, const MacAddr& mac, uint16_t vid) {
  // As a frame from `mac` arriving on `port` would (learning, roaming), marked added by user
  // so that it does not count against fdb_max_learned.
  FdbEntry* cur = fdb_.find(mac, vid);
  if (!cur) {
    learn_new(port, mac, vid, kFdbAddedByUser);
    return;
  }
  if (cur->is_local()) return;
  learn(port, mac, vid);  // refreshes, or moves it to `port`
  FdbEntry e = *fdb_.find(mac, vid);
  e.flags |= kFdbAddedByUser;
  e.used = ctx()->engine().now();
  fdb_.put(e);
}

}  // namespace uvn
