#!/usr/bin/env bash
# QuanCheng benchmarks.   bench/run.sh
#
#  (a) SQLite baseline: one row per WAL transaction, synchronous=FULL, on the disk of the data dir;
#  (b) POST /api/v1/cases with wrk -t2 -c16: durable events/s counted in the events table, on an
#      empty database and again after QC_BENCH_CASES cases (an O(n) write shows as a falling rate);
#  (c) GET /api/v1/cases/{id} with wrk -t2 -c64 --latency, against nginx serving a 1 KiB static file.
# Everything runs on loopback, in a temporary directory under bench/results/ (same filesystem as the
# repository), removed at the end, also on failure. Needs the Release build (./run.sh or
# scripts/setup.sh release) and build/bench/bench_sqlite_baseline
# (cmake --build build --target bench_sqlite_baseline).
#
# Environment: QC_BENCH_SECONDS (default 10) — duration of each measurement; QC_BENCH_CASES (default
# 100000) — the cases in the database for the second write measurement.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

secs=${QC_BENCH_SECONDS:-10}
[[ "$secs" =~ ^[1-9][0-9]*$ ]] || { echo "bench: QC_BENCH_SECONDS must be a positive integer" >&2; exit 2; }

qc="$root/build/quancheng"
baseline="$root/build/bench/bench_sqlite_baseline"
nginx_bin=/usr/sbin/nginx

die() { echo "bench: $*" >&2; exit 1; }

# ---- prerequisites -----------------------------------------------------------------------------
[[ -x "$qc" ]] || die "$qc not found — build the Release binary first: ./run.sh or scripts/setup.sh release"
[[ -x "$baseline" ]] || die "$baseline not found — build it: scripts/setup.sh release (QC_BENCH=ON), then
       cmake --build build --target bench_sqlite_baseline"
for tool in wrk curl jq sqlite3 awk ss; do
  command -v "$tool" >/dev/null || die "'$tool' is not installed (see scripts/apt-packages.txt)"
done
[[ -x "$nginx_bin" ]] || die "$nginx_bin not found (apt-get install nginx-light)"

# ---- temporary directory and cleanup -----------------------------------------------------------
mkdir -p "$root/bench/results"
tmp=$(mktemp -d "$root/bench/results/run.XXXXXX")
server_pid="" nginx_pid=""

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
  trap - EXIT INT TERM
  stop_pid "$nginx_pid" QUIT
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

disk=$(df -P "$tmp" | awk 'NR == 2 { print $1 " mounted on " $6 }')
fstype=$(df -PT "$tmp" 2>/dev/null | awk 'NR == 2 { print $2 }')

# A free loopback port (bounded attempts).
free_port() {
  local p i
  for ((i = 0; i < 100; i++)); do
    p=$((20000 + RANDOM % 40000))
    if [[ -z "$(ss -Hltn "sport = :$p" 2>/dev/null)" ]]; then echo "$p"; return 0; fi
  done
  die "no free port found"
}

# wrk duration strings ("812.00us", "3.21ms", "1.02s", "2.00m") to milliseconds.
to_ms() {
  awk -v v="$1" 'BEGIN {
    n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
    if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000; else if (u != "ms") n = -1
    printf "%.3f", n }'
}
wrk_rps() { awk '/^Requests\/sec:/ { print $2 }' "$1"; }
wrk_p99() { to_ms "$(awk '$1 == "99%" { print $2 }' "$1")"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 > 0) printf "%.2f", a / b; else print "n/a" }'; }
now() { date +%s.%N; }

echo "== QuanCheng benchmarks ($(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) CPUs, ${secs} s per measurement)"
echo "   quancheng: $("$qc" version 2>/dev/null || echo '?'), git $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$root" diff --quiet HEAD -- src 2>/dev/null || echo ' (src has local changes)')"
echo "   work dir:  $tmp"
echo "   disk:      $disk (${fstype:-?}) — used by both the SQLite baseline and the server's data dir"
echo

# ---- data dir and server -----------------------------------------------------------------------
data="$tmp/data"
"$qc" init --data "$data" --demo >"$tmp/init.log" 2>&1 || { cat "$tmp/init.log" >&2; die "quancheng init failed"; }
db="$data/quancheng.db"
[[ -s "$db" ]] || die "$db missing after init"

# --port 0: the server binds a free port itself and prints "QuanCheng listening on http://A:P".
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

login=$(curl -sS --max-time 30 -H 'Content-Type: application/json' \
  -d '{"username":"officer1","password":"Demo@2026"}' "$base/api/v1/auth/login") || die "login request failed"
