"""Download views: gather the data, build a document with a pure function and stream it.

Who may download what (the overview page lists it per role):

- meeting outputs and the infographic: chair, members and the director (no write-out text in
  them beyond telling quotes whose respondent consented to quotes, under the code);
- the codebook and a theme's telling quotes in Word: the chair and the coders;
- the data exports (codings, REFI-QDA): the chair only; they hold coded passages or whole
  write-outs, so each download is written to the audit log;
- the house style (logo, colour): the chair.
"""

from __future__ import annotations

import base64
from io import BytesIO

from flask import abort, flash, g, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app import db
from interviews import coding
from interviews import services as interviews
from reports import bp, data, exports, services
from reports.codebook_doc import build_codebook, build_theme_quotes
from reports.consent_form import build_consent_form
from reports.forms import ColourForm, LogoForm
from reports.infographic import build_infographic, render_infographic_png
from reports.interview_card import build_interview_card
from reports.meeting_report import build_meeting_report
from reports.year_report import build_year_report, gather_year_report
from workgroup import services as core
from workgroup.access import ALL_ROLES, attachment, cycle_or_404, no_store, render, require
from workgroup.forms import ConfirmForm
from workgroup.guidance import CARD_INTRO_HINT, CARD_PROMPTS, CARD_REMINDERS
from workgroup.models import DomainError, Role
from workgroup.views import confirm_page, confirmed

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CHAIR = (Role.chair,)
GROUP = (Role.chair, Role.member)


def docx_bytes(document) -> bytes:
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def send_document(document, filename: str):
    """A Word document as a download; any file name survives a real server's headers."""
    return no_store(attachment(docx_bytes(document), DOCX, filename))


def _stem(cycle) -> str:
    """The year in a file name, in plain ASCII: 2026-2027."""
    return f"{cycle.start_year}-{cycle.start_year + 1}"


def _viewer() -> data.Viewer:
    return data.Viewer(g.role, current_user.id)


def _may_code(cycle) -> bool:
    return coding.is_coder(cycle, current_user, g.role)


def _require_coder(cycle) -> None:
    if not _may_code(cycle):
        abort(403)


@bp.app_template_global("has_meeting_report")
def has_meeting_report(number: int) -> bool:
    """Whether a meeting has a Word output yet (for the button on the meeting page)."""
    return data.has_meeting_report(number)


@bp.app_template_global("may_download_coding_reports")
def may_download_coding_reports(cycle) -> bool:
    """Whether the codebook and quotes in Word are for this user (chair and coders)."""
    return g.get("role") is not None and _may_code(cycle)


# --- overview ----------------------------------------------------------------------------


@bp.route("/", methods=["GET"])
@require(*ALL_ROLES)
def index(year: int):
    """Everything this role may download for the year, in one place."""
    cycle = cycle_or_404(year)
    return render(
        "reports/index.html",
        cycle=cycle,
        meetings=core.meetings_of(cycle),
        may_code=_may_code(cycle),
        themes=coding.themes_of(cycle) if _may_code(cycle) else [],
        is_chair=g.role is Role.chair,
    )


# --- meeting outputs and infographic (everyone in the group, the director too) -----------


@bp.route("/meetings/<int:number>.docx", methods=["GET"])
@require(*ALL_ROLES)
def download_meeting(year: int, number: int):
    """The output of a meeting as a Word document, in the user's language."""
    cycle = cycle_or_404(year)
    gathered = data.gather_meeting(cycle, number, _viewer())
    if gathered is None:
        abort(404)
    return send_document(
        build_meeting_report(gathered),
        _("meeting-%(n)d-report", n=number) + f"-{_stem(cycle)}.docx",
    )


@bp.route("/year-report.docx", methods=["GET"])
@require(*ALL_ROLES)
def download_year_report(year: int):
    """The year report for the director: the whole cycle, its results and what comes next."""
    cycle = cycle_or_404(year)
    document = build_year_report(gather_year_report(cycle, _viewer()))
    return send_document(document, _("year-report") + f"-{_stem(cycle)}.docx")


