"""DOEN in a real browser: the chair designs an experiment from a known approach, starts it,
observes it six times, reads its run chart, evaluates it and closes it; a parent member records
an observation on a phone while the director only reads; and a fourth experiment at once is
refused with the reason.

As in the other journeys, the tests assert on ids, classes, URLs and what they typed; texts are
looked up in the catalog (``nl``), which another hand may still be translating. Buttons are found
by their accessible name, which includes the visually hidden context (the experiment, the measure
or the date), so the names a screen reader announces are part of what is tested."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from babel import dates as babel_dates
from flask_babel import force_locale, format_date, ngettext
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import select

from app import db
from experiments import approaches, services
from experiments.models import Experiment, MeasureKind, Stage
from tests.e2e.helpers import PHONE, assert_no_horizontal_scroll, log_in, nl
from workgroup.models import Cycle, Goal, GoalSource

pytestmark = pytest.mark.e2e

DESKTOP = {"width": 1280, "height": 800}
CHAIR = "voorzitter@example.nl"
PARENT = "ouder@example.nl"  # Samira El Idrissi, member (parent) of the demo school
DIRECTOR = "directeur@example.nl"
YEAR = 2026
BOARD = f"/years/{YEAR}/experiments/"
APPROACH = "class-agreements-with-parents"
TITLE = "Klassenafspraken met ouders in groep 6"
#: The demo year runs two experiments; the limit is three.
DEMO_RUNNING, LIMIT = 2, 3

#: One value per kind of measure, per observation: as people type them (comma decimals too).
VALUES = {
    MeasureKind.percentage: ["40", "45", "55", "50", "62", "70"],
    MeasureKind.scale: ["2,5", "3", "3", "3,5", "3,5", "4"],
    MeasureKind.count: ["5", "4", "4", "3", "2", "2"],
    MeasureKind.yes_no: ["0", "0", "1", "1", "1", "1"],
}
NOTE = "Groep 6 hing de afspraken zelf op; twee ouders vroegen om een versie in het Arabisch."
ADJUSTMENT = "Afspraken ook in het Arabisch en Turks meegegeven"


# --- the catalog and the data behind the pages -------------------------------------------


def nl_n(app, singular: str, plural: str, num: int, **variables) -> str:
    """The Dutch text for a message with a plural, whatever the catalog says today."""
    with app.test_request_context(), force_locale("nl"):
        return ngettext(singular, plural, num, **variables)


def nl_date(app, on: date) -> str:
    """A date as the pages show it (``dateformat('medium')``), in Dutch."""
    with app.test_request_context(), force_locale("nl"):
        return format_date(on, "medium")


def _cycle(demo) -> Cycle:
    return db.session.scalar(
        select(Cycle).where(Cycle.school_id == demo.school_id, Cycle.start_year == demo.year)
    )


def _startfoto_goals(app, demo) -> dict[int, str]:
    with app.app_context():
        return {
            g.id: g.text
            for g in db.session.scalars(
                select(Goal)
                .where(Goal.cycle_id == _cycle(demo).id, Goal.source == GoalSource.startfoto)
                .order_by(Goal.position)
            )
        }


@dataclass(frozen=True)
class MeasureRow:
    id: int
    name: str
    kind: MeasureKind


def _measures(app, experiment_id: int) -> list[MeasureRow]:
    with app.app_context():
        experiment = db.session.get(Experiment, experiment_id)
        return [MeasureRow(m.id, m.name, m.kind) for m in experiment.measures]


def _alt_texts(app, demo, experiment_id: int) -> list[str]:
    """What every run chart of the experiment says to a screen reader, in Dutch."""
    with app.test_request_context(), force_locale("nl"):
        experiment = services.get_experiment(_cycle(demo), experiment_id)
        return [mc.chart.alt_text() for mc in services.charts_for(experiment)]


def _running_demo_experiment(app, demo, title_start: str) -> tuple[int, str]:
    with app.app_context():
        found = [
            e
            for e in services.experiments_of(_cycle(demo))
            if e.stage is Stage.running and e.title.startswith(title_start)
        ]
        assert len(found) == 1, f"the demo year has no running experiment “{title_start}…”"
        return found[0].id, found[0].title


def _designed_experiments(app, demo, titles: list[str]) -> list[int]:
    """Designs ready to start: an aim, a prediction, a goal and a measure each."""
    with app.test_request_context():
        cycle = _cycle(demo)
        goal = next(iter(_startfoto_goals(app, demo)))
        ids = []
        for title in titles:
            experiment = services.save_design(
                cycle,
                services.Design(
                    title=title,
                    aim="Minder ruzie bij het overblijven.",
                    prediction="We verwachten dat er minder kinderen bij de leerkracht komen "
                    "klagen na het overblijven.",
                    goal_ids=(goal,),
                ),
            )
            services.add_measure(experiment, name="Meldingen na het overblijven",
                                 kind=MeasureKind.count)  # fmt: skip
            services.move(experiment, Stage.designed)
            ids.append(experiment.id)
        db.session.commit()
        return ids


def _points_sentence(app, measure: MeasureRow, dates: list[date]) -> str:
    """The run chart description's first sentence: the measure, its points and their dates."""
    with app.test_request_context(), force_locale("nl"):
        return ngettext(
            "%(title)s: run chart with %(num)d point, from %(first)s to %(last)s.",
            "%(title)s: run chart with %(num)d points, from %(first)s to %(last)s.",
            len(dates),
            title=f"{measure.name} ({measure.kind.label})",
            first=babel_dates.format_date(dates[0], "d MMM y", locale="nl"),
            last=babel_dates.format_date(dates[-1], "d MMM y", locale="nl"),
        )


