"""Hostile text through every text field of every form, then onto every page and into every
Word document: it must always stay text.

The forms come from ``tests/test_forms_fuzz.py`` (``FORMS`` knows every form POST, its text
fields and the pages that show what it stored), so a new form is attacked here the day it is
added there. Each form is posted by the role it is for, and again by a member where a member
may use it. A page is unsafe when a payload comes back as markup: an inline ``<script>``, an
``on…=`` attribute, a ``javascript:`` link, or ``{{7*7}}`` evaluated to 49.
"""

from __future__ import annotations

import io
import re
import zipfile
from html.parser import HTMLParser
from urllib.parse import urlsplit
from xml.etree import ElementTree

import docx
import pytest
from flask.testing import FlaskClient
from markupsafe import escape

from app import db
from tests import test_forms_fuzz as fuzz
from tests.conftest import CSRFClient
from tests.test_access_matrix import ARGUMENTS, _rules, _samira, _url
from tests.test_forms_fuzz import ids  # noqa: F401 - the fixture, shared with the fuzz test
from workgroup.access import ADMIN
from workgroup.models import Role, School

SCRIPT = "<script>alert(1)</script>"
PAYLOADS = (
    SCRIPT,
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "zz{{7*7}}zz",
    "</textarea><script>alert(2)</script>",
    "'; DROP TABLE users;--",
    "nul\x00 rtl\u202eevil\u202c",
)
#: Every payload at once, short enough for a name field (80 characters).
COMPACT = "\"><img src=x onerror=alert(1)><script>alert(1)</script>zz{{7*7}}zz'--"
MEMBER = "ouder@example.nl"
#: Pages that show what a form stored, beyond the ones ``FORMS`` names.
MORE_PAGES = {
    "edit_transcript": (
        "/years/2026/interviews/respondents/{respondent}/transcript",
        "/years/2026/interviews/coding/{respondent}",
    ),
    "add_fragment": ("/years/2026/interviews/coding/{respondent}",),
    "recode_fragment": ("/years/2026/interviews/coding/{respondent}",),
    "edit_item_notes": ("/years/2026/meetings/2/agenda/{item}/notes",),
}
#: Forms whose text is not kept (or is a file, attacked in test_security_uploads.py): only
#: their answer is checked, not whether the text shows somewhere.
NOT_SHOWN = {
    "login",
    "login_code",
    "change_password",
    "set_language",
    "two_factor",
    "disable_two_factor",
    "accept_invitation",
    "mark_action",
    "check_exercise",
    "check_question",
    "upload_transcript",
    "import_codebook",
    "list_people",  # the invitation's name shows once accepted (the invitation test below)
}
#: Sensible values where the fuzz table's default is one the form refuses, so the text is
#: stored and its display tested (a quote id of 0 is no quote).
OVERRIDES = {"edit_goal_review": {"quote_ids": None}}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster"}


