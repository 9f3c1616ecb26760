// The few shapes every read of the store takes, written once: a WHERE clause built from conditions
// (with `IN (…)` lists), a page of rows with the total they were cut from, and stepping a statement
// to its end. Repositories (store/*_repo.h) use them; app/ never sees SQL.
//
//   Where w;
//   w.In("c.unit_id", visible).And("c.stage = ?", {stage});
//   QC_ASSIGN_OR_RETURN(auto page, ReadPage<CaseRow>(db, kSelect, "FROM cases c", w, "c.id", req, ReadCaseRow));
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/status.h"
#include "store/db.h"

namespace qc::store {

using Arg = std::variant<int64_t, std::string>;

// Binds args[0] to parameter `first`, args[1] to first + 1, ...; returns the next free parameter.
int BindAll(Stmt& s, const std::vector<Arg>& args, int first = 1);

// A conjunction of conditions with their arguments, in order.
class Where {
 public:
  Where& And(std::string condition, std::vector<Arg> args = {});
  // `column IN (?, ?, …)`; an empty list matches no row.
  Where& In(std::string_view column, const std::vector<std::string>& values);
  // " WHERE a AND b", or "" without conditions.
  std::string Sql() const;
  const std::vector<Arg>& args() const { return args_; }

 private:
  std::vector<std::string> conditions_;
  std::vector<Arg> args_;
};

struct PageRequest {
  int page = 1, page_size = 20;
  int64_t offset() const { return static_cast<int64_t>(page - 1) * page_size; }
};

template <class Row>
struct Page {
  std::vector<Row> items;
  int64_t total = 0;
};

// Steps `s` to its end, calling `row` for each row; the statement is reset on every path.
Status ForEachRow(Stmt& s, const std::function<Status(Stmt&)>& row);

template <class Row>
StatusOr<std::vector<Row>> ReadAll(Stmt& s, const std::function<Row(Stmt&)>& read) {
  std::vector<Row> out;
  QC_RETURN_IF_ERROR(ForEachRow(s, [&](Stmt& r) {
    out.push_back(read(r));
    return Status();
  }));
  return out;
}

// The first row, if any (the statement is reset).
template <class Row>
StatusOr<std::optional<Row>> ReadFirst(Stmt& s, const std::function<Row(Stmt&)>& read) {
  QC_ASSIGN_OR_RETURN(bool row, s.Step());
  std::optional<Row> out;
  if (row) out = read(s);
  s.Reset();
  return out;
}

// One integer (COUNT, SUM): the first column of the first row, or 0.
StatusOr<int64_t> ReadInt(Stmt& s);

// "SELECT COUNT(*) <from> <where>", then "<select> <from> <where> ORDER BY <order_by> LIMIT ? OFFSET ?".
// `order_by` must end in a unique key so that pages neither repeat nor skip rows.
template <class Row>
StatusOr<Page<Row>> ReadPage(Db& db, std::string_view select, std::string_view from, const Where& where,
                             std::string_view order_by, PageRequest p, const std::function<Row(Stmt&)>& read) {
  const std::string tail = std::string(from) + where.Sql();
  Page<Row> page;
  QC_ASSIGN_OR_RETURN(Stmt * count, db.Prepare("SELECT COUNT(*) " + tail));
  BindAll(*count, where.args());
  QC_ASSIGN_OR_RETURN(page.total, ReadInt(*count));
  QC_ASSIGN_OR_RETURN(Stmt * s, db.Prepare(std::string(select) + " " + tail + " ORDER BY " + std::string(order_by) +
                                           " LIMIT ? OFFSET ?"));
  int next = BindAll(*s, where.args());
  s->Bind(next, p.page_size).Bind(next + 1, p.offset());
  QC_ASSIGN_OR_RETURN(page.items, ReadAll<Row>(*s, read));
  return page;
}

// Binds `args` and runs a statement that returns no rows.
Status Execute(Db& db, const std::string& sql, const std::vector<Arg>& args);
// Binds `args` and tells whether the query returns a row.
StatusOr<bool> Exists(Db& db, const std::string& sql, const std::vector<Arg>& args);

}  // namespace qc::store
