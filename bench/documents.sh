#!/usr/bin/env bash
# Written records benchmarks (issue 13).   bench/documents.sh
#
#  (a) SQLite baseline: one row per WAL transaction, synchronous=FULL, on the disk of the data dir
#      (build/bench/bench_sqlite_baseline, as bench/run.sh uses it), run before and again after the
#      write runs — the ratios use the mean of the two;
#  (b) POST /api/v1/cases/{id}/documents with wrk -t2 -c16 (bench/post_document.lua), each request
#      an inquiry_record whose fields are the catalogue's own example (GET /api/v1/catalogue):
#      durable events/s counted in the events table, ÷ the baseline —
#        b1  16 clients on ONE fresh case (a case serialises its writes),
#        b2  16 clients spread over 16 fresh cases (round-robin per wrk thread),
#        b3  as b1, on a case that already holds 200 records,
#        b4  as b2, on 16 cases that already hold 200 records each;
#      b3 ÷ b1 and b4 ÷ b2 are the "200 records vs fresh" write ratios (target >= 0.80). Cases grow
#      while they are measured (every 201 is one more record), so the record counts per case at the
#      start and end of each run are printed: b4 ÷ b2 keeps the two populations apart (16 cases share
#      the writes), b1/b3 grow by the whole run's writes and blur the difference;
#  (c) GET /api/v1/cases/{id} with wrk -t2 -c16 --latency: p99 of a case holding 200 records ÷ p99
#      of a fresh case (0 records), measured before any write run touches them;
#  (d) the size in bytes of one DocumentDrafted event (an inquiry_record) and of one CaseOpened event
#      in the events table: the whole canonical JSON (`bytes`) and its `data` member.
# Cases are opened by officer1 (ex officio, one legal person), submitted for the start approval and
# approved by reviewer1 and approver1, so they stand in 调查取证 where officer1 may draft records.
# The records of the 200-record cases are made before the measurements with one curl --parallel.
# Everything runs on loopback, in a temporary directory under bench/results/ (same filesystem as the
# repository), removed at the end, also on failure. Needs the Release build (./run.sh or
# scripts/setup.sh release) and build/bench/bench_sqlite_baseline
# (cmake --build build --target bench_sqlite_baseline).
#
# Environment: QC_BENCH_SECONDS (default 10) — duration of each measurement.
# shellcheck disable=SC2034,SC2154  # the b1_… b4_… results are set by save_write (printf -v)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

secs=${QC_BENCH_SECONDS:-10}
[[ "$secs" =~ ^[1-9][0-9]*$ ]] || { echo "bench: QC_BENCH_SECONDS must be a positive integer" >&2; exit 2; }

qc="$root/build/quancheng"
baseline="$root/build/bench/bench_sqlite_baseline"
lua="$root/bench/post_document.lua"
preload=200     # records in the "full" cases
pool=16         # cases in the spread runs (one per client of wrk -c16)

die() { echo "bench: $*" >&2; exit 1; }

# ---- prerequisites -----------------------------------------------------------------------------
[[ -x "$qc" ]] || die "$qc not found — build the Release binary first: ./run.sh or scripts/setup.sh release"
[[ -x "$baseline" ]] || die "$baseline not found — build it: scripts/setup.sh release (QC_BENCH=ON), then
       cmake --build build --target bench_sqlite_baseline"
[[ -r "$lua" ]] || die "$lua not found"
for tool in wrk curl jq sqlite3 awk ss; do
  command -v "$tool" >/dev/null || die "'$tool' is not installed (see scripts/apt-packages.txt)"
done
curl --help all 2>/dev/null | grep -q -- '--parallel-max' || die "curl is too old: --parallel (curl >= 7.66) is needed"

# ---- temporary directory and cleanup -----------------------------------------------------------
mkdir -p "$root/bench/results"
tmp=$(mktemp -d "$root/bench/results/documents.XXXXXX")
server_pid=""

