"""What both benchmarks share: a fresh database, gunicorn on a free port, a logged-in httpx
client, percentiles and the workers' memory. Not collected by pytest (no ``test_`` prefix)."""

from __future__ import annotations

import contextlib
import math
import os
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
CSRF_HEADER = re.compile(r'"X-CSRFToken":\s*"([^"]+)"')
CSRF_FIELD = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
DEMO_CHAIR = "voorzitter@example.nl"
DEMO_PASSWORD = "ldd-demo"
#: sync workers: the app is CPU-bound (templates, Python), and behind nginx, which buffers slow
#: clients, one request per process is the simplest and fastest model; see docs/deploy.md.
WORKER_CLASS = os.environ.get("BENCH_WORKER_CLASS", "sync")
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))


def say(message: str) -> None:
    print(message, flush=True)


def env_int(name: str, default: int) -> int:
    return int(os.environ.get(name) or default)


# --- databases ---------------------------------------------------------------------------


def sqlalchemy_url(url: str) -> str:
    """The URL as the app turns it into a driver URL (psycopg 3 for PostgreSQL)."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url.removeprefix("postgres://")
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return url


@contextlib.contextmanager
def fresh_postgres(url: str, keep: bool = False) -> Iterator[str]:
    """Create the database named in ``url`` (it must not exist: a benchmark wants a fresh
    one), yield its URL and drop it afterwards."""
    target = make_url(sqlalchemy_url(url))
    name = target.database
    if not name or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
        raise SystemExit(f"Choose a plain database name in {url!r}.")
    admin = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        exists = conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name})
        if exists:
            admin.dispose()
            raise SystemExit(
                f"Database {name!r} exists already; a benchmark builds a fresh one. "
                f"Drop it (dropdb {name}) or choose another name."
            )
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    say(f"Created PostgreSQL database {name}.")
    try:
        yield target.render_as_string(hide_password=False)
    finally:
        if keep:
            say(f"Kept database {name} (BENCH_KEEP_DATABASE=1).")
        else:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            say(f"Dropped database {name}.")
        admin.dispose()


@contextlib.contextmanager
def bench_database(env_name: str) -> Iterator[str]:
    """A fresh database: PostgreSQL from ``$env_name``, else SQLite in a temp dir."""
    keep = os.environ.get("BENCH_KEEP_DATABASE") == "1"
    if os.environ.get(env_name):
        with fresh_postgres(os.environ[env_name], keep=keep) as url:
            yield url
        return
    with tempfile.TemporaryDirectory(prefix="ldd-bench-") as tmp:
        yield f"sqlite:///{tmp}/bench.sqlite3"


def app_env(database_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        SECRET_KEY=secrets.token_hex(32),
        LDD_LOGIN_RATE_LIMIT="1000/minute",
        FLASK_APP="app",
        PYTHONPATH=str(ROOT),
    )
    env.pop("LDD_DEMO_MODE", None)
    return env


def flask(env: dict[str, str], *args: str) -> str:
    """Run a ``flask`` command of the app; stop the benchmark when it fails."""
    result = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "app", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if result.returncode:
        raise SystemExit(f"flask {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def seed(env: dict[str, str], size: str) -> float:
    """``flask db upgrade`` and ``flask seed-demo --size …``; returns the seconds it took."""
    began = time.perf_counter()
    flask(env, "db", "upgrade")
    flask(env, "seed-demo", "--size", size)
    return time.perf_counter() - began


def local_app(database_url: str):
    """The app in this process, on the benchmark's database: for its URL map and for finding
    ids to ask for. The measurements themselves go over HTTP to gunicorn."""
    os.environ.setdefault("SECRET_KEY", "bench")
    from app import create_app

    return create_app({"SQLALCHEMY_DATABASE_URI": sqlalchemy_url(database_url)})


# --- the server --------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def child_pids(parents: list[int]) -> list[int]:
    """The processes whose parent is one of ``parents``."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            stat = (entry / "stat").read_text()
            # pid (comm) state ppid ...: comm may hold spaces, so split after the ")"
            if int(stat.rsplit(")", 1)[1].split()[1]) in parents:
                pids.append(int(entry.name))
    return sorted(pids)


def rss_mib(pids: list[int]) -> list[float]:
    sizes = []
    for pid in pids:
        with contextlib.suppress(OSError):  # a chart process may end meanwhile
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    sizes.append(int(line.split()[1]) / 1024)
    return sizes


