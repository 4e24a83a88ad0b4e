"""Views of the two-step login: the code step of the login, and turning it on and off.

The rules are in ``workgroup/twofactor.py``; ``workgroup.views.login`` starts the code step.
"""

from __future__ import annotations

from flask import flash, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_user

from app import db, limiter
from workgroup import bp, twofactor
from workgroup.access import logged_in, public, render
from workgroup.forms_twofactor import DisableTwoFactorForm, EnableTwoFactorForm, LoginCodeForm
from workgroup.models import DomainError
from workgroup.views import _login_rate_limit, safe_next


def _pending_key() -> str:
    """Rate-limit the code step per pending account too, not only per address."""
    pending = session.get(twofactor.PENDING)
    user_id = pending.get("user_id") if isinstance(pending, dict) else None
    return f"totp-user-{user_id}" if isinstance(user_id, int) else get_remote_address()


@bp.route("/login/code", methods=["GET", "POST"])
@limiter.limit(_login_rate_limit, methods=["POST"])
@limiter.limit(_login_rate_limit, methods=["POST"], key_func=_pending_key)
@public
def login_code():
    """The second step of the login: the code from the authenticator app."""
    pending = session.get(twofactor.PENDING)
    user = twofactor.pending_user(pending)
    if user is None:
        session.pop(twofactor.PENDING, None)
        if pending is not None:
            flash(_("The time to enter the code has run out. Log in again."), "info")
        return redirect(url_for("workgroup.login"))
    form = LoginCodeForm()
    if request.method == "GET":
        form.next.data = request.args.get("next", "")
    if form.validate_on_submit():
        try:
            twofactor.check_login_code(user, form.code.data)
        except DomainError as error:
            db.session.rollback()
            form.code.errors.append(str(error))
        else:
            db.session.commit()
            session.pop(twofactor.PENDING, None)
            login_user(user)
            session.pop("school_id", None)
            return redirect(safe_next(form.next.data, url_for("workgroup.index")))
    status = 422 if request.method == "POST" else 200
    return render("workgroup/twofactor_login.html", status=status, form=form)


@bp.route("/account/two-factor", methods=["GET", "POST"])
@limiter.limit(_login_rate_limit, methods=["POST"])
@logged_in
def two_factor():
    """Turn two-step login on: scan the QR code, then confirm with a first code."""
    user = current_user._get_current_object()
    if twofactor.is_enabled(user):
        return _page_when_on(DisableTwoFactorForm(formdata=None))
    if not twofactor.may_enable(user):
        # Members do not need it; nothing is stored for them, also when they post.
        return render("workgroup/twofactor_account.html", state="unavailable")
    secret = twofactor.enrolment_secret(user)
    db.session.commit()
    form = EnableTwoFactorForm()
    if form.validate_on_submit():
        try:
            twofactor.confirm_enrolment(user, form.code.data)
        except DomainError as error:
            db.session.rollback()
            form.code.errors.append(str(error))
        else:
            db.session.commit()
            flash(
                _(
                    "Two-step login is on. From now on LDD asks for a code from your app "
                    "after your password."
                ),
                "success",
            )
            return redirect(url_for("workgroup.two_factor"))
    uri = twofactor.provisioning_uri(user, secret)
    return render(
        "workgroup/twofactor_account.html",
        status=422 if request.method == "POST" else 200,
        state="setup",
        form=form,
        qr=twofactor.qr_svg(uri),
        secret=twofactor.grouped(secret),
    )


@bp.route("/account/two-factor/off", methods=["POST"])
@limiter.limit(_login_rate_limit, methods=["POST"])
@logged_in
def disable_two_factor():
    """Turn two-step login off: with the password and a current code."""
    user = current_user._get_current_object()
    if not twofactor.is_enabled(user):
        flash(_("Two-step login is not on."), "info")
        return redirect(url_for("workgroup.two_factor"))
    form = DisableTwoFactorForm()
    if form.validate_on_submit():
        try:
            twofactor.disable(user, form.password.data, form.code.data)
        except twofactor.WrongPassword as error:
            db.session.rollback()
            form.password.errors.append(str(error))
        except DomainError as error:
            db.session.rollback()
            form.code.errors.append(str(error))
        else:
            db.session.commit()
            flash(_("Two-step login is off. You log in with your password only."), "success")
            return redirect(url_for("workgroup.change_password"))
    return _page_when_on(form, status=422)


def _page_when_on(form, status: int = 200):
    return render(
        "workgroup/twofactor_account.html",
        status=status,
        state="on",
        form=form,
        enabled_at=current_user.totp_enabled_at,
    )


@bp.app_template_global()
def two_factor_state(user) -> str:
    """For the account page: "on", "available" (may turn it on) or "" (not for this user)."""
    if user is None:
        return ""
    if twofactor.is_enabled(user):
        return "on"
    return "available" if twofactor.may_enable(user) else ""
