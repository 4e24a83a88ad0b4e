"""The output of a meeting ("verslag"): date, place, attendance, agenda with notes and
decisions, actions, and the product of that meeting (startfoto, interview guide, themes, focus).

``build_meeting_report(data)`` is pure: it lays out a ``MeetingData`` that ``reports.data``
gathered, with every text translated already. The year report reuses ``add_meeting`` to put
several meetings in one document (one heading level lower).

The product of each meeting is drawn by a section builder in ``SECTIONS`` (meeting number ->
function); the experiments of meetings 5 to 7 add theirs there, with a gatherer in
``reports.data.PRODUCTS``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from reports.style import (
    Brand,
    Figure,
    add_figure,
    add_table,
    branded_document,
    bullets,
    clean,
    heading,
    labelled,
    paragraph,
    paragraphs,
)


@dataclass(frozen=True)
class AgendaEntry:
    title: str
    prompt: str = ""
    notes: str = ""
    decisions: str = ""


@dataclass(frozen=True)
class ActionEntry:
    description: str
    owner: str
    due: str
    done: bool


@dataclass(frozen=True)
class MeetingData:
    """Everything a meeting's output shows, as plain translated text."""

    brand: Brand
    labels: Mapping[str, str]
    number: int
    title: str  #: "Meeting 1: Start and startfoto"
    subtitle: str = ""  #: "Working group … · school year 2026–2027"
    #: (label, value): date, time, where, state of the minutes
    facts: list[tuple[str, str]] = field(default_factory=list)
    present: list[str] = field(default_factory=list)
    agenda: list[AgendaEntry] = field(default_factory=list)
    actions: list[ActionEntry] = field(default_factory=list)
    carried: list[ActionEntry] = field(default_factory=list)
    #: The meeting's own product, drawn by ``SECTIONS[number]``.
    product: object | None = None


# --- products of meetings 1 to 4 ---------------------------------------------------------


@dataclass(frozen=True)
class StartfotoProduct:
    parts: list[tuple[str, str]]  #: (heading, text)
    goals: list[str]


@dataclass(frozen=True)
class GuideProduct:
    purpose: str
    introduction: str
    closing: str
    questions: list[tuple[str, list[str]]]  #: (question, follow-up prompts)
    consent_heading: str
    consent_text: str
    counts_header: list[str]
    counts_rows: list[list[str]]
    plan_header: list[str]
    plan_rows: list[list[str]]
    #: Why the plan shows what it shows (the director sees counts only, a member his own).
    plan_note: str = ""


@dataclass(frozen=True)
class ThemeEntry:
    name: str
    description: str
    is_focus: bool
    rows: list[list[str]]  #: code, parents, teachers, pupils, total


@dataclass(frozen=True)
class Quote:
    text: str
    respondent: str  #: the code, R07; never a name
    codes: str = ""  #: the codes on the passage, for the reader


@dataclass(frozen=True)
class ThemesProduct:
    summary: str
    chart: Figure | None
    codes_header: list[str]
    themes: list[ThemeEntry]
    quotes: list[tuple[str, list[Quote]]]  #: (theme, quotes) with consent for quotes only


@dataclass(frozen=True)
class GoalEntry:
    text: str
    serves: str  #: the startfoto goal it works towards, or ""
    themes: str
    solutions: list[tuple[str, str]]  #: (solution, what is needed)


@dataclass(frozen=True)
class FocusProduct:
    themes: list[tuple[str, str]]  #: (name, description)
    goals: list[GoalEntry]


def _startfoto(document, product: StartfotoProduct, labels: Mapping[str, str], level: int):
    heading(document, labels["startfoto"], level)
    if not any(text for _, text in product.parts) and not product.goals:
        paragraph(document, labels["startfoto_empty"])
        return
    for title, text in product.parts:
        heading(document, title, level + 1)
        paragraphs(document, text or "–")
    heading(document, labels["startfoto_goals"], level + 1)
    bullets(document, product.goals, "List Number")


def _guide(document, product: GuideProduct, labels: Mapping[str, str], level: int):
    heading(document, labels["guide"], level)
    for label, text in (
        (labels["purpose"], product.purpose),
        (labels["introduction"], product.introduction),
    ):
        heading(document, label, level + 1)
        paragraphs(document, text or "–")
    heading(document, labels["questions"], level + 1)
    if not product.questions:
        paragraph(document, labels["no_questions"])
    for number, (question, prompts) in enumerate(product.questions, start=1):
        paragraph(document, f"{number}. {question}", bold=True)
        if prompts:
            paragraph(document, labels["ask_further"])
            bullets(document, prompts, "List Bullet 2")
    heading(document, labels["closing"], level + 1)
    paragraphs(document, product.closing or "–")

    heading(document, product.consent_heading, level)
    paragraphs(document, product.consent_text or labels["no_consent_text"])

    heading(document, labels["respondent_plan"], level)
    add_table(
        document, product.counts_header, product.counts_rows, caption=labels["respondent_plan"]
    )
    if product.plan_note:
        paragraph(document, product.plan_note)
    if product.plan_rows:
        add_table(
            document, product.plan_header, product.plan_rows, caption=labels["respondent_plan"]
        )


