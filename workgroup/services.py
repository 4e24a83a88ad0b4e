"""Queries and domain operations of the core. No request or response objects here:
functions flush, the view commits once."""

from __future__ import annotations

import hashlib
import json
import secrets
from calendar import TUESDAY, monthrange
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload

from app import db
from workgroup.models import (
    ActionItem,
    AgendaItem,
    AuditEvent,
    ConditionCheck,
    Cycle,
    DomainError,
    Function,
    Goal,
    GoalSource,
    Invitation,
    Meeting,
    Membership,
    MinutesRevision,
    Mode,
    Moment,
    Role,
    School,
    Startfoto,
    User,
    WorkgroupMember,
    utcnow,
)
from workgroup.programme import PROGRAMME

__all__ = ["DomainError"]

MIN_PASSWORD_LENGTH = 12
MAX_GOALS = 5


# --- people, schools, access -------------------------------------------------------------


def normalise_email(email: str) -> str:
    return email.strip().lower()


def audit(school: School | None, user: User | None, action: str, obj, subject: str = "") -> None:
    """Record who did what to which object; ``subject`` names a respondent by code only."""
    db.session.add(
        AuditEvent(
            school_id=school.id if school else None,
            user_id=user.id if user else None,
            action=action,
            object_type=type(obj).__name__,
            object_id=getattr(obj, "id", None),
            subject=subject,
        )
    )


def authenticate(email: str, password: str) -> User | None:
    user = db.session.scalar(select(User).where(User.email == normalise_email(email)))
    if user is None or not user.check_password(password):
        return None
    return user


def create_school(name: str) -> School:
    name = name.strip()
    if not name:
        raise DomainError(_("A school needs a name."))
    if db.session.scalar(select(School.id).where(func.lower(School.name) == name.lower())):
        raise DomainError(_("A school with this name already exists."))
    school = School(name=name)
    db.session.add(school)
    db.session.flush()
    return school


def create_user(email: str, display_name: str, password: str, *, is_admin=False) -> User:
    email = normalise_email(email)
    if db.session.scalar(select(User.id).where(User.email == email)):
        raise DomainError(_("An account with this email address already exists."))
    if len(password) < MIN_PASSWORD_LENGTH:
        raise DomainError(
            _("Choose a password of at least %(n)d characters.", n=MIN_PASSWORD_LENGTH)
        )
    user = User(email=email, display_name=display_name.strip() or email, is_admin=is_admin)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    return user


def create_admin(email: str, password: str) -> User:
    return create_user(email, email.split("@")[0], password, is_admin=True)


def memberships_of(user: User) -> list[Membership]:
    return list(
        db.session.scalars(
            select(Membership)
            .where(Membership.user_id == user.id)
            .options(selectinload(Membership.school))
            .join(School)
            .order_by(School.name)
        )
    )


def membership_in(user: User, school_id: int) -> Membership | None:
    return db.session.scalar(
        select(Membership)
        .where(Membership.user_id == user.id, Membership.school_id == school_id)
        .options(joinedload(Membership.school))  # every request: one query, not two
    )


def school_memberships(school: School) -> list[Membership]:
    return list(
        db.session.scalars(
            select(Membership)
            .where(Membership.school_id == school.id)
            .options(selectinload(Membership.user))
            .join(User)
            .order_by(Membership.role, User.display_name)
        )
    )


def get_membership(school: School, membership_id: int) -> Membership | None:
    return db.session.scalar(
        select(Membership).where(Membership.id == membership_id, Membership.school_id == school.id)
    )


def change_role(membership: Membership, role: Role, by: User) -> None:
    if membership.role is Role.chair and role is not Role.chair and _chair_count(membership) < 2:
        raise DomainError(_("A school needs at least one chair. Make someone else chair first."))
    membership.role = role
    audit(membership.school, by, "change_role", membership)
    db.session.flush()


def remove_membership(membership: Membership, by: User) -> None:
    if membership.role is Role.chair and _chair_count(membership) < 2:
        raise DomainError(_("A school needs at least one chair. Make someone else chair first."))
    audit(membership.school, by, "remove_membership", membership)
    db.session.delete(membership)
    db.session.flush()


