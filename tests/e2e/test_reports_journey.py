"""The director in a real browser: finds the year report under Reports, sees that it is being
made, gets a Word file with the year in it, and cannot reach a write-out or the coding.

Texts are looked up in the catalog (``nl``); the file is read back with python-docx."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document
from playwright.sync_api import Page, expect
from sqlalchemy import select

from app import db
from interviews.models import Respondent, Transcript
from tests.e2e.helpers import log_in, nl
from workgroup.models import Cycle

pytestmark = pytest.mark.e2e

DIRECTOR = "directeur@example.nl"
YEAR = 2026


def test_the_director_downloads_the_year_report_and_cannot_reach_a_transcript(
    app, demo, live_server, page: Page
):
    base = live_server
    with app.app_context():
        cycle = db.session.scalar(select(Cycle).where(Cycle.school_id == demo.school_id))
        respondent = db.session.scalar(
            select(Respondent)
            .join(Transcript, Transcript.respondent_id == Respondent.id)
            .where(Respondent.cycle_id == cycle.id)
            .order_by(Respondent.number)
        )
        write_out = respondent.transcript.body[:60]
        rid = respondent.id

    log_in(page, base, DIRECTOR)
    page.get_by_role("link", name=nl(app, "Reports"), exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        nl(app, "Reports and downloads %(label)s", label="")
    )
    button = page.get_by_role("link", name=nl(app, "Download the year report (Word)"))
    with page.expect_download() as info:
        button.click()
        # while it is being made, the page says so
        status = page.locator("#year-report-status")
        expect(status).to_be_visible()
    download = info.value
    assert download.suggested_filename.endswith(".docx")
    document = Document(io.BytesIO(Path(download.path()).read_bytes()))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert nl(app, "Summary") in headings
    assert nl(app, "Conditions for success") in headings
    assert len(document.inline_shapes) == 7
    expect(page.locator("#year-report-status")).to_have_text(
        nl(app, "The year report is ready: look in your downloads.")
    )
    text = "\n".join(p.text for p in document.paragraphs)
    assert write_out not in text

    # a write-out, the coding and the codings export stay closed to the director
    for path in (
        f"/years/{YEAR}/interviews/respondents/{rid}/transcript",
        f"/years/{YEAR}/interviews/coding/{rid}",
        f"/years/{YEAR}/reports/codings.csv",
    ):
        response = page.request.get(base + path)
        assert response.status == 403, path
    page.goto(base + f"/years/{YEAR}/interviews/respondents/{rid}/transcript")
    assert write_out not in page.content()
