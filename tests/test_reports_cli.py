"""``flask report``: the documents for scripted use, read back from the files written."""

from __future__ import annotations

import docx
import pytest
from flask_babel import force_locale, gettext

from app import db
from interviews import coding
from workgroup import services as core
from workgroup.models import School
from workgroup.programme import PROGRAMME


def _meeting_title(app, number: int, lang: str = "nl") -> str:
    with app.test_request_context(), force_locale(lang):
        return gettext("Meeting %(n)d: %(title)s", n=number, title=str(PROGRAMME[number].title))


def test_report_meeting_writes_the_meeting_output(app, demo, runner, tmp_path):
    out = tmp_path / "bijeenkomst-3.docx"
    result = runner.invoke(
        args=["report", "meeting", "3", "--school", str(demo.school_id), "--year", "2026-2027",
              "--out", str(out)]
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert str(out) in result.output
    document = docx.Document(str(out))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == [_meeting_title(app, 3)]
    assert len(document.inline_shapes) == 1
    with app.app_context():
        themes = [t.name for t in coding.themes_of(core.get_cycle(_school(demo), 2026))]
    level3 = [p.text for p in document.paragraphs if p.style.name == "Heading 3"]
    assert all(any(h.startswith(t) for h in level3) for t in themes)
    # the command line acts for the chair: the plan of meeting 2 lists every code
    out2 = tmp_path / "bijeenkomst-2.docx"
    result = runner.invoke(
        args=["report", "meeting", "2", "--school", str(demo.school_id), "--year", "2026",
              "--out", str(out2), "--lang", "en"]
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    document = docx.Document(str(out2))
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 1"] == [
        "Meeting 2: " + _programme_title(app, 2, "en")
    ]
    codes = [row.cells[0].text for t in document.tables for row in t.rows[1:]]
    assert "R01" in codes and "R12" in codes


def _programme_title(app, number: int, lang: str) -> str:
    with app.test_request_context(), force_locale(lang):
        return str(PROGRAMME[number].title)


def _school(demo):
    return db.session.get(School, demo.school_id)


def test_report_infographic_writes_one_page(app, demo, runner, tmp_path):
    out = tmp_path / "infographic.docx"
    result = runner.invoke(
        args=["report", "infographic", "--school", str(demo.school_id), "--year", "2026–2027",
              "--out", str(out)]
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    document = docx.Document(str(out))
    assert len(document.sections) == 1
    assert len(document.inline_shapes) == 1
    assert [p.style.name for p in document.paragraphs][0] == "Title"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["meeting", "1", "--school", "999999", "--year", "2026-2027"], "no school with id"),
        (["meeting", "1", "--school", "{school}", "--year", "2030-2031"], "no school year"),
        (["meeting", "1", "--school", "{school}", "--year", "2026-2028"], "2026-2027"),
        (["meeting", "9", "--school", "{school}", "--year", "2026-2027"], "9"),
    ],
)
def test_report_refuses_unknown_schools_years_and_meetings(demo, runner, tmp_path, args, message):
    out = tmp_path / "x.docx"
    args = [a.replace("{school}", str(demo.school_id)) for a in args]
    result = runner.invoke(args=["report", *args, "--out", str(out)])
    assert result.exit_code != 0
    assert message in result.output
    assert not out.exists()
