"""Starting a school year, planning meetings, the dashboard and the iCal export."""

from datetime import date, time

from icalendar import Calendar

from app import db
from tests.conftest import make_school
from workgroup import services
from workgroup.models import AgendaItem, Cycle, Meeting, Mode, School
from workgroup.programme import PROGRAMME, Phase


def _school(name):
    return db.session.scalar(db.select(School).where(School.name == name))


def test_chair_without_a_year_is_sent_to_the_guided_start(app, client):
    with app.app_context():
        make_school("De Vlinder", "vlinder@example.nl", start_year=None)
        db.session.commit()
    client.login("vlinder@example.nl")
    response = client.get("/")
    assert response.status_code == 302
    assert response.location.endswith("/welcome")


def test_starting_a_year_creates_seven_meetings_from_the_programme(app, client):
    with app.app_context():
        make_school("De Vlinder", "vlinder@example.nl", start_year=None)
        db.session.commit()
    client.login("vlinder@example.nl")
    response = client.post("/years/new", data={"start_year": "2027"})
    assert response.status_code == 302
    assert response.location.endswith("/years/2027/")
    with app.app_context():
        cycle = db.session.scalar(db.select(Cycle).where(Cycle.start_year == 2027))
        meetings = cycle.meetings
        assert [m.number for m in meetings] == [1, 2, 3, 4, 5, 6, 7]
        assert [m.phase for m in meetings] == [
            Phase.start, Phase.listen, Phase.think, Phase.think, Phase.do, Phase.do,
            Phase.evaluate,
        ]  # fmt: skip
        months = [(m.planned_on.year, m.planned_on.month) for m in meetings]
        assert months == [(2027, 9), (2027, 10), (2028, 1), (2028, 2), (2028, 3), (2028, 5),
                          (2028, 7)]  # fmt: skip
        assert all(m.planned_on.weekday() == 1 for m in meetings)  # Tuesdays
        first = meetings[0]
        assert len(first.agenda_items) == len(PROGRAMME[1].agenda)
        # The agenda is stored in Dutch, the language the chair uses.
        assert first.agenda_items[0].title == "Kennismaken"


def test_starting_the_same_year_twice_is_refused_and_changes_nothing(app, chair):
    response = chair.post("/years/new", data={"start_year": "2026"})
    assert response.status_code == 422
    assert "Het schooljaar 2026–2027 bestaat al." in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Cycle.id))) == 2  # demo + other school


def test_bad_year_is_refused_with_a_message(app, chair):
    for value in ("", "twintig", "1999", "2101"):
        response = chair.post("/years/new", data={"start_year": value})
        assert response.status_code == 422, value
    html = chair.post("/years/new", data={"start_year": "1999"}).get_data(as_text=True)
    assert "Vul een jaar in tussen 2000 en 2100." in html


def test_only_the_chair_may_start_a_year(member, director):
    assert member.post("/years/new", data={"start_year": "2030"}).status_code == 403
    assert director.get("/years/new").status_code == 403


def test_chair_plans_a_meeting_online_and_the_plan_shows_it(app, chair):
    response = chair.post(
        "/years/2026/meetings/4/plan",
        data={"planned_on": "2027-02-23", "starts_at": "20:00", "mode": "online",
              "location": "https://meet.example.nl/werkgroep"},
    )  # fmt: skip
    assert response.status_code == 302
    with app.app_context():
        meeting = db.session.scalar(db.select(Meeting).where(Meeting.number == 4).join(Cycle)
                                    .join(School).where(School.is_demo.is_(True)))  # fmt: skip
        assert meeting.planned_on == date(2027, 2, 23)
        assert meeting.starts_at == time(20, 0)
        assert meeting.mode is Mode.online
    html = chair.get("/years/2026/meetings").get_data(as_text=True)
    assert "https://meet.example.nl/werkgroep" in html


