"""DENKEN analysis (meeting 3): code frequencies per group, the code × respondent matrix,
co-occurrence, saturation, telling quotes and the agreement of two coders.

The computations are pure functions over small plain records, so they are tested against
hand-computed examples; ``load`` reads those records for one year in two queries.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from itertools import combinations
from typing import NamedTuple

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import case, select
from sqlalchemy.orm import selectinload

from app import db
from interviews.coding import sentences
from interviews.models import (
    Code,
    Fragment,
    Respondent,
    RespondentGroup,
    Transcript,
    fragment_codes,
)
from workgroup.models import Cycle


class Coded(NamedTuple):
    """One coded fragment, as the analysis needs it (a tuple: a year has thousands)."""

    fragment_id: int
    transcript_id: int
    respondent: str  #: the code, such as R07
    group: str
    start: int
    end: int
    codes: frozenset[int]
    coder_id: int | None = None
    is_quote: bool = False
    text: str = ""
    may_quote: bool = False


@dataclass(frozen=True)
class Interview:
    transcript_id: int
    respondent: str
    group: str
    held_on: date | None
    number: int


def load(cycle: Cycle, group: str | None = None) -> tuple[list[Coded], list[Interview]]:
    """The year's coded fragments and interviews, optionally of one respondent group."""
    query = (
        select(Transcript.id, Transcript.held_on, Respondent)
        .join(Respondent, Transcript.respondent_id == Respondent.id)
        .where(Respondent.cycle_id == cycle.id)
        # may_quote reads the consents: in one query, not one per respondent
        .options(selectinload(Respondent.consents))
    )
    if group:
        query = query.where(Respondent.group == RespondentGroup(group))
    interviews, respondents = [], {}
    for transcript_id, held_on, respondent in db.session.execute(query):
        # read once per respondent, not once per fragment
        respondents[transcript_id] = (respondent.code, respondent.group.value, respondent.may_quote)
        interviews.append(
            Interview(
                transcript_id, respondent.code, respondent.group.value, held_on, respondent.number
            )
        )
    if not interviews:
        return [], []
    codes_of = defaultdict(set)
    # thousands of plain rows: straight from the connection, without the ORM's row handling
    connection = db.session.connection()
    rows = connection.execute(
        select(fragment_codes.c.fragment_id, fragment_codes.c.code_id)
        .join(Fragment, Fragment.id == fragment_codes.c.fragment_id)
        .where(Fragment.transcript_id.in_(respondents), Fragment.needs_review.is_(False))
    ).all()  # fetched at once, not row by row
    for fragment_id, code_id in rows:
        codes_of[fragment_id].add(code_id)
    fragments = connection.execute(
        select(
            Fragment.id,
            Fragment.transcript_id,
            Fragment.start_offset,
            Fragment.end_offset,
            Fragment.coded_by_id,
            Fragment.is_quote,
            # the text only of telling quotes: the rest is never shown here
            case((Fragment.is_quote.is_(True), Fragment.text), else_=""),
        ).where(Fragment.transcript_id.in_(respondents), Fragment.needs_review.is_(False))
    ).all()
    coded = []
    for fid, tid, start, end, coder, is_quote, text in fragments:
        code, group_value, may_quote = respondents[tid]
        coded.append(
            Coded(
                fid, tid, code, group_value, start, end,
                frozenset(codes_of[fid]), coder, is_quote, text, may_quote,
            )
        )  # fmt: skip
    return coded, interviews


def frequencies(coded: list[Coded]) -> dict[int, Counter]:
    """Per code: how many fragments carry it, per respondent group (and in ``"all"``)."""
    result: dict[int, Counter] = defaultdict(Counter)
    for fragment in coded:
        for code in fragment.codes:
            result[code][fragment.group] += 1
            result[code]["all"] += 1
    return dict(result)


def matrix(coded: list[Coded]) -> dict[tuple[int, str], int]:
    """(code, respondent) → number of fragments."""
    result: Counter = Counter()
    for fragment in coded:
        for code in fragment.codes:
            result[(code, fragment.respondent)] += 1
    return dict(result)


def cooccurrence(coded: list[Coded]) -> dict[tuple[int, int], int]:
    """(code a, code b), a < b → how many pairs of overlapping fragments (a fragment paired with
    itself included) carry a on one and b on the other."""
    by_transcript = defaultdict(list)
    for fragment in coded:
        by_transcript[fragment.transcript_id].append(fragment)
    result: Counter = Counter()
    for fragments in by_transcript.values():
        fragments.sort(key=lambda f: f.start)
        count = len(fragments)
        for i, first in enumerate(fragments):
            codes, end = first.codes, first.end
            if len(codes) > 1:  # paired with itself
                result.update(combinations(sorted(codes), 2))
            # then with the fragments that start before it ends (no copy of the rest)
            j = i + 1
            while j < count and fragments[j].start < end:
                other = fragments[j].codes
                j += 1
                result.update({(a, b) if a < b else (b, a) for a in codes for b in other if a != b})
    return dict(result)


