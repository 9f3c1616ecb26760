// The checkpoint signing keys in data/keys/ (mode 0700):
//   checkpoint-ed25519.pem   checkpoint-sm2.pem     private keys, PKCS#8 PEM, mode 0600
//   checkpoint-ed25519.vkey  checkpoint-sm2.vkey    public verifier keys (C2SP note form), 0644
// The key name of both is the log's origin ("yixian.gaj/quancheng" unless init was told otherwise).
#pragma once

#include <string>
#include <vector>

#include "common/status.h"
#include "ledger/note.h"

namespace qc::app {

struct LedgerKeys {
  std::vector<ledger::NoteSigner> signers;  // Ed25519, then SM2
  const std::string& origin() const { return signers.front().name; }
  std::vector<ledger::NoteVerifier> Verifiers() const;
};

// Loads both private keys; when neither exists and `may_create`, makes both with name `origin`.
// One present without the other, or unreadable keys, is an error: never silently replaced.
StatusOr<LedgerKeys> LoadOrCreateLedgerKeys(const std::string& keys_dir, const std::string& origin, bool may_create);

// The public keys (*.vkey) in `keys_dir`, for `quancheng verify`.
StatusOr<std::vector<ledger::NoteVerifier>> LoadVerifierKeys(const std::string& keys_dir);

// Reads a verifier key given inline ("name+id+base64") or as the path of a file holding one per line.
StatusOr<std::vector<ledger::NoteVerifier>> ReadVerifierKeys(const std::string& key_or_path);

}  // namespace qc::app