def _chair_count(membership: Membership) -> int:
    return db.session.scalar(
        select(func.count(Membership.id)).where(
            Membership.school_id == membership.school_id, Membership.role == Role.chair
        )
    )


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_invitation(
    school: School,
    *,
    email: str,
    role: Role,
    name: str = "",
    created_by: User | None,
    member: WorkgroupMember | None = None,
    days: int = 14,
) -> tuple[Invitation, str]:
    """Make a single-use link; returns the invitation and the token (shown once)."""
    email = normalise_email(email)
    existing = db.session.scalar(
        select(Membership).join(User).where(Membership.school_id == school.id, User.email == email)
    )
    if existing is not None:
        raise DomainError(_("This person already has access to this school."))
    token = secrets.token_urlsafe(32)
    invitation = Invitation(
        school_id=school.id,
        email=email,
        display_name=name.strip() or (member.display_name if member else ""),
        role=role,
        member=member,
        token_hash=_token_hash(token),
        expires_at=utcnow() + timedelta(days=days),
        created_by_id=created_by.id if created_by else None,
    )
    db.session.add(invitation)
    db.session.flush()
    audit(school, created_by, "invite_person", invitation)
    return invitation, token


def find_invitation(token: str) -> Invitation | None:
    """The invitation for a link, if it is still open (not used and not expired)."""
    if not token or len(token) > 100:
        return None
    invitation = db.session.scalar(
        select(Invitation).where(Invitation.token_hash == _token_hash(token))
    )
    return invitation if invitation is not None and invitation.is_open else None


def open_invitations(school: School) -> list[Invitation]:
    return list(
        db.session.scalars(
            select(Invitation)
            .where(
                Invitation.school_id == school.id,
                Invitation.accepted_at.is_(None),
                Invitation.expires_at > utcnow(),
            )
            .order_by(Invitation.created_at.desc())
        )
    )


def get_invitation(school: School, invitation_id: int) -> Invitation | None:
    return db.session.scalar(
        select(Invitation).where(Invitation.id == invitation_id, Invitation.school_id == school.id)
    )


def revoke_invitation(invitation: Invitation, by: User) -> None:
    audit(invitation.school, by, "revoke_invitation", invitation)
    db.session.delete(invitation)
    db.session.flush()


def accept_invitation(
    invitation: Invitation, *, user: User | None, display_name: str = "", password: str = ""
) -> User:
    """Join the school: with the logged-in account, or with a new one made from the form."""
    if not invitation.is_open:
        raise DomainError(_("This invitation has been used or has expired."))
    if user is None:
        user = create_user(invitation.email, display_name, password)
    if membership_in(user, invitation.school_id) is None:
        db.session.add(Membership(user=user, school_id=invitation.school_id, role=invitation.role))
    if invitation.member is not None and invitation.member.user_id is None:
        invitation.member.user = user
    invitation.accepted_at = utcnow()
    audit(invitation.school, user, "accept_invitation", invitation)
    db.session.flush()
    return user


def change_password(user: User, current: str, new: str) -> None:
    if not user.check_password(current):
        raise DomainError(_("Your current password is not correct."))
    if len(new) < MIN_PASSWORD_LENGTH:
        raise DomainError(
            _("Choose a password of at least %(n)d characters.", n=MIN_PASSWORD_LENGTH)
        )
    user.set_password(new)
    db.session.flush()


def all_schools() -> list[tuple[School, int]]:
    """Every school with its number of people, for the platform administrator."""
    count = (
        select(func.count(Membership.id)).where(Membership.school_id == School.id).scalar_subquery()
    )
    return [
        (school, n) for school, n in db.session.execute(select(School, count).order_by(School.name))
    ]


# --- the year and its meetings -----------------------------------------------------------


def default_meeting_date(start_year: int, month: int) -> date:
    """The third Tuesday of the month: after the start of term, before the holidays."""
    year = start_year if month >= 8 else start_year + 1
    first_weekday, _days = monthrange(year, month)
    first_tuesday = 1 + (TUESDAY - first_weekday) % 7
    return date(year, month, first_tuesday + 14)


#: Other packages give a new school year its starting data: functions of (cycle, by) run
#: after the meetings exist (``interviews`` adds the starter codes).
CYCLE_STARTED: list[Callable[[Cycle, User | None], None]] = []


