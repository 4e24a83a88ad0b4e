"""The core of LDD: schools, people, roles, the school year, meetings, actions, startfoto."""

from __future__ import annotations

import enum
import json
from datetime import UTC, date, datetime, time

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_login import UserMixin
from sqlalchemy import (
    CheckConstraint,
    Column,
    Enum,
    ForeignKey,
    Index,
    LargeBinary,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from app import db
from workgroup.programme import PROGRAMME, Phase


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class DomainError(Exception):
    """A rule of the domain was broken; the message is meant for the user."""


class Role(enum.StrEnum):
    chair = "chair"
    member = "member"
    director = "director"

    @property
    def label(self) -> str:
        return str(ROLE_LABELS[self])


ROLE_LABELS = {
    Role.chair: _l("chair"),
    Role.member: _l("member"),
    Role.director: _l("director"),
}


class Function(enum.StrEnum):
    """What a member of the working group is, outside the group."""

    parent = "parent"
    teacher = "teacher"
    pupil = "pupil"
    director = "director"
    coordinator = "coordinator"  #: anti-pestcoördinator
    care_coordinator = "care_coordinator"  #: intern begeleider
    confidant = "confidant"  #: vertrouwenspersoon
    other = "other"

    @property
    def label(self) -> str:
        return str(FUNCTION_LABELS[self])


FUNCTION_LABELS = {
    Function.parent: _l("parent"),
    Function.teacher: _l("teacher"),
    Function.pupil: _l("pupil"),
    Function.director: _l("director"),
    Function.coordinator: _l("anti-bullying coordinator"),
    Function.care_coordinator: _l("internal care coordinator"),
    Function.confidant: _l("confidential adviser"),
    Function.other: _l("other"),
}


class Mode(enum.StrEnum):
    physical = "physical"
    online = "online"

    @property
    def label(self) -> str:
        return str(_l("online") if self is Mode.online else _l("at school"))


class GoalSource(enum.StrEnum):
    startfoto = "startfoto"
    focus = "focus"


def _enum(cls: type[enum.Enum], name: str) -> Enum:
    # Stored as short strings everywhere: readable in SQLite and no native ENUM type to migrate.
    return Enum(cls, name=name, native_enum=False, length=20, validate_strings=True)


class School(db.Model):
    __tablename__ = "schools"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    #: True for the showroom school made by ``flask seed-demo``.
    is_demo: Mapped[bool] = mapped_column(default=False)
    #: What the working group calls itself, e.g. "Werkgroep Samen tegen Pesten".
    group_name: Mapped[str] = mapped_column(String(120), default="")
    #: The school's logo for the documents (PNG or JPEG, checked, at most 1 MB).
    logo: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    logo_mimetype: Mapped[str] = mapped_column(String(20), default="", server_default="")
    #: The house colour of the documents and charts, ``#rrggbb``.
    house_colour: Mapped[str] = mapped_column(
        String(7), default="#1f5fa8", server_default="#1f5fa8"
    )
    #: Raised by every transaction that writes the school's data: pages drawn at an older
    #: revision are out of date (workgroup/pagecache.py).
    revision: Mapped[int] = mapped_column(default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    cycles: Mapped[list[Cycle]] = relationship(
        back_populates="school", order_by="Cycle.start_year", cascade="all, delete-orphan"
    )

    def __repr__(self) -> str:
        return f"<School {self.id} {self.name!r}>"


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Stored lower-case; the login name.
    email: Mapped[str] = mapped_column(String(254), unique=True)
    display_name: Mapped[str] = mapped_column(String(80))
    password_hash: Mapped[str] = mapped_column(String(255))
    #: Platform administrator: creates schools and their first chair, sees no school's data.
    is_admin: Mapped[bool] = mapped_column(default=False)
    #: Base32 secret of the optional two-factor login (TOTP); set while enrolling.
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    #: When two-factor login was confirmed with a first code; None means it is off.
    totp_enabled_at: Mapped[datetime | None]
    #: The last accepted TOTP time step, so one code cannot be used twice.
    totp_last_step: Mapped[int | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    memberships: Mapped[list[Membership]] = relationship(
        back_populates="user", cascade="all, delete-orphan"
    )

    def set_password(self, password: str) -> None:
        method = current_app.config.get("PASSWORD_HASH_METHOD", "scrypt")
        self.password_hash = generate_password_hash(password, method=method)

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email}>"


class Membership(db.Model):
    """A user's role in one school."""

    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("user_id", "school_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id", ondelete="CASCADE"), index=True)
    role: Mapped[Role] = mapped_column(_enum(Role, "role"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User] = relationship(back_populates="memberships")
    school: Mapped[School] = relationship()

    def __repr__(self) -> str:
        return f"<Membership user={self.user_id} school={self.school_id} {self.role}>"


class Invitation(db.Model):
    """A single-use link that lets someone set a password and join a school."""

    __tablename__ = "invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id", ondelete="CASCADE"), index=True)
    email: Mapped[str] = mapped_column(String(254))
    display_name: Mapped[str] = mapped_column(String(80), default="")
    role: Mapped[Role] = mapped_column(_enum(Role, "invitation_role"))
    #: The working-group member this login belongs to, if the invitation was made for one.
    member_id: Mapped[int | None] = mapped_column(
        ForeignKey("workgroup_members.id", ondelete="CASCADE")
    )
    #: SHA-256 of the token in the link; the token itself is shown once and never stored.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime]
    accepted_at: Mapped[datetime | None]
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    school: Mapped[School] = relationship()
    member: Mapped[WorkgroupMember | None] = relationship()

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.expires_at > utcnow()

    def __repr__(self) -> str:
        return f"<Invitation {self.id} {self.email} {self.role}>"


