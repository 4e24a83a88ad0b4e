"""Views of DENKEN: the codebook, coding write-outs, the analysis of meeting 3 and the focus
and goals of meeting 4. Thin: a form, a service call, one commit."""

from __future__ import annotations

from flask import Response, abort, flash, g, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup, escape
from wtforms import SelectChoice

from app import commit_keeping_loaded, db
from interviews import analysis, bp, coding, heatmap, services
from interviews.forms import (
    CodebookImportForm,
    CodeForm,
    CodersForm,
    FocusForm,
    FocusGoalForm,
    FragmentForm,
    MergeForm,
    RecodeForm,
    SolutionForm,
    ThemeForm,
)
from interviews.models import RespondentGroup, Transcript
from workgroup import services as core
from workgroup.access import ALL_ROLES, attachment, cycle_or_404, no_store, render, require
from workgroup.forms import ConfirmForm
from workgroup.models import DomainError, Role
from workgroup.pagecache import cached_page
from workgroup.views import confirm_page, confirmed

CHAIR = (Role.chair,)
GROUP = (Role.chair, Role.member)


# --- codebook ----------------------------------------------------------------------------


def _theme_choices(cycle):
    return [SelectChoice(0, _("no theme"))] + [
        SelectChoice(t.id, t.name) for t in coding.themes_of(cycle)
    ]


def _codebook_page(cycle, status=200, **forms):
    codes = coding.codes_of(cycle)
    counts = coding.fragment_counts(cycle)
    code_form = forms.get("code_form") or CodeForm(formdata=None)
    code_form.theme_id.choices = _theme_choices(cycle)
    merge_form = forms.get("merge_form") or MergeForm(formdata=None)
    merge_form.source_id.choices = merge_form.target_id.choices = [
        SelectChoice(c.id, c.name) for c in codes
    ]
    return render(
        "interviews/codebook.html",
        status=status,
        cycle=cycle,
        themes=coding.themes_of(cycle),
        codes=codes,
        counts=counts,
        code_form=code_form,
        theme_form=forms.get("theme_form") or ThemeForm(formdata=None),
        merge_form=merge_form,
        import_form=CodebookImportForm(formdata=None),
        confirm_form=ConfirmForm(),
        error=forms.get("error"),
    )


@bp.route("/codebook", methods=["GET"])
@require(*ALL_ROLES)
def show_codebook(year: int):
    """The year's themes and codes, with how often each code was used."""
    return _codebook_page(cycle_or_404(year))


@bp.route("/codebook.css", methods=["GET"])
@require(*ALL_ROLES)
def codebook_css(year: int):
    """The code colours as a stylesheet (the CSP allows no inline styles)."""
    cycle = cycle_or_404(year)
    rules = [
        f".code-{c.id}{{background:{c.colour}}}.swatch-{c.id}{{background:{c.colour}}}"
        for c in coding.codes_of(cycle)
    ]
    return Response("\n".join(rules), mimetype="text/css")


@bp.route("/codebook/codes", methods=["POST"])
@require(*CHAIR)
def add_code(year: int):
    """Add a code to the codebook."""
    cycle = cycle_or_404(year)
    form = CodeForm()
    form.theme_id.choices = _theme_choices(cycle)
    if form.validate_on_submit():
        try:
            code = coding.save_code(
                cycle,
                name=form.name.data,
                description=form.description.data or "",
                colour=form.colour.data,
                theme_id=form.theme_id.data or None,
            )
        except DomainError as exc:
            db.session.rollback()
            form.name.errors = [str(exc)]
        else:
            db.session.commit()
            flash(_("The code “%(name)s” has been added.", name=code.name), "success")
            return redirect(url_for("interviews.show_codebook", year=year))
    return _codebook_page(cycle, 422, code_form=form)