@bp.route("/infographic.docx", methods=["GET"])
@require(*ALL_ROLES)
def download_infographic(year: int):
    """One page for the team and the parents, without personal data."""
    cycle = cycle_or_404(year)
    document = build_infographic(data.gather_infographic(cycle))
    return send_document(document, _("infographic") + f"-{_stem(cycle)}.docx")


@bp.route("/infographic.png", methods=["GET"])
@require(*ALL_ROLES)
def download_infographic_png(year: int):
    """The infographic as one picture, for a newsletter."""
    cycle = cycle_or_404(year)
    png = render_infographic_png(data.gather_infographic(cycle, word_chart=False))
    return attachment(png, "image/png", _("infographic") + f"-{_stem(cycle)}.png")


# --- codebook and quotes (chair and coders) ----------------------------------------------


@bp.route("/codebook.docx", methods=["GET"])
@require(*GROUP)
def download_codebook(year: int):
    """The codebook: themes with their codes, descriptions and how often each was used."""
    cycle = cycle_or_404(year)
    _require_coder(cycle)
    document = build_codebook(data.gather_codebook(cycle))
    return send_document(document, _("codebook") + f"-{_stem(cycle)}.docx")


@bp.route("/themes/<int:theme_id>/quotes.docx", methods=["GET"])
@require(*GROUP)
def download_theme_quotes(year: int, theme_id: int):
    """One theme's telling quotes, only where the consent covers quotes, under the code."""
    cycle = cycle_or_404(year)
    theme = coding.get_theme(cycle, theme_id)
    if theme is None:
        abort(404)
    _require_coder(cycle)
    document = build_theme_quotes(data.gather_theme_quotes(cycle, theme))
    return send_document(document, _("quotes") + f"-{theme.id}-{_stem(cycle)}.docx")


# --- data exports (chair) ----------------------------------------------------------------


def _codings(cycle, kind: str):
    rows = data.coding_rows(cycle)
    core.audit(g.school, current_user, "export_codings", cycle)
    db.session.commit()
    yes, no = _("yes"), _("no")
    name = _("codings") + f"-{_stem(cycle)}"
    if kind == "csv":
        body = exports.codings_csv(rows, data.coding_header(), yes, no)
        return no_store(attachment(body, "text/csv", name + ".csv"))
    body = exports.codings_xlsx(rows, data.coding_header(), yes, no, _("Codings"))
    return no_store(attachment(body, XLSX, name + ".xlsx"))


@bp.route("/codings.csv", methods=["GET"])
@require(*CHAIR)
def download_codings_csv(year: int):
    """Every code on every coded passage, as CSV."""
    return _codings(cycle_or_404(year), "csv")


@bp.route("/codings.xlsx", methods=["GET"])
@require(*CHAIR)
def download_codings_xlsx(year: int):
    """Every code on every coded passage, as an Excel workbook."""
    return _codings(cycle_or_404(year), "xlsx")


@bp.route("/codebook.qdc", methods=["GET"])
@require(*CHAIR)
def download_codebook_qdc(year: int):
    """The codebook in the REFI-QDA exchange format, for other analysis software."""
    cycle = cycle_or_404(year)
    body = exports.codebook_qdc(data.qda_codes(cycle))
    return attachment(body, "application/xml", _("codebook") + f"-{_stem(cycle)}.qdc")


@bp.route("/project.qdpx", methods=["GET"])
@require(*CHAIR)
def download_project_qdpx(year: int):
    """The coded project in the REFI-QDA exchange format, with the (pseudonymised) write-outs.
    The download is logged: it holds every write-out of the year."""
    cycle = cycle_or_404(year)
    body = exports.project_qdpx(data.qda_project(cycle))
    core.audit(g.school, current_user, "export_project", cycle)
    db.session.commit()
    return no_store(
        attachment(body, "application/zip", _("coded-project") + f"-{_stem(cycle)}.qdpx")
    )


