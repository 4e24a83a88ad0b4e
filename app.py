"""LDD: the application factory, the shared extensions and the command line.

Everything that more than one package needs lives here: the declarative ``Base``, ``db``,
the Flask extensions, the security headers, the HTMX rendering helper and the CLI.
"""

from __future__ import annotations

import os
import secrets
from datetime import date, timedelta
from pathlib import Path

import click
from flask import Flask, g, has_request_context, jsonify, render_template, request, session
from flask_babel import Babel
from flask_babel import lazy_gettext as _l
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager, current_user
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFError, CSRFProtect
from htmx_flask import Htmx
from sqlalchemy import MetaData, event, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import IntegerConverter

LANGUAGES = {"nl": "Nederlands", "en": "English"}

#: Constraint names follow one convention so Alembic migrations are stable on every backend.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


db = SQLAlchemy(model_class=Base)
csrf = CSRFProtect()


def commit_keeping_loaded() -> None:
    """Commit without expiring what the request has loaded, for an answer drawn right after
    the commit from the same objects: saves reloading each of them (a statement apiece)."""
    session = db.session()
    session.expire_on_commit = False
    try:
        session.commit()
    finally:
        session.expire_on_commit = True


login_manager = LoginManager()
babel = Babel()
htmx = Htmx()
limiter = Limiter(key_func=get_remote_address, default_limits=[], storage_uri="memory://")

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'self'; "
    "frame-ancestors 'none'; object-src 'none'"
)


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, connection_record):
    """Foreign keys on and WAL journal for SQLite; other databases are left alone."""
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        # With WAL, NORMAL syncs at checkpoints instead of on every commit: never corrupt, but
        # a power cut may lose the last commits. FULL cost 3 ms (p95 14 ms) per commit here.
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.close()


class DatabaseIntConverter(IntegerConverter):
    """``<int:...>`` in URLs: only numbers a database integer holds; larger ones are not found
    (404) instead of overflowing the query (500)."""

    def __init__(self, map, *args, max: int = 2**31 - 1, **kwargs):
        super().__init__(map, *args, max=max, **kwargs)


def _database_url(instance_path: str) -> str:
    url = os.environ.get("DATABASE_URL")
    if not url:
        return "sqlite:///" + str(Path(instance_path) / "ldd.sqlite3")
    if url.startswith("postgres://"):
        url = "postgresql://" + url.removeprefix("postgres://")
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return url


def _local_secret(instance_path: str) -> str:
    """Without ``SECRET_KEY`` in the environment: a random key kept in ``instance/``.

    Fine for one machine; a production setup with several workers sets ``SECRET_KEY``.
    """
    path = Path(instance_path) / "secret_key"
    if not path.exists():
        Path(instance_path).mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def secure_cookies() -> bool:
    """Cookies only over HTTPS: with ``LDD_SECURE_COOKIES=1``, and by default when
    ``LDD_ENV=production`` (where ``LDD_SECURE_COOKIES=0`` switches it off); docs/security.md."""
    flag = os.environ.get("LDD_SECURE_COOKIES", "")
    if flag in ("0", "1"):
        return flag == "1"
    return os.environ.get("LDD_ENV", "").strip().lower() == "production"


def session_lifetime() -> timedelta:
    """How long a session lasts after the last request: 8 hours, or ``LDD_SESSION_HOURS``."""
    hours = os.environ.get("LDD_SESSION_HOURS", "").strip()
    try:
        value = float(hours) if hours else 8.0
    except ValueError as error:
        raise RuntimeError(f"LDD_SESSION_HOURS must be a number of hours, not {hours!r}") from error
    if not 0 < value <= 24 * 31:
        raise RuntimeError(f"LDD_SESSION_HOURS must be between 0 and 744, not {hours!r}")
    return timedelta(hours=value)


def select_locale() -> str:
    """The language the user chose, else Dutch."""
    chosen = session.get("lang") if has_request_context() else None
    if chosen in LANGUAGES:
        return chosen
    return "nl"


