"""Browser journeys: the ``app`` fixture served on a free port, driven by Debian's chromium."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator

import pytest
from werkzeug.serving import make_server

#: Debian's chromium; ``playwright install`` (a downloaded browser) is never used.
CHROMIUM = "/usr/bin/chromium"
MISSING = "Debian chromium not installed: apt-get install chromium"


@pytest.fixture(scope="session", autouse=True)
def _require_chromium() -> None:
    """Without Debian's chromium the journeys cannot run: fail on CI, skip loudly elsewhere.
    Session-scoped and autouse, so it runs before pytest-playwright launches the browser."""
    if shutil.which(CHROMIUM) is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{MISSING} (CI=true: the browser journeys must run)", pytrace=False)
        pytest.skip(MISSING)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """Launch the system chromium headless (``--headed`` still works for debugging)."""
    return {
        "headless": True,
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def base_url() -> None:
    """No fixed base URL: every test gets its own server from ``live_server``.

    This also replaces pytest-playwright's fallback ``base_url`` fixture (used when
    pytest-base-url is not installed), which is defined as an instance method of a plugin
    object; pytest 9 deprecates that (PytestRemovedIn10Warning), and ``filterwarnings = error``
    would turn the warning into an error for every browser test."""
    return None


@pytest.fixture
def live_server(app) -> Iterator[str]:
    """Serve the test app in a background thread; yields the base URL, shuts down after."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
