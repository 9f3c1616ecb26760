// The simple procedure (简易程序, Art. 23): a penalty decided on the spot, without a start approval.
//
// A case opened (or changed) under the simple procedure starts investigating at once. The officer
// records the on-the-spot decision (当场处罚决定, OnTheSpotDecided) with what Art. 23 (1)–(6) asks: the
// conditions (the case's procedure_reason), the steps and the document (its number), the party's
// statement and its review (whether adopted, and why), the fine collected on the spot with its receipt;
// the decision is handed over at once (当场交付), so the case passes 审查决定 to 送达执行. The filing
// with the bureau (备案, SimpleCaseFiled) is due within 24 hours.
//
// The conditions are checked, not only written down (CheckOnTheSpotLimits):
//   - public-security cases (治安管理处罚法, as revised in force since 2026-01-01): a warning or a fine
//     of at most 500 yuan;
//   - road-traffic cases (道路交通安全法 第一百零七条): a warning or at most 200 yuan;
//   - other cases: an individual at most 50 yuan, a unit at most 1,000 yuan (公安机关办理行政案件程序规定
//     第三十七条第一款第三项, within 行政处罚法 第五十一条's 200 / 3,000);
//   - never for 卖淫、嫖娼、赌博、毒品 (程序规定 第三十七条第二款);
//   - a fine collected on the spot: at most 100 yuan (行政处罚法 第六十八条第一项), or hard to enforce
//     later (第六十八条第二项), or in a remote area at the party's request (第六十九条);
//   - where the party disputes, the exchange is filmed (Art. 23, last paragraph): the camera is named.
// One officer may act (程序规定 第三十九条第一款).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/canonical_json.h"
#include "common/clock.h"
#include "common/status.h"
#include "domain/event.h"
#include "domain/types.h"

namespace qc::domain {

struct Actor;
struct CaseState;

// 当场收缴罚款 and its receipt (行政处罚法 第六十八条、第六十九条、第七十条).
struct OnTheSpotCollection {
  std::string receipt_no;
  std::string ground;  // small (≤100 元) | hard_to_enforce | remote
};

// 备案: the filing of the on-the-spot decision with the officer's bureau (程序规定 第三十九条第二款).
struct SimpleFiling {
  std::string filed_with;  // the bureau (the case's enforcement body, by default)
  std::optional<std::string> note;
  TimePoint at;
  ActorRef by;
};

struct OnTheSpotDecision {
  std::string matter;  // public_security | traffic | other
  std::string facts, legal_basis, decision_no, place;
  std::string penalty;  // warning | fine
  int64_t fine_yuan = 0;
  std::string statement;  // 当事人的陈述、申辩 (Art. 23(3)); "未提出陈述、申辩" when none
  std::string review;     // 复核及处理 (Art. 23(4))
  bool adopted = false;   // 是否采纳
  bool disputed = false;  // the party disputes: filmed (Art. 23, last paragraph)
  std::optional<std::string> recording_device;
  std::optional<OnTheSpotCollection> collected;
  TimePoint at;
  ActorRef by;
  std::optional<SimpleFiling> filing;  // folded from SimpleCaseFiled
};

// The rules above for a penalty against a party of `kind`: a Status naming the field at fault.
Status CheckOnTheSpotLimits(const OnTheSpotDecision& d, PartyKind kind);

Json EventData(const OnTheSpotDecision& d);  // OnTheSpotDecided
Json ToJson(const OnTheSpotDecision& d);     // as the case shows it, with the filing
OnTheSpotDecision OnTheSpotDecisionFromJson(const Json& j);
SimpleFiling SimpleFilingFromJson(const Json& j);

StatusOr<std::vector<EventDraft>> DecideOnTheSpot(const CaseState& c, const Actor& a, const OnTheSpotDecision& d);
StatusOr<std::vector<EventDraft>> DecideFileSimpleCase(const CaseState& c, const Actor& a,
                                                       const std::optional<std::string>& note);

}  // namespace qc::domain
