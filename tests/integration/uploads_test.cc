// The tus 1.0 server over HTTP, black box: offsets, 409/415/412/460/410, creation-with-upload,
// termination, expiry; the registered record (digests, container metadata, 24-hour finding); Range
// playback behind a recorded access; crash safety by killing the server mid-upload. Test media are
// made with ffmpeg at run time.
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "common/clock.h"
#include "common/hex.h"
#include "crypto/base64.h"
#include "crypto/digest.h"
#include "server_fixture.h"

namespace qc::testing {
namespace {

namespace fs = std::filesystem;

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::string HexDigest(crypto::DigestAlg alg, const std::string& data) { return ToHex(crypto::Digest(alg, data)); }

// A short H.264 + AAC clip with camera-like tags, made by ffmpeg.
std::string MakeClip(const fs::path& dir, int seconds, const std::string& name = "clip.mp4") {
  fs::path out = dir / name;
  std::string cmd = "ffmpeg -loglevel error -y -f lavfi -i testsrc=duration=" + std::to_string(seconds) +
                    ":size=320x240:rate=25 -f lavfi -i sine=frequency=440:duration=" + std::to_string(seconds) +
                    " -c:v libx264 -preset ultrafast -c:a aac -shortest -movflags use_metadata_tags "
                    "-metadata creation_time=2026-11-27T01:00:00Z "
                    "-metadata make=Hikvision -metadata model=DSJ-X1 " +
                    out.string() + " > /dev/null 2>&1";
  if (std::system(cmd.c_str()) != 0) throw std::runtime_error("ffmpeg failed: " + cmd);
  return ReadFile(out);
}

std::string Meta(const std::vector<std::pair<std::string, std::string>>& kv) {
  std::string out;
  for (const auto& [k, v] : kv) out += (out.empty() ? "" : ",") + k + " " + crypto::Base64Encode(v);
  return out;
}

class UploadsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new Server();
    media_dir_ = new fs::path(fs::path(server_->data_dir()) / "test-media");
    fs::create_directories(*media_dir_);
    clip_ = new std::string(MakeClip(*media_dir_, 2));
  }
  static void TearDownTestSuite() {
    delete server_;
    delete media_dir_;
    delete clip_;
  }
  static int port() { return server_->port(); }

  void SetUp() override {
    officer_ = std::make_unique<Client>(port(), "officer1");
    case_id_ = NewCase("音像记录测试");
  }

  // An ex officio case of officer1 (stage 程序启动).
  std::string NewCase(const std::string& title) { return OpenExOfficioCase(*officer_, title); }

  std::map<std::string, std::string> Tus(const std::string& token) const {
    return {{"Authorization", "Bearer " + token}, {"Tus-Resumable", "1.0.0"}};
  }

  // Capture times relative to the server's clock (the real one here): footage that started
  // `ago_minutes + 10` minutes ago and ended `ago_minutes` ago, so it is on time on any day.
  static std::string MinutesAgo(int minutes) {
    auto t = std::chrono::system_clock::now() - std::chrono::minutes(minutes);
    return qc::FormatRfc3339(std::chrono::time_point_cast<std::chrono::milliseconds>(t));
  }
  static std::vector<std::pair<std::string, std::string>> AvMeta(const std::string& case_id, int ago_minutes = 5) {
    return {{"filename", "现场检查.mp4"},
            {"filetype", "video/mp4"},
            {"case_id", case_id},
            {"act", "site_inspection"},
            {"capture_start", MinutesAgo(ago_minutes + 10)},
            {"capture_end", MinutesAgo(ago_minutes)},
            {"parties_informed", "true"}};
  }

  // Creates an upload; returns its path (Location).
  std::string Create(size_t length, const std::string& metadata, const std::string& token = "") {
    auto h = Tus(token.empty() ? officer_->token() : token);
    h["Upload-Length"] = std::to_string(length);
    h["Upload-Metadata"] = metadata;
    HttpResponse r = Send(port(), "POST", "/api/v1/uploads/", "", h);
    if (r.status != 201) throw std::runtime_error("create: " + std::to_string(r.status) + " " + r.body);
    return r.headers["location"];
  }

  HttpResponse Patch(const std::string& path, int64_t offset, const std::string& data,
                     std::map<std::string, std::string> extra = {}) {
    auto h = Tus(officer_->token());
    h["Upload-Offset"] = std::to_string(offset);
    h["Content-Type"] = "application/offset+octet-stream";
    for (auto& [k, v] : extra) h[k] = v;
    return Send(port(), "PATCH", path, data, h);
  }

  HttpResponse Head(const std::string& path) { return Send(port(), "HEAD", path, "", Tus(officer_->token())); }

  Json CaseMedia(const std::string& case_id) { return officer_->Get("/api/v1/cases/" + case_id).json()["media"]; }

  static Server* server_;
  static fs::path* media_dir_;
  static std::string* clip_;
  std::unique_ptr<Client> officer_;
  std::string case_id_;
};
Server* UploadsTest::server_ = nullptr;
fs::path* UploadsTest::media_dir_ = nullptr;
std::string* UploadsTest::clip_ = nullptr;

