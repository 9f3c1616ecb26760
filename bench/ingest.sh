#!/usr/bin/env bash
# Audio-video ingest benchmark.   bench/ingest.sh
#
# Ingest MB/s of one large file through HTTP on loopback: a tus creation (kind attachment, so the
# libavformat verdict does not matter), then the whole file in ONE PATCH with curl, answered only
# after the server has written, fdatasync'ed, hashed (SHA-256 + SM3), probed and registered it.
# Beside it, in the same run, on the same file and the same disk:
#   openssl dgst -sm3 FILE,  openssl dgst -sha256 FILE,  cp FILE COPY + sync COPY
# (`sync COPY` fsyncs that one file, as the server fdatasyncs its own; a whole-system `sync` would
# also flush whatever other processes have dirtied). Each of the four runs once as a warm-up — fresh
# memory is slow on these machines — and is then measured once.
#
# Then the collection-station agent (`quancheng dock --once`, a station token, 64 MiB PATCHes each
# with its SHA-256, the whole file hashed first, the digest confirmed, the local copy deleted) on
# the same bytes (a hard link in a watched directory), reported against the same baseline.
#
# Targets: ingest time <= 1.3 x the slowest of the three baselines; server peak RSS (VmHWM of the
# server process, reset after the warm-up where the kernel allows) < 100 MiB during the upload.
#
# Everything lives in a temporary directory (the file, its copy, the server's data directory),
# removed at exit, also on failure. Needs the Release build (build/quancheng: ./run.sh or
# scripts/setup.sh release), curl, jq, openssl and numfmt.
#
# Environment:
#   SIZE          size of the test file: bytes, or with a binary suffix (K, M, G); default 2G
#   QC_BENCH_DIR  where the temporary directory is made (its disk is the one measured);
#                 default bench/results (the repository's filesystem)
#   QC_BENCH_CHUNKED=1  send the PATCH body with Transfer-Encoding: chunked instead of
#                 Content-Length (the server at 7a7ef85 refuses a Content-Length above 1 MiB on
#                 every route with 400 malformed_request: its header parser keeps Beast's default
#                 body limit)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

die() { echo "bench: $*" >&2; exit 1; }

size_spec=${SIZE:-2G}
chunked=${QC_BENCH_CHUNKED:-0}
[[ "$chunked" == 0 || "$chunked" == 1 ]] || die "QC_BENCH_CHUNKED must be 0 or 1"
framing=(); framing_label="Content-Length"
if [[ "$chunked" == 1 ]]; then framing=(-H 'Transfer-Encoding: chunked'); framing_label="chunked"; fi
size=$(numfmt --from=iec "$size_spec" 2>/dev/null) || die "SIZE must be a byte count or like 256M, 2G (got '$size_spec')"
[[ "$size" =~ ^[1-9][0-9]*$ ]] || die "SIZE must be positive (got '$size_spec')"

qc="$root/build/quancheng"
[[ -x "$qc" ]] || die "$qc not found — build the Release binary first: ./run.sh or scripts/setup.sh release"
for tool in curl jq openssl numfmt awk; do
  command -v "$tool" >/dev/null || die "'$tool' is not installed (see scripts/apt-packages.txt)"
done

# ---- temporary directory and cleanup -----------------------------------------------------------
parent=${QC_BENCH_DIR:-$root/bench/results}
mkdir -p "$parent"
tmp=$(mktemp -d "$parent/ingest.XXXXXX")
server_pid=""