def start_cycle(school: School, start_year: int, by: User | None) -> Cycle:
    """Create a school year with the seven meetings of the standard programme."""
    if db.session.scalar(
        select(Cycle.id).where(Cycle.school_id == school.id, Cycle.start_year == start_year)
    ):
        raise DomainError(_("The school year %(label)s already exists.", label=_year(start_year)))
    cycle = Cycle(school=school, start_year=start_year)
    for number, template in PROGRAMME.items():
        meeting = Meeting(
            number=number,
            planned_on=default_meeting_date(start_year, template.month),
            mode=Mode.physical,
        )
        meeting.agenda_items = [
            AgendaItem(position=i, title=str(item.title), prompt=str(item.prompt))
            for i, item in enumerate(template.agenda)
        ]
        cycle.meetings.append(meeting)
    db.session.add(cycle)
    db.session.flush()
    audit(school, by, "start_cycle", cycle)
    for hook in CYCLE_STARTED:
        hook(cycle, by)
    return cycle


#: Functions of (old cycle, new cycle) that carry a package's data into the next year
#: (``interviews``: codebook and consent text; ``experiments``: adopted experiments).
CARRY_OVER: list[Callable[[Cycle, Cycle], None]] = []


def start_next_year(cycle: Cycle, by: User | None) -> Cycle:
    """Start the following school year from this one: the members come along, and the
    packages add what they carry over. Never transcripts, consents or respondents."""
    new = start_cycle(cycle.school, cycle.start_year + 1, by)
    for member in cycle.members:
        new.members.append(
            WorkgroupMember(
                user_id=member.user_id,
                display_name=member.display_name,
                function=member.function,
                motive=member.motive,
            )
        )
    db.session.flush()
    for hook in CARRY_OVER:
        hook(cycle, new)
    audit(cycle.school, by, "start_next_year", new)
    return new


def _year(start_year: int) -> str:
    return f"{start_year}–{start_year + 1}"


def cycles_of(school: School) -> list[Cycle]:
    return list(
        db.session.scalars(
            select(Cycle).where(Cycle.school_id == school.id).order_by(Cycle.start_year.desc())
        )
    )


def current_cycle(school: School) -> Cycle | None:
    return db.session.scalar(
        select(Cycle).where(Cycle.school_id == school.id).order_by(Cycle.start_year.desc()).limit(1)
    )


def get_cycle(school: School, start_year: int) -> Cycle | None:
    return db.session.scalar(
        select(Cycle).where(Cycle.school_id == school.id, Cycle.start_year == start_year)
    )


def get_meeting(cycle: Cycle, number: int) -> Meeting | None:
    if not 1 <= number <= 7:  # the only numbers there are; a huge one would overflow the query
        return None
    return db.session.scalar(
        select(Meeting)
        .where(Meeting.cycle_id == cycle.id, Meeting.number == number)
        .options(selectinload(Meeting.agenda_items), selectinload(Meeting.attendees))
    )


def meetings_of(cycle: Cycle) -> list[Meeting]:
    return list(
        db.session.scalars(
            select(Meeting).where(Meeting.cycle_id == cycle.id).order_by(Meeting.number)
        )
    )


def update_meeting_plan(meeting: Meeting, **fields) -> None:
    for name in ("planned_on", "starts_at", "mode", "location"):
        if name in fields:
            setattr(meeting, name, fields[name])
    db.session.flush()


def online_streaks(meetings: list[Meeting]) -> list[list[int]]:
    """Runs of more than two online meetings in a row, as lists of meeting numbers."""
    streaks, run = [], []
    for meeting in sorted(meetings, key=lambda m: m.number):
        if meeting.mode is Mode.online:
            run.append(meeting.number)
            continue
        if len(run) > 2:
            streaks.append(run)
        run = []
    if len(run) > 2:
        streaks.append(run)
    return streaks


def next_meeting(cycle: Cycle, today: date | None = None) -> Meeting | None:
    today = today or date.today()
    return db.session.scalar(
        select(Meeting)
        .where(Meeting.cycle_id == cycle.id, Meeting.planned_on >= today)
        .order_by(Meeting.planned_on, Meeting.number)
        .limit(1)
    )


# --- minutes -----------------------------------------------------------------------------


