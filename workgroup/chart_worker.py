"""The chart process: draws the PNG charts for Word documents and the infographic picture, so
web workers never load matplotlib and numpy (about 60 MiB that a worker would keep until it is
replaced).

    python -m workgroup.chart_worker [--idle SECONDS]

Workers start it with ``command()``, the same without the packages' ``__init__``.
``workgroup.charts`` starts one per web worker when a document needs its first PNG, and talks
to it over the child's stdin and stdout: every message is a 4-byte length (``struct "!I"``)
followed by a pickle. A request is ``(chart, dpi, context)``, answered with ``chart._png(dpi)``
(a chart of ``workgroup.charts`` or ``reports.infographic.InfographicPicture``); ``context`` is
``None`` outside
an app context (no translations, Dutch formats, as ``charts`` draws there) or ``(locale,
translation directories, domain)`` of the app that asked, so texts, numbers and dates come out
exactly as when the worker drew them itself. The answer is ``("ok", png)`` or ``("error",
message)``. The process ends by itself on end of input and after ``--idle`` seconds (default
60, or ``LDD_CHART_IDLE_SECONDS``) without a request, which returns its memory while no
documents are made; the next chart starts a new one.

Only the standard library is imported at module level: ``workgroup.charts`` imports the
framing helpers from here.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import struct
import sys
import time
import traceback

HEADER = struct.Struct("!I")
#: A message larger than this is a broken stream, not a chart.
MAX_MESSAGE = 256 * 1024 * 1024
IDLE_SECONDS = 60.0


class Timeout(Exception):
    """No (complete) message within the time allowed."""


def read_exactly(fd: int, size: int, timeout: float | None) -> bytes:
    """``size`` bytes from ``fd``; ``EOFError`` at end of input, ``Timeout`` when they do not
    arrive within ``timeout`` seconds (``None``: wait as long as it takes)."""
    deadline = None if timeout is None else time.monotonic() + timeout
    parts: list[bytes] = []
    missing = size
    while missing:
        if deadline is not None:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                raise Timeout(f"no answer within {timeout:g} s")
        part = os.read(fd, min(missing, 1024 * 1024))
        if not part:
            raise EOFError("end of input")
        parts.append(part)
        missing -= len(part)
    return b"".join(parts)


def read_message(fd: int, timeout: float | None, body_timeout: float | None = None):
    """The next message: ``timeout`` for it to start, ``body_timeout`` for the rest."""
    (size,) = HEADER.unpack(read_exactly(fd, HEADER.size, timeout))
    if size > MAX_MESSAGE:
        raise EOFError(f"message of {size} bytes: the stream is broken")
    return pickle.loads(read_exactly(fd, size, body_timeout))


def write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def encode(message) -> bytes:
    """A message as it goes over the pipe: length and pickle."""
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    return HEADER.pack(len(data)) + data


def write_message(fd: int, message) -> None:
    write_all(fd, encode(message))


#: How a worker starts the process: as ``python -m workgroup.chart_worker`` would, but without
#: running ``workgroup/__init__.py``, which imports the views and with them the whole app
#: (SQLAlchemy, WTForms, ...): that cost 26 MiB and 0.7 s more for every start (measured 109
#: against 83 MiB, 2.0 against 1.3 s for the first chart), and a start follows every idle pause.
#: The packages are empty modules with the real paths, so ``workgroup.charts`` (and
#: ``reports.infographic`` for the infographic picture) import as usual.
PACKAGES = ("workgroup", "reports")
_BOOT = (
    "import os, sys, types\n"
    "root = sys.argv.pop(1)\n"
    f"for name in {PACKAGES!r}:\n"
    "    package = types.ModuleType(name)\n"
    "    package.__path__ = [os.path.join(root, name)]\n"
    "    sys.modules[name] = package\n"
    "from workgroup.chart_worker import main\n"
    "sys.exit(main())"
)


def command(idle: float | None = None) -> list[str]:
    """The command that starts a chart process (run it in the project root)."""
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    args = [sys.executable, "-c", _BOOT, root]
    return args if idle is None else [*args, "--idle", f"{idle:g}"]


# --- the child ----------------------------------------------------------------------------


def _apps():
    """A minimal Flask app with Flask-Babel per (translation directories, domain)."""
    from flask import Flask
    from flask_babel import Babel

    apps: dict[tuple, Flask] = {}

    def app_for(directories: tuple[str, ...], domain: str) -> Flask:
        key = (directories, domain)
        if key not in apps:
            app = Flask("workgroup.chart_worker")
            app.config.update(
                BABEL_TRANSLATION_DIRECTORIES=";".join(directories),
                BABEL_DOMAIN=domain,
                LDD_CHART_PROCESS=False,
            )
            Babel(app, configure_jinja=False)
            apps[key] = app
        return apps[key]

    return app_for


def _draw(app_for, chart, dpi: int, context) -> bytes:
    if context is None:  # as charts.py draws outside an app: no translations, Dutch formats
        return chart._png(dpi)
    from flask_babel import force_locale

    locale, directories, domain = context
    with app_for(tuple(directories), domain).app_context(), force_locale(locale):
        return chart._png(dpi)


def serve(in_fd: int, out_fd: int, idle: float) -> None:
    """Answer requests until end of input or ``idle`` seconds without one."""
    import workgroup.charts  # noqa: F401  (the chart classes, and matplotlib with the first)

    app_for = _apps()
    while True:
        try:
            request = read_message(in_fd, idle)
        except (EOFError, Timeout):
            return
        except Exception as error:  # noqa: BLE001 - a request that does not unpickle
            write_message(out_fd, ("error", f"bad request: {error!r}"))
            continue
        try:
            chart, dpi, context = request
            answer = ("ok", _draw(app_for, chart, dpi, context))
        except Exception:  # noqa: BLE001 - the worker falls back and logs this
            answer = ("error", traceback.format_exc(limit=5))
        try:
            write_message(out_fd, answer)
        except BrokenPipeError:  # the worker is gone
            return


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    idle = float(os.environ.get("LDD_CHART_IDLE_SECONDS") or IDLE_SECONDS)
    if len(args) == 2 and args[0] == "--idle":
        idle = float(args[1])
    elif args:
        print("usage: python -m workgroup.chart_worker [--idle SECONDS]", file=sys.stderr)
        return 2
    # The worker's Ctrl-C reaches this process group too; the end of input stops it instead.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # Only answers go to the real stdout: anything printed (also by C code) goes to stderr.
    out_fd = os.dup(1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    # Never ask a chart process from the chart process.
    os.environ["LDD_CHART_PROCESS"] = "0"
    serve(0, out_fd, idle)
    return 0


if __name__ == "__main__":
    sys.exit(main())
