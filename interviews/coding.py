"""DENKEN services: the codebook, coding write-outs, re-anchoring after edits, and the focus
of meeting 4. No request or response objects: functions flush, the view commits once.

Offsets are character positions in the stored plain text of a write-out. Write-outs are stored
pseudonymised (names on the chair's list are replaced on every save and when the list grows),
so coders only ever see the pseudonymised text.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import selectinload

from app import db
from interviews.models import (
    Code,
    Fragment,
    Respondent,
    Solution,
    Theme,
    Transcript,
    fragment_codes,
    goal_themes,
)
from workgroup.models import Cycle, DomainError, Goal, GoalSource, Role, User, WorkgroupMember

COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
MAX_FRAGMENT_CHARS = 5_000
MAX_CSV_BYTES = 200_000

#: The codes every year starts with, in our own words; the group may change them.
STARTER_CODES = (
    (
        _l("Positive experience"),
        _l("Something in the cooperation between parents and school that went well or helped."),
        "#8fd18b",
    ),
    (
        _l("Negative experience"),
        _l("Something that went wrong, hurt, or left someone on their own."),
        "#f2a7a7",
    ),
    (
        _l("Bottleneck"),
        _l("What gets in the way, again and again: a habit, a rule, a missing step."),
        "#f6c344",
    ),
    (
        _l("Success factor"),
        _l("What made it work and could work again elsewhere."),
        "#9cc7f0",
    ),
)


MAX_ID = 2**31 - 1


def _valid_id(value) -> bool:
    """Ids from a form that a database integer can hold; others match nothing."""
    return isinstance(value, int) and 0 < value <= MAX_ID


# --- who codes ---------------------------------------------------------------------------


def is_coder(cycle: Cycle, user: User, role: Role) -> bool:
    """The chair codes; so do members the chair marked as coders this year."""
    if role is Role.chair:
        return True
    if role is not Role.member:
        return False
    return bool(
        db.session.scalar(
            select(WorkgroupMember.id).where(
                WorkgroupMember.cycle_id == cycle.id,
                WorkgroupMember.user_id == user.id,
                WorkgroupMember.is_coder.is_(True),
            )
        )
    )


def set_coder(member: WorkgroupMember, is_coder_: bool) -> None:
    member.is_coder = is_coder_
    db.session.flush()


# --- codebook ----------------------------------------------------------------------------


def add_starter_codes(cycle: Cycle, by: User | None = None) -> None:
    """Give a new year the starter codes (registered with the core's year start)."""
    for position, (name, description, colour) in enumerate(STARTER_CODES):
        db.session.add(
            Code(
                cycle_id=cycle.id,
                name=str(name),
                description=str(description),
                colour=colour,
                position=position,
            )
        )
    db.session.flush()


def codes_of(cycle: Cycle, with_themes: bool = True) -> list[Code]:
    query = select(Code).where(Code.cycle_id == cycle.id).order_by(Code.position, Code.id)
    if with_themes:
        query = query.options(selectinload(Code.theme))
    return list(db.session.scalars(query))


def themes_of(cycle: Cycle) -> list[Theme]:
    return list(
        db.session.scalars(
            select(Theme)
            .where(Theme.cycle_id == cycle.id)
            .options(selectinload(Theme.codes))
            .order_by(Theme.position, Theme.id)
        )
    )


def get_code(cycle: Cycle, code_id: int) -> Code | None:
    if not _valid_id(code_id):
        return None
    return db.session.scalar(select(Code).where(Code.id == code_id, Code.cycle_id == cycle.id))


def get_theme(cycle: Cycle, theme_id: int) -> Theme | None:
    if not _valid_id(theme_id):
        return None
    return db.session.scalar(select(Theme).where(Theme.id == theme_id, Theme.cycle_id == cycle.id))


def _check_name(cycle: Cycle, model, name: str, own_id: int | None = None) -> str:
    name = name.strip()
    if not name:
        raise DomainError(_("Give it a name."))
    same = or_(model.name == name, func.lower(model.name) == name.lower())
    query = select(model.id).where(model.cycle_id == cycle.id, same)
    if own_id is not None:
        query = query.where(model.id != own_id)
    clash = db.session.scalar(query)
    if clash:
        raise DomainError(_("“%(name)s” exists already; choose another name.", name=name))
    return name


def _check_theme(cycle: Cycle, theme_id: int | None) -> int | None:
    if theme_id and get_theme(cycle, theme_id) is None:
        raise DomainError(_("Choose a theme of this year."))
    return theme_id or None


def save_code(
    cycle: Cycle,
    *,
    name: str,
    description: str,
    colour: str,
    theme_id: int | None,
    code: Code | None = None,
) -> Code:
    """Add a code, or rename, recolour, describe or move an existing one."""
    name = _check_name(cycle, Code, name, code.id if code else None)
    if not COLOUR.fullmatch(colour or ""):
        raise DomainError(_("Choose a colour such as #f6c344."))
    theme_id = _check_theme(cycle, theme_id)
    if code is None:
        highest = db.session.scalar(
            select(func.max(Code.position)).where(Code.cycle_id == cycle.id)
        )
        code = Code(cycle_id=cycle.id, position=(highest or 0) + 1)
        db.session.add(code)
    code.name, code.description, code.colour = name, description.strip(), colour.lower()
    code.theme_id = theme_id
    db.session.flush()
    return code


def save_theme(cycle: Cycle, *, name: str, description: str, theme: Theme | None = None) -> Theme:
    name = _check_name(cycle, Theme, name, theme.id if theme else None)
    if theme is None:
        highest = db.session.scalar(
            select(func.max(Theme.position)).where(Theme.cycle_id == cycle.id)
        )
        theme = Theme(cycle_id=cycle.id, position=(highest or 0) + 1)
        db.session.add(theme)
    theme.name, theme.description = name, description.strip()
    db.session.flush()
    return theme


def delete_theme(theme: Theme) -> None:
    """Its codes stay, without a theme."""
    db.session.delete(theme)
    db.session.flush()


def fragment_count(code: Code) -> int:
    return db.session.scalar(
        select(func.count()).select_from(fragment_codes).where(fragment_codes.c.code_id == code.id)
    )


def fragment_counts(cycle: Cycle) -> dict[int, int]:
    """How many fragments carry each code of the year, in one query (codes on none: 0)."""
    rows = db.session.execute(
        select(Code.id, func.count(fragment_codes.c.fragment_id))
        .outerjoin(fragment_codes, fragment_codes.c.code_id == Code.id)
        .where(Code.cycle_id == cycle.id)
        .group_by(Code.id)
    )
    return dict(rows.all())


def orphans_if_deleted(code: Code) -> int:
    """How many fragments carry only this code (and would go with it)."""
    others = (
        select(fragment_codes.c.fragment_id)
        .where(fragment_codes.c.code_id != code.id)
        .scalar_subquery()
    )
    return db.session.scalar(
        select(func.count())
        .select_from(fragment_codes)
        .where(fragment_codes.c.code_id == code.id, fragment_codes.c.fragment_id.not_in(others))
    )


def delete_code(code: Code) -> tuple[int, int]:
    """Delete a code. Fragments that carried only this code are deleted with it; the others
    keep their other codes. Returns (fragments that had it, fragments deleted)."""
    had, alone = fragment_count(code), orphans_if_deleted(code)
    others = select(fragment_codes.c.fragment_id).where(fragment_codes.c.code_id != code.id)
    lonely = select(fragment_codes.c.fragment_id).where(
        fragment_codes.c.code_id == code.id, fragment_codes.c.fragment_id.not_in(others)
    )
    db.session.execute(delete(Fragment).where(Fragment.id.in_(lonely)))
    db.session.delete(code)
    db.session.flush()
    db.session.expire_all()
    return had, alone


def merge_codes(source: Code, target: Code) -> int:
    """Move every fragment of ``source`` to ``target`` and delete ``source``. Returns how many
    fragments moved (those that had both keep one)."""
    if source.id == target.id:
        raise DomainError(_("Choose two different codes to merge."))
    if source.cycle_id != target.cycle_id:
        raise DomainError(_("Choose a code of this year."))
    moved = fragment_count(source)
    both = select(fragment_codes.c.fragment_id).where(fragment_codes.c.code_id == target.id)
    db.session.execute(
        delete(fragment_codes).where(
            fragment_codes.c.code_id == source.id, fragment_codes.c.fragment_id.in_(both)
        )
    )
    db.session.execute(
        fragment_codes.update()
        .where(fragment_codes.c.code_id == source.id)
        .values(code_id=target.id)
    )
    db.session.delete(source)
    db.session.flush()
    db.session.expire_all()
    return moved


CSV_COLUMNS = ("theme", "code", "description", "colour")


def export_codebook_csv(cycle: Cycle) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for code in codes_of(cycle):
        writer.writerow(
            [_csv_safe(code.theme.name if code.theme else ""), _csv_safe(code.name),
             _csv_safe(code.description), code.colour]
        )  # fmt: skip
    return buffer.getvalue()


FORMULA_START = ("=", "+", "-", "@")


def _csv_safe(value: str) -> str:
    """Spreadsheets run cells that start with = + - @ as formulas: defuse them with an
    apostrophe (also when apostrophes precede one, so ``_csv_unsafe`` undoes it exactly)."""
    return "'" + value if value.lstrip("'")[:1] in FORMULA_START else value


def _csv_unsafe(value: str) -> str:
    """Undo ``_csv_safe``: only the apostrophe before a formula character goes, so a name
    such as "'t Schoolplein" or "'s ochtends" keeps its own."""
    return value[1:] if value[:1] == "'" and value.lstrip("'")[:1] in FORMULA_START else value


def import_codebook_csv(cycle: Cycle, data: bytes) -> tuple[int, int]:
    """Add the codes and themes of a CSV (columns theme, code, description, colour) that do not
    exist yet; existing codes get the description and theme of the file. All or nothing."""
    if len(data) > MAX_CSV_BYTES:
        raise DomainError(_("This file is too large for a codebook."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DomainError(_("Save the codebook as CSV in UTF-8 and try again.")) from error
    rows = list(csv.DictReader(io.StringIO(text.replace("\x00", ""))))
    if not rows or "code" not in rows[0]:
        raise DomainError(_("The file needs the columns theme, code, description and colour."))
    themes = {t.name.lower(): t for t in themes_of(cycle)}
    codes = {c.name.lower(): c for c in codes_of(cycle)}
    added = updated = 0
    for number, row in enumerate(rows, start=2):
        name = _csv_unsafe((row.get("code") or "").strip())
        if not name:
            continue
        if len(name) > 80:
            raise DomainError(_("Line %(n)d: a code name has at most 80 characters.", n=number))
        theme_name = _csv_unsafe((row.get("theme") or "").strip())
        theme = None
        if theme_name:
            theme = themes.get(theme_name.lower())
            if theme is None:
                theme = save_theme(cycle, name=theme_name[:80], description="")
                themes[theme_name.lower()] = theme
        colour = (row.get("colour") or "").strip() or "#f6c344"
        if not COLOUR.fullmatch(colour):
            raise DomainError(_("Line %(n)d: the colour must look like #f6c344.", n=number))
        description = _csv_unsafe((row.get("description") or "").strip())
        existing = codes.get(name.lower())
        codes[name.lower()] = save_code(
            cycle,
            name=name,
            description=description,
            colour=colour,
            theme_id=theme.id if theme else None,
            code=existing,
        )
        added, updated = (added, updated + 1) if existing else (added + 1, updated)
    return added, updated


# --- fragments ---------------------------------------------------------------------------


def fragments_of(transcript: Transcript) -> list[Fragment]:
    return list(
        db.session.scalars(
            select(Fragment)
            .where(Fragment.transcript_id == transcript.id)
            .options(selectinload(Fragment.codes), selectinload(Fragment.coded_by))
            .order_by(Fragment.start_offset, Fragment.id)
        )
    )


@dataclass(frozen=True)
class Placed:
    """Where a fragment lies and its codes, without the ORM object: what highlighting and the
    counts need (``segments`` takes these as well as fragments)."""

    id: int
    start_offset: int
    end_offset: int
    needs_review: bool
    codes: tuple[Code, ...]


def placed_fragments(
    transcript: Transcript, codes: list[Code], within: tuple[int, int] | None = None
) -> list[Placed]:
    """The write-out's fragments as ``Placed``, ordered like ``fragments_of``, in one plain
    query; ``codes`` are the year's codes (``codes_of``). For the answer to coding, which
    runs on every passage coded: a quarter of the time of loading the fragments. ``within``
    (start, end): only the fragments that overlap that stretch of the text."""
    by_id = {code.id: code for code in codes}
    rank = {code.id: number for number, code in enumerate(codes)}  # codes_of's order
    where = [Fragment.transcript_id == transcript.id]
    if within is not None:
        where += [Fragment.start_offset < within[1], Fragment.end_offset > within[0]]
    rows = db.session.execute(
        select(
            Fragment.id,
            Fragment.start_offset,
            Fragment.end_offset,
            Fragment.needs_review,
            fragment_codes.c.code_id,
        )
        .outerjoin(fragment_codes, fragment_codes.c.fragment_id == Fragment.id)
        .where(*where)
        .order_by(Fragment.start_offset, Fragment.id)
    )
    placed: list[Placed] = []
    for fragment_id, start, end, needs_review, code_id in rows:
        if not placed or placed[-1].id != fragment_id:
            placed.append(Placed(fragment_id, start, end, needs_review, ()))
        if code_id in by_id:
            last = placed[-1]
            codes_on = sorted((*last.codes, by_id[code_id]), key=lambda c: rank[c.id])
            placed[-1] = Placed(last.id, start, end, needs_review, tuple(codes_on))
    return placed


def code_counts(transcript: Transcript) -> tuple[dict[int, int], int]:
    """How often each code lies on the write-out, and how many fragments are placed (not
    waiting for review): two counts in the database instead of loading every fragment."""
    per_code = db.session.execute(
        select(fragment_codes.c.code_id, func.count())
        .join(Fragment, Fragment.id == fragment_codes.c.fragment_id)
        .where(Fragment.transcript_id == transcript.id)
        .group_by(fragment_codes.c.code_id)
    )
    placed = db.session.scalar(
        select(func.count())
        .select_from(Fragment)
        .where(Fragment.transcript_id == transcript.id, Fragment.needs_review.is_(False))
    )
    return dict(per_code.all()), placed or 0


def get_fragment(transcript: Transcript, fragment_id: int) -> Fragment | None:
    return db.session.scalar(
        select(Fragment).where(Fragment.id == fragment_id, Fragment.transcript_id == transcript.id)
    )


def _codes_by_id(
    cycle: Cycle, code_ids: list[int], codebook: list[Code] | None = None
) -> list[Code]:
    if not code_ids:
        raise DomainError(_("Choose at least one code."))
    if not all(_valid_id(i) for i in code_ids):
        raise DomainError(_("Choose codes of this year's codebook."))
    if codebook is not None:  # the year's codes, already loaded by the caller
        wanted = set(code_ids)
        codes = [code for code in codebook if code.id in wanted and code.cycle_id == cycle.id]
    else:
        codes = list(
            db.session.scalars(select(Code).where(Code.cycle_id == cycle.id, Code.id.in_(code_ids)))
        )
    if len(codes) != len(set(code_ids)):
        raise DomainError(_("Choose codes of this year's codebook."))
    return codes


def trim(body: str, start: int, end: int) -> tuple[int, int]:
    """Offsets without the white space at either end of the selection."""
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    return start, end


def code_passage(
    transcript: Transcript,
    cycle: Cycle,
    by: User,
    *,
    start: int,
    end: int,
    code_ids: list[int],
    memo: str = "",
    is_quote: bool = False,
    codebook: list[Code] | None = None,
) -> Fragment:
    """Code the passage ``body[start:end]`` with one or more codes (``codebook``: the year's
    codes if the caller has them loaded already)."""
    body = transcript.body
    if not (0 <= start < end <= len(body)):
        raise DomainError(_("Select a passage of the write-out first."))
    start, end = trim(body, start, end)
    if start == end:
        raise DomainError(_("Select a passage of the write-out first."))
    if end - start > MAX_FRAGMENT_CHARS:
        raise DomainError(_("Select a shorter passage (at most 5,000 characters)."))
    codes = _codes_by_id(cycle, code_ids, codebook)
    fragment = Fragment(
        transcript_id=transcript.id,
        start_offset=start,
        end_offset=end,
        text=body[start:end],
        memo=memo.strip(),
        is_quote=is_quote,
        coded_by_id=by.id,
        codes=codes,
    )
    db.session.add(fragment)
    db.session.flush()
    return fragment


def recode_fragment(
    fragment: Fragment, cycle: Cycle, *, code_ids: list[int], memo: str, is_quote: bool
) -> None:
    fragment.codes = _codes_by_id(cycle, code_ids)
    fragment.memo = memo.strip()
    fragment.is_quote = is_quote
    db.session.flush()


def remove_fragment(fragment: Fragment) -> None:
    db.session.delete(fragment)
    db.session.flush()


@dataclass(frozen=True)
class Segment:
    """A run of the write-out between two fragment boundaries, with the fragments over it."""

    start: int
    text: str
    fragments: tuple[Fragment, ...]

    @property
    def code_id(self) -> int | None:
        """The code whose colour the segment is highlighted in: the first code of the first
        fragment over it that has one."""
        for fragment in self.fragments:
            if fragment.codes:
                return fragment.codes[0].id
        return None

    @property
    def code_names(self) -> str:
        names = dict.fromkeys(c.name for f in self.fragments for c in f.codes)
        return ", ".join(names)


def segments(body: str, fragments: list[Fragment], also_at: Iterable[int] = ()) -> list[Segment]:
    """Split the write-out at every fragment boundary (and at ``also_at``), for highlighting
    (one sweep)."""
    placed = sorted(
        (f for f in fragments if not f.needs_review and f.end_offset <= len(body)),
        key=lambda f: (f.start_offset, f.id or 0),
    )
    cuts = sorted(
        {0, len(body)}
        | {f.start_offset for f in placed}
        | {f.end_offset for f in placed}
        | {at for at in also_at if 0 < at < len(body)}
    )
    result, active, waiting = [], [], list(placed)
    waiting.reverse()  # pop() takes the next fragment to start
    for start, end in zip(cuts, cuts[1:], strict=False):
        active = [f for f in active if f.end_offset > start]
        while waiting and waiting[-1].start_offset <= start:
            fragment = waiting.pop()
            if fragment.end_offset > start:
                active.append(fragment)
        result.append(Segment(start, body[start:end], tuple(active)))
    return result


@dataclass(frozen=True)
class Line:
    """A line of the write-out with its line breaks, split into segments: what the coding page
    redraws after a passage is coded, so the answer carries a line or two, not the whole text."""

    start: int
    end: int
    segments: tuple[Segment, ...]

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end


LINE = re.compile(r"[^\n]*\n*")


def line_spans(body: str) -> list[tuple[int, int]]:
    """(start, end) of every line of the write-out, its line breaks included."""
    return [(m.start(), m.end()) for m in LINE.finditer(body) if m.end() > m.start()]


def lines_around(body: str, start: int, end: int) -> tuple[int, int]:
    """The stretch of whole lines that holds ``body[start:end]``."""
    spans = [s for s in line_spans(body) if s[0] < end and start < s[1]]
    return (spans[0][0], spans[-1][1]) if spans else (start, end)


def lines(
    body: str, fragments: list[Fragment], within: tuple[int, int] | None = None
) -> list[Line]:
    """The write-out as lines of segments: ``segments`` cut at every line start as well, so
    each segment lies within one line. Together they hold the text exactly. ``within``:
    only the lines that overlap that stretch."""
    spans = line_spans(body)
    parts = iter(segments(body, fragments, also_at=(start for start, _ in spans)))
    result, segment = [], next(parts, None)
    for start, end in spans:
        run = []
        while segment is not None and segment.start < end:
            run.append(segment)
            segment = next(parts, None)
        result.append(Line(start, end, tuple(run)))
    if within is not None:
        result = [line for line in result if line.overlaps(*within)]
    return result


SENTENCE = re.compile(r"[^.!?\n]+[.!?]*[\"”’')]*|\n+")


def sentences(body: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence, white space trimmed; for keyboard coding and kappa."""
    spans = []
    for match in SENTENCE.finditer(body):
        start, end = trim(body, match.start(), match.end())
        if end > start:
            spans.append((start, end))
    return spans


# --- re-anchoring after an edit ----------------------------------------------------------


def reanchor(fragments: list[Fragment], old: str, new: str) -> list[Fragment]:
    """Move every fragment to where its passage stands in the edited text. A passage that can
    no longer be found is marked for review, never dropped. Returns those marked."""
    if old == new:
        return []
    prefix = 0
    limit = min(len(old), len(new))
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    old_edit_end = len(old) - suffix
    shift = len(new) - len(old)
    lost = []
    for fragment in fragments:
        if fragment.end_offset <= prefix:
            start, end = fragment.start_offset, fragment.end_offset
        elif fragment.start_offset >= old_edit_end:
            start, end = fragment.start_offset + shift, fragment.end_offset + shift
        else:
            start, end = _nearest(new, fragment.text, fragment.start_offset)
        if start is None or new[start:end] != fragment.text:
            start, end = _nearest(new, fragment.text, fragment.start_offset)
        if start is None:
            fragment.needs_review = True
            lost.append(fragment)
            continue
        fragment.start_offset, fragment.end_offset = start, end
        fragment.needs_review = False
    return lost


def _nearest(body: str, text: str, around: int) -> tuple[int | None, int | None]:
    """The occurrence of ``text`` in ``body`` nearest to position ``around``."""
    if not text:
        return None, None
    best = None
    position = body.find(text)
    while position != -1:
        if best is None or abs(position - around) < abs(best - around):
            best = position
        position = body.find(text, position + 1)
    return (best, best + len(text)) if best is not None else (None, None)


# --- focus and goals (meeting 4) ---------------------------------------------------------


def set_focus(cycle: Cycle, theme_ids: set[int]) -> None:
    for theme in themes_of(cycle):
        theme.is_focus = theme.id in theme_ids
    db.session.flush()


def focus_goals(cycle: Cycle) -> list[Goal]:
    return list(
        db.session.scalars(
            select(Goal)
            .where(Goal.cycle_id == cycle.id, Goal.source == GoalSource.focus)
            .order_by(Goal.position, Goal.id)
        )
    )


def goal_theme_ids(goal: Goal) -> set[int]:
    return set(
        db.session.scalars(select(goal_themes.c.theme_id).where(goal_themes.c.goal_id == goal.id))
    )


def goal_theme_map(cycle: Cycle) -> dict[int, set[int]]:
    """For every goal of the year: the ids of the themes behind it, in one query."""
    result: dict[int, set[int]] = {}
    rows = db.session.execute(
        select(goal_themes.c.goal_id, goal_themes.c.theme_id)
        .join(Goal, Goal.id == goal_themes.c.goal_id)
        .where(Goal.cycle_id == cycle.id)
    )
    for goal_id, theme_id in rows:
        result.setdefault(goal_id, set()).add(theme_id)
    return result


def usable_quotes(cycle: Cycle) -> list[Fragment]:
    """Telling quotes whose respondent's consent covers quotes, oldest interview first."""
    fragments = db.session.scalars(
        select(Fragment)
        .join(Transcript, Transcript.id == Fragment.transcript_id)
        .join(Respondent, Respondent.id == Transcript.respondent_id)
        .where(
            Respondent.cycle_id == cycle.id,
            Fragment.is_quote.is_(True),
            Fragment.needs_review.is_(False),
        )
        .options(
            selectinload(Fragment.codes),
            selectinload(Fragment.transcript)
            .selectinload(Transcript.respondent)
            .selectinload(Respondent.consents),
        )
        .order_by(Respondent.number, Fragment.start_offset, Fragment.id)
    )
    return [f for f in fragments if f.transcript.respondent.may_quote]


def save_focus_goal(
    cycle: Cycle,
    *,
    text: str,
    theme_ids: list[int],
    parent_id: int | None,
    goal: Goal | None = None,
) -> Goal:
    """A goal of the focus, linked to one or more themes and, where it fits, a startfoto goal."""
    text = text.strip()
    if not text:
        raise DomainError(_("Write the goal as one short sentence."))
    if not theme_ids:
        raise DomainError(_("Link the goal to at least one theme."))
    valid = {t.id for t in themes_of(cycle)}
    if not set(theme_ids) <= valid:
        raise DomainError(_("Choose themes of this year."))
    if parent_id:
        parent = db.session.get(Goal, parent_id) if _valid_id(parent_id) else None
        if (
            parent is None
            or parent.cycle_id != cycle.id
            or parent.source is not GoalSource.startfoto
        ):
            raise DomainError(_("Choose one of the startfoto's goals."))
    if goal is None:
        goal = Goal(cycle_id=cycle.id, source=GoalSource.focus, position=len(focus_goals(cycle)))
        db.session.add(goal)
    goal.text = text[:200]
    goal.parent_id = parent_id or None
    db.session.flush()
    db.session.execute(delete(goal_themes).where(goal_themes.c.goal_id == goal.id))
    db.session.execute(
        goal_themes.insert(), [{"goal_id": goal.id, "theme_id": t} for t in set(theme_ids)]
    )
    db.session.flush()
    return goal


def get_focus_goal(cycle: Cycle, goal_id: int) -> Goal | None:
    return db.session.scalar(
        select(Goal).where(
            Goal.id == goal_id, Goal.cycle_id == cycle.id, Goal.source == GoalSource.focus
        )
    )


def delete_focus_goal(goal: Goal) -> None:
    db.session.delete(goal)
    db.session.flush()


def solutions_of(goal: Goal) -> list[Solution]:
    return list(
        db.session.scalars(
            select(Solution).where(Solution.goal_id == goal.id).order_by(Solution.position)
        )
    )


def add_solution(goal: Goal, text: str, needs: str) -> Solution:
    text = text.strip()
    if not text:
        raise DomainError(_("Describe the activity or solution."))
    solution = Solution(
        goal_id=goal.id, text=text[:300], needs=needs.strip(), position=len(solutions_of(goal))
    )
    db.session.add(solution)
    db.session.flush()
    return solution


def get_solution(goal: Goal, solution_id: int) -> Solution | None:
    return db.session.scalar(
        select(Solution).where(Solution.id == solution_id, Solution.goal_id == goal.id)
    )


def delete_solution(solution: Solution) -> None:
    db.session.delete(solution)
    db.session.flush()


def coded_transcripts(cycle: Cycle) -> list[tuple[Respondent, Transcript, int]]:
    """Every write-out of the year with its respondent and number of fragments."""
    rows = db.session.execute(
        select(Respondent, Transcript, func.count(Fragment.id))
        .join(Transcript, Transcript.respondent_id == Respondent.id)
        .outerjoin(Fragment, Fragment.transcript_id == Transcript.id)
        .where(Respondent.cycle_id == cycle.id)
        .group_by(Respondent.id, Transcript.id)
        .order_by(Respondent.number)
    ).all()
    return [(r, t, n) for r, t, n in rows]
