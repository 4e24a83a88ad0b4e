"""Views of the core: login, schools and people, the year, meetings, members, startfoto."""

from __future__ import annotations

from datetime import date

from flask import abort, current_app, flash, g, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user
from wtforms import SelectChoice

from app import db, limiter
from workgroup import bp, calendar, services, twofactor
from workgroup.access import (
    ALL_ROLES,
    admin_only,
    current_membership,
    cycle_or_404,
    logged_in,
    public,
    render,
    require,
)
from workgroup.forms import (
    AcceptInvitationForm,
    ActionDoneForm,
    ActionForm,
    AgendaItemForm,
    AttendanceForm,
    ChangePasswordForm,
    ChooseSchoolForm,
    ConfirmForm,
    CreateSchoolForm,
    InviteForm,
    ItemNotesForm,
    LanguageForm,
    LoginForm,
    MeetingPlanForm,
    MemberForm,
    MemberInviteForm,
    MoveForm,
    RoleForm,
    StartfotoForm,
    StartYearForm,
)
from workgroup.guidance import GLOSSARY, MEETING_HELP
from workgroup.models import DomainError, Function, Mode, Role
from workgroup.pagecache import cached_page
from workgroup.programme import LISTENING_PERIOD, PROGRAMME

CHAIR = (Role.chair,)
GROUP = (Role.chair, Role.member)


def safe_next(target: str | None, fallback: str) -> str:
    """Only redirect to paths of this site."""
    if (
        target
        and target.startswith("/")
        and not target.startswith("//")
        and "\\" not in target
        # no control characters: a newline breaks the Location header (500), and browsers drop
        # tabs, so "/\t/evil.example" would become "//evil.example"
        and target.isprintable()
    ):
        return target
    return fallback


def confirmed() -> bool:
    """A destructive POST goes through once confirmed (hx-confirm, or the confirm page)."""
    return request.form.get("confirm") == "yes"


def confirm_page(title: str, message: str, action: str, cancel: str):
    return render(
        "confirm.html",
        title=title,
        message=message,
        action=action,
        cancel=cancel,
        form=ConfirmForm(),
    )


def _meeting_or_404(year: int, number: int):
    meeting = services.get_meeting(cycle_or_404(year), number)
    if meeting is None:
        abort(404)
    return meeting


# --- account -----------------------------------------------------------------------------


def _login_rate_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_rate_limit, methods=["POST"])
@public
def login():
    """Log in with email address and password."""
    form = LoginForm()
    if request.method == "GET":
        form.next.data = request.args.get("next", "")
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data)
        if user is not None and twofactor.is_enabled(user):
            # Two-step login: nobody is logged in until the code from the app is checked;
            # the session keeps only who is waiting and since when (views_twofactor.py).
            logout_user()
            session.pop("school_id", None)
            session[twofactor.PENDING] = twofactor.pending_login(user)
            return redirect(url_for("workgroup.login_code", next=form.next.data or None))
        if user is not None:
            login_user(user)
            session.pop("school_id", None)
            return redirect(safe_next(form.next.data, url_for("workgroup.index")))
        form.password.errors.append(_("This email address and password do not match."))
    status = 422 if request.method == "POST" else 200
    return render(
        "workgroup/login.html",
        "workgroup/_login_form.html",
        status=status,
        form=form,
        demo=current_app.config["DEMO_MODE"],
    )


@bp.route("/logout", methods=["POST"])
@logged_in
def logout():
    """Log out and forget the chosen school."""
    if ConfirmForm().validate_on_submit():
        logout_user()
        session.clear()
        flash(_("You are logged out."), "info")
    return redirect(url_for("workgroup.login"))


@bp.route("/account/password", methods=["GET", "POST"])
@logged_in
def change_password():
    """Change one's own password."""
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            services.change_password(current_user, form.current.data, form.password.data)
        except DomainError as error:
            form.current.errors.append(str(error))
        else:
            db.session.commit()
            flash(_("Your password has been changed."), "success")
            return redirect(url_for("workgroup.index"))
    status = 422 if request.method == "POST" else 200
    return render(
        "workgroup/password_edit.html", "workgroup/_password_form.html", status=status, form=form
    )


@bp.route("/language", methods=["POST"])
@public
def set_language():
    """Switch the interface language."""
    form = LanguageForm()
    if form.validate_on_submit():
        session["lang"] = form.lang.data
    return redirect(safe_next(request.form.get("next"), url_for("workgroup.index")))


