#!/usr/bin/env bash
# The ledger benchmarks (issue 3).   bench/ledger.sh
#
#  1. durable ledger appends/s with group commit, beside SQLite's one-row-per-transaction rate;
#  2. inclusion and consistency proof latency (p50/p99) on a ledger of QC_BENCH_EVENTS events,
#     beside a primary-key point read;
#  3. `quancheng verify` of that ledger, beside a bare read-and-hash pass.
# All in one process (bench/ledger_bench.cc), in a temporary directory under bench/results/ on the
# repository's filesystem, removed at the end. Needs the Release build with QC_BENCH=ON:
#   scripts/setup.sh release && cmake --build build --target bench_ledger
#
# Environment: QC_BENCH_EVENTS (default 1000000), QC_BENCH_SECONDS (default 5, for the append runs),
#              QC_BENCH_SAMPLES (default 20000 proofs of each kind).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/build/bench/bench_ledger"
[[ -x "$bin" ]] || { echo "bench: $bin not found — run: scripts/setup.sh release && cmake --build build --target bench_ledger" >&2; exit 1; }
events=${QC_BENCH_EVENTS:-1000000}
secs=${QC_BENCH_SECONDS:-5}
samples=${QC_BENCH_SAMPLES:-20000}
for v in "$events" "$secs" "$samples"; do
  [[ "$v" =~ ^[1-9][0-9]*$ ]] || { echo "bench: QC_BENCH_EVENTS/SECONDS/SAMPLES must be positive integers" >&2; exit 2; }
done
mkdir -p "$root/bench/results"
dir="$root/bench/results/ledger-$$"
trap 'rm -rf "$dir"' EXIT
echo "machine: $(nproc) cores, $(uname -r); disk of $root/bench/results"
"$bin" --dir "$dir" --seconds "$secs" --events "$events" --samples "$samples"
