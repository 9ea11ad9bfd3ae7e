"""Distinct mode of `make bench`: each page family is loaded with a rotating list of different
addresses built from the bench data, so caches of answers cannot hide the work.

Apps declare families in their bench module as `BENCH_FAMILIES`: a function returning
`Family` objects (at least `MIN_DISTINCT` paths each), and their targets as
`BENCH_DISTINCT_TARGETS`. The load tool (wrk) cycles through the list with a Lua script; every
wrk thread starts at a different place in it.

Django and the portal are imported inside the functions: the runner sets the environment
(database, production settings) before they may be loaded.
"""

import random
import statistics
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

MIN_DISTINCT = 400
# How many first-time requests are timed one by one, on an idle server, per family.
FIRST_TIME_SAMPLES = 20


@dataclass(frozen=True)
class Family:
    name: str
    paths: tuple[str, ...]
    # False, True (the bench login user) or the e-mail of another bench user.
    needs_login: bool | str = False
    # When each request signs in as a user of its own (a rotating list of learners): one
    # e-mail per path, so the same address is asked by many different users.
    logins: tuple[str, ...] = ()

    def visits(self):
        """(path, login) of every request in the rotation."""
        if self.logins:
            return list(zip(self.paths, self.logins, strict=True))
        return [(path, self.needs_login) for path in self.paths]


def family(name, paths, needs_login=False):
    """A family from any iterable of paths: duplicates dropped, order kept, ASCII-encoded."""
    unique = dict.fromkeys(_ascii(path) for path in paths)
    return Family(name, tuple(unique), needs_login)


def users_family(name, path, emails):
    """A family asking one address as each of the users `emails` (duplicates dropped): a page
    whose answer differs per user, such as «Моё обучение», loaded for many learners."""
    unique = tuple(dict.fromkeys(emails))
    return Family(name, (_ascii(path),) * len(unique), True, unique)


def _ascii(path):
    return quote(path, safe="/?=&+%:")


def sampled(queryset, count, seed):
    """`count` rows of `queryset` picked at random but the same in every run (by `seed`), in
    primary key order: runs of the same code ask the same addresses and compare."""
    ids = list(queryset.order_by("pk").values_list("pk", flat=True))
    chosen = random.Random(seed).sample(ids, min(count, len(ids)))
    return queryset.filter(pk__in=chosen).order_by("pk")


def query_path(prefix, words):
    return prefix + "+".join(quote(word) for word in words)


def word_pairs(texts, count, seed=7, min_length=5):
    """Distinct pairs of long words taken from texts: the kind of two-word query a reader would
    type about what the text says. One pair of neighbours a text first, spread over the texts;
    when the texts repeat their words (generated ones do), the other neighbours of the same
    texts, then words two and three apart in them."""
    rng = random.Random(seed)
    pairs = {}
    texts = [_long_words(text, min_length) for text in texts]
    texts = [words for words in texts if len(words) >= 2]
    passes = [(_one_start, 1), (_every_start, 1), (_every_start, 2), (_every_start, 3)]
    for starts, apart in passes:
        for words in texts:
            for start in starts(words, rng, apart):
                pairs.setdefault((words[start], words[start + apart]), None)
                if len(pairs) >= count:
                    return list(pairs)
    return list(pairs)


def _long_words(text, min_length):
    words = [word.strip('.,;:()«»"!?').lower() for word in text.split()]
    return [word for word in words if len(word) >= min_length and word.isalpha()]


def _one_start(words, rng, apart):
    return [rng.randrange(len(words) - apart)]


def _every_start(words, rng, apart):
    starts = range(max(len(words) - apart, 0))
    return rng.sample(starts, len(starts))