class Cycle(db.Model):
    """One school year of the working group, with its seven meetings."""

    __tablename__ = "cycles"
    __table_args__ = (
        UniqueConstraint("school_id", "start_year"),
        CheckConstraint("start_year BETWEEN 2000 AND 2100", name="start_year_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id", ondelete="CASCADE"))
    #: The calendar year in which the school year starts: 2026 for 2026–2027.
    start_year: Mapped[int]
    #: When the chair confirmed the dates of the seven meetings (guided start).
    planned_at: Mapped[datetime | None]
    #: After this date ``flask purge-expired`` deletes the year's transcripts; empty means the
    #: default, 31 August after the school year (``delete_by``).
    delete_on: Mapped[date | None]
    #: How many experiments may run at the same time (one to three works best).
    running_limit: Mapped[int] = mapped_column(default=3, server_default="3")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    school: Mapped[School] = relationship(back_populates="cycles")
    meetings: Mapped[list[Meeting]] = relationship(
        back_populates="cycle", order_by="Meeting.number", cascade="all, delete-orphan"
    )
    members: Mapped[list[WorkgroupMember]] = relationship(
        back_populates="cycle",
        order_by="WorkgroupMember.display_name",
        cascade="all, delete-orphan",
    )
    startfoto: Mapped[Startfoto | None] = relationship(
        back_populates="cycle", cascade="all, delete-orphan"
    )
    goals: Mapped[list[Goal]] = relationship(
        back_populates="cycle", order_by="Goal.position", cascade="all, delete-orphan"
    )

    @property
    def label(self) -> str:
        return f"{self.start_year}–{self.start_year + 1}"

    @property
    def delete_by(self) -> date:
        """The date after which the year's interview data is deleted."""
        return self.delete_on or date(self.start_year + 1, 8, 31)

    def __repr__(self) -> str:
        return f"<Cycle {self.id} {self.label}>"


meeting_attendance = Table(
    "meeting_attendance",
    db.metadata,
    Column("meeting_id", ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True),
    Column("member_id", ForeignKey("workgroup_members.id", ondelete="CASCADE"), primary_key=True),
)