token=$(jq -r '.token // empty' <<<"$login")
[[ -n "$token" ]] || die "login as officer1 failed: $login"
auth="Authorization: Bearer $token"
echo "login:   officer1 ok"
echo

count_events() { sqlite3 -cmd ".timeout 10000" "$db" "SELECT COUNT(*) FROM events;"; }

# ---- (a) SQLite baseline -----------------------------------------------------------------------
echo "== (a) SQLite baseline: 1 row (300 B blob + integer key) per transaction, WAL, synchronous=FULL, ${secs} s"
"$baseline" --dir "$tmp" --seconds "$secs" | tee "$tmp/baseline.txt"
sqlite_rps=$(sed -n 's/^rows_per_sec=//p' "$tmp/baseline.txt")
[[ -n "$sqlite_rps" ]] || die "baseline printed no rows_per_sec"
echo

# ---- (b) POST /api/v1/cases, on an empty database and after QC_BENCH_CASES cases ----------------
# A write that gets slower with every case (an O(n) lookup inside the single writer) shows here as a
# falling rate: the second run must stay within 20 % of the first.
count_cases() { sqlite3 -cmd ".timeout 10000" "$db" "SELECT COUNT(*) FROM cases;"; }
measure_post() {  # measure_post LABEL: sets events_ps, post_rps, post_non2xx, post_events, post_elapsed
  local label=$1 before after t0 t1 n
  echo "== (b) POST /api/v1/cases $label (complaint case, 1 CaseOpened event each): wrk -t2 -c16 -d${secs}s"
  before=$(count_events)
  t0=$(now)
  QC_TOKEN="$token" wrk -t2 -c16 -d"${secs}s" --timeout 10s -s "$root/bench/post_case.lua" \
    "$base/api/v1/cases" | tee "$tmp/wrk_post.txt"
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
  post_elapsed=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
  post_events=$((after - before))
  events_ps=$(awk -v n="$post_events" -v d="$post_elapsed" 'BEGIN { printf "%.1f", n / d }')
  post_rps=$(wrk_rps "$tmp/wrk_post.txt")
  post_non2xx=$(sed -n 's/^post_case: .*non2xx=\([0-9]*\).*/\1/p' "$tmp/wrk_post.txt")
  echo "events:  $before -> $after (+$post_events) in ${post_elapsed} s wall = ${events_ps} durable events/s"
  echo "ratio:   events/s ÷ SQLite 1-row-per-commit rows/s = $(ratio "$events_ps" "$sqlite_rps")"
  echo
}

measure_post "on an empty database ($(count_cases) cases)"
empty_events_ps=$events_ps empty_post_rps=$post_rps empty_non2xx=$post_non2xx
empty_post_events=$post_events empty_post_elapsed=$post_elapsed

fill_to=${QC_BENCH_CASES:-100000}
echo "== filling the database to $fill_to cases (wrk -t2 -c16, unmeasured)"
fill_t0=$(now)
for ((round = 0; round < 200; round++)); do
  have=$(count_cases)
  ((have >= fill_to)) && break
  QC_TOKEN="$token" wrk -t2 -c16 -d20s --timeout 10s -s "$root/bench/post_case.lua" "$base/api/v1/cases" >/dev/null
done
echo "filled:  $(count_cases) cases in $(awk -v a="$fill_t0" -v b="$(now)" 'BEGIN { printf "%.0f", b - a }') s"
echo
measure_post "after $(count_cases) cases"
full_events_ps=$events_ps

# ---- (c) GET /api/v1/cases/{id} vs nginx -------------------------------------------------------
case_id=$(curl -sS --max-time 30 -H "$auth" "$base/api/v1/cases?page_size=1" | jq -r '.items[0].id // empty')
[[ -n "$case_id" ]] || die "no case id from GET /api/v1/cases"
get_url="$base/api/v1/cases/$case_id"
get_status=$(curl -sS --max-time 30 -o "$tmp/case.json" -w '%{http_code}' -H "$auth" "$get_url")
[[ "$get_status" == 200 ]] || die "GET $get_url answered $get_status"
get_bytes=$(wc -c <"$tmp/case.json")

echo "== (c1) GET /api/v1/cases/$case_id ($get_bytes B body): wrk -t2 -c64 -d${secs}s --latency"
wrk -t2 -c64 -d"${secs}s" --latency --timeout 10s -H "$auth" "$get_url" | tee "$tmp/wrk_get.txt"
get_rps=$(wrk_rps "$tmp/wrk_get.txt")
get_p99=$(wrk_p99 "$tmp/wrk_get.txt")
get_bad=$(awk '/^  Non-2xx or 3xx responses:/ { print $5 }' "$tmp/wrk_get.txt")
echo