def test_meeting_plan_with_htmx_returns_the_row_only(chair):
    response = chair.htmx_post(
        "/years/2026/meetings/5/plan",
        data={"planned_on": "2027-03-09", "mode": "physical", "location": "Aula"},
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<html" not in html
    assert 'id="meeting-5"' in html and "Aula" in html
    assert "HX-Request" in response.headers["Vary"]


def test_meeting_plan_rejects_a_bad_date_and_keeps_the_old_one(app, chair):
    response = chair.post(
        "/years/2026/meetings/4/plan",
        data={"planned_on": "31-02-2027", "mode": "physical", "location": "ergens"},
    )
    assert response.status_code == 422
    with app.app_context():
        meeting = db.session.scalar(db.select(Meeting).where(Meeting.number == 4).join(Cycle)
                                    .join(School).where(School.is_demo.is_(True)))  # fmt: skip
        assert meeting.location == "Teamkamer"


def test_three_online_meetings_in_a_row_get_a_suggestion(app, ctx, demo):
    school = db.session.get(School, demo.school_id)
    cycle = services.get_cycle(school, 2026)
    meetings = services.meetings_of(cycle)
    assert services.online_streaks(meetings) == []  # demo: 3 and 6 online, not in a row
    for meeting in meetings[2:5]:
        meeting.mode = Mode.online
    assert services.online_streaks(meetings) == [[3, 4, 5, 6]]
    meetings[3].mode = Mode.physical
    assert services.online_streaks(meetings) == []


def test_plan_page_shows_the_alternation_suggestion(app, chair, demo):
    for number in (3, 4, 5):
        chair.post(f"/years/2026/meetings/{number}/plan", data={"mode": "online"})
    html = chair.get("/years/2026/meetings").get_data(as_text=True)
    assert 'class="notice"' in html
    assert "3" in html and "5" in html


def test_dashboard_shows_timeline_next_meeting_actions_and_chain(chair):
    html = chair.get("/years/2026/").get_data(as_text=True)
    timeline = html[html.index('<ol class="timeline"') :]
    assert timeline.count('class="timeline__item') == 7
    assert "timeline__period phase--listen" in html  # LUISTEREN between 2 and 3
    assert timeline.index("/years/2026/meetings/2") < timeline.index("timeline__period")
    assert timeline.index("timeline__period") < timeline.index("/years/2026/meetings/3")
    # open actions of the demo, the done one not among them
    assert "Met de kinderraad bespreken" in html
    assert "Startfoto uitwerken en rondsturen" not in html
    # the chain: startfoto done, links to members and startfoto
    assert "chain__step chain__step--done" in html
    assert "/years/2026/startfoto" in html and "/years/2026/members" in html


def test_year_of_another_school_is_not_found(other_chair, chair, app):
    with app.app_context():
        kompas = _school("Basisschool Het Kompas")
        services.start_cycle(kompas, 2027, None)
        db.session.commit()
    assert other_chair.get("/years/2027/").status_code == 200
    assert chair.get("/years/2027/").status_code == 404


def test_ical_download_holds_the_seven_meetings(chair):
    response = chair.get("/years/2026/calendar.ics")
    assert response.mimetype == "text/calendar"
    assert "werkgroep-2026-2027.ics" in response.headers["Content-Disposition"]
    calendar = Calendar.from_ical(response.data)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 7
    first = min(events, key=lambda e: str(e["summary"]))
    assert str(first["summary"]).startswith("1. ")
    assert first.decoded("dtstart").date() == date(2026, 9, 15)
    assert str(first["location"]) == "Teamkamer"
    online = [e for e in events if str(e.get("location", "")).startswith("online")]
    assert len(online) == 2


def test_default_meeting_dates_are_third_tuesdays():
    assert services.default_meeting_date(2026, 9) == date(2026, 9, 15)
    assert services.default_meeting_date(2026, 1) == date(2027, 1, 19)
    assert services.default_meeting_date(2026, 7) == date(2027, 7, 20)


def test_agenda_items_belong_to_their_meeting(app, ctx, demo):
    school = db.session.get(School, demo.school_id)
    cycle = services.get_cycle(school, 2026)
    one = services.get_meeting(cycle, 1)
    two = services.get_meeting(cycle, 2)
    item_of_two = db.session.scalar(db.select(AgendaItem).where(AgendaItem.meeting_id == two.id))
    assert services.get_agenda_item(one, item_of_two.id) is None
    assert services.get_agenda_item(two, item_of_two.id) is item_of_two
