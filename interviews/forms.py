"""Forms of LUISTEREN: one per use case, with Dutch messages through the catalog."""

from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from markupsafe import Markup, escape
from wtforms import (
    BooleanField,
    DateField,
    DateTimeLocalField,
    FieldList,
    FormField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, Regexp
from wtforms.widgets import Select, html_params

from interviews.models import (
    BOUW_LABELS,
    GROUP_LABELS,
    METHOD_LABELS,
    RELATION_LABELS,
    Bouw,
    BullyingRelation,
    ConsentMethod,
    RespondentGroup,
)
from interviews.services import MAX_QUESTIONS, MAX_TRANSCRIPT_CHARS
from workgroup.forms import REQUIRED, TEXT_MAX, LddForm, MultiCheckboxField, SubForm

NOT_SET = ""
VERSION = re.compile(r"[0-9]{1,9}")


def parse_version(value: str | None) -> int | None:
    """The transcript version the browser's text is based on; None when it sent none."""
    return int(value) if value and VERSION.fullmatch(value) else None


class QuestionRowForm(SubForm):
    text = TextAreaField(
        _l("Main question"),
        validators=[
            Optional(),
            Length(max=300, message=_l("Keep a question under 300 characters.")),
        ],
    )
    prompts = TextAreaField(
        _l("Follow-up prompts"),
        validators=[Optional(), Length(max=2000)],
        description=_l("One per line, such as “Can you give an example?”"),
    )


def _target(label):
    return IntegerField(
        label,
        validators=[
            InputRequired(_l("Enter a number, 0 or more.")),
            NumberRange(0, 50, _l("Enter a number from 0 to 50.")),
        ],
    )


class GuideForm(LddForm):
    purpose = TextAreaField(
        _l("Purpose of the interviews"),
        validators=[DataRequired(REQUIRED), Length(max=TEXT_MAX)],
        description=_l("What does the group want to learn? One or two sentences."),
    )
    introduction = TextAreaField(
        _l("Introduction"),
        validators=[DataRequired(REQUIRED), Length(max=TEXT_MAX)],
        description=_l("Every interviewer starts with these same words."),
    )
    questions = FieldList(
        FormField(QuestionRowForm), min_entries=MAX_QUESTIONS, max_entries=MAX_QUESTIONS
    )
    closing = TextAreaField(
        _l("Closing"), validators=[DataRequired(REQUIRED), Length(max=TEXT_MAX)]
    )
    target_parents = _target(_l("Parents"))
    target_teachers = _target(_l("Teachers"))
    target_pupils = _target(_l("Pupils"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for number, entry in enumerate(self.questions.entries, start=1):
            entry.form.text.label.text = _l("Question %(n)d", n=number)


def _interviewer_field():
    return SelectField(_l("Interviewer"), coerce=int, validators=[Optional()])


class RespondentForm(LddForm):
    group = RadioField(
        _l("Group"),
        choices=[SelectChoice(g.value, GROUP_LABELS[g]) for g in RespondentGroup],
        validators=[InputRequired(_l("Choose parent, teacher or pupil."))],
    )
    bouw = SelectField(
        _l("Part of the school (optional)"),
        choices=[SelectChoice(NOT_SET, _l("not recorded"))]
        + [SelectChoice(b.value, BOUW_LABELS[b]) for b in Bouw],
        validators=[Optional()],
    )
    relation = SelectField(
        _l("Relation to bullying (optional)"),
        choices=[SelectChoice(NOT_SET, _l("not recorded"))]
        + [SelectChoice(r.value, RELATION_LABELS[r]) for r in BullyingRelation],
        validators=[Optional()],
        description=_l(
            "Only as the school already knows it, to reach a varied mix. The director never "
            "sees this."
        ),
    )
    interviewer_id = _interviewer_field()
    planned_at = DateTimeLocalField(
        _l("Planned date and time (optional)"),
        format=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        validators=[Optional()],
    )


class ConsentTextForm(LddForm):
    body = TextAreaField(
        _l("Consent text"),
        validators=[DataRequired(REQUIRED), Length(max=TEXT_MAX)],
        description=_l(
            "Saving makes a new version. Consents already given keep the version they agreed to."
        ),
    )


class ConsentForm(LddForm):
    given_on = DateField(
        _l("Date of consent"), validators=[InputRequired(_l("Enter the date of consent."))]
    )
    method = RadioField(
        _l("How was consent given?"),
        choices=[SelectChoice(m.value, METHOD_LABELS[m]) for m in ConsentMethod],
        validators=[InputRequired(_l("Choose how consent was given."))],
    )
    allows_transcript = BooleanField(_l("The interview may be written out"))
    allows_quotes = BooleanField(
        _l("Short anonymous quotes may be used in reports, under the code")
    )
    parent_consented = BooleanField(_l("A parent or guardian gave consent"))
    pupil_assented = BooleanField(_l("The pupil said yes too"))


class TranscriptForm(LddForm):
    body = TextAreaField(
        _l("Write-out"),
        validators=[
            Optional(),
            Length(
                max=MAX_TRANSCRIPT_CHARS,
                message=_l("This text is too long for one interview (at most 200,000 characters)."),
            ),
        ],
    )
    held_on = DateField(_l("Date of the interview"), validators=[Optional()])
    version = HiddenField()

    def base_version(self) -> int | None:
        return parse_version(self.version.data)


class UploadForm(LddForm):
    file = FileField(_l("A .txt or .docx file (at most 2 MB)"))
    version = HiddenField()

    def base_version(self) -> int | None:
        return parse_version(self.version.data)


class PseudonymForm(LddForm):
    name = StringField(
        _l("Name as it may appear"), validators=[DataRequired(REQUIRED), Length(max=80)]
    )
    replacement = StringField(
        _l("Replace with"),
        validators=[DataRequired(REQUIRED), Length(max=80)],
        description=_l("For example [pupil A], [teacher B] or [school]."),
    )


class RetentionForm(LddForm):
    delete_on = DateField(
        _l("Delete interview data after"),
        validators=[InputRequired(_l("Enter a date."))],
    )


# --- DENKEN ------------------------------------------------------------------------------


class CodeForm(LddForm):
    name = StringField(_l("Name"), validators=[DataRequired(REQUIRED), Length(max=80)])
    description = TextAreaField(
        _l("When to use it"),
        validators=[Optional(), Length(max=2000)],
        description=_l("So every coder uses the code the same way."),
    )
    colour = StringField(
        _l("Colour"),
        default="#f6c344",
        validators=[
            DataRequired(REQUIRED),
            Regexp(r"^#[0-9a-fA-F]{6}$", message=_l("Choose a colour such as #f6c344.")),
        ],
    )
    theme_id = SelectField(_l("Theme"), coerce=int, validators=[Optional()])


class ThemeForm(LddForm):
    name = StringField(_l("Name of the theme"), validators=[DataRequired(REQUIRED), Length(max=80)])
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=2000)])


