// Port Role Selection state machine (802.1D-2004 17.28) and updtRolesTree (17.21.25): the
// root priority vector, the root port, each port's designated priority vector and the role
// each port is to take. root_block (802.1Q restrictedRole) keeps a port out of the root race.
#include "proto/rstp/rstp_internal.h"

namespace uvn::proto::rstp {
namespace {

void clear_reselect_tree(Bridge& b) {
  for (auto& [no, p] : b.ports) p.reselect = false;
}

// 17.21.16 setSelectedTree (802.1Q: only when no port asks for reselection meanwhile).
void set_selected_tree(Bridge& b) {
  for (auto& [no, p] : b.ports)
    if (p.reselect) return;
  for (auto& [no, p] : b.ports) p.selected = true;
}

void enter_role_selection(Bridge& b) {
  b.prs = PrsState::kRoleSelection;
  clear_reselect_tree(b);
  updt_roles_tree(b);
  set_selected_tree(b);
}

}  // namespace

void updt_role_disabled_tree(Bridge& b) {
  for (auto& [no, p] : b.ports) p.selected_role = Role::kDisabled;
}

void updt_roles_tree(Bridge& b) {
  // a) and b): the best of the bridge's own vector and each port's root path vector.
  PriorityVector root = b.bridge_priority();
  uint16_t root_port_id = 0;
  Times root_times = b.bridge_times;
  for (auto& [no, p] : b.ports) {
    if (p.info_is != InfoIs::kReceived || p.restricted_role) continue;
    if (p.port_priority.designated_bridge.mac == b.bridge_id.mac) continue;
    PriorityVector cand = p.port_priority;
    uint64_t cost = uint64_t(cand.root_path_cost) + p.port_path_cost;
    cand.root_path_cost = cost > UINT32_MAX ? UINT32_MAX : uint32_t(cost);
    int c = compare(cand, root);
    if (c < 0 || (c == 0 && root_port_id != 0 && p.port_id < root_port_id)) {
      root = cand;
      root_port_id = p.port_id;
      root_times = p.port_times;
      root_times.message_age += 1;  // c): one more hop
    }
  }
  b.root_priority = root;
  b.root_port_id = root_port_id;
  b.root_times = root_times;
  // d) and e): designated vectors and roles.
  for (auto& [no, p] : b.ports) {
    p.designated_priority = {root.root, root.root_path_cost, b.bridge_id, p.port_id};
    p.designated_times = root_times;
    switch (p.info_is) {
      case InfoIs::kDisabled:
        p.selected_role = Role::kDisabled;
        break;
      case InfoIs::kAged:
        p.selected_role = Role::kDesignated;
        p.updt_info = true;
        break;
      case InfoIs::kMine:
        p.selected_role = Role::kDesignated;
        if (p.port_priority != p.designated_priority || p.port_times != p.designated_times)
          p.updt_info = true;
        break;
      case InfoIs::kReceived:
        if (root_port_id != 0 && p.port_id == root_port_id) {
          p.selected_role = Role::kRoot;
          p.updt_info = false;
        } else if (compare(p.designated_priority, p.port_priority) >= 0) {
          // The LAN has a better (or the same) designated port than this one would be.
          p.selected_role = p.port_priority.designated_bridge.mac != b.bridge_id.mac
                                ? Role::kAlternate
                                : Role::kBackup;
          p.updt_info = false;
        } else {
          p.selected_role = Role::kDesignated;
          p.updt_info = true;
        }
        break;
    }
  }
}

void prs_begin(Bridge& b) {
  b.prs = PrsState::kInitBridge;
  updt_role_disabled_tree(b);
}

bool prs_step(Bridge& b) {
  if (b.prs == PrsState::kInitBridge) {
    enter_role_selection(b);
    return true;
  }
  for (auto& [no, p] : b.ports) {
    if (p.reselect) {
      enter_role_selection(b);
      return true;
    }
  }
  return false;
}

}  // namespace uvn::proto::rstp
