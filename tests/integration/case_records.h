// Records a test puts into a case through the public API: a small file uploaded over tus and
// registered as an attachment of the case (a scanned receipt, a notice, or the stand-in for footage
// where a test needs a record id and not the video itself).
#pragma once

#include <stdexcept>
#include <string>

#include "common/clock.h"
#include "crypto/base64.h"
#include "server_fixture.h"

namespace qc::testing {

inline std::string FiveMinutesAgo() {
  return FormatRfc3339(std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now()) -
                       std::chrono::minutes(5));
}

// Uploads `body` as `file_name` to the case and registers it as an attachment; returns its record id.
inline std::string UploadAttachment(const Client& c, int port, const std::string& case_id, const std::string& file_name,
                                    std::string body = "") {
  // Distinct content per file: the media store keeps one record per content in a case.
  if (body.empty()) body = "%PDF-1.4\n% " + file_name + " " + case_id + "\n%%EOF\n";
  auto meta = [](const std::string& k, const std::string& v) { return k + " " + crypto::Base64Encode(v); };
  std::map<std::string, std::string> h = {
      {"Authorization", "Bearer " + c.token()},
      {"Tus-Resumable", "1.0.0"},
      {"Upload-Length", std::to_string(body.size())},
      {"Upload-Metadata", meta("filename", file_name) + "," + meta("filetype", "application/pdf") + "," +
                              meta("case_id", case_id) + "," + meta("act", "other") + "," +
                              meta("capture_end", FiveMinutesAgo()) + "," + meta("parties_informed", "true")}};
  HttpResponse created = Send(port, "POST", "/api/v1/uploads/", "", h);
  if (created.status != 201) throw std::runtime_error("upload create: " + created.body);
  std::string loc = created.headers["location"];
  h.erase("Upload-Length");
  h.erase("Upload-Metadata");
  h["Upload-Offset"] = "0";
  h["Content-Type"] = "application/offset+octet-stream";
  HttpResponse patched = Send(port, "PATCH", loc, body, h);
  if (patched.status != 204) throw std::runtime_error("upload patch: " + patched.body);
  HttpResponse att = c.Post(loc + "/attachment", Json::object());
  if (att.status != 200) throw std::runtime_error("attachment: " + att.body);
  return att.json()["record_id"].get<std::string>();
}

}  // namespace qc::testing
