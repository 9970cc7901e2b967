// Selection Logic (802.1AX-2008 5.4.14) and the choice of the active aggregator.
//
// A port that is UNSELECTED and whose Mux is DETACHED leaves its old aggregator and looks for
// one, in port order, whose LAG it can join: same actor key, same partner system (priority and
// MAC) and partner key, both ends aggregatable and a partner heard (not defaulted). Otherwise
// it takes the first free aggregator slot in port order (as Linux's ad_port_selection_logic),
// alone; an individual port never shares. The active aggregator is then chosen as Linux's
// ad_agg_selection_logic does (see lacp.h): only aggregators with an enabled port compete; a
// non-individual one beats an individual one, one with a partner beats one without, then the
// policy decides, and on a tie the current one (or the earlier in port order) stays.
#include <algorithm>
#include <tuple>

#include "proto/lacp/lacp_internal.h"

namespace uvn::proto::lacp {
namespace {

using namespace wire;  // NOLINT: the state bits

bool can_aggregate(const Port& p) {
  return p.actor(kLacpStateAggregation) && p.partner_has(kLacpStateAggregation) &&
         !p.actor(kLacpStateDefaulted) && !p.partner.system.is_zero();
}

bool joins(const Aggregator& a, const Port& p) {
  return !a.individual && can_aggregate(p) && a.actor_key == p.cfg.key &&
         a.partner_system == p.partner.system &&
         a.partner_system_priority == p.partner.system_priority && a.partner_key == p.partner.key;
}

void attach(Port& p, Aggregator& a) {
  a.members.push_back(&p);
  p.agg = &a;
  p.selected = true;
}

void start_lag(Port& p, Aggregator& a) {
  a.clear();
  a.individual = !can_aggregate(p);
  a.actor_key = p.cfg.key;
  a.partner_system_priority = p.partner.system_priority;
  a.partner_system = p.partner.system;
  a.partner_key = p.partner.key;
  attach(p, a);
}

void select_port(Engine& e, Port& p) {
  detach_from_aggregator(e, p);
  Aggregator* free = nullptr;
  for (auto& q : e.ports) {
    Aggregator& a = q->slot;
    if (a.empty()) {
      if (free == nullptr) free = &a;
      continue;
    }
    if (joins(a, p)) {
      attach(p, a);
      return;
    }
  }
  if (free != nullptr) start_lag(p, *free);
}

bool up(const Aggregator& a) {
  return enabled_members(a) > 0;
}

uint32_t port_priority_sum(const Aggregator& a) {
  uint32_t sum = 0;
  for (const Port* m : a.members)
    if (m->port_enabled) sum += m->cfg.port_priority;
  return sum;
}

// teamd's lacp_prio: a port's rank by the system with the better (lower) System ID, which
// decides which links aggregate (802.1AX 5.6.1): that side's priority and MAC, then its port
// priority and number. Lower is better; an aggregator ranks as its best enabled port.
using PrioRank = std::tuple<uint16_t, uint64_t, uint16_t, uint16_t>;

PrioRank port_rank(const Engine& e, const Port& p) {
  LacpInfo a = actor_info(e, p);
  const LacpInfo& b = p.partner;
  bool actor_decides = std::make_pair(a.system_priority, a.system.as_u64()) <=
                       std::make_pair(b.system_priority, b.system.as_u64());
  const LacpInfo& d = actor_decides ? a : b;
  return {d.system_priority, d.system.as_u64(), d.port_priority, d.port};
}

PrioRank aggregator_rank(const Engine& e, const Aggregator& a) {
  PrioRank best{0xffff, ~uint64_t(0), 0xffff, 0xffff};
  for (const Port* m : a.members)
    if (m->port_enabled) best = std::min(best, port_rank(e, *m));
  return best;
}

// teamd's port_config: the highest select_prio among an aggregator's enabled ports.
int32_t config_rank(const Aggregator& a) {
  int32_t best = INT32_MIN;
  for (const Port* m : a.members)
    if (m->port_enabled) best = std::max(best, m->cfg.select_prio);
  return best;
}

bool holds_forced(const Engine& e, const Aggregator& a) {
  if (!e.cfg.forced_port) return false;
  for (const Port* m : a.members)
    if (m->port_no == e.cfg.forced_port && m->port_enabled) return true;
  return false;
}

// ad_agg_selection_test: `cur` when it is better than `best`.
Aggregator* better(const Engine& e, Aggregator* best, Aggregator* cur) {
  if (best == nullptr) return cur;
  if (holds_forced(e, *best) != holds_forced(e, *cur)) return holds_forced(e, *cur) ? cur : best;
  if (best->individual != cur->individual) return best->individual ? cur : best;
  if (best->has_partner() != cur->has_partner()) return cur->has_partner() ? cur : best;
  switch (e.cfg.select) {
    case LacpSelect::kActorPortPrio: {
      uint32_t c = port_priority_sum(*cur), b = port_priority_sum(*best);
      if (c != b) return c > b ? cur : best;
      [[fallthrough]];
    }
    case LacpSelect::kCount: {
      uint32_t c = enabled_members(*cur), b = enabled_members(*best);
      if (c != b) return c > b ? cur : best;
      [[fallthrough]];
    }
    case LacpSelect::kStable:
    case LacpSelect::kBandwidth:
      return bandwidth(*cur) > bandwidth(*best) ? cur : best;
    case LacpSelect::kLacpPrio:
    case LacpSelect::kLacpPrioStable:
      return aggregator_rank(e, *cur) < aggregator_rank(e, *best) ? cur : best;
    case LacpSelect::kPortConfig:
      return config_rank(*cur) > config_rank(*best) ? cur : best;
  }
  return best;
}

bool stable_policy(const Engine& e) {
  return e.cfg.select == LacpSelect::kStable || e.cfg.select == LacpSelect::kLacpPrioStable;
}

}  // namespace

void detach_from_aggregator(Engine&, Port& p) {
  Aggregator* a = p.agg;
  if (a == nullptr) return;
  std::erase(a->members, &p);
  p.agg = nullptr;
  if (a->empty()) a->clear();
}

void release_slot(Engine& e, Port& p) {
  detach_from_aggregator(e, p);
  Aggregator& own = p.slot;
  if (own.empty()) return;
  // Other ports use this port's slot: the LAG moves to the first free slot of another port.
  for (auto& q : e.ports) {
    if (q.get() == &p || !q->slot.empty()) continue;
    Aggregator& to = q->slot;
    uint16_t id = to.id;
    to = own;
    to.id = id;
    for (Port* m : to.members) m->agg = &to;
    own.clear();
    return;
  }
  // No free slot (cannot happen: the other ports own one more slot than they fill); the
  // members choose again rather than keep a slot that goes away.
  for (Port* m : own.members) {
    m->agg = nullptr;
    m->selected = false;
  }
  own.clear();
}

bool choose_active_aggregator(Engine& e) {
  Aggregator* active = e.active_aggregator();
  Aggregator* best = active != nullptr && up(*active) ? active : nullptr;
  for (auto& q : e.ports) {
    Aggregator& a = q->slot;
    if (!a.empty() && up(a)) best = better(e, best, &a);
  }
  // Stable: keep the active aggregator while it is up, unless it has no partner and the best
  // one has (ad_agg_selection_logic's BOND_AD_STABLE rule).
  if (best != nullptr && active != nullptr && stable_policy(e) && up(*active) &&
      (active->has_partner() || !best->has_partner()))
    best = active;
  if (best == active) return false;
  if (active != nullptr) active->active = false;
  if (best != nullptr) best->active = true;
  return true;
}

bool select_step(Engine& e) {
  bool moved = false;
  for (auto& q : e.ports) {
    Port& p = *q;
    if (p.selected || p.mux != MuxState::kDetached) continue;
    select_port(e, p);
    moved |= p.selected;
  }
  moved |= choose_active_aggregator(e);
  return moved;
}

}  // namespace uvn::proto::lacp

namespace uvn::proto {

uint8_t lacp_linux_speed_code(uint32_t speed_mbps) {
  switch (speed_mbps) {
    case 10:
      return 2;
    case 100:
      return 3;
    case 1000:
      return 4;
    case 2500:
      return 5;
    case 5000:
      return 6;
    case 10000:
      return 7;
    case 14000:
      return 8;
    case 20000:
      return 9;
    case 25000:
      return 10;
    case 40000:
      return 11;
    case 50000:
      return 12;
    case 56000:
      return 13;
    case 100000:
      return 14;
    case 200000:
      return 15;
    case 400000:
      return 16;
    case 800000:
      return 17;
    case 1600000:
      return 18;
  }
  return 0;
}

uint16_t lacp_linux_port_key(uint32_t speed_mbps, bool full_duplex, uint16_t user_key) {
  return uint16_t((user_key & 0x3ff) << 6 | lacp_linux_speed_code(speed_mbps) << 1 |
                  (full_duplex ? 1 : 0));
}

}  // namespace uvn::proto
