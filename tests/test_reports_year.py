"""The director's year report and the outputs of meetings 5, 6 and 7, read back with
python-docx: headings, the table of contents field, tables with header rows, charts with alt
texts, quotes only with consent and under the code, no names, nothing of a withdrawn
respondent, and both moments of the conditions for success side by side."""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import pytest
from docx import Document
from docx.oxml.ns import qn
from flask_babel import force_locale, gettext
from sqlalchemy import select

from app import db
from experiments.models import Experiment, Stage
from interviews import services as interviews
from interviews.models import Fragment, Respondent, Transcript
from workgroup import guidance
from workgroup import services as core
from workgroup.models import Cycle, Moment, School, User

YEAR_URL = "/years/2026/reports/year-report.docx"


def nl(app, msgid: str, **values) -> str:
    with app.test_request_context(), force_locale("nl"):
        return gettext(msgid, **values)


def _docx(response) -> Document:
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    assert response.mimetype.endswith("wordprocessingml.document")
    return Document(io.BytesIO(response.get_data()))


def _all_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def _headings(document, level: int) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == f"Heading {level}"]


def _cycle(demo) -> Cycle:
    return db.session.scalar(
        select(Cycle).where(Cycle.school_id == demo.school_id, Cycle.start_year == 2026)
    )


def _quotes(demo) -> list[Fragment]:
    return list(
        db.session.scalars(
            select(Fragment)
            .join(Transcript)
            .join(Respondent)
            .where(Respondent.cycle_id == _cycle(demo).id, Fragment.is_quote.is_(True))
            .order_by(Fragment.id)
        )
    )


def test_the_director_downloads_a_year_report_with_every_part(app, director, demo):
    document = _docx(director.get(YEAR_URL))
    titles = _headings(document, 1)
    for msgid in (
        "Summary",
        "How the year went",
        "Experiments",
        "What we achieved per startfoto goal",
        "Conditions for success",
        "Recommendations for next year",
        "Appendix",
    ):
        assert nl(app, msgid) in titles, (msgid, titles)
    assert document.paragraphs[0].style.name in ("Title", "Normal")
    assert any(p.style.name == "Title" for p in document.paragraphs[:3])
    # the table of contents is a real field Word fills in
    body = document.element.body.xml
    assert "TOC \\o" in body
    # every experiment beyond the idea stage has its own heading
    with app.app_context():
        titles2 = {e.title for e in db.session.scalars(select(Experiment)) if e.stage != Stage.idea}
    assert titles2 <= set(_headings(document, 2))


def test_the_year_report_charts_are_pictures_with_alt_text(app, director, demo):
    document = _docx(director.get(YEAR_URL))
    shapes = list(document.inline_shapes)
    # interviews per group, codes per code, and one run chart per measure (2 + 2 + 1)
    assert len(shapes) == 7
    for shape in shapes:
        assert shape._inline.docPr.get("descr")
    with app.app_context():
        measures = [m.name for e in db.session.scalars(select(Experiment)) for m in e.measures]
    run_charts = [
        s for s in shapes if any(s._inline.docPr.get("descr").startswith(m) for m in measures)
    ]
    assert len(run_charts) == 5 == len(measures)


def test_every_table_has_a_repeating_header_row(director, demo):
    document = _docx(director.get(YEAR_URL))
    assert len(document.tables) >= 10
    for table in document.tables:
        first = table.rows[0]._tr
        assert first.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None


def test_conditions_at_start_and_evaluation_side_by_side(app, director, demo):
    with app.app_context():
        cycle = _cycle(demo)
        chair = db.session.scalar(select(User).where(User.email == "voorzitter@example.nl"))
        first = guidance.CONDITIONS[0]
        core.save_condition_checks(
            cycle, Moment.evaluation, {first.key: (True, "Iedereen was er tot het eind.")}, chair
        )
        db.session.commit()
        with app.test_request_context(), force_locale("nl"):
            title = str(first.title)
        starts = core.condition_checks(cycle)
        start_check = starts[(first.key, Moment.start)]
    document = _docx(director.get(YEAR_URL))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == nl(app, "Condition"))
    assert [c.text for c in table.rows[0].cells] == [
        nl(app, "Condition"),
        nl(app, "At the start"),
        nl(app, "At the evaluation"),
    ]
    row = next(r for r in table.rows if r.cells[0].text == title)
    assert "Iedereen was er tot het eind." in row.cells[2].text
    if start_check.comment:
        assert start_check.comment in row.cells[1].text
    assert len(table.rows) == len(guidance.CONDITIONS) + 1


