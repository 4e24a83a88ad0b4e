"""The school's house style: the chair uploads a logo (PNG or JPEG, checked), removes it after
a confirmation and chooses the house colour. Every refusal stores nothing."""

from __future__ import annotations

import html
import io
import struct
import zlib

import pytest
from flask_babel import force_locale, gettext
from PIL import Image

from app import db
from reports import services
from workgroup.models import AuditEvent, School

URL = "/years/2026/reports/house-style"


def nl(app, msgid: str, **values) -> str:
    with app.test_request_context(), force_locale("nl"):
        return gettext(msgid, **values)


def picture(kind: str = "PNG", size=(120, 60), mode="RGB") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, 0).save(out, format=kind)
    return out.getvalue()


def huge_png(width: int, height: int) -> bytes:
    """A valid PNG header for a huge image with a tiny body: a decompression bomb."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body))
            + kind
            + body
            + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    row = b"\x00" + b"\x00" * ((width + 7) // 8)
    data = zlib.compress(row * min(height, 50), 9)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    )


def _school() -> School:
    return db.session.scalar(db.select(School).where(School.is_demo.is_(True)))


def _stored(app):
    with app.app_context():
        school = _school()
        return school.logo, school.logo_mimetype, school.house_colour


def upload(client, content: bytes, name: str = "logo.png"):
    response = client.post(
        f"{URL}/logo",
        data={"file": (io.BytesIO(content), name)},
        content_type="multipart/form-data",
    )
    # the test client spools a large body to a temporary file and leaves it open
    response.request.environ["wsgi.input"].close()
    return response


def test_the_chair_uploads_a_png_logo_and_it_shows_on_the_page(app, chair):
    assert chair.get(URL).status_code == 200
    logo = picture("PNG")
    response = upload(chair, logo)
    assert response.status_code == 302
    assert _stored(app)[:2] == (logo, "image/png")
    page = chair.get(URL).get_data(as_text=True)
    assert 'src="data:image/png;base64,' in page
    assert html.escape(nl(app, "Logo of %(school)s", school="OBS De Regenboog (demo)")) in page
    with app.app_context():
        assert (
            db.session.scalars(db.select(AuditEvent.action).order_by(AuditEvent.id.desc())).first()
            == "change_logo"
        )


def test_a_jpeg_logo_is_accepted_whatever_its_name(app, chair):
    logo = picture("JPEG")
    assert upload(chair, logo, "logo.png").status_code == 302
    assert _stored(app)[:2] == (logo, "image/jpeg")


REFUSALS = {
    "gif": (lambda: picture("GIF", mode="P"), "Only a PNG or JPEG picture can be the logo."),
    "svg": (
        lambda: b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        "Only a PNG or JPEG picture can be the logo.",
    ),
    "html named png": (
        lambda: b"<html><body>hallo</body></html>",
        "Only a PNG or JPEG picture can be the logo.",
    ),
    "too large": (
        lambda: b"\x89PNG\r\n\x1a\n" + b"\x00" * (1024 * 1024),
        "The logo is larger than 1 MB. Save it smaller and try again.",
    ),
    "broken": (
        lambda: b"\x89PNG\r\n\x1a\n" + b"geen plaatje" * 20,
        "This picture cannot be read. Open it, save it again as PNG or JPEG and retry.",
    ),
    "truncated": (
        lambda: picture("PNG", size=(300, 300), mode="RGB")[:-200],
        "This picture cannot be read. Open it, save it again as PNG or JPEG and retry.",
    ),
    "png bytes with a jpeg start": (
        lambda: b"\xff\xd8\xff" + picture("PNG")[3:],
        "This picture cannot be read. Open it, save it again as PNG or JPEG and retry.",
    ),
    "decompression bomb": (
        lambda: huge_png(30_000, 30_000),
        "This picture is far too large for a logo; it is refused.",
    ),
    "just above the pixel limit": (
        lambda: huge_png(4_000, 3_500),
        "This picture is far too large for a logo; it is refused.",
    ),
    "too wide": (
        lambda: picture("PNG", size=(7_000, 2), mode="1"),
        "This picture is far too large for a logo; it is refused.",
    ),
    "empty": (lambda: b"", "The file is empty."),
}


@pytest.mark.parametrize("case", sorted(REFUSALS))
def test_a_wrong_logo_is_refused_with_a_clear_message_and_nothing_is_stored(app, chair, case):
    make, message = REFUSALS[case]
    content = make()
    if case != "empty":
        assert upload(chair, picture("PNG")).status_code == 302  # an earlier, good logo
    before = _stored(app)
    response = upload(chair, content)
    assert response.status_code == 422
    assert html.escape(nl(app, message)) in response.get_data(as_text=True)
    assert 'aria-invalid="true"' in response.get_data(as_text=True)
    assert _stored(app) == before


def test_the_checks_themselves_refuse_a_bomb_without_decoding_it():
    with pytest.raises(services.LogoError):
        services.check_logo(huge_png(100_000, 100_000))
    assert services.check_logo(picture("PNG")) == "image/png"
    assert services.check_logo(picture("JPEG")) == "image/jpeg"


def test_no_file_chosen_says_so(app, chair):
    response = chair.post(f"{URL}/logo", data={}, content_type="multipart/form-data")
    assert response.status_code == 422
    assert html.escape(nl(app, "Choose a file first.")) in response.get_data(as_text=True)
    assert _stored(app)[:2] == (None, "")


def test_removing_the_logo_asks_first(app, chair):
    upload(chair, picture("PNG"))
    ask = chair.post(f"{URL}/logo/delete")
    assert ask.status_code == 200
    assert 'name="confirm" value="yes"' in ask.get_data(as_text=True)
    assert _stored(app)[1] == "image/png"
    done = chair.post(f"{URL}/logo/delete", data={"confirm": "yes"})
    assert done.status_code == 302
    assert _stored(app)[:2] == (None, "")
    assert "data:image" not in chair.get(URL).get_data(as_text=True)


@pytest.mark.parametrize(
    ("colour", "message"),
    [
        ("red", "Choose a colour such as #1f5fa8."),
        ("#12345", "Choose a colour such as #1f5fa8."),
        ("#1f5fa8;x", "Choose a colour such as #1f5fa8."),
        ("#ffff00", "This colour is too light for headings on white paper. Choose a darker one."),
    ],
)
def test_a_wrong_colour_is_refused(app, chair, colour, message):
    response = chair.post(f"{URL}/colour", data={"colour": colour})
    assert response.status_code == 422
    assert html.escape(nl(app, message)) in response.get_data(as_text=True)
    assert _stored(app)[2] == "#1f5fa8"


def test_the_chair_chooses_the_house_colour(app, chair):
    assert chair.post(f"{URL}/colour", data={"colour": "#7A1F5C"}).status_code == 302
    assert _stored(app)[2] == "#7a1f5c"
    assert 'value="#7a1f5c"' in chair.get(URL).get_data(as_text=True)


def test_only_the_chair_sets_the_house_style(app, member, director):
    for client in (member, director):
        assert client.get(URL).status_code == 403
        assert upload(client, picture("PNG")).status_code == 403
        assert client.post(f"{URL}/colour", data={"colour": "#000000"}).status_code == 403
        assert client.post(f"{URL}/logo/delete", data={"confirm": "yes"}).status_code == 403
    assert _stored(app) == (None, "", "#1f5fa8")
