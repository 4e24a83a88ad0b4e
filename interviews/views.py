"""Views of LUISTEREN: interview training and guide, respondents, consent, transcripts,
pseudonyms and retention. Thin: a form, a service call, one commit."""

from __future__ import annotations

import json
from datetime import date

from flask import abort, flash, g, redirect, request, url_for
from flask_babel import format_time
from flask_babel import gettext as _
from flask_login import current_user
from wtforms import SelectChoice

from app import db
from interviews import bp, services
from interviews.forms import (
    NOT_SET,
    ConsentForm,
    ConsentTextForm,
    GuideForm,
    PseudonymForm,
    RespondentForm,
    RetentionForm,
    TranscriptForm,
    UploadForm,
)
from interviews.models import (
    Bouw,
    BullyingRelation,
    ConsentMethod,
    Respondent,
    RespondentGroup,
)
from interviews.training import score_exercise
from workgroup import services as core
from workgroup.access import ALL_ROLES, attachment, cycle_or_404, no_store, render, require
from workgroup.forms import ConfirmForm, ExerciseForm
from workgroup.guidance import EXERCISE, TRAINING
from workgroup.models import DomainError, Role
from workgroup.views import confirm_page, confirmed

CHAIR = (Role.chair,)
GROUP = (Role.chair, Role.member)

# --- training ----------------------------------------------------------------------------


def _exercise_form(formdata=None) -> ExerciseForm:
    form = ExerciseForm(formdata=formdata)
    while len(form.answers.entries) < len(EXERCISE):
        form.answers.append_entry()
    for entry, question in zip(form.answers.entries, EXERCISE, strict=False):
        entry.label.text = str(question.text)
    return form


@bp.route("/training", methods=["GET"])
@require(*ALL_ROLES)
def show_training(year: int):
    """A training the group walks through together at meeting 2, with a small exercise."""
    cycle = cycle_or_404(year)
    form = _exercise_form()
    return render(
        "interviews/training.html",
        cycle=cycle,
        sections=TRAINING,
        form=form,
        result=score_exercise([]),
        checked=False,
    )


@bp.route("/training/exercise", methods=["POST"])
@require(*ALL_ROLES)
def check_exercise(year: int):
    """Check the open-or-closed answers and say why each one is right or not."""
    cycle = cycle_or_404(year)
    form = _exercise_form(request.form)
    valid = form.validate_on_submit()
    answers = [entry.data if valid else None for entry in form.answers.entries]
    return render(
        "interviews/training.html",
        "interviews/_exercise.html",
        status=200 if valid else 422,
        cycle=cycle,
        sections=TRAINING,
        form=form,
        result=score_exercise(answers),
        checked=True,
    )


# --- overview and guide ------------------------------------------------------------------


@bp.route("", methods=["GET"])
@require(*ALL_ROLES)
def show_interviews(year: int):
    """LUISTEREN at a glance: the guide, the respondents one may see, the mix."""
    cycle = cycle_or_404(year)
    if g.role is Role.chair:
        respondents = services.respondents_of(cycle)
    elif g.role is Role.member:
        respondents = services.respondents_of(cycle, interviewer_user=current_user)
    else:
        respondents = []
    all_statuses = services.status_counts(cycle)
    return render(
        "interviews/overview.html",
        cycle=cycle,
        guide=services.guide_of(cycle),
        respondents=respondents,
        statuses=all_statuses,
        diversity=services.diversity(cycle, with_relation=g.role is not Role.director),
        consent_text=services.current_consent_text(cycle),
        confirm_form=ConfirmForm(),
    )


@bp.route("/guide", methods=["GET"])
@require(*ALL_ROLES)
def show_guide(year: int):
    """The interview guide: purpose, introduction, questions with prompts, closing."""
    cycle = cycle_or_404(year)
    guide = services.guide_of(cycle)
    return render(
        "interviews/guide_show.html",
        cycle=cycle,
        guide=guide,
        closed=[q.text for q in guide.questions if services.looks_closed(q.text)],
    )


