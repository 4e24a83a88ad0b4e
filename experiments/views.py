"""Views of DOEN: design (meeting 5), monitoring (meeting 6), evaluation (meeting 7).

Thin: a form, a service call, one commit. Members design and observe; the chair steers the
lifecycle, the limit, the evaluation and the start of the next year; the director reads.
"""

from __future__ import annotations

from datetime import date

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup
from wtforms import SelectChoice

from app import db
from experiments import approaches, bp, services
from experiments.forms import (
    EvaluationForm,
    ExperimentForm,
    GoalReviewForm,
    LessonsForm,
    LimitForm,
    MeasureForm,
    NumberField,
    ObservationForm,
)
from experiments.models import Decision, GoalStatus, MeasureKind, Size, Stage, Term
from workgroup import services as core
from workgroup.access import ALL_ROLES, cycle_or_404, render, require
from workgroup.charts import format_number
from workgroup.forms import ConfirmForm
from workgroup.models import Cycle, DomainError, Role
from workgroup.views import confirm_page, confirmed

CHAIR = (Role.chair,)
GROUP = (Role.chair, Role.member)


def _colour() -> str:
    return g.school.house_colour or "#1f5fa8"


def _experiment_or_404(cycle: Cycle, experiment_id: int):
    experiment = services.get_experiment(cycle, experiment_id)
    if experiment is None:
        abort(404)
    return experiment


@bp.app_template_filter("number")
def number_filter(value: float | None) -> str:
    """A measured value as people read it: "3,5" in Dutch, no ".0" on whole numbers."""
    return "" if value is None else format_number(value)


# --- the board ---------------------------------------------------------------------------


@bp.route("/", methods=["GET"])
@require(*ALL_ROLES)
def show_board(year: int):
    """All experiments of the year, running ones first with their charts."""
    cycle = cycle_or_404(year)
    experiments = services.experiments_of(cycle)
    running = [e for e in experiments if e.stage is Stage.running]
    return render(
        "experiments/board.html",
        cycle=cycle,
        experiments=experiments,
        running=running,
        charts={e.id: services.charts_for(e, _colour()) for e in running},
        stale={e.id for e in running if services.is_stale(e)},
        limit_form=LimitForm(formdata=None, limit=cycle.running_limit),
        overview=services.goal_overview(cycle, experiments),
    )


@bp.route("/limit", methods=["POST"])
@require(*CHAIR)
def set_limit(year: int):
    """Change how many experiments may run at once this year."""
    cycle = cycle_or_404(year)
    form = LimitForm()
    if form.validate_on_submit():
        services.set_running_limit(cycle, form.limit.data)
        db.session.commit()
        flash(_("The limit is now %(n)d at a time.", n=form.limit.data), "success")
    else:
        flash(_("Choose a limit from 1 to 6."), "error")
    return redirect(url_for("experiments.show_board", year=year))


@bp.route("/approaches", methods=["GET"])
@require(*ALL_ROLES)
def list_approaches(year: int):
    """Known approaches as inspiration; the group copies one into a design and edits it."""
    cycle = cycle_or_404(year)
    return render("experiments/approaches.html", cycle=cycle, approaches=approaches.APPROACHES)


# --- design ------------------------------------------------------------------------------


def _design_choices(cycle: Cycle, form: ExperimentForm) -> None:
    form.goal_ids.choices = [
        SelectChoice(goal.id, goal.text) for goal in services.goal_choices(cycle)
    ]
    form.theme_ids.choices = [SelectChoice(t.id, t.name) for t in services.theme_choices(cycle)]
    form.lead_id.choices = [SelectChoice(0, _("nobody yet"))] + [
        SelectChoice(m.id, m.display_name) for m in services.lead_choices(cycle)
    ]