def _ensure_editable(meeting: Meeting) -> None:
    if meeting.is_final:
        raise DomainError(_("The minutes are final. The chair can reopen them to make changes."))


def _snapshot(meeting: Meeting) -> str:
    return json.dumps(
        [
            {
                "title": item.title,
                "prompt": item.prompt,
                "notes": item.notes,
                "decisions": item.decisions,
            }
            for item in sorted(meeting.agenda_items, key=lambda i: i.position)
        ],
        ensure_ascii=False,
    )


def record_revision(meeting: Meeting, by: User | None, summary: str) -> MinutesRevision:
    db.session.flush()
    db.session.refresh(meeting, ["agenda_items"])
    revision = MinutesRevision(
        meeting_id=meeting.id,
        user_id=by.id if by else None,
        summary=summary[:300],
        snapshot=_snapshot(meeting),
    )
    db.session.add(revision)
    db.session.flush()
    return revision


def revisions_of(meeting: Meeting) -> list[MinutesRevision]:
    return list(
        db.session.scalars(
            select(MinutesRevision)
            .where(MinutesRevision.meeting_id == meeting.id)
            .options(selectinload(MinutesRevision.user))
            .order_by(MinutesRevision.created_at.desc(), MinutesRevision.id.desc())
        )
    )


def get_agenda_item(meeting: Meeting, item_id: int) -> AgendaItem | None:
    return db.session.scalar(
        select(AgendaItem).where(AgendaItem.id == item_id, AgendaItem.meeting_id == meeting.id)
    )


def add_agenda_item(meeting: Meeting, title: str, prompt: str, by: User) -> AgendaItem:
    _ensure_editable(meeting)
    position = len(meeting.agenda_items)
    item = AgendaItem(
        meeting=meeting, title=title.strip(), prompt=prompt.strip(), position=position
    )
    db.session.add(item)
    record_revision(meeting, by, _("Agenda item “%(title)s” added", title=item.title))
    return item


def update_agenda_item(item: AgendaItem, by: User, **fields) -> None:
    _ensure_editable(item.meeting)
    for name in ("title", "prompt", "notes", "decisions"):
        if name in fields:
            setattr(item, name, fields[name].strip())
    record_revision(item.meeting, by, _("Agenda item “%(title)s” changed", title=item.title))


def move_agenda_item(item: AgendaItem, offset: int, by: User) -> None:
    """Move an item up (-1) or down (+1); the positions stay 0..n-1."""
    meeting = item.meeting
    _ensure_editable(meeting)
    items = sorted(meeting.agenda_items, key=lambda i: i.position)
    index = items.index(item)
    target = index + offset
    if not 0 <= target < len(items):
        return
    items[index], items[target] = items[target], items[index]
    for position, each in enumerate(items):
        each.position = position
    record_revision(meeting, by, _("Agenda item “%(title)s” moved", title=item.title))


def delete_agenda_item(item: AgendaItem, by: User) -> None:
    meeting = item.meeting
    _ensure_editable(meeting)
    title = item.title
    meeting.agenda_items.remove(item)
    db.session.delete(item)
    for position, each in enumerate(sorted(meeting.agenda_items, key=lambda i: i.position)):
        each.position = position
    record_revision(meeting, by, _("Agenda item “%(title)s” removed", title=title))


def set_attendance(meeting: Meeting, member_ids: set[int], by: User) -> None:
    _ensure_editable(meeting)
    members = [m for m in meeting.cycle.members if m.id in member_ids]
    meeting.attendees = members
    record_revision(meeting, by, _("Attendance recorded"))


def finalize_minutes(meeting: Meeting, by: User) -> None:
    _ensure_editable(meeting)
    meeting.minutes_final_at = utcnow()
    meeting.minutes_final_by_id = by.id
    record_revision(meeting, by, _("Minutes marked final"))


def reopen_minutes(meeting: Meeting, by: User) -> None:
    if not meeting.is_final:
        raise DomainError(_("These minutes are not final."))
    meeting.minutes_final_at = None
    meeting.minutes_final_by_id = None
    record_revision(meeting, by, _("Minutes reopened"))


# --- actions -----------------------------------------------------------------------------


