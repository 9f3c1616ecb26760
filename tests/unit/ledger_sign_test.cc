// Checkpoint signatures: Ed25519 and SM2/SM3 through EVP, checked against the openssl command line
// and against the Go sumdb/note reference vector; C2SP signed notes, checkpoints and proof bundles.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "crypto/base64.h"
#include "crypto/hash.h"
#include "crypto/signing.h"
#include "ledger/checkpoint.h"
#include "ledger/merkle.h"
#include "ledger/note.h"
#include "test_dir.h"

namespace qc {
namespace {

using crypto::SignatureAlgorithm;
using crypto::SigningKey;

void WriteFile(const std::string& path, const std::string& data) { std::ofstream(path, std::ios::binary) << data; }

// Runs a shell command; returns its exit status and output.
std::pair<int, std::string> Shell(const std::string& cmd) {
  FILE* p = ::popen((cmd + " 2>&1").c_str(), "r");
  std::string out;
  char buf[1024];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  int rc = ::pclose(p);
  return {WEXITSTATUS(rc), out};
}

TEST(Signing, RoundTripsAndRejectsAnyChange) {
  for (auto alg : {SignatureAlgorithm::kEd25519, SignatureAlgorithm::kSm2Sm3}) {
    SCOPED_TRACE(std::string(crypto::AlgorithmName(alg)));
    auto key = SigningKey::Generate(alg);
    ASSERT_TRUE(key.ok());
    EXPECT_EQ(key->PublicKey().size(), alg == SignatureAlgorithm::kEd25519 ? 32u : 65u);
    auto sig = key->Sign("yixian.gaj/quancheng\n17\n");
    ASSERT_TRUE(sig.ok()) << sig.status().ToString();
    EXPECT_TRUE(crypto::VerifySignature(alg, key->PublicKey(), "yixian.gaj/quancheng\n17\n", *sig).ok());
    EXPECT_FALSE(crypto::VerifySignature(alg, key->PublicKey(), "yixian.gaj/quancheng\n18\n", *sig).ok());
    std::string flipped = *sig;
    flipped[flipped.size() / 2] ^= 1;
    EXPECT_FALSE(crypto::VerifySignature(alg, key->PublicKey(), "yixian.gaj/quancheng\n17\n", flipped).ok());
    auto other = SigningKey::Generate(alg);
    EXPECT_FALSE(crypto::VerifySignature(alg, other->PublicKey(), "yixian.gaj/quancheng\n17\n", *sig).ok());
    // PEM round trip keeps the key.
    auto again = SigningKey::FromPem(key->ToPem());
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->algorithm(), alg);
    EXPECT_EQ(again->PublicKey(), key->PublicKey());
  }
  EXPECT_FALSE(SigningKey::FromPem("-----BEGIN PRIVATE KEY-----\nnope\n-----END PRIVATE KEY-----\n").ok());
  std::string bad_point(65, '\x04');
  EXPECT_FALSE(crypto::VerifySignature(SignatureAlgorithm::kSm2Sm3, bad_point, "m", "s").ok());
}

// The openssl command line (a separate implementation path) accepts our SM2 signatures with the
// documented distinguishing ID and rejects them with any other: the ID is really the one we say.
TEST(Signing, OpensslCommandLineAgreesOnSm2IdAndEd25519) {
  testing::TempDir dir;
  const std::string msg = "yixian.gaj/quancheng\n42\nAAAA\n";
  WriteFile(dir.File("msg"), msg);
  for (auto alg : {SignatureAlgorithm::kEd25519, SignatureAlgorithm::kSm2Sm3}) {
    auto key = SigningKey::Generate(alg);
    ASSERT_TRUE(key.ok());
    WriteFile(dir.File("key.pem"), key->ToPem());
    WriteFile(dir.File("sig"), *key->Sign(msg));
    std::string base = "openssl pkeyutl -verify -rawin -inkey " + dir.File("key.pem") + " -in " + dir.File("msg") +
                       " -sigfile " + dir.File("sig");
    if (alg == SignatureAlgorithm::kEd25519) {
      auto [rc, out] = Shell(base);
      EXPECT_EQ(rc, 0) << out;
      continue;
    }
    auto [rc, out] = Shell(base + " -digest sm3 -pkeyopt distid:" + std::string(crypto::kSm2DistinguishingId));
    EXPECT_EQ(rc, 0) << out;
    auto [rc2, out2] = Shell(base + " -digest sm3 -pkeyopt distid:1234567812345679");
    EXPECT_NE(rc2, 0) << "a different distinguishing ID must not verify: " << out2;
    // And the other way round: openssl signs, we verify.
    auto [rc3, out3] = Shell("openssl pkeyutl -sign -rawin -digest sm3 -pkeyopt distid:1234567812345678 -inkey " +
                             dir.File("key.pem") + " -in " + dir.File("msg") + " -out " + dir.File("sig2"));
    ASSERT_EQ(rc3, 0) << out3;
    std::ifstream in(dir.File("sig2"), std::ios::binary);
    std::string sig2((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_TRUE(crypto::VerifySignature(alg, key->PublicKey(), msg, sig2).ok());
  }
}

// golang.org/x/mod/sumdb/note's reference key and note (note_test.go).
constexpr const char* kGoVkey = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
constexpr const char* kGoSkeyData = "AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
constexpr const char* kGoText =
    "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
constexpr const char* kGoSig =
    "\xE2\x80\x94 PeterNeumann "
    "x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

TEST(SignedNote, MatchesTheGoReferenceVector) {
  auto v = ledger::NoteVerifier::Parse(kGoVkey);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(v->id, 0xc74f20a3u);
  EXPECT_EQ(v->Encode(), kGoVkey);
  std::string note = std::string(kGoText) + "\n" + kGoSig;
  auto parsed = ledger::ParseNote(note);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->text, kGoText);
  auto who = ledger::VerifyNote(*parsed, {*v});
  ASSERT_TRUE(who.ok()) << who.status().ToString();

  // Signing the same text with the reference private key gives the same bytes (Ed25519 is deterministic).
  auto seed = crypto::Base64Decode(kGoSkeyData);
  ASSERT_TRUE(seed.ok());
  ASSERT_EQ((*seed)[0], '\x01');
  auto key = SigningKey::FromEd25519Seed(seed->substr(1));
  ASSERT_TRUE(key.ok());
  ledger::NoteSigner signer{"PeterNeumann", *key};
  EXPECT_EQ(signer.Verifier().Encode(), kGoVkey);
  auto signed_note = ledger::SignNote(kGoText, {signer});
  ASSERT_TRUE(signed_note.ok());
  EXPECT_EQ(*signed_note, note);

  // Any change to the text breaks it.
  std::string altered = note;
  altered[3] = 'X';
  EXPECT_FALSE(ledger::VerifyNote(*ledger::ParseNote(altered), {*v}).ok());
}

TEST(SignedNote, RejectsMalformedNotesAndKeys) {
  auto key = *SigningKey::Generate(SignatureAlgorithm::kEd25519);
  ledger::NoteSigner signer{"yixian.gaj/quancheng", key};
  std::string good = *ledger::SignNote("a\nb\n", {signer});
  ASSERT_TRUE(ledger::ParseNote(good).ok());
  for (std::string bad : {std::string("a\nb\n"), std::string("a\nb\n\n"), good.substr(0, good.size() - 1),
                          std::string("a\n\n- yixian.gaj/quancheng AAAAAAA=\n"),  // ASCII dash
                          std::string("a\n\n\xE2\x80\x94 name !!!!\n"), std::string("a\x01\n\n") + good.substr(5),
                          std::string("a\n\n\xE2\x80\x94 na+me AAAAAAA=\n")}) {
    EXPECT_FALSE(ledger::ParseNote(bad).ok()) << bad;
  }
  // A signature by an unknown key is ignored: with no known signature the note is rejected.
  auto other = *SigningKey::Generate(SignatureAlgorithm::kEd25519);
  ledger::NoteSigner stranger{"yixian.gaj/quancheng", other};
  EXPECT_FALSE(ledger::VerifyNote(*ledger::ParseNote(good), {stranger.Verifier()}).ok());
  // Two signature lines by one key must not count as two keys.
  std::string line = good.substr(good.find("\n\n") + 2);
  EXPECT_FALSE(ledger::VerifyNote(*ledger::ParseNote(good + line), {signer.Verifier()}).ok());
  // Key names: no spaces of any kind.
  for (const char* bad : {"a b",
                          "a\xE3\x80\x80"
                          "b",
                          "a\xC2\xA0"
                          "b",
                          "a\xE2\x80\x89"
                          "b",
                          "a+b", ""})
    EXPECT_FALSE(ledger::CheckKeyName(bad).ok()) << bad;
  EXPECT_TRUE(ledger::CheckKeyName("yixian.gaj/quancheng").ok());
  EXPECT_TRUE(ledger::CheckKeyName("易县公安局/全程").ok());
  // Verifier keys: a wrong key ID, unknown type or truncated key is refused.
  std::string vkey = signer.Verifier().Encode();
  std::string wrong_id = vkey;
  wrong_id[vkey.find('+') + 1] = wrong_id[vkey.find('+') + 1] == '0' ? '1' : '0';
  EXPECT_FALSE(ledger::NoteVerifier::Parse(wrong_id).ok());
  EXPECT_FALSE(ledger::NoteVerifier::Parse("name+00000000+" + crypto::Base64Encode(std::string(33, '\x07'))).ok());
  EXPECT_FALSE(ledger::NoteVerifier::Parse(vkey.substr(0, vkey.size() - 4)).ok());
}

TEST(Checkpoint, SignedWithBothKeysAndVerifiedByEither) {
  std::vector<ledger::NoteSigner> signers = {
      {"yixian.gaj/quancheng", *SigningKey::Generate(SignatureAlgorithm::kEd25519)},
      {"yixian.gaj/quancheng", *SigningKey::Generate(SignatureAlgorithm::kSm2Sm3)}};
  ledger::Checkpoint c{"yixian.gaj/quancheng", 17, crypto::Sha256("root")};
  std::string text = ledger::CheckpointText(c);
  EXPECT_EQ(text, "yixian.gaj/quancheng\n17\n" + crypto::Base64Encode(c.root_hash) + "\n");
  auto note = ledger::SignNote(text, signers);
  ASSERT_TRUE(note.ok());
  auto parsed = ledger::ParseNote(*note);
  ASSERT_TRUE(parsed.ok());
  ASSERT_EQ(parsed->signatures.size(), 2u);
  for (const auto& s : signers) {
    auto sm2 = ledger::NoteVerifier::Parse(s.Verifier().Encode());
    ASSERT_TRUE(sm2.ok());
    EXPECT_TRUE(ledger::VerifyNote(*parsed, {*sm2}).ok());
  }
  auto back = ledger::ParseCheckpointText(parsed->text);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->size, 17);
  EXPECT_EQ(back->root_hash, c.root_hash);
  for (const char* bad : {"o\n017\nAAAA\n", "o\n17\n", "\n17\nAAAA\n", "o\n-1\nAAAA\n", "o\n17\nAAAA\n"})
    EXPECT_FALSE(ledger::ParseCheckpointText(bad).ok()) << bad;
}

TEST(ProofBundle, VerifiesOfflineAndCatchesEveryAlteration) {
  // A tree of 11 entries held in memory.
  std::vector<std::string> entries, leaves;
  for (int i = 0; i < 11; ++i) {
    entries.push_back("{\"n\":" + std::to_string(i) + "}");
    leaves.push_back(ledger::HashLeaf(entries.back()));
  }
  ledger::NodeReader reader = [&](int level, uint64_t index) -> StatusOr<std::string> {
    std::vector<std::string> row = leaves;
    for (int l = 0; l < level; ++l) {
      std::vector<std::string> up;
      for (size_t i = 0; i + 1 < row.size(); i += 2) up.push_back(ledger::HashChildren(row[i], row[i + 1]));
      row = up;
    }
    return row.at(index);
  };
  ledger::NoteSigner signer{"yixian.gaj/quancheng", *SigningKey::Generate(SignatureAlgorithm::kSm2Sm3)};
  std::string root = *ledger::RootAt(11, reader);
  std::string note = *ledger::SignNote(ledger::CheckpointText({"yixian.gaj/quancheng", 11, root}), {signer});
  ledger::ProofBundle b{entries[6], 6, *ledger::InclusionProof(6, 11, reader), note};
  std::string text = ledger::FormatProofBundle(b);
  EXPECT_EQ(text.rfind("c2sp.org/tlog-proof@v1\nextra ", 0), 0u);
  auto parsed = ledger::ParseProofBundle(text);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  auto ok = ledger::VerifyProofBundle(*parsed, {signer.Verifier()});
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->index, 6);
  EXPECT_EQ(ok->checkpoint.size, 11);