class _Markup(HTMLParser):
    """Collects what would run in a browser: inline scripts, event handlers, script URLs."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "script" and not values.get("src"):
            self.problems.append("an inline <script>")
        if tag == "img" and values.get("src") == "x":
            self.problems.append("the payload's <img>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…>")
            if name in URL_ATTRIBUTES and (value or "").strip().lower().startswith("javascript:"):
                self.problems.append(f"<{tag} {name}={value!r}>")

    handle_startendtag = handle_starttag


def unsafe(body: str) -> list[str]:
    """What in ``body`` is payload turned markup (empty when everything stayed text)."""
    parser = _Markup()
    parser.feed(body)
    parser.close()
    problems = parser.problems
    if re.search(r"<script>alert\(", body, re.I):
        problems.append("<script>alert( in the raw text")
    if "zz49zz" in body:
        problems.append("{{7*7}} was evaluated")
    return problems


def test_the_checker_finds_what_it_looks_for():
    """Guard the guard: each payload, put in raw, is found; escaped, none is."""
    for raw in (SCRIPT, '"><img src=x onerror=alert(1)>', "</textarea><script>alert(2)</script>"):
        assert unsafe(f"<p>{raw}</p>"), raw
    assert unsafe('<a href="javascript:alert(1)">x</a>')
    assert unsafe("<p>zz49zz</p>")
    for payload in (*PAYLOADS, COMPACT):
        assert not unsafe(f'<p title="{escape(payload)}">{escape(payload)}</p>'), payload
        assert not unsafe(f"<textarea>{escape(payload)}</textarea>"), payload
    assert not unsafe('<script src="/static/js/app.js" defer></script>')


# --- one form at a time, every payload -----------------------------------------------------


def _member_client(app) -> CSRFClient:
    with app.app_context():
        _samira().is_coder = True  # the member below codes, so the coding forms are hers too
        db.session.commit()
    client = app.test_client()
    client.login(MEMBER)
    return client


def _allowed_roles(app, url: str):
    endpoint, _ = app.url_map.bind("localhost").match(urlsplit(url).path, method="POST")
    return getattr(app.view_functions[endpoint], "allowed_roles", None)


def _text_fields(form: fuzz.Form) -> list[str]:
    return [name for name, f in form.fields.items() if f is fuzz.FREE and name != "file"]


def _hostile(fields: list[str], payload: str) -> dict[str, str]:
    """The payload in every field; from the second field on with a number after it, for forms
    that want two fields to differ (a name and its pseudonym)."""
    return {name: payload if i == 0 else f"{payload}{i}" for i, name in enumerate(fields)}


ATTACKED = [form for form in fuzz.FORMS if _text_fields(form)]


def _defaults(form: fuzz.Form, ids: dict) -> dict:  # noqa: F811 - not the fixture
    values = {name: f.default for name, f in form.fields.items()}
    values.update(OVERRIDES.get(form.name, {}))
    return fuzz._fill({k: v for k, v in values.items() if v is not None}, ids)


def _post(client, url: str, token: str, body: dict, htmx: bool):
    headers = {"HX-Request": "true"} if htmx else {}
    return FlaskClient.post(client, url, data={**body, "csrf_token": token}, headers=headers)


def _shown(client, page: str) -> str | None:
    response = client.get(page)
    assert response.status_code < 500, (page, response.status_code)
    if response.status_code != 200:  # a page of another role (the member on /people)
        return None
    return response.get_data(as_text=True)


@pytest.mark.parametrize("form", ATTACKED, ids=str)
def test_hostile_text_in_every_field_of_a_form_stays_text(app, ids, form):  # noqa: F811
    url = form.url.format(**ids)
    clients = [(form.client, fuzz._client(app, form.client))]
    allowed = _allowed_roles(app, url)
    if isinstance(allowed, tuple) and Role.member in allowed:
        clients.append(("member", _member_client(app)))
    pages = [p.format(**ids) for p in (*form.shown_on, *MORE_PAGES.get(form.name, ()))]
    defaults = _defaults(form, ids)
    fields = _text_fields(form)
    for who, client in clients:
        token = client.csrf_token()
        seen = False
        for number, payload in enumerate(PAYLOADS):
            body = {**defaults, **_hostile(fields, payload)}
            response = _post(client, url, token, body, htmx=number % 2 == 1)
            assert response.status_code < 500, (who, payload, response.status_code)
            problems = unsafe(response.get_data(as_text=True))
            assert not problems, f"{who}, answer to {payload!r}: {problems}"
            for page in pages:
                html = _shown(client, page)
                if html is None:
                    continue
                problems = unsafe(html)
                assert not problems, f"{who}, {page} after {payload!r}: {problems}"
                seen = seen or (payload == SCRIPT and str(escape(SCRIPT)) in html)
        if who == form.client and form.name not in NOT_SHOWN and pages:
            # the attack really reached a page (else the checks above prove nothing)
            assert seen, f"{form.name}: the posted text shows on none of {pages}"


def test_a_hostile_name_on_accepting_an_invitation_stays_text(app, ids, chair):  # noqa: F811
    anonymous = app.test_client()
    response = anonymous.post(
        f"/invite/{ids['token']}",
        data={
            "display_name": COMPACT,
            "password": "lang genoeg wachtwoord",
            "confirm": "lang genoeg wachtwoord",
        },
    )
    assert response.status_code == 302
    for page in ("/people", "/audit", "/account/password"):
        for client in (chair, anonymous):
            html = _shown(client, page)
            if html is not None:
                assert not unsafe(html), page
    assert str(escape(COMPACT)) in chair.get("/people").get_data(as_text=True)


# --- everything at once, then every page ----------------------------------------------------


def _get_urls(app, role: Role) -> list[str]:
    """One URL per GET route ``role`` may open in the demo school."""
    urls = []
    with app.test_request_context():
        for rule in _rules(app):
            allowed = getattr(app.view_functions[rule.endpoint], "allowed_roles", None)
            if "GET" not in rule.methods or rule.endpoint == "static" or allowed == ADMIN:
                continue
            if isinstance(allowed, tuple) and role not in allowed:
                continue
            if set(rule.arguments) - set(ARGUMENTS):
                continue  # the access matrix fails for a route it cannot fill in
            urls.append(_url(rule))
        db.session.commit()
    return urls


def _document_text(data: bytes) -> str:
    """All text of a Word file (body, tables, headers and footers); fails if it does not open."""
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    for section in document.sections:
        parts += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
    return "\n".join(parts)


def test_hostile_text_everywhere_then_every_page_of_chair_and_member(app, ids):  # noqa: F811
    """One payload in every text field of every form, then every page either role can open:
    also pages no form names, such as the dashboard, the summary and the downloads."""
    chair = fuzz._client(app, "chair")
    member = _member_client(app)
    # the URLs first: they name objects (a member by name) that the payloads rename
    urls = {role: _get_urls(app, role) for role in (Role.chair, Role.member)}
    for who, client in (("chair", chair), ("member", member)):
        token = client.csrf_token()
        for form in ATTACKED:
            if form.client != "chair":
                continue
            url = form.url.format(**ids)
            allowed = _allowed_roles(app, url)
            if who == "member" and not (isinstance(allowed, tuple) and Role.member in allowed):
                continue
            defaults = _defaults(form, ids)
            body = {**defaults, **_hostile(_text_fields(form), COMPACT)}
            response = _post(client, url, token, body, htmx=False)
            assert response.status_code < 500, (who, form.name)
    for role, client in ((Role.chair, chair), (Role.member, member)):
        for url in urls[role]:
            for headers in ({}, {"HX-Request": "true"}):
                response = client.get(url, headers=headers)
                assert response.status_code < 500, (role, url, response.status_code)
                data = response.get_data()
                if data[:2] == b"PK" and url.endswith(".docx"):
                    text = _document_text(data)
                    assert "zz49zz" not in text, url
                elif response.mimetype == "text/html":
                    problems = unsafe(data.decode())
                    assert not problems, f"{role.value} {url}: {problems}"
                else:  # a download (calendar, CSV, JSON, XML): never read as a page
                    assert response.headers["X-Content-Type-Options"] == "nosniff", url
                    assert "html" not in response.mimetype, url
                    if response.mimetype.endswith(("/xml", "+xml")):
                        disposition = response.headers.get("Content-Disposition", "")
                        assert disposition.startswith("attachment"), url
                        try:
                            tags = {e.tag for e in ElementTree.fromstring(data).iter()}
                        except ElementTree.ParseError as error:
                            pytest.fail(f"{url}: not well-formed XML ({error}): {data[:80]!r}")
                        assert not {t for t in tags if t.split("}")[-1] == "script"}, url


# --- Word documents --------------------------------------------------------------------------

#: The documents that exist for sure; others (reports.download_*) are found in the url_map.
KNOWN_DOCUMENTS = ("reports.download_interview_card", "reports.download_consent_form")
SCHOOL = "OBS <script>alert(1)</script> \"><img src=x onerror=alert(1)> {{7*7}} '; --\u202e"


def test_hostile_text_in_every_word_document_is_literal_text(app, ids, chair):  # noqa: F811
    """The school's name (in every header) and the consent text (in the consent form) carry
    the payloads: each document opens, and has them as plain text."""
    with app.app_context():
        school = db.session.scalar(db.select(School).where(School.is_demo.is_(True)))
        school.name = SCHOOL
        db.session.commit()
    consent = "\n".join(PAYLOADS)
    response = chair.post("/years/2026/interviews/consent-text", data={"body": consent})
    assert response.status_code in (200, 302)
    # a few more stored texts that documents show: an agenda note, a code, a goal
    for form_name, text_fields in (
        ("edit_item_notes", ("notes", "decisions")),
        ("add_code", ("name", "description")),
        ("add_focus_goal", ("text",)),
        ("add_action", ("description",)),
    ):
        (form,) = [f for f in fuzz.FORMS if f.name == form_name]
        defaults = _defaults(form, ids)
        chair.post(form.url.format(**ids), data={**defaults, **dict.fromkeys(text_fields, COMPACT)})

    endpoints = {r.endpoint for r in _rules(app) if r.endpoint.startswith("reports.download_")}
    assert set(KNOWN_DOCUMENTS) <= endpoints
    documents = {}
    with app.test_request_context():
        for rule in _rules(app):
            if rule.endpoint not in endpoints or not rule.rule.endswith(".docx"):
                continue
            if set(rule.arguments) - set(ARGUMENTS):
                continue
            for number in range(1, 8) if "number" in rule.arguments else (2,):
                documents[f"{rule.endpoint}:{number}"] = _url(rule, number)
        db.session.commit()
    opened = {}
    for name, url in documents.items():
        response = chair.get(url)
        assert response.status_code in (200, 404), (name, response.status_code)
        if response.status_code == 404:
            continue  # a meeting without a document of its own
        data = response.get_data()
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            xml = "".join(
                archive.read(n).decode() for n in archive.namelist() if n.endswith(".xml")
            )
        assert "<script>" not in xml and "<img src" not in xml, name  # escaped as &lt;…
        text = _document_text(data)
        assert SCHOOL in text, f"{name}: the school's name is not in it as text"
        assert "zz49zz" not in text and "{{7*7}}" in text, name
        opened[name] = text
    assert {n.split(":")[0] for n in opened} >= set(KNOWN_DOCUMENTS)
    (consent_form,) = [t for n, t in opened.items() if n.startswith(KNOWN_DOCUMENTS[1])]
    for payload in PAYLOADS:
        assert payload.replace("\x00", "") in consent_form, payload