stop_pid() {  # stop_pid PID SIGNAL: signal, wait up to 10 s, then SIGKILL
  local pid=$1 sig=$2 i
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill -"$sig" "$pid" 2>/dev/null || true
  for ((i = 0; i < 100; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "bench: pid $pid did not stop after SIG$sig, sending SIGKILL" >&2
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  local rc=$?
  set +e               # clean up all the way, whatever fails below
  trap - EXIT INT TERM
  trap '' PIPE         # output piped to a reader that went away (| head): carry on without it
  stop_pid "$server_pid" TERM
  if ((rc != 0)) && [[ -s "$tmp/server.log" ]]; then
    echo "--- server log (last 20 lines) ---" >&2
    tail -n 20 "$tmp/server.log" >&2
  fi
  rm -rf "$tmp"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 141' PIPE

disk=$(df -P "$tmp" | awk 'NR == 2 { print $1 " mounted on " $6 }')
fstype=$(df -PT "$tmp" 2>/dev/null | awk 'NR == 2 { print $2 }')

# wrk duration strings ("812.00us", "3.21ms", "1.02s", "2.00m") to milliseconds.
to_ms() {
  awk -v v="$1" 'BEGIN {
    n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
    if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000; else if (u != "ms") n = -1
    printf "%.3f", n }'
}
wrk_rps() { awk '/^Requests\/sec:/ { print $2 }' "$1"; }
wrk_pct() { to_ms "$(awk -v p="$2" '$1 == p { print $2 }' "$1")"; }  # wrk_pct FILE 99%
# Bytes read per response: "469 requests in 3.11s, 188.91MB read" (wrk's units are binary).
wrk_bytes_per_resp() {
  awk '/ requests in .* read$/ {
    n = $1; v = $5; u = v; sub(/^[0-9.]+/, "", u); b = v + 0
    if (u == "KB") b *= 1024; else if (u == "MB") b *= 1048576; else if (u == "GB") b *= 1073741824; else if (u == "TB") b *= 1099511627776
    if (n > 0) printf "%.0f", b / n; else print "n/a" }' "$1"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 > 0) printf "%.2f", a / b; else print "n/a" }'; }
now() { date +%s.%N; }

echo "== QuanCheng written-records benchmarks ($(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) CPUs, ${secs} s per measurement)"
echo "   quancheng: $("$qc" version 2>/dev/null || echo '?'), git $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$root" diff --quiet HEAD -- src 2>/dev/null || echo ' (src has local changes)')"
echo "   work dir:  $tmp"
echo "   disk:      $disk (${fstype:-?}) — used by both the SQLite baseline and the server's data dir"
echo

# ---- data dir (with the demo accounts) and server ----------------------------------------------
data="$tmp/data"
"$qc" init --data "$data" --demo >"$tmp/init.log" 2>&1 || { cat "$tmp/init.log" >&2; die "quancheng init failed"; }
db="$data/quancheng.db"
[[ -s "$db" ]] || die "$db missing after init"

# --port 0: the server binds a free port itself and prints "QuanCheng listening on http://A:P".
: >"$tmp/server.log"  # exists before the first read below (the server opens it in the background)
"$qc" serve --data "$data" --port 0 --bind 127.0.0.1 --log-level warn >"$tmp/server.log" 2>&1 &
server_pid=$!
port=""
for ((i = 0; i < 300; i++)); do
  port=$(sed -n 's|^QuanCheng listening on http://127\.0\.0\.1:\([0-9]*\)$|\1|p' "$tmp/server.log" | head -n 1)
  [[ -n "$port" ]] && break
  kill -0 "$server_pid" 2>/dev/null || die "quancheng serve exited early"
  sleep 0.1
done
[[ -n "$port" ]] || die "quancheng serve did not start listening within 30 s"
base="http://127.0.0.1:$port"
echo "server:  pid $server_pid on $base (--log-level warn)"

