// The media store behind its interface (blob/blob_store.h), as the directory implements it: blobs put
// from a stream with their digests, byte ranges read back, identical content stored once, and a
// listing that shows what verify must report.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "blob/directory_blob_store.h"
#include "common/byte_reader.h"
#include "crypto/digest.h"
#include "common/hex.h"
#include "test_dir.h"

namespace qc::blob {
namespace {

namespace fs = std::filesystem;
using qc::testing::TempDir;

std::string ReadAllOf(ByteReader& r, size_t piece = 7) {
  std::string out, buf(piece, '\0');
  for (;;) {
    auto n = r.Read(buf.data(), buf.size());
    EXPECT_TRUE(n.ok()) << n.status().ToString();
    if (!n.ok() || *n == 0) return out;
    out.append(buf.data(), *n);
  }
}

std::string Sha256Hex(const std::string& s) { return ToHex(crypto::Digest(crypto::DigestAlg::kSha256, s)); }

TEST(DirectoryBlobStore, PutHashesStoresAndReadsBackRanges) {
  TempDir dir;
  DirectoryBlobStore store(fs::path(dir.path()) / "blobs");
  StringReader in("abc");
  auto d = store.Put(in);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  // GB/T 32905-2016 example 1 and FIPS 180-2's "abc".
  EXPECT_EQ(d->sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(d->sm3, "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
  EXPECT_EQ(d->size, 3u);
  EXPECT_TRUE(store.Exists(d->sha256).value());
  EXPECT_EQ(store.Size(d->sha256).value(), 3u);
  auto range = store.Open(d->sha256, 1, 2);
  ASSERT_TRUE(range.ok()) << range.status().ToString();
  EXPECT_EQ(ReadAllOf(**range), "bc");
  EXPECT_FALSE(store.Open(d->sha256, 2, 5).ok());  // past the end
  // Nothing is left behind in the staging directory.
  EXPECT_TRUE(fs::is_empty(fs::path(dir.path()) / "blobs" / "incoming"));
}

TEST(DirectoryBlobStore, ABlobLargerThanOnePieceRoundTrips) {
  TempDir dir;
  DirectoryBlobStore store(fs::path(dir.path()) / "blobs");
  std::string data;
  for (int i = 0; i < (3 << 20) / 16; ++i) data += "0123456789abcdef";
  data += "tail";
  StringReader in(data);
  auto d = store.Put(in);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->sha256, Sha256Hex(data));
  auto all = store.Open(d->sha256, 0, data.size());
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(ReadAllOf(**all, 1 << 20), data);
}

TEST(DirectoryBlobStore, IdenticalContentIsStoredOnceAndAdoptRemovesTheDuplicate) {
  TempDir dir;
  DirectoryBlobStore store(fs::path(dir.path()) / "blobs");
  StringReader first("same bytes");
  auto d = store.Put(first);
  ASSERT_TRUE(d.ok());
  std::string staged = dir.File("staged.part");
  std::ofstream(staged) << "same bytes";
  ASSERT_TRUE(store.Adopt(staged, d->sha256).ok());
  EXPECT_FALSE(fs::exists(staged));
  int count = 0;
  ASSERT_TRUE(store
                  .List([&](const BlobEntry& e) {
                    ++count;
                    EXPECT_EQ(e.sha256, d->sha256);
                    EXPECT_EQ(e.size, 10u);
                    return Status();
                  })
                  .ok());
  EXPECT_EQ(count, 1);
}

TEST(DirectoryBlobStore, ListShowsAFileThatIsNotContentAddressed) {
  TempDir dir;
  DirectoryBlobStore store(fs::path(dir.path()) / "blobs");
  StringReader in("x");
  ASSERT_TRUE(store.Put(in).ok());
  fs::create_directories(fs::path(dir.path()) / "blobs" / "sha256" / "zz");
  std::ofstream(fs::path(dir.path()) / "blobs" / "sha256" / "zz" / "notes.txt") << "hand-made";
  std::vector<BlobEntry> seen;
  ASSERT_TRUE(store
                  .List([&](const BlobEntry& e) {
                    seen.push_back(e);
                    return Status();
                  })
                  .ok());
  ASSERT_EQ(seen.size(), 2u);
  int stray = 0;
  for (const auto& e : seen)
    if (e.sha256.empty()) {
      ++stray;
      EXPECT_EQ(e.name, "zz/notes.txt");
    }
  EXPECT_EQ(stray, 1);
}

TEST(DirectoryBlobStore, NamesThatAreNotDigestsAreRefusedWithTheirField) {
  TempDir dir;
  DirectoryBlobStore store(fs::path(dir.path()) / "blobs");
  for (const std::string& bad :
       std::vector<std::string>{"", "../../etc/passwd", std::string(64, 'A'), std::string(63, 'a')}) {
    auto e = store.Exists(bad);
    ASSERT_FALSE(e.ok()) << bad;
    EXPECT_EQ(e.status().field(), "sha256");
    EXPECT_FALSE(store.Open(bad, 0, 0).ok());
  }
  EXPECT_EQ(store.Size(std::string(64, 'a')).status().error_code(), ErrorCode::kNotFound);
}

TEST(FileRangeReader, AFileShorterThanPromisedIsAnErrorNotAShortRead) {
  TempDir dir;
  std::string path = dir.File("short");
  std::ofstream(path) << "12345";
  auto r = FileRangeReader::Open(path, 2, 10);
  ASSERT_TRUE(r.ok());
  char buf[16];
  auto n = (*r)->Read(buf, sizeof buf);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(std::string(buf, *n), "345");
  EXPECT_FALSE((*r)->Read(buf, sizeof buf).ok());
  int fd = ::open(path.c_str(), O_RDONLY);
  std::string got;
  Status st = ReadFileRange(
      fd, 1, 3,
      [&](std::string_view p) {
        got += p;
        return Status();
      },
      2);
  EXPECT_TRUE(st.ok());
  EXPECT_EQ(got, "234");
  EXPECT_FALSE(ReadFileRange(fd, 0, 6, [](std::string_view) { return Status(); }).ok());
  ::close(fd);
}

}  // namespace
}  // namespace qc::blob
