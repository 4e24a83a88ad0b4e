"""One form per use case. Messages are translatable; WTForms' own come in Dutch too."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    IntegerField,
    PasswordField,
    RadioField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import (
    DataRequired,
    Email,
    EqualTo,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)
from wtforms.widgets import CheckboxInput, ListWidget

from workgroup.models import FUNCTION_LABELS, ROLE_LABELS, Function, Mode, Role
from workgroup.services import MAX_GOALS, MIN_PASSWORD_LENGTH

REQUIRED = _l("This field is required.")
MODE_CHOICES = [
    SelectChoice(Mode.physical.value, _l("at school")),
    SelectChoice(Mode.online.value, _l("online")),
]
TEXT_MAX = 20_000


def _email_field(label):
    return EmailField(
        label,
        validators=[
            DataRequired(REQUIRED),
            Email(_l("Enter a valid email address, such as name@school.nl.")),
            Length(max=254),
        ],
    )


def _new_password(label):
    return PasswordField(
        label,
        validators=[
            DataRequired(REQUIRED),
            Length(
                min=MIN_PASSWORD_LENGTH,
                max=200,
                message=_l(
                    "Choose a password of at least %(min)d characters.", min=MIN_PASSWORD_LENGTH
                ),
            ),
        ],
    )


def _without_nul(value):
    """PostgreSQL cannot store NUL characters in text; nobody means to type them."""
    return value.replace("\x00", "") if isinstance(value, str) else value


class _StripNul:
    def bind_field(self, form, unbound_field, options):
        if issubclass(unbound_field.field_class, (FieldList, FormField)):
            return unbound_field.bind(form=form, **options)
        filters = unbound_field.kwargs.get("filters", [])
        return unbound_field.bind(form=form, filters=[*filters, _without_nul], **options)


class LddForm(FlaskForm):
    """Base of every form: strips NUL characters from all text input."""

    class Meta(_StripNul):
        pass


class SubForm(Form):
    """Base of the rows inside a FieldList(FormField(...)); no CSRF of its own."""

    class Meta(_StripNul):
        pass


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class ConfirmForm(LddForm):
    """Buttons that change something but ask nothing: only the CSRF token."""


class LoginForm(LddForm):
    email = _email_field(_l("Email address"))
    password = PasswordField(_l("Password"), validators=[DataRequired(REQUIRED)])
    next = HiddenField()


class AcceptInvitationForm(LddForm):
    display_name = StringField(_l("Your name"), validators=[DataRequired(REQUIRED), Length(max=80)])
    password = _new_password(_l("Choose a password"))
    confirm = PasswordField(
        _l("Repeat the password"),
        validators=[EqualTo("password", _l("The two passwords are not the same."))],
    )


class ChangePasswordForm(LddForm):
    current = PasswordField(_l("Current password"), validators=[DataRequired(REQUIRED)])
    password = _new_password(_l("New password"))
    confirm = PasswordField(
        _l("Repeat the new password"),
        validators=[EqualTo("password", _l("The two passwords are not the same."))],
    )


class LanguageForm(LddForm):
    lang = SelectField(
        _l("Language"), choices=[SelectChoice("nl", "Nederlands"), SelectChoice("en", "English")]
    )


class ChooseSchoolForm(LddForm):
    school_id = IntegerField(validators=[InputRequired(REQUIRED)])


class StartYearForm(LddForm):
    start_year = IntegerField(
        _l("School year starts in"),
        validators=[
            InputRequired(_l("Enter the year in which the school year starts, such as 2026.")),
            NumberRange(2000, 2100, _l("Enter a year between 2000 and 2100.")),
        ],
    )


class MeetingPlanForm(LddForm):
    planned_on = DateField(_l("Date"), validators=[Optional()], render_kw={"autocomplete": "off"})
    starts_at = TimeField(_l("Start time"), validators=[Optional()])
    mode = RadioField(
        _l("Where"),
        choices=MODE_CHOICES,
        validators=[InputRequired(REQUIRED)],
    )
    location = StringField(_l("Room, address or link"), validators=[Optional(), Length(max=200)])


class AgendaItemForm(LddForm):
    title = StringField(_l("Agenda item"), validators=[DataRequired(REQUIRED), Length(max=200)])
    prompt = TextAreaField(_l("Guiding question"), validators=[Optional(), Length(max=2000)])


class ItemNotesForm(LddForm):
    notes = TextAreaField(
        _l("Notes"),
        validators=[Optional(), Length(max=TEXT_MAX)],
        description=_l("About the group's work: leave out the names of children."),
    )
    decisions = TextAreaField(_l("Decisions"), validators=[Optional(), Length(max=TEXT_MAX)])


class MoveForm(LddForm):
    direction = HiddenField(validators=[InputRequired(REQUIRED)])

    def validate_direction(self, field):
        if field.data not in ("up", "down"):
            raise ValidationError(_l("Choose up or down."))


class AttendanceForm(LddForm):
    present = MultiCheckboxField(_l("Present"), coerce=int, validate_choice=False)


class ActionForm(LddForm):
    description = StringField(
        _l("What needs to be done"), validators=[DataRequired(REQUIRED), Length(max=300)]
    )
    owner_id = SelectField(_l("Who"), coerce=int, validators=[Optional()])
    due_on = DateField(_l("Before"), validators=[Optional()])


class ActionDoneForm(LddForm):
    done = HiddenField()


class MemberForm(LddForm):
    display_name = StringField(
        _l("Name"),
        validators=[DataRequired(REQUIRED), Length(max=80)],
        description=_l("For pupils a first name is enough."),
    )
    function = SelectField(
        _l("Function"),
        choices=[SelectChoice(f.value, FUNCTION_LABELS[f]) for f in Function],
        validators=[InputRequired(REQUIRED)],
    )
    motive = TextAreaField(
        _l("Motive for joining"),
        validators=[Optional(), Length(max=2000)],
        description=_l("In their own words: why does this person take part?"),
    )


class InviteForm(LddForm):
    email = _email_field(_l("Email address"))
    display_name = StringField(_l("Name"), validators=[Optional(), Length(max=80)])
    role = SelectField(
        _l("Role"),
        choices=[SelectChoice(r.value, ROLE_LABELS[r]) for r in Role],
        validators=[InputRequired(REQUIRED)],
    )


class MemberInviteForm(LddForm):
    email = _email_field(_l("Email address for the login"))


class RoleForm(LddForm):
    role = SelectField(
        _l("Role"),
        choices=[SelectChoice(r.value, ROLE_LABELS[r]) for r in Role],
        validators=[InputRequired(REQUIRED)],
    )


class StartfotoForm(LddForm):
    background = TextAreaField(
        _l("a) Background of the school"),
        validators=[Optional(), Length(max=TEXT_MAX)],
        description=_l("Board, size of the team, educational vision."),
    )
    vision_parents = TextAreaField(
        _l("b) Our vision on the involvement of parents"),
        validators=[Optional(), Length(max=TEXT_MAX)],
    )
    vision_bullying = TextAreaField(
        _l("b) Our vision on bullying"), validators=[Optional(), Length(max=TEXT_MAX)]
    )
    collaboration_now = TextAreaField(
        _l("c) How parents and school work together now when there is bullying"),
        validators=[Optional(), Length(max=TEXT_MAX)],
    )
    goals = FieldList(
        TextAreaField(
            _l("Goal"),
            filters=[_without_nul],
            validators=[
                Optional(),
                Length(max=200, message=_l("Keep a goal to one short sentence (200 characters).")),
            ],
        ),
        min_entries=MAX_GOALS,
        max_entries=MAX_GOALS,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for number, entry in enumerate(self.goals.entries, start=1):
            if number <= 3:
                entry.label.text = _l("Goal %(n)d", n=number)
            else:
                entry.label.text = _l("Goal %(n)d (optional)", n=number)

    def validate_goals(self, field):
        if not any((entry.data or "").strip() for entry in field.entries):
            # str(): the template shows only string errors of the list (not the goals' own lists)
            raise ValidationError(str(_l("Write at least one goal; three is what we recommend.")))


class CreateSchoolForm(LddForm):
    name = StringField(
        _l("Name of the school"), validators=[DataRequired(REQUIRED), Length(max=120)]
    )
    chair_email = _email_field(_l("Email address of the chair"))
    chair_name = StringField(_l("Name of the chair"), validators=[Optional(), Length(max=80)])


# --- guidance ----------------------------------------------------------------------------


class GroupNameForm(LddForm):
    group_name = StringField(
        _l("Name of the working group"),
        validators=[DataRequired(REQUIRED), Length(max=120)],
        description=_l("For example “Werkgroep Samen tegen Pesten”. You can change it later."),
    )


class PlanRowForm(SubForm):
    """One meeting in the plan-the-year step; no CSRF of its own (the outer form has it)."""

    planned_on = DateField(_l("Date"), validators=[Optional()])
    starts_at = TimeField(_l("Start time"), validators=[Optional()])
    mode = SelectField(
        _l("Where"),
        choices=MODE_CHOICES,
        validators=[InputRequired(REQUIRED)],
    )


class YearPlanForm(LddForm):
    meetings = FieldList(FormField(PlanRowForm), min_entries=7, max_entries=7)

    def validate_meetings(self, field):
        if not all(entry.form.planned_on.data for entry in field.entries):
            raise ValidationError(_l("Give every meeting a date; you can still change it later."))


class ConditionRowForm(SubForm):
    key = HiddenField()
    is_met = BooleanField(_l("In place"))
    comment = TextAreaField(_l("Comment"), validators=[Optional(), Length(max=2000)])


class ConditionsForm(LddForm):
    conditions = FieldList(FormField(ConditionRowForm))


class ExerciseForm(LddForm):
    """Sort questions into open and closed; every answer is optional until checked."""

    answers = FieldList(
        RadioField(
            choices=[SelectChoice("open", _l("open")), SelectChoice("closed", _l("closed"))],
            validators=[Optional()],
            validate_choice=True,
        )
    )
