"""Two-step login (TOTP): turning it on and off, the code step of the login, and its limits.

Every code here is a real one, made by pyotp from the secret the app stored, as an
authenticator app on a phone would make it.
"""

from __future__ import annotations

import html
import re
import time

import pyotp
import pytest
from flask_babel import force_locale, gettext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app import db
from tests.conftest import PASSWORD, CSRFClient
from workgroup import twofactor
from workgroup.models import AuditEvent, DomainError, User, utcnow

CHAIR = "voorzitter@example.nl"
MEMBER = "ouder@example.nl"
DIRECTOR = "directeur@example.nl"
SETUP = "/account/two-factor"
OFF = "/account/two-factor/off"
CODE_STEP = "/login/code"


def nl(app, msgid: str, **values) -> str:
    """The Dutch text the app shows for ``msgid`` (the msgid itself while untranslated)."""
    with app.test_request_context(), force_locale("nl"):
        return gettext(msgid, **values)


def _text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def _user(email: str) -> User:
    return db.session.scalar(db.select(User).where(User.email == email))


def _turn_on(app, email: str = CHAIR) -> pyotp.TOTP:
    """Two-step login on for ``email``, as if confirmed long ago; returns the app's TOTP."""
    with app.app_context():
        user = _user(email)
        user.totp_secret = pyotp.random_base32()
        user.totp_enabled_at = utcnow()
        user.totp_last_step = None
        db.session.commit()
        return pyotp.TOTP(user.totp_secret)


def _state(app, email: str = CHAIR) -> tuple[str | None, object, int | None]:
    with app.app_context():
        user = _user(email)
        return user.totp_secret, user.totp_enabled_at, user.totp_last_step


def _password_step(client: CSRFClient, email: str = CHAIR, **kwargs):
    return client.post(
        "/login", data={"email": email, "password": PASSWORD, "next": "/people"}, **kwargs
    )


def _logged_in(client: CSRFClient) -> bool:
    return client.get("/account/password").status_code == 200


def _wrong(totp: pyotp.TOTP) -> str:
    """Six digits that no step around now accepts."""
    now = time.time()
    valid = {totp.at(now + d) for d in (-60, -30, 0, 30, 60)}
    return next(c for c in ("000000", "111111", "222222", "333333") if c not in valid)


def _audit_actions(app) -> list[tuple[str, int | None]]:
    with app.app_context():
        return [
            (e.action, e.school_id)
            for e in db.session.scalars(
                db.select(AuditEvent)
                .where(AuditEvent.action.like("%two_factor"))
                .order_by(AuditEvent.id)
            )
        ]


# --- turning it on -----------------------------------------------------------------------


def test_chair_turns_it_on_with_the_first_code_from_the_app(app, demo, chair):
    page = chair.get(SETUP)
    assert page.status_code == 200
    body = page.get_data(as_text=True)
    secret, enabled_at, _ = _state(app)
    assert secret and enabled_at is None  # enrolling: a secret, not on yet
    # the QR code is inline SVG without any style the CSP would block, and the key is shown
    # in groups of four for typing
    svg = re.search(r"<svg.*?</svg>", body, re.S).group(0)
    assert "<path" in svg and "style" not in svg
    assert "style=" not in body and "<style" not in body
    assert twofactor.grouped(secret) in body
    assert " ".join(secret[i : i + 4] for i in range(0, 8, 4)) in body
    # a reload shows the same secret (the app scanned already keeps working)
    chair.get(SETUP)
    assert _state(app)[0] == secret

    wrong = chair.post(SETUP, data={"code": _wrong(pyotp.TOTP(secret))})
    assert wrong.status_code == 422
    assert nl(app, "This code is not correct. Check the time on your phone and retry.") in _text(
        wrong
    )
    assert _state(app)[1] is None

    right = chair.post(SETUP, data={"code": pyotp.TOTP(secret).now()})
    assert right.status_code == 302
    secret_after, enabled_at, last_step = _state(app)
    assert secret_after == secret and enabled_at is not None and last_step is not None
    assert _audit_actions(app) == [("enable_two_factor", demo.school_id)]
    # the account page says so and links to it
    account = _text(chair.get("/account/password"))
    on = "Two-step login is on: after your password, LDD asks for a code from your app."
    assert nl(app, on) in account
    assert SETUP in account
    # the audit log shows it with a label, not the code
    log = _text(chair.get("/audit"))
    assert nl(app, "turned on two-step login") in log


