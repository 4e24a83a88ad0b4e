"""A crash in the middle of writing: nothing acknowledged is lost, the database stays intact.

The real app runs under gunicorn (three worker processes) on its own SQLite file, migrated
with ``flask db upgrade``, with a school made by ``flask create-school`` whose chair accepts
the invitation and starts a year. Six clients, logged in as that chair, add actions to a
meeting at the same time; part-way through, the whole server (master and workers) is killed
with SIGKILL, as the OOM killer or a crash would. After a restart the database passes
``PRAGMA integrity_check`` and every action that got its success answer (the redirect after
the commit) is there, on the page and in the table, and the app takes new writes.

SQLite only: on PostgreSQL durability is the database server's job, not the app's. A power cut
also loses what the operating system had not written yet; that is up to the disk and SQLite's
``synchronous`` setting, which a killed process does not test.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CHAIR = "voorzitter@crash.example"
PASSWORD = "een lang genoeg wachtwoord"
YEAR = 2026
TOKEN = re.compile(r'"X-CSRFToken": "([^"]+)"')
CLIENTS = 6
#: Acknowledged writes to wait for before the kill (the clients keep writing meanwhile).
BEFORE_KILL = 40


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _environment(database: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("LDD_", "GUNICORN_")) and key != "DATABASE_URL"
    }
    env.update(
        DATABASE_URL=f"sqlite:///{database}",
        SECRET_KEY="crash-test-secret",
        FLASK_APP="app",
        LDD_LOGIN_RATE_LIMIT="1000 per minute",
        PYTHONDONTWRITEBYTECODE="1",
    )
    return env


def _flask(env: dict[str, str], *args: str) -> str:
    return subprocess.run(
        [str(BIN / "flask"), *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout


class Server:
    """gunicorn in a process group of its own, so one signal reaches master and workers."""

    def __init__(self, env: dict[str, str], log: Path):
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log.open("ab")
        self.process = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                "3",
                "--timeout",
                "20",
                "--preload",
                "app:create_app(migrations=False)",  # as deploy/gunicorn.conf.py
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"gunicorn stopped; see {log}"
            try:
                if httpx.get(self.url + "/healthz", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        self.kill()
        pytest.fail(f"gunicorn did not answer within 20 s; see {log}")

    def kill(self) -> None:
        """SIGKILL to the group this test started: no worker finishes anything."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)
        self.log.close()


def _first_chair(server: Server, invitation: str) -> None:
    """The chair accepts the invitation ``flask create-school`` printed and starts a year."""
    with httpx.Client(base_url=server.url, timeout=10) as client:
        token = TOKEN.search(client.get(invitation).text).group(1)
        accepted = client.post(
            invitation,
            data={"display_name": "Voorzitter", "password": PASSWORD, "confirm": PASSWORD,
                  "csrf_token": token},
        )  # fmt: skip
        assert accepted.status_code == 302, accepted.text[:300]
        started = client.post("/years/new", data={"start_year": str(YEAR), "csrf_token": token})
        assert started.status_code == 302, started.text[:300]


def _logged_in(server: Server) -> tuple[httpx.Client, str]:
    client = httpx.Client(base_url=server.url, timeout=10)
    token = TOKEN.search(client.get("/login").text).group(1)
    response = client.post(
        "/login", data={"email": CHAIR, "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 302, response.text[:300]
    return client, token


def test_acknowledged_writes_survive_a_kill_and_the_database_stays_intact(tmp_path):
    database = tmp_path / "crash.sqlite3"
    log = tmp_path / "gunicorn.log"
    env = _environment(database)
    _flask(env, "db", "upgrade")
    printed = _flask(env, "create-school", "--name", "Crashschool", "--chair-email", CHAIR)
    invitation = re.search(r"(/invite/\S+)", printed).group(1)

    server = Server(env, log)
    acknowledged: list[str] = []
    attempted: list[str] = []
    lock = threading.Lock()
    stop = threading.Event()
    try:
        _first_chair(server, invitation)
        logins = [_logged_in(server) for _ in range(CLIENTS)]
        url = f"/years/{YEAR}/meetings/2/actions"

        def write(number: int, client: httpx.Client, token: str) -> None:
            for i in range(10_000):
                if stop.is_set():
                    return
                description = f"Crashtest {number}-{i}"
                with lock:
                    attempted.append(description)
                try:
                    response = client.post(
                        url, data={"description": description, "owner_id": "0", "csrf_token": token}
                    )
                except httpx.TransportError:
                    return  # the server is gone
                if response.status_code == 302 and "#actions" in response.headers["location"]:
                    with lock:
                        acknowledged.append(description)

        threads = [
            threading.Thread(target=write, args=(n, client, token), daemon=True)
            for n, (client, token) in enumerate(logins)
        ]
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 10
        while len(acknowledged) < BEFORE_KILL and time.monotonic() < deadline:
            time.sleep(0.01)
        assert len(acknowledged) >= BEFORE_KILL, f"only {len(acknowledged)} writes; see {log}"
    finally:
        server.kill()  # in the middle of the series: the clients are still posting
        stop.set()
    for thread in threads:
        thread.join(timeout=10)
    for client, _token in logins:
        client.close()
    assert len(attempted) > len(acknowledged)  # writes were in flight when it died

    restarted = Server(env, log)
    try:
        with sqlite3.connect(database) as check:
            assert check.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            stored = {
                row[0]
                for row in check.execute(
                    "SELECT description FROM action_items WHERE description LIKE 'Crashtest %'"
                )
            }
        lost = set(acknowledged) - stored
        assert not lost, f"{len(lost)} acknowledged writes lost: {sorted(lost)[:5]}"
        assert stored <= set(attempted)  # and nothing appeared that nobody wrote
        assert len(stored) == len(stored & set(attempted))

        client, token = _logged_in(restarted)
        page = client.get(f"/years/{YEAR}/actions").text
        assert all(description in page for description in acknowledged)
        after = client.post(
            f"/years/{YEAR}/meetings/2/actions",
            data={"description": "Na de herstart", "owner_id": "0", "csrf_token": token},
        )
        assert after.status_code == 302
        assert "Na de herstart" in client.get(f"/years/{YEAR}/actions").text
        client.close()
    finally:
        restarted.kill()