@bp.route("/codebook/codes/<int:code_id>/edit", methods=["GET", "POST"])
@require(*CHAIR)
def edit_code(year: int, code_id: int):
    """Rename, recolour, describe or move a code to another theme."""
    cycle = cycle_or_404(year)
    code = coding.get_code(cycle, code_id)
    if code is None:
        abort(404)
    form = CodeForm(obj=code if request.method == "GET" else None)
    form.theme_id.choices = _theme_choices(cycle)
    if request.method == "GET":
        form.theme_id.data = code.theme_id or 0
    if form.validate_on_submit():
        try:
            coding.save_code(
                cycle,
                name=form.name.data,
                description=form.description.data or "",
                colour=form.colour.data,
                theme_id=form.theme_id.data or None,
                code=code,
            )
        except DomainError as exc:
            db.session.rollback()
            form.name.errors = [str(exc)]
        else:
            db.session.commit()
            flash(_("The code has been saved."), "success")
            return redirect(url_for("interviews.show_codebook", year=year))
    return render(
        "interviews/code_edit.html",
        status=422 if request.method == "POST" else 200,
        cycle=cycle,
        code=code,
        form=form,
    )


@bp.route("/codebook/codes/<int:code_id>/delete", methods=["POST"])
@require(*CHAIR)
def delete_code(year: int, code_id: int):
    """Delete a code after saying how many fragments it holds."""
    cycle = cycle_or_404(year)
    code = coding.get_code(cycle, code_id)
    if code is None:
        abort(404)
    back = url_for("interviews.show_codebook", year=year)
    if not confirmed():
        return confirm_page(
            _("Delete code"),
            _(
                "Delete the code “%(name)s”? It is on %(n)d fragments; %(alone)d of them have "
                "no other code and are deleted with it.",
                name=code.name,
                n=coding.fragment_count(code),
                alone=coding.orphans_if_deleted(code),
            ),
            url_for("interviews.delete_code", year=year, code_id=code_id),
            back,
        )
    if ConfirmForm().validate_on_submit():
        had, gone = coding.delete_code(code)
        db.session.commit()
        flash(
            _("The code has been deleted (%(had)d fragments had it, %(gone)d were deleted).",
              had=had, gone=gone),
            "success",
        )  # fmt: skip
    return redirect(back)


@bp.route("/codebook/merge", methods=["POST"])
@require(*CHAIR)
def merge_codes(year: int):
    """Merge two codes: every fragment of the first moves to the second."""
    cycle = cycle_or_404(year)
    form = MergeForm()
    codes = coding.codes_of(cycle)
    form.source_id.choices = form.target_id.choices = [SelectChoice(c.id, c.name) for c in codes]
    if form.validate_on_submit():
        source = coding.get_code(cycle, form.source_id.data)
        target = coding.get_code(cycle, form.target_id.data)
        try:
            if source is None or target is None:
                raise DomainError(_("Choose a code of this year."))
            name = source.name
            moved = coding.merge_codes(source, target)
        except DomainError as exc:
            db.session.rollback()
            return _codebook_page(cycle, 422, merge_form=form, error=str(exc))
        db.session.commit()
        flash(
            _("“%(source)s” merged into “%(target)s”: %(n)d fragments moved.",
              source=name, target=target.name, n=moved),
            "success",
        )  # fmt: skip
        return redirect(url_for("interviews.show_codebook", year=year))
    return _codebook_page(cycle, 422, merge_form=form)


@bp.route("/codebook/themes", methods=["POST"])
@require(*CHAIR)
def add_theme(year: int):
    """Add a theme that groups codes."""
    cycle = cycle_or_404(year)
    form = ThemeForm()
    if form.validate_on_submit():
        try:
            coding.save_theme(cycle, name=form.name.data, description=form.description.data or "")
        except DomainError as exc:
            db.session.rollback()
            form.name.errors = [str(exc)]
        else:
            db.session.commit()
            flash(_("The theme has been added."), "success")
            return redirect(url_for("interviews.show_codebook", year=year))
    return _codebook_page(cycle, 422, theme_form=form)


