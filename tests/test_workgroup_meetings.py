"""The meeting page: agenda, notes and decisions, locked minutes with revisions, attendance,
actions carried to the next meeting."""

import pytest

from app import db
from workgroup import services
from workgroup.models import ActionItem, AgendaItem, Cycle, Meeting, MinutesRevision, School


def _meeting(number: int) -> Meeting:
    return db.session.scalar(
        db.select(Meeting)
        .join(Cycle)
        .join(School)
        .where(School.is_demo.is_(True), Meeting.number == number)
    )


def _titles(number: int) -> list[str]:
    return [i.title for i in sorted(_meeting(number).agenda_items, key=lambda i: i.position)]


@pytest.fixture
def meeting2(app, demo):
    with app.app_context():
        meeting = _meeting(2)
        return {"id": meeting.id, "items": [i.id for i in meeting.agenda_items]}


def test_chair_adds_an_agenda_item_at_the_end(app, chair):
    response = chair.post(
        "/years/2026/meetings/2/agenda",
        data={"title": "Rondvraag", "prompt": "Wat wil je nog kwijt?"},
    )
    assert response.status_code == 302
    with app.app_context():
        assert _titles(2)[-1] == "Rondvraag"
        revision = db.session.scalar(db.select(MinutesRevision).order_by(MinutesRevision.id.desc()))
        assert "Rondvraag" in revision.summary
        assert revision.user.email == "voorzitter@example.nl"
        assert revision.items[-1]["title"] == "Rondvraag"


def test_adding_with_htmx_returns_the_agenda_fragment(chair):
    response = chair.htmx_post("/years/2026/meetings/2/agenda", data={"title": "Rondvraag"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert html.lstrip().startswith('<section class="panel agenda" id="agenda"')
    assert "Rondvraag" in html and "<html" not in html


def test_an_empty_title_is_refused_and_nothing_is_stored(app, chair):
    with app.app_context():
        before = db.session.scalar(db.select(db.func.count(AgendaItem.id)))
    response = chair.htmx_post("/years/2026/meetings/2/agenda", data={"title": "  "})
    assert response.status_code == 422
    assert 'aria-invalid="true"' in response.get_data(as_text=True)
    assert "Dit veld is verplicht." in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(AgendaItem.id))) == before


def test_chair_edits_moves_and_removes_items(app, chair, meeting2):
    first, second, third = meeting2["items"][:3]
    base = "/years/2026/meetings/2/agenda"
    assert chair.post(f"{base}/{second}/edit", data={"title": "Oefenen in tweetallen",
                                                      "prompt": ""}).status_code == 302  # fmt: skip
    assert chair.post(f"{base}/{second}/move", data={"direction": "up"}).status_code == 302
    with app.app_context():
        titles = _titles(2)
        assert titles[0] == "Oefenen in tweetallen"
        positions = sorted(i.position for i in _meeting(2).agenda_items)
        assert positions == list(range(len(positions)))
    # moving the first item up changes nothing
    chair.post(f"{base}/{second}/move", data={"direction": "up"})
    with app.app_context():
        assert _titles(2)[0] == "Oefenen in tweetallen"
    # delete asks for confirmation without JS, and deletes once confirmed
    ask = chair.post(f"{base}/{third}/delete")
    assert ask.status_code == 200 and 'name="confirm" value="yes"' in ask.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(AgendaItem, third) is not None
    assert chair.post(f"{base}/{third}/delete", data={"confirm": "yes"}).status_code == 302
    with app.app_context():
        assert db.session.get(AgendaItem, third) is None
        positions = sorted(i.position for i in _meeting(2).agenda_items)
        assert positions == list(range(len(positions)))


def test_move_with_a_bad_direction_is_refused(chair, meeting2):
    item = meeting2["items"][1]
    response = chair.htmx_post(
        f"/years/2026/meetings/2/agenda/{item}/move", data={"direction": "sideways"}
    )
    assert response.status_code == 422


def test_members_write_notes_but_do_not_restructure_the_agenda(app, member, meeting2):
    item = meeting2["items"][0]
    base = "/years/2026/meetings/2/agenda"
    response = member.post(
        f"{base}/{item}/notes",
        data={
            "notes": "Iedereen oefende een open vraag.",
            "decisions": "We gebruiken de leidraad.",
        },
    )
    assert response.status_code == 302
    with app.app_context():
        stored = db.session.get(AgendaItem, item)
        assert stored.notes == "Iedereen oefende een open vraag."
        assert stored.decisions == "We gebruiken de leidraad."
    assert member.post(f"{base}/{item}/edit", data={"title": "x"}).status_code == 403
    assert member.post(f"{base}/{item}/move", data={"direction": "down"}).status_code == 403
    assert member.post(f"{base}/{item}/delete", data={"confirm": "yes"}).status_code == 403
    assert member.post("/years/2026/meetings/2/agenda", data={"title": "x"}).status_code == 403