@bp.route("/invite/<token>", methods=["GET", "POST"])
@public
def accept_invitation(token: str):
    """Accept an invitation: set a name and password, or join with the current account."""
    invitation = services.find_invitation(token)
    if invitation is None:
        return render("workgroup/invitation_invalid.html", status=404)
    form = AcceptInvitationForm()
    logged_in_as = current_user if current_user.is_authenticated else None
    if logged_in_as is not None and logged_in_as.email != invitation.email:
        return render(
            "workgroup/invitation_accept.html",
            invitation=invitation,
            form=form,
            wrong_account=True,
        )
    if request.method == "GET" and not form.display_name.data:
        form.display_name.data = invitation.display_name
    if logged_in_as is not None and request.method == "POST" and ConfirmForm().validate():
        services.accept_invitation(invitation, user=logged_in_as)
        db.session.commit()
        session["school_id"] = invitation.school_id
        flash(_("You have joined %(school)s.", school=invitation.school.name), "success")
        return redirect(url_for("workgroup.index"))
    if logged_in_as is None and form.validate_on_submit():
        try:
            user = services.accept_invitation(
                invitation,
                user=None,
                display_name=form.display_name.data,
                password=form.password.data,
            )
        except DomainError as error:
            form.display_name.errors.append(str(error))
        else:
            db.session.commit()
            login_user(user)
            session["school_id"] = invitation.school_id
            flash(_("Welcome! Your account is ready."), "success")
            return redirect(url_for("workgroup.index"))
    status = 422 if request.method == "POST" else 200
    return render(
        "workgroup/invitation_accept.html",
        "workgroup/_invitation_form.html",
        status=status,
        invitation=invitation,
        form=form,
        logged_in_as=logged_in_as,
    )


# --- schools -----------------------------------------------------------------------------


@bp.route("/", methods=["GET"])
@logged_in
def index():
    """Send the user to the year of their school, or to the step that comes first."""
    memberships = services.memberships_of(current_user)
    if not memberships:
        if current_user.is_admin:
            return redirect(url_for("workgroup.list_schools"))
        return render("workgroup/no_school.html")
    membership = current_membership()
    if membership is None:
        return redirect(url_for("workgroup.choose_school"))
    cycle = services.current_cycle(membership.school)
    if cycle is None:
        if membership.role is Role.chair:
            return redirect(url_for("workgroup.show_welcome"))
        g.school, g.role = membership.school, membership.role
        return render("workgroup/no_year.html")
    return redirect(url_for("workgroup.show_dashboard", year=cycle.start_year))


@bp.route("/schools", methods=["GET", "POST"])
@logged_in
def choose_school():
    """Choose which of one's schools to work in."""
    memberships = services.memberships_of(current_user)
    form = ChooseSchoolForm()
    if form.validate_on_submit():
        if any(m.school_id == form.school_id.data for m in memberships):
            session["school_id"] = form.school_id.data
            return redirect(url_for("workgroup.index"))
        abort(404)
    return render("workgroup/school_choose.html", memberships=memberships, form=form)


@bp.route("/admin/schools", methods=["GET", "POST"])
@admin_only
def list_schools():
    """The platform administrator's list of schools, and a form to add one."""
    form = CreateSchoolForm()
    invite_link = None
    if form.validate_on_submit():
        try:
            school = services.create_school(form.name.data)
            _invitation, token = services.create_invitation(
                school,
                email=form.chair_email.data,
                role=Role.chair,
                name=form.chair_name.data or "",
                created_by=current_user,
                days=current_app.config["INVITE_DAYS"],
            )
        except DomainError as error:
            db.session.rollback()
            form.name.errors.append(str(error))
        else:
            db.session.commit()
            invite_link = url_for("workgroup.accept_invitation", token=token, _external=True)
            flash(_("School %(name)s created.", name=school.name), "success")
            form = CreateSchoolForm(formdata=None)
    status = 422 if request.method == "POST" and form.errors else 200
    return render(
        "admin/schools.html",
        status=status,
        schools=services.all_schools(),
        form=form,
        invite_link=invite_link,
    )