def create_app(test_config: dict | None = None, *, migrations: bool = True) -> Flask:
    """The app. ``migrations=False`` leaves out Flask-Migrate (``flask db``), which brings
    Alembic and costs every process 11 MiB: web workers never migrate, so the server entry
    point is ``create_app(migrations=False)`` (deploy/gunicorn.conf.py)."""
    app = Flask(__name__, instance_relative_config=True)
    app.url_map.converters["int"] = DatabaseIntConverter
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.from_mapping(
        SECRET_KEY=os.environ.get("SECRET_KEY") or _local_secret(app.instance_path),
        SQLALCHEMY_DATABASE_URI=_database_url(app.instance_path),
        SQLALCHEMY_ENGINE_OPTIONS={"pool_pre_ping": True},
        BABEL_DEFAULT_LOCALE="nl",
        BABEL_DEFAULT_TIMEZONE="Europe/Amsterdam",
        BABEL_TRANSLATION_DIRECTORIES=str(Path(__file__).parent / "translations"),
        DEMO_MODE=os.environ.get("LDD_DEMO_MODE") == "1",
        LOGIN_RATE_LIMIT=os.environ.get("LDD_LOGIN_RATE_LIMIT", "10 per 5 minutes"),
        INVITE_DAYS=14,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=secure_cookies(),
        REMEMBER_COOKIE_SECURE=secure_cookies(),
        REMEMBER_COOKIE_HTTPONLY=True,
        # A session lasts this long after the last request (it is renewed on every request).
        PERMANENT_SESSION_LIFETIME=session_lifetime(),
        SESSION_REFRESH_EACH_REQUEST=True,
        WTF_CSRF_TIME_LIMIT=None,
        # A 2 MB transcript upload plus the form around it; the upload itself is checked too.
        MAX_CONTENT_LENGTH=3 * 1024 * 1024,
    )
    if test_config:
        app.config.from_mapping(test_config)
    from workgroup import pagecache  # its listeners raise a school's revision on writes

    app.config.setdefault("PAGE_CACHE_MB", pagecache.configured_megabytes())

    if os.environ.get("LDD_BEHIND_PROXY") == "1":
        # Behind one TLS reverse proxy (docs/deploy.md): take the client's address, scheme
        # and host from its X-Forwarded-* headers, so HTTPS is recognised (HSTS, secure
        # cookies) and the login rate limit counts per client, not per proxy.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)

    db.init_app(app)
    if migrations:
        from flask_migrate import Migrate

        Migrate(app, db, directory=str(Path(__file__).parent / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    htmx.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    limiter.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "workgroup.login"
    login_manager.login_message = _l("Please log in to see this page.")
    login_manager.login_message_category = "info"

    from workgroup.models import User

    @login_manager.user_loader
    def load_user(user_id: str) -> User | None:
        return db.session.get(User, int(user_id)) if user_id.isdigit() else None

    from experiments import bp as experiments_bp
    from interviews import bp as interviews_bp
    from reports import bp as reports_bp
    from workgroup import bp as workgroup_bp

    app.register_blueprint(workgroup_bp)
    app.register_blueprint(interviews_bp)
    app.register_blueprint(experiments_bp)
    app.register_blueprint(reports_bp)

    _register_basics(app)
    _register_cli(app)
    return app


def _register_basics(app: Flask) -> None:
    from workgroup.access import public

    @app.get("/healthz")
    @public
    def healthz():
        """Tell a load balancer whether the app and its database answer."""
        try:
            db.session.execute(text("SELECT 1"))
        except Exception:  # noqa: BLE001 - any database failure means unhealthy
            db.session.rollback()
            return jsonify(status="unavailable"), 503
        return jsonify(status="ok")

    @app.after_request
    def htmx_redirect(response):
        """A redirect after an htmx form is a new page: let the browser go there (HX-Redirect)
        instead of letting the XHR follow it and swapping the whole page into the form."""
        if (
            request.headers.get("HX-Request")
            and response.status_code in (301, 302, 303, 307, 308)
            and "HX-Redirect" not in response.headers
        ):
            response.headers["HX-Redirect"] = response.headers.pop("Location")
            response.status_code = 204
            response.set_data(b"")
        return response

    @app.after_request
    def security_headers(response):
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        if request.is_secure:
            response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
        return response

    @app.context_processor
    def inject_globals():
        from flask_babel import get_locale

        return {
            "languages": LANGUAGES,
            "current_locale": str(get_locale()),
            "current_school": getattr(g, "school", None),
            "current_role": getattr(g, "role", None),
            "today": date.today,
        }

    def error_page(status: int, title, message):
        if request.headers.get("HX-Request"):
            return render_template("_error_fragment.html", title=title, message=message), status
        return render_template("error.html", title=title, message=message), status

    @app.errorhandler(CSRFError)
    def csrf_error(error):
        return error_page(
            400, _l("Form expired"), _l("The form had expired. Reload the page and try again.")
        )

    @app.errorhandler(403)
    def forbidden(error):
        return error_page(
            403, _l("No access"), _l("Your role in this school does not give access to this page.")
        )

    @app.errorhandler(404)
    def not_found(error):
        return error_page(
            404, _l("Not found"), _l("This page does not exist or is not part of your school.")
        )

    @app.errorhandler(405)
    def method_not_allowed(error):
        return error_page(405, _l("Not possible"), _l("This action is not possible here."))

    @app.errorhandler(413)
    def too_large(error):
        return error_page(413, _l("Too large"), _l("What you sent is too large."))

    @app.errorhandler(429)
    def too_many(error):
        return error_page(
            429,
            _l("Too many attempts"),
            _l("Too many login attempts. Wait a few minutes and try again."),
        )

    @app.errorhandler(500)
    def server_error(error):
        db.session.rollback()
        return error_page(
            500, _l("Something went wrong"), _l("Something went wrong on our side. Try again.")
        )

    @app.teardown_request
    def _no_user_leak(exc):
        if exc is not None:
            db.session.rollback()

    @app.before_request
    def _remember_user_for_templates():
        g.user = current_user if current_user.is_authenticated else None

    @app.before_request
    def _sliding_session():
        """Sessions end PERMANENT_SESSION_LIFETIME after the last request: the cookie carries
        that expiry and is renewed on every request; the signature's age is checked too. The
        health check and static files get no cookie."""
        if request.endpoint not in ("static", "healthz") and not session.permanent:
            session.permanent = True


def _register_cli(app: Flask) -> None:
    @app.cli.command("seed-demo")
    @click.option(
        "--size",
        type=click.Choice(["school", "year"]),
        default="school",
        help="school: the showroom; year: a large year (60 write-outs) for benchmarks.",
    )
    def seed_demo_command(size: str):
        """Create the demo school "OBS De Regenboog (demo)" (safe to run again)."""
        from workgroup.demo import DEMO_LOGINS, DEMO_PASSWORD, seed_demo

        created = seed_demo(size=size)
        db.session.commit()
        click.echo("Demo school created." if created else "Demo school already present.")
        click.echo(f"Demo logins (password {DEMO_PASSWORD}):")
        for email, label in DEMO_LOGINS:
            click.echo(f"  {email:28} {label}")

    @app.cli.command("purge-expired")
    def purge_expired_command():
        """Delete the interview write-outs of every year whose delete-by date has passed."""
        from interviews.services import purge_expired

        removed = purge_expired(date.today())
        db.session.commit()
        for school, start_year, code in removed:
            click.echo(f"{school} {start_year}–{start_year + 1}: write-out of {code} deleted")
        click.echo(f"{len(removed)} write-out(s) deleted.")

    @app.cli.command("create-school")
    @click.option("--name", required=True, help="Name of the school.")
    @click.option("--chair-email", required=True, help="Email address of the first chair.")
    @click.option("--chair-name", default="", help="Display name of the chair.")
    def create_school_command(name: str, chair_email: str, chair_name: str):
        """Create a school and an invitation link for its first chair."""
        from workgroup import services
        from workgroup.models import Role

        try:
            school = services.create_school(name)
            _, token = services.create_invitation(
                school, email=chair_email, role=Role.chair, name=chair_name, created_by=None
            )
        except services.DomainError as error:
            db.session.rollback()
            raise click.ClickException(str(error)) from error
        db.session.commit()
        click.echo(f"School {school.name!r} created (id {school.id}).")
        click.echo(f"Invitation for the chair: /invite/{token}")

    @app.cli.command("create-admin")
    @click.option("--email", required=True)
    @click.password_option()
    def create_admin_command(email: str, password: str):
        """Create a platform administrator who can create schools."""
        from workgroup import services

        try:
            services.create_admin(email, password)
        except services.DomainError as error:
            db.session.rollback()
            raise click.ClickException(str(error)) from error
        db.session.commit()
        click.echo(f"Administrator {email} created.")

    @app.cli.command("backup")
    @click.option(
        "--out", required=True, type=click.Path(dir_okay=False), help="The new backup file."
    )
    def backup_command(out: str):
        """Copy the SQLite database while the app runs (PostgreSQL: use pg_dump)."""
        from workgroup.backup import BackupError, backup_database

        try:
            made = backup_database(db.engine.url, Path(out))
        except BackupError as error:
            raise click.ClickException(str(error)) from error
        click.echo(f"Backup written to {made.path} ({made.tables} tables, {made.size} bytes).")

    @app.cli.command("reset-two-factor")
    @click.option("--email", required=True)
    def reset_two_factor_command(email: str):
        """Turn off someone's two-step login (a lost phone), after checking who asks."""
        from workgroup import services, twofactor
        from workgroup.models import User

        user = db.session.scalar(
            db.select(User).where(User.email == services.normalise_email(email))
        )
        if user is None:
            raise click.ClickException(f"No account with the email address {email}.")
        twofactor.reset(user)
        db.session.commit()
        click.echo(f"Two-step login of {user.email} is off; they log in with their password.")