// Each PATCH continues the SHA-256 and SM3 of the one before; none re-reads what the file already
// holds (a 2 GiB upload in 8 MiB pieces would otherwise hash about 256 GiB).
TEST_F(UploadsTest, APatchContinuesTheDigestsOfTheOneBefore) {
  const std::string& clip = *clip_;
  std::string loc = Create(clip.size(), Meta(AvMeta(case_id_)));
  std::string id = loc.substr(loc.rfind('/') + 1);
  size_t piece = clip.size() / 5 + 1;
  for (size_t off = 0; off < clip.size(); off += piece) {
    HttpResponse p = Patch(loc, static_cast<int64_t>(off), clip.substr(off, piece));
    ASSERT_EQ(p.status, 204) << p.body;
  }
  EXPECT_EQ(CaseMedia(case_id_)[0]["sm3"], HexDigest(crypto::DigestAlg::kSm3, clip));
  // The log is written in order: once the registration is in it, any rebuild would be too.
  std::string log;
  for (int i = 0; i < 100 && log.find("upload " + id + " registered as") == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    log = server_->Log();
  }
  ASSERT_NE(log.find("upload " + id + " registered as"), std::string::npos);
  EXPECT_EQ(log.find("upload " + id + ": digests rebuilt"), std::string::npos);
}

TEST_F(UploadsTest, OptionsAdvertisesTheProtocol) {
  HttpResponse r = Send(port(), "OPTIONS", "/api/v1/uploads/");
  EXPECT_EQ(r.status, 204);
  EXPECT_EQ(r.headers["tus-version"], "1.0.0");
  EXPECT_EQ(r.headers["tus-resumable"], "1.0.0");
  EXPECT_EQ(r.headers["tus-extension"], "creation,creation-with-upload,checksum,expiration,termination");
  EXPECT_EQ(r.headers["tus-max-size"], std::to_string(int64_t{64} << 30));
  EXPECT_EQ(r.headers["tus-checksum-algorithm"], "sha1,sha256,sm3");
}

TEST_F(UploadsTest, InPiecesWithOffsetsThenRegisteredWithBothDigests) {
  const std::string& clip = *clip_;
  std::string loc = Create(clip.size(), Meta(AvMeta(case_id_)));
  ASSERT_EQ(loc.rfind("/api/v1/uploads/upl_", 0), 0u) << loc;

  HttpResponse h = Head(loc);
  EXPECT_EQ(h.status, 200);
  EXPECT_EQ(h.headers["upload-offset"], "0");
  EXPECT_EQ(h.headers["upload-length"], std::to_string(clip.size()));
  EXPECT_EQ(h.headers["cache-control"], "no-store");
  EXPECT_FALSE(h.headers["upload-expires"].empty());
  EXPECT_NE(h.headers["upload-metadata"].find("case_id "), std::string::npos);

  size_t half = clip.size() / 2;
  HttpResponse p1 = Patch(loc, 0, clip.substr(0, half));
  ASSERT_EQ(p1.status, 204) << p1.body;
  EXPECT_EQ(p1.headers["upload-offset"], std::to_string(half));
  EXPECT_EQ(Head(loc).headers["upload-offset"], std::to_string(half));

  // The wrong offset, the wrong content type, no protocol version: refused, nothing written.
  HttpResponse wrong = Patch(loc, 0, clip.substr(0, 10));
  EXPECT_EQ(wrong.status, 409);
  EXPECT_EQ(wrong.json()["field"], "Upload-Offset");
  EXPECT_EQ(Patch(loc, half, clip.substr(half), {{"Content-Type", "application/octet-stream"}}).status, 415);
  auto no_version = Tus(officer_->token());
  no_version.erase("Tus-Resumable");
  no_version["Upload-Offset"] = std::to_string(half);
  no_version["Content-Type"] = "application/offset+octet-stream";
  HttpResponse v = Send(port(), "PATCH", loc, clip.substr(half), no_version);
  EXPECT_EQ(v.status, 412);
  EXPECT_EQ(v.headers["tus-version"], "1.0.0");
  EXPECT_EQ(Head(loc).headers["upload-offset"], std::to_string(half));

  std::string rest = clip.substr(half);
  HttpResponse p2 =
      Patch(loc, half, rest,
            {{"Upload-Checksum", "sha256 " + crypto::Base64Encode(crypto::Digest(crypto::DigestAlg::kSha256, rest))}});
  ASSERT_EQ(p2.status, 204) << p2.body;
  EXPECT_EQ(p2.headers["upload-offset"], std::to_string(clip.size()));
  EXPECT_EQ(p2.headers["upload-registration"].rfind("registered; record=rec_", 0), 0u)
      << p2.headers["upload-registration"];

  Json media = CaseMedia(case_id_);
  ASSERT_EQ(media.size(), 1u);
  const Json& rec = media[0];
  std::string sha = HexDigest(crypto::DigestAlg::kSha256, clip);
  EXPECT_EQ(rec["sha256"], sha);
  EXPECT_EQ(rec["sm3"], HexDigest(crypto::DigestAlg::kSm3, clip));
  EXPECT_EQ(rec["size"], clip.size());
  EXPECT_EQ(rec["act"], "site_inspection");
  EXPECT_EQ(rec["act_label"], "现场检查");
  EXPECT_EQ(rec["stage"], "initiation");
  EXPECT_EQ(rec["parties_informed"], true);
  EXPECT_EQ(rec["officer"]["name"], "张伟");
  EXPECT_EQ(rec["media"]["video_codec"], "h264");
  EXPECT_EQ(rec["media"]["audio_codec"], "aac");
  EXPECT_EQ(rec["media"]["width"], 320);
  EXPECT_GE(rec["media"]["duration_ms"].get<int>(), 1900);
  EXPECT_EQ(rec["media"]["tags"]["make"], "Hikvision");
  EXPECT_TRUE(rec["late"].is_null());
  // The bytes are in the content-addressed store, read-only; the staging file is gone.
  fs::path blob = fs::path(server_->data_dir()) / "blobs" / "sha256" / sha.substr(0, 2) / sha.substr(2, 2) / sha;
  EXPECT_EQ(ReadFile(blob), clip);
  EXPECT_EQ(fs::status(blob).permissions() & fs::perms::owner_write, fs::perms::none);
  std::string id = loc.substr(loc.rfind('/') + 1);
  EXPECT_FALSE(fs::exists(fs::path(server_->data_dir()) / "uploads" / (id + ".part")));

  // A completed upload takes no more bytes and is not deleted.
  EXPECT_EQ(Patch(loc, clip.size(), "x").status, 409);
  HttpResponse del = Send(port(), "DELETE", loc, "", Tus(officer_->token()));
  EXPECT_EQ(del.status, 403);
  EXPECT_EQ(Head(loc).headers["upload-offset"], std::to_string(clip.size()));
}