@bp.route("/people", methods=["GET", "POST"])
@require(Role.chair)
def list_people():
    """Who has access to this school, open invitations, and a form to invite someone."""
    form = InviteForm()
    invite_link = None
    if form.validate_on_submit():
        try:
            _invitation, token = services.create_invitation(
                g.school,
                email=form.email.data,
                role=Role(form.role.data),
                name=form.display_name.data or "",
                created_by=current_user,
                days=current_app.config["INVITE_DAYS"],
            )
        except DomainError as error:
            form.email.errors.append(str(error))
        else:
            db.session.commit()
            invite_link = url_for("workgroup.accept_invitation", token=token, _external=True)
            form = InviteForm(formdata=None)
    status = 422 if request.method == "POST" and form.errors else 200
    return render(
        "workgroup/people_list.html",
        status=status,
        form=form,
        invite_link=invite_link,
        memberships=services.school_memberships(g.school),
        invitations=services.open_invitations(g.school),
        role_form=RoleForm(),
        confirm_form=ConfirmForm(),
    )


@bp.route("/people/<int:membership_id>/role", methods=["POST"])
@require(Role.chair)
def change_role(membership_id: int):
    """Give someone another role in this school."""
    membership = services.get_membership(g.school, membership_id)
    if membership is None:
        abort(404)
    form = RoleForm()
    if form.validate_on_submit():
        try:
            services.change_role(membership, Role(form.role.data), current_user)
        except DomainError as error:
            flash(str(error), "error")
        else:
            db.session.commit()
            flash(_("The role has been changed."), "success")
    return redirect(url_for("workgroup.list_people"))


@bp.route("/people/<int:membership_id>/remove", methods=["POST"])
@require(Role.chair)
def remove_person(membership_id: int):
    """Take away someone's access to this school."""
    membership = services.get_membership(g.school, membership_id)
    if membership is None:
        abort(404)
    if not confirmed():
        return confirm_page(
            _("Remove access"),
            _(
                "%(name)s will no longer be able to log in to this school.",
                name=membership.user.display_name,
            ),
            url_for("workgroup.remove_person", membership_id=membership_id),
            url_for("workgroup.list_people"),
        )
    if ConfirmForm().validate_on_submit():
        try:
            services.remove_membership(membership, current_user)
        except DomainError as error:
            flash(str(error), "error")
        else:
            db.session.commit()
            flash(_("Access removed."), "success")
    return redirect(url_for("workgroup.list_people"))


@bp.route("/people/invitations/<int:invitation_id>/revoke", methods=["POST"])
@require(Role.chair)
def revoke_invitation(invitation_id: int):
    """Withdraw an invitation that has not been used yet."""
    invitation = services.get_invitation(g.school, invitation_id)
    if invitation is None:
        abort(404)
    if ConfirmForm().validate_on_submit():
        services.revoke_invitation(invitation, current_user)
        db.session.commit()
        flash(_("The invitation has been withdrawn; its link no longer works."), "success")
    return redirect(url_for("workgroup.list_people"))


# --- the year ----------------------------------------------------------------------------


@bp.route("/years/new", methods=["GET", "POST"])
@require(Role.chair)
def start_year():
    """Start a school year with the seven meetings of the standard programme."""
    form = StartYearForm()
    if request.method == "GET":
        today = date.today()
        form.start_year.data = today.year if today.month >= 7 else today.year - 1
    if form.validate_on_submit():
        try:
            cycle = services.start_cycle(g.school, form.start_year.data, current_user)
        except DomainError as error:
            form.start_year.errors.append(str(error))
        else:
            db.session.commit()
            flash(
                _("School year %(label)s started with seven meetings.", label=cycle.label),
                "success",
            )
            return redirect(
                safe_next(
                    request.args.get("next"),
                    url_for("workgroup.show_dashboard", year=cycle.start_year),
                )
            )
    status = 422 if request.method == "POST" else 200
    return render(
        "workgroup/year_new.html",
        "workgroup/_year_form.html",
        status=status,
        form=form,
        programme=PROGRAMME,
        cycles=services.cycles_of(g.school),
    )


@bp.route("/years/<int:year>/", methods=["GET"])
@require(*ALL_ROLES)
@cached_page
def show_dashboard(year: int):
    """The year at a glance: timeline, next meeting, open actions, the chain."""
    cycle = cycle_or_404(year)
    meetings = services.meetings_of(cycle)
    return render(
        "workgroup/dashboard.html",
        cycle=cycle,
        cycles=services.cycles_of(g.school),
        meetings=meetings,
        next_meeting=services.next_meeting(cycle),
        open_actions=services.actions_of(cycle, open_only=True),
        chain=services.chain_status(cycle),
        streaks=services.online_streaks(meetings),
        listening_period=LISTENING_PERIOD,
        done_form=ActionDoneForm(),
        onboarding=services.onboarding_steps(g.school, cycle) if g.role is Role.chair else [],
        notices=services.dashboard_notices(cycle, g.role, date.today()),
        panels=services.dashboard_panels(cycle, g.role),
    )