@bp.route("/codebook/themes/<int:theme_id>/edit", methods=["GET", "POST"])
@require(*CHAIR)
def edit_theme(year: int, theme_id: int):
    """Rename or describe a theme."""
    cycle = cycle_or_404(year)
    theme = coding.get_theme(cycle, theme_id)
    if theme is None:
        abort(404)
    form = ThemeForm(obj=theme if request.method == "GET" else None)
    if form.validate_on_submit():
        try:
            coding.save_theme(
                cycle, name=form.name.data, description=form.description.data or "", theme=theme
            )
        except DomainError as exc:
            db.session.rollback()
            form.name.errors = [str(exc)]
        else:
            db.session.commit()
            flash(_("The theme has been saved."), "success")
            return redirect(url_for("interviews.show_codebook", year=year))
    return render(
        "interviews/theme_edit.html",
        status=422 if request.method == "POST" else 200,
        cycle=cycle,
        theme=theme,
        form=form,
    )


@bp.route("/codebook/themes/<int:theme_id>/delete", methods=["POST"])
@require(*CHAIR)
def delete_theme(year: int, theme_id: int):
    """Delete a theme; its codes stay, without a theme."""
    cycle = cycle_or_404(year)
    theme = coding.get_theme(cycle, theme_id)
    if theme is None:
        abort(404)
    back = url_for("interviews.show_codebook", year=year)
    if not confirmed():
        return confirm_page(
            _("Delete theme"),
            _("Delete the theme “%(name)s”? Its codes and fragments stay.", name=theme.name),
            url_for("interviews.delete_theme", year=year, theme_id=theme_id),
            back,
        )
    if ConfirmForm().validate_on_submit():
        coding.delete_theme(theme)
        db.session.commit()
        flash(_("The theme has been deleted."), "success")
    return redirect(back)


@bp.route("/codebook/export.csv", methods=["GET"])
@require(*GROUP)
def export_codebook(year: int):
    """The codebook as CSV, to keep or to start next year with."""
    cycle = cycle_or_404(year)
    return attachment(
        "\ufeff" + coding.export_codebook_csv(cycle), "text/csv", f"codebook-{cycle.label}.csv"
    )


@bp.route("/codebook/import", methods=["POST"])
@require(*CHAIR)
def import_codebook(year: int):
    """Add codes and themes from a CSV file."""
    cycle = cycle_or_404(year)
    form = CodebookImportForm()
    back = url_for("interviews.show_codebook", year=year)
    upload = form.file.data if form.validate_on_submit() else None
    if not upload or not getattr(upload, "filename", ""):
        flash(_("Choose a CSV file first."), "error")
        return redirect(back)
    with upload.stream:
        data = upload.read(coding.MAX_CSV_BYTES + 1)
    try:
        added, updated = coding.import_codebook_csv(cycle, data)
    except DomainError as exc:
        db.session.rollback()
        flash(str(exc), "error")
        return redirect(back)
    db.session.commit()
    flash(_("Imported: %(added)d codes added, %(updated)d updated.", added=added, updated=updated),
          "success")  # fmt: skip
    return redirect(back)


# --- coding ------------------------------------------------------------------------------


def _require_coder(cycle):
    if not coding.is_coder(cycle, current_user, g.role):
        abort(403)


@bp.route("/coding", methods=["GET"])
@require(*GROUP)
def list_coding(year: int):
    """The write-outs to code, and (for the chair) who codes."""
    cycle = cycle_or_404(year)
    may_code = coding.is_coder(cycle, current_user, g.role)
    members = core.members_of(cycle)
    form = CodersForm(formdata=None)
    form.member_ids.choices = [SelectChoice(m.id, m.display_name) for m in members if m.user_id]
    form.member_ids.data = [m.id for m in members if m.is_coder]
    return render(
        "interviews/coding_list.html",
        cycle=cycle,
        may_code=may_code,
        rows=coding.coded_transcripts(cycle) if may_code else [],
        coders_form=form,
    )


