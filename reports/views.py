"""Download views: build a document with a pure function and stream it."""

from __future__ import annotations

from io import BytesIO

from flask import g, send_file
from flask_babel import gettext as _

from reports import bp
from reports.interview_card import build_interview_card
from workgroup.access import ALL_ROLES, cycle_or_404, require
from workgroup.guidance import CARD_INTRO_HINT, CARD_PROMPTS, CARD_REMINDERS

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def send_document(document, filename: str):
    buffer = BytesIO()
    document.save(buffer)
    buffer.seek(0)
    return send_file(buffer, mimetype=DOCX, as_attachment=True, download_name=filename)


@bp.route("/interview-card.docx", methods=["GET"])
@require(*ALL_ROLES)
def download_interview_card(year: int):
    """The interview card as a Word document, in the user's language."""
    cycle_or_404(year)
    document = build_interview_card(
        school_name=g.school.name,
        title=_("Interview card"),
        intro_hint=str(CARD_INTRO_HINT),
        prompts_heading=_("Ask further"),
        prompts=[str(p) for p in CARD_PROMPTS],
        reminders_heading=_("Remember"),
        reminders=[str(r) for r in CARD_REMINDERS],
    )
    return send_document(document, _("interview-card") + ".docx")