@bp.route("/guide/edit", methods=["GET", "POST"])
@require(*GROUP)
def edit_guide(year: int):
    """Write the interview guide together at meeting 2."""
    cycle = cycle_or_404(year)
    guide = services.guide_of(cycle)
    form = GuideForm(obj=guide if request.method == "GET" else None)
    if request.method == "GET":
        for entry, question in zip(form.questions.entries, guide.questions, strict=False):
            entry.form.text.data = question.text
            entry.form.prompts.data = question.prompts
    error = None
    if form.validate_on_submit():
        try:
            services.save_guide(
                cycle,
                current_user,
                purpose=form.purpose.data,
                introduction=form.introduction.data,
                closing=form.closing.data,
                questions=[
                    (e.form.text.data or "", e.form.prompts.data or "") for e in form.questions
                ],
                targets={
                    RespondentGroup.parent: form.target_parents.data,
                    RespondentGroup.teacher: form.target_teachers.data,
                    RespondentGroup.pupil: form.target_pupils.data,
                },
            )
        except DomainError as exc:
            db.session.rollback()
            error = str(exc)
        else:
            db.session.commit()
            flash(_("The interview guide has been saved."), "success")
            return redirect(url_for("interviews.show_guide", year=year))
    closed = [
        e.form.text.data
        for e in form.questions
        if e.form.text.data and services.looks_closed(e.form.text.data)
    ]
    return render(
        "interviews/guide_edit.html",
        "interviews/_guide_form.html",
        status=422 if request.method == "POST" else 200,
        cycle=cycle,
        form=form,
        error=error,
        closed=closed,
    )


@bp.route("/guide/check-question", methods=["POST"])
@require(*GROUP)
def check_question(year: int):
    """The gentle hint under a question that reads as closed, while the group types."""
    cycle_or_404(year)
    texts = [v for k, v in request.form.items(multi=True) if k.endswith("-text")]
    text = texts[0] if texts else ""
    return render(
        "interviews/_closed_hint.html",
        is_closed=bool(text.strip()) and services.looks_closed(text),
    )


# --- respondents -------------------------------------------------------------------------


def _respondent_or_404(cycle, respondent_id: int) -> Respondent:
    respondent = services.get_respondent(cycle, respondent_id)
    if respondent is None:
        abort(404)
    return respondent


def _handled_respondent(year: int, respondent_id: int):
    """The year and respondent, for the chair or the respondent's interviewer only."""
    cycle = cycle_or_404(year)
    respondent = _respondent_or_404(cycle, respondent_id)
    if not services.may_handle(respondent, current_user, g.role):
        abort(403)
    return cycle, respondent


def _respondent_form(cycle, respondent: Respondent | None = None) -> RespondentForm:
    form = RespondentForm(obj=respondent if request.method == "GET" else None)
    form.interviewer_id.choices = [SelectChoice(0, _("nobody yet"))] + [
        SelectChoice(m.id, m.display_name) for m in core.members_of(cycle)
    ]
    if request.method == "GET" and respondent is not None:
        form.group.data = respondent.group.value
        form.bouw.data = respondent.bouw.value if respondent.bouw else NOT_SET
        form.relation.data = respondent.relation.value if respondent.relation else NOT_SET
        form.interviewer_id.data = respondent.interviewer_id or 0
    return form


def _respondent_fields(form: RespondentForm) -> dict:
    return {
        "group": RespondentGroup(form.group.data),
        "bouw": Bouw(form.bouw.data) if form.bouw.data else None,
        "relation": BullyingRelation(form.relation.data) if form.relation.data else None,
        "interviewer_id": form.interviewer_id.data or None,
        "planned_at": form.planned_at.data,
    }


