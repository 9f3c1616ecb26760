// quancheng — the command line: serve, init, user add|list|passwd, verify, verify-proof, dock, version.
#include <unistd.h>

#include <cctype>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>

#include <CLI/CLI.hpp>
#include <spdlog/async.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "app/app.h"
#include "app/keys.h"
#include "app/setup.h"
#include "app/verify.h"
#include "crypto/base64.h"
#include "dock/agent.h"
#include "ledger/checkpoint.h"
#include "http/server.h"

namespace {

using qc::Status;

int Fail(const Status& s) {
  std::cerr << "错误：" << s.message();
  if (!s.field().empty()) std::cerr << "（" << s.field() << "）";
  std::cerr << "\n";
  return s.error_code() == qc::ErrorCode::kInvalidArgument ? 2 : 1;
}

// A password from stdin: the first line, without its newline. Never echoed, never logged.
std::string ReadPassword() {
  if (isatty(STDIN_FILENO)) std::cerr << "密码：" << std::flush;
  std::string line;
  std::getline(std::cin, line);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

// Every --key given: each a verifier key or a file of them.
qc::StatusOr<std::vector<qc::ledger::NoteVerifier>> ReadKeys(const std::vector<std::string>& args) {
  std::vector<qc::ledger::NoteVerifier> keys;
  for (const auto& k : args) {
    QC_ASSIGN_OR_RETURN(auto v, qc::app::ReadVerifierKeys(k));
    keys.insert(keys.end(), v.begin(), v.end());
  }
  return keys;
}

// Each subcommand: its options (filled by CLI11), the function that adds them, and the function that
// runs it. main() only wires them together.

struct ServeArgs {
  std::string data_dir = "data";
  std::string catalogue_dir;
  qc::http::ServerOptions server;
  int session_idle_minutes = 30;
  std::string log_level = "info";
  bool ledger_requires_session = false;
  int64_t tus_max_size = int64_t{64} << 30;
  int upload_expiry_minutes = 72 * 60;
  int64_t upload_quota_mib = int64_t{128} << 10, disk_reserve_mib = 2048;
};

CLI::App* AddServe(CLI::App& cli, ServeArgs& a) {
  auto* serve = cli.add_subcommand("serve", "启动 HTTP 服务");
  serve->add_option("--data", a.data_dir, "数据目录")->capture_default_str();
  serve->add_option("--port", a.server.port, "端口（0 表示任选空闲端口）")->capture_default_str();
  serve->add_option("--bind", a.server.bind, "监听地址")->capture_default_str();
  serve->add_option("--max-body", a.server.max_body, "请求体上限（字节）")->capture_default_str();
  serve->add_option("--workers", a.server.worker_threads, "工作线程数")
      ->capture_default_str()
      ->check(CLI::Range(1, 512));
  serve->add_option("--max-connections", a.server.max_connections, "同时打开的连接数上限（超出时答 503）")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000000));
  serve->add_option("--session-idle-minutes", a.session_idle_minutes, "会话空闲超时（分钟）")
      ->capture_default_str()
      ->check(CLI::Range(1, 24 * 60));
  serve->add_option("--web", a.server.web_root, "前端目录（已构建的 web/dist）")->capture_default_str();
  serve->add_option("--catalogue", a.catalogue_dir, "文书目录（*.json；不给则用内置的 catalogue/）");
  serve->add_flag("--secure-cookie", a.server.secure_cookie, "会话 Cookie 加 Secure 属性（经 HTTPS 提供服务时）");
  serve->add_option("--log-level", a.log_level, "日志级别：debug, info, warn, error")->capture_default_str();
  serve->add_option("--tus-max-size", a.tus_max_size, "上传文件大小上限（字节，Tus-Max-Size）")
      ->capture_default_str()
      ->check(CLI::Range(int64_t{1}, int64_t{1} << 50));
  serve->add_option("--upload-quota-mib", a.upload_quota_mib, "每个上传者未完成上传的合计上限（MiB）")
      ->capture_default_str()
      ->check(CLI::Range(int64_t{1}, int64_t{1} << 30));
  serve->add_option("--disk-reserve-mib", a.disk_reserve_mib, "数据目录须保留的可用空间（MiB），不足时拒绝上传（507）")
      ->capture_default_str()
      ->check(CLI::Range(int64_t{0}, int64_t{1} << 30));
  serve->add_option("--upload-expiry-minutes", a.upload_expiry_minutes, "未完成上传自最后一次写入起的保留时间（分钟）")
      ->capture_default_str()
      ->check(CLI::Range(0, 60 * 24 * 365));
  serve->add_flag("--ledger-requires-session", a.ledger_requires_session,
                  "检查点、公钥和证明也须登录后才能获取（默认公开：只含哈希）");
  return serve;
}