class Server:
    """gunicorn with ``deploy/gunicorn.conf.py`` and the benchmark's own settings on top."""

    def __init__(self, env: dict[str, str], log_path: Path):
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.log = log_path.open("ab")
        # the app to serve is the config file's wsgi_app, as in production
        command = [
            str(BIN / "gunicorn"),
            "--config", str(ROOT / "deploy" / "gunicorn.conf.py"),
            "--bind", f"127.0.0.1:{self.port}",
            "--workers", str(WORKERS),
            "--worker-class", WORKER_CLASS,
            "--max-requests", "0",  # no recycling while we measure memory
            "--access-logfile", "-" if os.environ.get("BENCH_ACCESS_LOG") else "/dev/null",
            "--error-logfile", "-",
        ]  # fmt: skip
        self.process = subprocess.Popen(
            command, env=env, cwd=ROOT, stdout=self.log, stderr=subprocess.STDOUT
        )
        deadline = time.monotonic() + 60
        while True:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn stopped at start; see {log_path}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(self.base_url + "/healthz", timeout=2).status_code == 200:
                    break
            if time.monotonic() > deadline:
                self.stop()
                raise SystemExit(f"gunicorn did not answer in 60 s; see {log_path}")
            time.sleep(0.2)

    def worker_pids(self) -> list[int]:
        return child_pids([self.process.pid])

    def worker_rss_mib(self) -> list[float]:
        return rss_mib(self.worker_pids())

    def chart_process_rss_mib(self) -> list[float]:
        """The chart processes (``workgroup.chart_worker``) the workers started to draw PNGs
        for Word: children of the workers, running until a minute without charts."""
        return rss_mib(child_pids(self.worker_pids()))

    def worker_pss_mib(self) -> list[float]:
        """Proportional set size: shared pages (the preloaded app) split among the processes
        that share them; what a worker really adds to the machine's memory."""
        sizes = []
        for pid in self.worker_pids():
            with contextlib.suppress(OSError):
                for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                    if line.startswith("Pss:"):
                        sizes.append(int(line.split()[1]) / 1024)
        return sizes

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


# --- the client --------------------------------------------------------------------------


def csrf_token(html: str) -> str:
    match = CSRF_HEADER.search(html) or CSRF_FIELD.search(html)
    if not match:
        raise SystemExit("No CSRF token on the page.")
    return match.group(1)


def login(client: httpx.Client, email: str = DEMO_CHAIR, password: str = DEMO_PASSWORD) -> None:
    """Log in as a browser does: read the token from the login form, post the form."""
    page = client.get("/login")
    response = client.post(
        "/login",
        data={
            "csrf_token": csrf_token(page.text),
            "email": email,
            "password": password,
            "next": "",
        },
    )
    if response.status_code != 302:
        raise SystemExit(f"Login as {email} failed ({response.status_code}).")


async def alogin(
    client: httpx.AsyncClient, email: str = DEMO_CHAIR, password: str = DEMO_PASSWORD
) -> None:
    page = await client.get("/login")
    response = await client.post(
        "/login",
        data={"csrf_token": csrf_token(page.text), "email": email, "password": password},
    )
    if response.status_code != 302:
        raise RuntimeError(f"login failed ({response.status_code})")


def timed(client: httpx.Client, url: str, n: int, warmup: int = 5, **kwargs) -> list[float]:
    """``n`` GETs of ``url`` one after another; the milliseconds of each (after a warm-up,
    so both workers have compiled their templates)."""
    for _ in range(warmup):
        check(client.get(url, **kwargs), url)
    samples = []
    for _ in range(n):
        began = time.perf_counter()
        response = client.get(url, **kwargs)
        samples.append((time.perf_counter() - began) * 1000)
        check(response, url)
    return samples


def check(response: httpx.Response, what: str) -> httpx.Response:
    if response.status_code != 200:
        raise SystemExit(f"{what}: HTTP {response.status_code}\n{response.text[:800]}")
    return response


def percentile(samples: list[float], p: float) -> float:
    """The ``p``-th percentile (nearest rank), as most load tools report it."""
    ordered = sorted(samples)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


def median(samples: list[float]) -> float:
    return statistics.median(samples)


def requests_per_second(base_url, url, cookies=None, concurrency=4, seconds=5) -> float:
    """Completed requests per second with ``concurrency`` requests always in flight: one
    thread with its own httpx client each (the sockets wait outside the interpreter lock; an
    asyncio client spent more time per request than the server did on a bare route)."""
    stop = time.monotonic() + seconds
    counts, errors = [0] * concurrency, [0] * concurrency

    def worker(number: int) -> None:
        with httpx.Client(base_url=base_url, cookies=cookies, timeout=30) as client:
            while time.monotonic() < stop:
                try:
                    ok = client.get(url).status_code == 200
                except httpx.HTTPError:
                    ok = False
                if ok:
                    counts[number] += 1
                else:
                    errors[number] += 1

    began = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(n,)) for n in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if sum(errors):
        say(f"  note: {sum(errors)} failed requests on {url}")
    return sum(counts) / (time.perf_counter() - began)


def table(rows: list[tuple[str, str, str, str]]) -> str:
    """A plain text table: name, target, measured, verdict."""
    header = ("measure", "target", "measured", "")
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(4)]
    lines = ["  ".join(str(c).ljust(w) for c, w in zip(header, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    for row in rows:
        lines.append("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)))
    return "\n".join(lines)


def verdict(value, ok: Callable[[float], bool] | None) -> str:
    if value is None:
        return "not measured"
    if ok is None:
        return ""
    return "ok" if ok(value) else "MISSED"
