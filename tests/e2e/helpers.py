"""What every browser journey needs: the phone size, Dutch texts from the catalog, logging in,
and the check that a page does not scroll sideways."""

from __future__ import annotations

import re

from flask_babel import force_locale, gettext
from playwright.sync_api import Page, expect

from tests.conftest import PASSWORD

PHONE = {"width": 375, "height": 740}


def nl(app, msgid: str, **variables) -> str:
    """The Dutch text the app shows for ``msgid``, whatever the catalog says today."""
    with app.test_request_context(), force_locale("nl"):
        return gettext(msgid, **variables)


def log_in(page: Page, base: str, email: str) -> None:
    page.goto(f"{base}/login")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.click("#login-form button[type=submit]")
    expect(page).not_to_have_url(re.compile(r"/login"))


def assert_no_horizontal_scroll(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    viewport = page.viewport_size["width"]
    assert width <= viewport, f"{page.url} scrolls sideways: {width}px wide in {viewport}px"