  auto fails = [&](ledger::ProofBundle x) { return !ledger::VerifyProofBundle(x, {signer.Verifier()}).ok(); };
  ledger::ProofBundle x = *parsed;
  x.extra = entries[5];
  EXPECT_TRUE(fails(x)) << "another entry";
  x = *parsed;
  x.index = 7;
  EXPECT_TRUE(fails(x)) << "another index";
  x = *parsed;
  x.proof.pop_back();
  EXPECT_TRUE(fails(x)) << "a shortened proof";
  x = *parsed;
  x.checkpoint_note = *ledger::SignNote(
      ledger::CheckpointText({"yixian.gaj/quancheng", 11, crypto::Sha256("x")}),
      {ledger::NoteSigner{"yixian.gaj/quancheng", *SigningKey::Generate(SignatureAlgorithm::kSm2Sm3)}});
  EXPECT_TRUE(fails(x)) << "a checkpoint signed by another key";
  x = *parsed;
  x.extra.reset();
  EXPECT_TRUE(fails(x)) << "no entry to hash";
  // The log's own key, but a checkpoint naming another origin (another log using a copy of the keys).
  x = *parsed;
  x.checkpoint_note = *ledger::SignNote(ledger::CheckpointText({"staging.yixian.gaj/quancheng", 11, root}), {signer});
  EXPECT_TRUE(fails(x)) << "a checkpoint of another origin";
  for (std::string bad : {text.substr(1), text.substr(0, text.find("index")) + "index 06\n" +
                                              text.substr(text.find('\n', text.find("index")) + 1)})
    EXPECT_FALSE(ledger::ParseProofBundle(bad).ok());
}

}  // namespace
}  // namespace qc
