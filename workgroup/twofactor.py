"""Optional two-step login (TOTP) for chairs, directors and platform administrators.

A secret is made when someone opens the page to turn it on (``totp_secret`` set,
``totp_enabled_at`` empty: enrolling); it counts only once the first code from the app has
been checked. At login, a correct password of a user with two-step login on leads to a second
step: the session holds only the pending user id and the time (``pending_login``); nobody is
logged in before the code is checked. A code is accepted for the current time step and one
step either side (clocks drift), and a time step is accepted once: ``totp_last_step`` is moved
forward in one conditional UPDATE, so two requests with the same code cannot both pass.

No request objects here: the views keep the session, these functions flush, the view commits.
"""

from __future__ import annotations

import hmac
import re
import time

import pyotp
import segno
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup
from sqlalchemy import or_, update

from app import db
from workgroup import services
from workgroup.models import DomainError, Role, User, utcnow

#: The name the authenticator app shows above the codes.
ISSUER = "LDD"
#: Roles (in any school) that may turn two-step login on; platform administrators may too.
ROLES = (Role.chair, Role.director)
#: How long the code step waits after a correct password.
PENDING_SECONDS = 5 * 60
#: The session key of the code step: ``{"user_id": int, "at": unix time}``.
PENDING = "totp_pending"
#: Time steps either side of now that are still accepted.
VALID_WINDOW = 1

CODE = re.compile(r"[0-9]{6}")


class WrongPassword(DomainError):
    """Turning two-step login off with a password that is not the user's."""


services.AUDIT_LABELS.update(
    {
        "enable_two_factor": _l("turned on two-step login"),
        "disable_two_factor": _l("turned off two-step login"),
    }
)


def is_enabled(user: User) -> bool:
    return user.totp_enabled_at is not None and bool(user.totp_secret)


def may_enable(user: User) -> bool:
    """Chairs and directors (in any school) and platform administrators."""
    return user.is_admin or any(m.role in ROLES for m in services.memberships_of(user))


def enrolment_secret(user: User) -> str:
    """The secret being set up, made on first use and kept until confirmed or turned off, so a
    reload shows the same QR code as the one already scanned."""
    if is_enabled(user):
        raise DomainError(_("Two-step login is already on."))
    if not may_enable(user):
        raise DomainError(_("Two-step login is available for chairs and directors."))
    if not user.totp_secret:
        user.totp_secret = pyotp.random_base32()
        user.totp_last_step = None
        db.session.flush()
    return user.totp_secret


def provisioning_uri(user: User, secret: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=ISSUER)


def qr_svg(uri: str) -> Markup:
    """The QR code as inline SVG: only elements and presentation attributes (no ``style``),
    so the Content-Security-Policy allows it."""
    svg = segno.make(uri, error="m").svg_inline(scale=5, dark="#000", light="#fff", omitsize=True)
    if "style" in svg or "<script" in svg:  # pragma: no cover - guards a segno upgrade
        raise RuntimeError("segno's SVG carries a style or script; the CSP would block it")
    return Markup(svg)


def grouped(secret: str) -> str:
    """The secret in groups of four, for typing it into an app by hand."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _accept(user: User, code: str, now: float | None = None) -> None:
    """Accept ``code`` for ``user.totp_secret`` once, or raise DomainError with the reason."""
    code = re.sub(r"\s", "", code or "")
    if not CODE.fullmatch(code):
        raise DomainError(_("Enter the 6 digits that your app shows."))
    totp = pyotp.TOTP(user.totp_secret)
    current = int((time.time() if now is None else now) // totp.interval)
    step = next(
        (
            s
            for s in range(current - VALID_WINDOW, current + VALID_WINDOW + 1)
            if hmac.compare_digest(totp.generate_otp(s), code)
        ),
        None,
    )
    if step is None:
        raise DomainError(_("This code is not correct. Check the time on your phone and retry."))
    moved = db.session.execute(
        update(User)
        .where(
            User.id == user.id,
            or_(User.totp_last_step.is_(None), User.totp_last_step < step),
        )
        .values(totp_last_step=step)
        .execution_options(synchronize_session=False)
    )
    if moved.rowcount != 1:
        raise DomainError(
            _("This code has been used already. Wait until your app shows a new code.")
        )
    db.session.refresh(user, ["totp_last_step"])


def confirm_enrolment(user: User, code: str, now: float | None = None) -> None:
    """Turn two-step login on with the first code from the app."""
    if is_enabled(user):
        raise DomainError(_("Two-step login is already on."))
    if not may_enable(user):
        raise DomainError(_("Two-step login is available for chairs and directors."))
    if not user.totp_secret:
        raise DomainError(_("Scan the QR code first, then enter the code your app shows."))
    _accept(user, code, now)
    user.totp_enabled_at = utcnow()
    _audit(user, "enable_two_factor", actor=user)
    db.session.flush()


def disable(user: User, password: str, code: str, now: float | None = None) -> None:
    """Turn two-step login off: needs the password and a current code."""
    if not is_enabled(user):
        raise DomainError(_("Two-step login is not on."))
    if not user.check_password(password or ""):
        raise WrongPassword(_("Your password is not correct."))
    _accept(user, code, now)
    user.totp_secret = None
    user.totp_enabled_at = None
    user.totp_last_step = None
    _audit(user, "disable_two_factor", actor=user)
    db.session.flush()


def reset(user: User) -> None:
    """Turn two-step login off without a code (``flask reset-two-factor``: a lost phone)."""
    was_on = is_enabled(user)
    user.totp_secret = None
    user.totp_enabled_at = None
    user.totp_last_step = None
    if was_on:
        _audit(user, "disable_two_factor", actor=None)
    db.session.flush()


def _audit(user: User, action: str, actor: User | None) -> None:
    """One event in the log of every school the user works in (the chair of each sees who
    protects their login); an administrator without a school gets one without a school."""
    memberships = services.memberships_of(user)
    for membership in memberships:
        services.audit(membership.school, actor, action, user)
    if not memberships:
        services.audit(None, actor, action, user)


# --- the login step ----------------------------------------------------------------------


def pending_login(user: User, now: float | None = None) -> dict:
    """What the session keeps between the password and the code: nothing else."""
    return {"user_id": user.id, "at": int(time.time() if now is None else now)}


def pending_user(pending, now: float | None = None) -> User | None:
    """The user of a pending login that is younger than PENDING_SECONDS, else None."""
    if not isinstance(pending, dict):
        return None
    user_id, at = pending.get("user_id"), pending.get("at")
    if not isinstance(user_id, int) or not isinstance(at, int):
        return None
    age = (time.time() if now is None else now) - at
    if not 0 <= age <= PENDING_SECONDS:
        return None
    user = db.session.get(User, user_id)
    return user if user is not None and is_enabled(user) else None


def check_login_code(user: User, code: str, now: float | None = None) -> None:
    """The second step of the login; DomainError with the reason when the code is refused."""
    _accept(user, code, now)
    db.session.flush()
