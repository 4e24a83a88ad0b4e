"""Running behind a TLS reverse proxy (docs/deploy.md): with ``LDD_BEHIND_PROXY=1`` the app
trusts one proxy's X-Forwarded-* headers, so it knows a request came in over HTTPS (and sends
HSTS) and which client sent it; without the setting those headers are ignored, as anyone
could send them."""

from __future__ import annotations

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