TEST_F(UploadsTest, ChecksumMismatchDiscardsTheChunk) {
  const std::string& clip = *clip_;
  std::string loc = Create(clip.size(), Meta(AvMeta(case_id_)));
  std::string first = clip.substr(0, 1000);
  HttpResponse bad =
      Patch(loc, 0, first,
            {{"Upload-Checksum", "sm3 " + crypto::Base64Encode(crypto::Digest(crypto::DigestAlg::kSm3, "other"))}});
  EXPECT_EQ(bad.status, 460);
  EXPECT_EQ(bad.json()["code"], "checksum_mismatch");
  EXPECT_EQ(Head(loc).headers["upload-offset"], "0");
  EXPECT_EQ(Patch(loc, 0, first, {{"Upload-Checksum", "md5 AAAA"}}).status, 400) << "unsupported algorithm";
  EXPECT_EQ(
      Patch(loc, 0, first,
            {{"Upload-Checksum", "sha1 " + crypto::Base64Encode(crypto::Digest(crypto::DigestAlg::kSha1, first))}})
          .status,
      204);
  std::string rest = clip.substr(1000);
  HttpResponse done =
      Patch(loc, 1000, rest,
            {{"Upload-Checksum", "sm3 " + crypto::Base64Encode(crypto::Digest(crypto::DigestAlg::kSm3, rest))}});
  ASSERT_EQ(done.status, 204) << done.body;
  // The digests cover the whole file, not the discarded chunk.
  Json media = CaseMedia(case_id_);
  ASSERT_EQ(media.size(), 1u);
  EXPECT_EQ(media[0]["sm3"], HexDigest(crypto::DigestAlg::kSm3, clip));
}

TEST_F(UploadsTest, CreationWithUploadAndIdenticalContentStoredOnce) {
  const std::string& clip = *clip_;
  std::string other_case = NewCase("同一文件登记到另一案件");
  auto h = Tus(officer_->token());
  h["Upload-Length"] = std::to_string(clip.size());
  h["Upload-Metadata"] = Meta(AvMeta(case_id_));
  h["Content-Type"] = "application/offset+octet-stream";
  HttpResponse r = Send(port(), "POST", "/api/v1/uploads/", clip, h);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.headers["upload-offset"], std::to_string(clip.size()));
  EXPECT_FALSE(r.headers["location"].empty());
  h["Upload-Metadata"] = Meta(AvMeta(other_case));
  ASSERT_EQ(Send(port(), "POST", "/api/v1/uploads/", clip, h).status, 201);
  EXPECT_EQ(CaseMedia(case_id_).size(), 1u);
  EXPECT_EQ(CaseMedia(other_case).size(), 1u);
  std::string sha = HexDigest(crypto::DigestAlg::kSha256, clip);
  size_t files = 0;
  for (const auto& e : fs::recursive_directory_iterator(fs::path(server_->data_dir()) / "blobs"))
    files += e.is_regular_file() && e.path().filename() == sha;
  EXPECT_EQ(files, 1u);
  // The same file twice in one case is refused (after its bytes arrived: it names the first).
  h["Upload-Metadata"] = Meta(AvMeta(case_id_));
  HttpResponse dup = Send(port(), "POST", "/api/v1/uploads/", clip, h);
  EXPECT_EQ(dup.status, 201);
  EXPECT_EQ(dup.headers["upload-registration"], "refused; code=duplicate_record");
  EXPECT_EQ(CaseMedia(case_id_).size(), 1u);
}

