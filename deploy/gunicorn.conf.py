"""gunicorn settings for LDD behind a TLS reverse proxy (see docs/deploy.md).

    gunicorn --config deploy/gunicorn.conf.py

Every setting can be overridden on the command line (``--workers 3``) or with the
environment variables read below. ``make bench`` runs the app with this file too.
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import platform
import sys

#: The app without Flask-Migrate: workers never migrate (``flask db upgrade`` does, before a
#: restart), and Alembic would cost every worker 11 MiB.
wsgi_app = "app:create_app(migrations=False)"

#: Only the reverse proxy on this machine talks to gunicorn.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

#: Sync workers, one request at a time each: LDD spends its time in Python (templates,
#: analysis), not waiting on the network, and nginx buffers slow clients, so more threads per
#: worker would only share one interpreter lock. Two per CPU plus one covers the moments a
#: worker waits on PostgreSQL. A worker serving pages takes 80–90 MiB (``make bench``).
worker_class = "sync"
workers = int(os.environ.get("GUNICORN_WORKERS") or multiprocessing.cpu_count() * 2 + 1)

#: A request that takes longer than this is stuck: the worker is restarted. The slowest
#: request, the year report (a Word document with charts), is meant to take at most 1.5 s.
timeout = 30
graceful_timeout = 30

#: Load the app once in the master and fork: workers start fast and share the code pages.
preload_app = True

#: Memory hygiene: a worker is replaced after about a thousand requests (the jitter keeps all
#: workers from restarting at once), so a slow leak in a library never grows without bound.
max_requests = 1000
max_requests_jitter = 100

#: Logs go to stdout/stderr; systemd's journal or docker collects them.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "info")
#: The client as the proxy saw it (X-Forwarded-For), the request, status, bytes, milliseconds.
access_log_format = '%({x-forwarded-for}i)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'


def pre_fork(server, worker):
    """Just before a worker is forked: hide everything loaded so far (the whole app) from the
    garbage collector (``gc.freeze``). A full collection in a worker then only walks what that
    worker made itself: measured on the analysis page, 45–80 ms per full collection (one in
    every five requests) became under 16 ms. The collector also stops writing to pages the
    worker shares with the master."""
    gc.freeze()


def post_fork(server, worker):
    """With ``preload_app`` the workers are forks of the master: drop any database connection
    the master may have opened, so no two processes ever share one (SQLAlchemy's advice)."""
    from app import db

    app = server.app.wsgi()
    with app.app_context():
        db.engine.dispose(close=False)


def post_request(worker, req, environ, resp):
    """After every response, when it has been sent: give memory back to the system (a worker
    keeps its largest size otherwise). A download (a Word document, a spreadsheet, a picture)
    leaves its python-docx and lxml objects in reference cycles, so those are collected first
    (12-25 ms, only after a download; ``gc.freeze`` keeps the app out of it). Then glibc
    returns the freed heap to the system (``malloc_trim``, about 0.03 ms). Measured with
    ``make bench``: see docs/deploy.md."""
    if is_download(resp.headers):
        gc.collect()
    trim_heap()


def is_download(headers) -> bool:
    """Whether a response is a file to save (``Content-Disposition: attachment``)."""
    return any(
        name.lower() == "content-disposition" and value.lower().startswith("attachment")
        for name, value in headers
    )


def _malloc_trim():
    """glibc's ``malloc_trim``; ``None`` on another C library (musl, macOS), where it does not
    exist or works differently."""
    if not sys.platform.startswith("linux") or platform.libc_ver()[0] != "glibc":
        return None
    try:
        return ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return None


_MALLOC_TRIM = _malloc_trim()


def trim_heap() -> bool:
    """Give the free memory at the top and inside the heap back to the system; ``False`` where
    that is not possible (not glibc)."""
    if _MALLOC_TRIM is None:
        return False
    _MALLOC_TRIM(0)
    return True
