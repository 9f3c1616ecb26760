#include "domain/urgent_start.h"

#include <stdexcept>

#include "domain/case_commands.h"
#include "domain/case_record.h"
#include "domain/event_json.h"
#include "domain/field_rules.h"
#include "domain/party_rules.h"

namespace qc::domain {
namespace {

using namespace event_json;  // NOLINT(build/namespaces)

}  // namespace

Status CheckUrgentMeasure(const UrgentMeasure& m, TimePoint now) {
  QC_RETURN_IF_ERROR(RequireText(m.measure, "urgent_measure.measure", "当场采取的措施", 2));
  QC_RETURN_IF_ERROR(RequireText(m.place, "urgent_measure.place", "采取措施的地点", 2));
  if (m.taken_at == TimePoint{})
    return Status::InvalidArgument("missing_field", "请记录采取措施的时间", "urgent_measure.taken_at");
  if (m.taken_at > now)
    return Status::InvalidArgument("invalid_field", "采取措施的时间不能晚于现在", "urgent_measure.taken_at");
  return Status();
}

Json EventData(const UrgentMeasure& m) {
  Json j = Json::object();
  j["measure"] = m.measure;
  j["place"] = m.place;
  j["taken_at"] = FormatRfc3339(m.taken_at);
  return j;
}

Json ToJson(const UrgentMeasure& m) {
  Json j = EventData(m);
  if (m.released) {
    Json r = Json::object();
    r["note"] = m.released->note;
    r["at"] = FormatRfc3339(m.released->at);
    r["by"] = ActorRefJson(m.released->by);
    j["released"] = std::move(r);
  } else {
    j["released"] = nullptr;
  }
  return j;
}

UrgentMeasure UrgentMeasureFromJson(const Json& j) {
  if (!j.is_object()) throw std::invalid_argument("urgent_measure is not an object");
  UrgentMeasure m;
  m.measure = Str(j, "measure");
  m.place = Str(j, "place");
  auto t = ParseRfc3339(Str(j, "taken_at"));
  if (!t.ok()) throw std::invalid_argument("urgent_measure.taken_at: " + t.status().message());
  m.taken_at = *t;
  return m;
}

StatusOr<std::vector<EventDraft>> DecideReleaseMeasure(const CaseState& c, const Actor& a, const std::string& note) {
  QC_RETURN_IF_ERROR(CheckCommand(c, a, CaseCommand::kReleaseMeasure));
  QC_RETURN_IF_ERROR(RequireText(note, "note", "解除措施的情况（解除了什么、如何解除）", kMinReasonChars));
  Json d = Json::object();
  d["note"] = note;
  return std::vector<EventDraft>{{"MeasureReleased", std::move(d)}};
}

StatusOr<std::vector<EventDraft>> DecideIdentifyParty(const CaseState& c, const Actor& a, size_t index,
                                                      const Party& party) {
  QC_RETURN_IF_ERROR(CheckCommand(c, a, CaseCommand::kIdentifyParty));
  if (index >= c.parties.size()) return Status::NotFound("当事人不存在", "index");
  if (!c.parties[index].identity_unknown)
    return Status::Conflict("illegal_transition", "该当事人身份已明确，无需查明", "index");
  if (party.identity_unknown)
    return Status::InvalidArgument("invalid_field", "查明身份后应登记当事人的身份信息", "party.identity_unknown");
  QC_RETURN_IF_ERROR(CheckParty(party, "party"));
  Json d = Json::object();
  d["index"] = index;
  d["party"] = ToJson(party);
  return std::vector<EventDraft>{{"PartyIdentified", std::move(d)}};
}

}  // namespace qc::domain
