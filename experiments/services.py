"""DOEN services: design, lifecycle, monitoring and evaluation of experiments.

Queries and domain operations only; they ``flush()``, the view commits once. Themes and quotes
are read from ``interviews`` (one way: ``interviews`` never imports this package).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from app import db
from experiments import approaches, runrules
from experiments.models import (
    Decision,
    Evaluation,
    Experiment,
    GoalReview,
    GoalStatus,
    Measure,
    MeasureKind,
    Observation,
    ObservationValue,
    Size,
    Stage,
    Term,
    YearReview,
)
from interviews import coding
from interviews.models import Fragment, Theme
from workgroup import services as core
from workgroup.charts import Annotation, RunChart, RunPoint
from workgroup.memo import per_request
from workgroup.models import Cycle, DomainError, Goal, GoalSource, User, WorkgroupMember, utcnow

MAX_MEASURES = 3
MIN_LIMIT, MAX_LIMIT = 1, 6
#: An experiment not observed for this long gets a reminder on the board.
STALE_AFTER = dt.timedelta(days=14)

#: The order of the board: what runs first, then what is about to start.
BOARD_ORDER = {Stage.running: 0, Stage.designed: 1, Stage.idea: 2, Stage.evaluated: 3}


def _full():
    return (
        selectinload(Experiment.measures),
        selectinload(Experiment.observations).selectinload(Observation.values),
        selectinload(Experiment.goals),
        selectinload(Experiment.themes),
        selectinload(Experiment.evaluation),
        selectinload(Experiment.lead),
    )


@per_request()  # the dashboard's chain, evaluation step and panel each ask for them
def experiments_of(cycle: Cycle) -> list[Experiment]:
    """The year's experiments, running ones first."""
    found = db.session.scalars(
        select(Experiment).where(Experiment.cycle_id == cycle.id).options(*_full())
    )
    return sorted(found, key=lambda e: (BOARD_ORDER[e.stage], e.starts_on or dt.date.max, e.id))


def get_experiment(cycle: Cycle, experiment_id: int) -> Experiment | None:
    return db.session.scalar(
        select(Experiment)
        .where(Experiment.id == experiment_id, Experiment.cycle_id == cycle.id)
        .options(*_full())
    )


def running_count(cycle: Cycle) -> int:
    return db.session.scalar(
        select(func.count(Experiment.id)).where(
            Experiment.cycle_id == cycle.id, Experiment.stage == Stage.running
        )
    )


# --- choices -------------------------------------------------------------------------------


def goal_choices(cycle: Cycle) -> list[Goal]:
    """Startfoto goals first, then the goals of the focus."""
    return list(
        db.session.scalars(
            select(Goal)
            .where(Goal.cycle_id == cycle.id)
            .order_by(Goal.source.desc(), Goal.position, Goal.id)
        )
    )


def theme_choices(cycle: Cycle) -> list[Theme]:
    return coding.themes_of(cycle)


def lead_choices(cycle: Cycle) -> list[WorkgroupMember]:
    return list(
        db.session.scalars(
            select(WorkgroupMember)
            .where(WorkgroupMember.cycle_id == cycle.id)
            .order_by(WorkgroupMember.display_name)
        )
    )


def _goals(cycle: Cycle, ids: Iterable[int]) -> list[Goal]:
    ids = set(ids)
    goals = [g for g in goal_choices(cycle) if g.id in ids]
    if len(goals) != len(ids):
        raise DomainError(_("One of the chosen goals does not belong to this year."))
    return goals


def _themes(cycle: Cycle, ids: Iterable[int]) -> list[Theme]:
    ids = set(ids)
    themes = [t for t in theme_choices(cycle) if t.id in ids]
    if len(themes) != len(ids):
        raise DomainError(_("One of the chosen themes does not belong to this year."))
    return themes


def _lead(cycle: Cycle, lead_id: int | None) -> WorkgroupMember | None:
    if not lead_id:
        return None
    member = db.session.get(WorkgroupMember, lead_id)
    if member is None or member.cycle_id != cycle.id:
        raise DomainError(_("The chosen lead is not a member of this year's working group."))
    return member


