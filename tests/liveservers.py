"""Real app servers for tests: gunicorn processes on free loopback ports sharing one database."""

import http.client
import socket
import subprocess
import sys
import time
from pathlib import Path

from django.db import connection

PROJECT = Path(__file__).resolve().parents[1]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def shared_database_url():
    """The URL of the database the tests run on, for servers in other processes."""
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    host = db["HOST"] or "127.0.0.1"
    return f"postgres://{db['USER']}{password}@{host}:{db['PORT'] or 5432}/{db['NAME']}"


def get(port, path, headers=None):
    """One GET through the real HTTP stack: (status, headers, body)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path, headers=headers or {})
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response.status, response, body


class AppServers:
    """``count`` gunicorn servers, each with ``workers`` workers, started with ``env``."""

    def __init__(self, env, count=2, workers=2):
        self.env = env
        self.workers = workers
        self.ports = [free_port() for _ in range(count)]
        self.processes = []

    def start(self, log_dir):
        for port in self.ports:
            log = open(Path(log_dir) / f"gunicorn-{port}.log", "wb")  # noqa: SIM115 - closed by stop
            self.processes.append(
                subprocess.Popen(
                    [
                        str(Path(sys.executable).with_name("gunicorn")),
                        "portal.wsgi",
                        f"--bind=127.0.0.1:{port}",
                        f"--workers={self.workers}",
                        "--backlog=2048",
                    ],
                    cwd=PROJECT,
                    env=self.env,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            )
        deadline = time.monotonic() + 30
        for port in self.ports:
            while True:
                try:
                    if get(port, "/healthz")[0] == 200:
                        break
                except OSError:
                    pass
                assert time.monotonic() < deadline, f"gunicorn on {port} did not start"
                time.sleep(0.2)
        return self

    def stop(self):
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            process.wait(timeout=30)

    def manage(self, *args):
        subprocess.run([sys.executable, "manage.py", *args], cwd=PROJECT, env=self.env, check=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.stop()
