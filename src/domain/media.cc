#include "domain/media.h"

#include "domain/authorization.h"

namespace qc::domain {
namespace {

using Drafts = std::vector<EventDraft>;

const std::vector<AvAct> kActs{
    {"site_inspection", "现场检查"},
    {"survey", "勘验"},
    {"sampling", "抽样取证"},
    {"inquiry", "询问"},
    {"hearing", "听证"},
    {"evidence_preservation", "证据保全"},
    {"restriction_of_liberty", "限制人身自由"},
    {"sealing", "查封"},
    {"seizure", "扣押"},
    {"freezing", "冻结"},
    {"service_by_leaving", "留置送达"},
    {"public_notice_service", "公告送达"},
    {"removal_of_obstruction", "排除妨碍"},
    {"restoration", "恢复原状"},
    {"acceptance_window", "受理窗口"},
    {"other", "其他"},
};

}  // namespace

const std::vector<AvAct>& AvActs() { return kActs; }

std::optional<std::string_view> AvActLabel(std::string_view code) {
  if (code == "lien_service") code = "service_by_leaving";
  for (const auto& a : kActs)
    if (a.code == code) return a.label;
  return std::nullopt;
}

const MediaRecord* FindMedia(const CaseState& c, const std::string& record_id) {
  for (const auto& m : c.media)
    if (m.record_id == record_id) return &m;
  return nullptr;
}

Json ToJson(const MediaRecord& m) {
  Json j = EventData(m);
  j["registered_at"] = FormatRfc3339(m.registered_at);
  j["registered_by"] = ActorRefJson(m.registered_by);
  j["access_count"] = m.access_count;
  j["act_label"] = std::string(AvActLabel(m.act).value_or(""));
  Json late = nullptr;
  if (m.late) {
    late = Json::object();
    late["rule"] = m.late->rule;
    late["article"] = m.late->article;
    late["delay_seconds"] = m.late->delay_seconds;
    late["message"] = m.late->message;
  }
  j["late"] = std::move(late);
  return j;
}

StatusOr<Drafts> DecideRegisterMedia(const CaseState& c, const Actor& a, bool by_station, const MediaRegistration& m) {
  if (!by_station) QC_RETURN_IF_ERROR(Authorize(a, Action::kActOnCase, CaseResource(c)));
  if (!c.HasOfficer(m.officer_id))
    return Status::InvalidArgument("invalid_field", "记录人员不是本案的承办人员", "officer");
  if (!m.act.empty() && !AvActLabel(m.act)) return Status::InvalidArgument("invalid_field", "执法行为无效", "act");
  if (m.kind == MediaKind::kAv) {
    if (m.act.empty()) return Status::InvalidArgument("invalid_field", "音像记录应当注明所记录的执法行为", "act");
    if (!m.capture_end) return Status::InvalidArgument("invalid_field", "音像记录应当注明拍摄结束时间", "capture_end");
    if (!m.parties_informed)
      return Status::InvalidArgument("invalid_field", "应当注明拍摄前是否告知当事人（第十四条）", "parties_informed");
  }
  if (m.capture_start && m.capture_end && *m.capture_end < *m.capture_start)
    return Status::InvalidArgument("invalid_field", "拍摄结束时间早于开始时间", "capture_end");
  // Art. 33–35: in 归档管理 the case file is the custodian's; footage belongs to the stages before it.
  if (c.stage == Stage::kArchiving)
    return Status::Conflict("illegal_transition", "案件已进入归档管理阶段，不能再登记音像记录或附件（第三十三条）",
                            "case");
  Stage stage = m.stage.value_or(c.stage);
  if (static_cast<int>(stage) > static_cast<int>(c.stage))
    return Status::Conflict("illegal_transition", "案件尚未进入" + std::string(Label(stage)) + "阶段", "stage");
  for (const auto& r : c.media)
    if (r.sha256 == m.sha256 && r.kind == m.kind)
      return Status::Conflict("duplicate_record", "本案已登记过内容相同的文件（" + r.file_name + "）", "sha256");

  MediaRecord rec;
  rec.record_id = m.record_id;
  rec.upload_id = m.upload_id;
  rec.kind = m.kind;
  rec.act = m.act;
  rec.stage = stage;
  rec.file_name = m.file_name;
  rec.content_type = m.content_type;
  rec.sha256 = m.sha256;
  rec.sm3 = m.sm3;
  rec.size = m.size;
  rec.media = m.media;
  rec.device_id = m.device_id;
  rec.device_serial = m.device_serial;
  rec.officer_id = m.officer_id;
  rec.officer_name = m.officer_name;
  rec.capture_start = m.capture_start;
  rec.capture_end = m.capture_end;
  rec.parties_informed = m.parties_informed;
  rec.station_id = m.station_id;
  return Drafts{{"MediaRegistered", EventData(rec)}};
}

StatusOr<Drafts> DecideAccessRecord(const CaseState& c, const Actor& a, const AccessRequest& r) {
  QC_RETURN_IF_ERROR(Authorize(a, Action::kAccessMedia, AnyResource()));  // the unit: asked by app/
  if (FindMedia(c, r.record_id) == nullptr) return Status::NotFound("记录不存在", "record_id");
  if (r.purpose != "play" && r.purpose != "download")
    return Status::InvalidArgument("invalid_field", "用途应为 play 或 download", "purpose");
  bool own = a.role == Role::kOfficer && c.HasOfficer(a.user_id);
  if (!own && r.reason.empty())
    return Status::InvalidArgument("invalid_field", "非本案承办人员调阅执法记录应当说明事由", "reason");
  Json d = {{"record_id", r.record_id}, {"purpose", r.purpose}, {"reason", r.reason}};
  return Drafts{{"RecordAccessed", std::move(d)}};
}

Status ApplyMediaRegistered(CaseState& c, const Event& e) {
  MediaRecord r = MediaRecordFromJson(e.data);
  r.registered_at = e.at;
  r.registered_by = e.actor;
  if (r.kind == MediaKind::kAv && r.capture_end && e.at - *r.capture_end > kAvDeadline) {
    int64_t delay = std::chrono::duration_cast<std::chrono::seconds>(e.at - *r.capture_end).count();
    r.late =
        LateFinding{std::string(kAvLateRule), "第三十三条", "音像记录未在拍摄结束后24小时内存储至执法信息系统", delay};
  }
  c.media.push_back(std::move(r));
  return Status();
}

Status ApplyRecordAccessed(CaseState& c, const Event& e) {
  std::string id = e.data.value("record_id", "");
  for (auto& m : c.media)
    if (m.record_id == id) {
      ++m.access_count;
      return Status();
    }
  return Status::Internal("RecordAccessed names an unknown record: " + id);
}

}  // namespace qc::domain