@bp.route("/coding/coders", methods=["POST"])
@require(*CHAIR)
def set_coders(year: int):
    """Mark which members (with a login) code the write-outs."""
    cycle = cycle_or_404(year)
    form = CodersForm()
    members = [m for m in core.members_of(cycle) if m.user_id]
    form.member_ids.choices = [SelectChoice(m.id, m.display_name) for m in members]
    if form.validate_on_submit():
        chosen = set(form.member_ids.data or [])
        for member in members:
            coding.set_coder(member, member.id in chosen)
        db.session.commit()
        flash(_("The coders have been saved."), "success")
    return redirect(url_for("interviews.list_coding", year=year))


def _coding_target(year: int, respondent_id: int):
    cycle = cycle_or_404(year)
    _require_coder(cycle)
    respondent = services.get_respondent(cycle, respondent_id, with_transcript=True)
    if respondent is None or respondent.transcript is None:
        abort(404)
    return cycle, respondent, respondent.transcript


def _form_choices(form: FragmentForm, body: str, codes) -> FragmentForm:
    """The coding form's choices: every sentence of the write-out, and the codes. Only for
    rendering it; a POST is checked without them (the view range-checks sentence numbers)."""
    choices = [SelectChoice(-1, _("choose a sentence"))] + [
        SelectChoice(i, f"{i + 1}. {body[s:e][:60]}")
        for i, (s, e) in enumerate(coding.sentences(body))
    ]
    form.from_sentence.choices = form.to_sentence.choices = choices
    form.code_ids.choices = [SelectChoice(c.id, c.name) for c in codes]
    return form


def _coding_context(cycle, respondent, transcript, form=None, **extra):
    codes = coding.codes_of(cycle)
    fragments = coding.fragments_of(transcript)
    counts = {c.id: 0 for c in codes}
    for fragment in fragments:
        for code in fragment.codes:
            counts[code.id] += 1
    if form is None:
        form = FragmentForm(formdata=None)
    _form_choices(form, transcript.body, codes)
    confirm_form = ConfirmForm()
    return {
        "cycle": cycle,
        "respondent": respondent,
        "transcript": transcript,
        "lines": coding.lines(transcript.body, fragments),
        "fragments": [f for f in fragments if not f.needs_review],
        "fragment_count": sum(not f.needs_review for f in fragments),
        "review": [f for f in fragments if f.needs_review],
        "codes": codes,
        "counts": counts,
        "form": form,
        "recode_form": RecodeForm(formdata=None),
        "confirm_form": confirm_form,
        # the CSRF field of every fragment's two forms, rendered once instead of twice each
        "csrf_field": confirm_form.csrf_token(),
        **extra,
    }


@bp.route("/coding/<int:respondent_id>", methods=["GET"])
@require(*GROUP)
def code_transcript(year: int, respondent_id: int):
    """Code one write-out: select a passage, pick codes; or choose sentences by keyboard."""
    cycle, respondent, transcript = _coding_target(year, respondent_id)
    core.audit(cycle.school, current_user, "read_transcript", transcript, respondent.code)
    db.session.commit()
    return no_store(
        render("interviews/coding.html", **_coding_context(cycle, respondent, transcript))
    )


