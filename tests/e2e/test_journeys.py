"""Journeys through the real app in a real browser: a chair starts the year and prepares the
first meeting, a new member accepts an invitation on a phone, and an invalid agenda item comes
back with an error inside the agenda only.

The Dutch catalog is still moving, so the tests assert on ids, URLs, roles and what they typed;
where a page is recognised by its text, the text is looked up in the same catalog (``nl``)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Dialog, Page, expect

from app import db
from tests.conftest import PASSWORD, make_school
from tests.e2e.helpers import PHONE, assert_no_horizontal_scroll, log_in, nl
from workgroup import services
from workgroup.models import AgendaItem, Cycle, Goal, GoalSource, Meeting, Role, School, Startfoto

pytestmark = pytest.mark.e2e


def item_ids(page: Page) -> list[int]:
    ids = page.eval_on_selector_all("#agenda li.agenda__item", "els => els.map(e => e.id)")
    return [int(i.removeprefix("item-")) for i in ids]


def wait_for_ids(page: Page, expected: list[int]) -> None:
    """Wait until htmx has swapped in an agenda with exactly these items in this order."""
    page.wait_for_function(
        """expected => JSON.stringify(Array.from(
             document.querySelectorAll('#agenda li.agenda__item'), e => e.id))
           === JSON.stringify(expected)""",
        arg=[f"item-{i}" for i in expected],
    )


def test_chair_starts_a_year_and_prepares_the_first_meeting(app, live_server, page: Page):
    with app.app_context():
        make_school("Basisschool De Linde", "linde@example.nl", start_year=None)
        db.session.commit()
    base = live_server

    # A chair without a year lands on the guided start, whose first open step starts the year.
    log_in(page, base, "linde@example.nl")
    expect(page).to_have_url(f"{base}/welcome")
    page.click('main a[href^="/years/new"]')
    expect(page).to_have_url(re.compile(re.escape(f"{base}/years/new") + r"(\?.*)?$"))
    page.fill("#start_year", "2026")
    page.click("#year-form button[type=submit]")
    # The form came from the guided start, so it goes back there, from where the year opens.
    expect(page).to_have_url(f"{base}/welcome")
    page.click('main a[href="/years/2026/"]')
    expect(page).to_have_url(f"{base}/years/2026/")
    expect(page.locator(".timeline a[href^='/years/2026/meetings/']")).to_have_count(7)

    page.click(".timeline a[href='/years/2026/meetings/1']")
    expect(page).to_have_url(f"{base}/years/2026/meetings/1")
    original = item_ids(page)
    assert len(original) >= 2, "meeting 1 starts with the programme's agenda"

    # Add an item with the form at the bottom of the agenda (htmx swaps #agenda).
    page.fill("#new-title", "Rondvraag e2e")
    page.fill("#new-prompt", "Wat viel iedereen op?")
    page.click("#agenda form.agenda__add button[type=submit]")
    expect(page.locator("#agenda li.agenda__item")).to_have_count(len(original) + 1)
    new_id = item_ids(page)[-1]
    expect(page.locator(f"#item-{new_id} h3")).to_have_text("Rondvraag e2e")
    expect(page.locator(f"#item-{new_id} .agenda__prompt")).to_have_text("Wat viel iedereen op?")
    expect(page.locator("#new-title")).to_have_value("")

    # Edit the title of the first item: the edit button swaps a form into the agenda.
    first = original[0]
    page.click(f'#item-{first} a[href$="/agenda/{first}/edit"]')
    expect(page.locator(f"#title-{first}")).to_be_visible()
    page.fill(f"#title-{first}", "Kennismaking (e2e)")
    page.click(f"#item-{first} form button[type=submit]")
    expect(page.locator(f"#title-{first}")).to_have_count(0)
    expect(page.locator(f"#item-{first} h3")).to_have_text("Kennismaking (e2e)")

    # Move the new item one place up with its ↑ button.
    order = [*original, new_id]
    up = page.locator(f"#item-{new_id} form:has(input[name=direction][value=up]) button")
    expect(up).to_have_text("↑")
    up.click()
    order[-2], order[-1] = order[-1], order[-2]
    wait_for_ids(page, order)

    # Remove the second item; htmx asks the browser to confirm first.
    dialogs: list[Dialog] = []

    def accept(dialog: Dialog) -> None:
        dialogs.append(dialog)
        dialog.accept()

    page.on("dialog", accept)
    removed = order[1]
    removed_title = page.locator(f"#item-{removed} h3").inner_text()
    page.click(f"#item-{removed} form[hx-confirm] button[type=submit]")
    order.remove(removed)
    wait_for_ids(page, order)
    expect(page.locator(f"#item-{removed}")).to_have_count(0)
    assert [d.type for d in dialogs] == ["confirm"]
    assert removed_title in dialogs[0].message
    page.remove_listener("dialog", accept)

    # The startfoto with three goals, reached from meeting 1.
    texts = {
        "#background": "Een school met 300 leerlingen in de wijk.",
        "#vision_parents": "Ouders denken mee over het beleid.",
        "#vision_bullying": "Pesten is nooit normaal.",
        "#collaboration_now": "Bij pesten bellen we de ouders dezelfde dag.",
        "#goals-0": "Ieder kind voelt zich veilig.",
        "#goals-1": "Ouders weten waar ze terechtkunnen.",
        "#goals-2": "We bespreken pesten elke maand.",
    }
    page.click("main a[href='/years/2026/startfoto']")
    expect(page).to_have_url(f"{base}/years/2026/startfoto")
    page.click("main a[href='/years/2026/startfoto/edit']")
    expect(page).to_have_url(f"{base}/years/2026/startfoto/edit")
    for selector, text in texts.items():
        page.fill(selector, text)
    page.click("#startfoto-form button[type=submit]")
    expect(page).to_have_url(f"{base}/years/2026/startfoto")
    for text in texts.values():
        expect(page.locator("main")).to_contain_text(text)

    # What the browser did is what the database holds.
    with app.app_context():
        cycle = db.session.scalar(db.select(Cycle).where(Cycle.start_year == 2026))
        meeting = db.session.scalar(
            db.select(Meeting).where(Meeting.cycle_id == cycle.id, Meeting.number == 1)
        )
        items = db.session.scalars(
            db.select(AgendaItem)
            .where(AgendaItem.meeting_id == meeting.id)
            .order_by(AgendaItem.position)
        ).all()
        assert [item.id for item in items] == order
        assert db.session.get(AgendaItem, removed) is None
        by_id = {item.id: item for item in items}
        assert by_id[first].title == "Kennismaking (e2e)"
        assert by_id[new_id].title == "Rondvraag e2e"
        assert by_id[new_id].prompt == "Wat viel iedereen op?"

        startfoto = db.session.scalar(db.select(Startfoto).where(Startfoto.cycle_id == cycle.id))
        assert startfoto.background == texts["#background"]
        assert startfoto.vision_parents == texts["#vision_parents"]
        assert startfoto.vision_bullying == texts["#vision_bullying"]
        assert startfoto.collaboration_now == texts["#collaboration_now"]
        goals = db.session.scalars(
            db.select(Goal)
            .where(Goal.cycle_id == cycle.id, Goal.source == GoalSource.startfoto)
            .order_by(Goal.position)
        ).all()
        assert [goal.text for goal in goals] == [texts[f"#goals-{i}"] for i in range(3)]


def test_member_accepts_an_invitation_on_a_phone(app, live_server, page: Page, tmp_path):
    with app.test_request_context():
        school = make_school("Basisschool Het Anker", "anker@example.nl")
        _, token = services.create_invitation(
            school, email="nieuw@example.nl", role=Role.member, name="Nieuw Lid", created_by=None
        )
        db.session.commit()
    base = live_server
    page.set_viewport_size(PHONE)

    response = page.goto(f"{base}/invite/{token}")
    assert response is not None and response.status == 200
    expect(page.locator("#display_name")).to_have_value("Nieuw Lid")
    assert_no_horizontal_scroll(page)
    page.fill("#display_name", "Nieuw Lid")
    page.fill("#password", PASSWORD)
    page.fill("#confirm", PASSWORD)
    page.click("#invitation-form button[type=submit]")

    expect(page).to_have_url(f"{base}/years/2026/")
    expect(page.locator(".user-menu summary")).to_contain_text("Nieuw Lid")
    expect(page.locator(".brand__name")).to_have_text("Basisschool Het Anker")
    expect(page.locator(".timeline a[href^='/years/2026/meetings/']")).to_have_count(7)
    assert_no_horizontal_scroll(page)
    page.screenshot(path=tmp_path / "phone-dashboard.png", full_page=True)

    # The link works once.
    response = page.goto(f"{base}/invite/{token}")
    assert response is not None and response.status == 404
    expect(page.locator("main h1")).to_have_text(nl(app, "This link no longer works"))
    expect(page.locator("#invitation-form")).to_have_count(0)
    assert_no_horizontal_scroll(page)

    with app.app_context():
        user = services.authenticate("nieuw@example.nl", PASSWORD)
        assert user is not None and user.display_name == "Nieuw Lid"
        school = db.session.scalar(db.select(School).where(School.name == "Basisschool Het Anker"))
        assert [(m.school_id, m.role) for m in user.memberships] == [(school.id, Role.member)]


def test_empty_agenda_title_shows_an_error_inside_the_agenda(app, live_server, page: Page):
    with app.app_context():
        make_school("Basisschool De Wilg", "wilg@example.nl")
        db.session.commit()
    base = live_server
    log_in(page, base, "wilg@example.nl")
    expect(page).to_have_url(f"{base}/years/2026/")

    page.goto(f"{base}/years/2026/meetings/1")
    before = item_ids(page)
    page.fill("#new-title", "")
    page.fill("#new-prompt", "Een vraag zonder titel")
    with page.expect_response(
        lambda r: r.request.method == "POST" and r.url.endswith("/years/2026/meetings/1/agenda")
    ) as posted:
        page.click("#agenda form.agenda__add button[type=submit]")
    assert posted.value.status == 422

    invalid = page.locator('#agenda [aria-invalid="true"]')
    expect(invalid).to_have_count(1)
    expect(invalid).to_have_attribute("id", "new-title")
    expect(invalid).to_be_focused()  # static/js/app.js moves focus to the field to fix
    expect(invalid).to_have_attribute("aria-describedby", "new-title-error")
    expect(page.locator("#agenda #new-title-error")).to_be_visible()
    expect(page.locator("#agenda #new-title-error")).not_to_be_empty()
    expect(page.locator("#agenda label[for=new-title]")).to_have_count(1)
    expect(page.locator("#new-prompt")).to_have_value("Een vraag zonder titel")
    # Only the agenda was swapped: the rest of the page is still there, and nothing was added.
    expect(page.locator("#agenda")).to_have_count(1)
    expect(page.locator("#minutes-state")).to_be_visible()
    expect(page.locator("nav.year-nav")).to_be_visible()
    expect(page.locator("main h1")).to_be_visible()
    assert item_ids(page) == before
    expect(page).to_have_url(f"{base}/years/2026/meetings/1")
