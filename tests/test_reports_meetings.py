"""The output of meetings 1 to 4 ("Download verslag"): downloaded as each role, opened with
python-docx and read back: headings, facts, attendance, agenda, actions, tables, the chart
and its alt text, and the product of each meeting."""

from __future__ import annotations

import io
import re

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import RGBColor
from flask_babel import force_locale, gettext

from app import db
from interviews import coding
from interviews import services as interviews
from interviews.models import RELATION_LABELS, Respondent
from reports.data import Viewer, gather_meeting
from reports.meeting_report import (
    SECTIONS,
    AgendaEntry,
    MeetingData,
    StartfotoProduct,
    add_meeting,
    build_meeting_report,
)
from reports.style import Brand, new_document
from workgroup import services as core
from workgroup.models import Role, School

URL = "/years/2026/reports/meetings/{}.docx"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CODE = re.compile(r"\bR\d{2}\b")


def nl(app, msgid: str, **values) -> str:
    with app.test_request_context(), force_locale("nl"):
        return gettext(msgid, **values)


def _cycle():
    school = db.session.scalar(db.select(School).where(School.is_demo.is_(True)))
    return core.get_cycle(school, 2026)


def download(client, number: int) -> docx.Document:
    response = client.get(URL.format(number))
    assert response.status_code == 200, response.status_code
    assert response.mimetype == DOCX
    disposition = response.headers["Content-Disposition"]
    disposition.encode("latin-1")  # a real server sends headers as latin-1
    assert "attachment" in disposition and ".docx" in disposition
    assert response.headers["Cache-Control"] == "no-store"
    return docx.Document(io.BytesIO(response.data))


def headings(document, level: int | None = None) -> list[str]:
    wanted = {f"Heading {level}"} if level else {f"Heading {n}" for n in range(1, 5)}
    return [p.text for p in document.paragraphs if p.style.name in wanted]


def body(document) -> str:
    """Every text of the document body: paragraphs and table cells."""
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def table_with(document, first_header: str):
    for table in document.tables:
        if table.rows[0].cells[0].text == first_header:
            return table
    raise AssertionError(f"no table starting with {first_header!r}")


def rows(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows[1:]]


def is_repeating_header(table) -> bool:
    properties = table.rows[0]._tr.trPr
    return properties is not None and properties.find(qn("w:tblHeader")) is not None


# --- meeting 1 ---------------------------------------------------------------------------


def test_meeting_1_has_facts_attendance_agenda_actions_and_the_startfoto(app, chair):
    document = download(chair, 1)
    with app.test_request_context():
        cycle = _cycle()
        meeting = core.get_meeting(cycle, 1)
        present = sorted(m.display_name for m in meeting.attendees)
        absent = {m.display_name for m in cycle.members} - set(present)
        goals = [g.text for g in core.startfoto_goals(cycle)]
        background = core.startfoto_of(cycle).background
    title = nl(app, "Meeting %(n)d: %(title)s", n=1, title=nl(app, "Start and startfoto"))
    assert headings(document, 1) == [title]
    assert document.core_properties.title == title
    assert document.sections[0].header.paragraphs[0].text.strip() == "OBS De Regenboog (demo)"
    text = body(document)
    assert "15 september 2026" in text and "19:30" in text and "Teamkamer" in text
    assert nl(app, "at school") in text

    level2 = headings(document, 2)
    assert nl(app, "Present") in level2 and nl(app, "Agenda") in level2
    present_line = document.paragraphs[
        [p.text for p in document.paragraphs].index(nl(app, "Present")) + 1
    ].text
    assert present_line == ", ".join(present) and len(present) == 7
    assert all(name not in present_line for name in absent)

    assert "1. Kennismaken" in headings(document, 3)
    assert "Lotte en Daan nemen ideeën van de kinderraad mee naar elke bijeenkomst." in text
    assert "We kwamen op zes wensen" in text

    actions = table_with(document, nl(app, "Action"))
    assert is_repeating_header(actions)
    assert [c.text for c in actions.rows[0].cells] == [
        nl(app, "Action"), nl(app, "Who"), nl(app, "Before"), nl(app, "Done"),
    ]  # fmt: skip
    done = ["Startfoto uitwerken en rondsturen", "Marieke Jansen", "22 sep 2026", nl(app, "yes")]
    assert done in rows(actions)

    assert nl(app, "Startfoto") in level2
    assert nl(app, "a) Background of the school") in headings(document, 3)
    assert background in text
    numbered = [p.text for p in document.paragraphs if p.style.name == "List Number"]
    assert numbered == goals and len(goals) == 3
    assert len(document.inline_shapes) == 0


