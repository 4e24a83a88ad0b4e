"""Gatherers: read what a document shows, through the services, into the plain records that the
pure builders lay out. Texts are translated here, in the language of the person downloading
(Dutch by default, also on the command line).

The privacy rules of the documents live here:

- respondents are named by their code, never by a name (the app stores none);
- a quote appears only when the respondent's valid consent covers quotes (``may_quote``), and
  only telling quotes of write-outs that still exist: a withdrawal deletes the write-out and,
  by cascade, its fragments, so a document made afterwards holds nothing of it;
- write-outs are stored pseudonymised, so quotes and exports are too;
- the respondent plan of meeting 2 lists codes for the chair (all) and a member (those they
  interview); the director sees numbers per group only (as on the interviews page).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from uuid import NAMESPACE_URL, uuid5

from flask_babel import format_date, get_locale, ngettext
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app import db
from interviews import analysis, coding
from interviews import services as interviews
from interviews.models import Code, Fragment, Respondent, RespondentGroup, Theme, Transcript
from reports import services as house_style
from reports import texts
from reports.codebook_doc import CodebookData, CodebookSection, ThemeQuotesData
from reports.exports import CodingRow, QdaCode, QdaProject, QdaSelection, QdaSource
from reports.infographic import InfographicData
from reports.meeting_report import (
    ActionEntry,
    AgendaEntry,
    FocusProduct,
    GoalEntry,
    GuideProduct,
    MeetingData,
    Quote,
    StartfotoProduct,
    ThemeEntry,
    ThemesProduct,
)
from reports.style import COLOUR, DEFAULT_COLOUR, Brand, Figure
from workgroup import services as core
from workgroup.models import Cycle, Role, School, User

#: Stable ids for REFI-QDA: uuid5 of school, year and object under this namespace.
QDA_NAMESPACE = uuid5(NAMESPACE_URL, "urn:ldd:refi-qda")
#: How many codes the bar chart of meeting 3 shows at most.
CHART_CODES = 15
TOP_THEMES = 5


@dataclass(frozen=True)
class Viewer:
    """Who the document is for: decides what the respondent plan shows."""

    role: Role
    user_id: int | None = None


#: Other packages add the titles of the year's experiments for the infographic:
#: functions of (cycle) -> list of titles (``experiments`` fills this when it has them).
EXPERIMENT_TITLES: list[Callable[[Cycle], list[str]]] = []


# --- shared ------------------------------------------------------------------------------


def language_tag() -> str:
    locale = str(get_locale() or "nl")
    return {"nl": "nl-NL", "en": "en-GB"}.get(locale, locale)


def colour_of(school: School) -> str:
    colour = school.house_colour or ""
    return colour.lower() if COLOUR.fullmatch(colour) else DEFAULT_COLOUR


def brand_of(school: School) -> Brand:
    """The school's house style (the logo is loaded here; it is deferred elsewhere)."""
    logo, mimetype = house_style.logo_of(school)
    return Brand(
        school_name=school.name,
        colour=colour_of(school),
        logo=logo,
        logo_mimetype=mimetype,
        logo_alt=_("Logo of %(school)s", school=school.name),
        language=language_tag(),
    )


def figure_of(chart, width_cm: float = 16.0) -> Figure:
    """A chart of ``workgroup.charts`` as a picture for Word, with its alt text."""
    return Figure(chart.png(), chart.alt_text(), width_cm, str(chart.title))


def bar_chart(title: str, bars: list[tuple[str, int]], unit: str, colour: str):
    from workgroup.charts import Bar, BarChart

    return BarChart(title, [Bar(label, value) for label, value in bars], unit=unit, colour=colour)


def _group_title(school: School) -> str:
    return school.group_name or _("Working group against bullying")


def _group_labels() -> dict[str, str]:
    return {"parent": _("Parents"), "teacher": _("Teachers"), "pupil": _("Pupils")}


def _theme_counts(themes: list[Theme], frequencies: dict[int, Counter]) -> dict[int, int]:
    """Per theme: how often its codes were used (as the summary page counts)."""
    return {t.id: sum(frequencies.get(c.id, Counter())["all"] for c in t.codes) for t in themes}


