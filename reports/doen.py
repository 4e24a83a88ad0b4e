"""DOEN in Word: the products of meetings 5 (experiment designs), 6 (monitoring with run
charts) and 7 (evaluation of the experiments and of the startfoto goals).

``gather_*`` read the database and translate every text; ``add_*`` are pure and lay the
result out. Registered in ``reports.data.PRODUCTS`` and ``reports.meeting_report.SECTIONS``;
the year report uses the same pieces.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import format_date, ngettext
from flask_babel import gettext as _

from experiments import services as experiments
from experiments.models import Experiment, Stage
from reports import data as report_data
from reports import meeting_report
from reports.meeting_report import Quote, add_quotes
from reports.style import Figure, add_figure, add_table, heading, labelled, paragraph
from workgroup.charts import format_number
from workgroup.models import Cycle


@dataclass(frozen=True)
class ChartEntry:
    name: str
    figure: Figure | None
    reading: str


@dataclass(frozen=True)
class ExperimentEntry:
    title: str
    stage: str
    facts: list[tuple[str, str]]
    measures_header: list[str]
    measures: list[list[str]]
    charts: list[ChartEntry] = field(default_factory=list)
    observed: str = ""
    evaluation: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class GoalReviewEntry:
    goal: str
    status: str
    evidence: str
    experiments: str
    themes: str
    quotes: list[Quote]


@dataclass(frozen=True)
class DoenProduct:
    """What meetings 5, 6 and 7 produced, as translated text."""

    heading: str
    intro: str
    empty: str
    experiments: list[ExperimentEntry]
    labels: dict[str, str]
    goals: list[GoalReviewEntry] = field(default_factory=list)
    goals_heading: str = ""
    lessons: str = ""


def _labels() -> dict[str, str]:
    return {
        "measures": _("Measures"),
        "charts": _("Run charts"),
        "evaluation": _("Evaluation"),
        "no_measures": _("No measures yet."),
        "no_points": _("No observations yet."),
        "evidence": _("What shows it"),
        "experiments": _("Experiments"),
        "themes": _("Themes"),
        "quotes": _("What people said"),
        "lessons": _("Lessons for next year"),
        "no_lessons": _("No lessons written down yet."),
        "status": _("Status"),
        "no_goals": _("The startfoto has no goals yet."),
    }


def _dash(value) -> str:
    return value if value else "–"


def _score(score: int | None, comment: str) -> str:
    parts = [_("%(n)d of 5", n=score)] if score else []
    if comment:
        parts.append(comment)
    return " · ".join(parts) or "–"


def experiment_entry(
    experiment: Experiment, colour: str, *, charts: bool, evaluation: bool
) -> ExperimentEntry:
    """One experiment as the documents show it; run charts as PNG when ``charts``."""
    when = " – ".join(
        format_date(d, "medium") if d else "?" for d in (experiment.starts_on, experiment.ends_on)
    )
    facts = [
        (_("Stage"), experiment.stage.label),
        (_("Goals it serves"), _dash("; ".join(g.text for g in experiment.goals))),
        (_("Themes behind it"), _dash(", ".join(t.name for t in experiment.themes))),
        (_("Aim"), _dash(experiment.aim)),
        (_("Prediction"), _dash(experiment.prediction)),
        (_("Activities"), _dash(experiment.activities)),
        (_("Who leads it"), experiment.lead.display_name if experiment.lead else "–"),
        (_("Who takes part"), _dash(experiment.participants)),
    ]
    if experiment.pupil_ideas:
        facts.append((_("Ideas from pupils"), experiment.pupil_ideas))
    facts += [
        (_("When"), f"{when} · {experiment.size.label} · {experiment.term.label}"),
        (_("What is needed"), _dash(experiment.needs)),
    ]
    measures = [
        [
            m.name,
            m.kind.label,
            format_number(m.baseline) if m.baseline is not None else "–",
            format_number(m.target) if m.target is not None else "–",
            _dash(", ".join(x for x in (m.measured_by, m.measured_when) if x)),
        ]
        for m in experiment.measures
    ]
    chart_entries = []
    if charts:
        for mc in experiments.charts_for(experiment, colour):
            figure = report_data.figure_of(mc.chart, 15.0) if mc.rows else None
            chart_entries.append(ChartEntry(mc.measure.name, figure, mc.analysis.summary()))
    observed = ""
    if experiment.stage in (Stage.running, Stage.evaluated):
        count = len(experiment.observations)
        observed = ngettext("%(num)d observation", "%(num)d observations", count)
        if experiment.last_observed_on:
            observed += " · " + _(
                "last on %(date)s", date=format_date(experiment.last_observed_on, "long")
            )
    rows = []
    ev = experiment.evaluation
    if evaluation and ev is not None:
        rows = [
            (_("Did it go as planned?"), _dash(ev.went_as_planned)),
            (_("Pupils"), _score(ev.pupils_score, ev.pupils_comment)),
            (_("Parents"), _score(ev.parents_score, ev.parents_comment)),
            (_("Teachers"), _score(ev.teachers_score, ev.teachers_comment)),
            (_("Contribution to the goal"), _score(ev.contribution_score, ev.contribution)),
            (_("What did the prediction get right?"), _dash(ev.prediction_review)),
            (_("Decision"), ev.decision.label if ev.decision else _("not decided yet")),
            (_("Next steps"), _dash(ev.next_steps)),
        ]
    return ExperimentEntry(
        title=experiment.title,
        stage=experiment.stage.label,
        facts=facts,
        measures_header=[_("Measure"), _("How"), _("Baseline"), _("Target"), _("Who and when")],
        measures=measures,
        charts=chart_entries,
        observed=observed,
        evaluation=rows,
    )


def goal_reviews(cycle: Cycle, all_experiments: list[Experiment]) -> list[GoalReviewEntry]:
    """Per startfoto goal: how far the group got, and the evidence (quotes with consent)."""
    entries = []
    for o in experiments.goal_overview(cycle, all_experiments):
        review = o.review
        linked = review.experiments if review else o.experiments
        themes = review.themes if review else o.themes
        quotes = [
            Quote(q.text, q.transcript.respondent.code)
            for q in (review.quotes if review else [])
            if q.transcript.respondent.may_quote
        ]
        entries.append(
            GoalReviewEntry(
                goal=o.goal.text,
                status=o.status_label,
                evidence=review.evidence if review else "",
                experiments=", ".join(e.title for e in linked),
                themes=", ".join(t.name for t in themes),
                quotes=quotes,
            )
        )
    return entries


def _colour(cycle: Cycle) -> str:
    return report_data.colour_of(cycle.school)


def designs_product(cycle: Cycle, viewer=None) -> DoenProduct:
    """Meeting 5: the experiment designs."""
    found = experiments.experiments_of(cycle)
    return DoenProduct(
        heading=_("Experiment designs"),
        intro=_(
            "The experiments the group designed, with the goals they serve and how the "
            "group will see whether they help."
        ),  # fmt: skip
        empty=_("No experiments designed yet."),
        experiments=[
            experiment_entry(e, _colour(cycle), charts=False, evaluation=False) for e in found
        ],
        labels=_labels(),
    )


def monitoring_product(cycle: Cycle, viewer=None) -> DoenProduct:
    """Meeting 6: the running experiments with their run charts and what they show."""
    found = [
        e for e in experiments.experiments_of(cycle) if e.stage in (Stage.running, Stage.evaluated)
    ]
    return DoenProduct(
        heading=_("How the experiments are going"),
        intro=_(
            "Every observation in time order, per measure. The dashed line is the median, "
            "the other line the target. Under ten points there is no conclusion yet."
        ),  # fmt: skip
        empty=_("No experiment has started yet."),
        experiments=[
            experiment_entry(e, _colour(cycle), charts=True, evaluation=False) for e in found
        ],
        labels=_labels(),
    )


def evaluation_product(cycle: Cycle, viewer=None) -> DoenProduct:
    """Meeting 7: the evaluation of the experiments and of the startfoto goals."""
    everything = experiments.experiments_of(cycle)
    found = [e for e in everything if e.evaluation is not None]
    review = experiments.year_review(cycle)
    return DoenProduct(
        heading=_("Evaluation of the experiments"),
        intro=_("What the group concluded about each experiment, and what it decided."),
        empty=_("No experiment has been evaluated yet."),
        experiments=[
            experiment_entry(e, _colour(cycle), charts=True, evaluation=True) for e in found
        ],
        labels=_labels(),
        goals=goal_reviews(cycle, everything),
        goals_heading=_("The startfoto goals"),
        lessons=review.lessons if review else "",
    )


# --- layout ------------------------------------------------------------------------------


def add_experiment(document, entry: ExperimentEntry, labels: dict[str, str], level: int) -> None:
    heading(document, entry.title, level)
    for label, value in entry.facts:
        labelled(document, label, value)
    heading(document, labels["measures"], level + 1)
    if entry.measures:
        add_table(document, entry.measures_header, entry.measures, caption=entry.title)
    else:
        paragraph(document, labels["no_measures"])
    if entry.observed:
        paragraph(document, entry.observed)
    if entry.charts:
        heading(document, labels["charts"], level + 1)
        for chart in entry.charts:
            if chart.figure is not None:
                add_figure(document, chart.figure)
            else:
                paragraph(document, f"{chart.name}: {labels['no_points']}")
            paragraph(document, chart.reading)
    if entry.evaluation:
        heading(document, labels["evaluation"], level + 1)
        for label, value in entry.evaluation:
            labelled(document, label, value)


def add_goal_reviews(document, entries: list[GoalReviewEntry], labels, level: int) -> None:
    if not entries:
        paragraph(document, labels["no_goals"])
    for entry in entries:
        heading(document, entry.goal, level)
        labelled(document, labels["status"], entry.status)
        if entry.evidence:
            labelled(document, labels["evidence"], entry.evidence)
        labelled(document, labels["experiments"], _dash(entry.experiments))
        labelled(document, labels["themes"], _dash(entry.themes))
        if entry.quotes:
            paragraph(document, labels["quotes"], bold=True)
            add_quotes(document, entry.quotes)


def add_doen(document, product: DoenProduct, _meeting_labels, level: int) -> None:
    """The section of meetings 5, 6 and 7 in a meeting output (and in the year report)."""
    labels = product.labels
    heading(document, product.heading, level)
    paragraph(document, product.intro)
    if not product.experiments:
        paragraph(document, product.empty)
    for entry in product.experiments:
        add_experiment(document, entry, labels, level + 1)
    if product.goals_heading:
        heading(document, product.goals_heading, level)
        add_goal_reviews(document, product.goals, labels, level + 1)
        heading(document, labels["lessons"], level)
        paragraph(document, product.lessons or labels["no_lessons"])


def experiment_titles(cycle: Cycle) -> list[str]:
    """For the infographic: what runs now, then what is designed."""
    return [
        e.title
        for e in experiments.experiments_of(cycle)
        if e.stage in (Stage.running, Stage.designed, Stage.evaluated)
    ]


report_data.PRODUCTS.update({5: designs_product, 6: monitoring_product, 7: evaluation_product})
meeting_report.SECTIONS.update({5: add_doen, 6: add_doen, 7: add_doen})
report_data.EXPERIMENT_TITLES.append(experiment_titles)
