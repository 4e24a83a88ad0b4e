"""The reports overview lists what each role may download, and the pages where people look
(navigation, codebook, analysis) link to the documents."""

from __future__ import annotations

import html

from flask_babel import force_locale, gettext

from app import db
from interviews import coding
from workgroup import services as core
from workgroup.models import AuditEvent, School

BASE = "/years/2026/reports"


def nl(app, msgid: str, **values) -> str:
    with app.test_request_context(), force_locale("nl"):
        return gettext(msgid, **values)


def _links(client, url: str) -> set[str]:
    page = client.get(url)
    assert page.status_code == 200, url
    text = page.get_data(as_text=True)
    return {part.split('"', 1)[0] for part in text.split('href="')[1:] if part.startswith(BASE)}


def _theme_id() -> int:
    school = db.session.scalar(db.select(School).where(School.is_demo.is_(True)))
    return coding.themes_of(core.get_cycle(school, 2026))[0].id


MEETINGS = {f"{BASE}/meetings/{n}.docx" for n in range(1, 8)}
EVERYONE = MEETINGS | {
    f"{BASE}/year-report.docx",
    f"{BASE}/infographic.docx",
    f"{BASE}/infographic.png",
    f"{BASE}/interview-card.docx",
    f"{BASE}/",
}
EXPORTS = {
    f"{BASE}/codings.csv",
    f"{BASE}/codings.xlsx",
    f"{BASE}/codebook.qdc",
    f"{BASE}/project.qdpx",
    f"{BASE}/house-style",
}


def test_the_chair_sees_everything_and_every_link_works(app, chair):
    links = _links(chair, f"{BASE}/")
    with app.app_context():
        quotes = f"{BASE}/themes/{_theme_id()}/quotes.docx"
    assert EVERYONE | EXPORTS | {f"{BASE}/codebook.docx", quotes} <= links
    for link in sorted(links - {f"{BASE}/"}):
        assert chair.get(link).status_code == 200, link


def test_a_member_who_does_not_code_sees_the_meetings_and_the_infographic(app, member):
    links = _links(member, f"{BASE}/")
    assert links >= EVERYONE
    assert not links & EXPORTS
    assert f"{BASE}/codebook.docx" not in links
    assert not any("/themes/" in link for link in links)


def test_a_coder_sees_the_codebook_and_quotes_but_no_exports(app, teacher):
    links = _links(teacher, f"{BASE}/")
    assert f"{BASE}/codebook.docx" in links
    assert any("/themes/" in link for link in links)
    assert not links & EXPORTS


def test_the_director_sees_what_he_may_download(app, director):
    links = _links(director, f"{BASE}/")
    assert links >= EVERYONE
    assert not links & EXPORTS
    assert f"{BASE}/codebook.docx" not in links
    for link in sorted(links - {f"{BASE}/"}):
        assert director.get(link).status_code == 200, link


def test_the_navigation_the_codebook_and_the_analysis_link_to_the_documents(app, chair, member):
    assert f"{BASE}/" in _links(chair, "/years/2026/")
    assert f"{BASE}/codebook.docx" in _links(chair, "/years/2026/interviews/codebook")
    assert f"{BASE}/codebook.docx" not in _links(member, "/years/2026/interviews/codebook")
    with app.app_context():
        quotes = f"{BASE}/themes/{_theme_id()}/quotes.docx"
    assert quotes in _links(chair, "/years/2026/interviews/analysis")


def test_the_audit_log_names_the_downloads_of_write_outs(app, chair):
    chair.get(f"{BASE}/project.qdpx")
    chair.get(f"{BASE}/codings.csv")
    with app.app_context():
        actions = list(db.session.scalars(db.select(AuditEvent.action).order_by(AuditEvent.id)))
    assert actions[-2:] == ["export_project", "export_codings"]
    page = html.unescape(chair.get("/audit").get_data(as_text=True))
    assert nl(app, "downloaded the coded project with the write-outs (REFI-QDA)") in page
    assert nl(app, "downloaded the coded passages") in page
