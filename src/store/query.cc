#include "store/query.h"

namespace qc::store {

int BindAll(Stmt& s, const std::vector<Arg>& args, int first) {
  int i = first;
  for (const Arg& a : args) {
    if (const auto* n = std::get_if<int64_t>(&a))
      s.Bind(i++, *n);
    else
      s.Bind(i++, std::get<std::string>(a));
  }
  return i;
}

Where& Where::And(std::string condition, std::vector<Arg> args) {
  conditions_.push_back(std::move(condition));
  for (auto& a : args) args_.push_back(std::move(a));
  return *this;
}

Where& Where::In(std::string_view column, const std::vector<std::string>& values) {
  if (values.empty()) return And("0");
  std::string c = std::string(column) + " IN (";
  for (size_t i = 0; i < values.size(); ++i) {
    c += i ? ",?" : "?";
    args_.push_back(values[i]);
  }
  conditions_.push_back(c + ")");
  return *this;
}

std::string Where::Sql() const {
  std::string out;
  for (size_t i = 0; i < conditions_.size(); ++i) out += (i ? " AND " : " WHERE ") + conditions_[i];
  return out;
}

Status ForEachRow(Stmt& s, const std::function<Status(Stmt&)>& row) {
  for (;;) {
    auto more = s.Step();
    if (!more.ok()) {
      s.Reset();
      return more.status();
    }
    if (!*more) break;
    Status st = row(s);
    if (!st.ok()) {
      s.Reset();
      return st;
    }
  }
  s.Reset();
  return Status();
}

StatusOr<int64_t> ReadInt(Stmt& s) {
  QC_ASSIGN_OR_RETURN(auto v, ReadFirst<int64_t>(s, [](Stmt& r) { return r.IsNull(0) ? int64_t{0} : r.Int(0); }));
  return v.value_or(0);
}

Status Execute(Db& db, const std::string& sql, const std::vector<Arg>& args) {
  QC_ASSIGN_OR_RETURN(Stmt * s, db.Prepare(sql));
  BindAll(*s, args);
  return s->Run();
}

StatusOr<bool> Exists(Db& db, const std::string& sql, const std::vector<Arg>& args) {
  QC_ASSIGN_OR_RETURN(Stmt * s, db.Prepare(sql));
  BindAll(*s, args);
  QC_ASSIGN_OR_RETURN(bool row, s->Step());
  s->Reset();
  return row;
}

}  // namespace qc::store
