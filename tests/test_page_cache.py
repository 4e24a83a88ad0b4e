"""The dashboard and the analysis are kept per user until the school's data changes
(workgroup/pagecache.py). These tests read the pages through the test client and count SQL
statements to tell a kept page from a drawn one: a kept page costs only the login check."""

from __future__ import annotations

from datetime import date

from sqlalchemy import event, select

from app import db
from interviews.models import Respondent
from workgroup import services as core
from workgroup.models import ActionItem, AuditEvent, School

DASHBOARD = "/years/2026/"
ANALYSIS = "/years/2026/interviews/analysis"
#: A kept page: the user, the membership and the school are loaded to check access.
KEPT = 4


def _drawn(app, client, url: str) -> tuple[int, str]:
    """(statements sent, page) for one GET."""
    statements: list[str] = []

    def listener(conn, cursor, statement, *rest):
        statements.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", listener)
    try:
        response = client.get(url)
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    assert response.status_code == 200, response.status_code
    return len(statements), response.get_data(as_text=True)


def _revision(app, name: str = "") -> int:
    with app.app_context():
        query = select(School.revision)
        query = query.where(School.name == name) if name else query.where(School.is_demo)
        return db.session.scalar(query)


def test_a_page_is_drawn_once_and_then_kept_until_the_data_changes(app, chair):
    for url in (DASHBOARD, ANALYSIS):
        first, page = _drawn(app, chair, url)
        again, kept = _drawn(app, chair, url)
        assert first > 10 and again <= KEPT, (url, first, again)
        assert kept == page

    # a write through the app shows at once: the action is on the dashboard
    with app.app_context():
        open_action = db.session.scalar(
            select(ActionItem).where(ActionItem.done_at.is_(None)).order_by(ActionItem.id)
        )
        description, action_id = open_action.description, open_action.id
    assert description in _drawn(app, chair, DASHBOARD)[1]
    before = _revision(app)
    done = chair.post(f"/years/2026/actions/{action_id}/done", data={"done": "1"})
    assert done.status_code == 302
    assert _revision(app) == before + 1
    statements, page = _drawn(app, chair, DASHBOARD)
    assert statements > KEPT and description not in page


def test_a_write_elsewhere_in_the_same_database_is_seen_too(app, chair):
    """Another worker (here: plain code with the app) writes: the revision in the database
    tells this worker that its page is out of date."""
    _drawn(app, chair, DASHBOARD)
    with app.app_context():
        action = db.session.scalar(select(ActionItem).where(ActionItem.done_at.is_(None)))
        action.description = "Nieuwe afspraak over het overblijven"
        db.session.commit()
    assert "Nieuwe afspraak over het overblijven" in _drawn(app, chair, DASHBOARD)[1]


def test_each_user_and_language_gets_its_own_page(app, chair, member, teacher, director):
    chair_page = _drawn(app, chair, DASHBOARD)[1]
    member_statements, member_page = _drawn(app, member, DASHBOARD)
    assert member_statements > KEPT and member_page != chair_page
    # a parent and a teacher are both members: the same role, each their own page
    teacher_statements, teacher_page = _drawn(app, teacher, DASHBOARD)
    assert teacher_statements > KEPT and teacher_page != member_page
    director_page = _drawn(app, director, DASHBOARD)[1]
    assert director_page not in (chair_page, member_page)

    chair.post("/language", data={"lang": "en"})
    english = _drawn(app, chair, DASHBOARD)[1]
    assert 'lang="en"' in english and "Open actions" in english
    chair.post("/language", data={"lang": "nl"})
    assert "Openstaande acties" in _drawn(app, chair, DASHBOARD)[1]


def test_messages_are_shown_once_and_never_kept(app, chair):
    _drawn(app, chair, DASHBOARD)
    with chair.session_transaction() as session:
        session["_flashes"] = [("success", "Opgeslagen, dank je wel.")]
    statements, page = _drawn(app, chair, DASHBOARD)
    assert "Opgeslagen, dank je wel." in page and statements > KEPT
    assert "Opgeslagen, dank je wel." not in _drawn(app, chair, DASHBOARD)[1]


def test_reading_a_write_out_is_logged_but_changes_no_page(app, chair):
    """The audit log is written on every read of a write-out; that is not a change of the
    school's data, so the kept pages stay."""
    with app.app_context():
        rid = db.session.scalar(
            select(Respondent.id).where(Respondent.transcript.has()).order_by(Respondent.id)
        )
        logged = db.session.query(AuditEvent).count()
    _drawn(app, chair, DASHBOARD)
    before = _revision(app)
    assert chair.get(f"/years/2026/interviews/coding/{rid}").status_code == 200
    with app.app_context():
        assert db.session.query(AuditEvent).count() == logged + 1
    assert _revision(app) == before
    assert _drawn(app, chair, DASHBOARD)[0] <= KEPT


def test_a_write_in_one_school_leaves_the_other_schools_pages(app, chair, other_chair):
    other = "Basisschool Het Kompas"
    before_demo, before_other = _revision(app), _revision(app, other)
    with app.app_context():
        action = db.session.scalar(select(ActionItem).where(ActionItem.done_at.is_(None)))
        action_id = action.id
    chair.post(f"/years/2026/actions/{action_id}/done", data={"done": "1"})
    assert _revision(app) == before_demo + 1
    assert _revision(app, other) == before_other


def test_the_cache_can_be_switched_off_and_stays_within_its_size(app, chair):
    app.config["PAGE_CACHE_MB"] = 0
    _drawn(app, chair, DASHBOARD)
    assert _drawn(app, chair, DASHBOARD)[0] > KEPT

    from workgroup.pagecache import PageCache, _Page

    cache = PageCache(max_bytes=1000)
    for n in range(10):
        cache.put((n,), _Page(b"x" * 200, 200, (), until=float("inf")))
    assert cache.size <= 1000 and len(cache) == 5
    assert cache.get((0,)) is None and cache.get((9,)) is not None  # the oldest went first
    cache.put(("huge",), _Page(b"x" * 600, 200, (), until=float("inf")))
    assert cache.get(("huge",)) is None  # more than a quarter: not kept
    cache.put(("old",), _Page(b"x", 200, (), until=0.0))
    assert cache.get(("old",)) is None  # expired


def test_the_command_line_raises_every_schools_revision(app, demo):
    """Outside a request (the command line, a script) the school is unknown: every school's
    pages are drawn again."""
    other = "Basisschool Het Kompas"
    before = _revision(app), _revision(app, other)
    with app.test_request_context():
        cycle = core.get_cycle(db.session.scalar(select(School).where(School.is_demo)), 2026)
        meeting = core.meetings_of(cycle)[0]
        core.update_meeting_plan(meeting, planned_on=date(2026, 10, 1))
        db.session.commit()
    assert (_revision(app), _revision(app, other)) == (before[0] + 1, before[1] + 1)
