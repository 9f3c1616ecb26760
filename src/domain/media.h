// Audio-video records (音像记录) and attachments (附件) of a case, and access to them.
//
//   MediaRegistered  a blob (content-addressed, SHA-256 + SM3) becomes part of a case's record: the act
//                    it covers (Art. 14–16, 26–27, 31), the stage, who recorded it with which device,
//                    when capture started and ended, and whether the parties were told (Art. 14).
//   RecordAccessed   someone played or downloaded it (Art. 34–36: use of the record is itself recorded).
//
// The 24-hour rule (Art. 33 ¶2): footage must be in the system within 24 hours of the end of capture.
// A record registered later carries a finding with the delay; the case, the officer and the device
// show it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/canonical_json.h"
#include "common/clock.h"
#include "common/status.h"
#include "domain/case_state.h"
#include "domain/event.h"
#include "domain/policy.h"

namespace qc::domain {

struct AvAct {
  std::string_view code, label;
};
// 现场检查, 勘验, 抽样取证, 询问, 听证, 证据保全, 限制人身自由, 查封, 扣押, 冻结, 留置送达, 公告送达,
// 排除妨碍, 恢复原状, 受理窗口, 其他.
const std::vector<AvAct>& AvActs();
// The label of an act code; `lien_service`, the name before issue 12, reads as `service_by_leaving`.
std::optional<std::string_view> AvActLabel(std::string_view code);

inline constexpr auto kAvDeadline = std::chrono::hours(24);
inline constexpr std::string_view kAvLateRule = "ART33-AV-24H";

struct MediaRegistration {
  std::string record_id, upload_id;
  MediaKind kind = MediaKind::kAv;
  std::string act;             // an AvActs() code; required for av
  std::optional<Stage> stage;  // default: the case's current stage
  std::string file_name, content_type;
  std::string sha256, sm3;  // lowercase hex
  int64_t size = 0;
  Json media = Json::object();           // container metadata (media::ToJson)
  std::string device_id, device_serial;  // 执法记录仪, when recorded with one
  std::string officer_id, officer_name;  // who recorded (an officer of the case)
  std::optional<TimePoint> capture_start, capture_end;
  std::optional<bool> parties_informed;  // Art. 14 ¶2, av only
  std::string station_id;                // 采集站 that uploaded it, if any
};

// Decides MediaRegistered. `by_station`: the uploader is a collection station (then the recording
// officer must be one of the case's officers); otherwise `a` must be an officer of the case.
StatusOr<std::vector<EventDraft>> DecideRegisterMedia(const CaseState& c, const Actor& a, bool by_station,
                                                      const MediaRegistration& m);

// Who may play or download a record of the case: its officers without a reason; other users who may
// see the case (reviewers, approvers, legal, custodians, officers of the unit) with a reason.
// The admin never (Art. 36).
struct AccessRequest {
  std::string record_id;
  std::string purpose;  // play | download
  std::string reason;
};
StatusOr<std::vector<EventDraft>> DecideAccessRecord(const CaseState& c, const Actor& a, const AccessRequest& r);

// The record `record_id` of the case, or nullptr.
const MediaRecord* FindMedia(const CaseState& c, const std::string& record_id);

// A record as the API shows it: its event data, the act's label, who registered it and when, how
// often it was used, and the 24-hour finding (or null).
Json ToJson(const MediaRecord& m);

// Appliers (case_state.cc dispatches to them).
Status ApplyMediaRegistered(CaseState& c, const Event& e);
Status ApplyRecordAccessed(CaseState& c, const Event& e);

}  // namespace qc::domain