def test_director_reads_the_minutes_but_cannot_write(director, meeting2):
    item = meeting2["items"][0]
    html = director.get("/years/2026/meetings/1").get_data(as_text=True)
    assert "We kwamen op zes wensen" in html  # notes of meeting 1
    assert "/agenda/" not in html.split('id="agenda"')[1].split("</section>")[0]
    response = director.post(f"/years/2026/meetings/2/agenda/{item}/notes", data={"notes": "x"})
    assert response.status_code == 403


def test_final_minutes_are_locked_until_the_chair_reopens_them(app, chair, member, meeting2):
    item = meeting2["items"][0]
    notes_url = f"/years/2026/meetings/2/agenda/{item}/notes"
    assert chair.post("/years/2026/meetings/2/final").status_code == 302
    with app.app_context():
        assert _meeting(2).is_final
    refused = member.htmx_post(notes_url, data={"notes": "te laat"})
    assert refused.status_code == 422
    assert "De notulen zijn definitief." in refused.get_data(as_text=True)
    assert member.post("/years/2026/meetings/2/reopen").status_code == 403
    with app.app_context():
        assert db.session.get(AgendaItem, item).notes == ""
    chair.post("/years/2026/meetings/2/reopen")
    assert member.post(notes_url, data={"notes": "nu wel"}).status_code == 302
    with app.app_context():
        assert db.session.get(AgendaItem, item).notes == "nu wel"
        summaries = [r.summary for r in services.revisions_of(_meeting(2))]
        assert len(summaries) >= 3  # final, reopened, notes


def test_history_lists_who_changed_what(chair):
    html = chair.get("/years/2026/meetings/1/history").get_data(as_text=True)
    assert "Marieke Jansen" in html
    assert "We kwamen op zes wensen" in html


def test_attendance_is_saved_from_the_member_list_only(app, chair, demo):
    with app.app_context():
        cycle = _meeting(3).cycle
        ids = [m.id for m in cycle.members][:3]
        stranger = db.session.scalar(
            db.select(Cycle).join(School).where(School.is_demo.is_(False))
        ).id
    response = chair.post(
        "/years/2026/meetings/3/attendance", data={"present": [str(i) for i in ids] + ["99999"]}
    )
    assert response.status_code == 302
    with app.app_context():
        assert sorted(m.id for m in _meeting(3).attendees) == sorted(ids)
    assert stranger  # the other school's year exists but its members are never accepted


def test_actions_are_carried_to_later_meetings_until_done(app, chair):
    with app.app_context():
        owner = _meeting(3).cycle.members[0]
    response = chair.post(
        "/years/2026/meetings/3/actions",
        data={"description": "Thema's samenvatten voor de nieuwsbrief", "owner_id": str(owner.id),
              "due_on": "2027-01-30"},
    )  # fmt: skip
    assert response.status_code == 302
    later = chair.get("/years/2026/meetings/5").get_data(as_text=True)
    assert "Thema's samenvatten voor de nieuwsbrief" in later.replace("&#39;", "'")
    earlier = chair.get("/years/2026/meetings/2").get_data(as_text=True)
    assert "Thema's samenvatten" not in earlier.replace("&#39;", "'")
    with app.app_context():
        action = db.session.scalar(
            db.select(ActionItem).where(ActionItem.description.like("Thema%"))
        )
        action_id = action.id
    chair.htmx_post(f"/years/2026/actions/{action_id}/done", data={"done": "1", "meeting": "3"})
    with app.app_context():
        assert db.session.get(ActionItem, action_id).is_done
    later = chair.get("/years/2026/meetings/5").get_data(as_text=True)
    assert "Thema's samenvatten" not in later.replace("&#39;", "'")


def test_action_without_description_is_refused(app, member):
    with app.app_context():
        before = db.session.scalar(db.select(db.func.count(ActionItem.id)))
    response = member.htmx_post(
        "/years/2026/meetings/3/actions", data={"description": "", "owner_id": "0"}
    )
    assert response.status_code == 422
    assert "<html" not in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(ActionItem.id))) == before


def test_action_owner_must_be_a_member_of_this_year(app, chair):
    response = chair.post(
        "/years/2026/meetings/3/actions",
        data={"description": "Iets", "owner_id": "424242"},
    )
    assert response.status_code == 422


def test_nul_characters_are_dropped_so_every_database_can_store_the_text(app, chair):
    response = chair.post(
        "/years/2026/meetings/2/agenda", data={"title": "Rond\x00vraag", "prompt": "\x00"}
    )
    assert response.status_code == 302
    with app.app_context():
        assert _titles(2)[-1] == "Rondvraag"
