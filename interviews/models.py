"""LUISTEREN: the interview guide, respondents, consent, transcripts and pseudonyms.

Transcripts are personal data about children and bullying. The rules that protect them live in
the models (constraints, lifecycles) and in ``interviews.services`` (who may read, when a
transcript may exist); views only call those.
"""

from __future__ import annotations

import enum
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, Column, ForeignKey, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app import db
from workgroup.models import DomainError, User, WorkgroupMember, _enum, utcnow


class RespondentGroup(enum.StrEnum):
    parent = "parent"
    teacher = "teacher"
    pupil = "pupil"

    @property
    def label(self) -> str:
        return str(GROUP_LABELS[self])


GROUP_LABELS = {
    RespondentGroup.parent: _l("parent"),
    RespondentGroup.teacher: _l("teacher"),
    RespondentGroup.pupil: _l("pupil"),
}


class Bouw(enum.StrEnum):
    """The part of the school: groups 1–3, 4–5, 6–8."""

    lower = "lower"
    middle = "middle"
    upper = "upper"

    @property
    def label(self) -> str:
        return str(BOUW_LABELS[self])


BOUW_LABELS = {
    Bouw.lower: _l("lower years (groups 1–3)"),
    Bouw.middle: _l("middle years (groups 4–5)"),
    Bouw.upper: _l("upper years (groups 6–8)"),
}


class BullyingRelation(enum.StrEnum):
    """How the respondent relates to bullying, as far as the school records it."""

    none = "none"
    experienced = "experienced"
    witnessed = "witnessed"
    involved = "involved"

    @property
    def label(self) -> str:
        return str(RELATION_LABELS[self])


RELATION_LABELS = {
    BullyingRelation.none: _l("no known relation"),
    BullyingRelation.experienced: _l("experienced bullying (self or own child)"),
    BullyingRelation.witnessed: _l("saw bullying happen"),
    BullyingRelation.involved: _l("involved in handling a case"),
}


class RespondentStatus(enum.StrEnum):
    to_ask = "to_ask"
    consent_asked = "consent_asked"
    consent_given = "consent_given"
    interviewed = "interviewed"
    written_out = "written_out"
    withdrawn = "withdrawn"

    @property
    def label(self) -> str:
        return str(STATUS_LABELS[self])


STATUS_LABELS = {
    RespondentStatus.to_ask: _l("to ask"),
    RespondentStatus.consent_asked: _l("consent asked"),
    RespondentStatus.consent_given: _l("consent given"),
    RespondentStatus.interviewed: _l("interviewed"),
    RespondentStatus.written_out: _l("written out"),
    RespondentStatus.withdrawn: _l("consent withdrawn"),
}


class ConsentMethod(enum.StrEnum):
    signed_form = "signed_form"
    digital = "digital"
    spoken = "spoken"

    @property
    def label(self) -> str:
        return str(METHOD_LABELS[self])


METHOD_LABELS = {
    ConsentMethod.signed_form: _l("signed form"),
    ConsentMethod.digital: _l("digitally (e-mail or school app)"),
    ConsentMethod.spoken: _l("spoken, and noted by the interviewer"),
}


class ConsentGiver(enum.StrEnum):
    respondent = "respondent"
    #: A pupil: a parent consents and the pupil assents; both are required.
    parent_and_pupil = "parent_and_pupil"

    @property
    def label(self) -> str:
        if self is ConsentGiver.respondent:
            return str(_l("the respondent"))
        return str(_l("a parent, and the pupil agreed too"))


class InterviewGuide(db.Model):
    """What the group asks in every interview, agreed at meeting 2."""

    __tablename__ = "interview_guides"

    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("cycles.id", ondelete="CASCADE"), unique=True)
    #: Why the group interviews at all; one or two sentences.
    purpose: Mapped[str] = mapped_column(Text, default="")
    #: The introduction every interviewer reads out, so every talk starts the same way.
    introduction: Mapped[str] = mapped_column(Text, default="")
    closing: Mapped[str] = mapped_column(Text, default="")
    #: How many respondents of each group the group aims for (diversity overview).
    target_parents: Mapped[int] = mapped_column(default=4)
    target_teachers: Mapped[int] = mapped_column(default=4)
    target_pupils: Mapped[int] = mapped_column(default=4)
    updated_at: Mapped[datetime | None]
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    questions: Mapped[list[GuideQuestion]] = relationship(
        back_populates="guide", order_by="GuideQuestion.position", cascade="all, delete-orphan"
    )
    updated_by: Mapped[User | None] = relationship()

    def target(self, group: RespondentGroup) -> int:
        return {
            RespondentGroup.parent: self.target_parents,
            RespondentGroup.teacher: self.target_teachers,
            RespondentGroup.pupil: self.target_pupils,
        }[group]

    def __repr__(self) -> str:
        return f"<InterviewGuide cycle={self.cycle_id}>"


