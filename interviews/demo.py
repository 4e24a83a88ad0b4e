"""The demo school's LUISTEREN and DENKEN: a guide, a consent text, twelve respondents by code,
ten write-outs of our own writing (no real people), and the group's coding of them up to the
focus of meeting 4. Registered with ``workgroup.demo`` below."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from app import db
from interviews import coding, services
from interviews import demo_coding as book
from interviews.demo_data import CONSENT_TEXT, GUIDE, RESPONDENTS
from interviews.models import (
    Bouw,
    BullyingRelation,
    ConsentMethod,
    Respondent,
    RespondentGroup,
    Transcript,
)
from workgroup import demo as core_demo
from workgroup.models import Cycle, Function, Role, User, WorkgroupMember
from workgroup.services import startfoto_goals

PSEUDONYMS = (
    ("De Regenboog", "[school]"),
    ("Regenboog", "[school]"),
    ("Juf Ellen", "[leerkracht C]"),
)
#: How many of the write-outs the interviewers have already marked as finished.
WRITTEN_OUT = 8


def seed_interviews(cycle: Cycle, chair: User) -> None:
    members = {
        m.display_name: m
        for m in db.session.scalars(
            select(WorkgroupMember).where(WorkgroupMember.cycle_id == cycle.id)
        )
    }
    services.save_guide(
        cycle,
        chair,
        purpose=GUIDE["purpose"],
        introduction=GUIDE["introduction"],
        closing=GUIDE["closing"],
        questions=[(q["text"], q["prompts"]) for q in GUIDE["questions"]],
        targets={RespondentGroup.parent: 5, RespondentGroup.teacher: 4, RespondentGroup.pupil: 4},
    )
    services.save_consent_text(cycle, CONSENT_TEXT, chair)
    for name, replacement in PSEUDONYMS:
        services.add_pseudonym(cycle, name, replacement, chair)

    start = date(cycle.start_year, 11, 2)
    today = date.today()
    finished = 0
    for spec in RESPONDENTS:
        interviewer = members[spec["interviewer"]]
        held_on = start + timedelta(days=spec["days_after_start"])
        respondent = services.add_respondent(
            cycle,
            chair,
            group=RespondentGroup(spec["group"]),
            bouw=Bouw(spec["bouw"]) if spec["bouw"] else None,
            relation=BullyingRelation(spec["relation"]) if spec["relation"] else None,
            interviewer_id=interviewer.id,
            planned_at=datetime.combine(held_on, time(19, 0)),
        )
        is_pupil = respondent.group is RespondentGroup.pupil
        given_on = min(held_on - timedelta(days=5), today)
        services.record_consent(
            respondent,
            interviewer.user or chair,
            given_on=given_on,
            method=ConsentMethod.signed_form if is_pupil else ConsentMethod.digital,
            allows_transcript=True,
            allows_quotes=spec["quotes_ok"],
            parent_consented=is_pupil,
            pupil_assented=is_pupil,
            today=max(today, given_on),
        )
        if spec["transcript"]:
            services.save_transcript(
                respondent,
                interviewer.user or chair,
                Role.chair,
                body=spec["transcript"],
                base_version=None,
                held_on=min(held_on, today),
            )
            if finished < WRITTEN_OUT:
                services.mark_written_out(respondent, chair, Role.chair)
                finished += 1
    db.session.flush()


# --- DENKEN: the codebook, coded write-outs and the focus, as at meeting 4 ------------------

RULES = {key: re.compile(pattern, re.IGNORECASE) for key, pattern in book.PATTERNS.items()}
SECOND_CODER_RULES = RULES | {
    key: re.compile(pattern, re.IGNORECASE) for key, pattern in book.SECOND_CODER_PATTERNS.items()
}
QUESTION = re.compile(r"^Vraag:.*$", re.MULTILINE)
#: A paragraph heading of a write-out made as a summary per subject ("Tijd.", "2. Contact
#: met ouders."): not something the respondent said.
HEADING = re.compile(r"^(?:\d+\.\s+)?[^\n.!?:]{1,36}\.(?=\s)", re.MULTILINE)
ANSWER = "Antwoord:"


def answer_sentences(body: str) -> list[tuple[int, int]]:
    """The sentences in which the respondent speaks: not the heading lines, the questions, the
    paragraph headings or the interviewer's own note at the end."""
    skip = [(0, body.find("\n\n"))]
    skip += [m.span() for m in QUESTION.finditer(body)]
    if "\n" + ANSWER not in body:
        skip += [m.span() for m in HEADING.finditer(body)]
    notes = body.find("\nEigen notitie")
    stop = notes if notes != -1 else len(body)
    spans = []
    for start, end in coding.sentences(body):
        if start >= stop:
            break
        if any(a <= start < b for a, b in skip):
            continue
        if body.startswith(ANSWER, start):
            start = len(body) - len(body[start + len(ANSWER) :].lstrip())
        if start < end:
            spans.append((start, end))
    return spans


