"""The privacy invariants of LUISTEREN as properties: whatever sequence of consents,
withdrawals, saves and reads happens, these hold.

- No transcript exists, and none can be read, without a valid consent to write it out.
- After withdrawal nothing derived from that respondent remains.
- A member never reads a transcript of a respondent they do not interview; the director never
  reads one at all.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app import db
from interviews import services
from interviews.models import ConsentMethod, Respondent, RespondentGroup, Transcript
from workgroup import services as core
from workgroup.models import Role, School, User, WorkgroupMember

SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

OPERATIONS = st.lists(
    st.one_of(
        st.tuples(st.just("consent"), st.booleans(), st.booleans()),
        st.tuples(st.just("withdraw")),
        st.tuples(st.just("save"), st.text(max_size=30)),
        st.tuples(st.just("read")),
    ),
    max_size=12,
)


def _people():
    school = db.session.scalar(db.select(School).where(School.is_demo.is_(True)))
    cycle = core.get_cycle(school, 2026)
    chair = db.session.scalar(db.select(User).where(User.email == "voorzitter@example.nl"))
    samira = db.session.scalar(
        db.select(WorkgroupMember).where(WorkgroupMember.display_name == "Samira El Idrissi")
    )
    return cycle, chair, samira


def _check_invariants(respondent: Respondent) -> None:
    db.session.expire_all()
    stored = db.session.scalar(
        db.select(Transcript).where(Transcript.respondent_id == respondent.id)
    )
    if stored is not None:
        assert respondent.may_write_out, "a transcript exists without consent to write it out"


@pytest.mark.parametrize("group", [RespondentGroup.parent, RespondentGroup.pupil])
def test_no_transcript_without_valid_consent_whatever_happens(app, demo, group):
    with app.test_request_context():
        cycle, chair, samira = _people()

        @SETTINGS
        @given(operations=OPERATIONS)
        def run(operations):
            respondent = services.add_respondent(
                cycle, chair, group=group, interviewer_id=samira.id
            )
            db.session.commit()
            for operation in operations:
                kind = operation[0]
                try:
                    if kind == "consent":
                        _, transcript_ok, quotes_ok = operation
                        services.record_consent(
                            respondent,
                            samira.user,
                            given_on=date(2026, 11, 1),
                            method=ConsentMethod.digital,
                            allows_transcript=transcript_ok,
                            allows_quotes=quotes_ok,
                            parent_consented=True,
                            pupil_assented=True,
                        )
                    elif kind == "withdraw":
                        had = respondent.transcript is not None
                        services.withdraw_consent(respondent, samira.user)
                        db.session.commit()
                        assert respondent.transcript is None
                        assert not respondent.may_write_out
                        if had:  # nothing derived remains, and the fact is kept
                            assert (
                                db.session.scalar(
                                    db.select(Transcript).where(
                                        Transcript.respondent_id == respondent.id
                                    )
                                )
                                is None
                            )
                    elif kind == "save":
                        version = respondent.transcript.version if respondent.transcript else None
                        services.save_transcript(
                            respondent,
                            samira.user,
                            Role.member,
                            body=operation[1],
                            base_version=version,
                        )
                    else:
                        transcript = services.read_transcript(respondent, samira.user, Role.member)
                        if transcript is not None:
                            assert respondent.may_write_out
                except services.DomainError:
                    db.session.rollback()
                else:
                    db.session.commit()
                _check_invariants(respondent)

        run()


def test_members_read_only_their_own_respondents_and_the_director_none(app, demo):
    with app.test_request_context():
        cycle, chair, _samira = _people()
        respondents = services.respondents_of(cycle)
        users = {
            email: db.session.scalar(db.select(User).where(User.email == email))
            for email in ("ouder@example.nl", "leerkracht@example.nl", "directeur@example.nl")
        }
        roles = {
            "ouder@example.nl": Role.member,
            "leerkracht@example.nl": Role.member,
            "directeur@example.nl": Role.director,
        }

        @SETTINGS
        @given(
            email=st.sampled_from(sorted(users)),
            index=st.integers(min_value=0, max_value=len(respondents) - 1),
        )
        def run(email, index):
            respondent = respondents[index]
            user, role = users[email], roles[email]
            allowed = role is Role.member and respondent.interviewer.user_id == user.id
            if allowed:
                services.read_transcript(respondent, user, role)
            else:
                with pytest.raises(PermissionError):
                    services.read_transcript(respondent, user, role)
                with pytest.raises(PermissionError):
                    services.save_transcript(
                        respondent, user, role, body="overschreven", base_version=None
                    )
            db.session.rollback()

        run()


def test_over_http_a_member_gets_403_for_someone_elses_respondent(app, demo, teacher, director):
    """The same rule through the views: every respondent URL of someone else's respondent."""
    with app.app_context():
        cycle, _chair, samira = _people()
        ids = [r.id for r in services.respondents_of(cycle) if r.interviewer_id == samira.id]
    base = "/years/2026/interviews/respondents"
    for rid in ids:
        for client in (teacher, director):
            for url in (f"{base}/{rid}", f"{base}/{rid}/transcript"):
                response = client.get(url)
                assert response.status_code == 403, (url, response.status_code)
                assert "Antwoord:" not in response.get_data(as_text=True)
            assert client.post(f"{base}/{rid}/transcript", data={"body": "x"}).status_code == 403
