"""Benchmark: what the visit counters cost on the article page, counters on against off.

Migrates a throwaway database, creates a few articles, serves the portal with gunicorn on
127.0.0.1 twice (2 workers each, production settings): one with STATS_ENABLED=0 on port 8101,
one counting on port 8102. wrk (16 connections) drives one article page on each server in
turn, in --rounds short bursts that add up to --seconds per server, so that other load on the
machine hits both alike. Every wrk request carries a reader cookie; a reader reads
--pages-per-visit pages, then a new reader starts a visit, so the real counting path runs
(visit and article view writes, presence, the footer's counters).

    .venv/bin/python bench/counters.py                 # SQLite (counts straight in the database)
    .venv/bin/python bench/counters.py --postgres      # PostgreSQL + Redis (buffered counts)
    .venv/bin/python bench/counters.py --pages-per-visit 1   # worst case: a new visit per request
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from serving import (
    BIN,
    ROOT,
    drive_readers,
    non_2xx,
    parse_duration,
    prepare_database,
    production_environment,
    start_gunicorn,
    stop_gunicorn,
)

PORTS = {False: 8101, True: 8102}
ARTICLE = "/bai-viet/counters-1/"
DATABASE = "stats_counters_bench"
REDIS_DB = 12
MAX_COST = 0.10


def environment(args, workdir):
    return production_environment(
        workdir, postgres=args.postgres, database=DATABASE, redis_db=REDIS_DB,
        STATS_REDIS_PREFIX="stats-bench:",
    )  # fmt: skip


def prepare(env, args):
    prepare_database(env, postgres=args.postgres, database=DATABASE, redis_db=REDIS_DB)
    subprocess.run([str(BIN / "python"), "bench/counters_seed.py"], env=env, check=True, cwd=ROOT)


def serve(env, enabled):
    counting = dict(env, STATS_ENABLED="1" if enabled else "0")
    return start_gunicorn(counting, PORTS[enabled], ready_path=ARTICLE)


def drive(args, enabled, seconds):
    output = drive_readers(
        f"http://127.0.0.1:{PORTS[enabled]}{ARTICLE}",
        seconds=seconds,
        connections=args.connections,
        pages_per_visit=args.pages_per_visit,
    )
    return {
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "seconds": parse_duration(re.search(r"requests in ([\d.]+\w+),", output).group(1)),
        "errors": non_2xx(output),
    }


def counted(env):
    script = (
        "from stats import services; from stats.models import DailyVisits, ArticleViews;"
        "services.flush(); print(DailyVisits.objects.total(), ArticleViews.objects.count())"
    )
    output = subprocess.run(
        [str(BIN / "python"), "manage.py", "shell", "-c", script],
        env=env, cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    return int(output[-2])


def measure(args):
    """Alternate bursts on the two servers; total requests over total time for each."""
    totals = {False: {"requests": 0, "seconds": 0.0, "errors": 0}, True: None}
    totals[True] = dict(totals[False])
    burst = max(args.seconds // args.rounds, 1)
    for _round in range(args.rounds):
        for enabled in (False, True):
            figures = drive(args, enabled, burst)
            for name in totals[enabled]:
                totals[enabled][name] += figures[name]
    for figures in totals.values():
        figures["rps"] = figures["requests"] / figures["seconds"]
    return totals[False], totals[True]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", action="store_true", help="PostgreSQL + Redis")
    parser.add_argument("--seconds", type=int, default=10, help="wrk time per server")
    parser.add_argument("--rounds", type=int, default=2, help="bursts per server")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--pages-per-visit", type=int, default=5)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk")
    workdir = Path(tempfile.mkdtemp(prefix="counters-bench-"))
    env = environment(args, workdir)
    servers = []
    try:
        prepare(env, args)
        before = counted(env)
        servers = [serve(env, enabled=False), serve(env, enabled=True)]
        off, on = measure(args)
        for server in servers:
            stop_gunicorn(server)
        servers = []
        visits = counted(env) - before
    finally:
        for server in servers:
            stop_gunicorn(server)
        shutil.rmtree(workdir, ignore_errors=True)
    ratio = on["rps"] / off["rps"]
    store = "PostgreSQL + Redis" if args.postgres else "SQLite (database store)"
    print(
        f"{store}, gunicorn 2 workers per server, wrk -t2 -c{args.connections}, "
        f"{args.rounds} x {args.seconds // args.rounds}s per server, "
        f"{ARTICLE}, {args.pages_per_visit} pages per visit, {os.cpu_count()} CPUs"
    )
    for label, figures in (("counters off", off), ("counters on ", on)):
        print(
            f"{label}: {figures['rps']:9.1f} req/s "
            f"({figures['requests']} requests, non-2xx {figures['errors']})"
        )
    print(
        f"on/off ratio: {ratio:.1%} (cost {1 - ratio:.1%}, limit {MAX_COST:.0%}); "
        f"visits counted during the run: {visits} for {on['requests']} requests "
        f"(expected about {on['requests'] // args.pages_per_visit})"
    )
    sys.exit(0 if 1 - ratio < MAX_COST and not on["errors"] else 1)


if __name__ == "__main__":
    main()