# --- design --------------------------------------------------------------------------------

DESIGN_FIELDS = (
    "title",
    "aim",
    "prediction",
    "activities",
    "participants",
    "pupil_ideas",
    "needs",
)


@dataclass
class Design:
    """What the design form carries, before it is checked against the year."""

    title: str
    aim: str = ""
    prediction: str = ""
    activities: str = ""
    participants: str = ""
    pupil_ideas: str = ""
    needs: str = ""
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    size: Size = Size.small
    term: Term = Term.short
    lead_id: int | None = None
    goal_ids: tuple[int, ...] = ()
    theme_ids: tuple[int, ...] = ()
    approach: str = ""


def _clean(text: str) -> str:
    return (text or "").replace("\x00", "").strip()


def save_design(cycle: Cycle, design: Design, experiment: Experiment | None = None) -> Experiment:
    """Create or change an experiment's design; links to goals and themes go both ways."""
    title = _clean(design.title)
    if not title:
        raise DomainError(_("Give the experiment a short title."))
    if design.starts_on and design.ends_on and design.ends_on < design.starts_on:
        raise DomainError(_("The end date lies before the start date."))
    if experiment is not None and experiment.stage is Stage.evaluated:
        raise DomainError(_("An evaluated experiment is closed; its design stays as it was."))
    goals = _goals(cycle, design.goal_ids)
    themes = _themes(cycle, design.theme_ids)
    lead = _lead(cycle, design.lead_id)
    if experiment is None:
        experiment = Experiment(cycle_id=cycle.id, stage=Stage.idea)
        db.session.add(experiment)
    for name in DESIGN_FIELDS:
        setattr(experiment, name, _clean(getattr(design, name)))
    experiment.title = title
    experiment.starts_on, experiment.ends_on = design.starts_on, design.ends_on
    experiment.size, experiment.term = design.size, design.term
    experiment.lead = lead
    experiment.goals, experiment.themes = goals, themes
    if design.approach and approaches.get(design.approach):
        experiment.approach = design.approach
    experiment.updated_at = utcnow()
    db.session.flush()
    return experiment


def design_from_approach(key: str) -> Design | None:
    """A design prefilled from a known approach, for the group to edit."""
    approach = approaches.get(key)
    if approach is None:
        return None
    return Design(
        title=str(approach.title),
        aim=str(approach.aim),
        prediction=str(approach.prediction),
        activities=str(approach.activities),
        size=Size(approach.size),
        term=Term(approach.term),
        approach=approach.key,
    )


def add_suggested_measures(experiment: Experiment) -> None:
    """Copy the approach's suggested measures into a new experiment, up to the maximum."""
    approach = approaches.get(experiment.approach)
    if approach is None or experiment.measures:
        return
    for suggested in approach.suggested_measures[:MAX_MEASURES]:
        add_measure(experiment, name=str(suggested.name), kind=MeasureKind(suggested.kind))


def delete_experiment(experiment: Experiment) -> None:
    if experiment.stage in (Stage.running, Stage.evaluated):
        raise DomainError(
            _("A running or evaluated experiment is part of the year's record; it stays.")
        )
    db.session.delete(experiment)
    db.session.flush()


# --- measures ------------------------------------------------------------------------------


def _number(value: float | None, kind: MeasureKind) -> float | None:
    if value is None:
        return None
    kind.check(value)
    return float(value)


def add_measure(
    experiment: Experiment,
    *,
    name: str,
    kind: MeasureKind,
    baseline: float | None = None,
    target: float | None = None,
    measured_by: str = "",
    measured_when: str = "",
) -> Measure:
    if experiment.stage is Stage.evaluated:
        raise DomainError(_("An evaluated experiment is closed; its measures stay as they were."))
    if len(experiment.measures) >= MAX_MEASURES:
        raise DomainError(
            _(
                "An experiment has at most %(n)d measures: more makes the observations a chore.",
                n=MAX_MEASURES,
            )
        )
    measure = Measure(position=len(experiment.measures))
    _fill_measure(measure, name, kind, baseline, target, measured_by, measured_when)
    experiment.measures.append(measure)
    db.session.flush()
    return measure


