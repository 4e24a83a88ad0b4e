"""The year report for the director: what the working group did, learned and decided.

``gather_year_report(cycle, viewer)`` reads the database and translates every text;
``build_year_report(data)`` is pure and lays it out: a title page with the school's name and
logo, a table of contents, a one-page summary, the startfoto, how the year went, the themes
with quotes (only with consent for quotes, under the respondent's code), the focus and goals,
the experiments with their run charts and evaluations, per startfoto goal what was achieved,
the conditions for success at the start and at the evaluation side by side, recommendations
for next year, and an appendix with the codebook and the method.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from io import BytesIO

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Cm
from flask_babel import format_date, ngettext
from flask_babel import gettext as _

from experiments import services as experiments
from experiments.models import Decision, Stage
from interviews import analysis
from reports import data as report_data
from reports import doen, texts
from reports.codebook_doc import CodebookData
from reports.meeting_report import SECTIONS, FocusProduct, StartfotoProduct, ThemesProduct
from reports.style import (
    Brand,
    Figure,
    add_figure,
    add_table,
    add_toc,
    branded_document,
    bullets,
    clean,
    heading,
    labelled,
    paragraph,
    paragraphs,
    set_alt_text,
)
from workgroup import guidance
from workgroup import services as core
from workgroup.models import Cycle, Moment


@dataclass(frozen=True)
class YearReportData:
    brand: Brand
    title: str
    subtitle: str
    made_on: str
    labels: dict[str, str]
    summary: list[str]
    startfoto: StartfotoProduct
    meetings_header: list[str]
    meetings: list[list[str]]
    interviews_header: list[str]
    interviews: list[list[str]]
    themes: ThemesProduct
    focus: FocusProduct
    experiments: doen.DoenProduct
    goals: list[doen.GoalReviewEntry]
    conditions_header: list[str]
    conditions: list[list[str]]
    recommendations: list[str]
    lessons: str
    codebook: CodebookData
    method: list[tuple[str, str]]
    interview_chart: Figure | None = None


def _labels() -> dict[str, str]:
    return {
        "toc": _("Contents"),
        "toc_placeholder": _("Right-click here and choose “Update field” to show the contents."),
        "summary": _("Summary"),
        "year": _("How the year went"),
        "meetings": _("Meetings"),
        "interviews": _("Interviews"),
        "experiments": _("Experiments"),
        "goals": _("What we achieved per startfoto goal"),
        "conditions": _("Conditions for success"),
        "conditions_note": _(
            "The group judged its own conditions at the start of the year and "
            "again at the evaluation."
        ),  # fmt: skip
        "recommendations": _("Recommendations for next year"),
        "lessons": _("Lessons the group wrote down"),
        "appendix": _("Appendix"),
        "codebook": _("Codebook"),
        "method": _("How we worked"),
        "no_recommendations": _("No recommendations yet: they follow from the evaluation."),
        **doen._labels(),
    }


def _interview_counts(cycle: Cycle) -> dict[str, int]:
    _coded, held = analysis.load(cycle)
    counts = {"parent": 0, "teacher": 0, "pupil": 0}
    for interview in held:
        counts[interview.group] = counts.get(interview.group, 0) + 1
    return counts


def _condition_rows(cycle: Cycle) -> list[list[str]]:
    checks = core.condition_checks(cycle)
    rows = []
    for condition in guidance.CONDITIONS:
        cells = [str(condition.title)]
        for moment in (Moment.start, Moment.evaluation):
            check = checks.get((condition.key, moment))
            if check is None:
                cells.append(_("not judged"))
                continue
            state = _("met") if check.is_met else _("not met yet")
            cells.append(f"{state}. {check.comment}" if check.comment else state)
        rows.append(cells)
    return rows


def _method() -> list[tuple[str, str]]:
    return [
        (_("Listen"), _("Members of the working group held in-depth interviews with parents, "
                        "teachers and pupils, with consent recorded first. Every interview was "
                        "written out the same day, with names replaced by a code.")),
        (_("Think"), _("The group coded the write-outs together with a shared codebook, grouped "
                       "the codes into themes and counted how often each came up, per group. "
                       "Where two members coded the same interview, their agreement was "
                       "checked.")),
        (_("Do"), _("The group chose a focus and goals, designed small experiments, ran one to "
                    "three at a time and recorded observations as run charts. At the end each "
                    "experiment was evaluated and the startfoto goals were judged.")),
        (_("Privacy"), _("Quotes appear only where the respondent allowed quotes, always under "
                         "the respondent's code and never with a name. A respondent who "
                         "withdrew leaves no trace in this report.")),
    ]  # fmt: skip


def gather_year_report(cycle: Cycle, viewer: report_data.Viewer) -> YearReportData:
    school = cycle.school
    brand = report_data.brand_of(school)
    counts = _interview_counts(cycle)
    total = sum(counts.values())
    group_labels = {"parent": _("Parents"), "teacher": _("Teachers"), "pupil": _("Pupils")}
    all_experiments = experiments.experiments_of(cycle)
    meetings = core.meetings_of(cycle)
    held = [m for m in meetings if m.attendees]
    themes = report_data.themes_product(cycle, viewer)
    focus = report_data.focus_product(cycle, viewer)
    goals = doen.goal_reviews(cycle, all_experiments)
    review = experiments.year_review(cycle)

    running = sum(1 for e in all_experiments if e.stage is Stage.running)
    evaluated = [e for e in all_experiments if e.evaluation and e.evaluation.decision]
    adopted = [e for e in evaluated if e.evaluation.decision is Decision.adopt]
    summary = [
        ngettext(
            "The working group met %(num)d time this year.",
            "The working group met %(num)d times this year.",
            len(held),
        ),
        _(
            "It held %(total)d interviews: %(parents)d with parents, %(teachers)d with "
            "teachers and %(pupils)d with pupils.",
            total=total,
            parents=counts["parent"],
            teachers=counts["teacher"],
            pupils=counts["pupil"],
        ),
    ]
    if themes.themes:
        summary.append(
            _("The themes that came back most: %(list)s.",
              list=", ".join(t.name for t in themes.themes[:3]))
        )  # fmt: skip
    if focus.goals:
        summary.append(
            ngettext("The group chose %(num)d goal to work on.",
                     "The group chose %(num)d goals to work on.", len(focus.goals))
        )  # fmt: skip
    summary.append(
        _(
            "%(all)d experiments: %(running)d running, %(evaluated)d evaluated, %(adopted)d "
            "adopted for next year.",
            all=len(all_experiments),
            running=running,
            evaluated=len(evaluated),
            adopted=len(adopted),
        )
    )
    for goal in goals:
        summary.append(f"{goal.goal} — {goal.status}")

    recommendations = [
        f"{e.title}: {e.evaluation.decision.label}. {e.evaluation.next_steps}".strip()
        for e in evaluated
        if e.evaluation.decision in (Decision.adopt, Decision.adapt)
    ]
    bars = [(group_labels[g], counts[g]) for g in ("parent", "teacher", "pupil")]
    chart = (
        report_data.figure_of(
            report_data.bar_chart(_("Interviews per group"), bars, _("interviews"), brand.colour),
            12.0,
        )
        if total
        else None
    )
    return YearReportData(
        brand=brand,
        title=_("Year report %(label)s", label=cycle.label),
        subtitle=school.group_name or _("Working group against bullying"),
        made_on=_("Made on %(date)s", date=format_date(date.today(), "long")),
        labels=_labels(),
        summary=summary,
        startfoto=report_data.startfoto_product(cycle, viewer),
        meetings_header=[_("Meeting"), _("Date"), _("Where"), _("Present"), _("Minutes")],
        meetings=[
            [
                f"{m.number}. {m.title}",
                format_date(m.planned_on, "medium") if m.planned_on else "–",
                m.mode.label,
                str(len(m.attendees)),
                _("final") if m.is_final else _("draft"),
            ]
            for m in meetings
        ],
        interviews_header=[_("Group"), _("Interviews")],
        interviews=[[label, str(n)] for label, n in bars] + [[_("Total"), str(total)]],
        interview_chart=chart,
        themes=themes,
        focus=focus,
        experiments=doen.DoenProduct(
            heading=_("Experiments"),
            intro=_(
                "Each experiment with its design, its run charts and, where done, its evaluation."
            ),  # fmt: skip
            empty=_("No experiments this year."),
            experiments=[
                doen.experiment_entry(e, brand.colour, charts=True, evaluation=True)
                for e in all_experiments
                if e.stage is not Stage.idea
            ],
            labels=doen._labels(),
        ),
        goals=goals,
        conditions_header=[_("Condition"), _("At the start"), _("At the evaluation")],
        conditions=_condition_rows(cycle),
        recommendations=recommendations,
        lessons=review.lessons if review else "",
        codebook=report_data.gather_codebook(cycle),
        method=_method(),
    )


# --- layout ------------------------------------------------------------------------------


def _title_page(document, data: YearReportData) -> None:
    if data.brand.logo:
        run = document.add_paragraph().add_run()
        try:
            shape = run.add_picture(BytesIO(data.brand.logo), height=Cm(3))
        except Exception:  # noqa: BLE001 - a logo that cannot be read is left out
            pass
        else:
            set_alt_text(shape, data.brand.logo_alt)
    title = document.add_paragraph(clean(data.title), "Title")
    title.alignment = WD_ALIGN_PARAGRAPH.LEFT
    paragraph(document, data.brand.school_name, "Subtitle")
    paragraph(document, data.subtitle)
    paragraph(document, data.made_on)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _page_break(document) -> None:
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def build_year_report(data: YearReportData):
    """The year report as a Word document."""
    labels = data.labels
    document = branded_document(data.brand, data.title)
    _title_page(document, data)
    add_toc(document, labels["toc_placeholder"], labels["toc"])
    _page_break(document)

    heading(document, labels["summary"], 1)
    bullets(document, data.summary)
    _page_break(document)

    # the products of meetings 1, 3 and 4, one level down
    SECTIONS[1](document, data.startfoto, _meeting_labels(), 1)

    heading(document, labels["year"], 1)
    heading(document, labels["meetings"], 2)
    add_table(document, data.meetings_header, data.meetings, caption=labels["meetings"])
    heading(document, labels["interviews"], 2)
    add_table(document, data.interviews_header, data.interviews, caption=labels["interviews"])
    if data.interview_chart is not None:
        add_figure(document, data.interview_chart)

    SECTIONS[3](document, data.themes, _meeting_labels(), 1)
    SECTIONS[4](document, data.focus, _meeting_labels(), 1)

    heading(document, labels["experiments"], 1)
    paragraph(document, data.experiments.intro)
    if not data.experiments.experiments:
        paragraph(document, data.experiments.empty)
    for entry in data.experiments.experiments:
        doen.add_experiment(document, entry, data.experiments.labels, 2)

    heading(document, labels["goals"], 1)
    doen.add_goal_reviews(document, data.goals, labels, 2)

    heading(document, labels["conditions"], 1)
    paragraph(document, labels["conditions_note"])
    add_table(document, data.conditions_header, data.conditions, caption=labels["conditions"])

    heading(document, labels["recommendations"], 1)
    if data.recommendations:
        bullets(document, data.recommendations)
    else:
        paragraph(document, labels["no_recommendations"])
    heading(document, labels["lessons"], 2)
    paragraphs(document, data.lessons or labels["no_lessons"])

    _page_break(document)
    heading(document, labels["appendix"], 1)
    heading(document, labels["codebook"], 2)
    for section in data.codebook.sections:
        heading(document, section.title, 3)
        if section.rows:
            add_table(document, data.codebook.header, section.rows, caption=section.title)
    heading(document, labels["method"], 2)
    for title, text in data.method:
        labelled(document, title, text)
    return document


def _meeting_labels() -> dict[str, str]:
    return texts.translated(texts.MEETING)
