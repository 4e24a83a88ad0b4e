"""Forms of the reports package: the school's house style."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import ColorField
from wtforms.validators import DataRequired, Regexp

from workgroup.forms import REQUIRED, LddForm


class LogoForm(LddForm):
    file = FileField(
        _l("Logo (PNG or JPEG, at most 1 MB)"),
        description=_l("It appears small at the top of every document."),
    )


class ColourForm(LddForm):
    colour = ColorField(
        _l("House colour"),
        validators=[
            DataRequired(REQUIRED),
            Regexp(r"^#[0-9a-fA-F]{6}$", message=_l("Choose a colour such as #1f5fa8.")),
        ],
        description=_l("Headings, tables and charts of the documents get this colour."),
    )