def test_the_code_may_have_spaces_but_must_be_six_digits(app, demo, chair):
    chair.get(SETUP)
    totp = pyotp.TOTP(_state(app)[0])
    for bad in ("12345", "1234567", "abcdef", "١٢٣٤٥٦"):
        response = chair.post(SETUP, data={"code": bad})
        assert response.status_code == 422, bad
        assert nl(app, "Enter the 6 digits that your app shows.") in _text(response)
    code = totp.now()
    assert chair.post(SETUP, data={"code": f" {code[:3]} {code[3:]} "}).status_code == 302
    assert _state(app)[1] is not None


@pytest.mark.parametrize("email", [DIRECTOR, "beheer@example.nl"], ids=["director", "admin"])
def test_directors_and_administrators_may_turn_it_on(app, demo, admin, email):
    client = app.test_client()
    client.login(email)
    assert "<svg" in client.get(SETUP).get_data(as_text=True)
    secret = _state(app, email)[0]
    assert client.post(SETUP, data={"code": pyotp.TOTP(secret).now()}).status_code == 302
    assert _state(app, email)[1] is not None


def test_a_member_cannot_turn_it_on(app, demo, member):
    page = member.get(SETUP)
    assert page.status_code == 200
    text = _text(page)
    assert (
        nl(
            app,
            "Two-step login is available for chairs and directors: their accounts open the most. "
            "Your role does not need it; a good password is enough.",
        )
        in text
    )
    assert "<svg" not in text
    # a post with any code stores nothing, and the account page offers nothing
    response = member.post(SETUP, data={"code": "123456"})
    assert response.status_code == 200 and "<svg" not in response.get_data(as_text=True)
    assert _state(app, MEMBER) == (None, None, None)
    assert SETUP not in member.get("/account/password").get_data(as_text=True)
    with app.test_request_context():
        user = _user(MEMBER)
        with pytest.raises(DomainError):
            twofactor.enrolment_secret(user)
        user.totp_secret = pyotp.random_base32()  # even with a secret somehow in place
        with pytest.raises(DomainError):
            twofactor.confirm_enrolment(user, pyotp.TOTP(user.totp_secret).now())
        db.session.rollback()
    assert _audit_actions(app) == []


# --- the login -----------------------------------------------------------------------------