class GuideQuestion(db.Model):
    __tablename__ = "guide_questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    guide_id: Mapped[int] = mapped_column(
        ForeignKey("interview_guides.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    text: Mapped[str] = mapped_column(String(300))
    #: Follow-up prompts, one per line.
    prompts: Mapped[str] = mapped_column(Text, default="")

    guide: Mapped[InterviewGuide] = relationship(back_populates="questions")

    @property
    def prompt_lines(self) -> list[str]:
        return [line.strip() for line in self.prompts.splitlines() if line.strip()]

    def __repr__(self) -> str:
        return f"<GuideQuestion {self.id} {self.text[:30]!r}>"


class Respondent(db.Model):
    """Someone the group interviews, known in the app only by a code such as R07."""

    __tablename__ = "respondents"
    __table_args__ = (
        UniqueConstraint("cycle_id", "number"),
        CheckConstraint("number BETWEEN 1 AND 999", name="number_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("cycles.id", ondelete="CASCADE"))
    #: The code's number: 7 is R07. Never reused within a year, also not after withdrawal.
    number: Mapped[int]
    group: Mapped[RespondentGroup] = mapped_column(_enum(RespondentGroup, "respondent_group"))
    bouw: Mapped[Bouw | None] = mapped_column(_enum(Bouw, "bouw"))
    #: Optional and sensitive: never shown to the director, cleared on withdrawal.
    relation: Mapped[BullyingRelation | None] = mapped_column(
        _enum(BullyingRelation, "bullying_relation")
    )
    #: The working-group member who holds the interview.
    interviewer_id: Mapped[int | None] = mapped_column(
        ForeignKey("workgroup_members.id", ondelete="SET NULL"), index=True
    )
    planned_at: Mapped[datetime | None]
    status: Mapped[RespondentStatus] = mapped_column(
        _enum(RespondentStatus, "respondent_status"), default=RespondentStatus.to_ask
    )
    withdrawn_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    interviewer: Mapped[WorkgroupMember | None] = relationship()
    consents: Mapped[list[Consent]] = relationship(
        back_populates="respondent", order_by="Consent.id", cascade="all, delete-orphan"
    )
    transcript: Mapped[Transcript | None] = relationship(
        back_populates="respondent", cascade="all, delete-orphan"
    )

    @property
    def code(self) -> str:
        return f"R{self.number:02d}"

    @property
    def valid_consent(self) -> Consent | None:
        """The newest consent that has not been withdrawn."""
        valid = [c for c in self.consents if c.withdrawn_at is None]
        return valid[-1] if valid else None

    @property
    def may_write_out(self) -> bool:
        consent = self.valid_consent
        return consent is not None and consent.allows_transcript

    @property
    def may_quote(self) -> bool:
        consent = self.valid_consent
        return consent is not None and consent.allows_quotes

    def __repr__(self) -> str:
        return f"<Respondent {self.id} {self.code}>"


class ConsentText(db.Model):
    """One version of the consent text. Editing makes a new version; old ones stay."""

    __tablename__ = "consent_texts"
    __table_args__ = (UniqueConstraint("cycle_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("cycles.id", ondelete="CASCADE"))
    version: Mapped[int]
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    created_by: Mapped[User | None] = relationship()

    def __repr__(self) -> str:
        return f"<ConsentText cycle={self.cycle_id} v{self.version}>"


class Consent(db.Model):
    """A respondent's consent as recorded, with its two permissions kept apart."""

    __tablename__ = "consents"

    id: Mapped[int] = mapped_column(primary_key=True)
    respondent_id: Mapped[int] = mapped_column(
        ForeignKey("respondents.id", ondelete="CASCADE"), index=True
    )
    #: The version of the consent text the respondent agreed to.
    text_id: Mapped[int] = mapped_column(ForeignKey("consent_texts.id", ondelete="RESTRICT"))
    given_on: Mapped[date]
    given_by: Mapped[ConsentGiver] = mapped_column(_enum(ConsentGiver, "consent_giver"))
    method: Mapped[ConsentMethod] = mapped_column(_enum(ConsentMethod, "consent_method"))
    #: Permission to write out the interview.
    allows_transcript: Mapped[bool] = mapped_column(default=False)
    #: Permission to use anonymous quotes (under the code) in reports.
    allows_quotes: Mapped[bool] = mapped_column(default=False)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)
    withdrawn_at: Mapped[datetime | None]

    respondent: Mapped[Respondent] = relationship(back_populates="consents")
    text: Mapped[ConsentText] = relationship()
    recorded_by: Mapped[User | None] = relationship()

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    def withdraw(self) -> None:
        """Mark the consent withdrawn; a consent can be withdrawn once."""
        if self.withdrawn_at is not None:
            raise DomainError(_l("This consent has already been withdrawn."))
        self.withdrawn_at = utcnow()

    def __repr__(self) -> str:
        return f"<Consent {self.id} respondent={self.respondent_id}>"


class Transcript(db.Model):
    """The write-out of one interview. Exists only under a valid consent to write it out."""

    __tablename__ = "transcripts"

    id: Mapped[int] = mapped_column(primary_key=True)
    respondent_id: Mapped[int] = mapped_column(
        ForeignKey("respondents.id", ondelete="CASCADE"), unique=True
    )
    held_on: Mapped[date | None]
    #: Plain text, pseudonyms already applied.
    body: Mapped[str] = mapped_column(Text, default="")
    #: Raised on every save; a save based on an older version is a conflict, never an overwrite.
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    respondent: Mapped[Respondent] = relationship(back_populates="transcript")
    updated_by: Mapped[User | None] = relationship()
    fragments: Mapped[list[Fragment]] = relationship(
        back_populates="transcript",
        order_by="Fragment.start_offset",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )

    __mapper_args__ = {"version_id_col": version}

    @property
    def word_count(self) -> int:
        return len(self.body.split())

    def __repr__(self) -> str:
        return f"<Transcript {self.id} respondent={self.respondent_id} v{self.version}>"


class Pseudonym(db.Model):
    """A name and what replaces it in every transcript of the year. Chair only."""

    __tablename__ = "pseudonyms"
    __table_args__ = (UniqueConstraint("cycle_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("cycles.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(80))
    replacement: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    def __repr__(self) -> str:
        return f"<Pseudonym {self.id}>"


# --- DENKEN: codebook, coded fragments, focus ---------------------------------------------


class Theme(db.Model):
    """A group of codes: what the group recognises as one subject across the interviews."""

    __tablename__ = "themes"
    __table_args__ = (UniqueConstraint("cycle_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("cycles.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(80))
    description: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(default=0)
    #: Chosen at meeting 4 as a theme the group will work on.
    is_focus: Mapped[bool] = mapped_column(default=False)

    codes: Mapped[list[Code]] = relationship(back_populates="theme", order_by="Code.position")

    def __repr__(self) -> str:
        return f"<Theme {self.id} {self.name!r}>"


fragment_codes = Table(
    "fragment_codes",
    db.metadata,
    Column("fragment_id", ForeignKey("fragments.id", ondelete="CASCADE"), primary_key=True),
    Column("code_id", ForeignKey("codes.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Code(db.Model):
    """A label the group puts on passages of the write-outs."""

    __tablename__ = "codes"
    __table_args__ = (
        UniqueConstraint("cycle_id", "name"),
        CheckConstraint("colour LIKE '#______'", name="colour_hex"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("cycles.id", ondelete="CASCADE"), index=True)
    theme_id: Mapped[int | None] = mapped_column(ForeignKey("themes.id", ondelete="SET NULL"))
    name: Mapped[str] = mapped_column(String(80))
    #: When to use this code, so every coder uses it the same way.
    description: Mapped[str] = mapped_column(Text, default="")
    #: ``#rrggbb``; the highlight colour in the coding view.
    colour: Mapped[str] = mapped_column(String(7), default="#f6c344")
    position: Mapped[int] = mapped_column(default=0)

    theme: Mapped[Theme | None] = relationship(back_populates="codes")

    def __repr__(self) -> str:
        return f"<Code {self.id} {self.name!r}>"


class Fragment(db.Model):
    """A coded passage of a write-out: character offsets into the stored plain text."""

    __tablename__ = "fragments"
    __table_args__ = (
        CheckConstraint("start_offset >= 0 AND end_offset > start_offset", name="offsets"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Deleted with the write-out (withdrawal, purge): nothing taken from it survives.
    transcript_id: Mapped[int] = mapped_column(
        ForeignKey("transcripts.id", ondelete="CASCADE"), index=True
    )
    start_offset: Mapped[int]
    end_offset: Mapped[int]
    #: The passage as it was coded; used to find it again after the write-out is edited.
    text: Mapped[str] = mapped_column(Text)
    memo: Mapped[str] = mapped_column(Text, default="")
    #: A telling quote (sprekend citaat) the group may want to use.
    is_quote: Mapped[bool] = mapped_column(default=False)
    #: Set when an edit of the write-out removed the passage: listed for review, never dropped.
    needs_review: Mapped[bool] = mapped_column(default=False)
    coded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    transcript: Mapped[Transcript] = relationship(back_populates="fragments")
    codes: Mapped[list[Code]] = relationship(secondary=fragment_codes, order_by="Code.position")
    coded_by: Mapped[User | None] = relationship()

    def __repr__(self) -> str:
        return f"<Fragment {self.id} {self.start_offset}-{self.end_offset}>"


goal_themes = Table(
    "goal_themes",
    db.metadata,
    Column("goal_id", ForeignKey("goals.id", ondelete="CASCADE"), primary_key=True),
    Column("theme_id", ForeignKey("themes.id", ondelete="CASCADE"), primary_key=True),
)


class Solution(db.Model):
    """An activity or solution for a focus goal, and what the group needs for it."""

    __tablename__ = "solutions"

    id: Mapped[int] = mapped_column(primary_key=True)
    goal_id: Mapped[int] = mapped_column(ForeignKey("goals.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(String(300))
    needs: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(default=0)

    def __repr__(self) -> str:
        return f"<Solution {self.id} {self.text[:30]!r}>"
