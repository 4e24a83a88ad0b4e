"""DOEN: experiments with their measures, observations over time and evaluation.

An experiment follows a small plan-do-study-act loop: the group designs it (meeting 5), runs it
while it observes (meeting 6) and evaluates it against its goals (meeting 7). Themes live in
``interviews``; they are linked here by table name only, so this package never imports
sideways.
"""

from __future__ import annotations

import enum
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, Column, Float, ForeignKey, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app import db
from workgroup.models import (
    DomainError,
    Goal,
    User,
    WorkgroupMember,
    _enum,
    utcnow,
)


class Stage(enum.StrEnum):
    """Where an experiment is in its life: idea → designed → running → evaluated."""

    idea = "idea"
    designed = "designed"
    running = "running"
    evaluated = "evaluated"

    @property
    def label(self) -> str:
        return str(STAGE_LABELS[self])


STAGE_LABELS = {
    Stage.idea: _l("idea"),
    Stage.designed: _l("designed"),
    Stage.running: _l("running"),
    Stage.evaluated: _l("evaluated"),
}

#: The steps an experiment may take. Back from designed to idea is allowed (a design that
#: needs rethinking); a running experiment can only be evaluated.
TRANSITIONS: dict[Stage, tuple[Stage, ...]] = {
    Stage.idea: (Stage.designed,),
    Stage.designed: (Stage.running, Stage.idea),
    Stage.running: (Stage.evaluated,),
    Stage.evaluated: (),
}


class Size(enum.StrEnum):
    small = "small"
    large = "large"

    @property
    def label(self) -> str:
        return str(_l("small") if self is Size.small else _l("large"))


class Term(enum.StrEnum):
    short = "short"
    long = "long"

    @property
    def label(self) -> str:
        return str(_l("short term") if self is Term.short else _l("long term"))


class MeasureKind(enum.StrEnum):
    """How a measure is measured; decides which values are valid."""

    count = "count"
    scale = "scale"
    yes_no = "yes_no"
    percentage = "percentage"

    @property
    def label(self) -> str:
        return str(MEASURE_KIND_LABELS[self])

    @property
    def bounds(self) -> tuple[float | None, float | None]:
        return {
            MeasureKind.count: (0, None),
            MeasureKind.scale: (1, 5),
            MeasureKind.yes_no: (0, 1),
            MeasureKind.percentage: (0, 100),
        }[self]

    def check(self, value: float) -> None:
        """Raise a DomainError with a clear message when the value does not fit the kind."""
        low, high = self.bounds
        if self is MeasureKind.count and value != int(value):
            raise DomainError(_l("A count is a whole number."))
        if self is MeasureKind.yes_no and value not in (0, 1):
            raise DomainError(MEASURE_RANGE_MESSAGES[self])
        if (low is not None and value < low) or (high is not None and value > high):
            raise DomainError(MEASURE_RANGE_MESSAGES[self])


MEASURE_KIND_LABELS = {
    MeasureKind.count: _l("count"),
    MeasureKind.scale: _l("scale 1–5"),
    MeasureKind.yes_no: _l("yes/no"),
    MeasureKind.percentage: _l("percentage"),
}

MEASURE_RANGE_MESSAGES = {
    MeasureKind.count: _l("A count cannot be negative."),
    MeasureKind.scale: _l("A score on this scale lies between 1 and 5."),
    MeasureKind.yes_no: _l("Enter 1 for yes or 0 for no."),
    MeasureKind.percentage: _l("A percentage lies between 0 and 100."),
}


class Decision(enum.StrEnum):
    adopt = "adopt"
    adapt = "adapt"
    abandon = "abandon"

    @property
    def label(self) -> str:
        return str(DECISION_LABELS[self])


DECISION_LABELS = {
    Decision.adopt: _l("adopt: keep doing it"),
    Decision.adapt: _l("adapt: change it and try again"),
    Decision.abandon: _l("abandon: stop doing it"),
}


class GoalStatus(enum.StrEnum):
    achieved = "achieved"
    partly = "partly"
    not_yet = "not_yet"

    @property
    def label(self) -> str:
        return str(GOAL_STATUS_LABELS[self])


GOAL_STATUS_LABELS = {
    GoalStatus.achieved: _l("achieved"),
    GoalStatus.partly: _l("partly achieved"),
    GoalStatus.not_yet: _l("not achieved yet"),
}


experiment_goals = Table(
    "experiment_goals",
    db.metadata,
    Column("experiment_id", ForeignKey("experiments.id", ondelete="CASCADE"), primary_key=True),
    Column("goal_id", ForeignKey("goals.id", ondelete="CASCADE"), primary_key=True, index=True),
)

