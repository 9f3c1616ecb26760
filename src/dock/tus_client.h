// The tus 1.0 client side of a collection station: create, ask the offset, send a piece, and read
// how the server recorded the finished upload (GET /api/v1/uploads/{id}, a QuanCheng extension).
// Every request carries the station's token. Network failures come back as kUnavailable; the
// server's refusals as the Status its JSON error describes (code, message, field).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "common/canonical_json.h"
#include "common/status.h"
#include "crypto/digest.h"
#include "http/client.h"

namespace qc::dock {

class TusClient {
 public:
  TusClient(http::HttpClient& http, std::string token) : http_(http), token_(std::move(token)) {}

  // POST /api/v1/uploads/: the new upload's path (from Location).
  StatusOr<std::string> Create(int64_t length, const std::vector<std::pair<std::string, std::string>>& metadata);
  // HEAD: the server's offset. NotFound when the upload expired or never existed.
  StatusOr<int64_t> Offset(const std::string& location);
  // PATCH `length` bytes of `fd` from `offset`, with their SHA-256 (raw, computed beforehand) as
  // Upload-Checksum: the new offset. kConflict "checksum_mismatch" on 460, "offset_mismatch" on 409.
  StatusOr<int64_t> Patch(const std::string& location, int fd, int64_t offset, int64_t length,
                          const std::string& sha256, const std::function<void(int64_t)>& progress);
  // GET /api/v1/uploads/{id}: state, sha256, sm3, record_id, error.
  StatusOr<Json> Describe(const std::string& location);
  // POST /api/v1/uploads/{id}/attachment: a file refused as audio-video registered as an attachment.
  StatusOr<Json> RegisterAsAttachment(const std::string& location);

 private:
  std::vector<std::pair<std::string, std::string>> Headers() const;
  StatusOr<http::ClientResponse> Send(http::ClientRequest request, const std::function<void(int64_t)>& progress = {});

  http::HttpClient& http_;
  std::string token_;
};

// The Status a non-2xx response stands for (its JSON error when it has one).
Status ResponseStatus(const http::ClientResponse& r);

// SHA-256 of `length` bytes of `fd` from `offset`, read in pieces (each also given to `also`, and
// `progress` told the bytes read so far).
StatusOr<std::string> HashRange(int fd, int64_t offset, int64_t length, crypto::DigestStream* also = nullptr,
                                const std::function<void(int64_t)>& progress = {});

}  // namespace qc::dock