int RunServe(const ServeArgs& a, const qc::Clock& clock) {
  spdlog::init_thread_pool(8192, 1);
  auto logger = std::make_shared<spdlog::async_logger>("quancheng", std::make_shared<spdlog::sinks::stdout_sink_mt>(),
                                                       spdlog::thread_pool(), spdlog::async_overflow_policy::block);
  spdlog::set_default_logger(logger);
  spdlog::set_level(spdlog::level::from_str(a.log_level));
  spdlog::flush_every(std::chrono::seconds(1));
  qc::app::Options ao;
  ao.data_dir = a.data_dir;
  ao.catalogue_dir = a.catalogue_dir;
  ao.session_idle = std::chrono::minutes(a.session_idle_minutes);
  ao.read_connections = std::max(4, a.server.worker_threads / 4);
  ao.ledger_requires_session = a.ledger_requires_session;
  ao.background = true;  // the checkpointer and the upload reaper
  ao.tus_max_size = a.tus_max_size;
  ao.upload_expiry = std::chrono::minutes(a.upload_expiry_minutes);
  ao.upload_quota = a.upload_quota_mib << 20;
  ao.disk_reserve = a.disk_reserve_mib << 20;
  auto app = qc::app::App::Open(ao, clock);
  if (!app.ok()) return Fail(app.status());
  Status s = qc::http::Serve(**app, a.server);
  spdlog::shutdown();
  return s.ok() ? 0 : Fail(s);
}

CLI::App* AddInit(CLI::App& cli, qc::app::InitOptions& o) {
  auto* init = cli.add_subcommand("init", "初始化数据目录");
  init->add_option("--data", o.data_dir, "数据目录")->capture_default_str();
  init->add_option("--unit", o.root_unit, "本单位名称")->capture_default_str();
  init->add_option("--unit-code", o.root_code, "本单位简称（案件编号前缀）")->capture_default_str();
  init->add_flag("--demo", o.demo, "载入演示数据（演示账号、三个演示案件）");
  init->add_option("--origin", o.origin, "账本来源名（检查点首行，也是签名密钥名）")->capture_default_str();
  return init;
}

int RunInit(const qc::app::InitOptions& o, const qc::Clock& clock) {
  Status s = qc::app::InitDataDir(o, clock);
  if (!s.ok()) return Fail(s);
  std::cout << "已初始化数据目录 " << o.data_dir << (o.demo ? "（含演示数据）" : "") << "\n";
  return 0;
}

struct VerifyArgs {
  std::string data_dir = "data";
  std::vector<std::string> keys;
};

CLI::App* AddVerify(CLI::App& cli, VerifyArgs& a) {
  auto* verify = cli.add_subcommand("verify", "离线校验数据目录：账本树、检查点签名、投影、媒体文件（须先停止服务）");
  verify->add_option("--data", a.data_dir, "数据目录")->capture_default_str();
  verify->add_option("--key", a.keys, "检查点公钥（字符串或文件）；默认用数据目录 keys/*.vkey");
  return verify;
}

int RunVerify(const VerifyArgs& a) {
  auto keys = ReadKeys(a.keys);
  if (!keys.ok()) return Fail(keys.status());
  if (keys->empty())
    std::cerr << "注意：检查点公钥取自数据目录 " << a.data_dir << "/keys，能改动数据目录的人也能替换它们；"
              << "请用 --key 指定另行保存的公钥，并核对下面列出的密钥 ID。\n";
  auto report = qc::app::VerifyDataDir(a.data_dir, *keys);
  if (!report.ok()) return Fail(report.status());
  if (report->divergences.empty()) {
    std::cout << report->Summary() << "\n";
    return 0;
  }
  for (const auto& d : report->divergences) std::cout << d << "\n";
  return 1;
}

struct VerifyProofArgs {
  std::string file;
  std::vector<std::string> keys;
};

CLI::App* AddVerifyProof(CLI::App& cli, VerifyProofArgs& a) {
  auto* verify_proof = cli.add_subcommand("verify-proof", "离线校验单个事件的证明包（c2sp.org/tlog-proof）");
  verify_proof->add_option("FILE", a.file, "证明文件（.tlog-proof）")->required();
  verify_proof->add_option("--key", a.keys, "日志公钥：名称+密钥ID+base64，或含公钥的文件")->required();
  return verify_proof;
}