class Meeting(db.Model):
    __tablename__ = "meetings"
    __table_args__ = (
        UniqueConstraint("cycle_id", "number"),
        CheckConstraint("number BETWEEN 1 AND 7", name="number_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("cycles.id", ondelete="CASCADE"))
    #: Position in the standard programme, 1 to 7; title and phase follow from it.
    number: Mapped[int]
    planned_on: Mapped[date | None]
    starts_at: Mapped[time | None]
    mode: Mapped[Mode] = mapped_column(_enum(Mode, "mode"), default=Mode.physical)
    #: A room at school, an address, or the link of the online meeting.
    location: Mapped[str] = mapped_column(String(200), default="")
    #: Set when the chair marks the minutes final; the minutes are then locked.
    minutes_final_at: Mapped[datetime | None]
    minutes_final_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )

    cycle: Mapped[Cycle] = relationship(back_populates="meetings")
    agenda_items: Mapped[list[AgendaItem]] = relationship(
        back_populates="meeting", order_by="AgendaItem.position", cascade="all, delete-orphan"
    )
    attendees: Mapped[list[WorkgroupMember]] = relationship(secondary=meeting_attendance)
    minutes_final_by: Mapped[User | None] = relationship()

    @property
    def programme(self):
        return PROGRAMME[self.number]

    @property
    def phase(self) -> Phase:
        return self.programme.phase

    @property
    def title(self) -> str:
        return str(self.programme.title)

    @property
    def is_final(self) -> bool:
        return self.minutes_final_at is not None

    def __repr__(self) -> str:
        return f"<Meeting {self.id} #{self.number} {self.planned_on}>"


class AgendaItem(db.Model):
    __tablename__ = "agenda_items"
    __table_args__ = (Index("ix_agenda_items_meeting_position", "meeting_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    #: Order on the agenda, 0-based; rewritten densely on every move.
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(String(200))
    #: The guiding question(s) for this item; prefilled from the standard programme.
    prompt: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    decisions: Mapped[str] = mapped_column(Text, default="")

    meeting: Mapped[Meeting] = relationship(back_populates="agenda_items")

    def __repr__(self) -> str:
        return f"<AgendaItem {self.id} {self.title!r}>"


class MinutesRevision(db.Model):
    """A snapshot of a meeting's minutes after each change: who, when, what."""

    __tablename__ = "minutes_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: A short description of the change, in the language of the person who made it.
    summary: Mapped[str] = mapped_column(String(300))
    #: JSON list of {title, prompt, notes, decisions} as they were after the change.
    snapshot: Mapped[str] = mapped_column(Text)

    user: Mapped[User | None] = relationship()

    @property
    def items(self) -> list[dict]:
        return json.loads(self.snapshot)

    def __repr__(self) -> str:
        return f"<MinutesRevision {self.id} meeting={self.meeting_id}>"


class WorkgroupMember(db.Model):
    """Someone in this year's working group; pupils usually have no login."""

    __tablename__ = "workgroup_members"
    __table_args__ = (UniqueConstraint("cycle_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("cycles.id", ondelete="CASCADE"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    display_name: Mapped[str] = mapped_column(String(80))
    function: Mapped[Function] = mapped_column(_enum(Function, "function"))
    #: Why this person joined; said at the first meeting.
    motive: Mapped[str] = mapped_column(Text, default="")
    #: Marked by the chair: may code the (pseudonymised) write-outs at meetings 3 and 4.
    is_coder: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    cycle: Mapped[Cycle] = relationship(back_populates="members")
    user: Mapped[User | None] = relationship()

    def __repr__(self) -> str:
        return f"<WorkgroupMember {self.id} {self.display_name!r}>"


class ActionItem(db.Model):
    __tablename__ = "action_items"
    __table_args__ = (Index("ix_action_items_cycle_done", "cycle_id", "done_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("cycles.id", ondelete="CASCADE"))
    #: The meeting where the action was agreed.
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    description: Mapped[str] = mapped_column(String(300))
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("workgroup_members.id", ondelete="SET NULL")
    )
    due_on: Mapped[date | None]
    done_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    meeting: Mapped[Meeting] = relationship()
    owner: Mapped[WorkgroupMember | None] = relationship()

    @property
    def is_done(self) -> bool:
        return self.done_at is not None

    def __repr__(self) -> str:
        return f"<ActionItem {self.id} {self.description!r}>"


class Startfoto(db.Model):
    """The baseline of the year, filled in at the first meeting."""

    __tablename__ = "startfotos"

    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("cycles.id", ondelete="CASCADE"), unique=True)
    #: a) board, size of the team, educational vision.
    background: Mapped[str] = mapped_column(Text, default="")
    #: b) vision on the involvement of parents.
    vision_parents: Mapped[str] = mapped_column(Text, default="")
    #: b) vision on bullying.
    vision_bullying: Mapped[str] = mapped_column(Text, default="")
    #: c) how parents and school work together now when there is bullying.
    collaboration_now: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime | None]
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    cycle: Mapped[Cycle] = relationship(back_populates="startfoto")
    updated_by: Mapped[User | None] = relationship()

    def __repr__(self) -> str:
        return f"<Startfoto cycle={self.cycle_id}>"


class Goal(db.Model):
    """A desired situation, as one short sentence: from the startfoto or the focus meeting."""

    __tablename__ = "goals"

    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("cycles.id", ondelete="CASCADE"), index=True)
    source: Mapped[GoalSource] = mapped_column(_enum(GoalSource, "goal_source"))
    position: Mapped[int] = mapped_column(default=0)
    text: Mapped[str] = mapped_column(String(200))
    #: For a focus goal: the startfoto goal it works towards, where it fits.
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("goals.id", ondelete="SET NULL"))

    cycle: Mapped[Cycle] = relationship(back_populates="goals")
    parent: Mapped[Goal | None] = relationship(remote_side=[id])

    def __repr__(self) -> str:
        return f"<Goal {self.id} {self.text!r}>"


class Moment(enum.StrEnum):
    """When the group looks at its conditions for success."""

    start = "start"
    evaluation = "evaluation"

    @property
    def label(self) -> str:
        return str(_l("at the start") if self is Moment.start else _l("at the evaluation"))


class ConditionCheck(db.Model):
    """The group's own judgement of one condition for success, at one moment of the year."""

    __tablename__ = "condition_checks"
    __table_args__ = (UniqueConstraint("cycle_id", "key", "moment"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("cycles.id", ondelete="CASCADE"))
    #: Key of the condition in ``workgroup.guidance.CONDITIONS``.
    key: Mapped[str] = mapped_column(String(40))
    moment: Mapped[Moment] = mapped_column(_enum(Moment, "moment"))
    is_met: Mapped[bool] = mapped_column(default=False)
    comment: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    def __repr__(self) -> str:
        return f"<ConditionCheck {self.key} {self.moment} {self.is_met}>"


class AuditEvent(db.Model):
    """Who changed people, roles or access: the fact only, never personal content."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int | None] = mapped_column(
        ForeignKey("schools.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    #: A verb_noun such as ``invite_person`` or ``change_role``.
    action: Mapped[str] = mapped_column(String(60))
    object_type: Mapped[str] = mapped_column(String(40))
    object_id: Mapped[int | None]
    #: The respondent's code (R07) for events about interview data; never a name or content.
    subject: Mapped[str] = mapped_column(String(20), default="")
    at: Mapped[datetime] = mapped_column(default=utcnow)

    def __repr__(self) -> str:
        return f"<AuditEvent {self.action} {self.object_type}:{self.object_id}>"