def _quotes(coded, codes: list[Code]) -> dict[int | None, list[Quote]]:
    """Telling quotes with consent for quotes, per theme, in the order of the interviews."""
    names = {c.id: c.name for c in codes}
    theme_of = {c.id: c.theme_id for c in codes}
    order = {c.id: (c.position, c.id) for c in codes}
    usable = sorted(
        (f for f in coded if f.is_quote and f.may_quote and f.text),
        key=lambda f: (f.respondent, f.start, f.fragment_id),
    )
    result: dict[int | None, list[Quote]] = {}
    for f in usable:
        quote = Quote(
            f.text,
            f.respondent,
            ", ".join(
                names[c] for c in sorted(f.codes, key=lambda c: order.get(c, (0, c))) if c in names
            ),
        )
        # under every theme of its codes; under "without a theme" only when it has none
        themes = {theme_of.get(c) for c in f.codes} - {None} or {None}
        for theme_id in themes:
            result.setdefault(theme_id, []).append(quote)
    return result


# --- meetings ----------------------------------------------------------------------------


def _action(action) -> ActionEntry:
    return ActionEntry(
        description=action.description,
        owner=action.owner.display_name if action.owner else _("nobody yet"),
        due=format_date(action.due_on, "medium") if action.due_on else "",
        done=action.is_done,
    )


def startfoto_product(cycle: Cycle, viewer: Viewer) -> StartfotoProduct:
    startfoto = core.startfoto_of(cycle)
    return StartfotoProduct(
        parts=[(str(label), getattr(startfoto, key) or "") for key, label in texts.STARTFOTO_PARTS],
        goals=[goal.text for goal in core.startfoto_goals(cycle)],
    )


def guide_product(cycle: Cycle, viewer: Viewer) -> GuideProduct:
    guide = interviews.guide_of(cycle)
    text = interviews.current_consent_text(cycle)
    counts = interviews.diversity(cycle, with_relation=False)["group"]
    if viewer.role is Role.chair:
        respondents, note = interviews.respondents_of(cycle), ""
    elif viewer.role is Role.member and viewer.user_id is not None:
        user = db.session.get(User, viewer.user_id)
        respondents = interviews.respondents_of(cycle, interviewer_user=user)
        note = _("By code, only the respondents you interview are listed; the chair sees all.")
    else:
        respondents = []
        note = _("Respondents are counted per group only; codes are for the chair and the "
                 "interviewers.")  # fmt: skip
    return GuideProduct(
        purpose=guide.purpose,
        introduction=guide.introduction,
        closing=guide.closing,
        questions=[(q.text, q.prompt_lines) for q in guide.questions],
        consent_heading=_("Consent text, version %(n)s", n=text.version)
        if text
        else _("Consent text"),
        consent_text=text.body if text else "",
        counts_header=[_("Group"), _("Respondents"), _("Aim")],
        counts_rows=[[row.label, str(row.count), str(row.target or 0)] for row in counts],
        plan_header=[_("Code"), _("Group"), _("Part of the school"), _("Status")],
        # never the relation to bullying, never a name
        plan_rows=[
            [r.code, r.group.label, r.bouw.label if r.bouw else "–", r.status.label]
            for r in respondents
        ],
        plan_note=note,
    )