def test_login_asks_for_the_code_and_logs_in_only_after_it(app, demo):
    totp = _turn_on(app)
    client = app.test_client()
    response = _password_step(client)
    assert response.status_code == 302
    assert response.headers["Location"].startswith(CODE_STEP)
    # not logged in yet: the session holds only who waits, and since when
    assert not _logged_in(client)
    with client.session_transaction() as session:
        assert "_user_id" not in session
        pending = session[twofactor.PENDING]
        assert set(pending) == {"user_id", "at"}
        assert abs(pending["at"] - time.time()) < 5
    page = client.get(response.headers["Location"])
    assert page.status_code == 200
    assert 'autocomplete="one-time-code"' in page.get_data(as_text=True)

    wrong = client.post(CODE_STEP, data={"code": _wrong(totp)})
    assert wrong.status_code == 422
    assert nl(app, "This code is not correct. Check the time on your phone and retry.") in _text(
        wrong
    )
    assert not _logged_in(client)

    right = client.post(CODE_STEP, data={"code": totp.now(), "next": "/people"})
    assert right.status_code == 302 and right.headers["Location"] == "/people"
    assert _logged_in(client)
    with client.session_transaction() as session:
        assert twofactor.PENDING not in session
    assert abs(_state(app)[2] - int(time.time() // 30)) <= 1


def test_the_next_page_survives_the_code_step(app, demo):
    totp = _turn_on(app)
    client = app.test_client()
    location = _password_step(client).headers["Location"]
    page = client.get(location).get_data(as_text=True)
    next_value = re.search(r'name="next"[^>]*value="([^"]*)"', page) or re.search(
        r'value="([^"]*)"[^>]*name="next"', page
    )
    assert next_value.group(1) == "/people"
    response = client.post(CODE_STEP, data={"code": totp.now(), "next": "//evil.example"})
    assert response.headers["Location"] == "/"  # only paths of this site


def test_a_used_code_is_refused_the_second_time(app, demo):
    totp = _turn_on(app)
    code = totp.now()
    first = app.test_client()
    _password_step(first)
    assert first.post(CODE_STEP, data={"code": code}).status_code == 302
    # someone who saw the code (over a shoulder, a logged request) tries it too
    second = app.test_client()
    _password_step(second)
    reused = second.post(CODE_STEP, data={"code": code})
    assert reused.status_code == 422
    used = nl(app, "This code has been used already. Wait until your app shows a new code.")
    assert used in _text(reused)
    assert not _logged_in(second)


def test_steps_around_now_are_accepted_once_and_older_ones_never(app, demo):
    """valid_window=1: the previous and the next time step count too (clocks drift), but a
    step at or before the last accepted one never does."""
    totp = _turn_on(app)
    now = time.time()
    wrong = re.escape(nl(app, "This code is not correct. Check the time on your phone and retry."))
    used = re.escape(
        nl(app, "This code has been used already. Wait until your app shows a new code.")
    )
    with app.test_request_context():
        user = _user(CHAIR)
        step = int(now // 30)
        for far in (now - 90, now + 90):
            with pytest.raises(DomainError, match=wrong):
                twofactor.check_login_code(user, totp.at(far), now=now)
        assert user.totp_last_step is None
        twofactor.check_login_code(user, totp.at(now + 30), now=now)  # the phone runs ahead
        assert user.totp_last_step == step + 1
        for older in (now - 30, now, now + 30):
            with pytest.raises(DomainError, match=used):
                twofactor.check_login_code(user, totp.at(older), now=now)
        db.session.commit()
        # 30 seconds later the next step is new, and accepted
        twofactor.check_login_code(user, totp.at(now + 60), now=now + 30)
        assert user.totp_last_step == step + 2
        db.session.commit()


def test_the_code_step_expires_after_five_minutes(app, demo):
    totp = _turn_on(app)
    client = app.test_client()
    _password_step(client)
    with client.session_transaction() as session:
        pending = session[twofactor.PENDING]
        expired = pending["at"] - twofactor.PENDING_SECONDS - 1
        session[twofactor.PENDING] = {**pending, "at": expired}
    response = client.post(CODE_STEP, data={"code": totp.now()})
    assert response.status_code == 302 and response.headers["Location"] == "/login"
    assert not _logged_in(client)
    assert nl(app, "The time to enter the code has run out. Log in again.") in _text(
        client.get("/login")
    )
    assert _state(app)[2] is None  # the code was not even looked at
    with client.session_transaction() as session:
        assert twofactor.PENDING not in session
    # the same code after a fresh password step still works: nothing was spent
    _password_step(client)
    assert client.post(CODE_STEP, data={"code": totp.now()}).status_code == 302
    assert _logged_in(client)


def test_the_code_step_without_a_valid_password_step_goes_back_to_login(app, demo):
    _turn_on(app)
    for pending in (None, "junk", {"user_id": "1", "at": 0}, {"at": 1}, {"user_id": 1, "at": "x"}):
        client = app.test_client()
        if pending is not None:
            with client.session_transaction() as session:
                session[twofactor.PENDING] = pending
        for response in (client.get(CODE_STEP), client.post(CODE_STEP, data={"code": "123456"})):
            assert response.status_code == 302, pending
            assert response.headers["Location"] == "/login", pending
        assert not _logged_in(client)


def test_a_pending_login_of_someone_who_turned_it_off_meanwhile_is_void(app, demo):
    totp = _turn_on(app)
    client = app.test_client()
    _password_step(client)
    with app.app_context():
        twofactor.reset(_user(CHAIR))
        db.session.commit()
    assert client.post(CODE_STEP, data={"code": totp.now()}).status_code == 302
    assert not _logged_in(client)


def test_without_two_step_login_the_password_is_enough(app, demo):
    client = app.test_client()
    response = _password_step(client)
    assert response.headers["Location"] == "/people"
    assert _logged_in(client)


def test_the_code_step_is_rate_limited_per_address_and_per_account(app, demo):
    app.config["LOGIN_RATE_LIMIT"] = "3 per minute"
    totp = _turn_on(app)
    wrong = _wrong(totp)
    attacker = app.test_client()
    _password_step(attacker)
    for _ in range(3):
        assert attacker.post(CODE_STEP, data={"code": wrong}).status_code == 422
    blocked = attacker.post(CODE_STEP, data={"code": totp.now()})
    assert blocked.status_code == 429
    assert nl(app, "Too many login attempts. Wait a few minutes and try again.") in _text(blocked)
    assert not _logged_in(attacker)
    # from another address the password step works, but the account's code step stays shut
    other = app.test_client()
    elsewhere = {"REMOTE_ADDR": "192.0.2.7"}
    assert _password_step(other, environ_base=elsewhere).status_code == 302
    still = other.post(CODE_STEP, data={"code": totp.now()}, environ_base=elsewhere)
    assert still.status_code == 429
    assert _state(app)[2] is None


# --- turning it off ------------------------------------------------------------------------


def test_turning_it_off_needs_the_password_and_a_current_code(app, demo):
    totp = _turn_on(app)
    client = app.test_client()
    _password_step(client)
    client.post(CODE_STEP, data={"code": totp.now()})
    assert _logged_in(client)
    page = _text(client.get(SETUP))
    assert nl(app, "Turn off two-step login") in page and "<svg" not in page

    bad_password = client.post(OFF, data={"password": "niet mijn wachtwoord", "code": "123456"})
    assert bad_password.status_code == 422
    assert nl(app, "Your password is not correct.") in _text(bad_password)
    no_code = client.post(OFF, data={"password": PASSWORD, "code": "12"})
    assert no_code.status_code == 422
    # the code used to log in is spent; it cannot turn it off either
    used = client.post(OFF, data={"password": PASSWORD, "code": totp.at(time.time() - 30)})
    assert used.status_code == 422
    assert _state(app)[1] is not None

    # the next time step, as the app shows it 30 seconds later
    with app.app_context():
        next_code = totp.generate_otp(_user(CHAIR).totp_last_step + 1)
    off = client.post(OFF, data={"password": PASSWORD, "code": next_code})
    assert off.status_code == 302
    assert _state(app) == (None, None, None)
    assert _audit_actions(app) == [("disable_two_factor", demo.school_id)]
    assert nl(app, "Two-step login is off. You log in with your password only.") in _text(
        client.get(off.headers["Location"])
    )
    # and the next login asks for the password only
    fresh = app.test_client()
    assert _password_step(fresh).headers["Location"] == "/people"


def test_reset_two_factor_command_for_a_lost_phone(app, demo, runner):
    _turn_on(app)
    result = runner.invoke(args=["reset-two-factor", "--email", "Voorzitter@Example.nl"])
    assert result.exit_code == 0, result.output
    assert _state(app) == (None, None, None)
    assert ("disable_two_factor", demo.school_id) in _audit_actions(app)
    unknown = runner.invoke(args=["reset-two-factor", "--email", "niemand@example.nl"])
    assert unknown.exit_code != 0 and "niemand@example.nl" in unknown.output


# --- random input in the code step ---------------------------------------------------------


def test_random_input_in_the_code_step_of_a_waiting_login(app, demo):
    from tests.test_forms_fuzz import TEXT, _unescaped

    totp = _turn_on(app)
    client = app.test_client()
    _password_step(client)
    token = client.csrf_token()

    @settings(
        max_examples=40,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(code=TEXT, next_=TEXT, htmx=st.booleans())
    def post(code, next_, htmx):
        headers = {"HX-Request": "true"} if htmx else {}
        body = {"code": code, "next": next_, "csrf_token": token}
        response = client.post(CODE_STEP, data=body, headers=headers, csrf=False)
        assert response.status_code in (413, 422) or (
            response.status_code in (204, 302) and code.replace(" ", "") == totp.now()
        ), (response.status_code, code)
        assert not _unescaped(response.get_data(as_text=True))

    post()
    assert not _logged_in(client)


# --- for the CSRF part of tests/test_access_matrix.py --------------------------------------


def _prepare_setup(app, worker) -> dict[str, str]:
    """The chair is enrolling: a secret is stored; the code is what the app shows now."""
    with app.test_request_context():
        secret = twofactor.enrolment_secret(_user(CHAIR))
        db.session.commit()
    return {"{totp}": pyotp.TOTP(secret).now()}


def _prepare_on(app, worker) -> dict[str, str]:
    return {"{totp}": _turn_on(app).now()}


def _prepare_code_step(app, worker) -> dict[str, str]:
    """The chair has two-step login on and ``worker`` has passed the password step."""
    totp = _turn_on(app)
    assert _password_step(worker).status_code == 302
    return {"{totp}": totp.now()}


#: Per POST route of the two-step login: makes the state in which its working body works and
#: returns the placeholders for it.
TWO_FACTOR_PREPARE = {
    "workgroup.two_factor": _prepare_setup,
    "workgroup.disable_two_factor": _prepare_on,
    "workgroup.login_code": _prepare_code_step,
}


def test_every_two_factor_route_is_prepared_for_the_csrf_test(app):
    routes = {
        r.endpoint
        for r in app.url_map.iter_rules()
        if r.endpoint in ("workgroup.login_code",) or "two_factor" in r.endpoint
    }
    assert routes == set(TWO_FACTOR_PREPARE)


def test_an_administrator_without_a_school_gets_an_event_without_a_school(app, demo, admin):
    admin.get(SETUP)
    with app.app_context():
        totp = pyotp.TOTP(_user("beheer@example.nl").totp_secret)
    assert admin.post(SETUP, data={"code": totp.now()}).status_code == 302
    assert _audit_actions(app) == [("enable_two_factor", None)]