# nginx: private prefix and config, daemon off (backgrounded here), no access log, 1 KiB static file.
ng="$tmp/nginx"
mkdir -p "$ng/www" "$ng/tmp" "$ng/logs"
head -c 1024 /dev/zero | tr '\0' 'q' >"$ng/www/static.txt"
ng_port=$(free_port)
cat >"$ng/nginx.conf" <<CONF
daemon off;
user $(id -un) $(id -gn);
worker_processes auto;
pid $ng/nginx.pid;
error_log $ng/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  keepalive_timeout 65;
  default_type text/plain;
  client_body_temp_path $ng/tmp/body;
  proxy_temp_path $ng/tmp/proxy;
  fastcgi_temp_path $ng/tmp/fastcgi;
  uwsgi_temp_path $ng/tmp/uwsgi;
  scgi_temp_path $ng/tmp/scgi;
  server {
    listen 127.0.0.1:$ng_port;
    root $ng/www;
  }
}
CONF
"$nginx_bin" -p "$ng" -c "$ng/nginx.conf" -e "$ng/logs/error.log" >"$ng/logs/stdout.log" 2>&1 &
nginx_pid=$!
ng_url="http://127.0.0.1:$ng_port/static.txt"
ok=""
for ((i = 0; i < 100; i++)); do
  if [[ "$(curl -s --max-time 2 -o /dev/null -w '%{http_code}' "$ng_url" || true)" == 200 ]]; then ok=1; break; fi
  kill -0 "$nginx_pid" 2>/dev/null || { cat "$ng/logs/"*.log >&2 || true; die "nginx exited early"; }
  sleep 0.1
done
[[ -n "$ok" ]] || die "nginx did not answer on $ng_url within 10 s"

echo "== (c2) nginx $("$nginx_bin" -v 2>&1 | sed 's|.*/||') static 1 KiB file (worker_processes auto, access_log off): wrk -t2 -c64 -d${secs}s --latency"
wrk -t2 -c64 -d"${secs}s" --latency --timeout 10s -H "$auth" "$ng_url" | tee "$tmp/wrk_nginx.txt"
ng_rps=$(wrk_rps "$tmp/wrk_nginx.txt")
ng_p99=$(wrk_p99 "$tmp/wrk_nginx.txt")
stop_pid "$nginx_pid" QUIT
nginx_pid=""
echo

# ---- (d) stop the server -----------------------------------------------------------------------
stop_pid "$server_pid" TERM
server_pid=""
final_events=$(count_events)

pct() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 > 0) printf "%.0f%%", 100 * a / b; else print "n/a" }'; }
cat <<SUMMARY
================================ summary ================================
disk (data dir + SQLite baseline): $disk
SQLite baseline, 1 row/commit, WAL, sync=FULL: ${sqlite_rps} rows/s
POST /api/v1/cases (wrk -t2 -c16, ${secs}s), on an empty database:
  durable events/s (events table)  ${empty_events_ps}   (+${empty_post_events} events in ${empty_post_elapsed} s; target >= 5000/s)
  wrk requests/s                   ${empty_post_rps}
  non-2xx responses                ${empty_non2xx:-?}
  events/s ÷ SQLite baseline       $(ratio "$empty_events_ps" "$sqlite_rps")
POST /api/v1/cases after ${fill_to} cases:
  durable events/s (events table)  ${full_events_ps}   (non-2xx ${post_non2xx:-?})
  rate after ÷ rate empty          $(ratio "$full_events_ps" "$empty_events_ps") (target >= 0.80)
GET /api/v1/cases/{id} vs nginx 1 KiB static (wrk -t2 -c64 --latency, ${secs}s):
  QuanCheng req/s / p99            ${get_rps} / ${get_p99} ms   (non-2xx: ${get_bad:-0}, body ${get_bytes} B)
  nginx     req/s / p99            ${ng_rps} / ${ng_p99} ms
  req/s ratio QuanCheng ÷ nginx    $(ratio "$get_rps" "$ng_rps") ($(pct "$get_rps" "$ng_rps"); target >= 50%)
  p99 ratio   QuanCheng ÷ nginx    $(ratio "$get_p99" "$ng_p99") (target <= 2)
events in the ledger at the end: ${final_events}
=========================================================================
SUMMARY
