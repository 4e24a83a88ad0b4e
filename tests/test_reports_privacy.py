"""Privacy of the documents: built from what is stored, so

- a quote of a respondent whose consent does not cover quotes never appears in a document;
- after a withdrawal nothing of that respondent's coded passages appears in any document or
  export made afterwards;
- no name from the chair's pseudonym list appears (the write-outs are stored pseudonymised,
  also when the list grows after coding);
- the director gets 403 on every export that holds write-out text.
"""

from __future__ import annotations

import io
import re
import zipfile

import docx
import openpyxl
from PIL import Image

from app import db
from interviews import coding
from interviews import services as interviews
from interviews.models import Fragment, Respondent, Transcript
from workgroup import services as core
from workgroup.models import School, User

BASE = "/years/2026/reports"
WORD = ["meetings/1.docx", "meetings/2.docx", "meetings/3.docx", "meetings/4.docx",
        "infographic.docx", "codebook.docx"]  # fmt: skip
EXPORTS = ["codings.csv", "codings.xlsx", "codebook.qdc", "project.qdpx"]


def _cycle():
    school = db.session.scalar(db.select(School).where(School.is_demo.is_(True)))
    return core.get_cycle(school, 2026)


def _respondent(number: int) -> Respondent:
    return db.session.scalar(
        db.select(Respondent).where(Respondent.cycle_id == _cycle().id, Respondent.number == number)
    )


def _passages(number: int) -> list[str]:
    respondent = _respondent(number)
    return list(
        db.session.scalars(
            db.select(Fragment.text)
            .join(Transcript, Fragment.transcript_id == Transcript.id)
            .where(Transcript.respondent_id == respondent.id)
            .order_by(Fragment.id)
        )
    )


def _readable(path: str, data: bytes) -> str:
    """All text of a downloaded file: Word and Excel as their XML, a .qdpx with its sources,
    a PNG with its text chunks."""
    if path.endswith(".docx"):
        document = docx.Document(io.BytesIO(data))
        parts = [p.text for p in document.paragraphs]
        parts += [c.text for t in document.tables for r in t.rows for c in r.cells]
        parts += [s._inline.docPr.get("descr") or "" for s in document.inline_shapes]
        return "\n".join(parts)
    if path.endswith(".xlsx"):
        sheet = openpyxl.load_workbook(io.BytesIO(data)).active
        return "\n".join(str(v) for row in sheet.iter_rows(values_only=True) for v in row)
    if path.endswith(".qdpx"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "\n".join(archive.read(n).decode() for n in archive.namelist())
    if path.endswith(".png"):
        return " ".join(str(v) for v in Image.open(io.BytesIO(data)).info.values())
    return data.decode("utf-8")


def _all_documents(client, paths) -> dict[str, str]:
    result = {}
    for path in paths:
        response = client.get(f"{BASE}/{path}")
        assert response.status_code == 200, path
        result[path] = _readable(path, response.data)
    return result


def _theme_paths() -> list[str]:
    return [f"themes/{t.id}/quotes.docx" for t in coding.themes_of(_cycle())]


def test_quotes_without_consent_for_quotes_never_appear_in_a_document(app, chair, director):
    with app.app_context():
        no_consent = [r for r in (_respondent(3), _respondent(9)) if not r.may_quote]
        assert len(no_consent) == 2
        quotes = list(
            db.session.scalars(
                db.select(Fragment.text)
                .join(Transcript, Fragment.transcript_id == Transcript.id)
                .where(
                    Transcript.respondent_id.in_([r.id for r in no_consent]),
                    Fragment.is_quote.is_(True),
                )
                .order_by(Fragment.id)
            )
        )
        theme_paths = _theme_paths()
    assert quotes  # the demo marked telling quotes in their write-outs
    documents = _all_documents(chair, [*WORD, *theme_paths, "infographic.png"])
    documents |= {
        f"director {p}": t
        for p, t in _all_documents(director, ["meetings/3.docx", "infographic.docx"]).items()
    }
    for path, text in documents.items():
        for quote in quotes:
            assert quote not in text, (path, quote)
        assert ("R03" not in text and "R09" not in text) or path.endswith("meetings/2.docx"), path


def test_after_a_withdrawal_nothing_of_the_respondent_appears_in_any_document(app, chair, member):
    with app.app_context():
        passages = _passages(1)  # R01, interviewed by Samira, consented to quotes
        theme_paths = _theme_paths()
    assert len(passages) > 5
    before = _all_documents(chair, ["meetings/3.docx", "codings.csv"])
    assert any(p in before["meetings/3.docx"] for p in passages)  # its quotes were there
    assert "R01" in before["codings.csv"]

    with app.app_context():
        rid = _respondent(1).id
    withdrawn = member.post(f"/years/2026/interviews/respondents/{rid}/withdraw",
                            data={"confirm": "yes"})  # fmt: skip
    assert withdrawn.status_code == 302
    with app.app_context():
        assert _respondent(1).transcript is None
        assert _passages(1) == []

    after = _all_documents(chair, [*WORD, *EXPORTS, *theme_paths, "infographic.png"])
    with app.app_context():
        others = {t for n in range(2, 13) for t in _passages(n)}
    for path, text in after.items():
        for passage in passages:
            if passage in others:
                continue  # the same words said by someone else
            assert passage not in text, (path, passage)
        if path != "meetings/2.docx":  # the plan keeps the code, marked withdrawn
            assert not re.search(r"\bR01\b", text), path
    assert re.search(r"\bR01\b", after["meetings/2.docx"])


def test_no_name_from_the_pseudonym_list_appears_also_when_added_after_coding(app, chair):
    with app.test_request_context():
        cycle = _cycle()
        user = db.session.scalar(db.select(User).where(User.email == "voorzitter@example.nl"))
        # "mama" is in a telling quote of R01 that the documents show; put it on the list
        interviews.add_pseudonym(cycle, "mama", "[ouder]", user)
        db.session.commit()
        names = [p.name for p in interviews.pseudonyms_of(cycle)]
        theme_paths = _theme_paths()
    assert "mama" in names and "Juf Ellen" in names
    documents = _all_documents(chair, [*WORD, *EXPORTS, *theme_paths, "infographic.png"])
    for path, text in documents.items():
        for name in names:
            if name in "OBS De Regenboog (demo)":
                # the school's own name is on the list (for the write-outs); documents carry
                # the school's name in their header, never in a quote or passage
                continue
            assert not re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE), (
                path,
                name,
            )
    assert "“'Het is elke dag, [ouder],' zei hij.”" in documents["meetings/3.docx"]


def test_the_director_gets_no_export_with_write_out_text(director):
    for path in [*EXPORTS, "codebook.docx"]:
        assert director.get(f"{BASE}/{path}").status_code == 403, path
    with director.application.app_context():
        theme_paths = _theme_paths()
    for path in theme_paths:
        assert director.get(f"{BASE}/{path}").status_code == 403, path