def test_the_headings_have_the_school_colour_and_the_logo_is_in_the_header(app, chair):
    from tests.test_reports_style import png

    with app.app_context():
        school = db.session.scalar(db.select(School).where(School.is_demo.is_(True)))
        school.house_colour = "#7a1f5c"
        school.logo, school.logo_mimetype = png(), "image/png"
        db.session.commit()
    document = download(chair, 1)
    assert document.styles["Heading 1"].font.color.rgb == RGBColor(0x7A, 0x1F, 0x5C)
    logos = document.sections[0].header._element.findall(".//" + qn("wp:docPr"))
    assert [logo.get("descr") for logo in logos] == [
        nl(app, "Logo of %(school)s", school="OBS De Regenboog (demo)")
    ]
    fill = table_with(document, nl(app, "Action")).rows[0].cells[0]._tc.tcPr.find(qn("w:shd"))
    assert fill.get(qn("w:fill")) == "7A1F5C"


def test_the_report_is_in_the_language_of_the_user(app, chair):
    chair.post("/language", data={"lang": "en", "next": "/"})
    document = download(chair, 1)
    assert headings(document, 1) == ["Meeting 1: Start and startfoto"]
    assert "Present" in headings(document, 2)


# --- meeting 2 ---------------------------------------------------------------------------


def test_meeting_2_has_the_guide_the_consent_text_and_the_plan_by_code_and_group(app, chair):
    document = download(chair, 2)
    with app.test_request_context():
        cycle = _cycle()
        guide = interviews.guide_of(cycle)
        questions = [(q.text, q.prompt_lines) for q in guide.questions]
        text = interviews.current_consent_text(cycle)
        respondents = [(r.code, r.group.label) for r in interviews.respondents_of(cycle)]
        relations = [str(label) for label in RELATION_LABELS.values()]
    content = body(document)
    assert nl(app, "Interview guide") in headings(document, 2)
    for number, (question, _prompts) in enumerate(questions, start=1):
        assert f"{number}. {question}" in content
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet 2"]
    assert bullets == [prompt for _, prompts in questions for prompt in prompts]
    assert nl(app, "Consent text, version %(n)s", n=text.version) in headings(document, 2)
    assert text.body.split("\n\n")[0].strip() in content

    plan = table_with(document, nl(app, "Code"))
    assert is_repeating_header(plan)
    assert [row[:2] for row in rows(plan)] == [list(r) for r in respondents]
    assert len(respondents) == 12
    counts = table_with(document, nl(app, "Group"))
    assert [row[0] for row in rows(counts)] == [nl(app, "parent"), nl(app, "teacher"),
                                               nl(app, "pupil")]  # fmt: skip
    # never the relation to bullying, never the interviewer's name in the plan
    for relation in relations:
        assert relation not in content
    assert not any("Samira" in cell for row in rows(plan) for cell in row)


def test_a_member_sees_only_his_own_respondents_by_code(app, member):
    document = download(member, 2)
    with app.test_request_context():
        own = [
            r.code
            for r in interviews.respondents_of(
                _cycle(), interviewer_user=db.session.scalar(
                    db.select(core.User).where(core.User.email == "ouder@example.nl")
                )
            )
        ]  # fmt: skip
    plan = table_with(document, nl(app, "Code"))
    assert [row[0] for row in rows(plan)] == own and 0 < len(own) < 12
    assert "R02" not in body(document)


def test_the_director_sees_numbers_per_group_and_no_code_at_all(app, director):
    document = download(director, 2)
    content = body(document)
    assert not CODE.search(content), CODE.findall(content)
    counts = table_with(document, nl(app, "Group"))
    assert sum(int(row[1]) for row in rows(counts)) == 12
    with pytest.raises(AssertionError):
        table_with(document, nl(app, "Code"))


# --- meeting 3 ---------------------------------------------------------------------------


def test_meeting_3_has_the_themes_the_code_frequencies_as_a_chart_and_consented_quotes(
    app, director
):
    document = download(director, 3)
    with app.test_request_context():
        cycle = _cycle()
        themes = [t.name for t in coding.themes_of(cycle)]
    content = body(document)
    assert nl(app, "Themes and codes") in headings(document, 2)
    for theme in themes:
        assert any(h.startswith(theme) for h in headings(document, 3)), theme
    assert len(document.inline_shapes) == 1
    alt = document.inline_shapes[0]._inline.docPr.get("descr")
    assert alt.startswith(nl(app, "Coded passages per code"))
    frequencies = table_with(document, nl(app, "Code"))
    assert is_repeating_header(frequencies)
    first = rows(frequencies)[0]
    assert f"{first[0]}: {first[4]}" in alt
    assert int(first[4]) == sum(int(n) for n in first[1:4])

    # telling quotes with consent, under the code; never those without consent for quotes
    assert "“Het eerste gesprek zet de toon, zo voelde het echt.”" in content
    quote_at = [p.text for p in document.paragraphs].index(
        "“Het eerste gesprek zet de toon, zo voelde het echt.”"
    )
    assert document.paragraphs[quote_at].style.name == "Quote"
    assert document.paragraphs[quote_at + 1].text.startswith("— R01")
    assert "als de moeder van de dader" not in content  # R03: no consent for quotes
    assert "meer over school dan met school" not in content  # R09: no consent for quotes
    # nothing of a write-out beyond the quotes
    assert "Ik mocht niet meer meedoen met tikkertje" not in content


