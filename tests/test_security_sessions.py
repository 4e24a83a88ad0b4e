"""Sessions and cookies (lifetime, renewal, Secure in production) and the password minimum on
every way a password is set."""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

import pytest
from flask_babel import force_locale, gettext

from app import create_app, db
from tests.conftest import PASSWORD
from workgroup import services
from workgroup.models import DomainError, Invitation, Role, School, User

CHAIR = "voorzitter@example.nl"
ELEVEN = "elf tekens!"
assert len(ELEVEN) == 11 == services.MIN_PASSWORD_LENGTH - 1


def nl(app, msgid: str, **values) -> str:
    with app.test_request_context(), force_locale("nl"):
        return gettext(msgid, **values)


def _session_cookie(response) -> str:
    (cookie,) = [c for c in response.headers.getlist("Set-Cookie") if c.startswith("session=")]
    return cookie


def _expires(cookie: str) -> datetime:
    (value,) = [p.split("=", 1)[1] for p in cookie.split("; ") if p.startswith("Expires=")]
    return parsedate_to_datetime(value)


# --- lifetime ------------------------------------------------------------------------------


def test_a_session_lasts_eight_hours_after_the_last_request(app, demo, client):
    assert app.config["PERMANENT_SESSION_LIFETIME"] == timedelta(hours=8)
    response = client.post("/login", data={"email": CHAIR, "password": PASSWORD})
    cookie = _session_cookie(response)
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    left = _expires(cookie) - datetime.now(UTC)
    assert timedelta(hours=7, minutes=59) < left <= timedelta(hours=8, seconds=1)
    # every request renews it: the cookie comes back with a fresh expiry
    time.sleep(1.1)
    renewed = _session_cookie(client.get("/account/password"))
    assert _expires(renewed) > _expires(cookie)


def test_an_old_session_is_refused_by_the_server_not_only_by_the_browser(app, demo, client):
    app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(seconds=1)
    client.post("/login", data={"email": CHAIR, "password": PASSWORD})
    assert client.get("/account/password").status_code == 200
    time.sleep(2.2)
    # the test client keeps sending the cookie; the signature's age is what counts
    response = client.get("/account/password")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")


def test_the_health_check_sets_no_cookie(client):
    assert "Set-Cookie" not in client.get("/healthz").headers


