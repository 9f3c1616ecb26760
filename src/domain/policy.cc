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

std::string UnitTree::BodyOf(const std::string& unit) const {
  if (!Contains(unit)) return "";
  std::string u = unit, top = unit;
  for (int depth = 0; depth < 64 && !u.empty(); ++depth) {
    auto it = parent_.find(u);
    if (it == parent_.end()) break;
    if (IsBody(u)) return u;
    top = u;
    u = it->second;
  }
  return top;
}

bool UnitTree::IsBody(const std::string& unit) const {
  auto it = info_.find(unit);
  return it != info_.end() && it->second.body;
}

std::string UnitTree::Name(const std::string& unit) const {
  auto it = info_.find(unit);
  return it == info_.end() ? std::string() : it->second.name;
}

bool CanSeeUnit(const Actor& a, const std::string& unit_id, const UnitTree& units) {
  switch (a.role) {
    case Role::kAdmin: return false;  // administers accounts, not case records (Art. 36: least privilege)
    case Role::kOfficer: return a.unit_id == unit_id;
    case Role::kLegal: {
      std::string body = units.BodyOf(a.unit_id);
      return !body.empty() && units.BodyOf(unit_id) == body;
    }
    default: return units.IsWithin(unit_id, a.unit_id);
  }
}

}  // namespace qc::domain
