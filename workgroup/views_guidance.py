"""Views that guide the group: the guided start, conditions for success, the glossary.

Kept apart from ``views.py`` because they are about how to work, not about the year's data;
they share its decorators and helpers.
"""

from __future__ import annotations

from flask import flash, g, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app import db
from workgroup import bp, services
from workgroup.access import ALL_ROLES, cycle_or_404, logged_in, render, require
from workgroup.forms import ConditionsForm, GroupNameForm, YearPlanForm
from workgroup.guidance import CONDITIONS, GLOSSARY
from workgroup.models import Mode, Moment, Role
from workgroup.programme import PROGRAMME


def _steps():
    cycle = services.current_cycle(g.school)
    return cycle, services.onboarding_steps(g.school, cycle)


@bp.route("/welcome", methods=["GET"])
@require(Role.chair)
def show_welcome():
    """The guided start for a new chair: five steps, resumable, done when all are done."""
    cycle, steps = _steps()
    current = next((s for s in steps if not s.is_done), None)
    return render(
        "workgroup/welcome.html",
        cycle=cycle,
        steps=steps,
        current=current,
        members=services.members_of(cycle) if cycle else [],
        missing=services.missing_functions(services.members_of(cycle)) if cycle else [],
    )


@bp.route("/welcome/name", methods=["GET", "POST"])
@require(Role.chair)
def name_group():
    """Give the working group a name."""
    form = GroupNameForm(obj=g.school if request.method == "GET" else None)
    if form.validate_on_submit():
        services.set_group_name(g.school, form.group_name.data, current_user)
        db.session.commit()
        return redirect(url_for("workgroup.show_welcome"))
    return render(
        "workgroup/welcome_name.html",
        "workgroup/_group_name_form.html",
        status=422 if request.method == "POST" else 200,
        form=form,
    )


@bp.route("/welcome/plan", methods=["GET", "POST"])
@require(Role.chair)
def plan_year():
    """Set the dates and modes of all seven meetings at once."""
    cycle = services.current_cycle(g.school)
    if cycle is None:
        return redirect(url_for("workgroup.start_year", next=url_for("workgroup.show_welcome")))
    meetings = services.meetings_of(cycle)
    form = YearPlanForm()
    if request.method == "GET":
        for entry, meeting in zip(form.meetings.entries, meetings, strict=True):
            entry.form.planned_on.data = meeting.planned_on
            entry.form.starts_at.data = meeting.starts_at
            entry.form.mode.data = meeting.mode.value
    if form.validate_on_submit():
        plans = {
            meeting.number: {
                "planned_on": entry.form.planned_on.data,
                "starts_at": entry.form.starts_at.data,
                "mode": Mode(entry.form.mode.data),
            }
            for entry, meeting in zip(form.meetings.entries, meetings, strict=True)
        }
        services.confirm_plan(cycle, plans)
        db.session.commit()
        flash(_("The year is planned. The meetings are in the calendar file too."), "success")
        return redirect(url_for("workgroup.show_welcome"))
    return render(
        "workgroup/welcome_plan.html",
        status=422 if request.method == "POST" else 200,
        form=form,
        rows=list(zip(form.meetings.entries, meetings, strict=True)),
        cycle=cycle,
        programme=PROGRAMME,
    )


@bp.route("/years/<int:year>/conditions", methods=["GET"])
@require(*ALL_ROLES)
def show_conditions(year: int):
    """The group's conditions for success, at the start and at the evaluation, side by side."""
    cycle = cycle_or_404(year)
    return render(
        "workgroup/conditions_show.html",
        cycle=cycle,
        conditions=CONDITIONS,
        checks=services.condition_checks(cycle),
        moments=list(Moment),
    )


@bp.route("/years/<int:year>/conditions/<any(start, evaluation):moment>", methods=["GET", "POST"])
@require(Role.chair)
def edit_conditions(year: int, moment: str):
    """Tick and comment the conditions for one moment of the year."""
    cycle = cycle_or_404(year)
    moment = Moment(moment)
    checks = services.condition_checks(cycle)
    form = ConditionsForm()
    if request.method == "GET":
        for condition in CONDITIONS:
            check = checks.get((condition.key, moment))
            form.conditions.append_entry(
                {
                    "key": condition.key,
                    "is_met": bool(check and check.is_met),
                    "comment": check.comment if check else "",
                }
            )
    if form.validate_on_submit():
        values = {
            entry.form.key.data: (bool(entry.form.is_met.data), entry.form.comment.data or "")
            for entry in form.conditions.entries
        }
        try:
            services.save_condition_checks(cycle, moment, values, current_user)
        except services.DomainError as error:
            db.session.rollback()
            flash(str(error), "error")
        else:
            db.session.commit()
            flash(_("The conditions have been saved."), "success")
            return redirect(url_for("workgroup.show_conditions", year=year))
    by_key = {c.key: c for c in CONDITIONS}
    return render(
        "workgroup/conditions_edit.html",
        status=422 if request.method == "POST" else 200,
        cycle=cycle,
        form=form,
        moment=moment,
        by_key=by_key,
    )


@bp.route("/glossary", methods=["GET"])
@logged_in
def show_glossary():
    """Short definitions of the words the cycle uses."""
    return render("workgroup/glossary.html", terms=GLOSSARY)
