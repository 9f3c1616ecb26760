#include "app/setup.h"

#include "common/china_time.h"

#include <sys/stat.h>

#include <filesystem>

namespace qc::app {

namespace fs = std::filesystem;
using domain::Actor;

Status InitDataDir(const InitOptions& o, const Clock& clock) {
  std::error_code ec;
  fs::create_directories(fs::path(o.data_dir) / "keys", ec);  // the media store makes its own directories
  if (ec) return Status::Internal("无法创建数据目录 " + o.data_dir + ": " + ec.message());
  ::chmod((fs::path(o.data_dir) / "keys").c_str(), 0700);

  Options ao;
  ao.data_dir = o.data_dir;
  ao.read_connections = 1;
  ao.origin = o.origin;
  QC_ASSIGN_OR_RETURN(auto app, App::Open(ao, clock));
  QC_ASSIGN_OR_RETURN(int64_t n, app->ledger().EventCount());
  if (n > 0) return Status::Conflict("already_initialized", "数据目录已初始化：" + o.data_dir);
  QC_ASSIGN_OR_RETURN(CommandResult root, app->directory().CreateUnit(Actor::System(), o.root_unit, o.root_code, ""));
  if (o.demo) QC_RETURN_IF_ERROR(LoadDemo(*app, root.body["id"]));
  return app->ledger().SignCheckpoint();
}

namespace {

StatusOr<std::string> AddUser(App& app, const std::string& username, const std::string& name, const char* role,
                              const std::string& unit_id, const std::string& cert_no) {
  QC_ASSIGN_OR_RETURN(CommandResult r, app.directory().CreateUser(
                                           Actor::System(), {username, name, role, unit_id, cert_no, kDemoPassword}));
  return r.body["id"].get<std::string>();
}

domain::Party LegalPerson(const char* name, const char* id_number, const char* phone, const char* address,
                          const char* legal_rep) {
  domain::Party p;
  p.kind = domain::PartyKind::kLegalPerson;
  p.name = name;
  p.id_number = id_number;
  p.phone = phone;
  p.address = address;
  p.legal_representative = legal_rep;
  return p;
}

}  // namespace

Status LoadDemo(App& app, const std::string& root) {
  // The units of a county bureau (issue 12 §8): the 治安 team and a police station act in the bureau's
  // name (易县公安局 is the enforcement body); the 法制大队 supervises (Art. 6). Two police officers each
  // (行政处罚法 第四十二条), with their 人民警察证 警号 (six digits, 保定 04).
  QC_ASSIGN_OR_RETURN(CommandResult team1, app.directory().CreateUnit(Actor::System(), "治安管理大队", "易公治", root));
  QC_ASSIGN_OR_RETURN(CommandResult team2, app.directory().CreateUnit(Actor::System(), "城关派出所", "易公城", root));
  QC_ASSIGN_OR_RETURN(CommandResult legal, app.directory().CreateUnit(Actor::System(), "法制大队", "易公法", root));
  std::string t1 = team1.body["id"], t2 = team2.body["id"], lg = legal.body["id"];

  QC_ASSIGN_OR_RETURN(std::string officer1, AddUser(app, "officer1", "张伟", "officer", t1, "040017"));
  QC_ASSIGN_OR_RETURN(std::string officer3, AddUser(app, "officer3", "刘洋", "officer", t1, "040023"));
  QC_ASSIGN_OR_RETURN(std::string officer2, AddUser(app, "officer2", "王芳", "officer", t2, "040031"));
  QC_RETURN_IF_ERROR(AddUser(app, "officer4", "赵磊", "officer", t2, "040036").status());
  QC_ASSIGN_OR_RETURN(std::string reviewer1, AddUser(app, "reviewer1", "李强", "reviewer", root, "040005"));
  QC_ASSIGN_OR_RETURN(std::string approver1, AddUser(app, "approver1", "赵建国", "approver", root, "040001"));
  QC_RETURN_IF_ERROR(AddUser(app, "legal1", "陈静", "legal", lg, "040009").status());
  QC_RETURN_IF_ERROR(AddUser(app, "legal2", "周敏", "legal", lg, "040012").status());
  QC_RETURN_IF_ERROR(AddUser(app, "custodian1", "孙丽", "custodian", root, "").status());
  QC_RETURN_IF_ERROR(AddUser(app, "admin", "系统管理员", "admin", root, "").status());

  QC_ASSIGN_OR_RETURN(Actor o1, app.directory().LoadActor(officer1));
  QC_ASSIGN_OR_RETURN(Actor o3, app.directory().LoadActor(officer3));
  QC_ASSIGN_OR_RETURN(Actor o2, app.directory().LoadActor(officer2));
  QC_ASSIGN_OR_RETURN(Actor reviewer, app.directory().LoadActor(reviewer1));
  QC_ASSIGN_OR_RETURN(Actor approver, app.directory().LoadActor(approver1));

  // C. 依申请: a large public event security permit, with a one-time supplement notice (Art. 9).
  {
    NewCase nc;
    nc.cmd.mode = domain::StartMode::kApplication;
    nc.cmd.title = "易县商贸博览会大型群众性活动安全许可申请";
    nc.cmd.parties.push_back(LegalPerson("易县会展服务有限公司", "91130633MA0C1X2Y3E", "0312-8212345",
                                         "河北省保定市易县城关镇朝阳路18号", "马晓东"));
    nc.cmd.application = domain::Application{};
    nc.cmd.application->channel = "written";
    nc.cmd.application->matter = "大型群众性活动安全许可";
    // 大型群众性活动安全管理条例 第十二条: what the application brings; the safety plan is missing.
    nc.cmd.application->materials = {"承办者合法成立的证明及安全责任人身份证明", "大型群众性活动方案及其说明",
                                     "活动场所管理者同意提供活动场所的证明"};
    QC_ASSIGN_OR_RETURN(CommandResult c, app.cases().OpenCase(o1, nc));
    std::string id = c.body["id"];
    QC_RETURN_IF_ERROR(
        app.cases()
            .Act(o1, id, CorrectApplication{{"活动名称", "易县商贸博览汇", "易县商贸博览会", "马晓东（签字）", {}}})
            .status());
    domain::SupplementNotice notice;
    notice.items = {"大型群众性活动安全工作方案（大型群众性活动安全管理条例第十二条第一款第三项）"};
    notice.deadline = ChinaDate(app.clock().Now() + std::chrono::days(7));
    QC_RETURN_IF_ERROR(app.cases().Act(o1, id, IssueSupplementNotice{notice}).status());
  }
  // A. 依职权: the KTV without a valid security record, start approval awaiting review (Art. 10).
  {
    NewCase nc;
    nc.cmd.mode = domain::StartMode::kExOfficio;
    nc.cmd.title = "金嗓子KTV未按规定备案经营案";
    nc.cmd.parties.push_back(LegalPerson("易县金嗓子娱乐有限公司", "91130633MA0A7B8C9P", "0312-8265678",
                                         "河北省保定市易县城关镇迎宾路66号", "周涛"));
    nc.cmd.start_form = domain::StartForm{};
    nc.cmd.start_form->cause =
        "夜间巡查发现该KTV取得营业执照和娱乐经营许可证后未向县级公安部门备案即营业，涉嫌违反《娱乐场所管理条例》第十一"
        "条";
    nc.cmd.offence =
        domain::Offence{"娱乐场所未按规定备案", std::string("河北省保定市易县城关镇迎宾路66号"), std::nullopt};
    // Scenario A: 张伟 and 刘洋 both act (行政处罚法 第四十二条).
    nc.co_officer_ids = {o3.user_id};
    QC_ASSIGN_OR_RETURN(CommandResult c, app.cases().OpenCase(o1, nc));
    std::string id = c.body["id"];
    QC_RETURN_IF_ERROR(
        app.cases()
            .Act(o1, id,
                 SubmitStartApproval{"建议启动调查程序", "备案过期仍营业，事实初步清楚，需现场检查取证", std::nullopt})
            .status());
  }
  // B. 投诉举报 not started: the noise complaint belongs to the environmental authority (Art. 11).
  {
    NewCase nc;
    nc.cmd.mode = domain::StartMode::kComplaint;
    nc.cmd.title = "城关镇居民投诉加工作坊夜间噪声";
    nc.cmd.complaint = domain::Complaint{};
    nc.cmd.complaint->complainant = domain::Complainant{"刘桂兰", "13903120456", std::nullopt, false};
    nc.cmd.complaint->channel = "phone";
    nc.cmd.complaint->content = "城关镇西街一加工作坊每晚十点后仍在作业，噪声扰民";
    nc.cmd.complaint->respondent = "城关镇西街加工作坊";
    QC_ASSIGN_OR_RETURN(CommandResult c, app.cases().OpenCase(o2, nc));
    std::string id = c.body["id"];
    QC_ASSIGN_OR_RETURN(
        CommandResult sub,
        app.cases().Act(o2, id,
                        NotStartComplaint{{"经核查，工业噪声污染防治由生态环境主管部门负责，不属于本机关职责范围",
                                           "易公城不启字〔2026〕1号", "", "保定市生态环境局易县分局", std::nullopt}}));
    // 不予启动 goes through the chain (Art. 7, 11): 审核 and 负责人批准.
    std::string approval_id = sub.body["approvals"].back()["id"];
    QC_RETURN_IF_ERROR(app.cases()
                           .DecideApproval(reviewer, approval_id, "approve", "核查属实，同意不予启动，书面告知投诉人")
                           .status());
    QC_RETURN_IF_ERROR(app.cases().DecideApproval(approver, approval_id, "approve", "同意").status());
    // Then the written notice, served directly with its 送达回证 (Art. 11).
    domain::ComplaintNoticeService notice;
    notice.method = "direct";
    notice.notified_at = app.clock().Now();
    notice.proof = "送达回证，投诉人刘桂兰签收";
    QC_RETURN_IF_ERROR(app.cases().Act(o2, id, ServeComplaintNotice{notice}).status());
  }
  return Status();
}

}  // namespace qc::app
