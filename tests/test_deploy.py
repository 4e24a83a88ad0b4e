"""Running behind a TLS reverse proxy (docs/deploy.md): with ``LDD_BEHIND_PROXY=1`` the app
trusts one proxy's X-Forwarded-* headers, so it knows a request came in over HTTPS (and sends
HSTS) and which client sent it; without the setting those headers are ignored, as anyone
could send them."""

from __future__ import annotations

import importlib.util
import platform
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from flask import request

from app import create_app

CONFIG = {"TESTING": True, "SECRET_KEY": "deploy-test", "SQLALCHEMY_DATABASE_URI": "sqlite://"}
HSTS = "Strict-Transport-Security"


def _app(monkeypatch, behind_proxy: bool):
    if behind_proxy:
        monkeypatch.setenv("LDD_BEHIND_PROXY", "1")
    else:
        monkeypatch.delenv("LDD_BEHIND_PROXY", raising=False)
    app = create_app(CONFIG, migrations=False)

    @app.get("/_client")
    def client_address():
        return f"{request.remote_addr} {request.scheme} {request.host}"

    return app


def test_behind_the_proxy_https_is_recognised_and_gets_hsts(monkeypatch):
    client = _app(monkeypatch, behind_proxy=True).test_client()
    forwarded = client.get("/healthz", headers={"X-Forwarded-Proto": "https"})
    assert forwarded.status_code == 200
    assert forwarded.headers[HSTS].startswith("max-age=31536000")
    plain = client.get("/healthz")
    assert HSTS not in plain.headers


def test_behind_the_proxy_the_client_address_scheme_and_host_come_from_it(monkeypatch):
    client = _app(monkeypatch, behind_proxy=True).test_client()
    response = client.get(
        "/_client",
        headers={
            "X-Forwarded-For": "203.0.113.7",
            "X-Forwarded-Proto": "https",
            "X-Forwarded-Host": "ldd.school.example",
        },
        environ_base={"REMOTE_ADDR": "127.0.0.1"},
    )
    assert response.get_data(as_text=True) == "203.0.113.7 https ldd.school.example"


def test_without_the_setting_forwarded_headers_are_not_trusted(monkeypatch):
    client = _app(monkeypatch, behind_proxy=False).test_client()
    forwarded = client.get("/healthz", headers={"X-Forwarded-Proto": "https"})
    assert forwarded.status_code == 200
    assert HSTS not in forwarded.headers
    response = client.get(
        "/_client",
        headers={"X-Forwarded-For": "203.0.113.7", "X-Forwarded-Proto": "https"},
        environ_base={"REMOTE_ADDR": "127.0.0.1"},
    )
    assert response.get_data(as_text=True) == "127.0.0.1 http localhost"


def test_the_web_app_leaves_out_the_migration_commands(monkeypatch):
    """``create_app(migrations=False)`` (deploy/gunicorn.conf.py) has no ``flask db``."""
    assert "db" not in _app(monkeypatch, behind_proxy=False).cli.commands
    assert "db" in create_app(CONFIG).cli.commands


# --- gunicorn: memory back to the system after each request ------------------------------

GUNICORN_CONF = Path(__file__).resolve().parent.parent / "deploy" / "gunicorn.conf.py"


def _gunicorn_conf():
    spec = importlib.util.spec_from_file_location("gunicorn_conf_under_test", GUNICORN_CONF)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def conf():
    return _gunicorn_conf()


def _response(*headers):
    return SimpleNamespace(headers=list(headers))


def test_after_a_download_garbage_is_collected_and_the_heap_trimmed(conf, monkeypatch):
    calls = []
    monkeypatch.setattr(conf, "gc", SimpleNamespace(collect=lambda: calls.append("collect")))
    monkeypatch.setattr(conf, "_MALLOC_TRIM", lambda pad: calls.append(f"trim {pad}"))
    document = _response(
        ("Content-Type", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("content-disposition", "Attachment; filename=year-report-2026-2027.docx"),
    )
    conf.post_request(None, None, {}, document)
    assert calls == ["collect", "trim 0"]
    calls.clear()
    page = _response(("Content-Type", "text/html; charset=utf-8"))
    conf.post_request(None, None, {}, page)
    inline = _response(("Content-Disposition", "inline"))
    conf.post_request(None, None, {}, inline)
    assert calls == ["trim 0", "trim 0"]  # a page only gives back what is free already


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or platform.libc_ver()[0] != "glibc",
    reason="glibc only",
)
def test_on_glibc_the_heap_is_trimmed(conf):
    assert conf._MALLOC_TRIM is not None
    assert conf.trim_heap() is True


@pytest.mark.parametrize(("system", "libc"), [("darwin", ("", "")), ("linux", ("", ""))])
def test_without_glibc_trimming_is_a_no_op(monkeypatch, system, libc):
    """macOS, or Linux with musl (Alpine): no ``malloc_trim``, nothing happens, no error."""
    monkeypatch.setattr(sys, "platform", system)
    monkeypatch.setattr("platform.libc_ver", lambda *args, **kwargs: libc)
    conf = _gunicorn_conf()
    assert conf._MALLOC_TRIM is None
    assert conf.trim_heap() is False
    conf.post_request(None, None, {}, _response(("Content-Disposition", "attachment")))


def test_when_libc_cannot_be_loaded_trimming_is_a_no_op(monkeypatch):
    def refuse(name):
        raise OSError(f"{name}: cannot open shared object file")

    monkeypatch.setattr("ctypes.CDLL", refuse)
    monkeypatch.setattr("platform.libc_ver", lambda *args, **kwargs: ("glibc", "2.36"))
    monkeypatch.setattr(sys, "platform", "linux")
    conf = _gunicorn_conf()
    assert conf.trim_heap() is False
