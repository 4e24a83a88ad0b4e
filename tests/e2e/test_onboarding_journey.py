"""The first-run flow in a real browser: the chair of an empty school walks the guided start
from nothing to a planned year, leaves halfway, comes back, and finds the guided start where
she left it; at the end it is done and the dashboard no longer shows its banner.

As in test_journeys.py, the tests assert on ids, classes, URLs and what they typed; where a
text matters it is looked up in the catalog (``nl``), which another hand may still be
translating."""

from __future__ import annotations

import re
from datetime import date, time

import pytest
from playwright.sync_api import Page, expect

from app import db
from tests.conftest import PASSWORD, make_school
from tests.e2e.helpers import PHONE, assert_no_horizontal_scroll, nl
from workgroup.models import (
    Cycle,
    Function,
    Goal,
    GoalSource,
    Meeting,
    Mode,
    School,
    Startfoto,
    WorkgroupMember,
)

pytestmark = pytest.mark.e2e

YEAR = 2026
SCHOOL = "Basisschool De Esdoorn"
GROUP = "Werkgroep Samen tegen Pesten"

#: The steps of the guided start, in their order on /welcome (services.onboarding_steps).
STEPS = (
    "Name the working group",
    "Start the school year",
    "Add the members",
    "Plan the seven meetings",
    "Fill in the startfoto",
)

#: Name, function (option value) and motive of the members the chair adds.
MEMBERS = (
    ("Fatima Bakker", Function.parent, "Mijn dochter werd vorig jaar gepest."),
    ("Jeroen de Vries", Function.teacher, "Ik wil dat mijn klas een veilige plek is."),
)

#: The dates the chair types for the seven meetings; none is the suggested third Tuesday.
DATES = (
    date(2026, 9, 9),
    date(2026, 10, 7),
    date(2026, 11, 25),
    date(2027, 1, 27),
    date(2027, 3, 10),
    date(2027, 5, 12),
    date(2027, 6, 30),
)
#: A start time for meeting 1 and an online meeting 3, to see the other columns saved too.
STARTS_AT = time(19, 30)
ONLINE = 3

STARTFOTO = {
    "#background": "Een school met 250 leerlingen aan de rand van de stad.",
    "#vision_parents": "Ouders zijn partners in de opvoeding.",
    "#vision_bullying": "Pesten los je samen op, nooit alleen.",
    "#collaboration_now": "De leerkracht belt de ouders; verder is er weinig afgesproken.",
    "#goals-0": "Ieder kind voelt zich veilig op het plein.",
    "#goals-1": "Ouders weten bij wie ze terechtkunnen.",
}


def log_in(page: Page, base: str, email: str) -> None:
    page.goto(f"{base}/login")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.press("#password", "Enter")
    expect(page).not_to_have_url(re.compile(r"/login"))


def log_out(page: Page, base: str) -> None:
    page.click(".user-menu summary")
    page.click(".user-menu form[action='/logout'] button[type=submit]")
    expect(page).to_have_url(re.compile(re.escape(f"{base}/login") + r"(\?.*)?$"))


def has_class(name: str) -> re.Pattern:
    return re.compile(rf"(^|\s){re.escape(name)}(\s|$)")


def expect_guided_start_at(app, page: Page, base: str, done: int) -> None:
    """/welcome with the first ``done`` steps marked done and the next one current."""
    expect(page).to_have_url(f"{base}/welcome")
    items = page.locator("main ol.steps > li")
    expect(items).to_have_count(len(STEPS))
    for index, label in enumerate(STEPS):
        item = items.nth(index)
        expect(item.locator("h2")).to_have_text(nl(app, label))
        if index < done:
            expect(item).to_have_class(has_class("steps__item--done"))
            expect(item.locator(".steps__state .visually-hidden")).to_have_text(nl(app, "done"))
            expect(item).not_to_have_attribute("aria-current", "step")
        elif index == done:
            expect(item).to_have_class(has_class("steps__item--current"))
            expect(item).to_have_attribute("aria-current", "step")
        else:
            expect(item).not_to_have_class(has_class("steps__item--done"))
            expect(item).not_to_have_class(has_class("steps__item--current"))
    expect(page.locator("main [aria-current=step]")).to_have_count(0 if done == len(STEPS) else 1)
    expect(page.locator("main progress")).to_have_attribute("value", str(done))
    expect(page.locator("#welcome-progress")).to_have_text(
        nl(app, "%(done)d of %(total)d steps done", done=done, total=len(STEPS))
    )