def test_quotes_only_with_consent_and_under_the_code(app, director, demo):
    document = _docx(director.get(YEAR_URL))
    text = _all_text(document)
    with app.app_context():
        quotes = _quotes(demo)
        allowed = [q for q in quotes if q.transcript.respondent.may_quote]
        refused = [q for q in quotes if not q.transcript.respondent.may_quote]
        assert allowed and refused, "the demo has quotes on both sides of the consent"
        for quote in allowed[:3]:
            assert quote.text in text
            assert quote.transcript.respondent.code in text
        for quote in refused:
            assert quote.text not in text


def test_a_withdrawn_respondent_leaves_no_trace(app, director, demo):
    with app.app_context():
        quote = next(q for q in _quotes(demo) if q.transcript.respondent.may_quote)
        respondent = quote.transcript.respondent
        text, code = quote.text, respondent.code
        chair = db.session.scalar(select(User).where(User.email == "voorzitter@example.nl"))
        interviews.withdraw_consent(respondent, chair)
        db.session.commit()
    document = _docx(director.get(YEAR_URL))
    body = _all_text(document)
    assert text not in body
    assert f"— {code}" not in body


def test_no_name_from_the_pseudonym_list(app, director, demo):
    with app.app_context():
        school = db.session.get(School, demo.school_id).name
        # the school's own name may be on the list (for the write-outs); the report names it
        names = [p.name for p in interviews.pseudonyms_of(_cycle(demo)) if p.name not in school]
    assert names
    body = _all_text(_docx(director.get(YEAR_URL)))
    for name in names:
        assert name not in body


@pytest.mark.parametrize(("number", "pictures"), [(5, 0), (6, 5), (7, 1)])
def test_meetings_five_to_seven_have_their_products(app, chair, demo, number, pictures):
    document = _docx(chair.get(f"/years/2026/reports/meetings/{number}.docx"))
    text = _all_text(document)
    with app.app_context():
        experiments = list(db.session.scalars(select(Experiment).order_by(Experiment.id)))
        running = [e for e in experiments if e.stage is Stage.running]
        evaluated = [e for e in experiments if e.stage is Stage.evaluated]
    assert len(document.inline_shapes) == pictures
    for shape in document.inline_shapes:
        assert shape._inline.docPr.get("descr")
    if number == 5:
        assert all(e.title in text for e in experiments)
    if number == 6:
        assert all(e.title in text for e in running)
    if number == 7:
        assert all(e.title in text for e in evaluated)
        assert nl(app, "adopt: keep doing it") in text
        with app.app_context():
            goals = [g.text for g in core.startfoto_goals(_cycle(demo))]
        assert all(goal in text for goal in goals)


def test_the_infographic_lists_the_running_experiments(app, chair, demo):
    response = chair.get("/years/2026/reports/infographic.docx")
    text = _all_text(_docx(response))
    with app.app_context():
        running = [e.title for e in db.session.scalars(select(Experiment))
                   if e.stage is Stage.running]  # fmt: skip
    assert running and all(title in text for title in running)


def test_the_cli_writes_the_year_report(app, runner, demo, tmp_path):
    out = tmp_path / "jaarverslag.docx"
    result = runner.invoke(
        args=["report", "year", "--school", str(demo.school_id), "--year", "2026-2027",
              "--out", str(out)]
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    document = Document(str(out))
    assert len(document.inline_shapes) == 7
    with app.app_context():
        school = db.session.get(School, demo.school_id)
        assert any(school.name in p.text for p in document.paragraphs[:6])


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_libreoffice_opens_the_year_report(director, demo, tmp_path):
    """A Word-compatible reader opens the file: LibreOffice converts it to a PDF of several
    pages (title, contents, summary and the chapters)."""
    path = tmp_path / "year.docx"
    path.write_bytes(director.get(YEAR_URL).get_data())
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    pdf = (tmp_path / "year.pdf").read_bytes()
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    assert 8 <= pages <= 60, pages
