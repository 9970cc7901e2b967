#include "dev/vlan/vlan.h"

#include <algorithm>
#include <cerrno>
#include <vector>

#include "base/be.h"
#include "wire/vlan.h"

namespace uvn {

const KindInfo kVlanInfo{.kind = "vlan",
                         .link_type = "ether",
                         .min_mtu = 0,
                         .max_mtu = 65535,
                         .rx_multicast = KindInfo::RxMcast::kMulticast,
                         .rx_bytes_without_l2 = true};

// The VLANs of one lower device (Linux's vlan_info) and its receive demux. Shared by the
// VLAN devices on that lower; the last one to go removes it from the lower.
class VlanGroup : public RxHandler, public std::enable_shared_from_this<VlanGroup> {
 public:
  explicit VlanGroup(Device& lower) : lower_(lower) { lower_.add_rx_handler(this, true); }
  ~VlanGroup() override { lower_.remove_rx_handler(this); }

  static std::shared_ptr<VlanGroup> of(const Device& lower) {
    for (RxHandler* h : lower.rx_handlers())
      if (auto* g = dynamic_cast<VlanGroup*>(h)) return g->shared_from_this();
    return nullptr;
  }

  VlanDevice* find(uint16_t tpid, uint16_t vid) const {
    for (VlanDevice* v : vlans_)
      if (v->tpid() == tpid && v->vid() == vid) return v;
    return nullptr;
  }
  void add(VlanDevice* v) { vlans_.push_back(v); }
  void remove(VlanDevice* v) { std::erase(vlans_, v); }

  RxResult handle_frame(Device& dev, Frame& f, Device*& another) override;