@bp.route("/coding/<int:respondent_id>/fragments", methods=["POST"])
@require(*GROUP)
def add_fragment(year: int, respondent_id: int):
    """Put one or more codes on a passage; htmx gets the coding area back."""
    cycle, respondent, transcript = _coding_target(year, respondent_id)
    form = FragmentForm(formdata=request.form)
    error = None
    if form.validate_on_submit():
        codebook = coding.codes_of(cycle, with_themes=False)
        start, end = form.start.data, form.end.data
        if start is None or end is None:
            spans = coding.sentences(transcript.body)
            first, last = form.from_sentence.data, form.to_sentence.data
            if first is None or not (0 <= first < len(spans)):
                start = end = 0  # nothing selected: code_passage says so
            elif last is None or last < 0:
                start, end = spans[first]
            else:
                last = min(max(first, last), len(spans) - 1)
                start, end = spans[first][0], spans[last][1]
        try:
            fragment = coding.code_passage(
                transcript,
                cycle,
                current_user,
                start=start,
                end=end,
                code_ids=list(form.code_ids.data or []),
                memo=form.memo.data or "",
                is_quote=form.is_quote.data,
                codebook=codebook,
            )
        except DomainError as exc:
            db.session.rollback()
            error = str(exc)
        else:
            commit_keeping_loaded()  # the answer shows the same objects again
            if not request.htmx:
                flash(_("The passage has been coded."), "success")
                return redirect(_coding_url(year, respondent_id))
            return _coded_answer(cycle, respondent, transcript, fragment, codebook)
    else:
        error = _("Not saved yet: please check the fields marked in red.")
    if request.htmx:
        # only the status line changes: the text, the counts and the list stay as they are
        context = {"cycle": cycle, "respondent": respondent, "error": error}
        return no_store(render("interviews/_coding_update.html", status=422, **context))
    context = _coding_context(cycle, respondent, transcript, form, error=error)
    return no_store(render("interviews/coding.html", status=422, **context))


@bp.app_template_global()
def code_checkboxes(codes, chosen) -> Markup:
    """A fragment's recode checkboxes, one per code of the year, its own codes ticked. The
    coding page has such a list for every fragment (hundreds × some 25 codes): written in one
    pass here, a template loop made it the slowest part of the page."""
    ticked = {code.id for code in chosen}
    return Markup(
        "".join(
            f'<label class="choice"><input type="checkbox" name="code_ids" value="{code.id}"'
            f"{' checked' if code.id in ticked else ''}> {escape(code.name)}</label>"
            for code in codes
        )
    )


def _coding_url(year: int, respondent_id: int) -> str:
    return url_for("interviews.code_transcript", year=year, respondent_id=respondent_id)


def _fragment_or_404(transcript, fragment_id):
    fragment = coding.get_fragment(transcript, fragment_id)
    if fragment is None:
        abort(404)
    return fragment


def _coded_answer(cycle, respondent, transcript, added, codes):
    """The htmx answer to coding a passage, made for speed (it runs on every passage coded):
    the lines under the passage redrawn, the counts, the new fragment for the list. Only the
    fragments near the passage are loaded; the counts come from the database."""
    within = coding.lines_around(transcript.body, added.start_offset, added.end_offset)
    nearby = coding.placed_fragments(transcript, codes, within)
    per_code, placed = coding.code_counts(transcript)
    confirm_form = ConfirmForm()
    context = {
        "cycle": cycle,
        "respondent": respondent,
        "codes": codes,
        "counts": {code.id: per_code.get(code.id, 0) for code in codes},
        "fragment_count": placed,
        "redraw": coding.lines(transcript.body, nearby, within),
        "added": added,
        "coded": True,
        "csrf_field": confirm_form.csrf_token(),
    }
    return no_store(render("interviews/_coding_update.html", **context))


@bp.route("/coding/<int:respondent_id>/fragments/<int:fragment_id>", methods=["POST"])
@require(*GROUP)
def recode_fragment(year: int, respondent_id: int, fragment_id: int):
    """Change a fragment's codes, memo or quote mark."""
    cycle, respondent, transcript = _coding_target(year, respondent_id)
    fragment = _fragment_or_404(transcript, fragment_id)
    form = RecodeForm()
    form.code_ids.choices = [SelectChoice(c.id, c.name) for c in coding.codes_of(cycle)]
    error = None
    if form.validate_on_submit():
        try:
            coding.recode_fragment(
                fragment,
                cycle,
                code_ids=list(form.code_ids.data or []),
                memo=form.memo.data or "",
                is_quote=form.is_quote.data,
            )
        except DomainError as exc:
            db.session.rollback()
            error = str(exc)
        else:
            db.session.commit()
    else:
        error = _("Not saved yet: please check the fields marked in red.")
    if not request.htmx:
        flash(error or _("The fragment has been saved."), "error" if error else "success")
        return redirect(
            url_for("interviews.code_transcript", year=year, respondent_id=respondent_id)
        )
    return no_store(
        render(
            "interviews/_coding_area.html",
            status=422 if error else 200,
            **_coding_context(cycle, respondent, transcript, error=error),
        )
    )


