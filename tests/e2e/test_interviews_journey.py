"""LUISTEREN in a real browser on a phone: a parent member finds the respondent assigned to her,
sees the write-out blocked until consent is recorded, records it, writes the interview out and
relies on the autosave; and two tabs on one write-out end in a conflict instead of an overwrite.

As in test_journeys.py, the tests assert on ids, classes, URLs and what they typed; texts are
looked up in the catalog (``nl``), which another hand may still be translating."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
from playwright.sync_api import BrowserContext, Page, expect
from sqlalchemy import select

from app import db
from interviews import services
from interviews.models import ConsentMethod, Respondent, RespondentGroup, Transcript
from tests.e2e.helpers import PHONE, assert_no_horizontal_scroll, log_in, nl
from workgroup.models import AuditEvent, Cycle, Role, User, WorkgroupMember

pytestmark = pytest.mark.e2e

PARENT = "ouder@example.nl"  # Samira El Idrissi, member (parent) of the demo school
CHAIR = "voorzitter@example.nl"
YEAR = 2026
#: Sentences with no names in them: the demo's pseudonym list must leave them as typed.
SENTENCES = (
    "De moeder vertelt dat haar zoon in groep 6 werd buitengesloten. "
    "Ze belde de leerkracht en kreeg dezelfde dag een afspraak. "
    "Wat hielp was dat de school haar op de hoogte hield."
)


def status_class(status: str) -> re.Pattern:
    return re.compile(rf"(^|\s)status--{status}(\s|$)")


def _user(email: str) -> User:
    return db.session.scalar(select(User).where(User.email == email))


def _assigned_respondent(app, demo, *, with_consent: bool = False, body: str = "") -> dict:
    """A new parent respondent in the demo year, assigned to Samira; optionally with consent
    to write out and a first write-out. Returns its id, code and the URLs the tests use."""
    with app.test_request_context():
        cycle = db.session.scalar(
            select(Cycle).where(Cycle.school_id == demo.school_id, Cycle.start_year == demo.year)
        )
        chair = _user(CHAIR)
        samira = db.session.scalar(
            select(WorkgroupMember)
            .join(User, WorkgroupMember.user_id == User.id)
            .where(User.email == PARENT, WorkgroupMember.cycle_id == cycle.id)
        )
        assert samira is not None and samira.display_name == "Samira El Idrissi"
        respondent = services.add_respondent(
            cycle, chair, group=RespondentGroup.parent, interviewer_id=samira.id
        )
        if with_consent:
            services.record_consent(
                respondent,
                chair,
                given_on=date.today(),
                method=ConsentMethod.digital,
                allows_transcript=True,
                allows_quotes=False,
            )
        if body:
            services.save_transcript(
                respondent, samira.user, Role.member, body=body, base_version=None
            )
        db.session.commit()
        rid, code = respondent.id, respondent.code
    show = f"/years/{YEAR}/interviews/respondents/{rid}"
    return {
        "id": rid,
        "code": code,
        "show": show,
        "consent": f"{show}/consent",
        "transcript": f"{show}/transcript",
    }


def _stored(app, respondent_id: int) -> Transcript | None:
    with app.app_context():
        return db.session.scalar(
            select(Transcript).where(Transcript.respondent_id == respondent_id)
        )


def test_parent_records_consent_and_writes_out_on_a_phone(app, demo, live_server, page: Page):
    r = _assigned_respondent(app, demo)
    base = live_server
    page.set_viewport_size(PHONE)

    log_in(page, base, PARENT)
    expect(page.locator(".user-menu summary")).to_contain_text("Samira El Idrissi")

    # The overview lists the people she interviews, the new one among them.
    page.goto(f"{base}/years/{YEAR}/interviews")
    expect(page.locator("main h1")).to_be_visible()
    link = page.locator(f'table.respondents a[href="{r["show"]}"]')
    expect(link).to_have_text(r["code"])
    row = page.locator("table.respondents tbody tr", has=page.locator(f'a[href="{r["show"]}"]'))
    expect(row.locator(".tag.status")).to_have_class(status_class("to_ask"))
    assert_no_horizontal_scroll(page)

    # Her respondent without consent: the write-out is blocked, and there is no way in.
    link.click()
    expect(page).to_have_url(f"{base}{r['show']}")
    expect(page.locator("main h1")).to_contain_text(r["code"])
    blocked = page.locator("main .blocked")
    expect(blocked).to_be_visible()
    expect(blocked).to_contain_text(
        nl(app, "Blocked: the write-out can only start once consent to write it out has been "
                "recorded.")
    )  # fmt: skip
    expect(page.locator(f'main a[href="{r["transcript"]}"]')).to_have_count(0)
    assert_no_horizontal_scroll(page)

    # Typing the editor's URL leads back to the respondent, with the reason, and no text area.
    response = page.goto(f"{base}{r['transcript']}")
    assert response is not None and response.ok
    expect(page).to_have_url(f"{base}{r['show']}")
    expect(page.locator(".flashes .flash--error")).to_contain_text(
        nl(app, "Record the consent to write out this interview first; until then nothing is kept.")
    )
    expect(page.locator("#transcript-body")).to_have_count(0)
    expect(page.locator("main .blocked")).to_be_visible()
    assert_no_horizontal_scroll(page)
    # An autosave sent anyway (an editor left open in another tab) is refused, not kept.
    token = json.loads(page.locator("body").get_attribute("hx-headers"))["X-CSRFToken"]
    refused = page.request.post(
        f"{base}{r['transcript']}",
        form={"csrf_token": token, "version": "0", "body": "Dit mag nog niet bewaard worden."},
        headers={"HX-Request": "true"},
    )
    assert refused.status == 422
    assert 'class="saved"' not in refused.text()
    assert _stored(app, r["id"]) is None

    # Record the consent: date, how, and "may be written out".
    page.goto(f"{base}{r['show']}")
    page.click(f'main a[href="{r["consent"]}"]')
    expect(page).to_have_url(f"{base}{r['consent']}")
    expect(page.locator("#consent-form")).to_be_visible()
    assert_no_horizontal_scroll(page)
    page.fill("#given_on", date.today().isoformat())
    page.check(f'#consent-form input[name=method][value="{ConsentMethod.spoken.value}"]')
    page.check("#allows_transcript")
    expect(page.locator("#allows_transcript")).to_be_checked()
    page.click("#consent-form button[type=submit]")

    # Back on the respondent page, where the write-out now opens.
    expect(page).to_have_url(f"{base}{r['show']}")
    expect(page.locator("main .blocked")).to_have_count(0)
    expect(page.locator("main .tag.status")).to_have_class(status_class("consent_given"))
    assert_no_horizontal_scroll(page)
    page.click(f'main a[href="{r["transcript"]}"]')
    expect(page).to_have_url(f"{base}{r['transcript']}")

    # Type a few sentences; the autosave keeps them without pressing Save.
    box = page.locator("#transcript-body")
    expect(box).to_be_visible()
    expect(box).to_have_value("")
    expect(page.locator("#transcript-version")).to_have_value("0")
    assert_no_horizontal_scroll(page)
    box.click()
    box.press_sequentially(SENTENCES)
    expect(page.locator("#save-status .saved")).to_be_visible(timeout=10_000)
    expect(page.locator("#transcript-version")).to_have_value("1")
    assert_no_horizontal_scroll(page)

    page.reload()
    expect(page.locator("#transcript-body")).to_have_value(SENTENCES)
    expect(page.locator("#save-status .saved")).to_have_count(0)
    assert_no_horizontal_scroll(page)

    with app.app_context():
        transcript = db.session.scalar(
            select(Transcript).where(Transcript.respondent_id == r["id"])
        )
        assert transcript is not None and transcript.body == SENTENCES
        respondent = db.session.get(Respondent, r["id"])
        assert respondent.may_write_out
        consent = respondent.valid_consent
        assert consent.method is ConsentMethod.spoken
        assert consent.allows_transcript and not consent.allows_quotes
        assert consent.given_on == date.today()
        samira = _user(PARENT)
        assert consent.recorded_by_id == samira.id and transcript.updated_by_id == samira.id
        events = db.session.scalars(
            select(AuditEvent).where(
                AuditEvent.school_id == demo.school_id, AuditEvent.subject == r["code"]
            )
        ).all()
        created = [e for e in events if e.action == "create_transcript"]
        assert len(created) == 1, [e.action for e in events]
        assert created[0].user_id == samira.id
        assert created[0].object_id == transcript.id
        assert "record_consent" in {e.action for e in events}


def test_two_tabs_on_one_write_out_end_in_a_conflict(
    app, demo, live_server, context: BrowserContext, page: Page
):
    first = "Het gesprek begon om zeven uur."
    r = _assigned_respondent(app, demo, with_consent=True, body=first)
    base = live_server
    log_in(page, base, PARENT)

    tab_a, tab_b = page, context.new_page()
    for tab in (tab_a, tab_b):
        tab.set_viewport_size(PHONE)
        tab.goto(f"{base}{r['transcript']}")
        expect(tab.locator("#transcript-body")).to_have_value(first)
        expect(tab.locator("#transcript-version")).to_have_value("1")

    # Tab A types and its autosave goes through.
    text_a = first + " Tab A schrijft verder over de eerste week."
    box_a = tab_a.locator("#transcript-body")
    box_a.click()
    box_a.press("Control+End")
    box_a.press_sequentially(" Tab A schrijft verder over de eerste week.")
    expect(tab_a.locator("#save-status .saved")).to_be_visible(timeout=10_000)
    expect(tab_a.locator("#transcript-version")).to_have_value("2")
    assert _stored(app, r["id"]).body == text_a

    # Tab B still has version 1: its autosave is refused and shows both texts.
    text_b = first + " Tab B vult iets anders aan."
    box_b = tab_b.locator("#transcript-body")
    box_b.click()
    box_b.press("Control+End")
    with tab_b.expect_response(
        lambda resp: resp.request.method == "POST" and resp.url.endswith(r["transcript"])
    ) as refused:
        box_b.press_sequentially(" Tab B vult iets anders aan.")
    assert refused.value.status == 409
    conflict = tab_b.locator("#save-status .conflict")
    expect(conflict).to_be_visible()
    expect(conflict).to_contain_text(
        nl(app, "Not saved: someone else saved this write-out in the meantime.")
    )
    texts = conflict.locator(".conflict__text")
    expect(texts).to_have_count(2)
    expect(texts.nth(0)).to_have_text(text_a)  # the saved version
    expect(texts.nth(1)).to_have_text(text_b)  # what tab B typed
    expect(tab_b.locator("#save-status .saved")).to_have_count(0)
    expect(tab_b.locator("#transcript-body")).to_have_value(text_b)  # nothing typed is lost
    assert_no_horizontal_scroll(tab_b)

    # The stored text is still tab A's; nothing was overwritten.
    transcript = _stored(app, r["id"])
    assert transcript.body == text_a
    assert transcript.version == 2