 private:
  Device& lower_;
  std::vector<VlanDevice*> vlans_;
};

RxResult VlanGroup::handle_frame(Device& dev, Frame& f, Device*& another) {
  // Up to the depth of stacked priority tags (VID 0 over another tag).
  for (size_t depth = 0; depth < wire::kMaxVlanTags; ++depth) {
    if (f.size() < wire::kEthernetHeaderLen + wire::kVlanTagLen) return RxResult::kPass;
    uint16_t tpid = load_be16(f.data() + 12);
    if (!wire::is_vlan_tpid(tpid)) return RxResult::kPass;
    uint16_t vid = load_be16(f.data() + 14) & wire::kVlanVidMask;
    if (VlanDevice* v = find(tpid, vid)) {
      // A VLAN device that is down takes the frame and drops it, uncounted (as Linux).
      if (!v->is_up()) return RxResult::kConsumed;
      // vlan_do_receive: the priority comes from the ingress map (the tag's DEI goes with it).
      f.meta.priority = v->ingress_priority(uint8_t(load_be16(f.data() + 14) >> 13));
      if (!wire::vlan_pop(f.data(), f.size())) return RxResult::kPass;
      f.pull(wire::kVlanTagLen);
      another = v;
      return RxResult::kAnother;
    }
    // No VLAN device for it: a master (bridge) port's handler sees the frame as it came.
    if (dev.master()) return RxResult::kPass;
    if (vid != 0) {
      dev.count_drop(DropReason::kVlanUnknown, true);
      return RxResult::kConsumed;
    }
    // A priority tag: removed, then what follows is looked at again.
    if (!wire::vlan_pop(f.data(), f.size())) return RxResult::kPass;
    f.pull(wire::kVlanTagLen);
  }
  dev.count_drop(DropReason::kMalformed, true);
  return RxResult::kConsumed;
}

VlanDevice::VlanDevice(NetContext* ctx, Device& lower, OptionValues opts)
    : Device(kVlanInfo, ctx), lower_(&lower), opts_(std::move(opts)) {
  // vlan_dev_init: the lower's flags less UP/PROMISC/ALLMULTI (and master/slave roles).
  constexpr uint32_t kCopied = kIffBroadcast | kIffMulticast | kIffNoarp | kIffPointopoint;
  for (uint32_t bit = 1; bit; bit <<= 1)
    if (kCopied & bit) set_flag(bit, lower.admin_flags() & bit);
  Device::set_mac(lower.mac());
  set_broadcast(lower.broadcast());
  Device::set_mtu(lower.mtu());
  update_carrier();
}

void VlanDevice::update_carrier() {
  if (flag(kVlanBridgeBinding))
    if (auto active = lower_->vlan_has_active_port(vid())) {
      set_carrier(*active);
      return;
    }
  set_carrier(lower_->carrier());
}

VlanDevice::~VlanDevice() { detach_from_lower(); }

bool VlanDevice::lower_ok(const Device& lower) { return lower.info().link_type == "ether"; }

VlanDevice* VlanDevice::find(const Device& lower, uint16_t tpid, uint16_t vid) {
  auto g = VlanGroup::of(lower);
  return g ? g->find(tpid, vid) : nullptr;
}

void VlanDevice::attach_to_lower() {
  group_ = VlanGroup::of(*lower_);
  if (!group_) group_ = std::make_shared<VlanGroup>(*lower_);
  group_->add(this);
  lower_->add_watcher(this);
  lower_was_up_ = lower_->is_up();
}

void VlanDevice::detach_from_lower() {
  if (!group_) return;
  group_->remove(this);
  group_.reset();
  lower_->remove_watcher(this);
}

void VlanDevice::on_unregister() { detach_from_lower(); }

Status VlanDevice::check_open() const {
  if (!flag(kVlanLooseBinding) && !lower_->is_up()) return Error::errno_only(ENETDOWN);
  return {};
}

void VlanDevice::set_mac(const MacAddr& m) {
  mac_inherited_ = false;
  Device::set_mac(m);
}

void VlanDevice::on_open() {
  if (mac_inherited_) Device::set_mac(lower_->mac());
  update_carrier();
}

void VlanDevice::device_changed(Device& dev, uint32_t changes) {
  if (&dev != lower_) return;
  if (changes & kChangeFlags) {
    bool up = lower_->is_up();
    if (up != lower_was_up_) {
      lower_was_up_ = up;
      // vlan_device_event NETDEV_UP/DOWN: non-loose VLANs follow the lower's admin state.
      if (!flag(kVlanLooseBinding)) up ? open() : close();
    }
  }
  if (changes & (kChangeCarrier | kChangeVlanPorts)) update_carrier();
  if ((changes & kChangeMtu) && lower_->mtu() < mtu()) Device::set_mtu(lower_->mtu());
  if ((changes & kChangeAddress) && mac_inherited_ && is_up()) Device::set_mac(lower_->mac());
}

void VlanDevice::set_egress_map(uint32_t from, uint32_t to) {
  auto& bucket = egress_[from & 15];
  uint8_t pcp = uint8_t(to & 7);
  for (auto& m : bucket)
    if (m.first == from) {
      m.second = pcp;
      return;
    }
  bucket.emplace_back(from, pcp);
}

uint8_t VlanDevice::egress_pcp(uint32_t priority) const {
  for (auto& m : egress_[priority & 15])
    if (m.first == priority) return m.second;
  return 0;
}

std::vector<std::pair<uint32_t, uint32_t>> VlanDevice::ingress_dump() const {
  std::vector<std::pair<uint32_t, uint32_t>> r;
  for (uint32_t pcp = 0; pcp < 8; ++pcp)
    if (ingress_[pcp]) r.emplace_back(pcp, ingress_[pcp]);
  return r;
}

std::vector<std::pair<uint32_t, uint32_t>> VlanDevice::egress_dump() const {
  std::vector<std::pair<uint32_t, uint32_t>> r;
  for (auto& bucket : egress_)
    for (auto m = bucket.rbegin(); m != bucket.rend(); ++m)
      if (m->second) r.emplace_back(m->first, m->second);
  return r;
}

std::vector<std::pair<uint32_t, uint32_t>> VlanDevice::egress_entries() const {
  std::vector<std::pair<uint32_t, uint32_t>> r;
  for (auto& bucket : egress_)
    for (auto m = bucket.rbegin(); m != bucket.rend(); ++m) r.emplace_back(m->first, m->second);
  return r;
}

void VlanDevice::xmit_frame(Frame&& f) {
  wire::VlanTag tag{tpid(), wire::VlanTci{egress_pcp(f.meta.priority), false, vid()}.to_u16()};
  if (!wire::vlan_push(f.data(), f.size(), f.headroom(), tag)) {
    count_drop(DropReason::kMalformed, false);
    return;
  }
  f.push(wire::kVlanTagLen);
  lower_->transmit(std::move(f));
}

}  // namespace uvn