def themes_product(cycle: Cycle, viewer: Viewer) -> ThemesProduct:
    coded, held = analysis.load(cycle)
    codes = coding.codes_of(cycle)
    themes = coding.themes_of(cycle)
    frequencies = analysis.frequencies(coded)
    groups = Counter(interview.group for interview in held)
    summary = ngettext(
        "%(num)d interview written out (%(parents)d parents, %(teachers)d teachers, "
        "%(pupils)d pupils), %(fragments)d coded passages.",
        "%(num)d interviews written out (%(parents)d parents, %(teachers)d teachers, "
        "%(pupils)d pupils), %(fragments)d coded passages.",
        len(held),
        parents=groups["parent"],
        teachers=groups["teacher"],
        pupils=groups["pupil"],
        fragments=len(coded),
    )

    def rows(theme_codes) -> list[list[str]]:
        result = []
        for code in theme_codes:
            counts = frequencies.get(code.id, Counter())
            result.append(
                [code.name, *(str(counts[g.value]) for g in RespondentGroup), str(counts["all"])]
            )
        return result

    entries = [ThemeEntry(t.name, t.description, t.is_focus, rows(t.codes)) for t in themes]
    loose = [c for c in codes if c.theme_id is None]
    if loose:
        entries.append(ThemeEntry(_("Codes without a theme"), "", False, rows(loose)))

    used = sorted(
        ((c.name, frequencies[c.id]["all"]) for c in codes if c.id in frequencies),
        key=lambda bar: -bar[1],
    )[:CHART_CODES]
    chart = None
    if used:
        chart = figure_of(
            bar_chart(_("Coded passages per code"), used, _("passages"), colour_of(cycle.school))
        )
    by_theme = _quotes(coded, codes)
    quotes = [(t.name, by_theme[t.id]) for t in themes if t.id in by_theme]
    if None in by_theme:
        quotes.append((_("Codes without a theme"), by_theme[None]))
    labels = _group_labels()
    return ThemesProduct(
        summary=summary,
        chart=chart,
        codes_header=[_("Code"), *(labels[g.value] for g in RespondentGroup), _("Total")],
        themes=entries,
        quotes=quotes,
    )


def focus_product(cycle: Cycle, viewer: Viewer) -> FocusProduct:
    themes = coding.themes_of(cycle)
    names = {t.id: t.name for t in themes}
    goals = []
    for goal in coding.focus_goals(cycle):
        linked = coding.goal_theme_ids(goal)
        goals.append(
            GoalEntry(
                text=goal.text,
                serves=goal.parent.text if goal.parent else "",
                themes=", ".join(names[t.id] for t in themes if t.id in linked),
                solutions=[(s.text, s.needs) for s in coding.solutions_of(goal)],
            )
        )
    return FocusProduct(themes=[(t.name, t.description) for t in themes if t.is_focus], goals=goals)


#: Meeting number -> the gatherer of its product (``reports.meeting_report.SECTIONS`` draws
#: it). Meetings 5 to 7 are added with the experiments.
PRODUCTS: dict[int, Callable[[Cycle, Viewer], object]] = {
    1: startfoto_product,
    2: guide_product,
    3: themes_product,
    4: focus_product,
}


def has_meeting_report(number: int) -> bool:
    return number in PRODUCTS


def gather_meeting(cycle: Cycle, number: int, viewer: Viewer) -> MeetingData | None:
    """A meeting's output; None for a meeting without one (yet)."""
    if number not in PRODUCTS:
        return None
    meeting = core.get_meeting(cycle, number)
    if meeting is None:
        return None
    school = cycle.school
    where = meeting.mode.label + (f": {meeting.location}" if meeting.location else "")
    facts = [
        (
            _("Date"),
            format_date(meeting.planned_on, "full") if meeting.planned_on else _("no date yet"),
        ),
    ]
    if meeting.starts_at:
        facts.append((_("Time"), meeting.starts_at.strftime("%H:%M")))
    facts.append((_("Where"), where))
    facts.append(
        (
            _("Minutes"),
            _("final since %(date)s", date=format_date(meeting.minutes_final_at, "medium"))
            if meeting.is_final
            else _("draft: not final yet"),
        )
    )
    return MeetingData(
        brand=brand_of(school),
        labels=texts.translated(texts.MEETING),
        number=number,
        title=_("Meeting %(n)d: %(title)s", n=number, title=meeting.title),
        subtitle=" · ".join(
            [_group_title(school), school.name, _("school year %(label)s", label=cycle.label)]
        ),
        facts=facts,
        present=sorted(m.display_name for m in meeting.attendees),
        agenda=[
            AgendaEntry(item.title, item.prompt, item.notes, item.decisions)
            for item in meeting.agenda_items
        ],
        actions=[_action(a) for a in core.actions_of(cycle, meeting=meeting)],
        carried=[_action(a) for a in core.carried_actions(meeting)],
        product=PRODUCTS[number](cycle, viewer),
    )


# --- infographic -------------------------------------------------------------------------


