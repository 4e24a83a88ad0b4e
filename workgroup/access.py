"""One decorator for every view: who may call it, in which school.

``@require(Role.chair, Role.member)`` logs the user in, picks the current school from the
session, checks the role there and puts ``g.school`` and ``g.role`` in place. The roles a
view allows are kept on the view (``view.allowed_roles``) so the access-matrix test can read
them for every route.
"""

from __future__ import annotations

from functools import wraps
from io import BytesIO

from flask import (
    abort,
    g,
    make_response,
    redirect,
    render_template,
    request,
    send_file,
    session,
    url_for,
)
from flask_login import current_user

from workgroup import services
from workgroup.models import Role

ALL_ROLES = (Role.chair, Role.member, Role.director)
PUBLIC = "public"
LOGGED_IN = "logged_in"
ADMIN = "admin"


def public(view):
    """No login needed (login page, invitation link, health check)."""
    view.allowed_roles = PUBLIC
    return view


def logged_in(view):
    """Any logged-in user; the view works on the user's own account only."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if not current_user.is_authenticated:
            return _to_login()
        return view(*args, **kwargs)

    wrapped.allowed_roles = LOGGED_IN
    return wrapped


def admin_only(view):
    """Platform administrators only."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if not current_user.is_authenticated:
            return _to_login()
        if not current_user.is_admin:
            abort(403)
        return view(*args, **kwargs)

    wrapped.allowed_roles = ADMIN
    return wrapped


def require(*roles: Role):
    """A logged-in user with one of ``roles`` in the current school."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return _to_login()
            membership = current_membership()
            if membership is None:
                return redirect(url_for("workgroup.choose_school"))
            if membership.role not in roles:
                abort(403)
            g.school = membership.school
            g.role = membership.role
            return view(*args, **kwargs)

        wrapped.allowed_roles = tuple(roles)
        return wrapped

    return decorator


def cycle_or_404(year: int):
    """The current school's year that starts in ``year``; 404 for any other school's."""
    cycle = services.get_cycle(g.school, year)
    if cycle is None:
        abort(404)
    return cycle


def current_membership():
    school_id = session.get("school_id")
    if school_id is not None:
        membership = services.membership_in(current_user, school_id)
        if membership is not None:
            return membership
    memberships = services.memberships_of(current_user)
    if len(memberships) == 1:
        session["school_id"] = memberships[0].school_id
        return memberships[0]
    return None


def _to_login():
    if request.headers.get("HX-Request"):
        response = make_response("", 401)
        response.headers["HX-Redirect"] = url_for("workgroup.login")
        return response
    return redirect(url_for("workgroup.login", next=request.full_path.rstrip("?")))


def render(template: str, partial: str | None = None, status: int = 200, **context):
    """The page, or only its fragment when htmx asks for it (not on a history restore)."""
    wants_fragment = (
        partial is not None and request.htmx and not request.htmx.history_restore_request
    )
    response = make_response(render_template(partial if wants_fragment else template, **context))
    response.status_code = status
    response.vary.add("HX-Request")
    return response


def no_store(response):
    """Personal data (write-outs, coding) is kept in no shared or browser cache."""
    response.headers["Cache-Control"] = "no-store"
    return response


def attachment(data: str | bytes, mimetype: str, filename: str):
    """A download. Flask writes the file name so that any name (an en dash in "2026–2027",
    accents) survives the latin-1 header of a real server."""
    body = data.encode() if isinstance(data, str) else data
    return send_file(BytesIO(body), mimetype=mimetype, as_attachment=True, download_name=filename)