TEST_F(UploadsTest, NotAudioVideoIsRefusedThenRegisteredAsAttachment) {
  std::string pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";
  std::string loc = Create(pdf.size(), Meta({{"filename", "询问笔录.pdf"},
                                             {"filetype", "application/pdf"},
                                             {"case_id", case_id_},
                                             {"act", "inquiry"},
                                             {"capture_end", MinutesAgo(5)},
                                             {"parties_informed", "true"}}));
  HttpResponse p = Patch(loc, 0, pdf);
  ASSERT_EQ(p.status, 204) << p.body;
  EXPECT_EQ(p.headers["upload-registration"], "refused; code=not_audio_video");
  EXPECT_EQ(CaseMedia(case_id_).size(), 0u);
  Json st = officer_->Get(loc).json();
  EXPECT_EQ(st["state"], "refused");
  EXPECT_EQ(st["error"]["code"], "not_audio_video");
  HttpResponse att = officer_->Post(loc + "/attachment", Json::object());
  ASSERT_EQ(att.status, 200) << att.body;
  EXPECT_EQ(att.json()["state"], "registered");
  Json media = CaseMedia(case_id_);
  ASSERT_EQ(media.size(), 1u);
  EXPECT_EQ(media[0]["kind"], "attachment");
  EXPECT_EQ(media[0]["file_name"], "询问笔录.pdf");
  EXPECT_EQ(officer_->Post(loc + "/attachment", Json::object()).status, 409) << "registered once";
  // The same content again: refused as an attachment too, with a 409 that says why (not a 200 whose
  // body says "refused").
  std::string again = Create(pdf.size(), Meta({{"filename", "询问笔录（副本）.pdf"},
                                               {"filetype", "application/pdf"},
                                               {"case_id", case_id_},
                                               {"act", "inquiry"},
                                               {"capture_end", MinutesAgo(5)},
                                               {"parties_informed", "true"}}));
  ASSERT_EQ(Patch(again, 0, pdf).status, 204);
  HttpResponse dup = officer_->Post(again + "/attachment", Json::object());
  EXPECT_EQ(dup.status, 409) << dup.body;
  EXPECT_EQ(dup.json()["code"], "duplicate_record");
  EXPECT_EQ(CaseMedia(case_id_).size(), 1u);
}

// Security probe (high): an upload's declared filetype became the Content-Type of its content, served
// inline from the application's origin, so an HTML "attachment" ran as a page with the viewer's cookie.
TEST_F(UploadsTest, AnHtmlAttachmentIsServedAsADownloadNeverAsAPage) {
  std::string html = "<html><script>fetch('/api/v1/approvals')</script></html>";
  std::string loc = Create(html.size(), Meta({{"filename", "说明.html"},
                                              {"filetype", "text/html"},
                                              {"case_id", case_id_},
                                              {"act", "inquiry"},
                                              {"capture_end", MinutesAgo(5)},
                                              {"parties_informed", "true"}}));
  ASSERT_EQ(Patch(loc, 0, html).status, 204);
  ASSERT_EQ(officer_->Post(loc + "/attachment", Json::object()).status, 200);
  std::string rec = CaseMedia(case_id_)[0]["record_id"];
  HttpResponse grant = officer_->Post("/api/v1/media/" + rec + "/access", {{"purpose", "play"}});
  ASSERT_EQ(grant.status, 200) << grant.body;
  std::string url = grant.json()["url"];
  HttpResponse got = Send(port(), "GET", url);
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(got.body, html);
  EXPECT_EQ(got.headers["content-type"], "application/octet-stream");
  EXPECT_EQ(got.headers["content-disposition"].rfind("attachment;", 0), 0u) << got.headers["content-disposition"];
  EXPECT_EQ(got.headers["x-content-type-options"], "nosniff");
  EXPECT_NE(got.headers["content-security-policy"].find("sandbox"), std::string::npos);
  // The ticket is a credential: the request log shows the path without it.
  std::string ticket = url.substr(url.find("ticket=") + 7);
  EXPECT_EQ(server_->Log().find(ticket), std::string::npos) << "ticket in the request log";
  // A ticket dies with its holder's account (it outlived a deactivation).
  Client admin(port(), "admin"), reviewer(port(), "reviewer1");
  HttpResponse added = admin.Post("/api/v1/users", {{"username", "ticket_holder"},
                                                    {"name", "凭证持有人"},
                                                    {"role", "reviewer"},
                                                    {"unit_id", reviewer.user()["unit_id"]},
                                                    {"password", "Strong@2026pass"}});
  ASSERT_EQ(added.status, 201) << added.body;
  Client holder(port(), "ticket_holder", "Strong@2026pass");
  HttpResponse held = holder.Post("/api/v1/media/" + rec + "/access", {{"purpose", "play"}, {"reason", "复核"}});
  ASSERT_EQ(held.status, 200) << held.body;
  std::string held_url = held.json()["url"];
  EXPECT_EQ(Send(port(), "GET", held_url).status, 200);
  ASSERT_EQ(admin.Patch("/api/v1/users/" + added.json()["user"]["id"].get<std::string>(), {{"active", false}}).status,
            200);
  EXPECT_EQ(Send(port(), "GET", held_url).status, 401) << "the deactivated holder's ticket";
  // Every other response carries the strict policy too (no inline script).
  std::string csp = Send(port(), "GET", "/api/v1/health").headers["content-security-policy"];
  EXPECT_NE(csp.find("script-src 'self'"), std::string::npos) << csp;
  EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos) << csp;
}

