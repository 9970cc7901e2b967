// EventBus: what `ip monitor` listens to (rtnetlink notifications): links appearing,
// changing and going, addresses, neighbours and routes. Listeners are called synchronously,
// while the object is still in the state the event describes.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

namespace uvn {

class Device;
class Netns;
struct IfAddr;
struct Neighbour;
struct Route;

enum class EventType { kNewLink, kDelLink, kNewAddr, kDelAddr, kNewNeigh, kDelNeigh, kNewRoute,
                       kDelRoute };

struct Event {
  EventType type;
  Netns* ns = nullptr;
  Device* dev = nullptr;
  const IfAddr* addr = nullptr;
  const Neighbour* neigh = nullptr;
  const Route* route = nullptr;
  uint32_t changes = 0;  // for kNewLink on an existing device: Change bits
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

 private:
  std::vector<std::pair<int, Listener>> listeners_;
  int next_ = 1;
};

}  // namespace uvn
