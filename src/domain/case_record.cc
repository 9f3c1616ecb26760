#include "domain/case_record.h"

#include <stdexcept>

#include "common/utf8.h"
#include "domain/event_json.h"

namespace qc::domain {
using namespace event_json;  // NOLINT(build/namespaces)

std::string CanonicalAvAct(std::string_view code) {
  return code == "lien_service" ? std::string("service_by_leaving") : std::string(code);
}

Json ActorRefJson(const ActorRef& a) {
  Json j = Json::object();
  j["id"] = a.id;
  j["name"] = a.name;
  j["role"] = a.role;
  return j;
}

// --- parties

Json ToJson(const Party& p) {
  Json j = Json::object();
  j["kind"] = ToString(p.kind);
  j["name"] = p.name;
  if (p.id_type) j["id_type"] = ToString(*p.id_type);
  PutOpt(j, "id_number", p.id_number);
  PutOpt(j, "phone", p.phone);
  PutOpt(j, "address", p.address);
  PutOpt(j, "legal_representative", p.legal_representative);
  PutOpt(j, "principal", p.principal);
  PutOpt(j, "gender", p.gender);
  PutOpt(j, "occupation", p.occupation);
  PutOpt(j, "birth_date", p.birth_date);
  if (p.identity_unknown) j["identity_unknown"] = true;
  PutOpt(j, "described_as", p.described_as);
  return j;
}

Party PartyFromJson(const Json& j) {
  Object(j, "party");
  Party p;
  p.kind = Enum<PartyKind>(j, "kind", ParsePartyKind);
  p.name = Str(j, "name");
  if (j.contains("id_type")) p.id_type = Enum<IdType>(j, "id_type", ParseIdType);
  p.id_number = OptStr(j, "id_number");
  p.phone = OptStr(j, "phone");
  p.address = OptStr(j, "address");
  p.legal_representative = OptStr(j, "legal_representative");
  p.principal = OptStr(j, "principal");
  p.gender = OptStr(j, "gender");
  p.occupation = OptStr(j, "occupation");
  p.birth_date = OptStr(j, "birth_date");
  p.identity_unknown = j.value("identity_unknown", false);
  return p;
}

// --- the offence (案由、违法时间、违法地点)

Status CheckOffence(const Offence& o, TimePoint now, const std::string& prefix) {
  std::string at = prefix.empty() ? "" : prefix + ".";
  if (o.cause.empty()) return Status::InvalidArgument("missing_field", "请填写案由", at + "cause");
  if (Utf8Length(o.cause) < 2) return Status::InvalidArgument("too_short", "案由过于简略（至少 2 个字）", at + "cause");
  if (o.occurred_at && *o.occurred_at > now)
    return Status::InvalidArgument("invalid_field", "违法时间不能晚于现在", at + "occurred_at");
  return Status();
}

Json EventData(const Offence& o) {
  Json j = Json::object();
  j["cause"] = o.cause;
  PutOpt(j, "place", o.place);
  PutOptTime(j, "occurred_at", o.occurred_at);
  return j;
}

Offence OffenceFromJson(const Json& j) {
  Object(j, "offence");
  return {Str(j, "cause"), OptStr(j, "place"), OptTime(j, "occurred_at")};
}

// --- the application (Art. 9)

Json EventData(const ApplicationCorrection& c) {
  Json j = Json::object();
  j["field"] = c.field;
  j["before"] = c.before;
  j["after"] = c.after;
  j["confirmed_by"] = c.confirmed_by;
  return j;
}

ApplicationCorrection CorrectionFromJson(const Json& j) {
  Object(j, "correction");
  return {Str(j, "field"), Str(j, "before"), Str(j, "after"), Str(j, "confirmed_by"), TimePoint{}};
}

Json EventData(const SupplementReceipt& r) {
  Json j = Json::object();
  j["items"] = Strings(r.items);
  PutOpt(j, "note", r.note);
  return j;
}

SupplementReceipt SupplementReceiptFromJson(const Json& j) {
  Object(j, "supplement received");
  return {StrList(j, "items"), OptStr(j, "note"), TimePoint{}};
}

Json EventData(const SupplementNotice& n) {
  Json j = Json::object();
  j["items"] = Strings(n.items);
  PutOpt(j, "deadline", n.deadline);
  PutOpt(j, "note", n.note);
  return j;
}

SupplementNotice SupplementNoticeFromJson(const Json& j) {
  Object(j, "supplement notice");
  SupplementNotice n;
  n.items = StrList(j, "items");
  n.deadline = OptStr(j, "deadline");
  n.note = OptStr(j, "note");
  return n;
}

Json EventData(const Receipt& r) {
  Json j = Json::object();
  j["kind"] = ToString(r.kind);
  j["receipt_no"] = r.receipt_no;
  PutOpt(j, "recipient", r.recipient);
  PutOpt(j, "sealed_by", r.sealed_by);
  return j;
}

Receipt ReceiptFromJson(const Json& j) {
  Object(j, "receipt");
  return {Enum<ReceiptKind>(j, "kind", ParseReceiptKind), Str(j, "receipt_no"), OptStr(j, "recipient"), TimePoint{},
          OptStr(j, "sealed_by")};
}

Json EventData(const Application& a) {
  Json j = Json::object();
  j["channel"] = a.channel;
  j["matter"] = a.matter;
  PutOpt(j, "oral_record", a.oral_record);
  j["materials"] = Strings(a.materials);
  PutOptTime(j, "received_at", a.received_at);
  return j;
}

Application ApplicationFromJson(const Json& j) {
  Object(j, "application");
  Application a;
  a.channel = Str(j, "channel");
  a.matter = Str(j, "matter");
  a.oral_record = OptStr(j, "oral_record");
  a.materials = StrList(j, "materials");
  a.received_at = OptTime(j, "received_at");
  return a;
}

Json ToJson(const Application& a) {
  Json j = EventData(a);
  Json corrections = Json::array();
  for (const auto& c : a.corrections) {
    Json jc = EventData(c);
    jc["at"] = FormatRfc3339(c.at);
    corrections.push_back(std::move(jc));
  }
  j["corrections"] = std::move(corrections);
  Json notice = nullptr;
  if (const auto& n = a.supplement_notice) {
    notice = EventData(*n);
    notice["issued_at"] = FormatRfc3339(n->issued_at);
    Json received = nullptr;
    if (n->received) {
      received = EventData(*n->received);
      received["at"] = FormatRfc3339(n->received->at);
    }
    notice["received"] = std::move(received);
  }
  j["supplement_notice"] = std::move(notice);
  Json decision = nullptr;
  if (const auto& d = a.decision) {
    decision = EventData(*d);
    decision["reason"] = d->reason;
    if (d->ground) decision["ground_label"] = Label(*d->ground);
    decision["at"] = FormatRfc3339(d->at);
    decision["by"] = ActorRefJson(d->by);
  }
  j["decision"] = std::move(decision);
  Json receipts = Json::array();
  for (const auto& r : a.receipts) {
    Json jr = EventData(r);
    jr["at"] = FormatRfc3339(r.at);
    receipts.push_back(std::move(jr));
  }
  j["receipts"] = std::move(receipts);
  return j;
}

// --- the complaint (Art. 11)

Json EventData(const ComplaintNotice& n) {
  Json j = Json::object();
  j["reason"] = n.reason;
  j["notice_no"] = n.notice_no;
  if (!n.notice_method.empty()) j["notice_method"] = n.notice_method;
  PutOpt(j, "competent_authority", n.competent_authority);
  PutOpt(j, "impossible_reason", n.impossible_reason);
  PutOptTime(j, "notified_at", n.notified_at);
  return j;
}

ComplaintNotice ComplaintNoticeFromJson(const Json& j) {
  Object(j, "complaint notice");
  ComplaintNotice n;
  n.reason = Str(j, "reason");
  n.notice_no = Str(j, "notice_no");
  n.notice_method = Str(j, "notice_method");
  n.competent_authority = OptStr(j, "competent_authority");
  n.impossible_reason = OptStr(j, "impossible_reason");
  n.notified_at = OptTime(j, "notified_at");
  return n;
}

Json EventData(const ApplicationDecision& d) {
  Json j = Json::object();
  j["accepted"] = d.accepted;
  if (!d.reason.empty() || !d.accepted) j["reason"] = d.reason;
  if (d.ground) j["ground"] = ToString(*d.ground);
  PutOpt(j, "competent_authority", d.competent_authority);
  PutOpt(j, "remedies", d.remedies);
  return j;
}

ApplicationDecision ApplicationDecisionFromJson(const Json& j) {
  Object(j, "application decision");
  ApplicationDecision d;
  d.accepted = j.value("accepted", false);
  d.reason = Str(j, "reason");
  if (auto g = OptStr(j, "ground")) {
    d.ground = ParseNonAcceptanceGround(*g);
    if (!d.ground) throw std::invalid_argument("ground");
  }
  d.competent_authority = OptStr(j, "competent_authority");
  d.remedies = OptStr(j, "remedies");
  return d;
}

Json EventData(const Complaint& c) {
  Json j = Json::object();
  j["channel"] = c.channel;
  j["content"] = c.content;
  if (c.complainant) {
    Json who = Json::object();
    PutOpt(who, "name", c.complainant->name);
    PutOpt(who, "phone", c.complainant->phone);
    PutOpt(who, "address", c.complainant->address);
    who["anonymous"] = c.complainant->anonymous;
    j["complainant"] = std::move(who);
  }
  PutOpt(j, "respondent", c.respondent);
  PutOptTime(j, "received_at", c.received_at);
  return j;
}

Complaint ComplaintFromJson(const Json& j) {
  Object(j, "complaint");
  Complaint c;
  c.channel = Str(j, "channel");
  c.content = Str(j, "content");
  if (j.contains("complainant")) {
    const Json& who = Object(j["complainant"], "complainant");
    c.complainant = Complainant{OptStr(who, "name"), OptStr(who, "phone"), OptStr(who, "address"),
                                who.contains("anonymous") && who["anonymous"].get<bool>()};
  }
  c.respondent = OptStr(j, "respondent");
  c.received_at = OptTime(j, "received_at");
  return c;
}

Json ToJson(const Complaint& c) {
  Json j = EventData(c);
  Json notice = nullptr;
  if (const auto& n = c.not_started) {
    notice = EventData(*n);
    notice["at"] = FormatRfc3339(n->at);
    notice["by"] = ActorRefJson(n->by);
    PutOpt(notice, "proof", n->proof);
    if (n->electronic_consent) notice["electronic_consent"] = true;
    notice["served"] = n->served();
    PutOptTime(notice, "served_recorded_at", n->served_recorded_at);
  }
  j["not_started"] = std::move(notice);
  j["accepted"] = c.accepted ? ToJson(*c.accepted) : Json(nullptr);
  j["transferred"] = c.transferred ? ToJson(*c.transferred) : Json(nullptr);
  return j;
}

// --- the start approval form (Art. 10)

Json ToJson(const StartForm& f) {
  Json j = Json::object();
  PutOpt(j, "cause", f.cause);
  PutOpt(j, "handler_opinion", f.handler_opinion);
  PutOpt(j, "handler_reasons", f.handler_reasons);
  PutOpt(j, "unit_opinion", f.unit_opinion);
  PutOpt(j, "legal_opinion", f.legal_opinion);
  PutOpt(j, "leader_opinion", f.leader_opinion);
  return j;
}

StartForm StartFormFromJson(const Json& j) {
  Object(j, "start_form");
  return {OptStr(j, "cause"),        OptStr(j, "handler_opinion"), OptStr(j, "handler_reasons"),
          OptStr(j, "unit_opinion"), OptStr(j, "legal_opinion"),   OptStr(j, "leader_opinion")};
}

// --- media records (Art. 14–16, 33)

Json EventData(const MediaRecord& m) {
  Json j = Json::object();
  j["record_id"] = m.record_id;
  j["upload_id"] = m.upload_id;
  j["kind"] = ToString(m.kind);
  j["act"] = m.act;
  j["stage"] = ToString(m.stage);
  j["file_name"] = m.file_name;
  j["content_type"] = m.content_type;
  j["sha256"] = m.sha256;
  j["sm3"] = m.sm3;
  j["size"] = m.size;
  j["media"] = m.media;
  j["device_id"] = m.device_id;
  j["device_serial"] = m.device_serial;
  Json officer = Json::object();
  officer["id"] = m.officer_id;
  officer["name"] = m.officer_name;
  j["officer"] = std::move(officer);
  j["capture_start"] = TimeOrNull(m.capture_start);
  j["capture_end"] = TimeOrNull(m.capture_end);
  j["parties_informed"] = m.parties_informed ? Json(*m.parties_informed) : Json(nullptr);
  j["station_id"] = m.station_id;
  return j;
}

MediaRecord MediaRecordFromJson(const Json& j) {
  Object(j, "media record");
  MediaRecord m;
  m.record_id = Str(j, "record_id");
  m.upload_id = Str(j, "upload_id");
  m.kind = Enum<MediaKind>(j, "kind", ParseMediaKind);
  m.act = CanonicalAvAct(Str(j, "act"));
  m.stage = Enum<Stage>(j, "stage", ParseStage);
  m.file_name = Str(j, "file_name");
  m.content_type = Str(j, "content_type");
  m.sha256 = Str(j, "sha256");
  m.sm3 = Str(j, "sm3");
  m.size = j.contains("size") ? j["size"].get<int64_t>() : 0;
  if (j.contains("media")) m.media = j["media"];
  m.device_id = Str(j, "device_id");
  m.device_serial = Str(j, "device_serial");
  if (j.contains("officer")) {
    const Json& o = Object(j["officer"], "officer");
    m.officer_id = Str(o, "id");
    m.officer_name = Str(o, "name");
  }
  m.capture_start = OptTime(j, "capture_start");
  m.capture_end = OptTime(j, "capture_end");
  if (j.contains("parties_informed") && !j["parties_informed"].is_null())
    m.parties_informed = j["parties_informed"].get<bool>();
  m.station_id = Str(j, "station_id");
  return m;
}

}  // namespace qc::domain