def _last(rule: re.Pattern, text: str) -> int:
    return max((m.start() for m in rule.finditer(text)), default=-1)


def codes_for(text: str, rules: dict[str, re.Pattern]) -> list[str]:
    """The keys of the codes a sentence gets: specific codes first, then a bottleneck or success
    factor, then the experience (whichever of positive and negative is said last, and not a
    positive one on a bottleneck or the other way round); two at most."""
    keys = [key for key in book.SPECIFIC_ORDER if rules[key].search(text)][:2]
    keys += [key for key in book.STARTER_ORDER if rules[key].search(text)][: 2 - len(keys)]
    if len(keys) < 2:
        positive, negative = _last(rules["positief"], text), _last(rules["negatief"], text)
        if positive > negative and "knelpunt" not in keys:
            keys.append("positief")
        elif negative > positive and "succesfactor" not in keys:
            keys.append("negatief")
    return keys


def code_write_out(
    transcript: Transcript,
    cycle: Cycle,
    by: User,
    code_ids: dict[str, int],
    rules: dict[str, re.Pattern],
    quotes: tuple[str, ...] = (),
) -> int:
    """Code every answer sentence that a rule recognises; returns how many fragments."""
    body = transcript.body
    made = 0
    for start, end in answer_sentences(body):
        text = body[start:end]
        keys = codes_for(text, rules)
        if not keys:
            continue
        coding.code_passage(
            transcript,
            cycle,
            by,
            start=start,
            end=end,
            code_ids=[code_ids[key] for key in keys],
            is_quote=any(piece in text for piece in quotes),
        )
        made += 1
    return made


def seed_denken(cycle: Cycle, chair: User) -> None:
    """Meetings 3 and 4: themes and codes, every write-out coded by the chair (one also by the
    teacher member, to compare), two focus themes with goals and solutions."""
    themes = {
        key: coding.save_theme(cycle, name=name, description=description)
        for key, name, description in book.THEMES
    }
    # The starter codes carry the names of the locale the year was started in (the demo's).
    starter = {
        str(name): key
        for (name, _, _), key in zip(coding.STARTER_CODES, book.STARTER_KEYS, strict=True)
    }
    code_ids = {starter[c.name]: c.id for c in coding.codes_of(cycle) if c.name in starter}
    for key, name, description, colour, theme in book.CODES:
        code = coding.save_code(
            cycle, name=name, description=description, colour=colour, theme_id=themes[theme].id
        )
        code_ids[key] = code.id

    respondents = db.session.scalars(
        select(Respondent)
        .join(Transcript, Transcript.respondent_id == Respondent.id)
        .where(Respondent.cycle_id == cycle.id)
        .order_by(Respondent.number)
    ).all()
    for respondent in respondents:
        transcript = respondent.transcript
        quotes = book.QUOTES.get(respondent.number, ())
        code_write_out(transcript, cycle, chair, code_ids, RULES, quotes)
        if respondent.number == book.SECOND_CODER_RESPONDENT and respondent.interviewer:
            second = respondent.interviewer
            coding.set_coder(second, True)
            code_write_out(transcript, cycle, second.user, code_ids, SECOND_CODER_RULES)

    coding.set_focus(cycle, {themes[key].id for key in book.FOCUS_THEMES})
    parents = startfoto_goals(cycle)
    for text, theme_keys, parent, solutions in book.FOCUS_GOALS:
        goal = coding.save_focus_goal(
            cycle,
            text=text,
            theme_ids=[themes[key].id for key in theme_keys],
            parent_id=parents[parent].id if parent is not None and parent < len(parents) else None,
        )
        for solution, needs in solutions:
            coding.add_solution(goal, solution, needs)
    db.session.flush()