def _design(form: ExperimentForm, approach: str = "") -> services.Design:
    return services.Design(
        title=form.title.data or "",
        aim=form.aim.data or "",
        prediction=form.prediction.data or "",
        activities=form.activities.data or "",
        participants=form.participants.data or "",
        pupil_ideas=form.pupil_ideas.data or "",
        needs=form.needs.data or "",
        starts_on=form.starts_on.data,
        ends_on=form.ends_on.data,
        size=Size(form.size.data),
        term=Term(form.term.data),
        lead_id=form.lead_id.data or None,
        goal_ids=tuple(form.goal_ids.data or ()),
        theme_ids=tuple(form.theme_ids.data or ()),
        approach=approach,
    )


@bp.route("/new", methods=["GET", "POST"])
@require(*GROUP)
def new_experiment(year: int):
    """Design an experiment, empty or from a known approach (``?approach=<key>``)."""
    cycle = cycle_or_404(year)
    key = request.values.get("approach", "")
    approach = approaches.get(key)
    if request.method == "GET" and approach is not None:
        prefill = services.design_from_approach(key)
        form = ExperimentForm(formdata=None, obj=prefill)
        form.size.data, form.term.data = prefill.size.value, prefill.term.value
    else:
        form = ExperimentForm()
    _design_choices(cycle, form)
    error = None
    if form.validate_on_submit():
        try:
            experiment = services.save_design(cycle, _design(form, key if approach else ""))
            services.add_suggested_measures(experiment)
        except DomainError as exc:
            db.session.rollback()
            error = str(exc)
        else:
            db.session.commit()
            flash(_("The experiment has been saved as an idea."), "success")
            return redirect(
                url_for("experiments.show_experiment", year=year, experiment_id=experiment.id)
            )
    return render(
        "experiments/experiment_form.html",
        status=422 if request.method == "POST" else 200,
        cycle=cycle,
        form=form,
        experiment=None,
        approach=approach,
        error=error,
    )


@bp.route("/<int:experiment_id>/edit", methods=["GET", "POST"])
@require(*GROUP)
def edit_experiment(year: int, experiment_id: int):
    """Change the design."""
    cycle = cycle_or_404(year)
    experiment = _experiment_or_404(cycle, experiment_id)
    if request.method == "GET":
        form = ExperimentForm(formdata=None, obj=experiment)
        form.goal_ids.data = [goal.id for goal in experiment.goals]
        form.theme_ids.data = [t.id for t in experiment.themes]
        form.lead_id.data = experiment.lead_id or 0
        form.size.data, form.term.data = experiment.size.value, experiment.term.value
    else:
        form = ExperimentForm()
    _design_choices(cycle, form)
    error = None
    if form.validate_on_submit():
        try:
            services.save_design(cycle, _design(form), experiment)
        except DomainError as exc:
            db.session.rollback()
            error = str(exc)
        else:
            db.session.commit()
            flash(_("The design has been saved."), "success")
            return redirect(
                url_for("experiments.show_experiment", year=year, experiment_id=experiment_id)
            )
    return render(
        "experiments/experiment_form.html",
        status=422 if request.method == "POST" else 200,
        cycle=cycle,
        form=form,
        experiment=experiment,
        approach=None,
        error=error,
    )


@bp.route("/<int:experiment_id>", methods=["GET"])
@require(*ALL_ROLES)
def show_experiment(year: int, experiment_id: int):
    """The experiment: design, measures, run charts with their reading, observations."""
    cycle = cycle_or_404(year)
    experiment = _experiment_or_404(cycle, experiment_id)
    return _experiment_page(cycle, experiment)


def _experiment_page(cycle, experiment, status=200, measure_form=None, observation_form=None,
                     error=None):  # fmt: skip
    observation_form = observation_form or ObservationForm(formdata=None, observed_on=date.today())
    return render(
        "experiments/experiment_show.html",
        status=status,
        cycle=cycle,
        experiment=experiment,
        charts=services.charts_for(experiment, _colour()),
        measure_form=measure_form or MeasureForm(formdata=None),
        observation_form=observation_form,
        confirm_form=ConfirmForm(),
        max_measures=services.MAX_MEASURES,
        stale=services.is_stale(experiment),
        running=services.running_count(cycle),
        error=error,
    )


