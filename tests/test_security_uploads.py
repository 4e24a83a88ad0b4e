"""Hostile uploads on every upload path: a wrong type, a file too large (for the check and for
the whole request), a broken Word file, and zip bombs (a .docx whose document.xml unpacks to
more than 100 MB, honestly declared or hidden behind a false size; for the logo a picture that
decodes to billions of pixels). Each gives a clear message, stores nothing (every table has as
many rows as before, and the object the upload was for is unchanged) and is never a 500.

``tests/test_interviews_listening.py`` has the everyday bad write-out uploads (empty, binary,
not a zip); this file adds the attacks and the other two upload paths.
"""

from __future__ import annotations

import gc
import io
import struct
import warnings
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import docx
import pytest
from flask_babel import force_locale, gettext

from app import db
from interviews import coding
from interviews import services as interview_services
from interviews.models import ConsentMethod, Respondent, RespondentGroup
from workgroup import services
from workgroup.models import School, User, WorkgroupMember

YEAR = "/years/2026"
MB = 1024 * 1024


def nl(app, msgid: str, **values) -> str:
    with app.test_request_context(), force_locale("nl"):
        return gettext(msgid, **values)


# --- hostile files -------------------------------------------------------------------------


def _docx(*paragraphs: str) -> bytes:
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _bomb(megabytes: int = 101) -> bytes:
    """A real .docx whose word/document.xml unpacks to ``megabytes`` MB (about 100 KB packed)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(_docx("x"))) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            if name != "word/document.xml":
                archive.writestr(name, data)
        with archive.open("word/document.xml", "w") as part:
            part.write(b'<?xml version="1.0"?><w:document><w:body><w:p><w:r><w:t>')
            chunk = b"A" * MB
            for _ in range(megabytes):
                part.write(chunk)
            part.write(b"</w:t></w:r></w:p></w:body></w:document>")
    data = buffer.getvalue()
    assert len(data) < 2 * MB  # small on the wire: only unpacking shows what it is
    return data


def _lying_bomb() -> bytes:
    """The same bomb, but its headers claim document.xml unpacks to 1,000 bytes."""
    data = bytearray(_bomb())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo("word/document.xml")
        assert info.file_size > 100 * MB
    struct.pack_into("<I", data, info.header_offset + 22, 1000)  # local header
    position = data.find(b"PK\x01\x02")
    while position != -1:  # central directory: find this part's entry
        name_length = struct.unpack_from("<H", data, position + 28)[0]
        if data[position + 46 : position + 46 + name_length] == b"word/document.xml":
            struct.pack_into("<I", data, position + 24, 1000)
            break
        position = data.find(b"PK\x01\x02", position + 4)
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        assert archive.getinfo("word/document.xml").file_size == 1000
    return bytes(data)


def _broken_docx() -> bytes:
    """A .docx cut off halfway: its central directory is gone."""
    data = _docx("Een gesprek", "dat halverwege ophoudt")
    return data[: len(data) // 2]


def _png_bomb() -> bytes:
    """A valid PNG of 20,000 × 20,000 black-and-white pixels (400 million), 50 KB packed."""
    width = height = 20_000
    rows = (b"\x00" + b"\x00" * (width // 8)) * 1000
    compressor = zlib.compressobj(9)
    packed = b"".join(compressor.compress(rows) for _ in range(height // 1000))
    packed += compressor.flush()

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body))
            + kind
            + body
            + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", packed) + chunk(b"IEND", b"")
    )


def _small_png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), "#1f5fa8").save(buffer, "PNG")
    return buffer.getvalue()


# --- the upload paths ----------------------------------------------------------------------


@dataclass(frozen=True)
class Path:
    """One upload route: where it posts, what a good file is, and how a refusal shows."""

    name: str
    url: str
    field: str
    good: Callable[[], tuple[bytes, str]]
    #: Extra form fields (the write-out's version).
    extra: dict


def _snapshot() -> dict[str, int]:
    db.session.expire_all()
    return {
        table.name: db.session.scalar(db.select(db.func.count()).select_from(table))
        for table in db.metadata.sorted_tables
    }


def _objects(app, respondent_id: int, school_id: int) -> tuple:
    """What the three uploads would change: the write-out, the codebook, the logo."""
    with app.app_context():
        respondent = db.session.get(Respondent, respondent_id)
        transcript = respondent.transcript
        school = db.session.get(School, school_id)
        cycle = services.get_cycle(school, 2026)
        return (
            transcript.body if transcript else None,
            sorted((c.name, c.description, c.colour, c.theme_id) for c in coding.codes_of(cycle)),
            sorted(t.name for t in coding.themes_of(cycle)),
            school.logo,
            school.logo_mimetype,
        )


@pytest.fixture
def fresh(app, demo) -> int:
    """A respondent with consent to write out and no write-out yet (Samira interviews)."""
    with app.test_request_context():
        school = db.session.get(School, demo.school_id)
        cycle = services.get_cycle(school, 2026)
        chair = db.session.scalar(db.select(User).where(User.email == "voorzitter@example.nl"))
        samira = db.session.scalar(
            db.select(WorkgroupMember).where(WorkgroupMember.display_name == "Samira El Idrissi")
        )
        respondent = interview_services.add_respondent(
            cycle, chair, group=RespondentGroup.parent, interviewer_id=samira.id
        )
        interview_services.record_consent(
            respondent,
            chair,
            given_on=date(2026, 10, 1),
            method=ConsentMethod.digital,
            allows_transcript=True,
            allows_quotes=False,
            today=date(2026, 10, 2),
        )
        db.session.commit()
        return respondent.id


def _paths(app, respondent_id: int) -> list[Path]:
    paths = [
        Path(
            "transcript",
            f"{YEAR}/interviews/respondents/{respondent_id}/transcript/upload",
            "file",
            lambda: (_docx("Vraag: hoe ging het?", "Antwoord: goed."), "gesprek.docx"),
            {"version": "0"},
        ),
        Path(
            "codebook",
            f"{YEAR}/interviews/codebook/import",
            "file",
            lambda: (b"theme,code,description,colour\nT,Ingelezen,,#aabbcc\n", "codes.csv"),
            {},
        ),
    ]
    logo = [r for r in app.url_map.iter_rules() if r.endpoint == "reports.upload_logo"]
    if logo:  # the house style (reports) has a logo upload
        paths.append(
            Path(
                "logo",
                f"{YEAR}/reports/house-style/logo",
                "file",
                lambda: (_small_png(), "logo.png"),
                {},
            )
        )
    return paths


def _post(client, path: Path, data: bytes, filename: str):
    response = client.post(
        path.url,
        data={**path.extra, path.field: (io.BytesIO(data), filename)},
        content_type="multipart/form-data",
    )
    # Werkzeug's test client spools a large body to a temporary file it never closes (its
    # EnvironBuilder, not the app: the views close the upload); collect it here, quietly.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        gc.collect()
    return response


def _message(client, response) -> str:
    """The page that tells the user what happened: the answer, or where it redirects."""
    if response.status_code in (302, 303):
        return client.get(response.headers["Location"]).get_data(as_text=True)
    return response.get_data(as_text=True)


#: A flashed error (every page also has a hidden ``flash--error`` for htmx problems).
FLASH_ERROR = '<p class="flash flash--error">'
#: Per attack: the file, its name, and per path the message that must show (msgid; None for
#: "some error message"). An upload larger than the whole request limit gets the 413 page.
TOO_LARGE_REQUEST = "What you sent is too large."
CANNOT_READ_DOCX = "This Word file cannot be read. Open it in Word, save it again and retry."
BOMB_DOCX = "This Word file unpacks to far too much data; it is refused."
NOT_CSV = "Save the codebook as CSV in UTF-8 and try again."
NOT_A_PICTURE = "Only a PNG or JPEG picture can be the logo."
ATTACKS: dict[str, tuple[Callable[[], tuple[bytes, str]], dict[str, str | None]]] = {
    "wrong-type": (
        lambda: (b"MZ\x90\x00\x03 an executable", "programma.exe"),
        {
            "transcript": "Only .txt and .docx files can be uploaded.",
            "codebook": NOT_CSV,
            "logo": NOT_A_PICTURE,
        },
    ),
    "wrong-type-right-name": (
        lambda: (b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "plaatje.png"),
        {"transcript": None, "codebook": None, "logo": NOT_A_PICTURE},
    ),
    "too-large-for-the-check": (
        lambda: (b"a" * (2 * MB + 10), "groot.txt"),
        {
            "transcript": "The file is larger than 2 MB. Split it up or paste the text.",
            "codebook": "This file is too large for a codebook.",
            "logo": None,
        },
    ),
    "too-large-for-a-request": (
        lambda: (b"a" * (4 * MB), "heel-groot.txt"),
        {"transcript": TOO_LARGE_REQUEST, "codebook": TOO_LARGE_REQUEST, "logo": TOO_LARGE_REQUEST},
    ),
    "broken-docx": (
        lambda: (_broken_docx(), "kapot.docx"),
        {"transcript": CANNOT_READ_DOCX, "codebook": None, "logo": NOT_A_PICTURE},
    ),
    "zip-bomb": (
        lambda: (_bomb(), "bom.docx"),
        {"transcript": BOMB_DOCX, "codebook": None, "logo": NOT_A_PICTURE},
    ),
    "zip-bomb-with-false-sizes": (
        lambda: (_lying_bomb(), "bom.docx"),
        {"transcript": CANNOT_READ_DOCX, "codebook": None, "logo": NOT_A_PICTURE},
    ),
    "picture-bomb": (
        lambda: (_png_bomb(), "logo.png"),
        {
            "transcript": "Only .txt and .docx files can be uploaded.",
            "codebook": None,
            "logo": "This picture is far too large for a logo; it is refused.",
        },
    ),
}


@pytest.mark.parametrize("attack", list(ATTACKS))
def test_a_hostile_upload_gives_a_message_and_stores_nothing(app, chair, fresh, demo, attack):
    make, messages = ATTACKS[attack]
    data, filename = make()
    for path in _paths(app, fresh):
        with app.app_context():
            rows = _snapshot()
        objects = _objects(app, fresh, demo.school_id)
        response = _post(chair, path, data, filename)
        assert response.status_code < 500, (path.name, response.status_code)
        page = _message(chair, response)
        wanted = messages[path.name]
        if wanted is None:  # some clear refusal: an error on the form or an error message
            assert 'class="error"' in page or FLASH_ERROR in page, path.name
        else:
            assert nl(app, wanted) in page, (path.name, wanted)
        if wanted == TOO_LARGE_REQUEST:
            assert response.status_code == 413
        with app.app_context():
            assert _snapshot() == rows, f"{path.name}: rows changed"
        assert _objects(app, fresh, demo.school_id) == objects, f"{path.name}: data changed"


def test_the_good_files_do_go_in(app, chair, fresh, demo):
    """The control: on the same paths, a good file is stored, so the refusals above are real."""
    before = _objects(app, fresh, demo.school_id)
    for path in _paths(app, fresh):
        data, filename = path.good()
        response = _post(chair, path, data, filename)
        assert response.status_code in (200, 302), (path.name, response.status_code)
        assert FLASH_ERROR not in _message(chair, response), path.name
    body, codes, _themes, logo, _mimetype = _objects(app, fresh, demo.school_id)
    assert body == "Vraag: hoe ging het?\n\nAntwoord: goed."
    assert "Ingelezen" in {name for name, *_ in codes} and codes != before[1]
    if any(p.name == "logo" for p in _paths(app, fresh)):
        assert logo == _small_png()


def test_a_docx_with_false_sizes_is_refused_without_unpacking_it_whole(app):
    """python-docx unpacks a part in one go; a part that claims 1,000 bytes but holds 100 MB
    would cost 100 MB of memory (and a 2 MB upload about 2 GB) before its checksum fails.
    The check unpacks in small steps and stops at the claimed size."""
    import tracemalloc

    data = _lying_bomb()
    with app.test_request_context():
        tracemalloc.start()
        try:
            with pytest.raises(interview_services.UploadError):
                interview_services.text_from_upload("bom.docx", data)
            _current, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert peak < 10 * MB, f"peak {peak / MB:.0f} MB"
