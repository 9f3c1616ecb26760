-- wrk script: POST /api/v1/cases with a complaint case (records exactly one CaseOpened event per 201).
--
--   QC_TOKEN=<token> wrk -t2 -c16 -d10s -s bench/post_case.lua http://127.0.0.1:PORT/api/v1/cases
--   wrk ... -H "Authorization: Bearer <token>" -s bench/post_case.lua http://127.0.0.1:PORT/api/v1/cases
--
-- The Authorization header comes from wrk's -H, or from $QC_TOKEN when -H does not give one.
-- At the end it prints "post_case: responses=N non2xx=M" and the count per status code.

local token = os.getenv("QC_TOKEN")

wrk.method = "POST"
wrk.path = "/api/v1/cases"  -- used when the URL given to wrk has no path
wrk.body = '{"start_mode":"complaint","title":"bench complaint",' ..
           '"complaint":{"channel":"phone","content":"benchmark complaint: noise from a construction site at night"}}'
wrk.headers["Content-Type"] = "application/json"
if token and token ~= "" and not wrk.headers["Authorization"] then
  wrk.headers["Authorization"] = "Bearer " .. token
end

-- Per-thread counters (each wrk thread has its own Lua state); done() sums them.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  responses = 0
  non2xx = 0
  statuses = {}
end

function response(status, headers, body)
  responses = responses + 1
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  end
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total, bad, by_status = 0, 0, {}
  for _, t in ipairs(threads) do
    total = total + (t:get("responses") or 0)
    bad = bad + (t:get("non2xx") or 0)
    local s = t:get("statuses") or {}
    for code, n in pairs(s) do
      by_status[code] = (by_status[code] or 0) + n
    end
  end
  local codes = {}
  for code, n in pairs(by_status) do
    table.insert(codes, string.format("%d:%d", code, n))
  end
  table.sort(codes)
  io.write(string.format("post_case: responses=%d non2xx=%d statuses=%s\n", total, bad, table.concat(codes, ",")))
end