// Security probe: registration of a finished upload did not check again that the uploader may still
// see the case (an officer moved to another unit mid-upload).
TEST_F(UploadsTest, AnUploaderMovedAwayMidUploadRegistersNothing) {
  Client admin(port(), "admin"), officer2(port(), "officer2");
  HttpResponse added = admin.Post("/api/v1/users", {{"username", "mover"},
                                                    {"name", "调动民警"},
                                                    {"role", "officer"},
                                                    {"unit_id", officer_->user()["unit_id"]},
                                                    {"cert_no", "040077"},
                                                    {"password", "Strong@2026pass"}});
  ASSERT_EQ(added.status, 201) << added.body;
  Client mover(port(), "mover", "Strong@2026pass");
  std::string case_id = OpenExOfficioCase(mover, "调动测试");
  const std::string& clip = *clip_;
  auto h = Tus(mover.token());
  h["Upload-Length"] = std::to_string(clip.size());
  h["Upload-Metadata"] = Meta(AvMeta(case_id));
  HttpResponse made = Send(port(), "POST", "/api/v1/uploads/", "", h);
  ASSERT_EQ(made.status, 201) << made.body;
  std::string loc = made.headers["location"];
  ASSERT_EQ(admin
                .Patch("/api/v1/users/" + added.json()["user"]["id"].get<std::string>(),
                       {{"unit_id", officer2.user()["unit_id"]}})
                .status,
            200);
  auto ph = Tus(mover.token());
  ph["Upload-Offset"] = "0";
  ph["Content-Type"] = "application/offset+octet-stream";
  HttpResponse p = Send(port(), "PATCH", loc, clip, ph);
  EXPECT_EQ(p.headers["upload-registration"], "refused; code=forbidden") << p.status << " " << p.body;
  EXPECT_EQ(CaseMedia(case_id).size(), 0u) << "nothing registered";  // read as officer1, of the same unit
}

TEST_F(UploadsTest, MetadataIsCheckedBeforeAnyByte) {
  auto create = [&](const std::string& meta, const std::string& length = "100") {
    auto h = Tus(officer_->token());
    h["Upload-Length"] = length;
    h["Upload-Metadata"] = meta;
    return Send(port(), "POST", "/api/v1/uploads/", "", h);
  };
  auto base = AvMeta(case_id_);
  auto without = [&](const std::string& key) {
    std::vector<std::pair<std::string, std::string>> out;
    for (auto& kv : base)
      if (kv.first != key) out.push_back(kv);
    return Meta(out);
  };
  auto with = [&](const std::string& key, const std::string& value) {
    auto out = base;
    for (auto& kv : out)
      if (kv.first == key) kv.second = value;
    return Meta(out);
  };
  struct Bad {
    std::string meta, field;
    int status;
  };
  std::vector<Bad> bad = {
      {without("case_id"), "Upload-Metadata.case_id", 400},
      {with("case_id", "case_nope"), "Upload-Metadata.case_id", 400},
      {without("act"), "Upload-Metadata.act", 400},
      {with("act", "dancing"), "Upload-Metadata.act", 400},
      {without("capture_end"), "Upload-Metadata.capture_end", 400},
      {with("capture_end", "yesterday"), "Upload-Metadata.capture_end", 400},
      {with("capture_end", MinutesAgo(60)), "Upload-Metadata.capture_end", 400},  // before the start
      {without("parties_informed"), "Upload-Metadata.parties_informed", 400},
      {with("parties_informed", "maybe"), "Upload-Metadata.parties_informed", 400},
      {without("filename"), "Upload-Metadata.filename", 400},
      {"filename !!!notbase64", "Upload-Metadata.filename", 400},
      {"filename " + crypto::Base64Encode("\xff\xfe"), "Upload-Metadata.filename", 400},
      {with("kind", "x") + ",kind " + crypto::Base64Encode("x"), "Upload-Metadata.kind", 400},
  };
  for (const auto& b : bad) {
    HttpResponse r = create(b.meta);
    EXPECT_EQ(r.status, b.status) << b.meta << " " << r.body;
    EXPECT_EQ(r.json()["field"], b.field) << b.meta << " " << r.body;
  }
  EXPECT_EQ(create(Meta(base), "0").json()["field"], "Upload-Length");
  EXPECT_EQ(create(Meta(base), "-5").json()["field"], "Upload-Length");
  EXPECT_EQ(create(Meta(base), std::to_string((int64_t{64} << 30) + 1)).status, 413);
  EXPECT_EQ(Send(port(), "POST", "/api/v1/uploads/", "", {{"Tus-Resumable", "1.0.0"}, {"Upload-Length", "1"}}).status,
            401);
  // Another team's officer may not add to this case; nothing was created for any of these.
  Client officer2(port(), "officer2");
  auto h = Tus(officer2.token());
  h["Upload-Length"] = "100";
  h["Upload-Metadata"] = Meta(base);
  EXPECT_EQ(Send(port(), "POST", "/api/v1/uploads/", "", h).status, 403);
}

TEST_F(UploadsTest, OthersCannotSeeOrTouchAnUploadAndTerminationDeletesIt) {
  std::string loc = Create(5000, Meta(AvMeta(case_id_)));
  ASSERT_EQ(Patch(loc, 0, std::string(100, 'a')).status, 204);
  Client reviewer(port(), "reviewer1");
  EXPECT_EQ(Send(port(), "HEAD", loc, "", Tus(reviewer.token())).status, 404);
  auto h = Tus(reviewer.token());
  h["Upload-Offset"] = "100";
  h["Content-Type"] = "application/offset+octet-stream";
  EXPECT_EQ(Send(port(), "PATCH", loc, "bbbb", h).status, 404);
  EXPECT_EQ(Send(port(), "DELETE", loc, "", Tus(reviewer.token())).status, 404);
  HttpResponse del = Send(port(), "DELETE", loc, "", Tus(officer_->token()));
  EXPECT_EQ(del.status, 204);
  EXPECT_EQ(Head(loc).status, 404);
  std::string id = loc.substr(loc.rfind('/') + 1);
  EXPECT_FALSE(fs::exists(fs::path(server_->data_dir()) / "uploads" / (id + ".part")));
}

