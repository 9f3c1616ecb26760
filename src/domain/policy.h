// Who may see and do what (deny unless allowed). Pure: the caller supplies the actor and the unit tree.
//
//   officer (执法人员)        sees the cases of their own unit; acts only on cases they are assigned to.
//   reviewer / approver /    see the cases of their unit and every unit below it; act on the approval
//   custodian                steps of their role (审核 / 批准); custodians only read for now. The 批准
//                            is the head's of the case's enforcement body (负责人, Art. 7).
//   legal (法制员)             the 法制大队 reviews for its whole enforcement body (Art. 6): sees the
//                            cases of every unit of the body its unit belongs to.
//   admin (系统管理员)         manages units and users; sees no case records (Art. 36).
#pragma once

#include <map>
#include <vector>
#include <string>

#include "domain/event.h"
#include "domain/types.h"

namespace qc::domain {

struct Actor {
  std::string user_id, username, name;
  Role role = Role::kOfficer;
  std::string unit_id;
  std::string cert_no;     // 执法证件编号, officers only
  bool system = false;     // the system itself (init, the demo, the command line): see System()
  bool auxiliary = false;  // 辅警: assists, never acts alone (domain/officer_rules.h)

  // The system: records set-up (units, users) from `init` and the command line, which hold the data
  // directory. Every authorization allows it; no session can be it. Its events name the actor
  // {"system", "系统", "system"}.
  static Actor System() {
    Actor a;
    a.user_id = "system";
    a.username = "system";
    a.name = "系统";
    a.role = Role::kAdmin;
    a.system = true;
    return a;
  }
  ActorRef Ref() const {
    return system ? ActorRef{"system", "系统", "system"} : ActorRef{user_id, name, std::string(ToString(role))};
  }
};

// The units and which of them are enforcement bodies (执法主体: a bureau that decides and issues in its
// own name — 易县公安局 — as opposed to its teams and stations, which act in the body's name).
class UnitTree {
 public:
  void Add(const std::string& id, const std::string& parent_id, bool enforcement_body = false, std::string name = "") {
    parent_[id] = parent_id;
    info_[id] = {enforcement_body, std::move(name)};
  }
  bool Contains(const std::string& id) const { return parent_.count(id) > 0; }
  // True when `unit` is `ancestor` or lies below it.
  bool IsWithin(const std::string& unit, const std::string& ancestor) const;
  std::vector<std::string> Ids() const;
  // The enforcement body `unit` acts for: itself or its nearest ancestor flagged as one, else the top
  // of its tree. Empty for an unknown unit.
  std::string BodyOf(const std::string& unit) const;
  bool IsBody(const std::string& unit) const;
  std::string Name(const std::string& unit) const;

 private:
  struct Info {
    bool body = false;
    std::string name;
  };
  std::map<std::string, std::string> parent_;  // root's parent is ""
  std::map<std::string, Info> info_;
};

bool CanSeeUnit(const Actor& a, const std::string& unit_id, const UnitTree& units);

}  // namespace qc::domain