@bp.route("/years/<int:year>/meetings", methods=["GET"])
@require(*ALL_ROLES)
def list_meetings(year: int):
    """The plan of the year: dates, times, online or at school, location."""
    cycle = cycle_or_404(year)
    meetings = services.meetings_of(cycle)
    return render(
        "workgroup/meetings_list.html",
        cycle=cycle,
        meetings=meetings,
        streaks=services.online_streaks(meetings),
        listening_period=LISTENING_PERIOD,
    )


@bp.route("/years/<int:year>/meetings/<int:number>/plan", methods=["GET", "POST"])
@require(Role.chair)
def edit_meeting(year: int, number: int):
    """Change a meeting's date, time, mode and location."""
    meeting = _meeting_or_404(year, number)
    form = MeetingPlanForm(obj=meeting if request.method == "GET" else None)
    if request.method == "GET":
        form.mode.data = meeting.mode.value
    if form.validate_on_submit():
        services.update_meeting_plan(
            meeting,
            planned_on=form.planned_on.data,
            starts_at=form.starts_at.data,
            mode=Mode(form.mode.data),
            location=form.location.data or "",
        )
        db.session.commit()
        meetings = services.meetings_of(meeting.cycle)
        if request.htmx:
            return render(
                "workgroup/_meeting_row.html",
                meeting=meeting,
                streaks=services.online_streaks(meetings),
            )
        flash(_("Meeting %(n)d has been planned.", n=number), "success")
        return redirect(url_for("workgroup.list_meetings", year=year))
    status = 422 if request.method == "POST" else 200
    return render(
        "workgroup/meeting_plan.html",
        "workgroup/_meeting_plan_form.html",
        status=status,
        meeting=meeting,
        form=form,
    )