@bp.route("/<int:experiment_id>/stage", methods=["POST"])
@require(*CHAIR)
def move_experiment(year: int, experiment_id: int):
    """Take the next step of the lifecycle: design ready, start, back to idea, close."""
    cycle = cycle_or_404(year)
    experiment = _experiment_or_404(cycle, experiment_id)
    form = ConfirmForm()
    try:
        target = Stage(request.form.get("to", ""))
    except ValueError:
        target = None
    if not form.validate_on_submit() or target is None:
        flash(_("That step is unknown."), "error")
        return redirect(_url(year, experiment_id))
    try:
        services.move(experiment, target)
    except DomainError as exc:
        db.session.rollback()
        flash(str(exc), "error")
    else:
        db.session.commit()
        flash(
            _("“%(title)s” is now: %(stage)s.", title=experiment.title, stage=target.label),
            "success",
        )
    return redirect(_url(year, experiment_id))


def _url(year: int, experiment_id: int, anchor: str = "") -> str:
    return url_for("experiments.show_experiment", year=year, experiment_id=experiment_id) + anchor


@bp.route("/<int:experiment_id>/delete", methods=["POST"])
@require(*CHAIR)
def delete_experiment(year: int, experiment_id: int):
    """Delete an idea or a design that will not go ahead."""
    cycle = cycle_or_404(year)
    experiment = _experiment_or_404(cycle, experiment_id)
    return _confirm_and_remove(
        _("Delete experiment"),
        _("Delete “%(title)s” with its measures?", title=experiment.title),
        lambda: services.delete_experiment(experiment),
        _("The experiment has been deleted."),
        back=url_for("experiments.show_board", year=year),
        stay=_url(year, experiment_id),
    )


def _confirm_and_remove(title, question, remove, done, *, back, stay=None):
    """A destructive step: ask first (hx-confirm, or the confirm page whose form posts here
    again), then do it once. ``back`` after success; ``stay`` on cancel or refusal."""
    stay = stay or back
    if not confirmed():
        return confirm_page(title, question, request.path, stay)
    if ConfirmForm().validate_on_submit():
        try:
            remove()
        except DomainError as exc:
            db.session.rollback()
            flash(str(exc), "error")
            return redirect(stay)
        db.session.commit()
        flash(done, "success")
    return redirect(back)


# --- measures ----------------------------------------------------------------------------


def _measure_fields(form: MeasureForm) -> dict:
    return {
        "name": form.name.data or "",
        "kind": MeasureKind(form.kind.data),
        "baseline": form.baseline.data,
        "target": form.target.data,
        "measured_by": form.measured_by.data or "",
        "measured_when": form.measured_when.data or "",
    }


@bp.route("/<int:experiment_id>/measures", methods=["POST"])
@require(*GROUP)
def add_measure(year: int, experiment_id: int):
    """Add one of the (at most three) measures."""
    cycle = cycle_or_404(year)
    experiment = _experiment_or_404(cycle, experiment_id)
    form = MeasureForm()
    if form.validate_on_submit():
        try:
            services.add_measure(experiment, **_measure_fields(form))
        except DomainError as exc:
            db.session.rollback()
            db.session.refresh(experiment)
            return _experiment_page(cycle, experiment, 422, measure_form=form, error=str(exc))
        db.session.commit()
        flash(_("The measure has been added."), "success")
        return redirect(_url(year, experiment_id, "#measures"))
    return _experiment_page(cycle, experiment, 422, measure_form=form)


def _measure_or_404(experiment, measure_id):
    measure = services.get_measure(experiment, measure_id)
    if measure is None:
        abort(404)
    return measure


