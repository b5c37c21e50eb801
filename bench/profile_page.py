"""Where one page's time goes: the page served in this process by the portal's WSGI handler,
under cProfile, as readers ask for it (browser user agent, a signed reader cookie, a new reader
every five pages), with the benchmark's production settings and seeded database.

    .venv/bin/python bench/profile_page.py /bai-viet/bench-5/            # cached article
    .venv/bin/python bench/profile_page.py /bai-viet/bench-5/ --uncached
    .venv/bin/python bench/profile_page.py / --requests 5000 --sort cumulative
    valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file=/tmp/page.cg \
        .venv/bin/python bench/profile_page.py / --requests 300 --instructions
    callgrind_annotate /tmp/page.cg | head   # instructions, whatever else the machine does
    .venv/bin/python bench/profile_page.py --startproject --no-profile   # the yardstick

``--startproject`` serves the bare ``django-admin startproject`` view bench/run.py measures
against, in this process, the same way: its instruction count is the one a page's is compared to.

Instruction-level effects and other processes do not disturb the ranking much, so this is the
tool for finding what to make cheaper; bench/run.py is the one for figures.
"""

import argparse
import cProfile
import importlib
import io
import os
import pstats
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from serving import (
    BENCH_SECRET_KEY,
    BIN,
    ROOT,
    YARDSTICK_PATH,
    prepare_database,
    production_environment,
    startproject_yardstick,
)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", default="/")
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--documents", type=int, default=0, help="seed documents too")
    parser.add_argument("--uncached", action="store_true", help="PAGE_CACHE_SECONDS=0")
    parser.add_argument("--sort", default="tottime", choices=["tottime", "cumulative"])
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--no-profile", action="store_true", help="only time the requests")
    parser.add_argument(
        "--instructions", action="store_true",
        help="run under valgrind --tool=callgrind --instr-atstart=no: count only the requests",
    )  # fmt: skip
    parser.add_argument(
        "--startproject", action="store_true",
        help="the bare startproject view bench/run.py compares pages to, instead of a page",
    )  # fmt: skip
    parser.add_argument(
        "--accept-encoding", default="", help="the request's Accept-Encoding (e.g. gzip)"
    )
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="portal-profile-"))
    if args.startproject:
        application, cookies = startproject_application(workdir), ["-"]
        args.path = YARDSTICK_PATH
    else:
        application, cookies = portal_application(workdir, args)

    def request(number):
        path, _, query = args.path.partition("?")
        environ = {
            "REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": query,
            "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "8191", "REMOTE_ADDR": "127.0.0.1",
            "HTTP_HOST": "127.0.0.1:8191", "SERVER_PROTOCOL": "HTTP/1.1",
            "HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox",
            "HTTP_COOKIE": f"reader={cookies[number // 5 % len(cookies)]}",
            "HTTP_ACCEPT_ENCODING": args.accept_encoding,
            "wsgi.input": io.BytesIO(), "wsgi.url_scheme": "http", "wsgi.errors": sys.stderr,
        }  # fmt: skip
        statuses = []
        body = application(environ, lambda status, headers, exc_info=None: statuses.append(status))
        b"".join(body)
        getattr(body, "close", lambda: None)()
        return statuses[0]

    status = request(0)
    for number in range(1, 50):
        request(number)
    if args.no_profile or args.instructions:
        if args.instructions:
            control = ["callgrind_control", "--instr=on", str(os.getpid())]
            subprocess.run(control, check=True, stdout=subprocess.DEVNULL)
        started = time.perf_counter()
        for number in range(args.requests):
            request(number)
        if args.instructions:
            control[1] = "--instr=off"
            subprocess.run(control, check=True, stdout=subprocess.DEVNULL)
        each = (time.perf_counter() - started) / args.requests * 1000
        print(f"{args.path}: {status}, {args.requests} requests, {each:.3f} ms each")
        return
    started = time.perf_counter()
    profiler = cProfile.Profile()
    profiler.enable()
    for number in range(args.requests):
        request(number)
    profiler.disable()
    elapsed = time.perf_counter() - started
    print(f"{args.path}: {status}, {args.requests} requests, "
          f"{elapsed / args.requests * 1000:.3f} ms each under the profiler")  # fmt: skip
    pstats.Stats(profiler).sort_stats(args.sort).print_stats(args.top)


def portal_application(workdir, args):
    """The portal's WSGI application on a seeded database, and reader cookies for the requests."""
    env = production_environment(
        workdir, postgres=False, database="portal_profile", redis_db=15,
        PAGE_CACHE_SECONDS="0" if args.uncached else "300",
    )  # fmt: skip
    prepare_database(env, postgres=False, database="portal_profile", redis_db=15)
    subprocess.run([str(BIN / "python"), "bench/seed.py", str(args.articles)],
                   env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)  # fmt: skip
    if args.documents:
        subprocess.run([str(BIN / "python"), "bench/seed_documents.py", str(args.documents)],
                       env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)  # fmt: skip
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    from portal.wsgi import application
    from stats.tracking import new_cookie_value

    return application, [new_cookie_value(BENCH_SECRET_KEY) for _n in range(args.requests // 5 + 1)]


def startproject_application(workdir):
    """The startproject yardstick's WSGI application (bench/serving.py builds the project)."""
    module, project, env = startproject_yardstick(workdir)
    os.environ.clear()
    os.environ.update(env)
    sys.path.insert(0, str(project))
    return importlib.import_module(module).application


if __name__ == "__main__":
    main()