int RunVerifyProof(const VerifyProofArgs& a) {
  auto keys = ReadKeys(a.keys);
  if (!keys.ok()) return Fail(keys.status());
  std::ifstream in(a.file, std::ios::binary);
  if (!in) return Fail(Status::NotFound("无法读取 " + a.file));
  std::string text(16 * 1024 * 1024 + 1, '\0');  // the bundle limit + 1: larger files are refused unread
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<size_t>(in.gcount()));
  auto bundle = qc::ledger::ParseProofBundle(text);
  auto verified = bundle.ok() ? qc::ledger::VerifyProofBundle(*bundle, *keys)
                              : qc::StatusOr<qc::ledger::VerifiedBundle>(bundle.status());
  if (!verified.ok()) {
    std::cout << "FAILED: " << verified.status().message() << "\n";
    return 1;
  }
  std::string by;
  for (const auto& s : verified->signed_by) by += (by.empty() ? "" : ", ") + s;
  std::cout << "OK: event " << verified->index << " is in " << verified->checkpoint.origin << " at tree size "
            << verified->checkpoint.size << " (root " << qc::crypto::Base64Encode(verified->checkpoint.root_hash)
            << "), checkpoint signed by " << by << "\n";
  return 0;
}

struct UserArgs {
  std::string data_dir = "data", unit, passwd_user;
  qc::app::NewUser nu;
  CLI::App *add = nullptr, *list = nullptr, *passwd = nullptr;
};

CLI::App* AddUser(CLI::App& cli, UserArgs& a) {
  auto* user = cli.add_subcommand("user", "用户管理");
  user->require_subcommand(1);
  a.add = user->add_subcommand("add", "新建用户（密码从标准输入读取）");
  a.add->add_option("--data", a.data_dir, "数据目录")->capture_default_str();
  a.add->add_option("--username", a.nu.username, "用户名")->required();
  a.add->add_option("--role", a.nu.role, "角色：officer, reviewer, approver, legal, custodian, admin")->required();
  a.add->add_option("--unit", a.unit, "所属单位（名称或编号）")->required();
  a.add->add_option("--name", a.nu.name, "姓名（默认同用户名）");
  a.add->add_option("--cert-no", a.nu.cert_no, "执法证件编号（执法人员必填）");
  a.list = user->add_subcommand("list", "列出用户");
  a.list->add_option("--data", a.data_dir, "数据目录")->capture_default_str();
  a.passwd = user->add_subcommand("passwd", "重置用户密码（新密码从标准输入读取）");
  a.passwd->add_option("--data", a.data_dir, "数据目录")->capture_default_str();
  a.passwd->add_option("--username", a.passwd_user, "用户名")->required();
  return user;
}

// user add | list | passwd: the command line acts as the system (it holds the data directory).
int RunUser(UserArgs& a, const qc::Clock& clock) {
  qc::app::Options ao;
  ao.data_dir = a.data_dir;
  ao.read_connections = 1;
  auto app = qc::app::App::Open(ao, clock);
  if (!app.ok()) return Fail(app.status());
  const qc::domain::Actor system = qc::domain::Actor::System();
  if (a.add->parsed()) {
    auto unit_id = (*app)->directory().FindUnitId(a.unit);
    if (!unit_id.ok()) return Fail(unit_id.status());
    a.nu.unit_id = *unit_id;
    if (a.nu.name.empty()) a.nu.name = a.nu.username;
    a.nu.password = ReadPassword();
    auto r = (*app)->directory().CreateUser(system, a.nu);
    if (!r.ok()) return Fail(r.status());
    std::cout << "已创建用户 " << a.nu.username << "（" << r->body["id"].get<std::string>() << "）\n";
    return 0;
  }
  if (a.list->parsed()) {
    auto users = (*app)->directory().ListUsers(system, 1, 100000);
    if (!users.ok()) return Fail(users.status());
    for (const auto& u : (*users)["items"])
      std::cout << u["username"].get<std::string>() << "\t" << u["name"].get<std::string>() << "\t"
                << u["role"].get<std::string>() << "\t" << u["unit_name"].get<std::string>() << "\t"
                << (u["active"].get<bool>() ? "启用" : "停用") << "\n";
    return 0;
  }
  auto id = (*app)->directory().FindUserId(a.passwd_user);
  if (!id.ok()) return Fail(id.status());
  qc::app::UserChange ch;
  ch.password = ReadPassword();
  auto r = (*app)->directory().ChangeUser(system, *id, ch);
  if (!r.ok()) return Fail(r.status());
  std::cout << "已重置用户 " << a.passwd_user << " 的密码\n";
  return 0;
}

struct DockArgs {
  qc::dock::DockOptions opts;
  std::string server, token_file, parties_informed;
  int chunk_mib = 64;
  int64_t interval = 5, settle = 10, timeout = 60;
};

