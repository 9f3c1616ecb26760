// Signed checkpoints, proof bundles and `quancheng verify-proof`, against the real server.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "cli_run.h"
#include "common/clock.h"
#include "crypto/base64.h"
#include "ledger/checkpoint.h"
#include "ledger/merkle.h"
#include "ledger/note.h"
#include "server_fixture.h"

namespace qc::testing {
namespace {

std::string Unb64(const Json& j) { return *crypto::Base64Decode(j.get<std::string>()); }

Json NewCase(const std::string& title) {
  return {{"start_mode", "ex_officio"},
          {"title", title},
          {"parties", {{{"kind", "natural_person"}, {"name", "刘洋"}}}},
          {"start_form", {{"cause", "巡查发现"}}}};
}

std::vector<ledger::NoteVerifier> ServedKeys(int port) {
  HttpResponse keys = Send(port, "GET", "/api/v1/ledger/keys");
  EXPECT_EQ(keys.status, 200);
  std::vector<ledger::NoteVerifier> out;
  Json body = keys.json();
  for (const auto& k : body["keys"]) out.push_back(*ledger::NoteVerifier::Parse(k["vkey"].get<std::string>()));
  return out;
}

// Polls until the latest checkpoint covers `size` events (the signer runs once a second).
std::string CheckpointCovering(int port, int64_t size) {
  for (int i = 0; i < 100; ++i) {
    HttpResponse r = Send(port, "GET", "/api/v1/ledger/checkpoint");
    if (r.status == 200) {
      auto c = ledger::ParseCheckpointText(ledger::ParseNote(r.body)->text);
      if (c.ok() && c->size >= size) return r.body;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ADD_FAILURE() << "no checkpoint covering " << size << " events within 10 s";
  return "";
}

TEST(Ledger, CheckpointsAreSignedWithBothKeysKeptAndConsistent) {
  Server server;
  int port = server.port();
  auto keys = ServedKeys(port);
  ASSERT_EQ(keys.size(), 2u);
  EXPECT_EQ(keys[0].algorithm, crypto::SignatureAlgorithm::kEd25519);
  EXPECT_EQ(keys[1].algorithm, crypto::SignatureAlgorithm::kSm2Sm3);
  EXPECT_EQ(Send(port, "GET", "/api/v1/ledger/keys").json()["keys"][1]["distinguishing_id"], "1234567812345678");

  // init signed the demo's events.
  HttpResponse first = Send(port, "GET", "/api/v1/ledger/checkpoint");
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.headers["content-type"], "text/plain; charset=utf-8");
  EXPECT_EQ(first.body.rfind("yixian.gaj/quancheng\n", 0), 0u) << first.body;
  auto note1 = ledger::ParseNote(first.body);
  ASSERT_TRUE(note1.ok());
  auto who = ledger::VerifyNote(*note1, keys);
  ASSERT_TRUE(who.ok()) << who.status().ToString();
  EXPECT_EQ(who->size(), 2u) << "signed by the Ed25519 and the SM2 key";
  auto cp1 = *ledger::ParseCheckpointText(note1->text);

  // New events get a new checkpoint within about a second; the root is the tree's root.
  Client officer(port, "officer1");
  int64_t last = 0;
  for (int i = 0; i < 5; ++i) {
    HttpResponse r = officer.Post("/api/v1/cases", NewCase("检查点测试" + std::to_string(i)));
    ASSERT_EQ(r.status, 201) << r.body;
    last = r.json()["events"][0]["index"];
  }
  std::string note_text = CheckpointCovering(port, last + 1);
  auto cp2 = *ledger::ParseCheckpointText(ledger::ParseNote(note_text)->text);
  HttpResponse inc = Send(port, "GET", "/api/v1/ledger/proof/inclusion?index=0&size=" + std::to_string(cp2.size));
  EXPECT_EQ(Unb64(inc.json()["root_hash"]), cp2.root_hash);

  // Every checkpoint is kept, each retrievable by size, and each consistent with the next.
  Json list = Send(port, "GET", "/api/v1/ledger/checkpoints").json()["checkpoints"];
  ASSERT_GE(list.size(), 2u);
  EXPECT_EQ(list[0]["size"], cp1.size);
  HttpResponse by_size = Send(port, "GET", "/api/v1/ledger/checkpoints?size=" + std::to_string(cp1.size));
  EXPECT_EQ(by_size.body, first.body);
  for (size_t i = 1; i < list.size(); ++i) {
    int64_t a = list[i - 1]["size"], b = list[i]["size"];
    EXPECT_LT(a, b);
    Json c =
        Send(port, "GET", "/api/v1/ledger/proof/consistency?from=" + std::to_string(a) + "&to=" + std::to_string(b))
            .json();
    std::vector<std::string> proof;
    for (const auto& h : c["proof"]) proof.push_back(Unb64(h));
    EXPECT_TRUE(
        ledger::VerifyConsistency(a, b, proof, Unb64(list[i - 1]["root_hash"]), Unb64(list[i]["root_hash"])).ok());
    // At most one a second (signed_at has millisecond precision).
    auto t0 = ParseRfc3339(list[i - 1]["signed_at"].get<std::string>());
    auto t1 = ParseRfc3339(list[i]["signed_at"].get<std::string>());
    ASSERT_TRUE(t0.ok() && t1.ok());
    EXPECT_GE(std::chrono::duration_cast<std::chrono::milliseconds>(*t1 - *t0).count(), 990);
  }
  EXPECT_EQ(Send(port, "GET", "/api/v1/ledger/checkpoints?size=999999").status, 404);
  EXPECT_EQ(Send(port, "GET", "/api/v1/ledger/checkpoints?size=x").json()["field"], "size");
  EXPECT_EQ(Send(port, "GET", "/api/v1/ledger/checkpoint?x=1").status, 400);
}

TEST(Ledger, EachEventDownloadsAsABundleThatVerifiesOffline) {
  Server server;
  int port = server.port();
  Client officer(port, "officer1"), other_unit(port, "officer2"), custodian(port, "custodian1");
  HttpResponse created = officer.Post("/api/v1/cases", NewCase("证明包测试"));
  ASSERT_EQ(created.status, 201);
  int64_t index = created.json()["events"][0]["index"];
  std::string path = "/api/v1/ledger/bundle?index=" + std::to_string(index);

  HttpResponse bundle;
  for (int i = 0; i < 100; ++i) {
    bundle = officer.Get(path);
    if (bundle.status != 503) break;
    EXPECT_EQ(bundle.headers["retry-after"], "1");
    EXPECT_EQ(bundle.json()["code"], "not_yet_checkpointed");
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_EQ(bundle.status, 200) << bundle.body;
  EXPECT_NE(bundle.headers["content-disposition"].find(".tlog-proof"), std::string::npos);
  EXPECT_EQ(custodian.Get(path).status, 200) << "the custodian of the bureau sees its cases";
  // Security probe: the administrator read case contents through the bundle; it sees no case records.
  Client admin(port, "admin");
  EXPECT_EQ(admin.Get(path).status, 403) << "a case's event: not for the administrator";
  EXPECT_EQ(admin.Get("/api/v1/ledger/bundle?index=0").status, 200) << "a directory event: auditors, the admin too";
  EXPECT_EQ(other_unit.Get(path).status, 403) << "the bundle holds the event: only those who may see the case";
  EXPECT_EQ(Send(port, "GET", path).status, 401);
  EXPECT_EQ(officer.Get("/api/v1/ledger/bundle?index=0").status, 403) << "a directory event: auditors only";
  EXPECT_EQ(officer.Get("/api/v1/ledger/bundle?index=999999").status, 404);

  std::string file = server.data_dir() + "/event.tlog-proof";
  std::ofstream(file, std::ios::binary) << bundle.body;
  std::string vkey_file = server.data_dir() + "/keys/checkpoint-sm2.vkey";
  CliRun ok = RunQuancheng("verify-proof " + file + " --key " + vkey_file);
  EXPECT_EQ(ok.status, 0) << ok.output;
  EXPECT_EQ(ok.output.rfind("OK: event " + std::to_string(index) + " ", 0), 0u) << ok.output;
  std::string vkey = ServedKeys(port)[0].Encode();
  EXPECT_EQ(RunQuancheng("verify-proof " + file + " --key '" + vkey + "'").status, 0);

  // The bundle of another event with this event's index, or with the index moved, fails.
  auto parsed = *ledger::ParseProofBundle(bundle.body);
  parsed.extra = parsed.extra->substr(0, parsed.extra->size() - 1) + " ";
  std::ofstream(file, std::ios::binary | std::ios::trunc) << ledger::FormatProofBundle(parsed);
  CliRun bad = RunQuancheng("verify-proof " + file + " --key " + vkey_file);
  EXPECT_EQ(bad.status, 1) << bad.output;
  EXPECT_EQ(bad.output.rfind("FAILED: ", 0), 0u) << bad.output;
  // A key that did not sign it.
  auto stranger = crypto::SigningKey::Generate(crypto::SignatureAlgorithm::kEd25519);
  std::string stranger_vkey = ledger::NoteSigner{"yixian.gaj/quancheng", *stranger}.Verifier().Encode();
  std::ofstream(file, std::ios::binary | std::ios::trunc) << bundle.body;
  EXPECT_EQ(RunQuancheng("verify-proof " + file + " --key '" + stranger_vkey + "'").status, 1);
  CliRun no_key = RunQuancheng("verify-proof " + file + " --key nonsense");
  EXPECT_NE(no_key.status, 0);
  EXPECT_NE(no_key.output.find("nonsense"), std::string::npos) << no_key.output;
}

TEST(Ledger, ASettingCanRequireASessionForCheckpointsKeysAndProofs) {
  Server server({"--ledger-requires-session"});
  int port = server.port();
  for (const char* path : {"/api/v1/ledger/checkpoint", "/api/v1/ledger/checkpoints", "/api/v1/ledger/keys",
                           "/api/v1/ledger/proof/inclusion?index=0", "/api/v1/ledger/proof/consistency?from=1"})
    EXPECT_EQ(Send(port, "GET", path).status, 401) << path;
  Client officer(port, "officer1");
  EXPECT_EQ(officer.Get("/api/v1/ledger/checkpoint").status, 200);
  EXPECT_EQ(officer.Get("/api/v1/ledger/keys").status, 200);
}

}  // namespace
}  // namespace qc::testing

namespace qc::testing {
namespace {

// Issue 12 §10: the 法制员's last verified checkpoint is kept on the server (in the ledger), so that
// another computer continues the chain; a root that is not this ledger's is refused.
TEST(Ledger, AnAuditorsLastVerifiedCheckpointIsKeptOnTheServer) {
  Server server;
  int port = server.port();
  Client legal(port, "legal1"), officer(port, "officer1");
  EXPECT_TRUE(legal.Get("/api/v1/ledger/verifications/mine").json()["verification"].is_null());
  Json proof = Send(port, "GET", "/api/v1/ledger/proof/consistency?from=1").json();
  int64_t size = proof["to"];
  std::string root = proof["to_root_hash"];
  HttpResponse forged =
      legal.Post("/api/v1/ledger/verifications", {{"size", size}, {"root_hash", std::string(43, 'A') + "="}});
  EXPECT_EQ(forged.status, 409) << forged.body;
  EXPECT_EQ(forged.json()["code"], "root_mismatch");
  EXPECT_EQ(legal.Post("/api/v1/ledger/verifications", {{"size", size + 1000}, {"root_hash", root}}).json()["field"],
            "size");
  EXPECT_EQ(legal.Post("/api/v1/ledger/verifications", {{"root_hash", root}}).json()["field"], "size");
  EXPECT_EQ(officer.Post("/api/v1/ledger/verifications", {{"size", size}, {"root_hash", root}}).status, 403);

  HttpResponse kept = legal.Post("/api/v1/ledger/verifications", {{"size", size}, {"root_hash", root}});
  ASSERT_EQ(kept.status, 201) << kept.body;
  EXPECT_EQ(kept.json()["events"][0]["type"], "LedgerVerified");
  Client elsewhere(port, "legal1");  // another computer: a new session
  Json v = elsewhere.Get("/api/v1/ledger/verifications/mine").json()["verification"];
  EXPECT_EQ(v["size"], size);
  EXPECT_EQ(v["root_hash"], root);
  EXPECT_TRUE(Client(port, "legal2").Get("/api/v1/ledger/verifications/mine").json()["verification"].is_null())
      << "each auditor's own";
}

}  // namespace
}  // namespace qc::testing