def gather_infographic(cycle: Cycle, *, word_chart: bool = True) -> InfographicData:
    """For the team and parents: numbers, themes, goals, experiments. No personal data: no
    codes of respondents, no quotes, no names. ``word_chart=False`` leaves out the chart for
    Word (the picture draws its own)."""
    school = cycle.school
    coded, held = analysis.load(cycle)
    groups = Counter(interview.group for interview in held)
    themes = coding.themes_of(cycle)
    counts = _theme_counts(themes, analysis.frequencies(coded))
    top = sorted(((t.name, counts[t.id]) for t in themes if counts[t.id] > 0), key=lambda x: -x[1])[
        :TOP_THEMES
    ]
    labels = _group_labels()
    if held:
        did = _(
            "The working group against bullying talked with %(n)d people this year: "
            "%(parents)d parents, %(teachers)d teachers and %(pupils)d pupils. Thank you all. "
            "Here is what came back most, and what we will work on.",
            n=len(held),
            parents=groups["parent"],
            teachers=groups["teacher"],
            pupils=groups["pupil"],
        )
    else:
        did = _("The working group is preparing its talks with parents, teachers and pupils.")
    chart = None
    if top and word_chart:
        chart = figure_of(
            bar_chart(
                _("The themes that came back most"), top, _("times mentioned"), colour_of(school)
            ),  # fmt: skip
            width_cm=14.0,
        )
    return InfographicData(
        brand=brand_of(school),
        labels=texts.translated(texts.INFOGRAPHIC),
        title=_("What we heard, and what we will do"),
        subtitle=" · ".join([_group_title(school), school.name, cycle.label]),
        did_text=did,
        numbers=[(labels[g.value], groups[g.value]) for g in RespondentGroup],
        themes=top,
        chart=chart,
        goals=[goal.text for goal in coding.focus_goals(cycle)],
        experiments=[title for hook in EXPERIMENT_TITLES for title in hook(cycle)],
        footer=_(
            "This summary holds no names and no quotes. Print it or use it in the newsletter."
        ),
    )


# --- codebook and quotes -----------------------------------------------------------------


def gather_codebook(cycle: Cycle) -> CodebookData:
    coded, _held = analysis.load(cycle)
    frequencies = analysis.frequencies(coded)
    themes = coding.themes_of(cycle)

    def rows(codes) -> list[list[str]]:
        return [
            [c.name, c.description or "–", str(frequencies.get(c.id, Counter())["all"])]
            for c in codes
        ]

    sections = [CodebookSection(t.name, t.description, rows(t.codes)) for t in themes]
    loose = [c for c in coding.codes_of(cycle) if c.theme_id is None]
    if loose:
        sections.append(CodebookSection(_("Codes without a theme"), "", rows(loose)))
    return CodebookData(
        brand=brand_of(cycle.school),
        labels=texts.translated(texts.CODEBOOK),
        title=_("Codebook %(label)s", label=cycle.label),
        intro=_(
            "Codes are labels for passages in the write-outs; themes group codes that belong "
            "together. Agree together when to use each code."
        ),
        header=[_("Code"), _("When to use it"), _("Coded passages")],
        sections=sections,
    )


def gather_theme_quotes(cycle: Cycle, theme: Theme) -> ThemeQuotesData:
    coded, _held = analysis.load(cycle)
    codes = coding.codes_of(cycle)
    return ThemeQuotesData(
        brand=brand_of(cycle.school),
        labels=texts.translated(texts.CODEBOOK),
        title=_("Telling quotes: %(theme)s", theme=theme.name),
        description=theme.description,
        note=str(texts.MEETING["quotes_note"]),
        quotes=_quotes(coded, codes).get(theme.id, []),
    )


# --- exports -----------------------------------------------------------------------------


def _coded_fragments(cycle: Cycle) -> list[tuple[Fragment, Respondent]]:
    """Every placed fragment of the year's write-outs, by respondent and position."""
    return [
        (fragment, respondent)
        for fragment, respondent in db.session.execute(
            select(Fragment, Respondent)
            .join(Transcript, Fragment.transcript_id == Transcript.id)
            .join(Respondent, Transcript.respondent_id == Respondent.id)
            .where(Respondent.cycle_id == cycle.id, Fragment.needs_review.is_(False))
            .options(
                selectinload(Fragment.codes).selectinload(Code.theme),
                selectinload(Respondent.consents),
            )
            .order_by(Respondent.number, Fragment.start_offset, Fragment.id)
        )
    ]