@bp.route("/<int:experiment_id>/measures/<int:measure_id>/edit", methods=["GET", "POST"])
@require(*GROUP)
def edit_measure(year: int, experiment_id: int, measure_id: int):
    """Change a measure's name, target or who measures it."""
    cycle = cycle_or_404(year)
    experiment = _experiment_or_404(cycle, experiment_id)
    measure = _measure_or_404(experiment, measure_id)
    form = MeasureForm(formdata=None, obj=measure) if request.method == "GET" else MeasureForm()
    if request.method == "GET":
        form.kind.data = measure.kind.value
    error = None
    if form.validate_on_submit():
        try:
            services.update_measure(measure, **_measure_fields(form))
        except DomainError as exc:
            db.session.rollback()
            error = str(exc)
        else:
            db.session.commit()
            flash(_("The measure has been saved."), "success")
            return redirect(_url(year, experiment_id, "#measures"))
    return render(
        "experiments/measure_edit.html",
        status=422 if request.method == "POST" else 200,
        cycle=cycle,
        experiment=experiment,
        measure=measure,
        form=form,
        error=error,
    )


@bp.route("/<int:experiment_id>/measures/<int:measure_id>/delete", methods=["POST"])
@require(*GROUP)
def delete_measure(year: int, experiment_id: int, measure_id: int):
    """Remove a measure and the values recorded for it."""
    cycle = cycle_or_404(year)
    experiment = _experiment_or_404(cycle, experiment_id)
    measure = _measure_or_404(experiment, measure_id)
    return _confirm_and_remove(
        _("Remove measure"),
        _(
            "Remove the measure “%(name)s” and the %(n)d values recorded for it?",
            name=measure.name,
            n=services.value_count(measure),
        ),
        lambda: services.delete_measure(measure),
        _("The measure has been removed."),
        back=_url(year, experiment_id, "#measures"),
    )


# --- observations ------------------------------------------------------------------------


def _values(experiment) -> tuple[dict[int, float | None], dict[int, str]]:
    """Read ``value-<measure id>`` fields; returns the numbers and the per-field errors."""
    values, errors = {}, {}
    for measure in experiment.measures:
        field = NumberField().bind(ObservationForm(formdata=None), f"value-{measure.id}")
        try:
            field.process_formdata([request.form.get(f"value-{measure.id}", "")])
        except ValueError as exc:
            errors[measure.id] = str(exc)
            continue
        values[measure.id] = field.data
    return values, errors


@bp.route("/<int:experiment_id>/observations", methods=["POST"])
@require(*GROUP)
def add_observation(year: int, experiment_id: int):
    """Record one observation: a value per measure, a note, maybe a change of course."""
    cycle = cycle_or_404(year)
    experiment = _experiment_or_404(cycle, experiment_id)
    form = ObservationForm()
    values, errors = _values(experiment)
    if form.validate_on_submit() and not errors:
        try:
            services.add_observation(
                experiment,
                observed_on=form.observed_on.data,
                values=values,
                note=form.note.data or "",
                adjustment=form.adjustment.data or "",
                by=current_user,
            )
        except DomainError as exc:
            db.session.rollback()
            db.session.refresh(experiment)
            return _experiment_page(cycle, experiment, 422, observation_form=form, error=str(exc))
        db.session.commit()
        flash(_("The observation has been saved."), "success")
        return redirect(_url(year, experiment_id, "#charts"))
    error = (
        " ".join(f"{m.name}: {errors[m.id]}" for m in experiment.measures if m.id in errors) or None
    )
    return _experiment_page(cycle, experiment, 422, observation_form=form, error=error)


@bp.route("/<int:experiment_id>/observations/<int:observation_id>/delete", methods=["POST"])
@require(*GROUP)
def delete_observation(year: int, experiment_id: int, observation_id: int):
    """Remove an observation entered by mistake."""
    cycle = cycle_or_404(year)
    experiment = _experiment_or_404(cycle, experiment_id)
    observation = services.get_observation(experiment, observation_id)
    if observation is None:
        abort(404)
    return _confirm_and_remove(
        _("Remove observation"),
        _(
            "Remove the observation of %(date)s?",
            date=format_date(observation.observed_on, "long"),
        ),
        lambda: services.delete_observation(observation),
        _("The observation has been removed."),
        back=_url(year, experiment_id, "#observations"),
    )


