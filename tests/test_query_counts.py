"""How many SQL statements the main pages send: a fixed number, not one more per respondent,
write-out, fragment or member. An N+1 (a query per row shown) would grow with the data; these
tests count statements with a ``before_cursor_execute`` listener on the demo year, add more of
everything, and count again. No timing here (``make bench`` measures speed)."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date

import pytest
from sqlalchemy import event, func, select

from app import db
from interviews import coding, services
from interviews.models import ConsentMethod, Respondent, RespondentGroup, Transcript
from workgroup import services as core
from workgroup.models import Function, Role, School, User

YEAR = "/years/2026"
#: The page, and the most statements it may send. The bounds have headroom for new features;
#: what they guard is the second test: the count does not grow with the data.
PAGES = {
    "dashboard": (f"{YEAR}/", 60),
    "meeting": (f"{YEAR}/meetings/1", 30),
    "respondents": (f"{YEAR}/interviews", 30),
    "coding": (f"{YEAR}/interviews/coding/{{rid}}", 30),
    "analysis": (f"{YEAR}/interviews/analysis", 25),
    "codebook": (f"{YEAR}/interviews/codebook", 30),
}
WRITE_OUT = " ".join(f"Ik vertel u nu zin nummer {i} van dit gesprek." for i in range(1, 41))


@contextmanager
def counted(app):
    """The SQL statements sent while the block runs."""
    statements: list[str] = []

    def listener(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", listener)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", listener)


def _coded_respondent(app) -> int:
    """The demo respondent whose write-out has the most fragments (the coding page's)."""
    from interviews.models import Fragment

    with app.app_context():
        return db.session.scalar(
            select(Respondent.id)
            .join(Transcript, Transcript.respondent_id == Respondent.id)
            .join(Fragment, Fragment.transcript_id == Transcript.id)
            .group_by(Respondent.id)
            .order_by(func.count(Fragment.id).desc(), Respondent.id)
            .limit(1)
        )


def _statements(app, client, url: str) -> tuple[int, list[str]]:
    app.config["PAGE_CACHE_MB"] = 0  # what drawing the page costs, not a kept copy
    client.get(url)  # once before counting: the same request twice must cost the same
    with counted(app) as statements:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(statements), statements


def _counts(app, client, rid: int) -> dict[str, int]:
    return {
        name: _statements(app, client, url.format(rid=rid))[0] for name, (url, _) in PAGES.items()
    }


def _more_of_everything(app, rid: int) -> None:
    """Eight more respondents with consent and a coded write-out, 40 more fragments on the
    coding page's write-out, four more members and four more codes."""
    with app.test_request_context():
        school = db.session.scalar(select(School).where(School.is_demo.is_(True)))
        cycle = core.get_cycle(school, 2026)
        chair = db.session.scalar(select(User).where(User.email == "voorzitter@example.nl"))
        members = [
            core.add_member(cycle, f"Extra lid {n}", Function.parent, "", chair) for n in range(4)
        ]
        codes = [
            coding.save_code(cycle, name=f"Extra code {n}", description="", colour="#abcdef",
                             theme_id=None).id
            for n in range(4)
        ]  # fmt: skip
        code_ids = [c.id for c in coding.codes_of(cycle)]
        for n in range(8):
            respondent = services.add_respondent(
                cycle,
                chair,
                group=list(RespondentGroup)[n % 3],
                interviewer_id=members[n % len(members)].id,
            )
            services.record_consent(
                respondent,
                chair,
                given_on=date(2026, 11, 1),
                method=ConsentMethod.digital,
                allows_transcript=True,
                allows_quotes=n % 2 == 0,
                parent_consented=True,
                pupil_assented=True,
            )
            transcript = services.save_transcript(
                respondent, chair, Role.chair, body=WRITE_OUT, base_version=None, held_on=None
            )
            _code(transcript, cycle, chair, code_ids + codes, sentences=10)
        _code(db.session.get(Respondent, rid).transcript, cycle, chair, codes, sentences=40)
        db.session.commit()


def _code(transcript, cycle, by, code_ids, *, sentences: int) -> None:
    for number, (start, end) in enumerate(coding.sentences(transcript.body)[:sentences]):
        coding.code_passage(
            transcript,
            cycle,
            by,
            start=start,
            end=end,
            code_ids=[code_ids[number % len(code_ids)], code_ids[(number + 1) % len(code_ids)]],
            is_quote=number % 3 == 0,
        )


def test_the_main_pages_send_a_bounded_number_of_statements(app, chair):
    rid = _coded_respondent(app)
    over = {}
    for name, (url, limit) in PAGES.items():
        count, statements = _statements(app, chair, url.format(rid=rid))
        if count > limit:
            over[name] = (count, limit, statements)
    assert not over, "\n\n".join(
        f"{name}: {count} statements, at most {limit}:\n" + "\n".join(s[:120] for s in statements)
        for name, (count, limit, statements) in over.items()
    )


def test_the_statement_count_does_not_grow_with_respondents_fragments_or_members(app, chair):
    rid = _coded_respondent(app)
    before = _counts(app, chair, rid)
    _more_of_everything(app, rid)
    after = _counts(app, chair, rid)
    grown = {name: (before[name], after[name]) for name in PAGES if after[name] > before[name]}
    assert not grown, f"statements before and after adding data: {grown}"


@pytest.mark.parametrize("role", ["member", "director"])
def test_other_roles_see_the_dashboard_with_as_few_statements(app, request, role):
    client = request.getfixturevalue(role)
    count, statements = _statements(app, client, PAGES["dashboard"][0])
    assert count <= PAGES["dashboard"][1], "\n".join(statements)