@bp.route("/respondents/new", methods=["GET", "POST"])
@require(*CHAIR)
def add_respondent(year: int):
    """Add a respondent: a code, a group, an interviewer; never a name."""
    cycle = cycle_or_404(year)
    form = _respondent_form(cycle)
    if form.validate_on_submit():
        try:
            respondent = services.add_respondent(cycle, current_user, **_respondent_fields(form))
        except DomainError as exc:
            db.session.rollback()
            form.interviewer_id.errors = [str(exc)]
        else:
            db.session.commit()
            flash(_("Respondent %(code)s has been added.", code=respondent.code), "success")
            return redirect(url_for("interviews.show_interviews", year=year))
    return render(
        "interviews/respondent_form.html",
        "interviews/_respondent_form.html",
        status=422 if request.method == "POST" else 200,
        cycle=cycle,
        form=form,
        respondent=None,
    )


@bp.route("/respondents/<int:respondent_id>/edit", methods=["GET", "POST"])
@require(*CHAIR)
def edit_respondent(year: int, respondent_id: int):
    """Change a respondent's group, details, interviewer or planned time."""
    cycle = cycle_or_404(year)
    respondent = _respondent_or_404(cycle, respondent_id)
    form = _respondent_form(cycle, respondent)
    if form.validate_on_submit():
        try:
            services.update_respondent(respondent, current_user, **_respondent_fields(form))
        except DomainError as exc:
            db.session.rollback()
            flash(str(exc), "error")
        else:
            db.session.commit()
            flash(_("Respondent %(code)s has been saved.", code=respondent.code), "success")
            return redirect(
                url_for("interviews.show_respondent", year=year, respondent_id=respondent_id)
            )
    return render(
        "interviews/respondent_form.html",
        "interviews/_respondent_form.html",
        status=422 if request.method == "POST" else 200,
        cycle=cycle,
        form=form,
        respondent=respondent,
    )


@bp.route("/respondents/<int:respondent_id>/delete", methods=["POST"])
@require(*CHAIR)
def delete_respondent(year: int, respondent_id: int):
    """Remove a respondent added by mistake (only before any consent was recorded)."""
    cycle = cycle_or_404(year)
    respondent = _respondent_or_404(cycle, respondent_id)
    back = url_for("interviews.show_interviews", year=year)
    if not confirmed():
        return confirm_page(
            _("Remove respondent"),
            _("Remove respondent %(code)s from the plan?", code=respondent.code),
            url_for("interviews.delete_respondent", year=year, respondent_id=respondent_id),
            back,
        )
    if ConfirmForm().validate_on_submit():
        try:
            services.delete_respondent(respondent, current_user)
        except DomainError as exc:
            db.session.rollback()
            flash(str(exc), "error")
        else:
            db.session.commit()
            flash(_("The respondent has been removed."), "success")
    return redirect(back)


@bp.route("/respondents/<int:respondent_id>", methods=["GET"])
@require(*GROUP)
def show_respondent(year: int, respondent_id: int):
    """One respondent: status, consent, and the way to the transcript."""
    cycle, respondent = _handled_respondent(year, respondent_id)
    return render(
        "interviews/respondent_show.html",
        cycle=cycle,
        respondent=respondent,
        consent=respondent.valid_consent,
        consent_text=services.current_consent_text(cycle),
        confirm_form=ConfirmForm(),
    )


@bp.route("/respondents/<int:respondent_id>/asked", methods=["POST"])
@require(*GROUP)
def mark_consent_asked(year: int, respondent_id: int):
    """Note that consent has been asked and the answer is awaited."""
    _cycle, respondent = _handled_respondent(year, respondent_id)
    if ConfirmForm().validate_on_submit():
        try:
            services.mark_consent_asked(respondent, current_user)
        except DomainError as exc:
            db.session.rollback()
            flash(str(exc), "error")
        else:
            db.session.commit()
            flash(_("Marked: consent asked for %(code)s.", code=respondent.code), "success")
    return redirect(url_for("interviews.show_respondent", year=year, respondent_id=respondent_id))


