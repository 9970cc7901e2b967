// Port Role Transitions state machine (802.1D-2004 17.29): moves a port to its selected role
// and drives learn/forward. The Root Port agrees to a proposal once every other port is
// synced (discarding, agreed or edge) and forwards at once when no recent root port could
// still be forwarding (reRooted); a Designated Port proposes and forwards on agreement, on
// operEdge, or after twice forwardDelay; Alternate and Backup ports discard.
#include "proto/rstp/rstp_internal.h"

namespace uvn::proto::rstp {
namespace {

void enter(Port& p, PrtState s) {
  p.prt = s;
}

// --- Disabled Port role (fig. 17-20) ---

void enter_init_port(Port& p) {
  enter(p, PrtState::kInitPort);
  p.role = Role::kDisabled;
  p.learn = p.forward = false;
  p.synced = false;
  p.sync = p.re_root = true;
  p.rr_while = fwd_delay(p);
  p.fd_while = max_age(p);
  p.rb_while = 0;
}

// 802.1Q-2005 sets role = DisabledPort here; the 2004 text's role = selectedRole can leave a
// port that PRS already made designated stuck in the disabled states after BEGIN.
void enter_disable_port(Port& p) {
  enter(p, PrtState::kDisablePort);
  p.role = Role::kDisabled;
  p.learn = p.forward = false;
}

void enter_disabled_port(Port& p) {
  enter(p, PrtState::kDisabledPort);
  p.fd_while = max_age(p);
  p.synced = true;
  p.rr_while = 0;
  p.sync = p.re_root = false;
}

bool disabled_step(Port& p) {
  switch (p.prt) {
    case PrtState::kInitPort:
      enter_disable_port(p);
      return true;
    case PrtState::kDisablePort:
      if (!p.learning && !p.forwarding) {
        enter_disabled_port(p);
        return true;
      }
      return false;
    default:  // kDisabledPort
      if (p.fd_while != max_age(p) || p.sync || p.re_root || !p.synced) {
        enter_disabled_port(p);
        return true;
      }
      return false;
  }
}

// --- Root Port role (fig. 17-21) ---

void enter_root_port(Port& p) {
  enter(p, PrtState::kRootPort);
  p.role = Role::kRoot;
  p.rr_while = fwd_delay(p);
}

bool root_step(Bridge& b, Port& p) {
  if (p.prt != PrtState::kRootPort) {  // every other root state is followed by ROOT_PORT
    enter_root_port(p);
    return true;
  }
  if (p.proposed && !p.agree) {
    enter(p, PrtState::kRootProposed);
    set_sync_tree(b);
    p.proposed = false;
    return true;
  }
  if ((all_synced(b) && !p.agree) || (p.proposed && p.agree)) {
    enter(p, PrtState::kRootAgreed);
    p.proposed = p.sync = false;
    p.agree = true;
    p.new_info = true;
    return true;
  }
  if (!p.forward && !p.re_root) {
    enter(p, PrtState::kReroot);
    set_re_root_tree(b);
    return true;
  }
  if (p.rr_while != fwd_delay(p)) {
    enter_root_port(p);
    return true;
  }
  if (p.re_root && p.forward) {
    enter(p, PrtState::kRerooted);
    p.re_root = false;
    return true;
  }
  bool may_advance = p.fd_while == 0 || (re_rooted(b, p) && p.rb_while == 0 && b.rstp_version());
  if (may_advance && !p.learn) {
    enter(p, PrtState::kRootLearn);
    p.fd_while = forward_delay(p);
    p.learn = true;
    return true;
  }
  if (may_advance && p.learn && !p.forward) {
    enter(p, PrtState::kRootForward);
    p.fd_while = 0;
    p.forward = true;
    return true;
  }
  return false;
}

// --- Designated Port role (fig. 17-22) ---

void enter_designated_port(Port& p) {
  enter(p, PrtState::kDesignatedPort);
  p.role = Role::kDesignated;
}

bool designated_step(Bridge& b, Port& p) {
  if (p.prt != PrtState::kDesignatedPort) {
    enter_designated_port(p);
    return true;
  }
  if (!p.forward && !p.agreed && !p.proposing && !p.oper_edge) {
    enter(p, PrtState::kDesignatedPropose);
    p.proposing = true;
    p.edge_delay_while = edge_delay(p);
    p.new_info = true;
    return true;
  }
  if ((!p.learning && !p.forwarding && !p.synced) || (p.agreed && !p.synced) ||
      (p.oper_edge && !p.synced) || (p.sync && p.synced)) {
    enter(p, PrtState::kDesignatedSynced);
    p.rr_while = 0;
    p.synced = true;
    p.sync = false;
    return true;
  }
  if (p.rr_while == 0 && p.re_root) {
    enter(p, PrtState::kDesignatedRetired);
    p.re_root = false;
    return true;
  }
  if (((p.sync && !p.synced) || (p.re_root && p.rr_while != 0) || p.disputed) && !p.oper_edge &&
      (p.learn || p.forward)) {
    enter(p, PrtState::kDesignatedDiscard);
    p.learn = p.forward = p.disputed = false;
    p.fd_while = forward_delay(p);
    return true;
  }
  bool may_advance =
      (p.fd_while == 0 || p.agreed || p.oper_edge) && (p.rr_while == 0 || !p.re_root) && !p.sync;
  if (may_advance && !p.learn) {
    enter(p, PrtState::kDesignatedLearn);
    p.learn = true;
    p.fd_while = forward_delay(p);
    return true;
  }
  if (may_advance && p.learn && !p.forward) {
    enter(p, PrtState::kDesignatedForward);
    p.forward = true;
    p.fd_while = 0;
    p.agreed = p.send_rstp;
    return true;
  }
  (void)b;
  return false;
}

// --- Alternate and Backup Port roles (fig. 17-23) ---

void enter_alternate_port(Port& p) {
  enter(p, PrtState::kAlternatePort);
  p.fd_while = forward_delay(p);
  p.synced = true;
  p.rr_while = 0;
  p.sync = p.re_root = false;
}

bool alternate_step(Bridge& b, Port& p) {
  switch (p.prt) {
    case PrtState::kBlockPort:
      if (!p.learning && !p.forwarding) {
        enter_alternate_port(p);
        return true;
      }
      return false;
    case PrtState::kAlternatePort:
      break;
    default:  // ALTERNATE_PROPOSED, ALTERNATE_AGREED, BACKUP_PORT
      enter_alternate_port(p);
      return true;
  }
  if (p.proposed && !p.agree) {
    enter(p, PrtState::kAlternateProposed);
    set_sync_tree(b);
    p.proposed = false;
    return true;
  }
  if ((all_synced(b) && !p.agree) || (p.proposed && p.agree)) {
    enter(p, PrtState::kAlternateAgreed);
    p.proposed = false;
    p.agree = true;
    p.new_info = true;
    return true;
  }
  if (p.fd_while != forward_delay(p) || p.sync || p.re_root || !p.synced) {
    enter_alternate_port(p);
    return true;
  }
  if (p.rb_while != 2 * hello_time(p) && p.role == Role::kBackup) {
    enter(p, PrtState::kBackupPort);
    p.rb_while = 2 * hello_time(p);
    return true;
  }
  return false;
}

bool in_role_states(PrtState s, Role r) {
  switch (r) {
    case Role::kDisabled:
      return s == PrtState::kInitPort || s == PrtState::kDisablePort ||
             s == PrtState::kDisabledPort;
    case Role::kRoot:
      return s >= PrtState::kRootPort && s <= PrtState::kRerooted;
    case Role::kDesignated:
      return s >= PrtState::kDesignatedPort && s <= PrtState::kDesignatedDiscard;
    case Role::kAlternate:
    case Role::kBackup:
      return s >= PrtState::kAlternatePort && s <= PrtState::kBackupPort;
  }
  return false;
}

}  // namespace

void prt_begin(Bridge&, Port& p) {
  enter_init_port(p);
}

bool prt_step(Bridge& b, Port& p) {
  if (p.prt == PrtState::kInitPort) return disabled_step(p);
  // Every transition but the unconditional ones waits for a settled selection.
  if (!p.selected || p.updt_info) return false;
  if (p.role != p.selected_role) {
    switch (p.selected_role) {
      case Role::kDisabled:
        enter_disable_port(p);
        break;
      case Role::kRoot:
        enter_root_port(p);
        break;
      case Role::kDesignated:
        enter_designated_port(p);
        break;
      case Role::kAlternate:
      case Role::kBackup:
        enter(p, PrtState::kBlockPort);
        p.role = p.selected_role;
        p.learn = p.forward = false;
        break;
    }
    return true;
  }
  if (!in_role_states(p.prt, p.role)) return false;
  switch (p.role) {
    case Role::kDisabled:
      return disabled_step(p);
    case Role::kRoot:
      return root_step(b, p);
    case Role::kDesignated:
      return designated_step(b, p);
    case Role::kAlternate:
    case Role::kBackup:
      return alternate_step(b, p);
  }
  return false;
}

}  // namespace uvn::proto::rstp
