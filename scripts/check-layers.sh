#!/usr/bin/env bash
# The layers of docs/architecture.md §1 that a compiler does not enforce: SQL lives in src/store/
# only (so a PostgreSQL implementation can stand beside it), and blob paths are built only by the
# blob store. Prints each violation; exits 1 when there is one.
set -uo pipefail
cd "$(dirname "$0")/.."
bad=0
report() { echo "layer check: $1"; bad=1; }

# Statements and SQL keywords in string literals outside the store.
while IFS= read -r hit; do report "SQL outside src/store: $hit"; done < <(
  grep -nE '(->|\.)Prepare\(|"(SELECT|INSERT|UPDATE|DELETE|CREATE) |store::Stmt' \
    src/app src/http src/cli src/dock src/domain -r --include='*.cc' --include='*.h' || true)
# Blob paths outside the blob store.
while IFS= read -r hit; do report "blob path built outside src/blob: $hit"; done < <(
  grep -nE '"sha256" */|/ *"sha256"|blobs" */ *"sha256' src --include='*.cc' --include='*.h' -r | grep -v '^src/blob/' || true)
exit $bad