def add_action(
    meeting: Meeting, description: str, owner: WorkgroupMember | None, due_on: date | None
) -> ActionItem:
    action = ActionItem(
        cycle_id=meeting.cycle_id,
        meeting=meeting,
        description=description.strip(),
        owner=owner,
        due_on=due_on,
    )
    db.session.add(action)
    db.session.flush()
    return action


def get_action(cycle: Cycle, action_id: int) -> ActionItem | None:
    return db.session.scalar(
        select(ActionItem).where(ActionItem.id == action_id, ActionItem.cycle_id == cycle.id)
    )


def set_action_done(action: ActionItem, done: bool) -> None:
    action.done_at = (action.done_at or utcnow()) if done else None
    db.session.flush()


def delete_action(action: ActionItem) -> None:
    db.session.delete(action)
    db.session.flush()


def actions_of(cycle: Cycle, *, open_only=False, meeting: Meeting | None = None) -> list:
    query = (
        select(ActionItem)
        .where(ActionItem.cycle_id == cycle.id)
        .options(selectinload(ActionItem.owner), selectinload(ActionItem.meeting))
        .order_by(ActionItem.done_at.is_not(None), ActionItem.due_on, ActionItem.id)
    )
    if open_only:
        query = query.where(ActionItem.done_at.is_(None))
    if meeting is not None:
        query = query.where(ActionItem.meeting_id == meeting.id)
    return list(db.session.scalars(query))


def carried_actions(meeting: Meeting) -> list[ActionItem]:
    """Open actions agreed at earlier meetings of the same year."""
    return list(
        db.session.scalars(
            select(ActionItem)
            .join(Meeting, ActionItem.meeting_id == Meeting.id)
            .where(
                ActionItem.cycle_id == meeting.cycle_id,
                ActionItem.done_at.is_(None),
                Meeting.number < meeting.number,
            )
            .options(selectinload(ActionItem.owner), selectinload(ActionItem.meeting))
            .order_by(ActionItem.due_on, ActionItem.id)
        )
    )


# --- members -----------------------------------------------------------------------------

#: Who should be at the table, and how the check names them when missing.
REPRESENTED = (
    Function.parent,
    Function.teacher,
    Function.pupil,
    Function.coordinator,
)


def members_of(cycle: Cycle) -> list[WorkgroupMember]:
    return list(
        db.session.scalars(
            select(WorkgroupMember)
            .where(WorkgroupMember.cycle_id == cycle.id)
            .options(selectinload(WorkgroupMember.user))
            .order_by(WorkgroupMember.display_name)
        )
    )


def get_member(cycle: Cycle, member_id: int) -> WorkgroupMember | None:
    return db.session.scalar(
        select(WorkgroupMember).where(
            WorkgroupMember.id == member_id, WorkgroupMember.cycle_id == cycle.id
        )
    )


def missing_functions(members: list[WorkgroupMember]) -> list[Function]:
    present = {m.function for m in members}
    return [f for f in REPRESENTED if f not in present]


def add_member(
    cycle: Cycle, display_name: str, function: Function, motive: str, by: User
) -> WorkgroupMember:
    member = WorkgroupMember(
        cycle=cycle, display_name=display_name.strip(), function=function, motive=motive.strip()
    )
    db.session.add(member)
    db.session.flush()
    audit(cycle.school, by, "add_member", member)
    return member


def update_member(member: WorkgroupMember, by: User, **fields) -> None:
    for name in ("display_name", "function", "motive"):
        if name in fields:
            value = fields[name]
            setattr(member, name, value.strip() if isinstance(value, str) else value)
    audit(member.cycle.school, by, "update_member", member)
    db.session.flush()


def remove_member(member: WorkgroupMember, by: User) -> None:
    audit(member.cycle.school, by, "remove_member", member)
    db.session.delete(member)
    db.session.flush()


# --- startfoto ---------------------------------------------------------------------------


def startfoto_of(cycle: Cycle) -> Startfoto:
    """The year's startfoto; an empty, unsaved one when nobody filled it in yet."""
    found = db.session.scalar(select(Startfoto).where(Startfoto.cycle_id == cycle.id))
    return found or Startfoto(cycle_id=cycle.id)


def startfoto_goals(cycle: Cycle) -> list[Goal]:
    return list(
        db.session.scalars(
            select(Goal)
            .where(Goal.cycle_id == cycle.id, Goal.source == GoalSource.startfoto)
            .order_by(Goal.position)
        )
    )