@bp.route("/respondents/<int:respondent_id>/consent", methods=["GET", "POST"])
@require(*GROUP)
def record_consent(year: int, respondent_id: int):
    """Record the consent as it was given: when, how, by whom, for what."""
    cycle, respondent = _handled_respondent(year, respondent_id)
    form = ConsentForm()
    if request.method == "GET":
        form.given_on.data = date.today()
        form.allows_transcript.data = True
    error = None
    if form.validate_on_submit():
        try:
            services.record_consent(
                respondent,
                current_user,
                given_on=form.given_on.data,
                method=ConsentMethod(form.method.data),
                allows_transcript=form.allows_transcript.data,
                allows_quotes=form.allows_quotes.data,
                parent_consented=form.parent_consented.data,
                pupil_assented=form.pupil_assented.data,
            )
        except DomainError as exc:
            db.session.rollback()
            error = str(exc)
        else:
            db.session.commit()
            flash(_("The consent of %(code)s has been recorded.", code=respondent.code), "success")
            return redirect(
                url_for("interviews.show_respondent", year=year, respondent_id=respondent_id)
            )
    return render(
        "interviews/consent_record.html",
        "interviews/_consent_form.html",
        status=422 if request.method == "POST" else 200,
        cycle=cycle,
        respondent=respondent,
        form=form,
        error=error,
        consent_text=services.current_consent_text(cycle),
    )


@bp.route("/respondents/<int:respondent_id>/withdraw", methods=["POST"])
@require(*GROUP)
def withdraw_consent(year: int, respondent_id: int):
    """Withdraw consent: the transcript and all taken from it are deleted at once."""
    _cycle, respondent = _handled_respondent(year, respondent_id)
    back = url_for("interviews.show_respondent", year=year, respondent_id=respondent_id)
    if not confirmed():
        return confirm_page(
            _("Withdraw consent"),
            _(
                "Withdraw the consent of %(code)s? The write-out and everything taken from it "
                "are deleted for good. Only the fact that consent was withdrawn is kept.",
                code=respondent.code,
            ),
            url_for("interviews.withdraw_consent", year=year, respondent_id=respondent_id),
            back,
        )
    if ConfirmForm().validate_on_submit():
        try:
            services.withdraw_consent(respondent, current_user)
        except DomainError as exc:
            db.session.rollback()
            flash(str(exc), "error")
        else:
            db.session.commit()
            flash(
                _(
                    "Consent withdrawn; the data of %(code)s has been deleted.",
                    code=respondent.code,
                ),
                "success",
            )
    return redirect(back)


@bp.route("/respondents/<int:respondent_id>/export.json", methods=["GET"])
@require(*CHAIR)
def export_respondent(year: int, respondent_id: int):
    """Everything stored about one respondent, for a request to see one's data."""
    cycle = cycle_or_404(year)
    respondent = _respondent_or_404(cycle, respondent_id)
    data = services.respondent_export(respondent, current_user)
    db.session.commit()
    return no_store(
        attachment(
            json.dumps(data, ensure_ascii=False, indent=2),
            "application/json",
            f"{respondent.code}-{cycle.label}.json",
        )
    )


# --- transcripts -------------------------------------------------------------------------


def _transcript_context(cycle, respondent, form, **extra):
    transcript = respondent.transcript
    pseudonyms = services.pseudonyms_of(cycle)
    body = transcript.body if transcript else ""
    return {
        "cycle": cycle,
        "respondent": respondent,
        "transcript": transcript,
        "form": form,
        "upload_form": UploadForm(formdata=None, version=transcript.version if transcript else 0),
        "confirm_form": ConfirmForm(),
        "suspects": services.suspect_names(body, pseudonyms),
        **extra,
    }


