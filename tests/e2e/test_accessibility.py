"""Accessibility: every main page of the app, seen by the role that uses it, checked with axe-core
(vendored in ``tests/e2e/vendor``) against WCAG 2.0 and 2.1, levels A and AA. A violation of
impact "serious" or "critical" fails the page's test and is listed with its rule and selectors.

To stay fast, the demo school is seeded once for the module, served by one server, and every
role logs in once in its own browser context; each page is its own test id."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page
from sqlalchemy import select
from werkzeug.serving import make_server

from app import db, limiter
from experiments.models import Experiment
from interviews.models import Respondent, Transcript
from tests.conftest import PASSWORD
from tests.e2e.helpers import PHONE, log_in
from workgroup.demo import seed_demo
from workgroup.models import Cycle, School, User

pytestmark = pytest.mark.e2e

AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
FAILING = {"serious", "critical"}
YEAR = 2026
Y = f"/years/{YEAR}"
DESKTOP = {"width": 1280, "height": 800}

CHAIR = "voorzitter@example.nl"
PARENT = "ouder@example.nl"  # Samira El Idrissi, interviewer of the demo's first respondent
DIRECTOR = "directeur@example.nl"
ANONYMOUS = None

R = f"{Y}/interviews/respondents/{{r}}"


def visit(test_id: str, who: str | None, path: str, viewport: dict = DESKTOP):
    return pytest.param(who, path, viewport, id=test_id)


#: Who looks at which page how wide; ``{r}`` is the demo's first respondent with a write-out,
#: ``{e}`` its first experiment.
PAGES = [
    visit("login", ANONYMOUS, "/login"),
    visit("dashboard", CHAIR, f"{Y}/"),
    visit("dashboard-member", PARENT, f"{Y}/"),
    visit("dashboard-director", DIRECTOR, f"{Y}/"),
    visit("dashboard-phone", CHAIR, f"{Y}/", PHONE),
    visit("meetings", CHAIR, f"{Y}/meetings"),
    visit("meeting", CHAIR, f"{Y}/meetings/4"),
    visit("actions", CHAIR, f"{Y}/actions"),
    visit("members", CHAIR, f"{Y}/members"),
    visit("startfoto", CHAIR, f"{Y}/startfoto"),
    visit("startfoto-edit", CHAIR, f"{Y}/startfoto/edit"),
    visit("conditions", CHAIR, f"{Y}/conditions"),
    visit("glossary", CHAIR, "/glossary"),
    visit("welcome", CHAIR, "/welcome"),
    visit("training", PARENT, f"{Y}/interviews/training"),
    visit("guide", CHAIR, f"{Y}/interviews/guide"),
    visit("respondents", CHAIR, f"{Y}/interviews"),
    visit("respondent", PARENT, R),
    visit("consent-record", PARENT, f"{R}/consent"),
    visit("transcript-edit", PARENT, f"{R}/transcript"),
    visit("codebook", CHAIR, f"{Y}/interviews/codebook"),
    visit("coding", CHAIR, f"{Y}/interviews/coding/{{r}}"),
    visit("analysis", CHAIR, f"{Y}/interviews/analysis"),
    visit("agreement", CHAIR, f"{Y}/interviews/agreement"),
    visit("focus", CHAIR, f"{Y}/interviews/focus"),
    visit("summary", DIRECTOR, f"{Y}/interviews/summary"),
    visit("audit-log", CHAIR, "/audit"),
    visit("password", PARENT, "/account/password"),
    visit("meeting-plan", CHAIR, f"{Y}/meetings/4/plan"),
    visit("conditions-edit", CHAIR, f"{Y}/conditions/start"),
    visit("guide-edit", CHAIR, f"{Y}/interviews/guide/edit"),
    visit("coding-list", CHAIR, f"{Y}/interviews/coding"),
    visit("people", CHAIR, "/people"),
    visit("minutes-history", CHAIR, f"{Y}/meetings/1/history"),
    visit("experiments", CHAIR, f"{Y}/experiments/"),
    visit("experiment", PARENT, f"{Y}/experiments/{{e}}"),
    visit("experiment-new", PARENT, f"{Y}/experiments/new"),
    visit("approaches", CHAIR, f"{Y}/experiments/approaches"),
    visit("year-evaluation", DIRECTOR, f"{Y}/experiments/evaluation"),
    visit("reports", CHAIR, f"{Y}/reports/"),
    visit("house-style", CHAIR, f"{Y}/reports/house-style"),
]


@dataclass(frozen=True)
class Site:
    base: str
    respondent_id: int
    experiment_id: int


@pytest.fixture(scope="module")
def site(_app) -> Iterator[Site]:
    """The demo school, seeded once and served for the whole module; emptied afterwards the
    same way as the per-test ``app`` fixture does (the data outlives one test here)."""
    server = thread = None
    try:
        with _app.test_request_context():
            seed_demo(start_year=YEAR)
            for user in db.session.scalars(select(User)):
                user.set_password(PASSWORD)
            school = db.session.scalar(select(School).where(School.is_demo.is_(True)))
            cycle = db.session.scalar(
                select(Cycle).where(Cycle.school_id == school.id, Cycle.start_year == YEAR)
            )
            respondent_id = db.session.scalars(
                select(Respondent.id)
                .join(Transcript, Transcript.respondent_id == Respondent.id)
                .where(Respondent.cycle_id == cycle.id)
                .order_by(Respondent.number)
            ).first()
            assert respondent_id is not None, "the demo school has no write-outs"
            experiment_id = db.session.scalars(
                select(Experiment.id).where(Experiment.cycle_id == cycle.id).order_by(Experiment.id)
            ).first()
            assert experiment_id is not None, "the demo school has no experiments"
            db.session.commit()
        server = make_server("127.0.0.1", 0, _app, threaded=True)
        thread = threading.Thread(target=server.serve_forever, name="a11y-server", daemon=True)
        thread.start()
        yield Site(f"http://127.0.0.1:{server.server_port}", respondent_id, experiment_id)
    finally:
        if server is not None:
            server.shutdown()
            server.server_close()
        if thread is not None:
            thread.join(timeout=5)
        with _app.app_context():
            db.session.remove()
            for table in reversed(db.metadata.sorted_tables):
                db.session.execute(table.delete())
            db.session.commit()
        limiter.reset()


@pytest.fixture(scope="module")
def pages(browser: Browser, site: Site) -> Iterator[Callable[[str | None], Page]]:
    """One browser context per role, logged in on first use; yields a getter of its page."""
    contexts: dict[str | None, tuple[BrowserContext, Page]] = {}

    def get(who: str | None) -> Page:
        if who not in contexts:
            context = browser.new_context(viewport=DESKTOP)
            page = context.new_page()
            if who is not None:
                log_in(page, site.base, who)
            contexts[who] = (context, page)
        return contexts[who][1]

    yield get
    for context, _page in contexts.values():
        context.close()


def axe_violations(page: Page) -> list[dict]:
    """Run axe in the page (evaluated, not a script tag: the CSP forbids inline scripts)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE)
    # What is folded away (menus, help, forms behind a button) is checked too.
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    return page.evaluate(
        """async tags => {
             const results = await axe.run(document, {
               runOnly: {type: 'tag', values: tags}, resultTypes: ['violations'],
             });
             return results.violations.map(v => ({
               id: v.id, impact: v.impact, help: v.help,
               targets: v.nodes.map(n => n.target.join(' ')),
             }));
           }""",
        TAGS,
    )