# --- meeting 4 ---------------------------------------------------------------------------


def test_meeting_4_has_the_focus_the_goals_with_their_startfoto_goal_and_solutions(app, member):
    document = download(member, 4)
    with app.test_request_context():
        cycle = _cycle()
        focus = [t.name for t in coding.themes_of(cycle) if t.is_focus]
        goals = coding.focus_goals(cycle)
        first = goals[0]
        first_text, parent = first.text, first.parent.text
        solutions = [(s.text, s.needs) for s in coding.solutions_of(first)]
    content = body(document)
    assert nl(app, "Focus and goals") in headings(document, 2)
    listed = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert [line.split(":")[0] for line in listed] == focus
    assert f"1. {first_text}" in headings(document, 4)
    assert parent in content
    table = table_with(document, nl(app, "Activity or solution"))
    assert rows(table) == [[text, needs or "–"] for text, needs in solutions]
    assert len(goals) == 3


# --- what is not there (yet), and the button --------------------------------------------


def test_meetings_outside_the_programme_are_not_found(chair):
    for number in (8, 0):
        assert chair.get(URL.format(number)).status_code == 404


def test_every_meeting_page_offers_its_download(chair):
    for number in range(1, 8):
        html = chair.get(f"/years/2026/meetings/{number}").get_data(as_text=True)
        assert f'href="/years/2026/reports/meetings/{number}.docx"' in html


def test_another_school_gets_its_own_meeting_not_the_demo(other_chair):
    document = download(other_chair, 1)
    content = body(document) + document.sections[0].header.paragraphs[0].text
    assert "Het Kompas" in content
    assert "Regenboog" not in content and "Teamkamer" not in content


# --- the builder is pure and open for more meetings ----------------------------------------


LABELS = {key: key for key in (
    "present", "nobody_recorded", "agenda", "no_agenda", "notes", "decisions", "actions",
    "no_actions", "carried", "action", "who", "before", "done", "yes", "no", "startfoto",
    "startfoto_empty", "startfoto_goals",
)}  # fmt: skip


def test_the_builder_needs_no_app_and_the_year_report_can_nest_meetings():
    data = MeetingData(
        brand=Brand("Basisschool De Linde", colour="#225533"),
        labels=LABELS,
        number=1,
        title="Bijeenkomst 1",
        facts=[("Datum", "1 september")],
        present=["An", "Bo"],
        agenda=[AgendaEntry("Kennismaken", "Wie ben je?", "Genoteerd", "Besloten")],
        product=StartfotoProduct([("a) Achtergrond", "Een school.")], ["Doel één"]),
    )
    document = build_meeting_report(data)
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 1"] == ["Bijeenkomst 1"]
    year = new_document("Basisschool De Linde", "Jaarverslag")
    add_meeting(year, data, level=2)
    assert year.paragraphs[0].style.name == "Heading 2"
    assert "1. Kennismaken" in [p.text for p in year.paragraphs if p.style.name == "Heading 4"]


def test_a_later_meeting_adds_its_section_through_the_registry(app, chair):
    from reports import data as gatherers

    calls = []

    def experiments(cycle, viewer):
        return ["Belafspraak"]

    def section(document, product, labels, level):
        calls.append(level)
        document.add_heading("Experimenten: " + ", ".join(product), level)

    saved = gatherers.PRODUCTS[5], SECTIONS[5]  # the experiments' own (reports.doen)
    gatherers.PRODUCTS[5] = experiments
    SECTIONS[5] = section
    try:
        document = download(chair, 5)
    finally:
        gatherers.PRODUCTS[5], SECTIONS[5] = saved
    assert calls == [2]
    assert "Experimenten: Belafspraak" in headings(document, 2)


def test_gathering_uses_the_viewer_not_the_request(app, demo):
    with app.test_request_context(), force_locale("nl"):
        data = gather_meeting(_cycle(), 2, Viewer(Role.director))
        assert data.product.plan_rows == []
        chair_data = gather_meeting(_cycle(), 2, Viewer(Role.chair))
        assert len(chair_data.product.plan_rows) == db.session.scalar(
            db.select(db.func.count(Respondent.id)).where(Respondent.cycle_id == _cycle().id)
        )
