// C2SP signed notes (https://c2sp.org/signed-note): a text signed by one or more keys.
//
//   <text, ending in a newline>
//   <blank line>
//   — <key name> base64(4-byte big-endian key ID || signature)
//
// Key IDs are SHA-256(key name || 0x0A || signature type || public key)[:4]. Signature types:
//   0x01                               Ed25519 (the C2SP assignment)
//   0xff || "quancheng/sm2-sm3-v1"     SM2 over SM3 with distinguishing ID "1234567812345678"
//                                      (0xff = types without an assigned byte, followed by a name)
// Public keys travel as verifier keys: "<name>+<key ID, 8 hex>+<base64(signature type || public key)>",
// the form golang.org/x/mod/sumdb/note uses.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "crypto/signing.h"

namespace qc::ledger {

inline constexpr std::string_view kSm2SignatureName = "quancheng/sm2-sm3-v1";

// The signature type identifier bytes of an algorithm (see above).
std::string SignatureType(crypto::SignatureAlgorithm a);
uint32_t KeyId(std::string_view name, crypto::SignatureAlgorithm a, std::string_view public_key);
// Key names are non-empty, printable, without spaces or '+'.
Status CheckKeyName(std::string_view name);

// A public key able to check note signatures.
struct NoteVerifier {
  std::string name;
  uint32_t id = 0;
  crypto::SignatureAlgorithm algorithm = crypto::SignatureAlgorithm::kEd25519;
  std::string public_key;  // raw, as crypto::SigningKey::PublicKey()

  static StatusOr<NoteVerifier> Parse(std::string_view vkey);  // also checks the key ID
  std::string Encode() const;
};

// A private key with its name; signs note texts.
struct NoteSigner {
  std::string name;
  crypto::SigningKey key;
  uint32_t id() const { return KeyId(name, key.algorithm(), key.PublicKey()); }
  NoteVerifier Verifier() const;
  // The signature line "— name base64(id || sig)\n" for `text`.
  StatusOr<std::string> SignatureLine(std::string_view text) const;
};

struct NoteSignature {
  std::string name;
  uint32_t key_id = 0;
  std::string signature;  // without the key ID
};
struct Note {
  std::string text;  // including its final newline
  std::vector<NoteSignature> signatures;
};

inline constexpr size_t kMaxNoteSize = 64 * 1024;
inline constexpr size_t kMaxNoteSignatures = 64;

// Splits a signed note (syntax only: nothing is verified).
StatusOr<Note> ParseNote(std::string_view note);
// `text` followed by the blank line and the signature lines of every signer.
StatusOr<std::string> SignNote(std::string_view text, const std::vector<NoteSigner>& signers);

// Checks the signatures by the known keys (matched by name and key ID; unknown signers are ignored).
// Fails if any known signature does not verify, or none is present. On success returns the names and
// algorithms that verified ("yixian.gaj/quancheng (ed25519)").
StatusOr<std::vector<std::string>> VerifyNote(const Note& note, const std::vector<NoteVerifier>& known);

}  // namespace qc::ledger