TEST_F(UploadsTest, LateFootageShowsTheFindingOnCaseOfficerAndList) {
  const std::string& clip = *clip_;
  // Capture ended 30 hours ago (the server's clock is the real one here).
  auto meta = AvMeta(case_id_, 30 * 60);
  std::string loc = Create(clip.size(), Meta(meta));
  ASSERT_EQ(Patch(loc, 0, clip).status, 204);
  Json media = CaseMedia(case_id_);
  ASSERT_EQ(media.size(), 1u);
  ASSERT_TRUE(media[0]["late"].is_object()) << media[0].dump();
  EXPECT_EQ(media[0]["late"]["rule"], "ART33-AV-24H");
  int64_t delay = media[0]["late"]["delay_seconds"];
  EXPECT_GE(delay, 30 * 3600);
  EXPECT_LT(delay, 30 * 3600 + 600);
  std::string officer_id = officer_->user()["id"];
  Json late = officer_->Get("/api/v1/media/late?officer_id=" + officer_id + "&page_size=100").json();
  bool found = false;
  for (const auto& item : late["items"]) found |= item["record_id"] == media[0]["record_id"];
  EXPECT_TRUE(found) << late.dump();
  Client officer2(port(), "officer2");
  Json others = officer2.Get("/api/v1/media/late?page_size=100").json();
  for (const auto& item : others["items"])
    EXPECT_NE(item["record_id"], media[0]["record_id"]) << "another team does not see it";
}

TEST_F(UploadsTest, PlaybackIsRecordedThenServedWithRanges) {
  const std::string& clip = *clip_;
  std::string loc = Create(clip.size(), Meta(AvMeta(case_id_)));
  ASSERT_EQ(Patch(loc, 0, clip).status, 204);
  std::string rec = CaseMedia(case_id_)[0]["record_id"];
  std::string access = "/api/v1/media/" + rec + "/access";

  // Who may play: the case's officer without a reason; the reviewer with one; the admin never.
  Client reviewer(port(), "reviewer1"), admin(port(), "admin");
  EXPECT_EQ(reviewer.Post(access, {{"purpose", "play"}}).json()["field"], "reason");
  EXPECT_EQ(reviewer.Post(access, {{"purpose", "play"}, {"reason", "审核证据"}}).status, 200);
  EXPECT_EQ(admin.Post(access, {{"purpose", "play"}, {"reason", "x"}}).status, 403);
  EXPECT_EQ(officer_->Post(access, {{"purpose", "stream"}}).json()["field"], "purpose");
  EXPECT_EQ(officer_->Post("/api/v1/media/rec_nope/access", {{"purpose", "play"}}).status, 404);

  size_t events_before = officer_->Get("/api/v1/cases/" + case_id_ + "/events").json()["items"].size();
  HttpResponse grant = officer_->Post(access, {{"purpose", "play"}});
  ASSERT_EQ(grant.status, 200) << grant.body;
  std::string url = grant.json()["url"];
  Json events = officer_->Get("/api/v1/cases/" + case_id_ + "/events").json()["items"];
  ASSERT_EQ(events.size(), events_before + 1);
  EXPECT_EQ(events.back()["type"], "RecordAccessed");
  EXPECT_EQ(events.back()["data"]["record_id"], rec);

  HttpResponse full = Send(port(), "GET", url);
  EXPECT_EQ(full.status, 200);
  EXPECT_EQ(full.body, clip);
  EXPECT_EQ(full.headers["accept-ranges"], "bytes");
  EXPECT_EQ(full.headers["content-type"], "video/mp4");
  EXPECT_NE(full.headers["content-disposition"].find("inline"), std::string::npos);
  HttpResponse part = Send(port(), "GET", url, "", {{"Range", "bytes=100-1099"}});
  EXPECT_EQ(part.status, 206);
  EXPECT_EQ(part.body, clip.substr(100, 1000));
  EXPECT_EQ(part.headers["content-range"], "bytes 100-1099/" + std::to_string(clip.size()));
  HttpResponse tail = Send(port(), "GET", url, "", {{"Range", "bytes=-10"}});
  EXPECT_EQ(tail.status, 206);
  EXPECT_EQ(tail.body, clip.substr(clip.size() - 10));
  HttpResponse open = Send(port(), "GET", url, "", {{"Range", "bytes=" + std::to_string(clip.size() - 5) + "-"}});
  EXPECT_EQ(open.body, clip.substr(clip.size() - 5));
  HttpResponse beyond = Send(port(), "GET", url, "", {{"Range", "bytes=" + std::to_string(clip.size()) + "-"}});
  EXPECT_EQ(beyond.status, 416);
  EXPECT_EQ(beyond.headers["content-range"], "bytes */" + std::to_string(clip.size()));
  // Range requests add no events; a ticket opens only its own record.
  EXPECT_EQ(officer_->Get("/api/v1/cases/" + case_id_ + "/events").json()["items"].size(), events_before + 1);
  EXPECT_EQ(Send(port(), "GET", "/api/v1/media/" + rec + "/content?ticket=forged").status, 401);
  EXPECT_EQ(Send(port(), "GET", "/api/v1/media/" + rec + "/content").status, 401);
  EXPECT_EQ(officer_->Get("/api/v1/cases/" + case_id_).json()["media"][0]["access_count"],
            2);  // the reviewer's and the officer's
}

