"""Benchmark: serve the portal with gunicorn and drive its pages with wrk against bare Django.

Creates a throwaway database with 10,000 articles, starts gunicorn on 127.0.0.1 with production
settings, and prints requests/s, p50/p99 latency for the home, category, article (cached and
uncached) and search pages, each as a ratio to two bare views answering HttpResponse("ok"):
the portal's own (behind the portal's middleware) and a bare `django-admin startproject`
project (default middleware), the yardstick the targets are measured against, served by
gunicorn with the same settings in the same run. Every request is a reader's (browser user
agent, reader cookie), so the visit counters are on and counting.

    bench/run.sh                      # SQLite, file cache
    bench/run.sh --postgres           # PostgreSQL + Redis
    bench/run.sh --workers 2 4        # one run per worker count
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

from serving import (
    BIN,
    ROOT,
    YARDSTICK_PATH,
    drive_readers,
    non_2xx,
    parse_duration,
    prepare_database,
    production_environment,
    settle_database,
    start_gunicorn,
    startproject_yardstick,
    stop_gunicorn,
)

PORT = 8191
YARDSTICK_PORT = 8192
YARDSTICK = "startproject ok"

PAGES = [
    ("bare view", "/__bench__/ok"),
    ("home", "/"),
    ("category", "/chuyen-muc/bench-chuyen-muc-3/"),
    ("article (cached)", "/bai-viet/bench-5/"),
    ("search", "/tim-kiem/?q=hoi+nghi+nong+dan"),
    ("documents", "/van-ban/"),
    ("documents filtered", "/van-ban/?loai=bench-quyet-dinh&nam=2024&hieu-luc=con-hieu-luc"),
    ("documents number", "/van-ban/?q=1234%2F2026"),
    ("documents summary", "/van-ban/?q=phi+cho"),
]
# Served by a second server whose page cache keeps nothing (PAGE_CACHE_SECONDS=0): a page's
# query parameters no longer bypass the cache, so this is how every request renders the page.
UNCACHED_PAGES = [("article (uncached)", "/bai-viet/bench-5/")]
# Shares of the startproject yardstick's requests/s; every page's p99 stays under 10 times its p99.
TARGETS = {
    "home": 0.80,
    "category": 0.80,
    "article (cached)": 0.80,
    "article (uncached)": 0.40,
    "search": 0.20,
    "documents": 0.60,
    "documents filtered": 0.60,
}


def server_environment(args, workdir):
    return production_environment(
        workdir, postgres=args.postgres, database="portal_bench", redis_db=15,
        PORTAL_BENCH_BARE_VIEW="1",
    )  # fmt: skip


def prepare(env, args):
    prepare_database(env, postgres=args.postgres, database="portal_bench", redis_db=15)
    subprocess.run([str(BIN / "python"), "bench/seed.py", str(args.articles)],
                   env=env, check=True, cwd=ROOT)  # fmt: skip
    if args.documents:
        subprocess.run([str(BIN / "python"), "bench/seed_documents.py", str(args.documents)],
                       env=env, check=True, cwd=ROOT)  # fmt: skip
    settle_database(postgres=args.postgres, database="portal_bench")


def run_wrk(path, args, port=PORT):
    url = f"http://127.0.0.1:{port}{path}"
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - warm-up, loopback
        response.read()
    # Real readers, so the visit counters count every request as they would in production.
    output = drive_readers(url, seconds=args.seconds, connections=args.connections, latency=True)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": parse_duration(re.search(r"\s50%\s+(\S+)", output).group(1)) * 1000,
        "p99": parse_duration(re.search(r"\s99%\s+(\S+)", output).group(1)) * 1000,
        "errors": non_2xx(output),
    }


def measure_yardstick(yardstick, workers, args):
    """The startproject yardstick's figures, served like the portal (same gunicorn settings)."""
    app, project, env = yardstick
    server = start_gunicorn(env, YARDSTICK_PORT, workers, YARDSTICK_PATH, app=app, cwd=project)
    try:
        return run_wrk(YARDSTICK_PATH, args, port=YARDSTICK_PORT)
    finally:
        stop_gunicorn(server)


def report(results, label):
    """The table: each page against the portal's bare view and the startproject yardstick."""
    bare, yardstick = results["bare view"], results[YARDSTICK]
    print(f"\n{label}")
    print(
        f"{'page':<20} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'vs bare':>8} "
        f"{'vs startproject':>15} {'p99 x':>6}  target (vs startproject)"
    )
    failed = []
    for name, figures in results.items():
        ratio = figures["rps"] / yardstick["rps"]
        p99_times = figures["p99"] / yardstick["p99"]
        target = TARGETS.get(name)
        verdict = ""
        if name not in ("bare view", YARDSTICK):
            ok = (target is None or ratio >= target) and p99_times < 10 and not figures["errors"]
            goal = f">= {target:.0%}" if target else "p99 < 10x"
            verdict = f"{goal} {'ok' if ok else 'MISSED'}"
            if not ok:
                failed.append(name)
        if figures["errors"]:
            verdict += f" ({figures['errors']} non-2xx)"
        print(
            f"{name:<20} {figures['rps']:>9.0f} {figures['p50']:>8.2f} {figures['p99']:>8.2f} "
            f"{figures['rps'] / bare['rps']:>8.0%} {ratio:>15.0%} {p99_times:>6.1f}  {verdict}"
        )
    return failed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--postgres", action="store_true", help="PostgreSQL + Redis instead of SQLite"
    )
    parser.add_argument("--workers", type=int, nargs="+", default=[2])
    parser.add_argument("--seconds", type=int, default=10, help="wrk duration per page")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--articles", type=int, default=10_000)
    # 0: no documents and none of their pages (to measure a release from before them).
    parser.add_argument("--documents", type=int, default=10_000)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk")
    workdir = Path(tempfile.mkdtemp(prefix="portal-bench-"))
    env = server_environment(args, workdir)
    prepare(env, args)
    yardstick = startproject_yardstick(workdir)
    database = "PostgreSQL + Redis" if args.postgres else "SQLite + file cache"
    failed = []
    for workers in args.workers:
        results = {YARDSTICK: measure_yardstick(yardstick, workers, args)}
        server = start_gunicorn(env, PORT, workers)
        try:
            pages = [
                (name, path) for name, path in PAGES if args.documents or "/van-ban/" not in path
            ]
            results.update((name, run_wrk(path, args)) for name, path in pages)
        finally:
            stop_gunicorn(server)
        server = start_gunicorn({**env, "PAGE_CACHE_SECONDS": "0"}, PORT, workers)
        try:
            results.update((name, run_wrk(path, args)) for name, path in UNCACHED_PAGES)
        finally:
            stop_gunicorn(server)
        label = (
            f"{database}, gunicorn {workers} workers, wrk -t2 -c{args.connections} "
            f"-d{args.seconds}s, {args.articles} articles, {os.cpu_count()} CPUs"
        )
        failed += report(results, label)
    shutil.rmtree(workdir, ignore_errors=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