def update_measure(
    measure: Measure,
    *,
    name: str,
    kind: MeasureKind,
    baseline: float | None = None,
    target: float | None = None,
    measured_by: str = "",
    measured_when: str = "",
) -> None:
    if measure.experiment.stage is Stage.evaluated:
        raise DomainError(_("An evaluated experiment is closed; its measures stay as they were."))
    if kind is not measure.kind and value_count(measure):
        raise DomainError(
            _("This measure has observations already; its kind can no longer change.")
        )
    _fill_measure(measure, name, kind, baseline, target, measured_by, measured_when)
    db.session.flush()


def _fill_measure(measure, name, kind, baseline, target, measured_by, measured_when) -> None:
    name = _clean(name)
    if not name:
        raise DomainError(_("Name the measure, for example “incidents reported per week”."))
    measure.name = name
    measure.kind = kind
    measure.baseline = _number(baseline, kind)
    measure.target = _number(target, kind)
    measure.measured_by = _clean(measured_by)
    measure.measured_when = _clean(measured_when)


def value_count(measure: Measure) -> int:
    return db.session.scalar(select(func.count()).where(ObservationValue.measure_id == measure.id))


def get_measure(experiment: Experiment, measure_id: int) -> Measure | None:
    return next((m for m in experiment.measures if m.id == measure_id), None)


def delete_measure(measure: Measure) -> None:
    if measure.experiment.stage is Stage.evaluated:
        raise DomainError(_("An evaluated experiment is closed; its measures stay as they were."))
    experiment = measure.experiment
    experiment.measures.remove(measure)
    db.session.delete(measure)
    for position, other in enumerate(experiment.measures):
        other.position = position
    db.session.flush()


# --- lifecycle -----------------------------------------------------------------------------


def set_running_limit(cycle: Cycle, limit: int) -> None:
    if not MIN_LIMIT <= limit <= MAX_LIMIT:
        raise DomainError(
            _("Choose a limit from %(low)d to %(high)d.", low=MIN_LIMIT, high=MAX_LIMIT)
        )
    cycle.running_limit = limit
    db.session.flush()


def move(experiment: Experiment, target: Stage) -> None:
    """One step of the lifecycle, with the checks that make the step meaningful."""
    if not experiment.may_move_to(target):
        experiment.move_to(target)  # raises the clear message
    if target is Stage.designed:
        missing = []
        if not experiment.aim:
            missing.append(_("an aim"))
        if not experiment.prediction:
            missing.append(_("a prediction"))
        if not experiment.goals:
            missing.append(_("the goal it serves"))
        if not experiment.measures:
            missing.append(_("at least one measure"))
        if missing:
            raise DomainError(
                _("Before the design is ready it needs: %(list)s.", list=", ".join(missing))
            )
    if target is Stage.running:
        cycle = db.session.get(Cycle, experiment.cycle_id)
        running = running_count(cycle)
        if running >= cycle.running_limit:
            raise DomainError(
                ngettext(
                    "%(num)d experiment is running already, the limit of this year. Running one "
                    "to three at a time keeps them small enough to do well and to observe: "
                    "with more, nobody can tell which change made the difference. Evaluate one "
                    "first, or let the chair raise the limit.",
                    "%(num)d experiments are running already, the limit of this year. Running "
                    "one to three at a time keeps them small enough to do well and to observe: "
                    "with more, nobody can tell which change made the difference. Evaluate one "
                    "first, or let the chair raise the limit.",
                    running,
                )
            )
        if experiment.starts_on is None:
            experiment.starts_on = dt.date.today()
    if target is Stage.evaluated and (
        experiment.evaluation is None or experiment.evaluation.decision is None
    ):
        raise DomainError(
            _("Fill in the evaluation and choose adopt, adapt or abandon before you close it.")
        )
    experiment.move_to(target)
    db.session.flush()


