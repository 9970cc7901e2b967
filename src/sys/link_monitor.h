// LinkMonitor: rtnetlink link events (RTMGRP_LINK) of one kernel network namespace, so that a
// kernel interface uvn adopted reports carrier loss at once (a bond or team fails over on the
// event, not at its next miimon tick). `request(ifindex)` asks for one interface's current
// state; its answer arrives through `receive` like an event. Part of the OS seam.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "base/result.h"

namespace uvn::sys {

struct LinkState {
  int ifindex = 0;
  bool deleted = false;  // RTM_DELLINK
  unsigned flags = 0;    // IFF_* with IFF_LOWER_UP
  uint32_t mtu = 0;      // 0 when not reported
  std::string name;
};

class LinkMonitor {
 public:
  static Result<std::unique_ptr<LinkMonitor>> open(const std::string& netns);
  ~LinkMonitor();
  LinkMonitor(const LinkMonitor&) = delete;
  LinkMonitor& operator=(const LinkMonitor&) = delete;

  int fd() const { return fd_; }
  Status request(int ifindex);
  // Calls fn for each link message waiting (nonblocking); returns how many.
  size_t receive(const std::function<void(const LinkState&)>& fn);

 private:
  LinkMonitor() = default;
  int fd_ = -1;
  uint32_t seq_ = 0;
};

}  // namespace uvn::sys