# --- evaluation of one experiment --------------------------------------------------------


@bp.route("/<int:experiment_id>/evaluation", methods=["GET", "POST"])
@require(*GROUP)
def edit_evaluation(year: int, experiment_id: int):
    """Meeting 7: how it went, how it was valued, what it brought, and the decision."""
    cycle = cycle_or_404(year)
    experiment = _experiment_or_404(cycle, experiment_id)
    if experiment.stage not in (Stage.running, Stage.evaluated):
        flash(_("An experiment is evaluated once it has run."), "error")
        return redirect(_url(year, experiment_id))
    evaluation = experiment.evaluation
    if request.method == "GET":
        form = EvaluationForm(formdata=None, obj=evaluation)
        for name in ("pupils_score", "parents_score", "teachers_score", "contribution_score"):
            getattr(form, name).data = getattr(evaluation, name, None) or 0
        form.decision.data = (
            evaluation.decision.value if evaluation and evaluation.decision else None
        )
    else:
        form = EvaluationForm()
    error = None
    if form.validate_on_submit():
        fields = {name: getattr(form, name).data for name in services.EVALUATION_FIELDS}
        for name in ("pupils_score", "parents_score", "teachers_score", "contribution_score"):
            fields[name] = fields[name] or None
        fields["decision"] = Decision(fields["decision"]) if fields["decision"] else None
        try:
            services.save_evaluation(experiment, current_user, **fields)
        except DomainError as exc:
            db.session.rollback()
            error = str(exc)
        else:
            db.session.commit()
            flash(_("The evaluation has been saved."), "success")
            return redirect(_url(year, experiment_id, "#evaluation"))
    return render(
        "experiments/evaluation_edit.html",
        status=422 if request.method == "POST" else 200,
        cycle=cycle,
        experiment=experiment,
        form=form,
        error=error,
    )


# --- the year's evaluation: startfoto goals and lessons ----------------------------------


@bp.route("/evaluation", methods=["GET"])
@require(*ALL_ROLES)
def show_year_evaluation(year: int):
    """Meeting 7: per startfoto goal how far the group got, the evidence, and the lessons."""
    cycle = cycle_or_404(year)
    experiments = services.experiments_of(cycle)
    review = services.year_review(cycle)
    return render(
        "experiments/year_evaluation.html",
        cycle=cycle,
        overview=services.goal_overview(cycle, experiments),
        experiments=experiments,
        lessons_form=LessonsForm(formdata=None, lessons=review.lessons if review else ""),
        review=review,
        next_year=core.get_cycle(g.school, cycle.start_year + 1),
        confirm_form=ConfirmForm(),
    )