# --- monitoring ----------------------------------------------------------------------------


def add_observation(
    experiment: Experiment,
    *,
    observed_on: dt.date,
    values: Mapping[int, float | None],
    note: str = "",
    adjustment: str = "",
    by: User | None = None,
    today: dt.date | None = None,
) -> Observation:
    """Record what the group saw on one day; checks every value against its measure."""
    today = today or dt.date.today()
    if experiment.stage is not Stage.running:
        raise DomainError(_("Observations are recorded while the experiment is running."))
    if observed_on > today:
        raise DomainError(_("An observation cannot lie in the future."))
    if experiment.starts_on and observed_on < experiment.starts_on - dt.timedelta(days=31):
        raise DomainError(
            _("This date lies more than a month before the experiment started; check the date.")
        )
    measures = {m.id: m for m in experiment.measures}
    checked: dict[int, float] = {}
    for measure_id, value in values.items():
        measure = measures.get(measure_id)
        if measure is None:
            raise DomainError(_("One of the values belongs to another experiment."))
        if value is None:
            continue
        try:
            measure.kind.check(value)
        except DomainError as exc:
            raise DomainError(f"{measure.name}: {exc}") from None
        checked[measure_id] = float(value)
    note, adjustment = _clean(note), _clean(adjustment)
    if not checked and not note and not adjustment:
        raise DomainError(_("Enter at least one value or a note."))
    observation = Observation(
        observed_on=observed_on,
        note=note,
        adjustment=adjustment,
        created_by=by,
        values=[ObservationValue(measure_id=mid, value=v) for mid, v in checked.items()],
    )
    experiment.observations.append(observation)
    experiment.updated_at = utcnow()
    db.session.flush()
    return observation


def get_observation(experiment: Experiment, observation_id: int) -> Observation | None:
    return next((o for o in experiment.observations if o.id == observation_id), None)


def delete_observation(observation: Observation) -> None:
    if observation.experiment.stage is not Stage.running:
        raise DomainError(_("Observations of a closed experiment stay as they were."))
    observation.experiment.observations.remove(observation)
    db.session.delete(observation)
    db.session.flush()


def is_stale(experiment: Experiment, today: dt.date | None = None) -> bool:
    """A running experiment that has not been looked at for two weeks."""
    if experiment.stage is not Stage.running:
        return False
    today = today or dt.date.today()
    last = experiment.last_observed_on or experiment.starts_on
    return last is None or today - last > STALE_AFTER


@dataclass(frozen=True)
class MeasureChart:
    measure: Measure
    chart: RunChart
    analysis: runrules.RunAnalysis
    rows: list[tuple[dt.date, float, str]]


def charts_for(experiment: Experiment, colour: str = "#1f5fa8") -> list[MeasureChart]:
    """Per measure: the run chart, the run-rule reading and the table behind it."""
    result = []
    for measure in experiment.measures:
        rows = []
        annotations = []
        for observation in experiment.observations:
            value = observation.value_for(measure)
            if observation.adjustment:
                annotations.append(Annotation(observation.observed_on, observation.adjustment))
            if value is not None:
                rows.append((observation.observed_on, value, observation.adjustment))
        low, high = measure.kind.bounds
        chart = RunChart(
            title=measure.name,
            points=[RunPoint(on, value) for on, value, _a in rows],
            target=measure.target,
            annotations=[Annotation(a.on, _shorten(a.text)) for a in annotations],
            y_label=measure.kind.label,
            y_min=low,
            y_max=high,
            colour=colour,
        )
        result.append(
            MeasureChart(measure, chart, runrules.analyse([v for _o, v, _a in rows]), rows)
        )
    return result


