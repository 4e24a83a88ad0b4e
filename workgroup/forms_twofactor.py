"""The forms of the two-step login (see ``workgroup/twofactor.py``)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, PasswordField, StringField
from wtforms.validators import DataRequired, Length

from workgroup.forms import REQUIRED, LddForm


def _code_field():
    # text, not number: a leading zero must survive, and the phone shows the digit keyboard
    return StringField(
        _l("Code from your app"),
        validators=[DataRequired(REQUIRED), Length(max=20)],
        render_kw={
            "inputmode": "numeric",
            "autocomplete": "one-time-code",
            "pattern": "[0-9 ]*",
            "maxlength": "7",
        },
        description=_l("The 6 digits your authenticator app shows for LDD."),
    )


class LoginCodeForm(LddForm):
    code = _code_field()
    next = HiddenField()


class EnableTwoFactorForm(LddForm):
    code = _code_field()


class DisableTwoFactorForm(LddForm):
    password = PasswordField(_l("Password"), validators=[DataRequired(REQUIRED)])
    code = _code_field()
