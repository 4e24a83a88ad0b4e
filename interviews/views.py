"""Views of the interview part. For now: the interview training of meeting 2."""

from __future__ import annotations

from flask import request

from interviews import bp
from interviews.training import score_exercise
from workgroup.access import ALL_ROLES, cycle_or_404, render, require
from workgroup.forms import ExerciseForm
from workgroup.guidance import EXERCISE, TRAINING


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