def _url(experiment_id: int) -> str:
    return f"{BOARD}{experiment_id}"


def stage_class(stage: str) -> re.Pattern:
    return re.compile(rf"(^|\s)stage--{stage}(\s|$)")


def expect_stage(page: Page, app, stage: str) -> None:
    """The badge next to the title and the highlighted step of the stepper agree."""
    badge = page.locator(".experiment-title .stage")
    expect(badge).to_have_class(stage_class(stage))
    expect(badge).to_have_text(nl(app, stage))
    current = page.locator("#lifecycle .lifecycle__step[aria-current=step]")
    expect(current).to_have_count(1)
    expect(current).to_have_text(nl(app, stage))
    expect(current).to_have_class(re.compile(r"lifecycle__step--current"))


def named(app, label: str, context: str) -> re.Pattern:
    """The accessible name of a button that shows ``label`` and hides ``context`` visually:
    "Bewerken: <measure>". Chromium puts a space before the colon, because the hidden part is
    absolutely positioned (so a block of its own) when it computes the name."""
    return re.compile(rf"^{re.escape(nl(app, label))} ?: {re.escape(context)}$")


def step_button(page: Page, app, label: str, title: str):
    """A lifecycle button by the name a screen reader announces: the step and the experiment."""
    return page.get_by_role("button", name=named(app, label, title))


# --- the chair's journey -----------------------------------------------------------------


