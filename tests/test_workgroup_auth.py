"""Login, logout, password, rate limit, language, demo logins."""

from app import db
from workgroup.models import User


def test_login_with_wrong_password_says_so_in_dutch_and_does_not_log_in(client, demo):
    response = client.post(
        "/login", data={"email": "voorzitter@example.nl", "password": "verkeerd wachtwoord"}
    )
    assert response.status_code == 422
    assert "Dit e-mailadres en wachtwoord horen niet bij elkaar." in response.get_data(as_text=True)
    assert client.get("/years/2026/").status_code == 302


def test_login_then_dashboard_shows_the_year(chair):
    response = chair.get("/", follow_redirects=True)
    assert response.request.path == "/years/2026/"
    html = response.get_data(as_text=True)
    assert "Schooljaar 2026–2027" in html
    assert "OBS De Regenboog (demo)" in html


def test_logout_needs_post_and_ends_the_session(chair):
    assert chair.get("/logout").status_code == 405
    chair.post("/logout")
    assert chair.get("/years/2026/").status_code == 302


def test_login_is_rate_limited_with_a_dutch_message(app, client, demo):
    app.config["LOGIN_RATE_LIMIT"] = "3 per minute"
    for _ in range(3):
        client.post("/login", data={"email": "voorzitter@example.nl", "password": "nee nee nee"})
    response = client.post(
        "/login", data={"email": "voorzitter@example.nl", "password": "correct horse battery"}
    )
    assert response.status_code == 429
    assert "Te veel inlogpogingen" in response.get_data(as_text=True)


def test_change_password_checks_length_and_current(app, member):
    short = member.post(
        "/account/password",
        data={"current": "correct horse battery", "password": "kort", "confirm": "kort"},
    )
    assert short.status_code == 422
    assert "minstens 12 tekens" in short.get_data(as_text=True)
    wrong = member.post(
        "/account/password",
        data={
            "current": "fout fout fout",
            "password": "een lange zin hier",
            "confirm": "een lange zin hier",
        },
    )
    assert wrong.status_code == 422
    ok = member.post(
        "/account/password",
        data={
            "current": "correct horse battery",
            "password": "een lange zin hier",
            "confirm": "een lange zin hier",
        },
    )
    assert ok.status_code == 302
    with app.app_context():
        user = db.session.scalar(db.select(User).where(User.email == "ouder@example.nl"))
        assert user.check_password("een lange zin hier")


def test_demo_logins_only_shown_in_demo_mode(app, client, demo):
    app.config["DEMO_MODE"] = False
    assert "voorzitter@example.nl" not in client.get("/login").get_data(as_text=True)
    app.config["DEMO_MODE"] = True
    html = client.get("/login").get_data(as_text=True)
    assert "voorzitter@example.nl" in html and "ldd-demo" in html


def test_language_switch_to_english_and_back(chair):
    chair.post("/language", data={"lang": "en", "next": "/years/2026/"})
    assert "School year 2026–2027" in chair.get("/years/2026/").get_data(as_text=True)
    chair.post("/language", data={"lang": "nl"})
    assert "Schooljaar 2026–2027" in chair.get("/years/2026/").get_data(as_text=True)


def test_healthz_reports_ok(client):
    response = client.get("/healthz")
    assert response.get_json() == {"status": "ok"}
