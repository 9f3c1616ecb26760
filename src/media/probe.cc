#include "media/probe.h"

#include <sys/stat.h>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/dict.h>
#include <libavutil/log.h>
}

namespace qc::media {
namespace {

std::string Trim(const char* v) {
  std::string s(v ? v : "");
  if (s.size() > 200) s.resize(200);
  return s;
}

}  // namespace

StatusOr<MediaInfo> Probe(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return Status::NotFound("文件不存在：" + path);
  av_log_set_level(AV_LOG_QUIET);
  MediaInfo m;
  AVFormatContext* fmt = nullptr;
  if (avformat_open_input(&fmt, path.c_str(), nullptr, nullptr) != 0) return m;  // not a media container
  struct Closer {
    AVFormatContext** f;
    ~Closer() { avformat_close_input(f); }
  } closer{&fmt};
  if (avformat_find_stream_info(fmt, nullptr) < 0) return m;
  m.container = Trim(fmt->iformat ? fmt->iformat->name : "");
  if (fmt->duration != AV_NOPTS_VALUE && fmt->duration > 0) m.duration_ms = fmt->duration / 1000;
  for (unsigned i = 0; i < fmt->nb_streams; ++i) {
    const AVStream* s = fmt->streams[i];
    const AVCodecParameters* p = s->codecpar;
    if (p->codec_type == AVMEDIA_TYPE_VIDEO && !(s->disposition & AV_DISPOSITION_ATTACHED_PIC)) {
      if (m.video_codec.empty()) {
        m.video_codec = avcodec_get_name(p->codec_id);
        m.width = p->width;
        m.height = p->height;
      }
    } else if (p->codec_type == AVMEDIA_TYPE_AUDIO) {
      if (m.audio_codec.empty()) m.audio_codec = avcodec_get_name(p->codec_id);
    }
  }
  // A single image (PNG, JPEG) opens as an "image2"/"*_pipe" container with one video stream and
  // no duration: a photo, not a recording.
  bool still = m.container.find("image2") != std::string::npos || m.container.find("_pipe") != std::string::npos;
  m.audio_video = !still && (!m.video_codec.empty() || !m.audio_codec.empty());
  const AVDictionaryEntry* e = nullptr;
  while ((e = av_dict_get(fmt->metadata, "", e, AV_DICT_IGNORE_SUFFIX)) != nullptr) {
    std::string key = Trim(e->key);
    if (key == "creation_time") m.creation_time = Trim(e->value);
    if (m.tags.size() < 32) m.tags[key] = Trim(e->value);
  }
  return m;
}

Json ToJson(const MediaInfo& m) {
  Json j = Json::object();
  j["container"] = m.container;
  j["video_codec"] = m.video_codec;
  j["audio_codec"] = m.audio_codec;
  j["duration_ms"] = m.duration_ms;
  j["width"] = m.width;
  j["height"] = m.height;
  j["creation_time"] = m.creation_time;
  j["tags"] = m.tags;
  return j;
}

}  // namespace qc::media