def _fresh_config(monkeypatch, **env) -> dict:
    for name in ("LDD_ENV", "LDD_SECURE_COOKIES", "LDD_SESSION_HOURS"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("SECRET_KEY", "test-secret")
    return create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://"}).config


def test_the_session_length_follows_ldd_session_hours(monkeypatch):
    assert _fresh_config(monkeypatch)["PERMANENT_SESSION_LIFETIME"] == timedelta(hours=8)
    config = _fresh_config(monkeypatch, LDD_SESSION_HOURS="2")
    assert config["PERMANENT_SESSION_LIFETIME"] == timedelta(hours=2)
    assert config["SESSION_REFRESH_EACH_REQUEST"] is True
    for wrong in ("acht", "0", "-3", "100000"):
        with pytest.raises(RuntimeError, match="LDD_SESSION_HOURS"):
            _fresh_config(monkeypatch, LDD_SESSION_HOURS=wrong)


@pytest.mark.parametrize(
    ("env", "secure"),
    [
        ({}, False),
        ({"LDD_SECURE_COOKIES": "1"}, True),
        ({"LDD_ENV": "production"}, True),
        ({"LDD_ENV": "Production"}, True),
        ({"LDD_ENV": "production", "LDD_SECURE_COOKIES": "0"}, False),
        ({"LDD_ENV": "development"}, False),
    ],
    ids=["default", "flag", "production", "production-case", "production-opt-out", "dev"],
)
def test_cookies_are_secure_in_production_by_default(monkeypatch, env, secure):
    config = _fresh_config(monkeypatch, **env)
    assert config["SESSION_COOKIE_SECURE"] is secure
    assert config["REMEMBER_COOKIE_SECURE"] is secure


def test_a_secure_session_cookie_says_so(app, demo, client):
    app.config["SESSION_COOKIE_SECURE"] = True
    client.post("/login", data={"email": CHAIR, "password": PASSWORD})  # over HTTP: ignored
    token = client.csrf_token()
    response = client.post(
        "/login",
        data={"email": CHAIR, "password": PASSWORD, "csrf_token": token},
        base_url="https://localhost",
        headers={"Referer": "https://localhost/login"},
        csrf=False,
    )
    assert "Secure" in _session_cookie(response).split("; ")


# --- the password minimum ------------------------------------------------------------------


FORM_MESSAGE = "Choose a password of at least %(min)d characters."


def test_accepting_an_invitation_refuses_an_eleven_character_password(app, demo, client):
    with app.test_request_context():
        school = db.session.get(School, demo.school_id)
        chair = db.session.scalar(db.select(User).where(User.email == CHAIR))
        invitation, token = services.create_invitation(
            school, email="nieuw@example.nl", role=Role.member, created_by=chair
        )
        db.session.commit()
        invitation_id = invitation.id
    response = client.post(
        f"/invite/{token}",
        data={"display_name": "Nieuw", "password": ELEVEN, "confirm": ELEVEN},
    )
    assert response.status_code == 422
    assert nl(app, FORM_MESSAGE, min=12) in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(db.select(User).where(User.email == "nieuw@example.nl")) is None
        assert db.session.get(Invitation, invitation_id).accepted_at is None
    twelve = ELEVEN + "x"
    ok = client.post(
        f"/invite/{token}", data={"display_name": "Nieuw", "password": twelve, "confirm": twelve}
    )
    assert ok.status_code == 302


def test_the_first_chair_of_a_new_school_cannot_choose_eleven_characters(app, admin):
    """The administrator creates the school; its chair sets a password through the link."""
    response = admin.post(
        "/admin/schools", data={"name": "Nieuwe school", "chair_email": "chair@example.nl"}
    )
    assert response.status_code == 200
    link = response.get_data(as_text=True).split("/invite/")[1].split('"')[0].split("<")[0]
    anonymous = app.test_client()
    refused = anonymous.post(
        f"/invite/{link}", data={"display_name": "Chair", "password": ELEVEN, "confirm": ELEVEN}
    )
    assert refused.status_code == 422
    assert nl(app, FORM_MESSAGE, min=12) in refused.get_data(as_text=True)


def test_changing_the_password_refuses_eleven_characters(app, demo, chair):
    response = chair.post(
        "/account/password", data={"current": PASSWORD, "password": ELEVEN, "confirm": ELEVEN}
    )
    assert response.status_code == 422
    assert nl(app, FORM_MESSAGE, min=12) in response.get_data(as_text=True)
    with app.app_context():
        user = db.session.scalar(db.select(User).where(User.email == CHAIR))
        assert user.check_password(PASSWORD)


def test_the_services_and_the_command_line_refuse_eleven_characters(app, demo, runner):
    message = nl(app, "Choose a password of at least %(n)d characters.", n=12)
    with app.test_request_context():
        with pytest.raises(DomainError, match=re.escape(message)):
            services.create_user("kort@example.nl", "Kort", ELEVEN)
        user = db.session.scalar(db.select(User).where(User.email == CHAIR))
        with pytest.raises(DomainError, match=re.escape(message)):
            services.change_password(user, PASSWORD, ELEVEN)
        db.session.rollback()
    result = runner.invoke(
        args=["create-admin", "--email", "beheer2@example.nl"], input=f"{ELEVEN}\n{ELEVEN}\n"
    )
    assert result.exit_code != 0
    assert message in result.output
    with app.app_context():
        assert db.session.scalar(db.select(User).where(User.email == "beheer2@example.nl")) is None
