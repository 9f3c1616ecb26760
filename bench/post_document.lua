-- wrk script: POST /api/v1/cases/{id}/documents — one record (DocumentDrafted) per 201.
--
--   QC_TOKEN=<token> QC_DOC_BODY='{"type":"inquiry_record","fields":{...}}' \
--   QC_CASE_PATHS="/api/v1/cases/ID1/documents /api/v1/cases/ID2/documents ..." \
--     wrk -t2 -c16 -d10s -s bench/post_document.lua http://127.0.0.1:PORT
--
-- QC_DOC_BODY (required): the JSON body, sent as is with every request.
-- QC_CASE_PATHS (required): one or more request paths, separated by spaces. Each wrk thread takes
--   its own share of the list (thread k of T = $QC_WRK_THREADS, default 2: the paths k, k+T, k+2T, …
--   — all of them if the list has no more than T paths) and sends its requests round-robin over that share, so with 16 paths and
--   -t2 -c16 the 8 connections of a thread each have, at any moment, (nearly always) a different
--   case. wrk 4 gives a script no connection identity: round-robin per request is the closest to
--   "one case per connection". With a single path every request goes to that case.
-- The Authorization header comes from wrk's -H, or from $QC_TOKEN when -H does not give one.
-- At the end it prints "post_document: responses=N non2xx=M statuses=CODE:N,…" and, if any
-- request failed, the body of the first non-2xx answer (to say why).

local token = os.getenv("QC_TOKEN")
local body = os.getenv("QC_DOC_BODY")
local paths_env = os.getenv("QC_CASE_PATHS")
if not body or body == "" then
  io.stderr:write("post_document.lua: QC_DOC_BODY is not set\n")
  os.exit(2)
end
if not paths_env or paths_env == "" then
  io.stderr:write("post_document.lua: QC_CASE_PATHS is not set\n")
  os.exit(2)
end

local all_paths = {}
for p in string.gmatch(paths_env, "%S+") do
  table.insert(all_paths, p)
end

wrk.method = "POST"
wrk.body = body
wrk.headers["Content-Type"] = "application/json"
if token and token ~= "" and not wrk.headers["Authorization"] then
  wrk.headers["Authorization"] = "Bearer " .. token
end

-- setup() runs in the main Lua state once per thread, before the threads start.
local threads = {}

function setup(thread)
  local k = #threads  -- 0-based thread number
  table.insert(threads, thread)
  thread:set("thread_no", k)
end

-- Per thread (each wrk thread has its own Lua state).
local mine = {}
local next_i = 1
local requests = {}

function init(args)
  responses = 0
  non2xx = 0
  statuses = {}
  first_error = nil
  -- wrk tells a thread its number (setup() above) but not how many threads there are: that comes
  -- from $QC_WRK_THREADS, default 2 (wrk -t2).
  local t = tonumber(os.getenv("QC_WRK_THREADS") or "2") or 2
  local k = thread_no or 0
  if #all_paths <= t then
    mine = all_paths
  else
    for i = k + 1, #all_paths, t do
      table.insert(mine, all_paths[i])
    end
  end
  for i, p in ipairs(mine) do
    requests[i] = wrk.format(nil, p)
  end
  next_i = 1
end

function request()
  local r = requests[next_i]
  next_i = next_i + 1
  if next_i > #requests then next_i = 1 end
  return r
end

function response(status, headers, resp_body)
  responses = responses + 1
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    if not first_error then first_error = status .. " " .. string.sub(resp_body or "", 1, 300) end
  end
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, reqs)
  local total, bad, by_status, err = 0, 0, {}, nil
  for _, t in ipairs(threads) do
    total = total + (t:get("responses") or 0)
    bad = bad + (t:get("non2xx") or 0)
    local s = t:get("statuses") or {}
    for code, n in pairs(s) do
      by_status[code] = (by_status[code] or 0) + n
    end
    err = err or t:get("first_error")
  end
  local codes = {}
  for code, n in pairs(by_status) do
    table.insert(codes, string.format("%d:%d", code, n))
  end
  table.sort(codes)
  io.write(string.format("post_document: responses=%d non2xx=%d statuses=%s\n", total, bad, table.concat(codes, ",")))
  if err then
    io.write("post_document: first error: " .. err .. "\n")
  end
end
