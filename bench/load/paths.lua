-- Requests a random path from a file per request and counts non-2xx answers (wrk's own error count only
-- sees socket errors and statuses >= 400). Arguments after "--": FILE PREFIX [SUFFIX]
-- Each line of FILE becomes PREFIX .. line .. SUFFIX.
local paths = {}
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  local file, prefix, suffix = args[1], args[2] or "/", args[3] or ""
  for line in io.lines(file) do
    if #line > 0 then table.insert(paths, prefix .. line .. suffix) end
  end
  if #paths == 0 then error("no lines in " .. file) end
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)"), 16) % 100000)
  non2xx = 0
  last_bad = 0
end

function request()
  return wrk.format(nil, paths[math.random(#paths)])
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    last_bad = status
  end
end

function done(summary, latency, requests)
  local bad, status = 0, 0
  for _, t in ipairs(threads) do
    bad = bad + t:get("non2xx")
    if t:get("last_bad") ~= 0 then status = t:get("last_bad") end
  end
  local e = summary.errors
  local socket = e.connect + e.read + e.write + e.timeout
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT requests=%d seconds=%.2f rps=%.1f p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f max_ms=%.2f non2xx=%d bad_status=%d socket_errors=%d\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    bad, status, socket))
end
