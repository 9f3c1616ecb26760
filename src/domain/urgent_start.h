// An urgent start (情况紧急，事后补报, Art. 10) and the on-site measure taken before approval.
//
// An officer who must act at once (a 行政强制措施 on the spot: 扣押, 查封, 约束, …) opens the case as
// urgent and records what was done, where and when (UrgentMeasure). The report to the 负责人 and the
// approval follow within 24 hours of the measure (行政强制法 第十九条): the case's `urgent_report`
// deadline runs from `taken_at` until the start approval is granted. When the 负责人 refuses it, the
// measure is released at once (立即解除, same article): the `measure_release` deadline stays until the
// officer records the release (MeasureReleased).
//
// A party whose identity is not known yet (身份不明, e.g. an absent owner) is recorded by description
// and identified later (PartyIdentified); the start approval is not blocked by it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/canonical_json.h"
#include "common/clock.h"
#include "common/status.h"
#include "domain/event.h"

namespace qc::domain {

struct Actor;
struct CaseState;
struct Party;

struct MeasureRelease {
  std::string note;  // what was released and how (returned to whom, seal removed, …)
  TimePoint at;
  ActorRef by;
};

struct UrgentMeasure {
  std::string measure, place;  // 采取的现场措施, 地点
  TimePoint taken_at;
  std::optional<MeasureRelease> released;  // folded from MeasureReleased
};

// The measure as recorded when the case is opened at `now`: each field present, not in the future.
Status CheckUrgentMeasure(const UrgentMeasure& m, TimePoint now);

Json EventData(const UrgentMeasure& m);  // CaseOpened.urgent_measure
Json ToJson(const UrgentMeasure& m);     // as the case shows it, with the release
UrgentMeasure UrgentMeasureFromJson(const Json& j);

// 解除现场措施: after the 负责人 refused the start approval of an urgent case.
StatusOr<std::vector<EventDraft>> DecideReleaseMeasure(const CaseState& c, const Actor& a, const std::string& note);
// 查明当事人身份: replaces the description of party `index` (identity_unknown) with the identified party.
StatusOr<std::vector<EventDraft>> DecideIdentifyParty(const CaseState& c, const Actor& a, size_t index,
                                                      const Party& party);

}  // namespace qc::domain
