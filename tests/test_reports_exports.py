"""Data exports for the chair (codings as CSV and Excel, REFI-QDA codebook and project) and the
codebook and theme quotes in Word for the chair and the coders."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
import uuid
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import docx
import openpyxl
import pytest
from flask_babel import force_locale, gettext

from app import db
from interviews import analysis, coding
from interviews.models import Fragment, Respondent, Transcript
from reports import exports
from workgroup import services as core
from workgroup.models import AuditEvent, School, User

ROOT = Path(__file__).resolve().parent.parent

BASE = "/years/2026/reports"
CDB = "{urn:QDA-XML:codebook:1.0}"
PRJ = "{urn:QDA-XML:project:1.0}"


def nl(app, msgid: str, **values) -> str:
    with app.test_request_context(), force_locale("nl"):
        return gettext(msgid, **values)


def _cycle():
    school = db.session.scalar(db.select(School).where(School.is_demo.is_(True)))
    return core.get_cycle(school, 2026)


def _fragments() -> list[tuple[Fragment, Respondent]]:
    return db.session.execute(
        db.select(Fragment, Respondent)
        .join(Transcript, Fragment.transcript_id == Transcript.id)
        .join(Respondent, Transcript.respondent_id == Respondent.id)
        .where(Respondent.cycle_id == _cycle().id, Fragment.needs_review.is_(False))
        .order_by(Respondent.number, Fragment.start_offset, Fragment.id)
    ).all()


def _audit_actions() -> list[str]:
    return list(db.session.scalars(db.select(AuditEvent.action).order_by(AuditEvent.id)))


def _is_uuid(value: str) -> bool:
    return str(uuid.UUID(value)) == value


# --- codings as CSV and Excel ------------------------------------------------------------


def test_codings_csv_has_one_row_per_fragment_and_code_without_names(app, chair):
    response = chair.get(f"{BASE}/codings.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.headers["Cache-Control"] == "no-store"
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")
    table = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    header, lines = table[0], table[1:]
    assert header == [nl(app, h) for h in (
        "Respondent", "Group", "Code", "Theme", "Passage", "Memo", "Telling quote",
        "Consent for quotes", "Coder",
    )]  # fmt: skip
    with app.app_context():
        expected = [
            (r.code, f.text, code.name)
            for f, r in _fragments()
            for code in sorted(f.codes, key=lambda c: (c.position, c.id))
        ]
        names = [u.display_name for u in db.session.scalars(db.select(User))]
    assert [(line[0], line[4], line[2]) for line in lines] == expected
    assert {line[8] for line in lines} == {nl(app, "coder %(n)d", n=1), nl(app, "coder %(n)d", n=2)}
    r03 = [line for line in lines if line[0] == "R03"]
    assert r03 and all(line[7] == nl(app, "no") for line in r03)
    assert any(line[6] == nl(app, "yes") for line in r03)
    assert not any(name in text for name in names)
    with app.app_context():
        assert _audit_actions()[-1] == "export_codings"


def test_cells_that_a_spreadsheet_would_run_are_defused(app, chair):
    with app.test_request_context():
        fragment, _respondent = _fragments()[0]
        fragment.memo = '=HYPERLINK("http://evil.example","klik")'
        fragment.text = "+31 6 1234"
        code = fragment.codes[0]
        code.name = "@SUM(A1)"
        db.session.commit()
    table = list(csv.reader(io.StringIO(chair.get(f"{BASE}/codings.csv").get_data(as_text=True))))
    first = table[1]
    assert first[5] == '\'=HYPERLINK("http://evil.example","klik")'
    assert first[4] == "'+31 6 1234"
    assert first[2] == "'@SUM(A1)"

    workbook = openpyxl.load_workbook(io.BytesIO(chair.get(f"{BASE}/codings.xlsx").data))
    sheet = workbook.active
    assert sheet["F2"].value == '\'=HYPERLINK("http://evil.example","klik")'
    assert sheet["F2"].data_type == "s"
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_codings_xlsx_has_a_frozen_bold_header_and_the_same_rows(app, chair):
    response = chair.get(f"{BASE}/codings.xlsx")
    assert response.status_code == 200
    assert response.mimetype.endswith("spreadsheetml.sheet")
    sheet = openpyxl.load_workbook(io.BytesIO(response.data)).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][0] == nl(app, "Respondent") and sheet["A1"].font.bold
    assert sheet.freeze_panes == "A2"
    with app.app_context():
        assert len(values) - 1 == sum(len(f.codes) for f, _r in _fragments())
    assert {row[0] for row in values[1:]} <= {f"R{n:02d}" for n in range(1, 13)}


# --- REFI-QDA ----------------------------------------------------------------------------


def test_the_codebook_qdc_nests_codes_under_their_themes(app, chair):
    response = chair.get(f"{BASE}/codebook.qdc")
    assert response.status_code == 200
    root = ET.fromstring(response.data)
    assert root.tag == f"{CDB}CodeBook"
    top = root.find(f"{CDB}Codes").findall(f"{CDB}Code")
    with app.app_context():
        themes = coding.themes_of(_cycle())
        loose = [c for c in coding.codes_of(_cycle()) if c.theme_id is None]
        expected = [(t.name, [c.name for c in t.codes]) for t in themes]
        description = themes[0].description
        colour = themes[0].codes[0].colour.upper()
    as_themes = [(c.get("name"), [k.get("name") for k in c.findall(f"{CDB}Code")]) for c in top]
    assert as_themes[: len(expected)] == expected
    assert [c.get("name") for c in top[len(expected) :]] == [c.name for c in loose]
    first = top[0]
    assert first.get("isCodable") == "false"
    assert first.find(f"{CDB}Description").text == description
    child = first.find(f"{CDB}Code")
    assert child.get("isCodable") == "true" and child.get("color") == colour
    guids = [c.get("guid") for c in root.iter(f"{CDB}Code")]
    assert all(_is_uuid(g) for g in guids) and len(set(guids)) == len(guids)
    # stable: the same ids on the next download
    again = ET.fromstring(chair.get(f"{BASE}/codebook.qdc").data)
    assert [c.get("guid") for c in again.iter(f"{CDB}Code")] == guids


def test_the_project_qdpx_holds_every_write_out_and_its_coding_and_is_logged(app, chair):
    response = chair.get(f"{BASE}/project.qdpx")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    root = ET.fromstring(archive.read("project.qde"))
    assert root.tag == f"{PRJ}Project"
    code_guids = {c.get("guid") for c in root.iter(f"{PRJ}Code") if c.get("isCodable") == "true"}
    users = root.find(f"{PRJ}Users").findall(f"{PRJ}User")
    assert [u.get("name") for u in users] == [
        nl(app, "coder %(n)d", n=1),
        nl(app, "coder %(n)d", n=2),
    ]
    sources = root.find(f"{PRJ}Sources").findall(f"{PRJ}TextSource")
    with app.app_context():
        written = [
            (respondent.code, body)
            for respondent, body in db.session.execute(
                db.select(Respondent, Transcript.body)
                .join(Transcript, Transcript.respondent_id == Respondent.id)
                .where(Respondent.cycle_id == _cycle().id)
                .order_by(Respondent.number)
            )
        ]
        fragment_count = len(_fragments())
    assert [s.get("name") for s in sources] == [code for code, _ in written]
    selections = 0
    for source, (_code, text) in zip(sources, written, strict=True):
        guid = source.get("guid")
        assert source.get("plainTextPath") == f"internal://{guid}.txt"
        assert archive.read(f"sources/{guid}.txt").decode("utf-8") == text
        for selection in source.findall(f"{PRJ}PlainTextSelection"):
            selections += 1
            start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
            assert 0 <= start < end <= len(text)
            codings = selection.findall(f"{PRJ}Coding")
            assert codings
            for coding_element in codings:
                assert coding_element.find(f"{PRJ}CodeRef").get("targetGUID") in code_guids
    assert selections == fragment_count
    with app.app_context():
        event = db.session.scalars(db.select(AuditEvent).order_by(AuditEvent.id.desc())).first()
        assert (event.action, event.object_type, event.subject) == ("export_project", "Cycle", "")


def test_the_qdpx_selection_offsets_point_at_the_coded_passages():
    project = exports.QdaProject(
        name="Test",
        codes=(exports.QdaCode("00000000-0000-0000-0000-000000000001", "Tijd", "#aabbcc"),),
        sources=(
            exports.QdaSource(
                "00000000-0000-0000-0000-000000000002",
                "R01",
                "Één zin. Tweede zin met é.",
                selections=(
                    exports.QdaSelection(
                        "00000000-0000-0000-0000-000000000003",
                        9,
                        26,
                        (
                            (
                                "00000000-0000-0000-0000-000000000004",
                                "00000000-0000-0000-0000-000000000001",
                            ),
                        ),  # fmt: skip
                        memo="notitie\x01",
                    ),
                ),
            ),
        ),
    )
    archive = zipfile.ZipFile(io.BytesIO(exports.project_qdpx(project)))
    root = ET.fromstring(archive.read("project.qde"))
    selection = root.find(f".//{PRJ}PlainTextSelection")
    text = archive.read("sources/00000000-0000-0000-0000-000000000002.txt").decode()
    start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
    assert text[start:end] == "Tweede zin met é."
    assert selection.find(f"{PRJ}Description").text == "notitie"
    assert "CodeBook" in root.find(f"{PRJ}CodeBook").tag


# --- codebook and quotes in Word ---------------------------------------------------------


def test_the_codebook_in_word_lists_themes_with_codes_descriptions_and_counts(app, teacher):
    response = teacher.get(f"{BASE}/codebook.docx")  # Joost codes in the demo
    assert response.status_code == 200
    document = docx.Document(io.BytesIO(response.data))
    with app.app_context():
        cycle = _cycle()
        themes = coding.themes_of(cycle)
        frequencies = analysis.frequencies(analysis.load(cycle)[0])
        first = themes[0].codes[0]
        expected = [first.name, first.description or "–", str(frequencies[first.id]["all"])]
        theme_names = [t.name for t in themes]
    level2 = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert level2[: len(theme_names)] == theme_names
    assert level2[-1] == nl(app, "Codes without a theme")
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == [
        nl(app, "Code"), nl(app, "When to use it"), nl(app, "Coded passages"),
    ]  # fmt: skip
    assert [c.text for c in table.rows[1].cells] == expected
    assert len(document.tables) == len(theme_names) + 1


def test_a_themes_quotes_are_the_consented_ones_under_the_code(app, chair):
    with app.app_context():
        cycle = _cycle()
        theme = next(t for t in coding.themes_of(cycle) if t.name == "Ouders van het kind dat pest")
        theme_id = theme.id
    response = chair.get(f"{BASE}/themes/{theme_id}/quotes.docx")
    assert response.status_code == 200
    document = docx.Document(io.BytesIO(response.data))
    paragraphs = [p.text for p in document.paragraphs]
    assert paragraphs[0] == nl(
        app, "Telling quotes: %(theme)s", theme="Ouders van het kind dat pest"
    )
    quotes = [p for p in document.paragraphs if p.style.name == "Quote"]
    assert quotes
    for quote in quotes:
        attribution = paragraphs[paragraphs.index(quote.text) + 1]
        assert attribution.startswith("— R")
    text = "\n".join(paragraphs)
    assert "als de moeder van de dader" not in text  # R03 did not consent to quotes
    assert "R03" not in text


@pytest.mark.parametrize(
    "path",
    ["codings.csv", "codings.xlsx", "codebook.qdc", "project.qdpx"],
)
def test_only_the_chair_downloads_the_data_exports(app, member, teacher, director, path):
    for client in (member, teacher, director):
        assert client.get(f"{BASE}/{path}").status_code == 403


def test_word_codebook_and_quotes_are_for_the_chair_and_coders(app, member, director):
    with app.app_context():
        theme_id = coding.themes_of(_cycle())[0].id
    for path in ("codebook.docx", f"themes/{theme_id}/quotes.docx"):
        assert member.get(f"{BASE}/{path}").status_code == 403  # Samira does not code
        assert director.get(f"{BASE}/{path}").status_code == 403


def test_another_schools_theme_is_not_found(app, chair, other_chair):
    with app.app_context():
        theme_id = coding.themes_of(_cycle())[0].id
    assert other_chair.get(f"{BASE}/themes/{theme_id}/quotes.docx").status_code == 404
    assert chair.get(f"{BASE}/themes/{10**12}/quotes.docx").status_code == 404


def test_a_spreadsheet_export_does_not_load_numpy_into_the_worker():
    """openpyxl would import numpy (installed for the chart process) and the worker would keep
    its 19 MiB; the export leaves it out and the workbook still reads back. Numpy can still be
    imported afterwards. In a fresh interpreter, since other tests may have loaded numpy."""
    script = (
        "import sys, io\n"
        "from reports.exports import codings_xlsx\n"
        "data = codings_xlsx([], ['Code', 'Fragment'], 'ja', 'nee', 'Coderingen')\n"
        "loaded = 'numpy' in sys.modules\n"
        "import openpyxl, numpy\n"
        "sheet = openpyxl.load_workbook(io.BytesIO(data)).active\n"
        "print(loaded, [c.value for c in sheet[1]], sheet.title)\n"
    )
    result = subprocess.run(
        [sys.executable, "-W", "error", "-c", script],
        capture_output=True, text=True, check=True, cwd=ROOT,
    )  # fmt: skip
    assert result.stdout.split("\n")[0] == "False ['Code', 'Fragment'] Coderingen"