experiment_themes = Table(
    "experiment_themes",
    db.metadata,
    Column("experiment_id", ForeignKey("experiments.id", ondelete="CASCADE"), primary_key=True),
    Column("theme_id", ForeignKey("themes.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Experiment(db.Model):
    """A change the group tries out to reach one of its goals."""

    __tablename__ = "experiments"

    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("cycles.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(160))
    #: The key of the known approach it was copied from, if any.
    approach: Mapped[str] = mapped_column(String(40), default="", server_default="")
    aim: Mapped[str] = mapped_column(Text, default="")
    #: "We expect that …": what the group thinks will happen.
    prediction: Mapped[str] = mapped_column(Text, default="")
    activities: Mapped[str] = mapped_column(Text, default="")
    lead_id: Mapped[int | None] = mapped_column(
        ForeignKey("workgroup_members.id", ondelete="SET NULL")
    )
    #: Who takes part (classes, parents, teachers), in the group's words.
    participants: Mapped[str] = mapped_column(Text, default="")
    #: Ideas of pupils acting as a think tank.
    pupil_ideas: Mapped[str] = mapped_column(Text, default="")
    starts_on: Mapped[date | None]
    ends_on: Mapped[date | None]
    size: Mapped[Size] = mapped_column(_enum(Size, "experiment_size"), default=Size.small)
    term: Mapped[Term] = mapped_column(_enum(Term, "experiment_term"), default=Term.short)
    needs: Mapped[str] = mapped_column(Text, default="")
    stage: Mapped[Stage] = mapped_column(_enum(Stage, "experiment_stage"), default=Stage.idea)
    #: Set on an experiment copied from last year's adopted ones, as context.
    carried_from_year: Mapped[int | None]
    started_at: Mapped[datetime | None]
    evaluated_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    lead: Mapped[WorkgroupMember | None] = relationship()
    goals: Mapped[list[Goal]] = relationship(secondary=experiment_goals, order_by="Goal.position")
    themes: Mapped[list[Theme]] = relationship(  # noqa: F821 - interviews.models.Theme
        "Theme", secondary=experiment_themes, order_by="Theme.position"
    )
    measures: Mapped[list[Measure]] = relationship(
        back_populates="experiment", order_by="Measure.position", cascade="all, delete-orphan"
    )
    observations: Mapped[list[Observation]] = relationship(
        back_populates="experiment",
        order_by=lambda: (Observation.observed_on, Observation.id),
        cascade="all, delete-orphan",
    )
    evaluation: Mapped[Evaluation | None] = relationship(
        back_populates="experiment", cascade="all, delete-orphan"
    )

    def may_move_to(self, target: Stage) -> bool:
        return target in TRANSITIONS[self.stage]

    def move_to(self, target: Stage) -> None:
        """Take one step of the lifecycle; an illegal step raises a DomainError."""
        if not self.may_move_to(target):
            raise DomainError(
                _l(
                    "An experiment cannot go from “%(source)s” to “%(target)s”.",
                    source=self.stage.label,
                    target=target.label,
                )
            )
        if target is Stage.running:
            self.started_at = utcnow()
        if target is Stage.evaluated:
            self.evaluated_at = utcnow()
        self.stage = target
        self.updated_at = utcnow()

    @property
    def last_observed_on(self) -> date | None:
        return self.observations[-1].observed_on if self.observations else None

    def __repr__(self) -> str:
        return f"<Experiment {self.id} {self.title!r} {self.stage}>"


class Measure(db.Model):
    """What the group counts or asks to see whether the experiment does what it should."""

    __tablename__ = "measures"

    id: Mapped[int] = mapped_column(primary_key=True)
    experiment_id: Mapped[int] = mapped_column(
        ForeignKey("experiments.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[MeasureKind] = mapped_column(_enum(MeasureKind, "measure_kind"))
    baseline: Mapped[float | None] = mapped_column(Float)
    target: Mapped[float | None] = mapped_column(Float)
    #: Who measures, and when (for example "the class teacher, every Friday").
    measured_by: Mapped[str] = mapped_column(String(120), default="")
    measured_when: Mapped[str] = mapped_column(String(120), default="")

    experiment: Mapped[Experiment] = relationship(back_populates="measures")

    def __repr__(self) -> str:
        return f"<Measure {self.id} {self.name!r}>"


class Observation(db.Model):
    """One dated look at a running experiment: a value per measure, a note, maybe a change."""

    __tablename__ = "observations"

    id: Mapped[int] = mapped_column(primary_key=True)
    experiment_id: Mapped[int] = mapped_column(
        ForeignKey("experiments.id", ondelete="CASCADE"), index=True
    )
    observed_on: Mapped[date]
    note: Mapped[str] = mapped_column(Text, default="")
    #: What the group changed from this point on; drawn as a marker on the run chart.
    adjustment: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    experiment: Mapped[Experiment] = relationship(back_populates="observations")
    values: Mapped[list[ObservationValue]] = relationship(
        back_populates="observation", cascade="all, delete-orphan"
    )
    created_by: Mapped[User | None] = relationship()

    def value_for(self, measure: Measure) -> float | None:
        for value in self.values:
            if value.measure_id == measure.id:
                return value.value
        return None

    def __repr__(self) -> str:
        return f"<Observation {self.id} {self.observed_on}>"


class ObservationValue(db.Model):
    __tablename__ = "observation_values"

    observation_id: Mapped[int] = mapped_column(
        ForeignKey("observations.id", ondelete="CASCADE"), primary_key=True
    )
    measure_id: Mapped[int] = mapped_column(
        ForeignKey("measures.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    value: Mapped[float] = mapped_column(Float)

    observation: Mapped[Observation] = relationship(back_populates="values")


class Evaluation(db.Model):
    """How the experiment went, how it was valued, and what the group decides."""

    __tablename__ = "evaluations"
    __table_args__ = tuple(
        CheckConstraint(f"{who}_score BETWEEN 1 AND 5", name=f"{who}_score_range")
        for who in ("pupils", "parents", "teachers", "contribution")
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    experiment_id: Mapped[int] = mapped_column(
        ForeignKey("experiments.id", ondelete="CASCADE"), unique=True
    )
    #: Did it go as planned? What went differently?
    went_as_planned: Mapped[str] = mapped_column(Text, default="")
    pupils_score: Mapped[int | None]
    pupils_comment: Mapped[str] = mapped_column(Text, default="")
    parents_score: Mapped[int | None]
    parents_comment: Mapped[str] = mapped_column(Text, default="")
    teachers_score: Mapped[int | None]
    teachers_comment: Mapped[str] = mapped_column(Text, default="")
    #: How much it helped towards the goal, 1 (not) to 5 (a lot), and why.
    contribution_score: Mapped[int | None]
    contribution: Mapped[str] = mapped_column(Text, default="")
    #: What the prediction got right, and what not.
    prediction_review: Mapped[str] = mapped_column(Text, default="")
    decision: Mapped[Decision | None] = mapped_column(_enum(Decision, "decision"))
    next_steps: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    experiment: Mapped[Experiment] = relationship(back_populates="evaluation")

    def __repr__(self) -> str:
        return f"<Evaluation experiment={self.experiment_id} {self.decision}>"


goal_review_experiments = Table(
    "goal_review_experiments",
    db.metadata,
    Column("review_id", ForeignKey("goal_reviews.id", ondelete="CASCADE"), primary_key=True),
    Column("experiment_id", ForeignKey("experiments.id", ondelete="CASCADE"), primary_key=True),
)

goal_review_themes = Table(
    "goal_review_themes",
    db.metadata,
    Column("review_id", ForeignKey("goal_reviews.id", ondelete="CASCADE"), primary_key=True),
    Column("theme_id", ForeignKey("themes.id", ondelete="CASCADE"), primary_key=True),
)

#: Quotes as evidence: the link goes with the fragment when a respondent withdraws.
goal_review_quotes = Table(
    "goal_review_quotes",
    db.metadata,
    Column("review_id", ForeignKey("goal_reviews.id", ondelete="CASCADE"), primary_key=True),
    Column("fragment_id", ForeignKey("fragments.id", ondelete="CASCADE"), primary_key=True),
)


class GoalReview(db.Model):
    """At the end of the year: how far the group got with one startfoto goal, and the proof."""

    __tablename__ = "goal_reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    goal_id: Mapped[int] = mapped_column(ForeignKey("goals.id", ondelete="CASCADE"), unique=True)
    status: Mapped[GoalStatus | None] = mapped_column(_enum(GoalStatus, "goal_status"))
    evidence: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    goal: Mapped[Goal] = relationship()
    experiments: Mapped[list[Experiment]] = relationship(
        secondary=goal_review_experiments, order_by="Experiment.id"
    )
    themes: Mapped[list[Theme]] = relationship(  # noqa: F821 - interviews.models.Theme
        "Theme", secondary=goal_review_themes, order_by="Theme.position"
    )
    quotes: Mapped[list[Fragment]] = relationship(  # noqa: F821 - interviews.models.Fragment
        "Fragment", secondary=goal_review_quotes, order_by="Fragment.id"
    )

    def __repr__(self) -> str:
        return f"<GoalReview goal={self.goal_id} {self.status}>"


class YearReview(db.Model):
    """The group's lessons for next year, written at the evaluation."""

    __tablename__ = "year_reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("cycles.id", ondelete="CASCADE"), unique=True)
    lessons: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
