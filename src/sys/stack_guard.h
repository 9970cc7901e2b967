// Stack guard: keeps the kernel's own stack off an interface uvn adopted, as a kernel bridge
// or bond port's rx_handler does. Without it, the kernel would still answer ARP and accept
// IP on the adopted interface (a ping through a uvn bond got every reply twice: once from
// uvn, once straight from the kernel on the member). A clsact qdisc with a classic-BPF
// filter in direct-action mode that returns TC_ACT_SHOT, on ingress and egress:
//  * ingress: the kernel's packet taps (uvn's AF_PACKET socket) see frames before tc
//    ingress, so uvn still gets everything while the stack gets nothing;
//  * egress: the stack's own transmissions (IPv6 router solicitations, ...) are dropped,
//    while uvn's sends with PACKET_QDISC_BYPASS skip tc egress.
// Made with the system's `tc` (iproute2); cls_bpf is used because this kernel has neither
// matchall nor gact. Removed again (the qdisc deleted) when uvn lets the interface go.
#pragma once

#include <string>

#include "base/result.h"

namespace uvn::sys {

Status guard_stack(const std::string& netns, const std::string& ifname);
void unguard_stack(const std::string& netns, const std::string& ifname);

}  // namespace uvn::sys
