"""The demo school's LUISTEREN: a guide, a consent text, twelve respondents by code, and ten
write-outs of our own writing (no real people). Registered with ``workgroup.demo`` below."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from app import db
from interviews import services
from interviews.demo_data import CONSENT_TEXT, GUIDE, RESPONDENTS
from interviews.models import Bouw, BullyingRelation, ConsentMethod, RespondentGroup
from workgroup import demo as core_demo
from workgroup.models import Cycle, Role, User, WorkgroupMember

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


core_demo.DEMO_SEEDERS.append(seed_interviews)