@bp.route("/coding/<int:respondent_id>/fragments/<int:fragment_id>/delete", methods=["POST"])
@require(*GROUP)
def delete_fragment(year: int, respondent_id: int, fragment_id: int):
    """Remove a coded fragment (the write-out itself stays)."""
    cycle, respondent, transcript = _coding_target(year, respondent_id)
    fragment = _fragment_or_404(transcript, fragment_id)
    if ConfirmForm().validate_on_submit():
        coding.remove_fragment(fragment)
        db.session.commit()
    if not request.htmx:
        flash(_("The fragment has been removed."), "success")
        return redirect(
            url_for("interviews.code_transcript", year=year, respondent_id=respondent_id)
        )
    return no_store(
        render("interviews/_coding_area.html", **_coding_context(cycle, respondent, transcript))
    )


# --- analysis ----------------------------------------------------------------------------


@bp.route("/analysis", methods=["GET"])
@require(*GROUP)
@cached_page
def show_analysis(year: int):
    """Meeting 3: which codes come back, where, together, and whether new ones still appear."""
    cycle = cycle_or_404(year)
    group = request.args.get("group") or None
    if group not in (None, *(g_.value for g_ in RespondentGroup)):
        group = None
    coded, interviews = analysis.load(cycle, group)
    codes = coding.codes_of(cycle)
    frequencies = analysis.frequencies(coded)
    points = analysis.saturation(coded, interviews)
    respondents = sorted({i.respondent for i in interviews})
    top = max((f["all"] for f in frequencies.values()), default=0)
    matrix = analysis.matrix(coded)
    # the code × respondent matrix as rows of numbers: no lookup per cell
    grid = [(c, [matrix.get((c.id, r), 0) for r in respondents]) for c in codes]
    return render(
        "interviews/analysis.html",
        cycle=cycle,
        group=group,
        groups=list(RespondentGroup),
        codes=codes,
        themes=coding.themes_of(cycle),
        frequencies=frequencies,
        top=top,
        matrix_svg=heatmap.matrix_svg(grid, respondents),
        matrix_table=heatmap.matrix_table(grid, respondents),
        cooccurrence=sorted(analysis.cooccurrence(coded).items(), key=lambda kv: -kv[1])[:15],
        code_names={c.id: c.name for c in codes},
        points=points,
        max_total=max((p.total_codes for p in points), default=0),
        reading=analysis.saturation_reading(points),
        # quotes are pieces of write-outs: for those who read write-outs (chair, coders) only
        may_read_quotes=coding.is_coder(cycle, current_user, g.role),
        quotes=analysis.quotes_by_theme(coded, codes)
        if coding.is_coder(cycle, current_user, g.role)
        else {},
        fragment_total=len(coded),
    )


@bp.route("/agreement", methods=["GET"])
@require(*GROUP)
def show_agreement(year: int):
    """Two coders compared: Cohen's kappa per code over the sentences of a write-out."""
    cycle = cycle_or_404(year)
    _require_coder(cycle)
    coded, interviews = analysis.load(cycle)
    by_transcript = {i.transcript_id: i for i in interviews}
    names = {m.user_id: m.display_name for m in core.members_of(cycle) if m.user_id}
    code_names = {c.id: c.name for c in coding.codes_of(cycle)}
    comparisons = []
    for tid, a, b in analysis.double_coded(coded):
        body = db.session.get(Transcript, tid).body
        kappas = analysis.agreement(body, [f for f in coded if f.transcript_id == tid], a, b)
        comparisons.append(
            {
                "respondent": by_transcript[tid].respondent,
                "coders": (names.get(a, "?"), names.get(b, "?")),
                "rows": [
                    (code_names.get(code, "?"), kappa, analysis.kappa_label(kappa))
                    for code, kappa in kappas.items()
                ],
            }
        )
    return render("interviews/agreement.html", cycle=cycle, comparisons=comparisons)


