#!/usr/bin/env bash
# Runs every test suite: the same set-up as run.sh (packages, Release build, web/dist), then the
# sanitizer build (AddressSanitizer + UndefinedBehaviorSanitizer) with the unit and integration tests,
# then the browser tests (Debian's Chromium, installed when missing) and a Release smoke test.
# Ends with one summary line "N passed, N failed"; exits non-zero on any failure.
set -uo pipefail
root=$(cd "$(dirname "$0")" && pwd)
cd "$root"

# Each part's wall time, printed as it ends and again at the close.
times=()
part_start=$SECONDS
part_done() { local t=$((SECONDS - part_start)); times+=("$1 ${t}s"); echo "-- $1: ${t} s"; part_start=$SECONDS; }

scripts/setup.sh release test || { echo "0 passed, 1 failed (build)"; exit 1; }
part_done "set-up and build"

passed=0
failed=0
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT

# The layers a compiler does not enforce (SQL only in src/store, blob paths only in src/blob).
echo "== layers"
if scripts/check-layers.sh; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
# The C++ style of .clang-format (clang-format-14 comes with the test packages).
echo "== format"
if scripts/apt-install.sh scripts/apt-packages-test.txt && scripts/check-format.sh; then
  passed=$((passed + 1))
else
  failed=$((failed + 1))
fi

# A gtest binary: count its tests from its own summary lines.
run_gtest() {
  local name=$1; shift
  echo "== $name"
  "$@" --gtest_color=no >"$logs/$name.log" 2>&1
  local rc=$?
  grep -E '^\[  (FAILED|PASSED) |^\[==========\]' "$logs/$name.log" | tail -n 5
  local p f
  p=$(grep -oE '^\[  PASSED  \] [0-9]+' "$logs/$name.log" | grep -oE '[0-9]+$' || echo 0)
  # Each failing test once: gtest names it twice (as it runs and in the closing list), and says how
  # many in "[  FAILED  ] N tests, listed below:".
  f=$(grep -oE '^\[  FAILED  \] [0-9]+ tests?, listed below' "$logs/$name.log" | grep -oE '[0-9]+' | head -n 1 || true)
  if [[ $rc -ne 0 && ${f:-0} -eq 0 ]]; then
    f=1  # crashed (a sanitizer report, a signal) before gtest could count
    tail -n 60 "$logs/$name.log"
  elif [[ ${f:-0} -gt 0 ]]; then
    grep -B 30 -E '^\[  FAILED  \] [A-Za-z_0-9]+\.' "$logs/$name.log" | head -n 200
  fi
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
}

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
run_gtest unit build-test/tests/unit_tests
part_done "unit"
run_gtest integration build-test/tests/integration_tests
part_done "integration"

# The web application in Debian's Chromium (playwright-core) against the Release server.
echo "== web (browser)"
if scripts/apt-install.sh scripts/apt-packages-test.txt && scripts/setup-web.sh; then
  node --test --test-reporter=tap tests/e2e/*.test.mjs >"$logs/e2e.log" 2>&1
  rc=$?
  # Leaf tests only: node's "# pass"/"# fail" count a test and every test enclosing it. In TAP a
  # test's subtests come just before its own result line, indented deeper: a result line preceded by
  # a deeper one closes a suite and is not counted.
  read -r p f < <(awk '/^ *(ok|not ok) [0-9]+/ { match($0, /^ */); d = RLENGTH
                      if (!(seen && pd > d)) { if ($0 ~ /^ *not ok/) f++; else p++ }
                      pd = d; seen = 1 }
                      END { print p + 0, f + 0 }' "$logs/e2e.log")
  [[ $rc -ne 0 && ${f:-0} -eq 0 ]] && f=1
  # Each failure with its error block (the log goes with the temporary directory).
  if [[ ${f:-0} -gt 0 ]]; then awk '/^ *not ok [0-9]+/ { show = 40 } show > 0 { print; show-- }' "$logs/e2e.log"; fi
  grep -E '^# (tests|pass|fail)' "$logs/e2e.log"
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
else
  failed=$((failed + 1)); echo "web: set-up FAILED"
fi

part_done "browser"

# The Release binary that run.sh serves: set up a demo data directory and answer a health check.
echo "== release smoke"
smoke=$(mktemp -d)
smoke_ok=0
if build/quancheng init --data "$smoke/data" --demo >/dev/null; then
  build/quancheng serve --data "$smoke/data" --port 0 >"$smoke/serve.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 100); do grep -q "listening on" "$smoke/serve.log" && break; sleep 0.1; done
  port=$(grep -oE 'listening on http://127.0.0.1:[0-9]+' "$smoke/serve.log" | grep -oE '[0-9]+$')
  [[ -n "$port" ]] && curl -fsS "http://127.0.0.1:$port/api/v1/health" | grep -q '"ok"' &&
    curl -fsS "http://127.0.0.1:$port/cases" | grep -q '<div id="app"' && smoke_ok=1
  kill -TERM "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null || smoke_ok=0
fi
if [[ $smoke_ok -eq 1 ]]; then
  passed=$((passed + 1)); echo "release smoke: ok"
else
  failed=$((failed + 1)); echo "release smoke: FAILED"; cat "$smoke/serve.log" 2>/dev/null
fi
rm -rf "$smoke"

part_done "release smoke"
echo
echo "times: ${times[*]}"
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