@bp.route("/years/<int:year>/calendar.ics", methods=["GET"])
@require(*ALL_ROLES)
def download_calendar(year: int):
    """The year's meetings as an iCalendar file."""
    cycle = cycle_or_404(year)
    body = calendar.build_calendar(g.school, cycle, services.meetings_of(cycle))
    filename = f"werkgroep-{cycle.start_year}-{cycle.start_year + 1}.ics"
    return current_app.response_class(
        body,
        mimetype="text/calendar",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


# --- the meeting page --------------------------------------------------------------------


def _meeting_context(meeting, **overrides):
    cycle = meeting.cycle
    members = services.members_of(cycle)
    attendance = AttendanceForm(formdata=None)
    attendance.present.choices = [SelectChoice(m.id, m.display_name) for m in members]
    attendance.present.data = [m.id for m in meeting.attendees]
    action_form = ActionForm(formdata=None)
    action_form.owner_id.choices = [SelectChoice(0, _("nobody yet"))] + [
        (m.id, m.display_name) for m in members
    ]
    context = {
        "cycle": cycle,
        "meeting": meeting,
        "members": members,
        "item_form": AgendaItemForm(formdata=None),
        "notes_form": None,
        "edit_form": None,
        "editing": None,
        "attendance_form": attendance,
        "action_form": action_form,
        "carried": services.carried_actions(meeting),
        "actions": services.actions_of(cycle, meeting=meeting),
        "move_form": MoveForm(formdata=None),
        "confirm_form": ConfirmForm(formdata=None),
        "done_form": ActionDoneForm(formdata=None),
        "can_edit": g.role in GROUP and not meeting.is_final,
        "is_chair": g.role is Role.chair,
        "help": MEETING_HELP.get(meeting.number),
        "glossary": {term.key: term for term in GLOSSARY},
    }
    context.update(overrides)
    return context


def _agenda_response(meeting, status=200, **overrides):
    return render(
        "workgroup/meeting_show.html",
        "workgroup/_agenda.html",
        status=status,
        **_meeting_context(meeting, **overrides),
    )


@bp.route("/years/<int:year>/meetings/<int:number>", methods=["GET"])
@require(*ALL_ROLES)
def show_meeting(year: int, number: int):
    """A meeting: agenda with notes and decisions, attendance, actions."""
    meeting = _meeting_or_404(year, number)
    return render("workgroup/meeting_show.html", **_meeting_context(meeting))


def _domain_error_response(meeting, error: DomainError):
    if request.htmx:
        return _agenda_response(meeting, status=422, error=str(error))
    flash(str(error), "error")
    return redirect(
        url_for("workgroup.show_meeting", year=meeting.cycle.start_year, number=meeting.number)
    )


@bp.route("/years/<int:year>/meetings/<int:number>/agenda", methods=["POST"])
@require(Role.chair)
def add_agenda_item(year: int, number: int):
    """Add an item at the end of the agenda."""
    meeting = _meeting_or_404(year, number)
    form = AgendaItemForm()
    if not form.validate_on_submit():
        return _agenda_response(meeting, status=422, item_form=form)
    try:
        services.add_agenda_item(meeting, form.title.data, form.prompt.data or "", current_user)
    except DomainError as error:
        return _domain_error_response(meeting, error)
    db.session.commit()
    if request.htmx:
        return _agenda_response(meeting)
    return redirect(url_for("workgroup.show_meeting", year=year, number=number) + "#agenda")


def _item_or_404(meeting, item_id):
    item = services.get_agenda_item(meeting, item_id)
    if item is None:
        abort(404)
    return item


@bp.route(
    "/years/<int:year>/meetings/<int:number>/agenda/<int:item_id>/edit", methods=["GET", "POST"]
)
@require(Role.chair)
def edit_agenda_item(year: int, number: int, item_id: int):
    """Change the title and guiding question of an agenda item."""
    meeting = _meeting_or_404(year, number)
    item = _item_or_404(meeting, item_id)
    form = AgendaItemForm(obj=item if request.method == "GET" else None)
    if form.validate_on_submit():
        try:
            services.update_agenda_item(
                item, current_user, title=form.title.data, prompt=form.prompt.data or ""
            )
        except DomainError as error:
            return _domain_error_response(meeting, error)
        db.session.commit()
        if request.htmx:
            return _agenda_response(meeting)
        return redirect(
            url_for("workgroup.show_meeting", year=year, number=number) + f"#item-{item.id}"
        )
    status = 422 if request.method == "POST" else 200
    return _agenda_response(meeting, status=status, editing=item.id, edit_form=form)


@bp.route(
    "/years/<int:year>/meetings/<int:number>/agenda/<int:item_id>/notes",
    methods=["GET", "POST"],
)
@require(Role.chair, Role.member)
def edit_item_notes(year: int, number: int, item_id: int):
    """Write the notes and decisions of an agenda item."""
    meeting = _meeting_or_404(year, number)
    item = _item_or_404(meeting, item_id)
    form = ItemNotesForm(obj=item if request.method == "GET" else None)
    if form.validate_on_submit():
        try:
            services.update_agenda_item(
                item,
                current_user,
                notes=form.notes.data or "",
                decisions=form.decisions.data or "",
            )
        except DomainError as error:
            return _domain_error_response(meeting, error)
        db.session.commit()
        if request.htmx:
            return _agenda_response(meeting)
        return redirect(
            url_for("workgroup.show_meeting", year=year, number=number) + f"#item-{item.id}"
        )
    status = 422 if request.method == "POST" else 200
    return _agenda_response(meeting, status=status, editing=item.id, notes_form=form)


@bp.route("/years/<int:year>/meetings/<int:number>/agenda/<int:item_id>/move", methods=["POST"])
@require(Role.chair)
def move_agenda_item(year: int, number: int, item_id: int):
    """Move an agenda item one place up or down."""
    meeting = _meeting_or_404(year, number)
    item = _item_or_404(meeting, item_id)
    form = MoveForm()
    if not form.validate_on_submit():
        return _agenda_response(meeting, status=422, error=_("Choose up or down."))
    try:
        services.move_agenda_item(item, -1 if form.direction.data == "up" else 1, current_user)
    except DomainError as error:
        return _domain_error_response(meeting, error)
    db.session.commit()
    if request.htmx:
        return _agenda_response(meeting)
    return redirect(url_for("workgroup.show_meeting", year=year, number=number) + "#agenda")


@bp.route("/years/<int:year>/meetings/<int:number>/agenda/<int:item_id>/delete", methods=["POST"])
@require(Role.chair)
def delete_agenda_item(year: int, number: int, item_id: int):
    """Remove an item from the agenda (kept in the history of the minutes)."""
    meeting = _meeting_or_404(year, number)
    item = _item_or_404(meeting, item_id)
    back = url_for("workgroup.show_meeting", year=year, number=number)
    if not confirmed():
        return confirm_page(
            _("Remove agenda item"),
            _(
                "Remove “%(title)s” and its notes from the agenda? The history of the minutes "
                "keeps a copy.",
                title=item.title,
            ),
            url_for("workgroup.delete_agenda_item", year=year, number=number, item_id=item_id),
            back,
        )
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        services.delete_agenda_item(item, current_user)
    except DomainError as error:
        return _domain_error_response(meeting, error)
    db.session.commit()
    if request.htmx:
        return _agenda_response(meeting)
    flash(_("The agenda item has been removed."), "success")
    return redirect(back + "#agenda")


@bp.route("/years/<int:year>/meetings/<int:number>/attendance", methods=["POST"])
@require(Role.chair, Role.member)
def save_attendance(year: int, number: int):
    """Record who was there."""
    meeting = _meeting_or_404(year, number)
    form = AttendanceForm()
    members = services.members_of(meeting.cycle)
    form.present.choices = [SelectChoice(m.id, m.display_name) for m in members]
    if form.validate_on_submit():
        try:
            services.set_attendance(meeting, set(form.present.data or []), current_user)
        except DomainError as error:
            return _domain_error_response(meeting, error)
        db.session.commit()
        if not request.htmx:
            flash(_("Attendance saved."), "success")
    if request.htmx:
        return render(
            "workgroup/_attendance.html",
            status=200 if not form.errors else 422,
            **_meeting_context(meeting, saved=not form.errors),
        )
    return redirect(url_for("workgroup.show_meeting", year=year, number=number) + "#attendance")


@bp.route("/years/<int:year>/meetings/<int:number>/final", methods=["POST"])
@require(Role.chair)
def finalize_minutes(year: int, number: int):
    """Mark the minutes final; they are locked until reopened."""
    meeting = _meeting_or_404(year, number)
    if ConfirmForm().validate_on_submit():
        try:
            services.finalize_minutes(meeting, current_user)
        except DomainError as error:
            flash(str(error), "error")
        else:
            db.session.commit()
            flash(_("The minutes are final and locked."), "success")
    return redirect(url_for("workgroup.show_meeting", year=year, number=number))


@bp.route("/years/<int:year>/meetings/<int:number>/reopen", methods=["POST"])
@require(Role.chair)
def reopen_minutes(year: int, number: int):
    """Reopen final minutes so they can be changed again."""
    meeting = _meeting_or_404(year, number)
    if ConfirmForm().validate_on_submit():
        try:
            services.reopen_minutes(meeting, current_user)
        except DomainError as error:
            flash(str(error), "error")
        else:
            db.session.commit()
            flash(_("The minutes are open for changes again."), "success")
    return redirect(url_for("workgroup.show_meeting", year=year, number=number))


@bp.route("/years/<int:year>/meetings/<int:number>/history", methods=["GET"])
@require(Role.chair, Role.member)
def show_minutes_history(year: int, number: int):
    """Every saved version of the minutes, with who and when."""
    meeting = _meeting_or_404(year, number)
    return render(
        "workgroup/minutes_history.html",
        cycle=meeting.cycle,
        meeting=meeting,
        revisions=services.revisions_of(meeting),
    )


# --- actions -----------------------------------------------------------------------------


@bp.route("/years/<int:year>/meetings/<int:number>/actions", methods=["POST"])
@require(Role.chair, Role.member)
def add_action(year: int, number: int):
    """Agree on an action: what, who, before when."""
    meeting = _meeting_or_404(year, number)
    members = services.members_of(meeting.cycle)
    form = ActionForm()
    form.owner_id.choices = [SelectChoice(0, _("nobody yet"))] + [
        SelectChoice(m.id, m.display_name) for m in members
    ]
    if not form.validate_on_submit():
        return render(
            "workgroup/meeting_show.html",
            "workgroup/_actions.html",
            status=422,
            **_meeting_context(meeting, action_form=form),
        )
    owner = next((m for m in members if m.id == form.owner_id.data), None)
    services.add_action(meeting, form.description.data, owner, form.due_on.data)
    db.session.commit()
    if request.htmx:
        return render("workgroup/_actions.html", **_meeting_context(meeting))
    return redirect(url_for("workgroup.show_meeting", year=year, number=number) + "#actions")


@bp.route("/years/<int:year>/actions", methods=["GET"])
@require(*ALL_ROLES)
def list_actions(year: int):
    """All actions of the year, open ones first."""
    cycle = cycle_or_404(year)
    return render(
        "workgroup/actions_list.html",
        cycle=cycle,
        actions=services.actions_of(cycle),
        done_form=ActionDoneForm(),
    )


@bp.route("/years/<int:year>/actions/<int:action_id>/done", methods=["POST"])
@require(Role.chair, Role.member)
def mark_action(year: int, action_id: int):
    """Mark an action done, or open again."""
    cycle = cycle_or_404(year)
    action = services.get_action(cycle, action_id)
    if action is None:
        abort(404)
    form = ActionDoneForm()
    if form.validate_on_submit():
        services.set_action_done(action, form.done.data == "1")
        db.session.commit()
    back = safe_next(request.form.get("next"), url_for("workgroup.list_actions", year=year))
    number = request.form.get("meeting", type=int)  # None for "²" or 5,000 digits: no 500
    if request.htmx and number is not None:
        meeting = _meeting_or_404(year, number)
        return render("workgroup/_actions.html", **_meeting_context(meeting))
    return redirect(back)


@bp.route("/years/<int:year>/actions/<int:action_id>/delete", methods=["POST"])
@require(Role.chair)
def delete_action(year: int, action_id: int):
    """Delete an action that was a mistake."""
    cycle = cycle_or_404(year)
    action = services.get_action(cycle, action_id)
    if action is None:
        abort(404)
    back = url_for("workgroup.list_actions", year=year)
    if not confirmed():
        return confirm_page(
            _("Delete action"),
            _("Delete the action “%(what)s”?", what=action.description),
            url_for("workgroup.delete_action", year=year, action_id=action_id),
            back,
        )
    if ConfirmForm().validate_on_submit():
        services.delete_action(action)
        db.session.commit()
        flash(_("The action has been deleted."), "success")
    return redirect(back)


# --- members -----------------------------------------------------------------------------


@bp.route("/years/<int:year>/members", methods=["GET"])
@require(*ALL_ROLES)
def list_members(year: int):
    """This year's working group, with the representation check."""
    cycle = cycle_or_404(year)
    members = services.members_of(cycle)
    return render(
        "workgroup/members_list.html",
        cycle=cycle,
        members=members,
        missing=services.missing_functions(members),
        confirm_form=ConfirmForm(),
        invite_form=MemberInviteForm(formdata=None),
        function=Function,
    )


@bp.route("/years/<int:year>/members/new", methods=["GET", "POST"])
@require(Role.chair)
def add_member(year: int):
    """Add someone to the working group, with or without a login."""
    cycle = cycle_or_404(year)
    form = MemberForm()
    if form.validate_on_submit():
        member = services.add_member(
            cycle,
            form.display_name.data,
            Function(form.function.data),
            form.motive.data or "",
            current_user,
        )
        db.session.commit()
        flash(
            _("%(name)s has been added to the working group.", name=member.display_name), "success"
        )
        return redirect(
            safe_next(request.args.get("next"), url_for("workgroup.list_members", year=year))
        )
    status = 422 if request.method == "POST" else 200
    return render(
        "workgroup/member_edit.html",
        "workgroup/_member_form.html",
        status=status,
        form=form,
        cycle=cycle,
        member=None,
    )


def _member_or_404(cycle, member_id):
    member = services.get_member(cycle, member_id)
    if member is None:
        abort(404)
    return member


@bp.route("/years/<int:year>/members/<int:member_id>/edit", methods=["GET", "POST"])
@require(Role.chair)
def edit_member(year: int, member_id: int):
    """Change a member's name, function or motive."""
    cycle = cycle_or_404(year)
    member = _member_or_404(cycle, member_id)
    form = MemberForm(obj=member if request.method == "GET" else None)
    if request.method == "GET":
        form.function.data = member.function.value
    if form.validate_on_submit():
        services.update_member(
            member,
            current_user,
            display_name=form.display_name.data,
            function=Function(form.function.data),
            motive=form.motive.data or "",
        )
        db.session.commit()
        flash(_("The changes have been saved."), "success")
        return redirect(url_for("workgroup.list_members", year=year))
    status = 422 if request.method == "POST" else 200
    return render(
        "workgroup/member_edit.html",
        "workgroup/_member_form.html",
        status=status,
        form=form,
        cycle=cycle,
        member=member,
    )


@bp.route("/years/<int:year>/members/<int:member_id>/delete", methods=["POST"])
@require(Role.chair)
def remove_member(year: int, member_id: int):
    """Take someone out of this year's working group."""
    cycle = cycle_or_404(year)
    member = _member_or_404(cycle, member_id)
    back = url_for("workgroup.list_members", year=year)
    if not confirmed():
        return confirm_page(
            _("Remove member"),
            _(
                "Remove %(name)s from this year's working group? Their attendance and the "
                "actions they own lose their name.",
                name=member.display_name,
            ),
            url_for("workgroup.remove_member", year=year, member_id=member_id),
            back,
        )
    if ConfirmForm().validate_on_submit():
        name = member.display_name
        services.remove_member(member, current_user)
        db.session.commit()
        flash(_("%(name)s has been removed from the working group.", name=name), "success")
    return redirect(back)


@bp.route("/years/<int:year>/members/<int:member_id>/invite", methods=["POST"])
@require(Role.chair)
def invite_member(year: int, member_id: int):
    """Make a login link for a member of the working group."""
    cycle = cycle_or_404(year)
    member = _member_or_404(cycle, member_id)
    form = MemberInviteForm()
    invite_link = None
    if form.validate_on_submit():
        role = Role.director if member.function is Function.director else Role.member
        try:
            _invitation, token = services.create_invitation(
                g.school,
                email=form.email.data,
                role=role,
                member=member,
                created_by=current_user,
                days=current_app.config["INVITE_DAYS"],
            )
        except DomainError as error:
            form.email.errors.append(str(error))
        else:
            db.session.commit()
            invite_link = url_for("workgroup.accept_invitation", token=token, _external=True)
    members = services.members_of(cycle)
    return render(
        "workgroup/members_list.html",
        status=422 if form.errors else 200,
        cycle=cycle,
        members=members,
        missing=services.missing_functions(members),
        confirm_form=ConfirmForm(),
        invite_form=form,
        inviting=member,
        invite_link=invite_link,
        function=Function,
    )


# --- startfoto ---------------------------------------------------------------------------


@bp.route("/years/<int:year>/startfoto", methods=["GET"])
@require(*ALL_ROLES)
def show_startfoto(year: int):
    """The startfoto: where the school stands and the goals for the year."""
    cycle = cycle_or_404(year)
    startfoto = services.startfoto_of(cycle)
    goals = services.startfoto_goals(cycle)
    return render(
        "workgroup/startfoto_show.html",
        cycle=cycle,
        startfoto=startfoto,
        goals=goals,
        is_done=services.startfoto_is_done(startfoto, goals),
    )


@bp.route("/years/<int:year>/startfoto/edit", methods=["GET", "POST"])
@require(Role.chair, Role.member)
def edit_startfoto(year: int):
    """Fill in or change the startfoto and its goals."""
    cycle = cycle_or_404(year)
    startfoto = services.startfoto_of(cycle)
    goals = services.startfoto_goals(cycle)
    form = StartfotoForm(obj=startfoto if request.method == "GET" else None)
    if request.method == "GET":
        for entry, goal in zip(form.goals.entries, goals, strict=False):
            entry.data = goal.text
    if form.validate_on_submit():
        services.save_startfoto(
            cycle,
            current_user,
            goals=[e.data or "" for e in form.goals.entries],
            background=form.background.data or "",
            vision_parents=form.vision_parents.data or "",
            vision_bullying=form.vision_bullying.data or "",
            collaboration_now=form.collaboration_now.data or "",
        )
        db.session.commit()
        flash(_("The startfoto has been saved."), "success")
        return redirect(
            safe_next(request.args.get("next"), url_for("workgroup.show_startfoto", year=year))
        )
    status = 422 if request.method == "POST" else 200
    return render(
        "workgroup/startfoto_edit.html",
        "workgroup/_startfoto_form.html",
        status=status,
        cycle=cycle,
        form=form,
        startfoto=startfoto,
    )


# --- audit log ---------------------------------------------------------------------------


@bp.route("/audit", methods=["GET"])
@require(Role.chair)
def show_audit_log():
    """Who created, read, changed or deleted personal data, and when; never the content."""
    page = request.args.get("page", 1, type=int) or 1
    page = max(1, min(page, 10**6))
    per_page = 50
    rows, total = services.audit_page(g.school.id, page, per_page)
    return render(
        "workgroup/audit_log.html",
        labels=services.AUDIT_LABELS,
        rows=rows,
        page=page,
        pages=max(1, -(-total // per_page)),
        total=total,
    )