class MergeForm(LddForm):
    source_id = SelectField(_l("Merge this code"), coerce=int, validators=[InputRequired(REQUIRED)])
    target_id = SelectField(_l("into this code"), coerce=int, validators=[InputRequired(REQUIRED)])


class CodebookImportForm(LddForm):
    file = FileField(_l("Codebook as CSV (theme, code, description, colour)"))


class LongSelect(Select):
    """A select with hundreds of options (one per sentence of a write-out). WTForms writes
    every option through its general ``html_params``; one f-string per option is about ten
    times faster, which on a 6,000-word write-out is most of the coding page's time."""

    def __call__(self, field, **kwargs):
        choices = field.iter_choices()
        if self.multiple or field.has_groups() or any(c.render_kw for c in choices):
            return super().__call__(field, **kwargs)
        kwargs.setdefault("id", field.id)
        for flag in self.validation_attrs:
            if flag not in kwargs and getattr(field.flags, flag, False):
                kwargs[flag] = True
        html = [f"<select {html_params(name=field.name, **kwargs)}>"]
        html.extend(
            f'<option{" selected" if c.selected else ""} value="{escape(c.value)}">'
            f"{escape(c.label)}</option>"
            for c in choices
        )
        html.append("</select>")
        return Markup("".join(html))


class FragmentForm(LddForm):
    """A passage by offsets (selected with mouse or finger) or by sentences (keyboard).

    The sentence numbers are not checked against the choices (the view builds those only to
    render the form): the view treats a number outside the write-out as "nothing selected"."""

    start = IntegerField(validators=[Optional(), NumberRange(0, 10**7)])
    end = IntegerField(validators=[Optional(), NumberRange(0, 10**7)])
    from_sentence = SelectField(
        _l("From sentence"),
        coerce=int,
        validators=[Optional()],
        validate_choice=False,
        widget=LongSelect(),
    )
    to_sentence = SelectField(
        _l("to sentence"),
        coerce=int,
        validators=[Optional()],
        validate_choice=False,
        widget=LongSelect(),
    )
    code_ids = MultiCheckboxField(_l("Codes"), coerce=int, validate_choice=False)
    memo = TextAreaField(_l("Memo (optional)"), validators=[Optional(), Length(max=2000)])
    is_quote = BooleanField(_l("Telling quote"))


class RecodeForm(LddForm):
    code_ids = MultiCheckboxField(_l("Codes"), coerce=int, validate_choice=False)
    memo = TextAreaField(_l("Memo (optional)"), validators=[Optional(), Length(max=2000)])
    is_quote = BooleanField(_l("Telling quote"))


class CodersForm(LddForm):
    member_ids = MultiCheckboxField(_l("Coders"), coerce=int, validate_choice=False)


class FocusForm(LddForm):
    theme_ids = MultiCheckboxField(_l("Themes we will work on"), coerce=int, validate_choice=False)


class FocusGoalForm(LddForm):
    text = TextAreaField(
        _l("Goal"),
        validators=[
            DataRequired(REQUIRED),
            Length(max=200, message=_l("Keep a goal to one short sentence (200 characters).")),
        ],
    )
    theme_ids = MultiCheckboxField(_l("Themes behind it"), coerce=int, validate_choice=False)
    parent_id = SelectField(_l("Works towards startfoto goal"), coerce=int, validators=[Optional()])


class SolutionForm(LddForm):
    text = StringField(
        _l("Activity or solution"), validators=[DataRequired(REQUIRED), Length(max=300)]
    )
    needs = TextAreaField(
        _l("What do we need for this?"), validators=[Optional(), Length(max=2000)]
    )