#: The large year: write-outs of about this many words, and fragments coded in each.
LARGE_TRANSCRIPTS = 50
LARGE_WORDS = 6_000
LARGE_FRAGMENTS = 48


def seed_large_year(cycle: Cycle, chair: User) -> None:
    """Fifty more long write-outs, each coded about forty times: with the ten of the showroom
    about 60 write-outs and 2,400 fragments, as a busy year would have (``make bench``)."""
    base = [spec["transcript"] for spec in RESPONDENTS if spec["transcript"]]
    names = {c.name: c.id for c in coding.codes_of(cycle)}
    starter = {
        str(name): key
        for (name, _, _), key in zip(coding.STARTER_CODES, book.STARTER_KEYS, strict=True)
    }
    code_ids = {starter[n]: i for n, i in names.items() if n in starter}
    code_ids.update({key: names[name] for key, name, *_ in book.CODES if name in names})
    members = [
        m for m in core_demo_members(cycle) if m.user_id and m.function is not Function.director
    ]
    groups = list(RespondentGroup)
    for index in range(LARGE_TRANSCRIPTS):
        parts, words, turn = [], 0, index
        while words < LARGE_WORDS:
            text = base[turn % len(base)]
            parts.append(text)
            words += len(text.split())
            turn += 3
        interviewer = members[index % len(members)]
        respondent = services.add_respondent(
            cycle, chair, group=groups[index % 3], interviewer_id=interviewer.id
        )
        services.record_consent(
            respondent,
            chair,
            given_on=date(cycle.start_year, 11, 1),
            method=ConsentMethod.digital,
            allows_transcript=True,
            allows_quotes=index % 4 != 0,
            parent_consented=True,
            pupil_assented=True,
            today=date(cycle.start_year, 11, 1),
        )
        transcript = services.save_transcript(
            respondent,
            chair,
            Role.chair,
            body="\n\n".join(parts),
            base_version=None,
            held_on=date(cycle.start_year, 11, 2) + timedelta(days=index % 50),
        )
        spans = [
            (start, end)
            for start, end in answer_sentences(transcript.body)
            if codes_for(transcript.body[start:end], RULES)
        ]
        step = max(1, len(spans) // LARGE_FRAGMENTS)
        for number, (start, end) in enumerate(spans[::step][:LARGE_FRAGMENTS]):
            keys = codes_for(transcript.body[start:end], RULES)
            coding.code_passage(
                transcript,
                cycle,
                chair,
                start=start,
                end=end,
                code_ids=[code_ids[key] for key in keys],
                is_quote=number % 15 == 0,
            )
    db.session.flush()


def core_demo_members(cycle: Cycle) -> list[WorkgroupMember]:
    query = select(WorkgroupMember).where(WorkgroupMember.cycle_id == cycle.id)
    return list(db.session.scalars(query.order_by(WorkgroupMember.id)))


core_demo.DEMO_SEEDERS.append(seed_interviews)
core_demo.DEMO_SEEDERS.append(seed_denken)
core_demo.DEMO_LARGE_SEEDERS.append(seed_large_year)
