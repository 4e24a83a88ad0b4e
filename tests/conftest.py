"""Shared fixtures: one migrated database per run (SQLite, or PostgreSQL via DATABASE_URL),
emptied after every test; clients logged in per role; the demo school as data."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import flask_migrate
import pytest
from flask.testing import FlaskClient

from app import create_app, db, limiter
from workgroup import services
from workgroup.demo import DEMO_PASSWORD, seed_demo
from workgroup.models import Cycle, Membership, Role, School, User

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "correct horse battery"
TOKEN = re.compile(r'"X-CSRFToken": "([^"]+)"')


def _compile_translations() -> None:
    """Tests read Dutch pages; make sure the catalogs are compiled (``make`` does this too)."""
    for po in (ROOT / "translations").glob("*/LC_MESSAGES/messages.po"):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            subprocess.run(
                [sys.executable, "-m", "babel.messages.frontend", "compile", "-d",
                 str(ROOT / "translations")],
                check=True, capture_output=True,
            )  # fmt: skip
            return


class CSRFClient(FlaskClient):
    """A test client that sends the CSRF token with every form, as the browser does."""

    def csrf_token(self) -> str:
        html = super().get("/login").get_data(as_text=True)
        return TOKEN.search(html).group(1)

    def post(self, *args, csrf: bool = True, **kwargs):
        data = kwargs.get("data")
        if csrf and (data is None or isinstance(data, dict)) and "json" not in kwargs:
            data = dict(data or {})
            data.setdefault("csrf_token", self.csrf_token())
            kwargs["data"] = data
        return super().post(*args, **kwargs)

    def login(self, email: str, password: str = PASSWORD):
        response = self.post("/login", data={"email": email, "password": password})
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        return response

    def htmx_get(self, url, **kwargs):
        return self.get(url, headers={"HX-Request": "true"}, **kwargs)

    def htmx_post(self, url, **kwargs):
        return self.post(url, headers={"HX-Request": "true"}, **kwargs)


@pytest.fixture(scope="session")
def _app(tmp_path_factory):
    _compile_translations()
    config = {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "LOGIN_RATE_LIMIT": "1000/minute",
        # Real hashing, fewer rounds: the suite hashes hundreds of passwords.
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
    }
    if not os.environ.get("DATABASE_URL"):
        path = tmp_path_factory.mktemp("db") / "test.sqlite3"
        config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{path}"
    app = create_app(config)
    app.test_client_class = CSRFClient
    with app.app_context():
        flask_migrate.upgrade()
    yield app
    with app.app_context():
        db.session.remove()
        flask_migrate.downgrade(revision="base")
        db.engine.dispose()  # close pooled connections (psycopg warns about open ones at exit)


@pytest.fixture
def app(_app):
    saved = dict(_app.config)
    yield _app
    _app.config.clear()
    _app.config.update(saved)
    if (pages := _app.extensions.get("ldd_page_cache")) is not None:
        pages.clear()
    with _app.app_context():
        db.session.remove()
        for table in reversed(db.metadata.sorted_tables):
            db.session.execute(table.delete())
        db.session.commit()
    limiter.reset()


@pytest.fixture
def ctx(app):
    """An application context for calling services directly."""
    with app.test_request_context():
        yield


@pytest.fixture
def client(app) -> CSRFClient:
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@dataclass
class Demo:
    school_id: int
    year: int
    other_school_id: int
    other_year: int


def make_school(name: str, chair_email: str, *, start_year: int | None = 2026) -> School:
    """A school with a chair (password ``PASSWORD``) and, by default, a started year."""
    school = services.create_school(name)
    chair = services.create_user(chair_email, "Chair " + name, PASSWORD)
    db.session.add(Membership(user=chair, school=school, role=Role.chair))
    if start_year:
        services.start_cycle(school, start_year, chair)
    db.session.flush()
    return school


def add_user(school: School, email: str, role: Role, name: str = "") -> User:
    user = services.create_user(email, name or email.split("@")[0], PASSWORD)
    db.session.add(Membership(user=user, school=school, role=role))
    db.session.flush()
    return user


@pytest.fixture
def demo(app) -> Demo:
    """The demo school (year 2026) plus a second school with its own chair and year."""
    with app.test_request_context():
        seed_demo(start_year=2026)
        for user in db.session.scalars(db.select(User)):
            user.set_password(PASSWORD)
        other = make_school("Basisschool Het Kompas", "kompas@example.nl")
        school = db.session.scalar(db.select(School).where(School.is_demo.is_(True)))
        db.session.commit()
        return Demo(school.id, 2026, other.id, 2026)


@pytest.fixture
def chair(app, demo) -> CSRFClient:
    client = app.test_client()
    client.login("voorzitter@example.nl")
    return client


@pytest.fixture
def member(app, demo) -> CSRFClient:
    client = app.test_client()
    client.login("ouder@example.nl")
    return client


@pytest.fixture
def teacher(app, demo) -> CSRFClient:
    client = app.test_client()
    client.login("leerkracht@example.nl")
    return client


@pytest.fixture
def director(app, demo) -> CSRFClient:
    client = app.test_client()
    client.login("directeur@example.nl")
    return client


@pytest.fixture
def other_chair(app, demo) -> CSRFClient:
    """The chair of another school: must never see the demo school's data."""
    client = app.test_client()
    client.login("kompas@example.nl")
    return client


@pytest.fixture
def admin(app, demo) -> CSRFClient:
    with app.app_context():
        services.create_admin("beheer@example.nl", PASSWORD)
        db.session.commit()
    client = app.test_client()
    client.login("beheer@example.nl")
    return client


__all__ = ["DEMO_PASSWORD", "PASSWORD", "Cycle", "add_user", "make_school"]
