// EventBus: what `ip monitor` and `bridge monitor` listen to (rtnetlink notifications): links
// appearing, changing and going, addresses, neighbours and routes, a bridge's FDB entries and
// its ports' AF_BRIDGE link messages. Listeners are called synchronously, while the object is
// still in the state the event describes. One event is one message Linux would send: a
// carrier change is announced later, as linkwatch does (World::linkwatch), and nothing is
// announced for a device that is not registered.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

namespace uvn {

class Device;
class Netns;
struct FdbEntry;
struct IfAddr;
struct Neighbour;
struct Route;
namespace proto {
struct MdbEntry;
struct PortGroup;
}  // namespace proto

// kNewFdb/kDelFdb: RTM_NEWNEIGH/RTM_DELNEIGH of family AF_BRIDGE (dev: the bridge, fdb: the
// entry). kNewBridgePort/kDelBridgePort: RTM_NEWLINK/RTM_DELLINK of family AF_BRIDGE for a
// bridge port (dev: the port device). kNewMdb/kDelMdb: RTM_NEWMDB/RTM_DELMDB for an MDB
// entry's port group (dev: the bridge; mdb, pg; pg nullptr: the bridge's own membership);
// kNewMdbRouter/kDelMdbRouter: a multicast router port (dev: the bridge, port: the port).
enum class EventType { kNewLink, kDelLink, kNewAddr, kDelAddr, kNewNeigh, kDelNeigh, kNewRoute,
                       kDelRoute, kNewFdb, kDelFdb, kNewBridgePort, kDelBridgePort, kNewMdb,
                       kDelMdb, kNewMdbRouter, kDelMdbRouter };

struct Event {
  EventType type;
  Netns* ns = nullptr;
  Device* dev = nullptr;
  const IfAddr* addr = nullptr;
  const Neighbour* neigh = nullptr;
  const Route* route = nullptr;
  uint32_t changes = 0;  // for kNewLink on an existing device: Change bits
  const FdbEntry* fdb = nullptr;
  const proto::MdbEntry* mdb = nullptr;
  const proto::PortGroup* pg = nullptr;
  Device* port = nullptr;
};

class EventBus {
 public:
  using Listener = std::function<void(const Event&)>;
  int subscribe(Listener l) {
    listeners_.push_back({next_, std::move(l)});
    return next_++;
  }
  void unsubscribe(int id) {
    std::erase_if(listeners_, [id](const auto& p) { return p.first == id; });
  }
  void publish(const Event& e) {
    for (size_t i = 0; i < listeners_.size(); ++i) listeners_[i].second(e);
  }
  bool empty() const { return listeners_.empty(); }
  void clear() { listeners_.clear(); }

 private:
  std::vector<std::pair<int, Listener>> listeners_;
  int next_ = 1;
};

}  // namespace uvn
