// The bridge's and its ports' options (`ip link add type bridge ...`, `type bridge_slave ...`,
// `bridge link set ...`) as data, in the order iproute2 prints them with -d. Read-only entries
// are the STP and FDB status fields printed among them.
#pragma once

#include <cstddef>

#include "dev/core/options.h"

namespace uvn {

enum BridgeOpt : size_t {
  kBrForwardDelay, kBrHelloTime, kBrMaxAge, kBrAgeingTime, kBrStpState, kBrStpMode, kBrPriority,
  kBrVlanFiltering, kBrVlanProtocol,
  // status
  kBrBridgeId, kBrRootId, kBrRootPort, kBrRootPathCost, kBrTopologyChange,
  kBrTopologyChangeDetected, kBrHelloTimer, kBrTcnTimer, kBrTopologyChangeTimer, kBrGcTimer,
  kBrFdbNLearned,
  kBrFdbMaxLearned, kBrVlanDefaultPvid, kBrVlanStatsEnabled, kBrVlanStatsPerPort,
  kBrGroupFwdMask, kBrGroupAddress, kBrMcastSnooping, kBrNoLinklocalLearn,
  kBrMcastVlanSnooping, kBrMstEnabled, kBrMcastRouter, kBrMcastQueryUseIfaddr, kBrMcastQuerier,
  kBrMcastHashElasticity, kBrMcastHashMax, kBrMcastLastMemberCount, kBrMcastStartupQueryCount,
  kBrMcastLastMemberInterval, kBrMcastMembershipInterval, kBrMcastQuerierInterval,
  kBrMcastQueryInterval, kBrMcastQueryResponseInterval, kBrMcastStartupQueryInterval,
  kBrMcastStatsEnabled, kBrMcastIgmpVersion, kBrMcastMldVersion, kBrNfCallIptables,
  kBrNfCallIp6tables, kBrNfCallArptables, kBrFdbLocalVlan0, kBrStpProto, kBrCount
};

enum BridgePortOpt : size_t {
  kBpState, kBpPriority, kBpCost, kBpHairpin, kBpGuard, kBpRootBlock, kBpFastleave, kBpLearning,
  kBpFlood,
  // status
  kBpPortId, kBpPortNo, kBpDesignatedPort, kBpDesignatedCost, kBpDesignatedBridge,
  kBpDesignatedRoot, kBpHoldTimer, kBpMessageAgeTimer, kBpForwardDelayTimer,
  kBpTopologyChangeAck, kBpConfigPending,
  kBpProxyArp, kBpProxyArpWifi, kBpMcastRouter, kBpMcastFastLeave, kBpMcastFlood, kBpBcastFlood,
  kBpMcastToUnicast, kBpNeighSuppress, kBpNeighVlanSuppress, kBpNeighForwardGrat,
  kBpGroupFwdMask, kBpGroupFwdMaskStr, kBpVlanTunnel, kBpIsolated, kBpLocked, kBpMab,
  kBpMcastNGroups, kBpMcastMaxGroups, kBpBackupNhid, kBpEdge, kBpP2p, kBpRole, kBpCount
};

extern const OptionTable kBridgeOptionTable;
extern const OptionTable kBridgePortOptionTable;

// stp_mode values (BR_STP_MODE_*): what turning STP on selects. uvn runs its own engine in
// every mode; `user` only makes stp_state read back 2, as Linux's user-space STP.
enum BrStpMode : uint8_t { kBrStpModeAuto = 0, kBrStpModeUser = 1, kBrStpModeKernel = 2 };

// Port states (BR_STATE_*), as `state` takes and prints them.
enum BrPortState : uint8_t {
  kBrStateDisabled = 0,
  kBrStateListening = 1,
  kBrStateLearning = 2,
  kBrStateForwarding = 3,
  kBrStateBlocking = 4,
};

// Whether a port (or per-VLAN) state lets frames be learned: learning and forwarding.
inline bool br_state_learns(uint8_t s) {
  return s == kBrStateLearning || s == kBrStateForwarding;
}

}  // namespace uvn