login() {  # login USERNAME: prints the token
  local r t
  r=$(curl -sS --max-time 30 -H 'Content-Type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"Demo@2026\"}" "$base/api/v1/auth/login") || die "login request for $1 failed"
  t=$(jq -r '.token // empty' <<<"$r" 2>/dev/null || true)
  [[ -n "$t" ]] || die "login as $1 failed (demo accounts missing?): $r"
  echo "$t"
}
tok_officer=$(login officer1)
tok_reviewer=$(login reviewer1)
tok_approver=$(login approver1)
auth="Authorization: Bearer $tok_officer"
echo "login:   officer1, reviewer1, approver1 ok"

# The body of every record: the catalogue's own example of inquiry_record.
example=$(curl -sS --max-time 30 "$base/api/v1/catalogue" | jq -c '.types[] | select(.id == "inquiry_record") | .example') ||
  die "GET /api/v1/catalogue failed"
[[ -n "$example" && "$example" != null ]] || die "the catalogue has no inquiry_record example"
doc_body=$(jq -cn --argjson f "$example" '{type: "inquiry_record", fields: $f}')
printf '%s' "$doc_body" >"$tmp/doc_body.json"
echo "record:  inquiry_record, catalogue example, request body $(wc -c <"$tmp/doc_body.json") B"

# api TOKEN METHOD PATH [JSON]: prints the answer's body; dies on a non-2xx answer.
api() {
  local token=$1 method=$2 path=$3 body=${4-} code
  local args=(-sS --max-time 30 -o "$tmp/api.body" -w '%{http_code}' -X "$method" -H "Authorization: Bearer $token")
  [[ -n "$body" ]] && args+=(-H 'Content-Type: application/json' --data-binary "$body")
  code=$(curl "${args[@]}" "$base$path") || die "$method $path: request failed"
  [[ "$code" == 2?? ]] || die "$method $path answered $code: $(head -c 500 "$tmp/api.body")"
  cat "$tmp/api.body"
}

# new_case TITLE: opens an ex officio case as officer1, has its start approved (reviewer1, approver1)
# and prints its id; the case is then in 调查取证 (investigation).
new_case() {
  local r id apv stage
  r=$(api "$tok_officer" POST /api/v1/cases "$(jq -cn --arg t "$1" '{start_mode: "ex_officio", title: $t,
      parties: [{kind: "legal_person", name: "易县金嗓子娱乐有限公司", legal_representative: "周涛"}],
      start_form: {cause: "夜间巡查发现赌博功能电子游戏机"}}')")
  id=$(jq -r '.case.id // empty' <<<"$r")
  [[ -n "$id" ]] || die "POST /api/v1/cases gave no case id: $(head -c 500 <<<"$r")"
  r=$(api "$tok_officer" POST "/api/v1/cases/$id/start-approval" '{"opinion":"拟立案调查"}')
  apv=$(jq -r '.case.approvals[0].id // empty' <<<"$r")
  [[ -n "$apv" ]] || die "start-approval of $id gave no approval id: $(head -c 500 <<<"$r")"
  api "$tok_reviewer" POST "/api/v1/approvals/$apv/decision" '{"decision":"approve","opinion":"同意"}' >/dev/null
  r=$(api "$tok_approver" POST "/api/v1/approvals/$apv/decision" '{"decision":"approve","opinion":"同意"}')
  stage=$(jq -r '.case.stage // empty' <<<"$r")
  [[ "$stage" == investigation ]] || die "case $id is in stage '$stage' after the approvals, not investigation"
  echo "$id"
}

count_events() { sqlite3 -cmd ".timeout 10000" "$db" "SELECT COUNT(*) FROM events;"; }
# records_of ID...: "min max" of the DocumentDrafted events of those cases.
records_of() {
  sqlite3 -cmd ".timeout 10000" "$db" "WITH c(id) AS (VALUES $(printf "('%s')," "$@" | sed 's/,$//'))
    SELECT MIN(n) || ' ' || MAX(n) FROM (SELECT c.id, COUNT(e.idx) AS n FROM c
      LEFT JOIN events e ON e.case_id = c.id AND e.type = 'DocumentDrafted' GROUP BY c.id);"
}
span() { [[ "${1% *}" == "${1#* }" ]] && echo "${1% *}" || echo "${1% *}..${1#* }"; }  # "a b" -> a or a..b
doc_path() { echo "/api/v1/cases/$1/documents"; }

# ---- (a) SQLite baseline -----------------------------------------------------------------------
# Run twice: now, and again right after the write runs; the ratios use the mean of the two (the
# machine is shared: a busy neighbour shows as two different figures).
run_baseline() {  # run_baseline WHEN: prints the rows/s
  echo "== (a) SQLite baseline ($1): 1 row (300 B blob + integer key) per transaction, WAL, synchronous=FULL, ${secs} s" >&2
  rm -f "$tmp"/sqlite_baseline.db*
  "$baseline" --dir "$tmp" --seconds "$secs" | tee "$tmp/baseline.txt" >&2
  local r
  r=$(sed -n 's/^rows_per_sec=//p' "$tmp/baseline.txt")
  [[ -n "$r" ]] || die "baseline printed no rows_per_sec"
  echo >&2
  echo "$r"
}
echo
sqlite_before=$(run_baseline "before the write runs")
sqlite_rps=$sqlite_before  # until the second run

# ---- cases -------------------------------------------------------------------------------------
echo "== opening $((2 * pool + 3)) cases (each: open, start approval, 审核, 批准 -> 调查取证)"
t0=$(now)
case_one_fresh=$(new_case "基准 文书 单案 空")
case_one_full=$(new_case "基准 文书 单案 ${preload}份")
case_get_fresh=$(new_case "基准 文书 读取 空")
pool_fresh=() pool_full=()
for ((k = 0; k < pool; k++)); do
  id=$(new_case "基准 文书 分散 空 $k"); pool_fresh+=("$id")
  id=$(new_case "基准 文书 分散 ${preload}份 $k"); pool_full+=("$id")
done
echo "opened:  $((2 * pool + 3)) cases in $(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }') s"

# The full cases get their records now, with one curl --parallel (16 at a time, one connection
# pool), every answer's status checked and every case's count checked in the events table.
echo "== drafting $preload records in each of $((pool + 1)) cases (curl --parallel, unmeasured)"
t0=$(now)
: >"$tmp/preload.cfg"
for id in "$case_one_full" "${pool_full[@]}"; do
  for ((n = 0; n < preload; n++)); do
    printf 'url = "%s%s"\noutput = "/dev/null"\n' "$base" "$(doc_path "$id")" >>"$tmp/preload.cfg"
  done
done
curl -sS --no-progress-meter --parallel --parallel-max 16 --max-time 120 -H "$auth" \
  -H 'Content-Type: application/json' --data-binary "@$tmp/doc_body.json" -w '%{http_code}\n' \
  -K "$tmp/preload.cfg" >"$tmp/preload.codes" 2>"$tmp/preload.err" || true
sort "$tmp/preload.codes" | uniq -c >"$tmp/preload.summary"
if [[ "$(awk '$2 != 201 { bad += $1 } END { print bad + 0 }' "$tmp/preload.summary")" != 0 ]]; then
  cat "$tmp/preload.summary" "$tmp/preload.err" >&2
  die "drafting the preloaded records failed (statuses above)"
fi
full_span=$(records_of "$case_one_full" "${pool_full[@]}")
[[ "$full_span" == "$preload $preload" ]] || die "the full cases hold $(span "$full_span") records each, not $preload"
echo "drafted: $((preload * (pool + 1))) records in $(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }') s; each full case holds $preload"
fresh_span=$(records_of "$case_one_fresh" "$case_get_fresh" "${pool_fresh[@]}")
[[ "$fresh_span" == "0 0" ]] || die "the fresh cases hold $(span "$fresh_span") records, not 0"
echo

# ---- (c) GET /api/v1/cases/{id}: 200 records vs 0, before any write run --------------------------
measure_get() {  # measure_get LABEL CASE_ID: sets get_rps get_p50 get_p99 get_bytes get_docs get_bad
  local label=$1 id=$2 url code
  url="$base/api/v1/cases/$id"
  code=$(curl -sS --max-time 30 -o "$tmp/case.json" -w '%{http_code}' -H "$auth" "$url") || die "GET $url failed"
  [[ "$code" == 200 ]] || die "GET $url answered $code"
  get_bytes=$(wc -c <"$tmp/case.json")
  get_docs=$(jq '(.documents // .case.documents // []) | length' "$tmp/case.json")
  echo "== (c) GET /api/v1/cases/$id — $label ($get_docs records listed, $get_bytes B body): wrk -t2 -c16 -d${secs}s --latency"
  wrk -t2 -c16 -d"${secs}s" --latency --timeout 10s -H "$auth" "$url" | tee "$tmp/wrk_get.txt"
  get_rps=$(wrk_rps "$tmp/wrk_get.txt")
  get_p50=$(wrk_pct "$tmp/wrk_get.txt" 50%)
  get_p99=$(wrk_pct "$tmp/wrk_get.txt" 99%)
  get_bad=$(awk '/^  Non-2xx or 3xx responses:/ { print $5 }' "$tmp/wrk_get.txt")
  echo
}
measure_get "fresh case" "$case_get_fresh"
g0_rps=$get_rps g0_p50=$get_p50 g0_p99=$get_p99 g0_bytes=$get_bytes g0_docs=$get_docs g0_bad=${get_bad:-0}
measure_get "case holding $preload records" "${pool_full[0]}"
g2_rps=$get_rps g2_p50=$get_p50 g2_p99=$get_p99 g2_bytes=$get_bytes g2_docs=$get_docs g2_bad=${get_bad:-0}

# ---- (b) POST /api/v1/cases/{id}/documents --------------------------------------------------------
# measure_write TAG LABEL ID...: wrk over the cases' document paths; sets w_eps w_rps w_non2xx
# w_events w_elapsed w_start w_end w_resp_bytes.
measure_write() {
  local tag=$1 label=$2 before after t0 t1 n paths
  shift 2
  paths=$(for id in "$@"; do doc_path "$id"; done | tr '\n' ' ')
  w_start=$(records_of "$@")
  echo "== ($tag) POST …/documents — $label (records per case at start: $(span "$w_start")): wrk -t2 -c16 -d${secs}s"
  before=$(count_events)
  t0=$(now)
  QC_TOKEN="$tok_officer" QC_DOC_BODY="$doc_body" QC_CASE_PATHS="$paths" QC_WRK_THREADS=2 \
    wrk -t2 -c16 -d"${secs}s" --timeout 10s -s "$lua" "$base" | tee "$tmp/wrk_post.txt"
  t1=$(now)
  # Requests still in flight when wrk stops (up to one per connection) are committed a moment later:
  # wait until the count is stable (bounded), so that they are counted; the duration stays wrk's run.
  after=$(count_events)
  for ((i = 0; i < 25; i++)); do
    sleep 0.2
    n=$(count_events)
    [[ "$n" == "$after" ]] && break
    after=$n
  done
  w_elapsed=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
  w_events=$((after - before))
  w_eps=$(awk -v n="$w_events" -v d="$w_elapsed" 'BEGIN { printf "%.1f", n / d }')
  w_rps=$(wrk_rps "$tmp/wrk_post.txt")
  w_non2xx=$(sed -n 's/^post_document: .*non2xx=\([0-9]*\).*/\1/p' "$tmp/wrk_post.txt")
  w_resp_bytes=$(wrk_bytes_per_resp "$tmp/wrk_post.txt")
  w_end=$(records_of "$@")
  echo "events:  $before -> $after (+$w_events) in ${w_elapsed} s wall = ${w_eps} durable events/s"
  echo "records: per case $(span "$w_start") -> $(span "$w_end"); ${w_resp_bytes} B read per response"
  echo "ratio:   events/s ÷ SQLite 1-row-per-commit rows/s (first baseline run) = $(ratio "$w_eps" "$sqlite_rps")"
  [[ "${w_non2xx:-0}" == 0 ]] || echo "WARNING: ${w_non2xx} non-2xx answers (see the first error above)"
  echo
}
save_write() {  # save_write PREFIX: copies the w_* results to PREFIX_*
  local v src
  for v in eps rps non2xx events elapsed start end resp_bytes; do
    src="w_$v"
    printf -v "${1}_$v" '%s' "${!src:-?}"
  done
}

measure_write b1 "16 clients, 1 fresh case" "$case_one_fresh"; save_write b1
measure_write b2 "16 clients over $pool fresh cases" "${pool_fresh[@]}"; save_write b2
measure_write b3 "16 clients, 1 case holding $preload records" "$case_one_full"; save_write b3
measure_write b4 "16 clients over $pool cases holding $preload records each" "${pool_full[@]}"; save_write b4

sqlite_after=$(run_baseline "after the write runs")
sqlite_rps=$(awk -v a="$sqlite_before" -v b="$sqlite_after" 'BEGIN { printf "%.1f", (a + b) / 2 }')

# ---- (d) event sizes -----------------------------------------------------------------------------
event_size() {  # event_size TYPE CASE_ID: "whole data" bytes of the case's first event of that type
  sqlite3 -cmd ".timeout 10000" "$db" "SELECT length(bytes) || ' ' ||
      length(CAST(json_extract(CAST(bytes AS TEXT), '\$.data') AS BLOB))
    FROM events WHERE type = '$1' AND case_id = '$2' ORDER BY idx LIMIT 1;"
}
dd_size=$(event_size DocumentDrafted "$case_one_fresh")
co_size=$(event_size CaseOpened "$case_one_fresh")
[[ -n "$dd_size" && -n "$co_size" ]] || die "no DocumentDrafted / CaseOpened event found for $case_one_fresh"
read -r dd_whole dd_data <<<"$dd_size"
read -r co_whole co_data <<<"$co_size"
echo "== (d) event sizes (case $case_one_fresh): DocumentDrafted $dd_whole B (data $dd_data B), CaseOpened $co_whole B (data $co_data B)"
echo

stop_pid "$server_pid" TERM
server_pid=""
final_events=$(count_events)

row() {  # row LABEL PREFIX: one line of the write table
  local e="${2}_eps" r="${2}_rps" n="${2}_non2xx" a="${2}_start" z="${2}_end" b="${2}_resp_bytes"
  printf '  %-34s %9s %8s %10s %7s  %-22s %s\n' "$1" "${!e}" "$(ratio "${!e}" "$sqlite_rps")" "${!r}" "${!n}" \
    "$(span "${!a}") -> $(span "${!z}")" "${!b}"
}
{
  echo "================================ summary ================================"
  echo "disk (data dir + SQLite baseline): $disk"
  echo "SQLite baseline, 1 row/commit, WAL, sync=FULL: ${sqlite_rps} rows/s (mean of ${sqlite_before} before and ${sqlite_after} after the write runs)"
  echo "POST /api/v1/cases/{id}/documents, inquiry_record (catalogue example), wrk -t2 -c16, ${secs}s:"
  printf '  %-34s %9s %8s %10s %7s  %-22s %s\n' "" "events/s" "vs SQLite" "wrk req/s" "non2xx" "records/case" "B/response"
  row "b1 1 fresh case" b1
  row "b2 $pool fresh cases" b2
  row "b3 1 case with $preload records" b3
  row "b4 $pool cases with $preload records each" b4
  echo "  write rate, $preload records ÷ fresh: 1 case $(ratio "$b3_eps" "$b1_eps") (b3÷b1), $pool cases $(ratio "$b4_eps" "$b2_eps") (b4÷b2)   (target >= 0.80)"
  echo "  (cases grow while measured: see records/case; b4÷b2 keeps the two populations apart)"
  echo "GET /api/v1/cases/{id} (wrk -t2 -c16 --latency, ${secs}s):"
  printf '  %-34s %9s %9s %9s %10s %7s\n' "" "req/s" "p50 ms" "p99 ms" "body B" "non2xx"
  printf '  %-34s %9s %9s %9s %10s %7s\n' "fresh case ($g0_docs records)" "$g0_rps" "$g0_p50" "$g0_p99" "$g0_bytes" "$g0_bad"
  printf '  %-34s %9s %9s %9s %10s %7s\n' "case holding $g2_docs records" "$g2_rps" "$g2_p50" "$g2_p99" "$g2_bytes" "$g2_bad"
  echo "  p99 ratio, $preload records ÷ fresh: $(ratio "$g2_p99" "$g0_p99")"
  echo "Event sizes (events.bytes = the canonical JSON; data = its \"data\" member):"
  echo "  DocumentDrafted (inquiry_record)  ${dd_whole} B  (data ${dd_data} B)"
  echo "  CaseOpened (ex officio, 1 party)  ${co_whole} B  (data ${co_data} B)"
  echo "  DocumentDrafted ÷ CaseOpened      $(ratio "$dd_whole" "$co_whole")  (data $(ratio "$dd_data" "$co_data"))"
  echo "events in the ledger at the end: ${final_events}"
  echo "reproduce: cd $root && QC_BENCH_SECONDS=${secs} bench/documents.sh"
  echo "========================================================================="
}
