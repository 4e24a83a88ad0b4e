"""App-wide guarantees: security headers, no inline script, migrations in sync with the
models, a complete Dutch catalog, friendly error pages."""

import re
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from app import db

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"


def test_pages_carry_a_strict_content_security_policy(client, demo):
    response = client.get("/login")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_templates_have_no_inline_script_style_or_handlers():
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text()
        for match in re.finditer(r"<script\b[^>]*>", text):
            assert "src=" in match.group(0), f"inline <script> in {path.name}"
        assert not re.search(r"<style\b", text), f"<style> in {path.name}"
        assert not re.search(r"\sstyle=", text), f"style attribute in {path.name}"
        assert not re.search(r"\son[a-z]+=", text), f"inline event handler in {path.name}"
        assert "hx-on" not in text, f"hx-on needs eval, which the CSP forbids ({path.name})"


def test_static_assets_are_vendored_not_from_a_cdn():
    base = (TEMPLATES / "base.html").read_text()
    assert "//" not in "".join(re.findall(r'(?:src|href)="([^"{]*)"', base))
    assert (ROOT / "static/js/htmx.min.js").stat().st_size > 10_000
    assert (
        "BSD" in (ROOT / "static/js/htmx.LICENSE").read_text()
        or "Zero-Clause" in (ROOT / "static/js/htmx.LICENSE").read_text()
    )


def test_migrations_match_the_models(app):
    with app.app_context(), db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "render_as_batch": True}
        )
        assert compare_metadata(context, db.metadata) == []


PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def _catalog(language: str):
    with (ROOT / f"translations/{language}/LC_MESSAGES/messages.po").open("rb") as handle:
        return read_po(handle, locale=language)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_string_in_the_code_has_a_translation(language):
    """Dutch and English: English is the source language (the message ids), and its catalog
    lets the English wording change without touching the code."""
    catalog = _catalog(language)
    translated = {
        m.id if isinstance(m.id, str) else m.id[0]
        for m in catalog
        if (m.string if isinstance(m.id, str) else all(m.string))
    }
    method_map = [("**.py", "python"), ("**.html", "jinja2")]
    keywords = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None}
    missing = set()
    for folder in ("workgroup", "interviews", "experiments", "reports", "templates"):
        for _file, _line, message, _comments, _context in extract_from_dir(
            ROOT / folder, method_map, keywords=keywords
        ):
            msgid = message if isinstance(message, str) else message[0]
            if msgid and msgid not in translated:
                missing.add(msgid)
    assert not missing, f"untranslated (run `make messages` and translate): {sorted(missing)[:10]}"


@pytest.mark.parametrize("language", ["nl", "en"])
def test_translations_keep_every_placeholder(language):
    """A translation that drops or misspells %(name)s fails at run time: every text must name
    the same placeholders as its message id."""
    wrong = []
    for message in _catalog(language):
        if not message.id:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        texts = [message.string] if isinstance(message.id, str) else list(message.string)
        wanted = set().union(*(PLACEHOLDER.findall(i) for i in ids))
        for text in texts:
            if text and set(PLACEHOLDER.findall(text)) - wanted | (
                wanted - set(PLACEHOLDER.findall(text)) - {"num"}
            ):
                wrong.append((ids[0], text))
    assert not wrong, wrong[:5]


def test_unknown_page_gets_a_dutch_404(client):
    response = client.get("/bestaat-niet")
    assert response.status_code == 404
    assert "<h1>Niet gevonden</h1>" in response.get_data(as_text=True)


def test_post_without_csrf_token_is_refused_with_a_message(client, demo):
    response = client.post(
        "/login", data={"email": "voorzitter@example.nl", "password": "x"}, csrf=False
    )
    assert response.status_code == 400
    assert "Laad de pagina opnieuw" in response.get_data(as_text=True)


def test_htmx_request_without_login_is_told_to_redirect(client, demo):
    response = client.htmx_get("/years/2026/")
    assert response.status_code == 401
    assert response.headers["HX-Redirect"] == "/login"