def test_chair_designs_starts_observes_evaluates_and_closes_an_experiment(
    app, demo, live_server, page: Page
):
    base = live_server
    goals = _startfoto_goals(app, demo)
    goal_id, goal_text = next(iter(goals.items()))
    with app.test_request_context(), force_locale("nl"):
        approach_title = str(approaches.get(APPROACH).title)
    page.set_viewport_size(DESKTOP)
    log_in(page, base, CHAIR)

    # From the year's overview, the main navigation leads to the board.
    page.goto(f"{base}/years/{YEAR}/")
    page.click(f'.year-nav a[href="{BOARD}"]')
    expect(page).to_have_url(f"{base}{BOARD}")
    expect(page.locator(f'.year-nav a[href="{BOARD}"]')).to_have_attribute("aria-current", "page")
    expect(page.locator("#running-title")).to_contain_text(
        nl(app, "Running now (%(n)d of at most %(limit)d)", n=DEMO_RUNNING, limit=LIMIT)
    )
    expect(page.locator("#running .board__card")).to_have_count(DEMO_RUNNING)

    # Known approaches; one of them is the start of the design.
    page.click(f'.subnav a[href="{BOARD}approaches"]')
    expect(page).to_have_url(f"{base}{BOARD}approaches")
    expect(page.locator(".approaches > li.approach")).to_have_count(len(approaches.APPROACHES))
    card = page.locator(f"#approach-{APPROACH}")
    expect(card.locator("h2")).to_have_text(approach_title)
    card.get_by_role(
        "link", name=nl(app, "Use “%(title)s” as a start", title=approach_title)
    ).click()
    expect(page).to_have_url(re.compile(rf"/experiments/new\?approach={APPROACH}$"))
    expect(page.locator("main .notice")).to_contain_text(approach_title)
    expect(page.locator("#title")).to_have_value(approach_title)
    expect(page.locator("#aim")).not_to_have_value("")
    expect(page.locator("#prediction")).not_to_have_value("")
    expect(page.locator("input[name=goal_ids]")).to_have_count(len(goals) + 3)  # + focus goals
    page.fill("#title", TITLE)
    page.check(f"input[name=goal_ids][value='{goal_id}']")
    page.click("form.doen-form button[type=submit]")

    # Saved as an idea, with the approach's suggested measures.
    expect(page).to_have_url(re.compile(rf"{re.escape(base + BOARD)}\d+$"))
    experiment_id = int(page.url.rsplit("/", 1)[1])
    expect(page.locator(".flashes .flash--success")).to_have_text(
        nl(app, "The experiment has been saved as an idea.")
    )
    expect(page.locator("main h1")).to_contain_text(TITLE)
    expect_stage(page, app, "idea")
    expect(page.locator("#design .experiment-goals li")).to_have_text([goal_text])
    measures = _measures(app, experiment_id)
    suggested = approaches.get(APPROACH).suggested_measures
    assert len(measures) == min(len(suggested), services.MAX_MEASURES)
    expect(page.locator("#measures tbody tr")).to_have_count(len(measures))
    # Every measure's buttons name the measure for a screen reader; the eye sees "Edit".
    for m in measures:
        edit = page.get_by_role("link", name=named(app, "Edit", m.name))
        expect(edit).to_have_attribute("href", f"{_url(experiment_id)}/measures/{m.id}/edit")
        expect(edit.locator(".visually-hidden")).to_have_count(1)
        remove = page.get_by_role("button", name=named(app, "Remove", m.name))
        expect(remove).to_be_visible()
        expect(remove.locator(".visually-hidden")).to_contain_text(m.name)
    # The charts start when it runs; there is nothing to observe yet.
    expect(page.locator("#charts svg")).to_have_count(0)
    expect(page.locator("#observe")).to_have_count(0)

    # The design is ready: operated from the keyboard.
    ready = step_button(page, app, "The design is ready", TITLE)
    ready.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".flashes .flash--success")).to_have_text(
        nl(app, "“%(title)s” is now: %(stage)s.", title=TITLE, stage=nl(app, "designed"))
    )
    expect_stage(page, app, "designed")
    expect(page.locator("#lifecycle .lifecycle__step--done")).to_have_text([nl(app, "idea")])
    expect(page.locator("#lifecycle")).to_contain_text(
        nl_n(app, "%(num)d experiment is running; the limit is %(limit)d.",
             "%(num)d experiments are running; the limit is %(limit)d.",
             DEMO_RUNNING, limit=LIMIT)
    )  # fmt: skip
    expect(step_button(page, app, "Back to idea", TITLE)).to_be_visible()

    # Two run already, the limit is three: this one may start.
    step_button(page, app, "Start the experiment", TITLE).click()
    expect(page.locator(".flashes .flash--success")).to_have_text(
        nl(app, "“%(title)s” is now: %(stage)s.", title=TITLE, stage=nl(app, "running"))
    )
    expect_stage(page, app, "running")
    expect(page.locator("#lifecycle .lifecycle__step--done")).to_have_text(
        [nl(app, "idea"), nl(app, "designed")]
    )
    expect(page.locator("#observe form")).to_be_visible()
    # No points yet: each chart says so, to the eye and to a screen reader.
    empty = page.locator("#charts svg[role=img]")
    expect(empty).to_have_count(len(measures))
    expect(empty.first.locator("desc")).to_have_text(
        nl(app, "%(title)s: nothing to show yet.", title=measures[0].name)
    )
    # Closing before the evaluation says what is missing, next to the button.
    expect(page.locator("#lifecycle")).to_contain_text(
        nl(app, "Fill in the evaluation and choose adopt, adapt or abandon before you close it.")
    )

    # Six observations over the last four weeks: one with a note, one with a change of course.
    today = date.today()
    dates = [today - timedelta(days=5 * (5 - i)) for i in range(6)]
    for i, on in enumerate(dates):
        page.fill("#observed_on", on.isoformat())
        for m in measures:
            page.fill(f"#value-{m.id}", VALUES[m.kind][i])
        if i == 2:
            page.fill("#note", NOTE)
        if i == 4:
            page.fill("#adjustment", ADJUSTMENT)
        page.click("#observe button[type=submit]")
        expect(page).to_have_url(f"{base}{_url(experiment_id)}#charts")
        expect(page.locator(".flashes .flash--success")).to_have_text(
            nl(app, "The observation has been saved.")
        )
        expect(page.locator("#observations tbody tr")).to_have_count(i + 1)

    # The observations, newest first; the date of each is its row's header.
    rows = page.locator("#observations tbody tr")
    expect(rows.locator("th")).to_have_text([nl_date(app, on) for on in reversed(dates)])
    expect(rows.nth(3)).to_contain_text(NOTE)
    expect(rows.nth(1)).to_contain_text(nl(app, "Change of course:"))
    expect(rows.nth(1)).to_contain_text(ADJUSTMENT)
    # Comma decimals were read as numbers and are shown the Dutch way again.
    scale = next((m for m in measures if m.kind is MeasureKind.scale), None)
    if scale is not None:
        column = 1 + measures.index(scale)
        expect(rows.nth(5).locator("td").nth(column - 1)).to_have_text("2,5")
    # Each removal button names the observation it removes.
    for on in dates:
        which = nl(app, "observation of %(date)s", date=nl_date(app, on))
        expect(page.get_by_role("button", name=named(app, "Remove", which))).to_have_count(1)

    # The run chart: one per measure, described for a screen reader, with its reading.
    charts = page.locator("#charts svg[role=img]")
    expect(charts).to_have_count(len(measures))
    alt_texts = _alt_texts(app, demo, experiment_id)
    first_desc = charts.first.locator("desc")
    expect(first_desc).to_have_text(alt_texts[0])
    points = _points_sentence(app, measures[0], dates)
    expect(first_desc).to_contain_text(points)
    expect(first_desc).to_contain_text(ADJUSTMENT[:20])  # the change of course is a note
    expect(charts.first).to_have_accessible_name(re.compile(re.escape(measures[0].name)))
    expect(charts.first.locator("circle.run-point")).to_have_count(6)
    expect(charts.first.locator(".run-annotation")).to_have_count(1)
    readings = page.locator("#charts .runchart__reading")
    too_few = nl(app, "Too few points for conclusions yet: %(n)d of the %(needed)d needed.",
                 n=6, needed=10)  # fmt: skip
    expect(readings).to_have_text([too_few] * len(measures))
    expect(page.locator("#charts .runchart__reading--signal")).to_have_count(0)

    # The evaluation: scores, a decision to adopt, next steps.
    page.click(f'#evaluation a[href="{_url(experiment_id)}/evaluation"]')
    expect(page).to_have_url(f"{base}{_url(experiment_id)}/evaluation")
    page.fill("#went_as_planned", "Bijna: twee gezinnen kregen de afspraken pas later mee.")
    page.select_option("#pupils_score", "4")
    page.fill("#pupils_comment", "De kinderen wezen elkaar op de afspraken.")
    page.select_option("#parents_score", "3")
    page.select_option("#teachers_score", "5")
    page.select_option("#contribution_score", "4")
    page.fill("#contribution", "Ouders en kinderen gebruiken dezelfde woorden.")
    page.fill("#prediction_review", "Klopte voor de kinderen, thuis minder dan verwacht.")
    page.check("input[name=decision][value=adopt]")
    page.fill("#next_steps", "Volgend jaar in alle groepen, vertaald voor ouders die dat vragen.")
    page.click("form.doen-form button[type=submit]")
    expect(page).to_have_url(f"{base}{_url(experiment_id)}#evaluation")
    expect(page.locator(".flashes .flash--success")).to_have_text(
        nl(app, "The evaluation has been saved.")
    )
    evaluation = page.locator("#evaluation")
    expect(evaluation).to_contain_text(nl(app, "adopt: keep doing it"))
    expect(evaluation).to_contain_text(nl(app, "%(n)d of 5", n=4))
    expect(evaluation).to_contain_text("Volgend jaar in alle groepen")

    # Closing with the evaluation: the experiment is evaluated and keeps its record.
    step_button(page, app, "Close with the evaluation", TITLE).click()
    expect(page.locator(".flashes .flash--success")).to_have_text(
        nl(app, "“%(title)s” is now: %(stage)s.", title=TITLE, stage=nl(app, "evaluated"))
    )
    expect_stage(page, app, "evaluated")
    expect(page.locator("#lifecycle .lifecycle__step--done")).to_have_count(3)
    expect(page.locator("#lifecycle button")).to_have_count(0)
    expect(page.locator("#observe")).to_have_count(0)
    removal = re.compile("^" + re.escape(nl(app, "Remove")) + " ?:")
    expect(page.get_by_role("button", name=removal)).to_have_count(0)
    expect(page.locator("#charts svg[role=img]")).to_have_count(len(measures))

    # The board lists it among the evaluated ones, with its decision; two run again.
    page.click(f'.eyebrow a[href="{BOARD}"]')
    expect(page).to_have_url(f"{base}{BOARD}")
    expect(page.locator("#running-title")).to_contain_text(
        nl(app, "Running now (%(n)d of at most %(limit)d)", n=DEMO_RUNNING, limit=LIMIT)
    )
    card = page.locator(f"#others #experiment-{experiment_id}")
    expect(card.locator(".board__title")).to_have_text(TITLE)
    expect(card.locator(".stage")).to_have_class(stage_class("evaluated"))
    expect(card.locator(".stage")).to_have_text(nl(app, "evaluated"))
    expect(card.locator(".board__decision")).to_contain_text(nl(app, "adopt: keep doing it"))
    expect(card.locator(".board__goals li")).to_have_text([goal_text])
    assert_no_horizontal_scroll(page)