@bp.route("/respondents/<int:respondent_id>/transcript", methods=["GET", "POST"])
@require(*GROUP)
def edit_transcript(year: int, respondent_id: int):
    """Write out the interview: a large text area that saves itself while you type."""
    cycle, respondent = _handled_respondent(year, respondent_id)
    if request.method == "GET":
        if not respondent.may_write_out:
            flash(str(services.NEEDS_CONSENT), "error")
            return redirect(
                url_for("interviews.show_respondent", year=year, respondent_id=respondent_id)
            )
        try:
            transcript = services.read_transcript(respondent, current_user, g.role)
        except DomainError as exc:
            flash(str(exc), "error")
            return redirect(
                url_for("interviews.show_respondent", year=year, respondent_id=respondent_id)
            )
        db.session.commit()  # the audited read
        form = TranscriptForm(obj=transcript)
        form.version.data = transcript.version if transcript else 0
        return no_store(
            render(
                "interviews/transcript_edit.html", **_transcript_context(cycle, respondent, form)
            )
        )

    form = TranscriptForm()
    if not form.validate_on_submit():
        return no_store(
            render(
                "interviews/transcript_edit.html",
                "interviews/_save_status.html",
                status=422,
                **_transcript_context(cycle, respondent, form, problem=_("Not saved.")),
            )
        )
    try:
        transcript = services.save_transcript(
            respondent,
            current_user,
            g.role,
            body=form.body.data or "",
            base_version=form.base_version(),
            held_on=form.held_on.data,
        )
    except services.ConflictError as conflict:
        db.session.rollback()
        db.session.refresh(conflict.transcript)
        return no_store(
            render(
                "interviews/transcript_edit.html",
                "interviews/_save_status.html",
                status=409,
                **_transcript_context(
                    cycle, respondent, form, conflict=conflict, theirs=form.body.data or ""
                ),
            )
        )
    except DomainError as exc:
        db.session.rollback()
        return no_store(
            render(
                "interviews/transcript_edit.html",
                "interviews/_save_status.html",
                status=422,
                **_transcript_context(cycle, respondent, form, problem=str(exc)),
            )
        )
    db.session.commit()
    if request.htmx:
        saved_at = format_time(transcript.updated_at, "HH:mm")
        return no_store(
            render(
                "interviews/_save_status.html",
                **_transcript_context(cycle, respondent, form, saved_at=saved_at),
            )
        )
    flash(_("The write-out has been saved."), "success")
    return redirect(url_for("interviews.edit_transcript", year=year, respondent_id=respondent_id))


@bp.route("/respondents/<int:respondent_id>/transcript/upload", methods=["POST"])
@require(*GROUP)
def upload_transcript(year: int, respondent_id: int):
    """Take the write-out from a .txt or .docx file instead of typing it."""
    cycle, respondent = _handled_respondent(year, respondent_id)
    form = UploadForm()
    back = url_for("interviews.edit_transcript", year=year, respondent_id=respondent_id)
    if not form.validate_on_submit():
        flash(_("The upload could not be read. Try again."), "error")
        return redirect(back)
    upload = form.file.data
    if not upload or not getattr(upload, "filename", ""):
        flash(_("Choose a file first."), "error")
        return redirect(back)
    try:
        with upload.stream:  # closed again, also when it was spooled to a temporary file
            data = upload.read(services.MAX_UPLOAD_BYTES + 1)
        text = services.text_from_upload(upload.filename, data)
        services.save_transcript(
            respondent, current_user, g.role, body=text, base_version=form.base_version()
        )
    except services.ConflictError:
        db.session.rollback()
        flash(
            _("Someone saved this write-out in the meantime; upload again after reloading."),
            "error",
        )
        return redirect(back)
    except DomainError as exc:
        db.session.rollback()
        flash(str(exc), "error")
        return redirect(back)
    db.session.commit()
    flash(_("The file has been read into the write-out."), "success")
    return redirect(back)


@bp.route("/respondents/<int:respondent_id>/transcript/done", methods=["POST"])
@require(*GROUP)
def mark_written_out(year: int, respondent_id: int):
    """Mark the write-out finished, after checking the words that may be names."""
    _cycle, respondent = _handled_respondent(year, respondent_id)
    if ConfirmForm().validate_on_submit():
        try:
            services.mark_written_out(respondent, current_user, g.role)
        except DomainError as exc:
            db.session.rollback()
            flash(str(exc), "error")
        else:
            db.session.commit()
            flash(_("%(code)s is marked as written out.", code=respondent.code), "success")
    return redirect(url_for("interviews.show_respondent", year=year, respondent_id=respondent_id))