def _coders(fragments) -> dict[int, str]:
    """User id -> "coder 1", "coder 2": the exports never name anyone."""
    ids = sorted({f.coded_by_id for f, _r in fragments if f.coded_by_id is not None})
    return {user_id: _("coder %(n)d", n=number) for number, user_id in enumerate(ids, start=1)}


def coding_rows(cycle: Cycle) -> list[CodingRow]:
    fragments = _coded_fragments(cycle)
    coders = _coders(fragments)
    return [
        CodingRow(
            respondent=respondent.code,
            group=respondent.group.label,
            code=code.name,
            theme=code.theme.name if code.theme else "",
            passage=fragment.text,
            memo=fragment.memo,
            is_quote=fragment.is_quote,
            may_quote=respondent.may_quote,
            coder=coders.get(fragment.coded_by_id, ""),
        )
        for fragment, respondent in fragments
        for code in fragment.codes
    ]


def coding_header() -> list[str]:
    return [str(label) for label in texts.CODINGS_HEADER]


def guid(cycle: Cycle, kind: str, object_id) -> str:
    """A stable id: the same object gives the same id in every export of the year."""
    return str(uuid5(QDA_NAMESPACE, f"{cycle.school_id}/{cycle.id}/{kind}/{object_id}"))


def qda_codes(cycle: Cycle) -> tuple[QdaCode, ...]:
    """Themes as codes that are not codable themselves, their codes nested under them; codes
    without a theme at the top."""

    def entry(code: Code) -> QdaCode:
        return QdaCode(guid(cycle, "code", code.id), code.name, code.colour, code.description)

    result = [
        QdaCode(
            guid(cycle, "theme", theme.id),
            theme.name,
            "",
            theme.description,
            is_codable=False,
            children=tuple(entry(code) for code in theme.codes),
        )
        for theme in coding.themes_of(cycle)
    ]
    result += [entry(code) for code in coding.codes_of(cycle) if code.theme_id is None]
    return tuple(result)


def _stamp(moment) -> str:
    return moment.replace(microsecond=0).isoformat() + "Z" if moment else ""


def qda_project(cycle: Cycle) -> QdaProject:
    """The coded project: every write-out that exists (withdrawn ones are gone) with its coded
    passages, and the coders as "coder 1", "coder 2"."""
    fragments = _coded_fragments(cycle)
    coders = _coders(fragments)
    per_transcript: dict[int, list[Fragment]] = {}
    for fragment, _respondent in fragments:
        per_transcript.setdefault(fragment.transcript_id, []).append(fragment)
    sources = []
    for respondent, transcript, _count in coding.coded_transcripts(cycle):
        body = transcript.body
        selections = tuple(
            QdaSelection(
                guid=guid(cycle, "fragment", f.id),
                start=f.start_offset,
                end=f.end_offset,
                codings=tuple(
                    (guid(cycle, f"coding-{f.id}", code.id), guid(cycle, "code", code.id))
                    for code in f.codes
                ),
                memo=f.memo,
                user=guid(cycle, "user", f.coded_by_id) if f.coded_by_id in coders else "",
                created=_stamp(f.created_at),
            )
            for f in per_transcript.get(transcript.id, [])
            if 0 <= f.start_offset < f.end_offset <= len(body)
        )
        sources.append(
            QdaSource(
                guid=guid(cycle, "transcript", transcript.id),
                name=respondent.code,
                text=body,
                description=respondent.group.label,
                created=_stamp(transcript.created_at),
                selections=selections,
            )
        )
    return QdaProject(
        name=f"{cycle.school.name} {cycle.label}",
        codes=qda_codes(cycle),
        users=tuple((guid(cycle, "user", user_id), name) for user_id, name in coders.items()),
        sources=tuple(sources),
        description=_(
            "Write-outs of the interviews, pseudonymised, with the working group's coding."
        ),
    )