TEST_F(UploadsTest, CollectionStationUploadsWithItsTokenForTheCamerasOfficer) {
  const std::string& clip = *clip_;
  Client admin(port(), "admin"), officer2(port(), "officer2");
  std::string officer_id = officer_->user()["id"], unit = officer_->user()["unit_id"];
  Json device = {{"serial", "DSJ-X1-0001"}, {"model", "海康威视 DSJ-X1"}, {"officer_id", officer_id}};
  EXPECT_EQ(officer_->Post("/api/v1/devices", device).status, 403);
  HttpResponse d = admin.Post("/api/v1/devices", device);
  ASSERT_EQ(d.status, 201) << d.body;
  EXPECT_EQ(d.json()["device"]["officer_name"], "张伟");
  EXPECT_EQ(d.json()["events"][0]["type"], "DeviceRegistered");
  EXPECT_EQ(admin.Post("/api/v1/devices", device).json()["field"], "serial") << "a serial is registered once";
  // The officer's own cameras, for the upload form to preselect (issue 12 §10); nobody else's.
  Json mine = officer_->Get("/api/v1/devices/mine").json();
  ASSERT_EQ(mine["items"].size(), 1u) << mine.dump();
  EXPECT_EQ(mine["items"][0]["serial"], "DSJ-X1-0001");
  EXPECT_TRUE(officer2.Get("/api/v1/devices/mine").json()["items"].empty());
  EXPECT_EQ(officer_->Get("/api/v1/devices/mine?officer=x").status, 400);
  HttpResponse st =
      admin.Post("/api/v1/stations", {{"name", "一中队采集站"}, {"location", "易县公安局一楼"}, {"unit_id", unit}});
  ASSERT_EQ(st.status, 201) << st.body;
  std::string token = st.json()["token"];
  EXPECT_EQ(token.rfind("qcst_", 0), 0u);
  EXPECT_EQ(admin.Get("/api/v1/stations").body.find(token), std::string::npos) << "the token is shown once";

  // The station names the camera; the recording officer is the camera's.
  auto meta = AvMeta(case_id_);
  meta.push_back({"device_id", "DSJ-X1-0001"});
  std::string loc = Create(clip.size(), Meta(meta), token);
  auto h = Tus(token);
  h["Upload-Offset"] = "0";
  h["Content-Type"] = "application/offset+octet-stream";
  HttpResponse done = Send(port(), "PATCH", loc, clip, h);
  ASSERT_EQ(done.status, 204) << done.body;
  EXPECT_EQ(done.headers["upload-registration"].rfind("registered", 0), 0u);
  Json rec = CaseMedia(case_id_)[0];
  EXPECT_EQ(rec["registered_by"]["role"], "station");
  EXPECT_EQ(rec["registered_by"]["name"], "一中队采集站");
  EXPECT_EQ(rec["officer"]["id"], officer_id);
  EXPECT_EQ(rec["device_serial"], "DSJ-X1-0001");
  EXPECT_EQ(rec["station_id"], st.json()["station"]["id"]);
  EXPECT_EQ(Send(port(), "GET", loc, "", {{"Authorization", "Bearer " + token}}).json()["state"], "registered");
  EXPECT_EQ(Head(loc).status, 404) << "an upload belongs to its uploader";

  // A station token opens nothing else; a station serves its unit only; unknown cameras are refused.
  EXPECT_EQ(Send(port(), "GET", "/api/v1/cases", "", {{"Authorization", "Bearer " + token}}).status, 401);
  std::string other =
      officer2
          .Post("/api/v1/cases",
                {{"start_mode", "ex_officio"}, {"title", "二中队案件"}, {"start_form", {{"cause", "巡查"}}}})
          .json()["case"]["id"];
  auto create = [&](const std::string& m) {
    auto ch = Tus(token);
    ch["Upload-Length"] = "100";
    ch["Upload-Metadata"] = m;
    return Send(port(), "POST", "/api/v1/uploads/", "", ch);
  };
  auto other_meta = AvMeta(other);
  other_meta.push_back({"officer", "officer2"});
  EXPECT_EQ(create(Meta(other_meta)).status, 403);
  auto unknown = AvMeta(case_id_);
  unknown.push_back({"device_id", "DSJ-NOPE"});
  EXPECT_EQ(create(Meta(unknown)).json()["field"], "Upload-Metadata.device_id");
  auto no_officer = AvMeta(case_id_);
  EXPECT_EQ(create(Meta(no_officer)).json()["field"], "Upload-Metadata.officer") << "no camera, no officer";

  // Revoked: the token no longer works.
  std::string station_id = st.json()["station"]["id"];
  ASSERT_EQ(admin.Post("/api/v1/stations/" + station_id + "/revoke", Json::object()).status, 200);
  EXPECT_EQ(create(Meta(meta)).status, 401);
  EXPECT_EQ(admin.Post("/api/v1/stations/" + station_id + "/revoke", Json::object()).status, 409);

  // A camera taken out of service is refused by name.
  std::string device_id = d.json()["device"]["id"];
  ASSERT_EQ(admin.Patch("/api/v1/devices/" + device_id, {{"active", false}}).status, 200);
  HttpResponse off = Send(port(), "POST", "/api/v1/uploads/", "",
                          {{"Authorization", "Bearer " + officer_->token()},
                           {"Tus-Resumable", "1.0.0"},
                           {"Upload-Length", "100"},
                           {"Upload-Metadata", Meta(meta)}});
  EXPECT_EQ(off.json()["field"], "Upload-Metadata.device_id");
  Json devices = admin.Get("/api/v1/devices?page_size=100").json();
  bool seen = false;
  for (const auto& dev : devices["items"])
    if (dev["serial"] == "DSJ-X1-0001") {
      seen = true;
      EXPECT_EQ(dev["active"], false);
    }
  EXPECT_TRUE(seen) << devices.dump();
}