def duplicate_ids(page: Page) -> list[str]:
    """Ids used more than once (axe 4.x no longer checks this under the WCAG tags). Hidden
    inputs are left out: every form has its own ``csrf_token``, which nothing refers to."""
    return page.evaluate(
        """() => {
             const seen = new Set(), twice = new Set();
             for (const el of document.querySelectorAll('[id]:not(input[type=hidden])')) {
               (seen.has(el.id) ? twice : seen).add(el.id);
             }
             return [...twice];
           }"""
    )


def report(url: str, violations: list[dict]) -> str:
    lines = [f"{len(violations)} serious or critical accessibility violation(s) on {url}:"]
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']}")
        lines.extend(f"    {target}" for target in v["targets"][:10])
        if len(v["targets"]) > 10:
            lines.append(f"    … and {len(v['targets']) - 10} more")
    return "\n".join(lines)


@pytest.mark.parametrize(("who", "path", "viewport"), PAGES)
def test_page_has_no_serious_accessibility_violations(pages, site: Site, who, path, viewport):
    page = pages(who)
    page.set_viewport_size(viewport)
    url = site.base + path.format(r=site.respondent_id, e=site.experiment_id)
    response = page.goto(url)
    assert response is not None and response.ok, f"{url} answered {response and response.status}"
    assert page.url.split("?")[0] == url, f"{url} redirected to {page.url}"
    violations = [v for v in axe_violations(page) if v["impact"] in FAILING]
    assert not violations, report(url, violations)
    twice = duplicate_ids(page)
    assert not twice, f"{url} has duplicate ids: {twice}"


def test_login_error_has_no_serious_accessibility_violations(pages, site: Site):
    """The login form as it comes back with an error (the field is invalid and described)."""
    page = pages(ANONYMOUS)
    page.set_viewport_size(DESKTOP)
    page.goto(f"{site.base}/login")
    page.fill("#email", CHAIR)
    page.fill("#password", "not the password")
    page.click("#login-form button[type=submit]")
    page.wait_for_selector("#password[aria-invalid=true]")
    violations = [v for v in axe_violations(page) if v["impact"] in FAILING]
    assert not violations, report(page.url, violations)


#: What the focused element looks like: its kind, its outline and the page's background.
FOCUSED = """() => {
  const el = document.activeElement, style = getComputedStyle(el);
  return {
    kind: el.tagName.toLowerCase() === 'input' ? 'input' : el.tagName.toLowerCase(),
    label: el.outerHTML.slice(0, 80),
    outline: style.outlineStyle, width: parseFloat(style.outlineWidth), colour: style.outlineColor,
    background: getComputedStyle(document.documentElement).backgroundColor,
  };
}"""


def _luminance(css: str) -> float:
    """Relative luminance (WCAG) of a computed ``rgb(r, g, b)`` colour."""
    channels = [float(x) / 255 for x in re.findall(r"[\d.]+", css)[:3]]
    red, green, blue = (
        c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels
    )
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_keyboard_focus_is_visible(pages, site: Site):
    """Tabbing through a meeting page (links, buttons, inputs, the summaries of folded
    sections): every focused element has a solid outline of 2px or more that stands out 3:1
    against the page."""
    page = pages(CHAIR)
    page.set_viewport_size(DESKTOP)
    page.goto(f"{site.base}{Y}/meetings/4")
    wanted = {"a", "button", "input", "textarea", "summary"}
    seen: set[str] = set()
    for _ in range(250):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused["kind"] == "body":
            break
        assert focused["outline"] != "none" and focused["width"] >= 2, focused
        assert _contrast(focused["colour"], focused["background"]) >= 3, focused
        seen.add(focused["kind"])
        if wanted <= seen:
            break
    assert wanted <= seen, f"tabbing never reached {wanted - seen}"