# --- house style (chair) -----------------------------------------------------------------


def _house_style_page(cycle, status=200, logo_form=None, colour_form=None):
    logo, mimetype = services.logo_of(g.school)
    colour_form = colour_form or ColourForm(formdata=None, colour=data.colour_of(g.school))
    return render(
        "reports/house_style.html",
        status=status,
        cycle=cycle,
        logo_src=f"data:{mimetype};base64,{base64.b64encode(logo).decode()}" if logo else None,
        logo_form=logo_form or LogoForm(formdata=None),
        colour_form=colour_form,
        confirm_form=ConfirmForm(),
    )


@bp.route("/house-style", methods=["GET"])
@require(*CHAIR)
def show_house_style(year: int):
    """The school's logo and house colour for every document."""
    return _house_style_page(cycle_or_404(year))


@bp.route("/house-style/logo", methods=["POST"])
@require(*CHAIR)
def upload_logo(year: int):
    """Upload the school's logo: PNG or JPEG, at most 1 MB; anything else is refused."""
    cycle = cycle_or_404(year)
    form = LogoForm()
    if form.validate_on_submit():
        upload = form.file.data
        if not upload or not getattr(upload, "filename", ""):
            form.file.errors = [_("Choose a file first.")]
        else:
            with upload.stream:
                content = upload.read(services.MAX_LOGO_BYTES + 1)
            try:
                services.set_logo(g.school, content, current_user)
            except DomainError as exc:
                db.session.rollback()
                form.file.errors = [str(exc)]
            else:
                db.session.commit()
                flash(_("The logo has been saved."), "success")
                return redirect(url_for("reports.show_house_style", year=year))
    return _house_style_page(cycle, 422, logo_form=form)


@bp.route("/house-style/logo/delete", methods=["POST"])
@require(*CHAIR)
def remove_logo(year: int):
    """Remove the school's logo, after a confirmation."""
    cycle_or_404(year)
    back = url_for("reports.show_house_style", year=year)
    if not confirmed():
        return confirm_page(
            _("Remove logo"),
            _("Remove the school's logo? The documents then show the school's name only."),
            url_for("reports.remove_logo", year=year),
            back,
        )
    if ConfirmForm().validate_on_submit():
        services.remove_logo(g.school, current_user)
        db.session.commit()
        flash(_("The logo has been removed."), "success")
    return redirect(back)


@bp.route("/house-style/colour", methods=["POST"])
@require(*CHAIR)
def save_colour(year: int):
    """Choose the house colour of the documents."""
    cycle = cycle_or_404(year)
    form = ColourForm()
    if form.validate_on_submit():
        try:
            services.set_house_colour(g.school, form.colour.data, current_user)
        except DomainError as exc:
            db.session.rollback()
            form.colour.errors = [str(exc)]
        else:
            db.session.commit()
            flash(_("The house colour has been saved."), "success")
            return redirect(url_for("reports.show_house_style", year=year))
    return _house_style_page(cycle, 422, colour_form=form)


# --- the interview card and consent form (meeting 2) -------------------------------------


@bp.route("/interview-card.docx", methods=["GET"])
@require(*ALL_ROLES)
def download_interview_card(year: int):
    """The interview card as a Word document, in the user's language."""
    cycle_or_404(year)
    brand = data.brand_of(g.school)
    document = build_interview_card(
        school_name=g.school.name,
        title=_("Interview card"),
        intro_hint=str(CARD_INTRO_HINT),
        prompts_heading=_("Ask further"),
        prompts=[str(p) for p in CARD_PROMPTS],
        reminders_heading=_("Remember"),
        reminders=[str(r) for r in CARD_REMINDERS],
        brand=brand,
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
        brand=data.brand_of(g.school),
    )
    return send_document(document, _("consent") + f"-{respondent.code}.docx")