@bp.route("/evaluation/goals/<int:goal_id>", methods=["GET", "POST"])
@require(*CHAIR)
def edit_goal_review(year: int, goal_id: int):
    """Say how far the group got with one startfoto goal, and link the evidence."""
    cycle = cycle_or_404(year)
    goal = services.get_startfoto_goal(cycle, goal_id)
    if goal is None:
        abort(404)
    overview = next(o for o in services.goal_overview(cycle) if o.goal.id == goal.id)
    review = overview.review
    experiments = services.experiments_of(cycle)
    quotes = services.quote_choices(cycle)
    if request.method == "GET":
        form = GoalReviewForm(formdata=None, obj=review)
        form.status.data = review.status.value if review and review.status else None
        form.experiment_ids.data = [
            e.id for e in (review.experiments if review else overview.experiments)
        ]
        form.theme_ids.data = [t.id for t in (review.themes if review else overview.themes)]
        form.quote_ids.data = [q.id for q in review.quotes] if review else []
    else:
        form = GoalReviewForm()
    form.experiment_ids.choices = [SelectChoice(e.id, e.title) for e in experiments]
    form.theme_ids.choices = [SelectChoice(t.id, t.name) for t in services.theme_choices(cycle)]
    form.quote_ids.choices = [SelectChoice(q.id, q.text) for q in quotes]
    error = None
    if form.validate_on_submit():
        try:
            services.save_goal_review(
                cycle,
                goal,
                status=GoalStatus(form.status.data) if form.status.data else None,
                evidence=form.evidence.data or "",
                experiment_ids=form.experiment_ids.data or [],
                theme_ids=form.theme_ids.data or [],
                quote_ids=form.quote_ids.data or [],
                by=current_user,
            )
        except DomainError as exc:
            db.session.rollback()
            error = str(exc)
        else:
            db.session.commit()
            flash(_("The goal's evaluation has been saved."), "success")
            return redirect(
                url_for("experiments.show_year_evaluation", year=year) + f"#goal-{goal.id}"
            )
    return render(
        "experiments/goal_review_edit.html",
        status=422 if request.method == "POST" else 200,
        cycle=cycle,
        goal=goal,
        form=form,
        quotes={q.id: q for q in quotes},
        error=error,
    )


@bp.route("/evaluation/lessons", methods=["POST"])
@require(*CHAIR)
def save_lessons(year: int):
    """The lessons for next year."""
    cycle = cycle_or_404(year)
    form = LessonsForm()
    if form.validate_on_submit():
        services.save_lessons(cycle, form.lessons.data)
        db.session.commit()
        flash(_("The lessons have been saved."), "success")
    else:
        flash(_("Write down at least one lesson."), "error")
    return redirect(url_for("experiments.show_year_evaluation", year=year) + "#lessons")


@bp.route("/next-year", methods=["POST"])
@require(*CHAIR)
def start_next_year(year: int):
    """Start the next school year from this one: members, codebook, consent text and adopted
    experiments come along; transcripts, respondents and consents never do."""
    cycle = cycle_or_404(year)
    back = url_for("experiments.show_year_evaluation", year=year)
    if core.get_cycle(g.school, cycle.start_year + 1) is not None:
        flash(_("The next school year exists already."), "error")
        return redirect(back)
    if not confirmed():
        return confirm_page(
            _("Start the next school year"),
            _(
                "Start %(label)s from this year? The members, the codebook, the consent text "
                "and the adopted experiments come along. Interviews, consents and write-outs "
                "stay behind.",
                label=f"{cycle.start_year + 1}–{cycle.start_year + 2}",
            ),
            url_for("experiments.start_next_year", year=year),
            back,
        )
    if ConfirmForm().validate_on_submit():
        try:
            new = core.start_next_year(cycle, current_user)
        except DomainError as exc:
            db.session.rollback()
            flash(str(exc), "error")
            return redirect(back)
        db.session.commit()
        flash(_("The school year %(label)s has started.", label=new.label), "success")
        return redirect(url_for("workgroup.show_dashboard", year=new.start_year))
    return redirect(back)


# --- on the dashboard and in the chain ---------------------------------------------------


def dashboard_panel(cycle: Cycle, role: Role) -> str | None:
    experiments = services.experiments_of(cycle)
    running = [e for e in experiments if e.stage is Stage.running]
    charts = {}
    for experiment in running:
        measure_charts = services.charts_for(experiment, _colour())
        charts[experiment.id] = measure_charts[0] if measure_charts else None
    return Markup(
        render_template(
            "experiments/_dashboard_panel.html",
            cycle=cycle,
            experiments=experiments,
            running=running,
            charts=charts,
            stale={e.id for e in running if services.is_stale(e)},
            overview=services.goal_overview(cycle, experiments),
        )
    )


core.DASHBOARD_PANELS.append(dashboard_panel)
