-- wrk script for the benchmarks: every request is a reader's page view, with a browser's user
-- agent and a reader cookie, so the visit counters count it as they would a real reader's.
-- Each reader reads PAGES_PER_VISIT pages, then a new reader comes (so visits keep starting).
-- The cookies are ones the portal issued (signed with the benchmark's secret key): READER_COOKIES
-- names a file of them, one a line, written by bench/serving.py for each wrk run. A made-up id
-- would be no cookie to the portal, and every request would be one IP + user agent reader.
local pages_per_visit = tonumber(os.getenv("PAGES_PER_VISIT") or "5")
local cookie_name = os.getenv("COOKIE_NAME") or "reader"
local threads = tonumber(os.getenv("THREADS") or "2")
local cookies = {}
for line in io.lines(os.getenv("READER_COOKIES")) do
  cookies[#cookies + 1] = line
end
local thread_count = 0
thread_number = 0  -- set per thread by setup()
local served = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("thread_number", thread_count)
end

function request()
  served = served + 1
  local reader = math.floor(served / pages_per_visit)
  -- Threads take turns through the list; past its end, readers come back.
  local cookie = cookies[(reader * threads + thread_number - 1) % #cookies + 1]
  return wrk.format("GET", wrk.path, {
    ["Cookie"] = cookie_name .. "=" .. cookie,
    ["User-Agent"] = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
  })
end