# --- a member on a phone, and the director -----------------------------------------------


def test_member_observes_on_a_phone_and_the_director_only_reads(
    app, demo, live_server, page: Page, browser: Browser
):
    base = live_server
    experiment_id, title = _running_demo_experiment(app, demo, "Gesprekskaartje")
    measures = _measures(app, experiment_id)
    with app.app_context():
        before = len(db.session.get(Experiment, experiment_id).observations)
    page.set_viewport_size(PHONE)
    log_in(page, base, PARENT)

    page.goto(f"{base}{BOARD}")
    expect(page.locator("#running .board__card")).to_have_count(DEMO_RUNNING)
    expect(page.locator("#running svg[role=img]")).to_have_count(DEMO_RUNNING)
    assert_no_horizontal_scroll(page)
    page.click(f'#running a[href="{_url(experiment_id)}"]')
    expect(page).to_have_url(f"{base}{_url(experiment_id)}")
    expect_stage(page, app, "running")
    # A member observes, but the chair steers the lifecycle.
    expect(page.locator("#lifecycle button")).to_have_count(0)
    assert_no_horizontal_scroll(page)

    yesterday = date.today() - timedelta(days=1)
    page.fill("#observed_on", yesterday.isoformat())
    for m in measures:
        page.fill(f"#value-{m.id}", {MeasureKind.percentage: "80", MeasureKind.count: "1"}.get(
            m.kind, "1"))  # fmt: skip
    page.fill("#note", "Ook de ouders van het kind dat pest kregen eerst een vraag.")
    page.click("#observe button[type=submit]")
    expect(page).to_have_url(f"{base}{_url(experiment_id)}#charts")
    expect(page.locator(".flashes .flash--success")).to_have_text(
        nl(app, "The observation has been saved.")
    )
    rows = page.locator("#observations tbody tr")
    expect(rows).to_have_count(before + 1)
    expect(page.locator("#observations tbody th")).to_contain_text([nl_date(app, yesterday)])
    expect(page.locator("#charts .runchart__reading").first).to_have_text(
        nl(app, "Too few points for conclusions yet: %(n)d of the %(needed)d needed.",
           n=before + 1, needed=10)
    )  # fmt: skip
    # The wide table scrolls inside its own frame on a phone; the page does not.
    assert_no_horizontal_scroll(page)
    frame = page.locator("#observations .table-wrap")
    expect(frame).to_have_attribute("role", "region")
    expect(frame).to_have_accessible_name(nl(app, "Observations"))
    assert frame.evaluate("el => el.scrollWidth > el.clientWidth"), "the table fits: no scrolling"
    assert frame.evaluate("el => getComputedStyle(el).overflowX") == "auto"
    # The chart shrinks to the phone's width.
    width = page.locator("#charts svg[role=img]").first.evaluate(
        "el => el.getBoundingClientRect().width"
    )
    assert width <= PHONE["width"], f"the run chart is {width}px wide on a phone"

    # The director reads the board and the experiment, and records nothing.
    director = browser.new_page(viewport=PHONE)
    try:
        log_in(director, base, DIRECTOR)
        director.goto(f"{base}{BOARD}")
        expect(director.locator("#running .board__card")).to_have_count(DEMO_RUNNING)
        expect(director.locator(f'main a[href="{BOARD}new"]')).to_have_count(0)
        assert_no_horizontal_scroll(director)
        director.click(f'#running a[href="{_url(experiment_id)}"]')
        expect(director).to_have_url(f"{base}{_url(experiment_id)}")
        expect(director.locator("#charts svg[role=img]")).to_have_count(len(measures))
        expect(director.locator("#observations tbody tr")).to_have_count(before + 1)
        expect(director.locator("#observe")).to_have_count(0)
        expect(director.locator("form[action$='/observations']")).to_have_count(0)
        expect(director.locator("main form button")).to_have_count(0)
        expect(director.locator(f'a[href="{_url(experiment_id)}/evaluation"]')).to_have_count(0)
        assert_no_horizontal_scroll(director)
    finally:
        director.close()


