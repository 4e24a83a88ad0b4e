"""The school's house style (logo and colour) and the audit of downloads. Functions flush, the
view commits once.

A logo is checked three ways before anything is stored: its size in bytes, its first bytes
(PNG or JPEG) and by opening and fully decoding it with Pillow (imported only here), with a
limit on the number of pixels so a small file that unpacks to a huge image (a decompression
bomb) is refused too.
"""

from __future__ import annotations

import io
import re

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app import db
from workgroup import services as core
from workgroup.models import DomainError, School, User

MAX_LOGO_BYTES = 1024 * 1024
#: A logo needs far less; Pillow refuses larger images as a decompression bomb.
MAX_LOGO_PIXELS = 12_000_000
MAX_LOGO_SIDE = 6000
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"
FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg"}
COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
#: Headings in the house colour must stay readable on white paper (WCAG, large text).
MIN_CONTRAST = 3.0

core.AUDIT_LABELS.update(
    {
        "export_project": _l("downloaded the coded project with the write-outs (REFI-QDA)"),
        "export_codings": _l("downloaded the coded passages"),
        "change_logo": _l("changed the school's logo"),
        "remove_logo": _l("removed the school's logo"),
        "change_house_colour": _l("changed the house colour"),
    }
)


class LogoError(DomainError):
    """A logo that is refused; the message says why."""


def _magic_type(data: bytes) -> str | None:
    if data.startswith(PNG_MAGIC):
        return "image/png"
    if data.startswith(JPEG_MAGIC):
        return "image/jpeg"
    return None


def check_logo(data: bytes) -> str:
    """The logo's mimetype, or LogoError: not PNG or JPEG, too large, broken, or a bomb."""
    if not data:
        raise LogoError(_("The file is empty."))
    if len(data) > MAX_LOGO_BYTES:
        raise LogoError(_("The logo is larger than 1 MB. Save it smaller and try again."))
    mimetype = _magic_type(data)
    if mimetype is None:
        raise LogoError(_("Only a PNG or JPEG picture can be the logo."))
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = MAX_LOGO_PIXELS
    bomb = (Image.DecompressionBombError, Image.DecompressionBombWarning)
    try:
        with Image.open(io.BytesIO(data)) as image:
            kind, (width, height) = image.format, image.size
            if FORMATS.get(kind) != mimetype:
                raise LogoError(_("Only a PNG or JPEG picture can be the logo."))
            if width * height > MAX_LOGO_PIXELS or max(width, height) > MAX_LOGO_SIDE:
                raise LogoError(_("This picture is far too large for a logo; it is refused."))
            image.verify()
        with Image.open(io.BytesIO(data)) as image:
            image.load()  # decode every pixel: a truncated or damaged file fails here
    except LogoError:
        raise
    except bomb as error:
        raise LogoError(_("This picture is far too large for a logo; it is refused.")) from error
    except Exception as error:  # noqa: BLE001 - any failure to decode means a broken picture
        raise LogoError(
            _("This picture cannot be read. Open it, save it again as PNG or JPEG and retry.")
        ) from error
    return mimetype


def set_logo(school: School, data: bytes, by: User) -> None:
    mimetype = check_logo(data)
    school.logo = data
    school.logo_mimetype = mimetype
    db.session.flush()
    core.audit(school, by, "change_logo", school)


def remove_logo(school: School, by: User) -> None:
    school.logo = None
    school.logo_mimetype = ""
    db.session.flush()
    core.audit(school, by, "remove_logo", school)


def _luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast_with_white(colour: str) -> float:
    return 1.05 / (_luminance(colour) + 0.05)


def set_house_colour(school: School, colour: str, by: User) -> None:
    colour = (colour or "").strip()
    if not COLOUR.fullmatch(colour):
        raise DomainError(_("Choose a colour such as #1f5fa8."))
    if contrast_with_white(colour) < MIN_CONTRAST:
        raise DomainError(
            _("This colour is too light for headings on white paper. Choose a darker one.")
        )
    school.house_colour = colour.lower()
    db.session.flush()
    core.audit(school, by, "change_house_colour", school)


def has_logo(school: School) -> bool:
    return bool(school.logo_mimetype)


def logo_of(school: School) -> tuple[bytes | None, str]:
    """The logo and its mimetype (the column is deferred: read only where it is shown)."""
    row = db.session.execute(
        select(School.logo, School.logo_mimetype).where(School.id == school.id)
    ).one()
    return row.logo, row.logo_mimetype or ""