@dataclass(frozen=True)
class SaturationPoint:
    respondent: str
    new_codes: int
    total_codes: int


def saturation(coded: list[Coded], interviews: list[Interview]) -> list[SaturationPoint]:
    """New codes found per successive interview, in the order the interviews were held."""
    ordered = sorted(interviews, key=lambda i: (i.held_on is None, i.held_on or date.max, i.number))
    codes_in = defaultdict(set)
    for fragment in coded:
        codes_in[fragment.transcript_id] |= fragment.codes
    seen: set[int] = set()
    points = []
    for interview in ordered:
        new = codes_in[interview.transcript_id] - seen
        seen |= new
        points.append(SaturationPoint(interview.respondent, len(new), len(seen)))
    return points


def saturation_reading(points: list[SaturationPoint]) -> str:
    """What the curve says, in plain words."""
    if not points:
        return _("No coded interviews yet.")
    quiet = 0
    for point in reversed(points):
        if point.new_codes:
            break
        quiet += 1
    if len(points) >= 3 and quiet >= 3:
        return _(
            "The last %(n)d interviews brought no new codes: you may be close to saturation. "
            "One or two talks with someone quite different can confirm it.",
            n=quiet,
        )
    last = points[-1].new_codes
    if last:
        return ngettext(
            "The last interview still brought %(num)d new code: keep listening.",
            "The last interview still brought %(num)d new codes: keep listening.",
            last,
        )
    return ngettext(
        "The last interview brought no new codes. After %(num)d quiet interview in a row it is "
        "too early to speak of saturation.",
        "The last %(num)d interviews brought no new codes. Three quiet interviews in a row "
        "suggest saturation.",
        quiet,
    )


def cohen_kappa(first: list[bool], second: list[bool]) -> float | None:
    """Cohen's kappa of two raters' yes/no judgements; None when chance agreement is total
    (both raters said the same thing about everything: nothing to compare)."""
    n = len(first)
    if n == 0 or n != len(second):
        return None
    observed = sum(a == b for a, b in zip(first, second, strict=True)) / n
    p1, p2 = sum(first) / n, sum(second) / n
    expected = p1 * p2 + (1 - p1) * (1 - p2)
    if expected == 1:
        return None
    return (observed - expected) / (1 - expected)


def sentence_labels(body: str, coded: list[Coded], coder_id: int, code_id: int) -> list[bool]:
    """Per sentence: did this coder put this code on a fragment overlapping it?"""
    spans = [(f.start, f.end) for f in coded if f.coder_id == coder_id and code_id in f.codes]
    return [any(s < end and start < e for s, e in spans) for start, end in sentences(body)]


def agreement(body: str, coded: list[Coded], coder_a: int, coder_b: int) -> dict[int, float | None]:
    """Per code either coder used in this write-out: kappa over its sentences."""
    used = set().union(*(f.codes for f in coded if f.coder_id in (coder_a, coder_b)))
    return {
        code: cohen_kappa(
            sentence_labels(body, coded, coder_a, code), sentence_labels(body, coded, coder_b, code)
        )
        for code in sorted(used)
    }


def coders_of(coded: list[Coded]) -> dict[int, set[int]]:
    """transcript id → the ids of the users who coded in it."""
    result = defaultdict(set)
    for fragment in coded:
        if fragment.coder_id is not None:
            result[fragment.transcript_id].add(fragment.coder_id)
    return dict(result)


def double_coded(coded: list[Coded]) -> list[tuple[int, int, int]]:
    """(transcript id, coder a, coder b) for every write-out two people coded."""
    return [
        (tid, a, b)
        for tid, coders in sorted(coders_of(coded).items())
        for a, b in combinations(sorted(coders), 2)
    ]


def kappa_label(kappa: float | None) -> str:
    """The usual reading of a kappa value (Landis and Koch), in plain words."""
    if kappa is None:
        return _("nothing to compare")
    if kappa < 0.2:
        return _("little agreement: talk it through")
    if kappa < 0.4:
        return _("some agreement")
    if kappa < 0.6:
        return _("moderate agreement")
    if kappa < 0.8:
        return _("substantial agreement")
    return _("(almost) the same")


def quotes_by_theme(coded: list[Coded], codes: list[Code]) -> dict[int | None, list[Coded]]:
    """Telling quotes grouped by the theme of their codes (None: codes without a theme)."""
    theme_of = {c.id: c.theme_id for c in codes}
    result = defaultdict(list)
    for fragment in coded:
        if not fragment.is_quote:
            continue
        for theme in sorted({theme_of.get(c) for c in fragment.codes}, key=lambda t: t or 0):
            result[theme].append(fragment)
    return dict(result)
