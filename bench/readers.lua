-- wrk script for the benchmarks: every request is a reader's page view, with a browser's user
-- agent and a reader cookie, so the visit counters count it as they would a real reader's.
-- Each reader reads PAGES_PER_VISIT pages, then a new reader comes (so visits keep starting).
-- Reader ids are 22 characters, the shape of the portal's cookie ids.
local pages_per_visit = tonumber(os.getenv("PAGES_PER_VISIT") or "5")
local cookie_name = os.getenv("COOKIE_NAME") or "reader"
-- One letter per wrk run, so that readers of a later run are new readers.
local run_letter = os.getenv("READER_PREFIX") or "r"
local threads = 0
thread_number = 0  -- set per thread by setup()
local served = 0

function setup(thread)
  threads = threads + 1
  thread:set("thread_number", threads)
end

function request()
  served = served + 1
  local reader = math.floor(served / pages_per_visit)
  local id = string.format("%s%02d%019d", run_letter, thread_number, reader)
  return wrk.format("GET", wrk.path, {
    ["Cookie"] = cookie_name .. "=" .. id,
    ["User-Agent"] = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
  })
end