def lua_script(name, paths, work_dir: Path, cookies=(), threads=1) -> Path:
    """A wrk script that sends every path once: each of the `threads` takes its own share of
    the list and stops when its share is answered, so no answer cached by an earlier request
    of the same address is counted. wrk waits out its duration all the same and reports the
    rate over it; the script prints the rate over the time the requests took, from the first
    request to the last answer (`Distinct requests/sec`, read by `bench.load.parse_wrk`).

    Headers given to wrk on the command line (the session cookie) go with every request, unless
    `cookies` gives each path a cookie of its own (then sent instead of wrk's headers)."""
    listed = ",\n".join(f'  "{path}"' for path in paths)
    request = 'wrk.format("GET", paths[i])'
    if cookies:
        listed += "\n}\nlocal cookies = {\n" + ",\n".join(f'  "{cookie}"' for cookie in cookies)
        request = 'wrk.format("GET", paths[i], {["Cookie"] = cookies[i]})'
    script = f"""local paths = {{
{listed}
}}
local threads = {threads}
local ffi = require("ffi")
ffi.cdef[[
typedef struct {{ long seconds; long nanoseconds; }} bench_time;
int clock_gettime(int clock, bench_time *time);
]]
local function now()
  local time = ffi.new("bench_time")
  ffi.C.clock_gettime(1, time)
  return tonumber(time.seconds) + tonumber(time.nanoseconds) / 1e9
end
local counter = 0
local running = {{}}
function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(running, thread)
end
function init(args)
  local share = math.ceil(#paths / threads)
  first = (id - 1) * share + 1
  last = math.min(id * share, #paths)
  index, answered, started, finished = first - 1, 0, 0, 0
  -- wrk asks the first thread for one request before the load, only to check the script.
  checked = id ~= 1
end
local function ask(i)
  return {request}
end
function request()
  if not checked then
    checked = true
    return ask(first)
  end
  if started == 0 then started = now() end
  -- A connection asking after the share is sent repeats its last path; the thread stops as
  -- soon as the share is answered, so at most a connection or two of those are counted.
  if index < last then index = index + 1 end
  return ask(index)
end
function response(status, headers, body)
  answered = answered + 1
  if answered >= last - first + 1 then
    finished = now()
    wrk.thread:stop()
  end
end
function done(summary, latency, requests)
  local began, ended, count = math.huge, 0, 0
  for _, thread in ipairs(running) do
    local started, finished = thread:get("started"), thread:get("finished")
    if started > 0 then
      began = math.min(began, started)
      -- A thread still busy when wrk's duration ran out ended with it.
      if finished == 0 then finished = started + summary.duration / 1e6 end
      ended = math.max(ended, finished)
      count = count + thread:get("answered")
    end
  end
  if ended > began then
    io.write(string.format("Distinct requests/sec: %.2f\\n", count / (ended - began)))
  end
end
"""
    work_dir.mkdir(parents=True, exist_ok=True)
    slug = "".join(char if char.isascii() and char.isalnum() else "-" for char in name)
    path = work_dir / f"distinct-{slug}.lua"
    path.write_text(script)
    return path


def first_time_ms(visits, samples=FIRST_TIME_SAMPLES):
    """Median and worst time of single requests to addresses nobody asked before (the test
    client, one at a time, before any load): what one user waits for a query of their own.
    `visits`: (client, path) pairs."""
    timings = []
    statuses = set()
    for client, path in visits[-samples:]:
        started = time.perf_counter()
        response = client.get(path)
        timings.append((time.perf_counter() - started) * 1000)
        statuses.add(response.status_code)
    return statistics.median(timings), max(timings), statuses


def registered_families(apps=None):
    """Every app's page families, or those of `apps` only (a set of app names)."""
    from portal.bench import bench_modules

    families = []
    for module in bench_modules(apps):
        build = getattr(module, "BENCH_FAMILIES", None)
        if build is not None:
            families += build()
    return families


def registered_distinct_targets(apps=None):
    from portal.bench import bench_modules

    targets = {}
    for module in bench_modules(apps):
        targets.update(getattr(module, "BENCH_DISTINCT_TARGETS", {}))
    return targets


def registered_first_time_targets(apps=None):
    """{family name: ms}: the median first-time answer each family must stay under."""
    from portal.bench import bench_modules

    targets = {}
    for module in bench_modules(apps):
        targets.update(getattr(module, "BENCH_FIRST_TIME_MS", {}))
    return targets