// Security probe: any officer could declare 64 GiB uploads without limit (3.1 TiB declared on an
// 80 GB disk), and a full disk stops the ledger for everyone. Each uploader has a quota of unfinished
// bytes, and the disk keeps a reserve: both answer 507 at creation, naming Upload-Length.
TEST(UploadsLimits, AQuotaPerUploaderAndAReserveOnTheDisk) {
  Server server({"--upload-quota-mib", "1"});
  Client officer(server.port(), "officer1"), other(server.port(), "officer2");
  auto open_case = [&](Client& who) {
    return who
        .Post("/api/v1/cases",
              {{"start_mode", "ex_officio"}, {"title", "限额测试"}, {"start_form", {{"cause", "巡查"}}}})
        .json()["case"]["id"]
        .get<std::string>();
  };
  auto create = [&](int port, Client& who, const std::string& case_id, int64_t length) {
    return Send(port, "POST", "/api/v1/uploads/", "",
                {{"Authorization", "Bearer " + who.token()},
                 {"Tus-Resumable", "1.0.0"},
                 {"Upload-Length", std::to_string(length)},
                 {"Upload-Metadata", Meta({{"filename", "a.bin"}, {"case_id", case_id}, {"kind", "attachment"}})}});
  };
  std::string mine = open_case(officer), theirs = open_case(other);
  EXPECT_EQ(create(server.port(), officer, mine, 600 << 10).status, 201);
  HttpResponse over = create(server.port(), officer, mine, 600 << 10);
  EXPECT_EQ(over.status, 507) << over.body;
  EXPECT_EQ(over.json()["code"], "insufficient_storage");
  EXPECT_EQ(over.json()["field"], "Upload-Length");
  EXPECT_EQ(create(server.port(), other, theirs, 600 << 10).status, 201) << "another uploader's quota is their own";

  // A reserve larger than any disk: nothing is accepted, and the ledger goes on.
  Server full({"--disk-reserve-mib", std::to_string(int64_t{1} << 29)});
  Client officer_full(full.port(), "officer1");
  std::string c = open_case(officer_full);
  HttpResponse no_room = create(full.port(), officer_full, c, 10);
  EXPECT_EQ(no_room.status, 507) << no_room.body;
  EXPECT_EQ(no_room.json()["code"], "insufficient_storage");
  EXPECT_FALSE(c.empty()) << "cases are still recorded";
}

TEST(UploadsExpiry, UnfinishedUploadsExpireCompletedOnesStay) {
  Server server({"--upload-expiry-minutes", "0"});
  Client officer(server.port(), "officer1");
  std::string case_id =
      officer
          .Post("/api/v1/cases",
                {{"start_mode", "ex_officio"}, {"title", "过期测试"}, {"start_form", {{"cause", "巡查"}}}})
          .json()["case"]["id"];
  std::map<std::string, std::string> h = {
      {"Authorization", "Bearer " + officer.token()},
      {"Tus-Resumable", "1.0.0"},
      {"Upload-Length", "10"},
      {"Upload-Metadata", Meta({{"filename", "a.txt"}, {"case_id", case_id}, {"kind", "attachment"}})}};
  HttpResponse r = Send(server.port(), "POST", "/api/v1/uploads/", "", h);
  ASSERT_EQ(r.status, 201) << r.body;
  std::string loc = r.headers["location"];
  std::string id = loc.substr(loc.rfind('/') + 1);
  fs::path part = fs::path(server.data_dir()) / "uploads" / (id + ".part");
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  HttpResponse gone = Send(server.port(), "HEAD", loc, "",
                           {{"Authorization", "Bearer " + officer.token()}, {"Tus-Resumable", "1.0.0"}});
  EXPECT_TRUE(gone.status == 410 || gone.status == 404) << gone.status;
  // The reaper deletes it (once a minute, the first time about a second after start).
  for (int i = 0; i < 100 && fs::exists(part); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_FALSE(fs::exists(part));
  EXPECT_EQ(
      Send(server.port(), "HEAD", loc, "", {{"Authorization", "Bearer " + officer.token()}, {"Tus-Resumable", "1.0.0"}})
          .status,
      404);
}

}  // namespace
}  // namespace qc::testing