# --- one to three at a time ----------------------------------------------------------------


def test_a_fourth_running_experiment_is_refused_with_the_reason(app, demo, live_server, page: Page):
    base = live_server
    third, fourth = _designed_experiments(app, demo, ["Overblijfmaatjes", "Rustige pauzehoek"])
    page.set_viewport_size(DESKTOP)
    log_in(page, base, CHAIR)

    # The third may start: the limit is three.
    page.goto(f"{base}{_url(third)}")
    expect_stage(page, app, "designed")
    step_button(page, app, "Start the experiment", "Overblijfmaatjes").click()
    expect_stage(page, app, "running")

    # The fourth is told why not, and stays designed.
    page.goto(f"{base}{_url(fourth)}")
    expect(page.locator("#lifecycle")).to_contain_text(
        nl_n(app, "%(num)d experiment is running; the limit is %(limit)d.",
             "%(num)d experiments are running; the limit is %(limit)d.", LIMIT, limit=LIMIT)
    )  # fmt: skip
    step_button(page, app, "Start the experiment", "Rustige pauzehoek").click()
    refusal = page.locator(".flashes .flash--error")
    expect(refusal).to_have_text(
        nl_n(
            app,
            "%(num)d experiment is running already, the limit of this year. Running one "
            "to three at a time keeps them small enough to do well and to observe: "
            "with more, nobody can tell which change made the difference. Evaluate one "
            "first, or let the chair raise the limit.",
            "%(num)d experiments are running already, the limit of this year. Running "
            "one to three at a time keeps them small enough to do well and to observe: "
            "with more, nobody can tell which change made the difference. Evaluate one "
            "first, or let the chair raise the limit.",
            LIMIT,
        )
    )
    expect(page).to_have_url(f"{base}{_url(fourth)}")
    expect_stage(page, app, "designed")
    with app.app_context():
        assert db.session.get(Experiment, fourth).stage is Stage.designed
        assert services.running_count(_cycle(demo)) == LIMIT

    # The board shows the three that run and the one waiting.
    page.goto(f"{base}{BOARD}")
    expect(page.locator("#running-title")).to_contain_text(
        nl(app, "Running now (%(n)d of at most %(limit)d)", n=LIMIT, limit=LIMIT)
    )
    expect(page.locator("#running .board__card")).to_have_count(LIMIT)
    waiting = page.locator(f"#others #experiment-{fourth} .stage")
    expect(waiting).to_have_class(stage_class("designed"))
