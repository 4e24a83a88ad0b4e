"""Download views: build a document with a pure function and stream it."""

from __future__ import annotations

from io import BytesIO

from flask import abort, g, send_file
from flask_babel import gettext as _
from flask_login import current_user

from interviews import services as interviews
from reports import bp
from reports.consent_form import build_consent_form
from reports.interview_card import build_interview_card
from workgroup.access import ALL_ROLES, cycle_or_404, require
from workgroup.guidance import CARD_INTRO_HINT, CARD_PROMPTS, CARD_REMINDERS
from workgroup.models import Role

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


@bp.route("/consent-form/<int:respondent_id>.docx", methods=["GET"])
@require(Role.chair, Role.member)
def download_consent_form(year: int, respondent_id: int):
    """The consent form to print, with the current text and the respondent's code."""
    cycle = cycle_or_404(year)
    respondent = interviews.get_respondent(cycle, respondent_id)
    if respondent is None:
        abort(404)
    if not interviews.may_handle(respondent, current_user, g.role):
        abort(403)
    text = interviews.current_consent_text(cycle)
    body = text.body if text else str(interviews.DEFAULT_CONSENT_TEXT)
    is_pupil = respondent.group.value == "pupil"
    signature_lines = (
        [_("Name of the parent or guardian"), _("Signature of the parent or guardian"),
         _("The pupil agrees too (first name)"), _("Date")]
        if is_pupil
        else [_("Name"), _("Signature"), _("Date")]
    )  # fmt: skip
    document = build_consent_form(
        school_name=g.school.name,
        title=_("Consent for an interview"),
        code_line=_("Respondent %(code)s", code=respondent.code),
        version_line=_("Consent text, version %(n)s", n=text.version if text else 1),
        body=body,
        permissions_heading=_("I give permission for"),
        permissions=[
            _("writing out the interview (names replaced by a code)"),
            _("using short anonymous quotes in reports, under the code"),
        ],
        signature_heading=_("Signature"),
        signature_lines=signature_lines,
    )
    return send_document(document, _("consent") + f"-{respondent.code}.docx")