# --- consent text, pseudonyms, retention ---------------------------------------------------


def _consent_text_page(cycle, form, error=None, status=200):
    return render(
        "interviews/consent_text.html",
        status=status,
        cycle=cycle,
        form=form,
        error=error,
        versions=services.consent_texts(cycle),
    )


@bp.route("/consent-text", methods=["GET"])
@require(*GROUP)
def show_consent_text(year: int):
    """The consent text and its earlier versions."""
    cycle = cycle_or_404(year)
    current = services.current_consent_text(cycle)
    form = ConsentTextForm(formdata=None)
    form.body.data = current.body if current else str(services.DEFAULT_CONSENT_TEXT)
    return _consent_text_page(cycle, form)


@bp.route("/consent-text", methods=["POST"])
@require(*CHAIR)
def save_consent_text(year: int):
    """Save the consent text as a new version; earlier consents keep theirs."""
    cycle = cycle_or_404(year)
    form = ConsentTextForm()
    error = None
    if form.validate_on_submit():
        try:
            text = services.save_consent_text(cycle, form.body.data, current_user)
        except DomainError as exc:
            db.session.rollback()
            error = str(exc)
        else:
            db.session.commit()
            flash(_("Version %(n)d of the consent text has been saved.", n=text.version), "success")
            return redirect(url_for("interviews.show_consent_text", year=year))
    return _consent_text_page(cycle, form, error, status=422)


@bp.route("/pseudonyms", methods=["GET", "POST"])
@require(*CHAIR)
def edit_pseudonyms(year: int):
    """The year's list of names and their replacements (chair only)."""
    cycle = cycle_or_404(year)
    form = PseudonymForm()
    error = None
    if form.validate_on_submit():
        try:
            services.add_pseudonym(cycle, form.name.data, form.replacement.data, current_user)
        except DomainError as exc:
            db.session.rollback()
            error = str(exc)
        else:
            db.session.commit()
            flash(_("Added; it is applied to every write-out from its next save."), "success")
            return redirect(url_for("interviews.edit_pseudonyms", year=year))
    return no_store(
        render(
            "interviews/pseudonyms.html",
            status=422 if request.method == "POST" else 200,
            cycle=cycle,
            form=form,
            error=error,
            pseudonyms=services.pseudonyms_of(cycle),
            confirm_form=ConfirmForm(),
        )
    )


@bp.route("/pseudonyms/<int:pseudonym_id>/delete", methods=["POST"])
@require(*CHAIR)
def delete_pseudonym(year: int, pseudonym_id: int):
    """Take a name off the list."""
    cycle = cycle_or_404(year)
    pseudonym = services.get_pseudonym(cycle, pseudonym_id)
    if pseudonym is None:
        abort(404)
    if ConfirmForm().validate_on_submit():
        services.delete_pseudonym(pseudonym, current_user)
        db.session.commit()
        flash(_("The name has been taken off the list."), "success")
    return redirect(url_for("interviews.edit_pseudonyms", year=year))


@bp.route("/retention", methods=["GET", "POST"])
@require(*CHAIR)
def edit_retention(year: int):
    """When the year's interview data is deleted."""
    cycle = cycle_or_404(year)
    form = RetentionForm()
    if request.method == "GET":
        form.delete_on.data = cycle.delete_by
    error = None
    if form.validate_on_submit():
        try:
            services.set_delete_on(cycle, form.delete_on.data, current_user)
        except DomainError as exc:
            db.session.rollback()
            error = str(exc)
        else:
            db.session.commit()
            flash(_("The delete-by date has been saved."), "success")
            return redirect(url_for("interviews.show_interviews", year=year))
    return render(
        "interviews/retention.html",
        status=422 if request.method == "POST" else 200,
        cycle=cycle,
        form=form,
        error=error,
        default=date(cycle.start_year + 1, 8, 31),
    )
