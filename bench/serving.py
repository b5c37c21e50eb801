"""What the benchmarks share: a throwaway database and the portal under gunicorn on loopback."""

import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
READERS_SCRIPT = ROOT / "bench" / "readers.lua"
# The portal only counts reader cookies signed with its secret key: the benchmarks sign theirs.
BENCH_SECRET_KEY = "bench-" + "k" * 60
WRK_THREADS = 2
# Reader cookies a wrk run may use up per second (more than the portal serves on one machine).
READERS_PER_SECOND = 5000


def production_environment(workdir, *, postgres, database, redis_db, **extra):
    """Production settings (DEBUG off, a secret key) over plain HTTP on 127.0.0.1."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "STATS_"))}
    env.update(
        DJANGO_SECRET_KEY=BENCH_SECRET_KEY,
        DJANGO_HTTPS="0",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_MEDIA_ROOT=str(workdir / "media"),
        DJANGO_CACHE_DIR=str(workdir / "cache"),
        DJANGO_STATIC_ROOT=str(workdir / "static"),
        DJANGO_LOG_LEVEL="WARNING",
        **extra,
    )
    if postgres:
        env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{database}"
        env["REDIS_URL"] = f"redis://127.0.0.1:6379/{redis_db}"
    else:
        env["DATABASE_URL"] = f"sqlite:///{workdir / database}.sqlite3"
        env.pop("REDIS_URL", None)
    return env


def prepare_database(env, *, postgres, database, redis_db):
    """A fresh database (and Redis database), migrated, with the static files collected."""
    if postgres:
        psql = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc"]
        subprocess.run([*psql, f"DROP DATABASE IF EXISTS {database}"], check=True)
        subprocess.run([*psql, f"CREATE DATABASE {database}"], check=True)
        subprocess.run(["redis-cli", "-n", str(redis_db), "flushdb"], check=True, stdout=-3)
    manage = [str(BIN / "python"), "manage.py"]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=env, check=True, cwd=ROOT)
    subprocess.run([*manage, "collectstatic", "--noinput", "-v0"], env=env, check=True, cwd=ROOT)


def settle_database(*, postgres, database):
    """Do what autovacuum does to a live database once a seed has bulk-loaded it: merge the
    trigram (GIN) indexes' pending lists, which every search reads whole until then (a number
    search took 2-5 ms instead of 0.2 ms at 10,000 documents), and gather the planner's
    statistics (without them it read the table instead of the index)."""
    if postgres:
        psql = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-qc"]
        subprocess.run([*psql, "VACUUM ANALYZE"], check=True)


def start_gunicorn(env, port, workers=2, ready_path="/healthz", *, app="portal.wsgi", cwd=ROOT):
    """gunicorn serving ``app`` (the portal) from ``cwd`` on 127.0.0.1:port, once ``ready_path``
    answers. Every project benchmarked is served with these same settings."""
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), app, f"--bind=127.0.0.1:{port}",
         f"--workers={workers}", "--log-level=warning"],
        env=env, cwd=cwd, start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{ready_path}", timeout=2) as page:  # noqa: S310
                page.read()
                return server
        except OSError:
            time.sleep(0.3)
    stop_gunicorn(server)
    raise SystemExit(f"gunicorn did not answer on port {port} within 30 s")


YARDSTICK_PATH = "/ok/"


def startproject_yardstick(workdir):
    """A bare ``django-admin startproject`` project in ``workdir``, with one view answering
    HttpResponse("ok") at YARDSTICK_PATH: Django's default settings and middleware, DEBUG off,
    no database use. Returns (WSGI module, directory to serve it from, its environment).

    The portal's own bare view runs behind the portal's middleware; this is what Django alone
    costs, the yardstick every page is measured against.
    """
    project = workdir / "yardstick"
    project.mkdir()
    subprocess.run([str(BIN / "django-admin"), "startproject", "yardstick", str(project)],
                   check=True)  # fmt: skip
    with open(project / "yardstick" / "settings.py", "a") as settings:
        settings.write('\nDEBUG = False\nALLOWED_HOSTS = ["127.0.0.1", "localhost"]\n')
    with open(project / "yardstick" / "urls.py", "a") as urls:
        urls.write(
            "\nfrom django.http import HttpResponse\n\n\n"
            'def ok(request):\n    return HttpResponse("ok")\n\n\n'
            f"urlpatterns.append(path({YARDSTICK_PATH[1:]!r}, ok))\n"
        )
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    return "yardstick.wsgi", project, env


def stop_gunicorn(server):
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=30)


def parse_duration(text):
    """wrk's "12.5ms", "3.1s", "850.00us" in seconds."""
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0}[unit]


def write_reader_cookies(path, count):
    """``count`` new reader cookies in ``path``, as the portal under benchmark would issue them."""
    sys.path.insert(0, str(ROOT))
    from stats.tracking import new_cookie_value

    path.write_text("\n".join(new_cookie_value(BENCH_SECRET_KEY) for _n in range(count)))


def drive_readers(url, *, seconds, connections, pages_per_visit=5, latency=False):
    """wrk on ``url`` as readers would come (bench/readers.lua): a browser's user agent, a
    reader cookie the portal signed, a new reader every ``pages_per_visit`` pages (each run's
    readers are new). Returns wrk's report."""
    with tempfile.TemporaryDirectory(prefix="readers-") as workdir:
        cookies = Path(workdir) / "cookies.txt"
        write_reader_cookies(cookies, seconds * READERS_PER_SECOND // pages_per_visit + 100)
        env = dict(
            os.environ,
            PAGES_PER_VISIT=str(pages_per_visit),
            COOKIE_NAME="reader",
            READER_COOKIES=str(cookies),
            THREADS=str(WRK_THREADS),
        )
        command = ["wrk", f"-t{WRK_THREADS}", f"-c{connections}", f"-d{seconds}s"]
        command += ["-s", str(READERS_SCRIPT)]
        if latency:
            command.append("--latency")
        return subprocess.run(
            [*command, url], env=env, capture_output=True, text=True, check=True
        ).stdout


def non_2xx(report):
    """How many answers of a wrk report were neither 2xx nor 3xx."""
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", report)
    return int(errors.group(1)) if errors else 0