# --- focus and goals (meeting 4) ---------------------------------------------------------


def _focus_page(cycle, status=200, goal_form=None, error=None):
    themes = coding.themes_of(cycle)
    focus_form = FocusForm(formdata=None)
    focus_form.theme_ids.choices = [SelectChoice(t.id, t.name) for t in themes]
    focus_form.theme_ids.data = [t.id for t in themes if t.is_focus]
    goal_form = goal_form or FocusGoalForm(formdata=None)
    _goal_choices(cycle, goal_form, themes)
    goals = coding.focus_goals(cycle)
    return render(
        "interviews/focus.html",
        status=status,
        cycle=cycle,
        themes=themes,
        focus_form=focus_form,
        goal_form=goal_form,
        goals=[(goal, coding.goal_theme_ids(goal), coding.solutions_of(goal)) for goal in goals],
        theme_names={t.id: t.name for t in themes},
        solution_form=SolutionForm(formdata=None),
        confirm_form=ConfirmForm(),
        error=error,
    )


def _goal_choices(cycle, form, themes=None):
    themes = themes if themes is not None else coding.themes_of(cycle)
    form.theme_ids.choices = [SelectChoice(t.id, t.name) for t in themes]
    form.parent_id.choices = [SelectChoice(0, _("none"))] + [
        SelectChoice(goal.id, goal.text) for goal in core.startfoto_goals(cycle)
    ]


@bp.route("/focus", methods=["GET"])
@require(*ALL_ROLES)
def show_focus(year: int):
    """Meeting 4: the themes the group works on, its goals and the solutions per goal."""
    return _focus_page(cycle_or_404(year))


@bp.route("/focus", methods=["POST"])
@require(*CHAIR)
def set_focus(year: int):
    """Choose the focus themes."""
    cycle = cycle_or_404(year)
    form = FocusForm()
    form.theme_ids.choices = [SelectChoice(t.id, t.name) for t in coding.themes_of(cycle)]
    if form.validate_on_submit():
        coding.set_focus(cycle, set(form.theme_ids.data or []))
        db.session.commit()
        flash(_("The focus has been saved."), "success")
    return redirect(url_for("interviews.show_focus", year=year))


def _save_goal(cycle, form, goal=None):
    return coding.save_focus_goal(
        cycle,
        text=form.text.data or "",
        theme_ids=list(form.theme_ids.data or []),
        parent_id=form.parent_id.data or None,
        goal=goal,
    )


@bp.route("/focus/goals", methods=["POST"])
@require(*GROUP)
def add_focus_goal(year: int):
    """Add a goal of the focus, linked to its themes."""
    cycle = cycle_or_404(year)
    form = FocusGoalForm()
    _goal_choices(cycle, form)
    if form.validate_on_submit():
        try:
            _save_goal(cycle, form)
        except DomainError as exc:
            db.session.rollback()
            return _focus_page(cycle, 422, form, str(exc))
        db.session.commit()
        flash(_("The goal has been added."), "success")
        return redirect(url_for("interviews.show_focus", year=year))
    return _focus_page(cycle, 422, form)


def _goal_or_404(cycle, goal_id):
    goal = coding.get_focus_goal(cycle, goal_id)
    if goal is None:
        abort(404)
    return goal


