// What a media file is, read with libavformat: container, streams, duration, resolution, creation
// time and the device tags body cameras write. Reads the header (and as much as libavformat needs to
// find the streams); never decodes frames.
#pragma once

#include <cstdint>
#include <string>

#include "common/canonical_json.h"
#include "common/status.h"

namespace qc::media {

struct MediaInfo {
  bool audio_video = false;  // at least one audio or video stream that is not a still picture
  std::string container;     // libavformat's short name, e.g. "mov,mp4,m4a,3gp,3g2,mj2"
  std::string video_codec, audio_codec;
  int64_t duration_ms = -1;  // -1 when unknown
  int width = 0, height = 0;
  std::string creation_time;   // as tagged, when present
  Json tags = Json::object();  // container tags (make, model, encoder, ...), values trimmed to 200 chars
};

// Probes `path`. A file libavformat cannot read at all is NotAudioVideo-shaped: OK with
// audio_video false. Only I/O trouble is an error.
StatusOr<MediaInfo> Probe(const std::string& path);
// The container metadata as recorded in MediaRegistered (integers only: canonical JSON).
Json ToJson(const MediaInfo& m);

}  // namespace qc::media
