#include "domain/policy.h"

namespace qc::domain {

bool UnitTree::IsWithin(const std::string& unit, const std::string& ancestor) const {
  std::string u = unit;
  for (int depth = 0; depth < 64 && !u.empty(); ++depth) {  // depth bound guards against a cycle
    if (u == ancestor) return true;
    auto it = parent_.find(u);
    if (it == parent_.end()) return false;
    u = it->second;
  }
  return false;
}

std::vector<std::string> UnitTree::Ids() const {
  std::vector<std::string> out;
  for (const auto& [id, parent] : parent_) out.push_back(id);
  return out;
}

bool CanSeeUnit(const Actor& a, const std::string& unit_id, const UnitTree& units) {
  switch (a.role) {
    case Role::kAdmin: return false;  // administers accounts, not case records (Art. 36: least privilege)
    case Role::kOfficer: return a.unit_id == unit_id;
    default: return units.IsWithin(unit_id, a.unit_id);
  }
}

}  // namespace qc::domain