def save_startfoto(cycle: Cycle, by: User, *, goals: list[str], **texts: str) -> Startfoto:
    goals = [g.strip() for g in goals if g and g.strip()]
    if not 1 <= len(goals) <= MAX_GOALS:
        raise DomainError(_("Write at least one and at most five goals."))
    startfoto = startfoto_of(cycle)
    for name in ("background", "vision_parents", "vision_bullying", "collaboration_now"):
        setattr(startfoto, name, texts.get(name, "").strip())
    startfoto.updated_at = utcnow()
    startfoto.updated_by_id = by.id
    db.session.add(startfoto)
    existing = startfoto_goals(cycle)
    for position, text in enumerate(goals):
        if position < len(existing):
            existing[position].text = text
            existing[position].position = position
        else:
            db.session.add(
                Goal(cycle_id=cycle.id, source=GoalSource.startfoto, position=position, text=text)
            )
    for goal in existing[len(goals) :]:
        db.session.delete(goal)
    db.session.flush()
    return startfoto


def startfoto_is_done(startfoto: Startfoto, goals: list[Goal]) -> bool:
    parts = (
        startfoto.background,
        startfoto.vision_parents,
        startfoto.vision_bullying,
        startfoto.collaboration_now,
    )
    return all(p and p.strip() for p in parts) and bool(goals)


# --- dashboard ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ChainStep:
    key: str
    label: str
    is_done: bool
    endpoint: str | None
    detail: str


#: The other packages fill in their own links of the chain: a function of the cycle that
#: returns a ChainStep replacing the placeholder with the same key. The core imports none of
#: them (``interviews`` registers itself when it is imported).
CHAIN_STEPS: list[Callable[[Cycle], ChainStep]] = []

#: Warnings for the dashboard from other packages: (cycle, role, today) -> text or None.
DASHBOARD_NOTICES: list[Callable[[Cycle, Role, date], str | None]] = []


#: Panels for the dashboard from other packages: (cycle, role) -> rendered HTML or None.
DASHBOARD_PANELS: list[Callable[[Cycle, Role], str | None]] = []


def dashboard_panels(cycle: Cycle, role: Role) -> list[str]:
    return [p for p in (panel(cycle, role) for panel in DASHBOARD_PANELS) if p]


def dashboard_notices(cycle: Cycle, role: Role, today: date) -> list[str]:
    return [n for n in (notice(cycle, role, today) for notice in DASHBOARD_NOTICES) if n]


def chain_status(cycle: Cycle) -> list[ChainStep]:
    """The links of the year's chain, as far as the app carries them now."""
    steps = _core_chain(cycle)
    for provider in CHAIN_STEPS:
        step = provider(cycle)
        steps = [step if s.key == step.key else s for s in steps]
    return steps


def _core_chain(cycle: Cycle) -> list[ChainStep]:
    startfoto = startfoto_of(cycle)
    goals = startfoto_goals(cycle)
    member_count = db.session.scalar(
        select(func.count(WorkgroupMember.id)).where(WorkgroupMember.cycle_id == cycle.id)
    )
    return [
        ChainStep(
            "members",
            _("Working group formed"),
            member_count > 0,
            "workgroup.list_members",
            _("%(n)d members", n=member_count),
        ),
        ChainStep(
            "startfoto",
            _("Startfoto and goals"),
            startfoto_is_done(startfoto, goals),
            "workgroup.show_startfoto",
            _("%(n)d goals", n=len(goals)),
        ),
        ChainStep("interviews", _("Interviews"), False, None, _("comes with LUISTEREN")),
        ChainStep("themes", _("Themes"), False, None, _("comes with DENKEN")),
        ChainStep("experiments", _("Experiments"), False, None, _("comes with DOEN")),
        ChainStep("evaluation", _("Evaluation"), False, None, _("comes with DOEN")),
    ]


# --- guidance: guided start, conditions for success -------------------------------------


def set_group_name(school: School, name: str, by: User) -> None:
    school.group_name = name.strip()
    audit(school, by, "name_group", school)
    db.session.flush()