CLI::App* AddDock(CLI::App& cli, DockArgs& a) {
  auto* dock =
      cli.add_subcommand("dock", "采集站：上传监视目录（执法记录仪存储）中的新文件，服务器核验摘要后删除本地文件");
  dock->add_option("--watch", a.opts.watch_dir, "监视目录（挂载的执法记录仪存储）")->required();
  dock->add_option("--server", a.server, "服务器地址，如 https://qc.yixian.gaj 或 http://10.1.2.3:8080")->required();
  dock->add_option("--device", a.opts.defaults.device, "执法记录仪（登记的编号或设备 ID）")->required();
  dock->add_option("--token-file", a.token_file, "采集站令牌文件（首行）；未指定时取环境变量 QC_STATION_TOKEN");
  dock->add_option("--ca", a.opts.ca_file, "https：信任的 CA 证书（PEM 文件；默认用系统的 CA）")
      ->check(CLI::ExistingFile);
  dock->add_option("--state", a.opts.state_dir, "状态目录（续传进度、已登记清单）")->capture_default_str();
  dock->add_option("--case", a.opts.defaults.case_id, "默认所属案件（可由附注文件 <文件>.qc.json 逐个指定）");
  dock->add_option("--act", a.opts.defaults.act, "默认执法行为，如 site_inspection、seizure");
  dock->add_option("--stage", a.opts.defaults.stage, "默认所属阶段");
  dock->add_option("--parties-informed", a.parties_informed, "是否已告知当事人正在录音录像：true 或 false")
      ->check(CLI::IsMember({"true", "false"}));
  dock->add_option("--chunk-mib", a.chunk_mib, "每次续传请求的大小（MiB）")
      ->capture_default_str()
      ->check(CLI::Range(1, 4096));
  dock->add_option("--max-rate", a.opts.max_rate, "上传限速（字节/秒，0 为不限）")
      ->capture_default_str()
      ->check(CLI::Range(int64_t{0}, int64_t{1} << 40));
  dock->add_option("--interval", a.interval, "扫描间隔（秒）")->capture_default_str()->check(CLI::Range(1, 3600));
  dock->add_option("--settle", a.settle, "文件最后修改后等待多久才上传（秒）")
      ->capture_default_str()
      ->check(CLI::Range(0, 3600));
  dock->add_option("--timeout", a.timeout, "每一步网络操作的超时（秒）")
      ->capture_default_str()
      ->check(CLI::Range(1, 3600));
  dock->add_flag("--once", a.opts.once, "扫描上传一遍后退出（有文件未能上传时退出码为 1）");
  return dock;
}

int RunDockCommand(DockArgs& a, const qc::Clock& clock) {
  auto url = qc::http::Url::Parse(a.server);
  if (!url.ok()) return Fail(url.status());
  a.opts.server = *url;
  if (!a.token_file.empty()) {
    std::ifstream in(a.token_file);
    if (!in) return Fail(Status::InvalidArgument("invalid_field", "无法读取令牌文件 " + a.token_file, "token-file"));
    std::getline(in, a.opts.token);
  } else if (const char* env = std::getenv("QC_STATION_TOKEN")) {
    a.opts.token = env;
  }
  while (!a.opts.token.empty() && std::isspace(static_cast<unsigned char>(a.opts.token.back())))
    a.opts.token.pop_back();
  if (a.opts.token.empty())
    return Fail(Status::InvalidArgument("invalid_field", "缺少采集站令牌：用 --token-file 或环境变量 QC_STATION_TOKEN",
                                        "token-file"));
  a.opts.chunk_size = int64_t{a.chunk_mib} << 20;
  if (!a.parties_informed.empty()) a.opts.defaults.parties_informed = a.parties_informed == "true";
  a.opts.interval = std::chrono::seconds(a.interval);
  a.opts.settle = std::chrono::seconds(a.settle);
  a.opts.timeout = std::chrono::seconds(a.timeout);
  return qc::dock::RunDock(a.opts, clock, std::cout, isatty(STDOUT_FILENO) != 0);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"QuanCheng（全程）行政执法全过程记录系统"};
  cli.require_subcommand(1);
  qc::SystemClock clock;

  ServeArgs serve_args;
  qc::app::InitOptions init_args;
  VerifyArgs verify_args;
  VerifyProofArgs proof_args;
  UserArgs user_args;
  DockArgs dock_args;
  auto* serve = AddServe(cli, serve_args);
  auto* init = AddInit(cli, init_args);
  auto* verify = AddVerify(cli, verify_args);
  auto* verify_proof = AddVerifyProof(cli, proof_args);
  auto* user = AddUser(cli, user_args);
  auto* dock = AddDock(cli, dock_args);
  auto* version = cli.add_subcommand("version", "显示版本");

  CLI11_PARSE(cli, argc, argv);

  if (version->parsed()) {
    std::cout << "quancheng " << QC_VERSION << "\n";
    return 0;
  }
  if (verify->parsed()) return RunVerify(verify_args);
  if (verify_proof->parsed()) return RunVerifyProof(proof_args);
  if (dock->parsed()) return RunDockCommand(dock_args, clock);
  if (init->parsed()) return RunInit(init_args, clock);
  if (serve->parsed()) return RunServe(serve_args, clock);
  if (user->parsed()) return RunUser(user_args, clock);
  return 0;
}
