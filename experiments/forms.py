"""Forms of DOEN: one per use case, with Dutch messages through the catalog."""

from __future__ import annotations

import math

from flask_babel import lazy_gettext as _l
from wtforms import (
    DateField,
    IntegerField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from experiments.models import (
    DECISION_LABELS,
    GOAL_STATUS_LABELS,
    MEASURE_KIND_LABELS,
    Size,
    Term,
)
from workgroup.forms import REQUIRED, TEXT_MAX, LddForm, MultiCheckboxField

LONG_TEXT = [Optional(), Length(max=TEXT_MAX)]


class NumberField(StringField):
    """A number as people type it: "4", "3,5" or "3.5". Empty is None."""

    def process_formdata(self, valuelist):
        self.data = None
        raw = (valuelist[0] if valuelist else "").strip().replace(",", ".")
        if not raw:
            return
        try:
            number = float(raw)
        except ValueError:
            number = math.nan
        if not math.isfinite(number) or len(raw) > 12:
            self.raw_data = valuelist
            raise ValueError(_l("Enter a number, such as 4 or 3,5."))
        self.data = number

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        if self.data is None:
            return ""
        return f"{self.data:g}".replace(".", ",")


class ExperimentForm(LddForm):
    title = StringField(
        _l("Title"),
        validators=[DataRequired(REQUIRED), Length(max=160)],
        description=_l("Short and concrete, such as “Class agreements in group 6”."),
    )
    goal_ids = MultiCheckboxField(_l("Goals it serves"), coerce=int, validate_choice=False)
    theme_ids = MultiCheckboxField(_l("Themes behind it"), coerce=int, validate_choice=False)
    aim = TextAreaField(
        _l("Aim"),
        validators=LONG_TEXT,
        description=_l("What should be different for pupils, parents or teachers?"),
    )
    prediction = TextAreaField(
        _l("Prediction"),
        validators=LONG_TEXT,
        description=_l("Start with “We expect that …”, so you can check it at the evaluation."),
    )
    activities = TextAreaField(
        _l("Activities"), validators=LONG_TEXT, description=_l("What will you do, step by step?")
    )
    lead_id = SelectField(_l("Who leads it"), coerce=int, validators=[Optional()])
    participants = TextAreaField(
        _l("Who takes part"),
        validators=LONG_TEXT,
        description=_l("Classes, parents, teachers, the playground team …"),
    )
    pupil_ideas = TextAreaField(
        _l("Ideas from pupils"),
        validators=LONG_TEXT,
        description=_l("When pupils act as a think tank: what did they come up with?"),
    )
    starts_on = DateField(_l("Start date"), validators=[Optional()])
    ends_on = DateField(_l("End date"), validators=[Optional()])
    size = RadioField(
        _l("Size"),
        choices=[SelectChoice(Size.small.value, _l("small")),
                 SelectChoice(Size.large.value, _l("large"))],
        default=Size.small.value,
        validators=[DataRequired(REQUIRED)],
    )  # fmt: skip
    term = RadioField(
        _l("Term"),
        choices=[SelectChoice(Term.short.value, _l("short term")),
                 SelectChoice(Term.long.value, _l("long term"))],
        default=Term.short.value,
        validators=[DataRequired(REQUIRED)],
    )  # fmt: skip
    needs = TextAreaField(
        _l("What is needed"),
        validators=LONG_TEXT,
        description=_l("Time, money, materials, help from the team or from outside."),
    )

    def validate_ends_on(self, field):
        if field.data and self.starts_on.data and field.data < self.starts_on.data:
            raise ValidationError(_l("The end date lies before the start date."))


class MeasureForm(LddForm):
    name = StringField(
        _l("Measure"),
        validators=[DataRequired(REQUIRED), Length(max=120)],
        description=_l("What you count or ask, such as “pupils who feel safe at break”."),
    )
    kind = SelectField(
        _l("How it is measured"),
        choices=[SelectChoice(kind.value, label) for kind, label in MEASURE_KIND_LABELS.items()],
        validators=[DataRequired(REQUIRED)],
    )
    baseline = NumberField(_l("Baseline"), description=_l("Where you stand now, if known."))
    target = NumberField(_l("Target"), description=_l("Where you want to be at the end."))
    measured_by = StringField(_l("Who measures"), validators=[Optional(), Length(max=120)])
    measured_when = StringField(
        _l("When"),
        validators=[Optional(), Length(max=120)],
        description=_l("For example “every Friday” or “after each parents' evening”."),
    )


class ObservationForm(LddForm):
    """The values arrive as ``value-<measure id>`` and are read by the view."""

    observed_on = DateField(_l("Date"), validators=[DataRequired(REQUIRED)])
    note = TextAreaField(
        _l("What did you see?"),
        validators=LONG_TEXT,
        description=_l("Short: what happened, what struck you."),
    )
    adjustment = TextAreaField(
        _l("Did you change course?"),
        validators=LONG_TEXT,
        description=_l("Only when the group changed the experiment from here on; it is marked on "
                       "the chart."),
    )  # fmt: skip


class LimitForm(LddForm):
    limit = IntegerField(
        _l("Experiments running at the same time"),
        validators=[
            DataRequired(REQUIRED),
            NumberRange(1, 6, message=_l("Choose a limit from 1 to 6.")),
        ],
    )


SCORE_CHOICES = [SelectChoice(0, _l("no score"))] + [SelectChoice(i, str(i)) for i in range(1, 6)]


class EvaluationForm(LddForm):
    went_as_planned = TextAreaField(
        _l("Did it go as planned?"),
        validators=LONG_TEXT,
        description=_l("What went as intended, what went differently, and why?"),
    )
    pupils_score = SelectField(_l("Pupils' score"), choices=SCORE_CHOICES, coerce=int)
    pupils_comment = TextAreaField(_l("What pupils said"), validators=LONG_TEXT)
    parents_score = SelectField(_l("Parents' score"), choices=SCORE_CHOICES, coerce=int)
    parents_comment = TextAreaField(_l("What parents said"), validators=LONG_TEXT)
    teachers_score = SelectField(_l("Teachers' score"), choices=SCORE_CHOICES, coerce=int)
    teachers_comment = TextAreaField(_l("What teachers said"), validators=LONG_TEXT)
    contribution_score = SelectField(
        _l("Contribution to the goal"),
        choices=SCORE_CHOICES,
        coerce=int,
        description=_l("1: it did not help the goal; 5: it helped a lot."),
    )
    contribution = TextAreaField(_l("How did it help the goal?"), validators=LONG_TEXT)
    prediction_review = TextAreaField(
        _l("What did the prediction get right?"), validators=LONG_TEXT
    )
    decision = RadioField(
        _l("Decision"),
        choices=[SelectChoice(d.value, label) for d, label in DECISION_LABELS.items()],
        validators=[Optional()],
    )
    next_steps = TextAreaField(_l("Next steps"), validators=LONG_TEXT)


class GoalReviewForm(LddForm):
    status = RadioField(
        _l("How far did we get?"),
        choices=[SelectChoice(s.value, label) for s, label in GOAL_STATUS_LABELS.items()],
        validators=[Optional()],
    )
    evidence = TextAreaField(
        _l("What shows it"),
        validators=LONG_TEXT,
        description=_l("Figures, observations, what people said."),
    )
    experiment_ids = MultiCheckboxField(_l("Experiments"), coerce=int, validate_choice=False)
    theme_ids = MultiCheckboxField(_l("Themes"), coerce=int, validate_choice=False)
    quote_ids = MultiCheckboxField(_l("Quotes"), coerce=int, validate_choice=False)


class LessonsForm(LddForm):
    lessons = TextAreaField(
        _l("Lessons for next year"),
        validators=[DataRequired(REQUIRED), Length(max=TEXT_MAX)],
        description=_l("What would you keep, what would you do differently?"),
    )