def confirm_plan(cycle: Cycle, plans: dict[int, dict]) -> None:
    """Save the dates and modes of all seven meetings at once and mark the year planned."""
    for meeting in meetings_of(cycle):
        if meeting.number in plans:
            update_meeting_plan(meeting, **plans[meeting.number])
    cycle.planned_at = utcnow()
    db.session.flush()


@dataclass(frozen=True)
class OnboardingStep:
    key: str
    label: str
    is_done: bool


def onboarding_steps(school: School, cycle: Cycle | None) -> list[OnboardingStep]:
    """The guided start of a new chair; done steps are derived from the data itself."""
    members = members_of(cycle) if cycle else []
    startfoto_done = bool(cycle) and startfoto_is_done(startfoto_of(cycle), startfoto_goals(cycle))
    return [
        OnboardingStep("name", _("Name the working group"), bool(school.group_name)),
        OnboardingStep("year", _("Start the school year"), cycle is not None),
        OnboardingStep("members", _("Add the members"), len(members) >= 2),
        OnboardingStep("plan", _("Plan the seven meetings"), bool(cycle and cycle.planned_at)),
        OnboardingStep("startfoto", _("Fill in the startfoto"), startfoto_done),
    ]


def condition_checks(cycle: Cycle) -> dict[tuple[str, Moment], ConditionCheck]:
    checks = db.session.scalars(select(ConditionCheck).where(ConditionCheck.cycle_id == cycle.id))
    return {(c.key, c.moment): c for c in checks}


def save_condition_checks(
    cycle: Cycle, moment: Moment, values: dict[str, tuple[bool, str]], by: User
) -> None:
    """Store the group's judgement of every condition at one moment of the year."""
    from workgroup.guidance import CONDITIONS

    known = {c.key for c in CONDITIONS}
    existing = condition_checks(cycle)
    for key, (is_met, comment) in values.items():
        if key not in known:
            raise DomainError(_("Unknown condition."))
        check = existing.get((key, moment))
        if check is None:
            check = ConditionCheck(cycle_id=cycle.id, key=key, moment=moment)
            db.session.add(check)
        check.is_met = is_met
        check.comment = comment.strip()
        check.updated_at = utcnow()
        check.updated_by_id = by.id
    db.session.flush()


# --- audit log ---------------------------------------------------------------------------

#: How the audit log names what happened; an action without a label shows its code.
AUDIT_LABELS = {
    "invite_person": _l("invited someone"),
    "revoke_invitation": _l("revoked an invitation"),
    "accept_invitation": _l("accepted an invitation"),
    "change_role": _l("changed a role"),
    "remove_membership": _l("removed someone's access"),
    "start_cycle": _l("started a school year"),
    "start_next_year": _l("started the next school year from this one"),
    "name_group": _l("named the working group"),
    "add_member": _l("added a member"),
    "update_member": _l("changed a member"),
    "remove_member": _l("removed a member"),
    "add_respondent": _l("added a respondent"),
    "update_respondent": _l("changed a respondent"),
    "delete_respondent": _l("removed a respondent"),
    "save_consent_text": _l("saved a consent text"),
    "record_consent": _l("recorded consent"),
    "withdraw_consent": _l("withdrew consent"),
    "create_transcript": _l("created a write-out"),
    "read_transcript": _l("read a write-out"),
    "update_transcript": _l("changed a write-out"),
    "delete_transcript": _l("deleted a write-out"),
    "purge_transcript": _l("deleted a write-out (delete-by date passed)"),
    "export_respondent": _l("exported a respondent's data"),
    "add_pseudonym": _l("added a name to the pseudonym list"),
    "delete_pseudonym": _l("removed a name from the pseudonym list"),
    "set_delete_on": _l("changed the delete-by date"),
}


def audit_page(school_id: int, page: int, per_page: int = 50) -> tuple[list, int]:
    """One page of the school's audit log, newest first, with the users' names."""
    total = db.session.scalar(
        select(func.count(AuditEvent.id)).where(AuditEvent.school_id == school_id)
    )
    rows = db.session.execute(
        select(AuditEvent, User.display_name)
        .outerjoin(User, AuditEvent.user_id == User.id)
        .where(AuditEvent.school_id == school_id)
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        .limit(per_page)
        .offset((page - 1) * per_page)
    ).all()
    return rows, total