def _themes(document, product: ThemesProduct, labels: Mapping[str, str], level: int):
    heading(document, labels["themes"], level)
    paragraph(document, product.summary)
    if product.chart is not None:
        add_figure(document, product.chart)
    if not product.themes:
        paragraph(document, labels["no_themes"])
    for theme in product.themes:
        title = f"{theme.name} ({labels['our_focus']})" if theme.is_focus else theme.name
        heading(document, title, level + 1)
        if theme.description:
            paragraph(document, theme.description)
        if theme.rows:
            add_table(document, product.codes_header, theme.rows, caption=theme.name)
        else:
            paragraph(document, labels["no_codes"])
    heading(document, labels["quotes"], level)
    paragraph(document, labels["quotes_note"])
    if not product.quotes:
        paragraph(document, labels["no_quotes"])
    for theme, quotes in product.quotes:
        heading(document, theme, level + 1)
        add_quotes(document, quotes)


def add_quotes(document, quotes: list[Quote]) -> None:
    """Each quote in the Quote style, its respondent's code under it."""
    for quote in quotes:
        paragraph(document, f"“{quote.text}”", "Quote")
        attribution = f"— {quote.respondent}" + (f" · {quote.codes}" if quote.codes else "")
        paragraph(document, attribution)


def _focus(document, product: FocusProduct, labels: Mapping[str, str], level: int):
    heading(document, labels["focus"], level)
    heading(document, labels["focus_themes"], level + 1)
    if not product.themes:
        paragraph(document, labels["no_focus"])
    for name, description in product.themes:
        item = paragraph(document, name, "List Bullet", bold=True)
        if description:
            item.add_run(clean(": " + description))
    heading(document, labels["goals"], level + 1)
    if not product.goals:
        paragraph(document, labels["no_goals"])
    for number, goal in enumerate(product.goals, start=1):
        heading(document, f"{number}. {goal.text}", level + 2)
        if goal.serves:
            labelled(document, labels["serves"], goal.serves)
        if goal.themes:
            labelled(document, labels["goal_themes"], goal.themes)
        if goal.solutions:
            add_table(
                document,
                [labels["solution"], labels["needs"]],
                [[text, needs or "–"] for text, needs in goal.solutions],
                caption=goal.text,
            )


#: Meeting number -> the section that draws the meeting's product.
SECTIONS: dict[int, Callable[[object, object, Mapping[str, str], int], None]] = {
    1: _startfoto,
    2: _guide,
    3: _themes,
    4: _focus,
}


# --- the document ------------------------------------------------------------------------


def _action_rows(actions: list[ActionEntry], labels: Mapping[str, str]) -> list[list[str]]:
    return [
        [a.description, a.owner, a.due or "–", labels["yes"] if a.done else labels["no"]]
        for a in actions
    ]


def add_meeting(document, data: MeetingData, level: int = 1) -> None:
    """One meeting's output from heading ``level`` down (1 in its own document, 2 in the
    year report)."""
    labels = data.labels
    heading(document, data.title, level)
    if data.subtitle:
        paragraph(document, data.subtitle)
    for label, value in data.facts:
        labelled(document, label, value)

    heading(document, labels["present"], level + 1)
    if data.present:
        paragraph(document, ", ".join(data.present))
    else:
        paragraph(document, labels["nobody_recorded"])

    heading(document, labels["agenda"], level + 1)
    if not data.agenda:
        paragraph(document, labels["no_agenda"])
    for number, item in enumerate(data.agenda, start=1):
        heading(document, f"{number}. {item.title}", level + 2)
        if item.prompt:
            paragraph(document, item.prompt).runs[0].italic = True
        labelled(document, labels["notes"], item.notes or "–")
        labelled(document, labels["decisions"], item.decisions or "–")

    action_header = [labels["action"], labels["who"], labels["before"], labels["done"]]
    heading(document, labels["actions"], level + 1)
    if data.actions:
        add_table(
            document,
            action_header,
            _action_rows(data.actions, labels),
            caption=labels["actions"],
        )
    else:
        paragraph(document, labels["no_actions"])
    if data.carried:
        heading(document, labels["carried"], level + 1)
        add_table(
            document,
            action_header,
            _action_rows(data.carried, labels),
            caption=labels["carried"],
        )

    section = SECTIONS.get(data.number)
    if section is not None and data.product is not None:
        section(document, data.product, labels, level + 1)


def build_meeting_report(data: MeetingData):
    """The output of one meeting as a Word document."""
    document = branded_document(data.brand, data.title)
    add_meeting(document, data, level=1)
    return document