@bp.route("/focus/goals/<int:goal_id>/edit", methods=["GET", "POST"])
@require(*GROUP)
def edit_focus_goal(year: int, goal_id: int):
    """Change a goal's text, themes or startfoto goal."""
    cycle = cycle_or_404(year)
    goal = _goal_or_404(cycle, goal_id)
    form = FocusGoalForm(obj=goal if request.method == "GET" else None)
    _goal_choices(cycle, form)
    if request.method == "GET":
        form.theme_ids.data = sorted(coding.goal_theme_ids(goal))
        form.parent_id.data = goal.parent_id or 0
    error = None
    if form.validate_on_submit():
        try:
            _save_goal(cycle, form, goal)
        except DomainError as exc:
            db.session.rollback()
            error = str(exc)
        else:
            db.session.commit()
            flash(_("The goal has been saved."), "success")
            return redirect(url_for("interviews.show_focus", year=year))
    return render(
        "interviews/focus_goal_edit.html",
        status=422 if request.method == "POST" else 200,
        cycle=cycle,
        goal=goal,
        form=form,
        error=error,
    )


@bp.route("/focus/goals/<int:goal_id>/delete", methods=["POST"])
@require(*CHAIR)
def delete_focus_goal(year: int, goal_id: int):
    """Delete a goal of the focus and its solutions."""
    cycle = cycle_or_404(year)
    goal = _goal_or_404(cycle, goal_id)
    back = url_for("interviews.show_focus", year=year)
    if not confirmed():
        return confirm_page(
            _("Delete goal"),
            _("Delete the goal “%(text)s” and its solutions?", text=goal.text),
            url_for("interviews.delete_focus_goal", year=year, goal_id=goal_id),
            back,
        )
    if ConfirmForm().validate_on_submit():
        coding.delete_focus_goal(goal)
        db.session.commit()
        flash(_("The goal has been deleted."), "success")
    return redirect(back)


@bp.route("/focus/goals/<int:goal_id>/solutions", methods=["POST"])
@require(*GROUP)
def add_solution(year: int, goal_id: int):
    """Add an activity or solution to a goal, with what it needs."""
    cycle = cycle_or_404(year)
    goal = _goal_or_404(cycle, goal_id)
    form = SolutionForm()
    if form.validate_on_submit():
        try:
            coding.add_solution(goal, form.text.data, form.needs.data or "")
        except DomainError as exc:
            db.session.rollback()
            flash(str(exc), "error")
        else:
            db.session.commit()
            flash(_("The solution has been added."), "success")
    else:
        flash(_("Describe the activity or solution."), "error")
    return redirect(url_for("interviews.show_focus", year=year) + f"#goal-{goal_id}")


@bp.route("/focus/goals/<int:goal_id>/solutions/<int:solution_id>/delete", methods=["POST"])
@require(*GROUP)
def delete_solution(year: int, goal_id: int, solution_id: int):
    """Remove a solution from a goal."""
    cycle = cycle_or_404(year)
    goal = _goal_or_404(cycle, goal_id)
    solution = coding.get_solution(goal, solution_id)
    if solution is None:
        abort(404)
    if ConfirmForm().validate_on_submit():
        coding.delete_solution(solution)
        db.session.commit()
        flash(_("The solution has been removed."), "success")
    return redirect(url_for("interviews.show_focus", year=year) + f"#goal-{goal_id}")


@bp.route("/summary", methods=["GET"])
@require(*ALL_ROLES)
def show_summary(year: int):
    """For the whole team and all parents: the themes found and the goals, no personal data."""
    cycle = cycle_or_404(year)
    coded, interviews = analysis.load(cycle)
    frequencies = analysis.frequencies(coded)
    themes = coding.themes_of(cycle)
    theme_counts = {
        t.id: sum(frequencies.get(c.id, {}).get("all", 0) for c in t.codes) for t in themes
    }
    groups = {g_.value: sum(1 for i in interviews if i.group == g_.value) for g_ in RespondentGroup}
    goals = coding.focus_goals(cycle)
    return render(
        "interviews/summary.html",
        cycle=cycle,
        themes=sorted(themes, key=lambda t: -theme_counts[t.id]),
        theme_counts=theme_counts,
        groups=groups,
        interview_total=len(interviews),
        goals=[(goal, coding.goal_theme_ids(goal), coding.solutions_of(goal)) for goal in goals],
        theme_names={t.id: t.name for t in themes},
    )