def walk_the_guided_start(app, page: Page, base: str, *, phone: bool) -> None:
    """The whole first run, as a chair does it in the browser."""

    def looks_right() -> None:
        if phone:
            assert_no_horizontal_scroll(page)

    email = "esdoorn@example.nl"
    with app.test_request_context():
        make_school(SCHOOL, email, start_year=None)
        db.session.commit()
    if phone:
        page.set_viewport_size(PHONE)

    # A chair of a school without a year lands on the guided start, at its first step.
    log_in(page, base, email)
    expect_guided_start_at(app, page, base, done=0)
    # Before the year exists the later steps say so instead of offering a link.
    expect(page.locator("main ol.steps > li").nth(2)).to_contain_text(
        nl(app, "First start the school year.")
    )
    looks_right()

    # Step 1: name the group (an htmx form; Enter submits it, as in any form).
    page.click("main a[href='/welcome/name']")
    expect(page).to_have_url(f"{base}/welcome/name")
    looks_right()
    page.fill("#group_name", GROUP)
    page.press("#group_name", "Enter")
    expect_guided_start_at(app, page, base, done=1)
    expect(page.locator("main ol.steps > li").nth(0)).to_contain_text(GROUP)

    # Step 2: start the school year; the form goes back to the guided start.
    page.click("main ol.steps a[href^='/years/new']")
    expect(page).to_have_url(re.compile(re.escape(f"{base}/years/new") + r"(\?.*)?$"))
    looks_right()
    page.fill("#start_year", str(YEAR))
    page.press("#start_year", "Enter")
    expect_guided_start_at(app, page, base, done=2)
    expect(page.locator("main .flashes")).to_contain_text(
        nl(app, "School year %(label)s started with seven meetings.", label=f"{YEAR}–{YEAR + 1}")
    )
    expect(page.locator("main ol.steps > li").nth(1)).to_contain_text(f"{YEAR}–{YEAR + 1}")

    # Step 3: add the members, each time back to the guided start. One member is not yet a
    # working group: the step stays current until there are two.
    add_member = f"main ol.steps a[href^='/years/{YEAR}/members/new']"
    for count, (name, function, motive) in enumerate(MEMBERS, start=1):
        page.click(add_member)
        expect(page).to_have_url(
            re.compile(re.escape(f"{base}/years/{YEAR}/members/new") + r"(\?.*)?$")
        )
        looks_right()
        page.fill("#display_name", name)
        page.select_option("#function", function.value)
        page.fill("#motive", motive)
        page.click("#member-form button[type=submit]")
        expect_guided_start_at(app, page, base, done=2 if count < len(MEMBERS) else 3)
        expect(page.locator("main .flashes")).to_contain_text(name)
        members_step = page.locator("main ol.steps > li").nth(2)
        for earlier, _function, _motive in MEMBERS[:count]:
            expect(members_step).to_contain_text(earlier)

    # Leave halfway: go to the overview of the year, where a banner points back ...
    page.click(f"main a[href='/years/{YEAR}/']")
    expect(page).to_have_url(f"{base}/years/{YEAR}/")
    banner = page.locator(".onboarding-banner")
    expect(banner).to_be_visible()
    expect(banner.locator("h2")).to_have_text(
        nl(app, "Guided start: %(done)d of %(total)d steps done", done=3, total=len(STEPS))
    )
    expect(banner).to_contain_text(nl(app, "Plan the seven meetings"))
    looks_right()

    # ... log out, and come back another day: the year exists, so the chair lands on the
    # overview, and its banner resumes the guided start at the first step not yet done.
    log_out(page, base)
    with app.app_context():
        cycle = db.session.scalar(db.select(Cycle).where(Cycle.start_year == YEAR))
        assert cycle.planned_at is None
    log_in(page, base, email)
    expect(page).to_have_url(f"{base}/years/{YEAR}/")
    expect(page.locator(".onboarding-banner")).to_be_visible()
    page.click(".onboarding-banner a[href='/welcome']")
    expect_guided_start_at(app, page, base, done=3)
    looks_right()

    # Step 4: plan the year: a date for each of the seven meetings (all at once).
    page.click("main ol.steps a[href='/welcome/plan']")
    expect(page).to_have_url(f"{base}/welcome/plan")
    expect(page.locator("main input[type=date]")).to_have_count(len(DATES))
    looks_right()
    for index, day in enumerate(DATES):
        page.fill(f"#meetings-{index}-planned_on", day.isoformat())
    page.fill("#meetings-0-starts_at", STARTS_AT.strftime("%H:%M"))
    page.select_option(f"#meetings-{ONLINE - 1}-mode", Mode.online.value)
    page.click("main form button[type=submit]")
    expect_guided_start_at(app, page, base, done=4)
    expect(page.locator("main .flashes")).to_contain_text(
        nl(app, "The year is planned. The meetings are in the calendar file too.")
    )

    # Step 5: the startfoto, with two goals; saving goes back to the guided start.
    page.click(f"main ol.steps a[href^='/years/{YEAR}/startfoto/edit']")
    expect(page).to_have_url(
        re.compile(re.escape(f"{base}/years/{YEAR}/startfoto/edit") + r"(\?.*)?$")
    )
    looks_right()
    for selector, text in STARTFOTO.items():
        page.fill(selector, text)
    page.click("#startfoto-form button[type=submit]")
    expect_guided_start_at(app, page, base, done=len(STEPS))

    # All done: the guided start says so and sends the chair to the overview, without banner.
    final = page.locator("main .notice--final")
    expect(final).to_be_visible()
    expect(final).to_contain_text(nl(app, "All set!"))
    looks_right()
    final.locator(f"a[href='/years/{YEAR}/']").click()
    expect(page).to_have_url(f"{base}/years/{YEAR}/")
    expect(page.locator("main .dashboard")).to_be_visible()
    expect(page.locator(".onboarding-banner")).to_have_count(0)
    looks_right()

    # What the browser did is what the database holds.
    with app.app_context():
        school = db.session.scalar(db.select(School).where(School.name == SCHOOL))
        assert school.group_name == GROUP
        cycle = db.session.scalar(db.select(Cycle).where(Cycle.school_id == school.id))
        assert cycle.start_year == YEAR
        assert cycle.planned_at is not None

        meetings = db.session.scalars(
            db.select(Meeting).where(Meeting.cycle_id == cycle.id).order_by(Meeting.number)
        ).all()
        assert [m.number for m in meetings] == list(range(1, 8))
        assert [m.planned_on for m in meetings] == list(DATES)
        assert [m.starts_at for m in meetings] == [STARTS_AT] + [None] * 6
        assert [m.mode for m in meetings] == [
            Mode.online if m.number == ONLINE else Mode.physical for m in meetings
        ]

        members = db.session.scalars(
            db.select(WorkgroupMember)
            .where(WorkgroupMember.cycle_id == cycle.id)
            .order_by(WorkgroupMember.display_name)
        ).all()
        assert [(m.display_name, m.function, m.motive) for m in members] == list(MEMBERS)

        startfoto = db.session.scalar(db.select(Startfoto).where(Startfoto.cycle_id == cycle.id))
        assert startfoto.background == STARTFOTO["#background"]
        assert startfoto.vision_parents == STARTFOTO["#vision_parents"]
        assert startfoto.vision_bullying == STARTFOTO["#vision_bullying"]
        assert startfoto.collaboration_now == STARTFOTO["#collaboration_now"]
        goals = db.session.scalars(
            db.select(Goal)
            .where(Goal.cycle_id == cycle.id, Goal.source == GoalSource.startfoto)
            .order_by(Goal.position)
        ).all()
        assert [goal.text for goal in goals] == [STARTFOTO["#goals-0"], STARTFOTO["#goals-1"]]


def test_new_chair_walks_the_guided_start_to_a_planned_year(app, live_server, page: Page):
    walk_the_guided_start(app, page, live_server, phone=False)


def test_new_chair_walks_the_guided_start_on_a_phone(app, live_server, page: Page):
    walk_the_guided_start(app, page, live_server, phone=True)