def _shorten(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# --- evaluation ----------------------------------------------------------------------------

EVALUATION_FIELDS = (
    "went_as_planned",
    "pupils_score",
    "pupils_comment",
    "parents_score",
    "parents_comment",
    "teachers_score",
    "teachers_comment",
    "contribution_score",
    "contribution",
    "prediction_review",
    "decision",
    "next_steps",
)


def save_evaluation(experiment: Experiment, by: User | None, **fields) -> Evaluation:
    if experiment.stage not in (Stage.running, Stage.evaluated):
        raise DomainError(_("An experiment is evaluated once it has run."))
    for name in ("pupils_score", "parents_score", "teachers_score", "contribution_score"):
        score = fields.get(name)
        if score is not None and not 1 <= score <= 5:
            raise DomainError(_("A score is a whole number from 1 to 5."))
    if experiment.stage is Stage.evaluated and fields.get("decision") is None:
        raise DomainError(_("An evaluated experiment keeps its decision: adopt, adapt or abandon."))
    evaluation = experiment.evaluation or Evaluation()
    for name in EVALUATION_FIELDS:
        if name in fields:
            value = fields[name]
            if name.endswith("_score") or name == "decision":
                setattr(evaluation, name, value)
            else:
                setattr(evaluation, name, _clean(value or ""))
    if evaluation.decision is not None and not isinstance(evaluation.decision, Decision):
        evaluation.decision = Decision(evaluation.decision)
    evaluation.updated_at = utcnow()
    evaluation.updated_by_id = by.id if by else None
    experiment.evaluation = evaluation
    db.session.flush()
    return evaluation


# --- the year's goals --------------------------------------------------------------------


@dataclass
class GoalOverview:
    goal: Goal
    focus_goals: list[Goal]
    themes: list[Theme]
    experiments: list[Experiment]
    review: GoalReview | None

    @property
    def status_label(self) -> str:
        if self.review and self.review.status:
            return self.review.status.label
        if any(e.stage is Stage.running for e in self.experiments):
            return _("experiments running")
        if self.experiments:
            return _("experiments planned")
        if self.focus_goals:
            return _("in the focus")
        return _("nothing planned yet")


def _overview_key(cycle: Cycle, experiments: list[Experiment] | None = None):
    """One overview per year and set of experiments (None: all of them) within a request."""
    chosen = experiments if experiments is not None else experiments_of(cycle)
    return (cycle.id, tuple(e.id for e in chosen))


@per_request(key=_overview_key)
def goal_overview(cycle: Cycle, experiments: list[Experiment] | None = None) -> list[GoalOverview]:
    """Each startfoto goal with its focus goals, themes, experiments and where it stands."""
    experiments = experiments if experiments is not None else experiments_of(cycle)
    goals = list(
        db.session.scalars(
            select(Goal).where(Goal.cycle_id == cycle.id).order_by(Goal.position, Goal.id)
        )
    )
    reviews = {
        r.goal_id: r
        for r in db.session.scalars(
            select(GoalReview)
            .join(Goal)
            .where(Goal.cycle_id == cycle.id)
            .options(
                selectinload(GoalReview.experiments),
                selectinload(GoalReview.themes),
                selectinload(GoalReview.quotes),
            )
        )
    }
    theme_ids = coding.goal_theme_map(cycle)
    themes = {t.id: t for t in theme_choices(cycle)}
    result = []
    for goal in (g for g in goals if g.source is GoalSource.startfoto):
        focus = [g for g in goals if g.parent_id == goal.id]
        family = {goal.id} | {g.id for g in focus}
        linked = [e for e in experiments if family & {g.id for g in e.goals}]
        ids = sorted(
            {tid for g in focus for tid in theme_ids.get(g.id, ())}
            | {t.id for e in linked for t in e.themes},
            key=lambda tid: (themes[tid].position, tid) if tid in themes else (0, tid),
        )
        result.append(
            GoalOverview(
                goal=goal,
                focus_goals=focus,
                themes=[themes[t] for t in ids if t in themes],
                experiments=linked,
                review=reviews.get(goal.id),
            )
        )
    return result


def get_startfoto_goal(cycle: Cycle, goal_id: int) -> Goal | None:
    return db.session.scalar(
        select(Goal).where(
            Goal.id == goal_id, Goal.cycle_id == cycle.id, Goal.source == GoalSource.startfoto
        )
    )


def quote_choices(cycle: Cycle) -> list[Fragment]:
    """Telling quotes that may be used: the respondent's consent covers quotes."""
    return coding.usable_quotes(cycle)


def save_goal_review(
    cycle: Cycle,
    goal: Goal,
    *,
    status: GoalStatus | None,
    evidence: str,
    experiment_ids: Iterable[int] = (),
    theme_ids: Iterable[int] = (),
    quote_ids: Iterable[int] = (),
    by: User | None = None,
) -> GoalReview:
    review = db.session.scalar(select(GoalReview).where(GoalReview.goal_id == goal.id))
    if review is None:
        review = GoalReview(goal=goal)
        db.session.add(review)
    experiment_ids, quote_ids = set(experiment_ids), set(quote_ids)
    experiments = [e for e in experiments_of(cycle) if e.id in experiment_ids]
    quotes = [f for f in quote_choices(cycle) if f.id in quote_ids]
    if len(experiments) != len(experiment_ids) or len(quotes) != len(quote_ids):
        raise DomainError(_("Some of the chosen evidence does not belong to this year."))
    review.status = status
    review.evidence = _clean(evidence)
    review.experiments = experiments
    review.themes = _themes(cycle, theme_ids)
    review.quotes = quotes
    review.updated_at = utcnow()
    review.updated_by_id = by.id if by else None
    db.session.flush()
    return review


def year_review(cycle: Cycle) -> YearReview | None:
    return db.session.scalar(select(YearReview).where(YearReview.cycle_id == cycle.id))


def save_lessons(cycle: Cycle, lessons: str) -> YearReview:
    review = year_review(cycle) or YearReview(cycle_id=cycle.id)
    review.lessons = _clean(lessons)
    review.updated_at = utcnow()
    db.session.add(review)
    db.session.flush()
    return review


# --- the next school year ------------------------------------------------------------------


def carry_over(old: Cycle, new: Cycle) -> None:
    """Adopted experiments go with the group into the next year, as ideas with context."""
    for experiment in experiments_of(old):
        if experiment.evaluation is None or experiment.evaluation.decision is not Decision.adopt:
            continue
        copy = Experiment(
            cycle_id=new.id,
            title=experiment.title,
            approach=experiment.approach,
            aim=experiment.aim,
            prediction=experiment.prediction,
            activities=experiment.activities,
            participants=experiment.participants,
            needs=experiment.needs,
            size=experiment.size,
            term=experiment.term,
            stage=Stage.idea,
            carried_from_year=old.start_year,
        )
        copy.measures = [
            Measure(
                position=m.position,
                name=m.name,
                kind=m.kind,
                baseline=m.baseline,
                target=m.target,
                measured_by=m.measured_by,
                measured_when=m.measured_when,
            )
            for m in experiment.measures
        ]
        db.session.add(copy)
    db.session.flush()


# --- the dashboard's chain ---------------------------------------------------------------


def experiment_step(cycle: Cycle) -> core.ChainStep:
    experiments = experiments_of(cycle)
    running = sum(1 for e in experiments if e.stage is Stage.running)
    return core.ChainStep(
        "experiments",
        _("Experiments"),
        any(e.stage in (Stage.running, Stage.evaluated) for e in experiments),
        "experiments.show_board",
        ngettext(
            "%(num)d experiment, %(running)d running",
            "%(num)d experiments, %(running)d running",
            len(experiments),
            running=running,
        ),
    )


def evaluation_step(cycle: Cycle) -> core.ChainStep:
    overview = goal_overview(cycle)
    reviewed = sum(1 for o in overview if o.review and o.review.status)
    return core.ChainStep(
        "evaluation",
        _("Evaluation"),
        bool(overview) and reviewed == len(overview),
        "experiments.show_year_evaluation",
        _("%(done)d of %(total)d startfoto goals evaluated", done=reviewed, total=len(overview)),
    )


core.CARRY_OVER.append(carry_over)
core.CHAIN_STEPS.append(experiment_step)
core.CHAIN_STEPS.append(evaluation_step)