stop_server() {
  local i
  [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null || return 0
  kill -TERM "$server_pid" 2>/dev/null || true
  for ((i = 0; i < 100; i++)); do
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$server_pid" 2>/dev/null; then
    echo "bench: server pid $server_pid did not stop after SIGTERM, sending SIGKILL" >&2
    kill -KILL "$server_pid" 2>/dev/null || true
  fi
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_server
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

# Room for the file, its copy and the server's copy (staging file, then blob), with some margin.
avail_kb=$(df -Pk "$tmp" | awk 'NR == 2 { print $4 }')
need_kb=$((size * 32 / 10240 + 65536))
((avail_kb > need_kb)) || die "not enough space in $tmp: $((avail_kb / 1024)) MiB free, need about $((need_kb / 1024)) MiB"

disk=$(df -P "$tmp" | awk 'NR == 2 { print $1 " mounted on " $6 }')
fstype=$(df -PT "$tmp" 2>/dev/null | awk 'NR == 2 { print $2 }')
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
mbps() { awk -v n="$size" -v s="$1" 'BEGIN { if (s > 0) printf "%.1f", n / s / 1e6; else print "n/a" }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 > 0) printf "%.2f", a / b; else print "n/a" }'; }

echo "== QuanCheng ingest benchmark ($(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) CPUs, $(uname -r))"
echo "   quancheng: $("$qc" version 2>/dev/null || echo '?'), git $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$root" diff --quiet HEAD -- src 2>/dev/null || echo ' (src has local changes)')"
echo "   file:      $size bytes ($size_spec), sent in one PATCH ($framing_label); work dir $tmp"
echo "   disk:      $disk (${fstype:-?}); $(openssl version)"
echo

# ---- the test file: fast, incompressible, reproducible -----------------------------------------
file="$tmp/file.bin"
t0=$(now)
# AES-128-CTR of zeros with a fixed key: random-looking bytes at several hundred MB/s. openssl dies
# of SIGPIPE when head has enough; that is expected, hence the `|| true` inside the subshell.
(openssl enc -aes-128-ctr -pass pass:quancheng-bench -nosalt </dev/zero 2>/dev/null || true) | head -c "$size" >"$file"
[[ "$(stat -c %s "$file")" == "$size" ]] || die "could not make a $size-byte file"
echo "made the file in $(elapsed "$t0" "$(now)") s"

# ---- data dir and server -----------------------------------------------------------------------
data="$tmp/data"
"$qc" init --data "$data" --demo >"$tmp/init.log" 2>&1 || { cat "$tmp/init.log" >&2; die "quancheng init failed"; }
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

login=$(curl -sS --max-time 30 -H 'Content-Type: application/json' \
  -d '{"username":"officer1","password":"Demo@2026"}' "$base/api/v1/auth/login") || die "login request failed"
token=$(jq -r '.token // empty' <<<"$login")
[[ -n "$token" ]] || die "login as officer1 failed: $login"
auth="Authorization: Bearer $token"

# Two fresh cases of officer1: the warm-up and the measured upload carry the same bytes, and one
# case refuses the same content twice (duplicate_record).
new_case() {
  local r id
  r=$(curl -sS --max-time 30 -H "$auth" -H 'Content-Type: application/json' \
    -d "{\"start_mode\":\"ex_officio\",\"title\":\"导入基准 $1\",\"start_form\":{\"cause\":\"基准测试\"}}" \
    "$base/api/v1/cases") || die "POST /api/v1/cases failed"
  id=$(jq -r '.case.id // empty' <<<"$r")
  [[ -n "$id" ]] || die "could not open a case: $r"
  echo "$id"
}
case_warm=$(new_case warm-up)
case_main=$(new_case measured)
echo "server:  pid $server_pid on $base; officer1 logged in; cases $case_warm, $case_main"
echo

b64() { printf '%s' "$1" | base64 -w0; }

# ingest CASE_ID TAG: creates the upload, sends the whole file in one PATCH; prints "SECONDS UPLOAD_PATH".
ingest() {
  local case_id=$1 tag=$2 meta loc code t
  meta="filename $(b64 "ingest-$tag.bin"),filetype $(b64 application/octet-stream),kind $(b64 attachment),case_id $(b64 "$case_id")"
  code=$(curl -sS --max-time 60 -o "$tmp/create.$tag.body" -D "$tmp/create.$tag.headers" -w '%{http_code}' \
    -X POST -H "$auth" -H 'Tus-Resumable: 1.0.0' -H "Upload-Length: $size" -H "Upload-Metadata: $meta" \
    "$base/api/v1/uploads/") || die "tus creation request failed"
  [[ "$code" == 201 ]] || die "tus creation answered $code: $(cat "$tmp/create.$tag.body")"
  loc=$(tr -d '\r' <"$tmp/create.$tag.headers" | sed -n 's/^[Ll]ocation: //p' | head -n 1)
  [[ -n "$loc" ]] || die "tus creation gave no Location"
  # curl's time_total runs from the start of the transfer to the end of the answer — which the
  # server sends after the last fdatasync, the digests, the probe and the registration. The file is
  # streamed from disk (--upload-file), as a collection station would send it.
  t=$(curl -sS --max-time 7200 -o "$tmp/patch.$tag.body" -D "$tmp/patch.$tag.headers" \
    -w '%{http_code} %{time_total}' -X PATCH -H "$auth" -H 'Tus-Resumable: 1.0.0' -H 'Expect:' \
    -H 'Content-Type: application/offset+octet-stream' -H 'Upload-Offset: 0' "${framing[@]}" \
    --upload-file "$file" "$base$loc") || die "PATCH request failed"
  [[ "${t%% *}" == 204 ]] || die "PATCH answered ${t%% *}: $(cat "$tmp/patch.$tag.body")"
  tr -d '\r' <"$tmp/patch.$tag.headers" | grep -q '^Upload-Registration: registered; record=' ||
    die "the upload was not registered: $(tr -d '\r' <"$tmp/patch.$tag.headers" | grep -i '^upload-' | tr '\n' ' ')"
  echo "$(awk -v t="${t#* }" 'BEGIN { printf "%.3f", t }') $loc"
}

# time_cmd CMD...: runs the command, prints its wall time in seconds.
time_cmd() {
  local t0
  t0=$(now)
  "$@" >/dev/null
  elapsed "$t0" "$(now)"
}
copy_sync() {
  rm -f "$tmp/copy.bin"
  cp "$file" "$tmp/copy.bin"
  sync "$tmp/copy.bin"
}

rss_kib() { awk -v k="$1:" '$1 == k { print $2 }' "/proc/$server_pid/status"; }

# ---- warm-up -----------------------------------------------------------------------------------
echo "== warm-up (not counted)"
w_sm3=$(time_cmd openssl dgst -sm3 "$file")
w_sha=$(time_cmd openssl dgst -sha256 "$file")
w_cp=$(time_cmd copy_sync)
out=$(ingest "$case_warm" warm)  # a failure inside ingest ends the script here (set -e)
read -r w_ing _ <<<"$out"
echo "   sm3 ${w_sm3} s, sha256 ${w_sha} s, cp+sync ${w_cp} s, ingest ${w_ing} s"
rm -f "$tmp/copy.bin"
echo

# ---- measured ----------------------------------------------------------------------------------
echo "== measured"
sm3_s=$(time_cmd openssl dgst -sm3 "$file")
sha_s=$(time_cmd openssl dgst -sha256 "$file")
cp_s=$(time_cmd copy_sync)
rm -f "$tmp/copy.bin"
idle_rss=$(rss_kib VmRSS)
# Reset the peak-RSS counter so VmHWM covers the measured upload only (Linux clear_refs "5").
hwm_reset="reset before the upload"
echo 5 >"/proc/$server_pid/clear_refs" 2>/dev/null || hwm_reset="since server start, warm-up upload included"
out=$(ingest "$case_main" main)
read -r ing_s loc <<<"$out"
hwm=$(rss_kib VmHWM)

# The server's digests must be the baselines' (checked outside the timings).
up=$(curl -sS --max-time 30 -H "$auth" "$base$loc")
srv_sha=$(jq -r '.sha256' <<<"$up")
srv_sm3=$(jq -r '.sm3' <<<"$up")
ref_sha=$(openssl dgst -sha256 -r "$file" | awk '{ print $1 }')
ref_sm3=$(openssl dgst -sm3 -r "$file" | awk '{ print $1 }')
[[ "$srv_sha" == "$ref_sha" && "$srv_sm3" == "$ref_sm3" ]] ||
  die "digest mismatch: server sha256 $srv_sha sm3 $srv_sm3, openssl sha256 $ref_sha sm3 $ref_sm3"

# ---- the collection-station agent on the same bytes ----------------------------------------------
admin=$(curl -sS --max-time 30 -H 'Content-Type: application/json' \
  -d '{"username":"admin","password":"Demo@2026"}' "$base/api/v1/auth/login" | jq -r '.token // empty')
[[ -n "$admin" ]] || die "login as admin failed"
unit=$(jq -r '.user.unit_id' <<<"$login")
curl -sS --max-time 30 -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
  -d '{"serial":"BENCH-0001","model":"bench","officer_id":"officer1"}' "$base/api/v1/devices" >/dev/null
curl -sS --max-time 30 -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
  -d "{\"name\":\"基准采集站\",\"location\":\"bench\",\"unit_id\":\"$unit\"}" "$base/api/v1/stations" |
  jq -r '.token // empty' >"$tmp/station.token"
[[ -s "$tmp/station.token" ]] || die "could not register a collection station"
case_dock=$(new_case dock)
mkdir -p "$tmp/cam"
ln "$file" "$tmp/cam/dock.bin"
t0=$(now)
"$qc" dock --watch "$tmp/cam" --server "$base" --device BENCH-0001 --token-file "$tmp/station.token" \
  --state "$tmp/dock-state" --case "$case_dock" --act other --parties-informed true --settle 0 --once \
  >"$tmp/dock.log" 2>&1 || die "quancheng dock failed: $(tail -n 5 "$tmp/dock.log")"
dock_s=$(elapsed "$t0" "$(now)")
[[ ! -e "$tmp/cam/dock.bin" ]] || die "quancheng dock left the file in place"
grep -q "$ref_sha（与服务器一致）" "$tmp/dock.log" || die "quancheng dock did not confirm the digest: $(tail -n 5 "$tmp/dock.log")"

slowest=$(printf '%s\n' "$sm3_s" "$sha_s" "$cp_s" | sort -g | tail -n 1)
row() { printf '  %-34s %9s %10s %9s\n' "$1" "$2" "$(mbps "$2")" "$(ratio "$2" "$slowest")"; }
ing_ratio=$(ratio "$ing_s" "$slowest")
hwm_mib=$(awk -v k="$hwm" 'BEGIN { printf "%.1f", k / 1024 }')
verdict() { awk -v v="$1" -v t="$2" 'BEGIN { print (v + 0 <= t + 0) ? "met" : "NOT met" }'; }

cat <<SUMMARY

================================ summary ================================
file: $size bytes ($size_spec), disk: $disk
MB = 10^6 bytes; ratio = seconds ÷ the slowest baseline (${slowest} s)
                                       seconds       MB/s     ratio
$(row "openssl dgst -sm3 FILE" "$sm3_s")
$(row "openssl dgst -sha256 FILE" "$sha_s")
$(row "cp FILE + sync" "$cp_s")
$(row "ingest: one tus PATCH ($framing_label)" "$ing_s")
$(row "quancheng dock --once (64 MiB PATCHes)" "$dock_s")
ingest ratio ${ing_ratio} (target <= 1.30: $(verdict "$ing_ratio" 1.30))
server RSS: ${idle_rss} KiB before the upload; peak (VmHWM, ${hwm_reset}) ${hwm} KiB = ${hwm_mib} MiB (target < 100 MiB: $(verdict "$hwm_mib" 99.99))
digests: the server's SHA-256 and SM3 equal openssl's
=========================================================================
SUMMARY
