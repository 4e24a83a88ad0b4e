"""Queries and domain operations of LUISTEREN. No request or response objects: functions
flush, the view commits once.

The privacy rules are enforced here, not in the templates:

- only the interviewing member and the chair may read or write a transcript;
- a transcript can only be created or saved while a consent to write it out is valid;
- withdrawing consent deletes the transcript and everything derived from it;
- every create, read, change and delete of a transcript or consent is audited, by code only.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import format_date, ngettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, load_only, selectinload

from app import db
from interviews import coding
from interviews.models import (
    Bouw,
    BullyingRelation,
    Code,
    Consent,
    ConsentGiver,
    ConsentMethod,
    ConsentText,
    GuideQuestion,
    InterviewGuide,
    Pseudonym,
    Respondent,
    RespondentGroup,
    RespondentStatus,
    Theme,
    Transcript,
)
from workgroup import services as core
from workgroup.models import (
    AuditEvent,
    Cycle,
    DomainError,
    Role,
    User,
    WorkgroupMember,
    utcnow,
)
from workgroup.services import ChainStep, audit

MIN_QUESTIONS = 3
MAX_QUESTIONS = 5
MAX_UPLOAD_BYTES = 2 * 1024 * 1024
#: A .docx is a zip: refuse one that unpacks to more than this (a zip bomb).
MAX_UNPACKED_BYTES = 20 * 1024 * 1024
MAX_TRANSCRIPT_CHARS = 200_000

#: Openings that usually make a question closed (answered with yes or no).
CLOSED_OPENINGS = (
    "is ",
    "zijn ",
    "heeft ",
    "hebben ",
    "heb je ",
    "heb jij ",
    "vind je ",
    "vindt u ",
    "vind jij ",
    "ben je ",
    "bent u ",
    "ben jij ",
    "kan ",
    "kun je ",
    "kunt u ",
    "wil ",
    "wilt u ",
    "wil je ",
    "weet ",
    "was ",
    "waren ",
    "doe ",
    "doet ",
    "zou ",
    "mag ",
    "moet ",
    "klopt ",
    "do ",
    "does ",
    "did ",
    "are ",
    "was ",
    "have ",
    "has ",
    "can ",
    "could ",
    "would ",
    "should ",
    "will ",
)
#: ... unless they go on like this: "Kun je vertellen ...", "Can you tell ..." invite a story.
STORY_INVITATIONS = ("vertel", "beschrijv", "voorbeeld", "tell", "describe", "example")


NEEDS_CONSENT = _l(
    "Record the consent to write out this interview first; until then nothing is kept."
)


class ConflictError(DomainError):
    """A save based on an older version of a transcript."""

    def __init__(self, transcript: Transcript, theirs: str):
        super().__init__(_("Someone else saved this write-out in the meantime."))
        self.transcript = transcript
        self.theirs = theirs


# --- interview guide ---------------------------------------------------------------------

DEFAULT_PURPOSE = _l(
    "We want to understand how parents, teachers and pupils experience the cooperation "
    "between parents and school when there is bullying: what helps, what gets in the way, "
    "and what they would wish for."
)
DEFAULT_INTRODUCTION = _l(
    "Thank you for making time for this talk. We are members of the school's working group "
    "against bullying. We talk with parents, teachers and pupils to learn how working together "
    "goes when there is bullying. The talk takes about three quarters of an hour. There are no "
    "right or wrong answers. I write down what you tell me; your name does not appear anywhere, "
    "only a code. You may skip a question or stop at any moment."
)
DEFAULT_CLOSING = _l(
    "Is there anything we did not talk about that you find important? Thank you. I will write "
    "out our talk this week. If you change your mind about taking part, tell me or the chair of "
    "the working group; we will then delete your part."
)


def guide_of(cycle: Cycle) -> InterviewGuide:
    """The year's guide; an unsaved one with our suggested texts when none exists yet."""
    found = db.session.scalar(
        select(InterviewGuide)
        .where(InterviewGuide.cycle_id == cycle.id)
        .options(selectinload(InterviewGuide.questions))
    )
    if found:
        return found
    return InterviewGuide(
        cycle_id=cycle.id,
        purpose=str(DEFAULT_PURPOSE),
        introduction=str(DEFAULT_INTRODUCTION),
        closing=str(DEFAULT_CLOSING),
        target_parents=4,
        target_teachers=4,
        target_pupils=4,
        questions=[],
    )


def looks_closed(question: str) -> bool:
    """True when a question probably invites a yes or no instead of a story."""
    text = " ".join(question.strip().lower().split()) + " "
    if not text.startswith(CLOSED_OPENINGS):
        return False
    return not any(word in text for word in STORY_INVITATIONS)


def save_guide(
    cycle: Cycle,
    by: User,
    *,
    purpose: str,
    introduction: str,
    closing: str,
    questions: list[tuple[str, str]],
    targets: dict[RespondentGroup, int],
) -> InterviewGuide:
    questions = [(q.strip(), p.strip()) for q, p in questions if q and q.strip()]
    if not MIN_QUESTIONS <= len(questions) <= MAX_QUESTIONS:
        raise DomainError(
            _(
                "Write three to five main questions. Fewer gives too little to talk about; "
                "more leaves no time to ask further in 45 minutes."
            )
        )
    guide = guide_of(cycle)
    guide.purpose = purpose.strip()
    guide.introduction = introduction.strip()
    guide.closing = closing.strip()
    guide.target_parents = targets[RespondentGroup.parent]
    guide.target_teachers = targets[RespondentGroup.teacher]
    guide.target_pupils = targets[RespondentGroup.pupil]
    guide.updated_at = utcnow()
    guide.updated_by_id = by.id
    db.session.add(guide)
    existing = list(guide.questions)
    for position, (text, prompts) in enumerate(questions):
        if position < len(existing):
            question = existing[position]
            question.text, question.prompts, question.position = text, prompts, position
        else:
            guide.questions.append(GuideQuestion(position=position, text=text, prompts=prompts))
    for question in existing[len(questions) :]:
        guide.questions.remove(question)
    db.session.flush()
    return guide


# --- respondents -------------------------------------------------------------------------


def respondents_of(cycle: Cycle, *, interviewer_user: User | None = None) -> list[Respondent]:
    """The year's respondents by code; only those one member interviews when given."""
    query = (
        select(Respondent)
        .where(Respondent.cycle_id == cycle.id)
        .options(
            selectinload(Respondent.interviewer),
            selectinload(Respondent.consents),
            selectinload(Respondent.transcript).load_only(
                Transcript.id, Transcript.held_on, Transcript.updated_at
            ),
        )
        .order_by(Respondent.number)
    )
    if interviewer_user is not None:
        query = query.join(WorkgroupMember, Respondent.interviewer_id == WorkgroupMember.id).where(
            WorkgroupMember.user_id == interviewer_user.id
        )
    return list(db.session.scalars(query))


def get_respondent(
    cycle: Cycle, respondent_id: int, with_transcript: bool = False
) -> Respondent | None:
    """The year's respondent; ``with_transcript`` loads the write-out in the same query."""
    query = select(Respondent).where(
        Respondent.id == respondent_id, Respondent.cycle_id == cycle.id
    )
    if with_transcript:
        query = query.options(joinedload(Respondent.transcript))
    return db.session.scalar(query)


def is_interviewer(respondent: Respondent, user: User) -> bool:
    interviewer = respondent.interviewer
    return interviewer is not None and interviewer.user_id == user.id


def may_handle(respondent: Respondent, user: User, role: Role) -> bool:
    """Who may see a respondent's consent and transcript: the chair and the interviewer."""
    return role is Role.chair or (role is Role.member and is_interviewer(respondent, user))


def _check_interviewer(cycle: Cycle, interviewer_id: int | None) -> None:
    if interviewer_id is None:
        return
    member = db.session.get(WorkgroupMember, interviewer_id)
    if member is None or member.cycle_id != cycle.id:
        raise DomainError(_("Choose an interviewer from this year's working group."))


def add_respondent(
    cycle: Cycle,
    by: User,
    *,
    group: RespondentGroup,
    bouw: Bouw | None = None,
    relation: BullyingRelation | None = None,
    interviewer_id: int | None = None,
    planned_at: datetime | None = None,
) -> Respondent:
    _check_interviewer(cycle, interviewer_id)
    highest = db.session.scalar(
        select(func.max(Respondent.number)).where(Respondent.cycle_id == cycle.id)
    )
    respondent = Respondent(
        cycle_id=cycle.id,
        number=(highest or 0) + 1,
        group=group,
        bouw=bouw,
        relation=relation,
        interviewer_id=interviewer_id,
        planned_at=planned_at,
        status=RespondentStatus.to_ask,
    )
    db.session.add(respondent)
    db.session.flush()
    audit(cycle.school, by, "add_respondent", respondent, respondent.code)
    return respondent


def update_respondent(respondent: Respondent, by: User, **fields) -> None:
    if respondent.status is RespondentStatus.withdrawn:
        raise DomainError(_("This respondent withdrew consent; their details are no longer kept."))
    cycle = db.session.get(Cycle, respondent.cycle_id)
    _check_interviewer(cycle, fields.get("interviewer_id"))
    for name, value in fields.items():
        setattr(respondent, name, value)
    db.session.flush()
    audit(cycle.school, by, "update_respondent", respondent, respondent.code)


def delete_respondent(respondent: Respondent, by: User) -> None:
    """Remove a respondent added by mistake; one who gave consent is withdrawn instead."""
    if respondent.consents:
        raise DomainError(
            _(
                "This respondent has a consent record. Withdraw the consent instead: that "
                "deletes the transcript and keeps the code from being used again."
            )
        )
    cycle = db.session.get(Cycle, respondent.cycle_id)
    audit(cycle.school, by, "delete_respondent", respondent, respondent.code)
    db.session.delete(respondent)
    db.session.flush()


def mark_consent_asked(respondent: Respondent, by: User) -> None:
    if respondent.status is not RespondentStatus.to_ask:
        raise DomainError(_("Only a respondent who has not been asked yet can be marked as asked."))
    respondent.status = RespondentStatus.consent_asked
    db.session.flush()


def status_counts(cycle: Cycle) -> list[tuple[RespondentStatus, int]]:
    """How many respondents are at each step, for everyone (no codes, no details)."""
    counts = dict(
        db.session.execute(
            select(Respondent.status, func.count(Respondent.id))
            .where(Respondent.cycle_id == cycle.id)
            .group_by(Respondent.status)
        ).all()
    )
    return [(status, counts.get(status, 0)) for status in RespondentStatus]


@dataclass(frozen=True)
class DiversityRow:
    label: str
    count: int
    target: int | None

    @property
    def short(self) -> int:
        return max((self.target or 0) - self.count, 0)


def diversity(cycle: Cycle, *, with_relation: bool) -> dict[str, list[DiversityRow]]:
    """The mix of (not withdrawn) respondents per group and attribute, against the targets.

    ``with_relation`` is False for the director: the relation to bullying is never shown to him.
    """
    guide = guide_of(cycle)
    rows = db.session.execute(
        select(Respondent.group, Respondent.bouw, Respondent.relation).where(
            Respondent.cycle_id == cycle.id, Respondent.status != RespondentStatus.withdrawn
        )
    ).all()
    groups = Counter(r.group for r in rows)
    bouwen = Counter(r.bouw for r in rows if r.bouw)
    relations = Counter(r.relation for r in rows if r.relation)
    result = {
        "group": [DiversityRow(g.label, groups[g], guide.target(g)) for g in RespondentGroup],
        "bouw": [DiversityRow(b.label, bouwen[b], None) for b in Bouw],
    }
    if with_relation:
        result["relation"] = [DiversityRow(r.label, relations[r], None) for r in BullyingRelation]
    return result


# --- consent -----------------------------------------------------------------------------

DEFAULT_CONSENT_TEXT = _l(
    "The working group against bullying of our school talks with parents, teachers and pupils "
    "about how parents and school work together when there is bullying. Taking part is "
    "voluntary.\n\n"
    "The interviewer writes out the talk. Names are replaced by a code, and only the "
    "interviewer and the chair of the working group read the write-out. Only if you allow it "
    "separately, a short anonymous quote may appear in a report, under the code and never with "
    "your name.\n\n"
    "You may withdraw your consent at any time without giving a reason. We then delete the "
    "write-out and everything taken from it. At the latest on 31 August after this school year "
    "all write-outs are deleted."
)


def current_consent_text(cycle: Cycle) -> ConsentText | None:
    return db.session.scalar(
        select(ConsentText)
        .where(ConsentText.cycle_id == cycle.id)
        .order_by(ConsentText.version.desc())
        .limit(1)
    )


def consent_texts(cycle: Cycle) -> list[ConsentText]:
    return list(
        db.session.scalars(
            select(ConsentText)
            .where(ConsentText.cycle_id == cycle.id)
            .order_by(ConsentText.version.desc())
        )
    )


def save_consent_text(cycle: Cycle, body: str, by: User) -> ConsentText:
    """A new version of the consent text; the earlier versions stay as they were."""
    body = body.strip()
    current = current_consent_text(cycle)
    if current is not None and current.body == body:
        raise DomainError(_("The text has not changed, so no new version was made."))
    text = ConsentText(
        cycle_id=cycle.id,
        version=(current.version + 1) if current else 1,
        body=body,
        created_by_id=by.id if by else None,
    )
    db.session.add(text)
    db.session.flush()
    audit(cycle.school, by, "save_consent_text", text)
    return text


def record_consent(
    respondent: Respondent,
    by: User,
    *,
    given_on: date,
    method: ConsentMethod,
    allows_transcript: bool,
    allows_quotes: bool,
    parent_consented: bool = False,
    pupil_assented: bool = False,
    today: date | None = None,
) -> Consent:
    """Record a consent under the current text. A pupil needs a parent's consent and their
    own assent, both."""
    cycle = db.session.get(Cycle, respondent.cycle_id)
    text = current_consent_text(cycle)
    if text is None:
        raise DomainError(_("The chair has not written a consent text yet."))
    if given_on > (today or date.today()):
        raise DomainError(_("The date of consent cannot be in the future."))
    if not (allows_transcript or allows_quotes):
        raise DomainError(
            _("Tick at least one permission; without one there is nothing to record.")
        )
    if respondent.transcript is not None and not allows_transcript:
        raise DomainError(
            _(
                "There is a write-out already. To take back the permission to write it out, "
                "withdraw the consent: that deletes the write-out."
            )
        )
    if respondent.group is RespondentGroup.pupil:
        if not (parent_consented and pupil_assented):
            raise DomainError(
                _("For a pupil both are needed: a parent's consent and the pupil's own yes.")
            )
        given_by = ConsentGiver.parent_and_pupil
    else:
        given_by = ConsentGiver.respondent
    consent = Consent(
        respondent=respondent,
        text_id=text.id,
        given_on=given_on,
        given_by=given_by,
        method=method,
        allows_transcript=allows_transcript,
        allows_quotes=allows_quotes,
        recorded_by_id=by.id,
    )
    db.session.add(consent)
    if respondent.status in (
        RespondentStatus.to_ask,
        RespondentStatus.consent_asked,
        RespondentStatus.withdrawn,
    ):
        respondent.status = RespondentStatus.consent_given
        respondent.withdrawn_at = None
    db.session.flush()
    audit(cycle.school, by, "record_consent", consent, respondent.code)
    return consent


def withdraw_consent(respondent: Respondent, by: User) -> None:
    """Withdraw: delete the transcript and everything taken from it, clear the respondent's
    details, keep only the fact (who, when, which code)."""
    consent = respondent.valid_consent
    if consent is None:
        raise DomainError(_("There is no valid consent to withdraw."))
    for record in respondent.consents:
        if not record.is_withdrawn:
            record.withdraw()
    cycle = db.session.get(Cycle, respondent.cycle_id)
    if respondent.transcript is not None:
        audit(cycle.school, by, "delete_transcript", respondent.transcript, respondent.code)
        db.session.delete(respondent.transcript)
    respondent.status = RespondentStatus.withdrawn
    respondent.withdrawn_at = utcnow()
    respondent.bouw = None
    respondent.relation = None
    respondent.planned_at = None
    db.session.flush()
    audit(cycle.school, by, "withdraw_consent", consent, respondent.code)


# --- transcripts -------------------------------------------------------------------------


def _require_handler(respondent: Respondent, user: User, role: Role) -> None:
    if not may_handle(respondent, user, role):
        raise PermissionError("only the interviewer and the chair handle this respondent")


def read_transcript(respondent: Respondent, user: User, role: Role) -> Transcript | None:
    """The transcript for someone allowed to read it; the read is audited."""
    _require_handler(respondent, user, role)
    transcript = respondent.transcript
    if transcript is not None:
        if not respondent.may_write_out:  # withdrawn consent always deletes; belt and braces
            raise DomainError(_("There is no valid consent for this write-out."))
        cycle = db.session.get(Cycle, respondent.cycle_id)
        audit(cycle.school, user, "read_transcript", transcript, respondent.code)
    return transcript


def pseudonyms_of(cycle: Cycle) -> list[Pseudonym]:
    return list(
        db.session.scalars(
            select(Pseudonym).where(Pseudonym.cycle_id == cycle.id).order_by(Pseudonym.name)
        )
    )


def apply_pseudonyms(text: str, pseudonyms: list[Pseudonym]) -> str:
    """Replace every listed name as a whole word (case-insensitive), longest names first."""
    for pseudonym in sorted(pseudonyms, key=lambda p: len(p.name), reverse=True):
        pattern = re.compile(rf"(?<!\w){re.escape(pseudonym.name)}(?!\w)", re.IGNORECASE)
        text = pattern.sub(lambda _m, r=pseudonym.replacement: r, text)
    return text


def save_transcript(
    respondent: Respondent,
    user: User,
    role: Role,
    *,
    body: str,
    base_version: int | None,
    held_on: date | None = None,
) -> Transcript:
    """Create or update the transcript. Refused without a valid consent to write it out;
    a save based on an older version raises ConflictError instead of overwriting."""
    _require_handler(respondent, user, role)
    if not respondent.may_write_out:
        raise DomainError(str(NEEDS_CONSENT))
    # NUL cannot be stored by PostgreSQL and is never meant; line ends become \n.
    body = body.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n")
    if len(body) > MAX_TRANSCRIPT_CHARS:
        raise DomainError(
            _("This text is too long for one interview (at most 200,000 characters).")
        )
    cycle = db.session.get(Cycle, respondent.cycle_id)
    body = apply_pseudonyms(body, pseudonyms_of(cycle))
    transcript = respondent.transcript
    if transcript is None:
        if base_version not in (None, 0):
            raise DomainError(_("This write-out no longer exists. Reload the page."))
        transcript = Transcript(
            respondent=respondent, body=body, held_on=held_on, updated_by_id=user.id
        )
        db.session.add(transcript)
        action = "create_transcript"
        if respondent.status in (RespondentStatus.consent_given, RespondentStatus.consent_asked):
            respondent.status = RespondentStatus.interviewed
    else:
        if base_version != transcript.version:
            raise ConflictError(transcript, body)
        if body != transcript.body:
            coding.reanchor(list(transcript.fragments), transcript.body, body)
        transcript.body = body
        if held_on is not None:
            transcript.held_on = held_on
        transcript.updated_at = utcnow()
        transcript.updated_by_id = user.id
        action = "update_transcript"
    db.session.flush()
    audit(cycle.school, user, action, transcript, respondent.code)
    return transcript


def mark_written_out(respondent: Respondent, user: User, role: Role) -> None:
    _require_handler(respondent, user, role)
    transcript = respondent.transcript
    if transcript is None or not transcript.body.strip():
        raise DomainError(_("There is no write-out yet to mark as finished."))
    respondent.status = RespondentStatus.written_out
    db.session.flush()


class UploadError(DomainError):
    pass


def text_from_upload(filename: str, data: bytes) -> str:
    """The plain text of an uploaded .txt or .docx; UploadError with a clear message otherwise."""
    name = (filename or "").lower()
    if len(data) > MAX_UPLOAD_BYTES:
        raise UploadError(_("The file is larger than 2 MB. Split it up or paste the text."))
    if not data:
        raise UploadError(_("The file is empty."))
    if name.endswith(".txt"):
        for encoding in ("utf-8-sig", "cp1252"):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            if "\x00" in text:
                break
            return text
        raise UploadError(_("This text file cannot be read. Save it as plain text (UTF-8)."))
    if name.endswith(".docx"):
        return _docx_text(data)
    raise UploadError(_("Only .txt and .docx files can be uploaded."))


def _docx_text(data: bytes) -> str:
    from docx import Document

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
                raise UploadError(_("This Word file unpacks to far too much data; it is refused."))
            # Those sizes are what the file claims. Unpack every part in small steps (bounded
            # memory, never past its claimed size): a part that holds more than it claims fails
            # its checksum here, before python-docx would unpack it whole in one go.
            for info in archive.infolist():
                with archive.open(info) as part:
                    while part.read(64 * 1024):
                        pass
        document = Document(io.BytesIO(data))
    except UploadError:
        raise
    except Exception as error:  # noqa: BLE001 - any parse failure means a broken file
        raise UploadError(
            _("This Word file cannot be read. Open it in Word, save it again and retry.")
        ) from error
    return "\n\n".join(p.text for p in document.paragraphs)


#: Capitalised words that are not names: sentence starts are skipped anyway; these also
#: appear mid-sentence.
NOT_NAMES = frozenset(
    [
        "ik",
        "u",
        "jij",
        "je",
        "hij",
        "zij",
        "wij",
        "we",
        "ze",
        "hen",
        "hun",
        "mijn",
        "jouw",
        "onze",
        "maandag",
        "dinsdag",
        "woensdag",
        "donderdag",
        "vrijdag",
        "zaterdag",
        "zondag",
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
        "vraag",
        "antwoord",
        "gesprek",
        "interviewer",
        "respondent",
        "juf",
        "meester",
        "groep",
        "school",
        "ouders",
        "ouder",
        "kerst",
        "pasen",
        "sinterklaas",
        "whatsapp",
        "instagram",
        "tiktok",
        "snapchat",
        "youtube",
        "minecraft",
        "roblox",
        "fortnite",
        "nederlands",
        "engels",
        "nederland",
        "mr",
        "ib",
        "kanjertraining",
    ]
)
WORD = re.compile(r"[A-ZÀ-Ý][a-zà-ÿ'-]+")
SENTENCE_END = re.compile(r"[.!?:;\n\"“”'‘’(\[-]\s*$")


def suspect_names(text: str, pseudonyms: list[Pseudonym]) -> list[str]:
    """Capitalised words in the middle of a sentence that are not on the pseudonym list: they
    may be names the writer should replace before marking the transcript written out."""
    known = {p.name.lower() for p in pseudonyms} | {p.replacement.lower() for p in pseudonyms}
    found: dict[str, None] = {}
    for match in WORD.finditer(text):
        word = match.group()
        before = text[max(0, match.start() - 3) : match.start()]
        at_sentence_start = not text[: match.start()].strip() or bool(SENTENCE_END.search(before))
        if at_sentence_start or word.lower() in NOT_NAMES or word.lower() in known:
            continue
        if "[" in text[max(0, match.start() - 20) : match.start()].rsplit("]", 1)[-1]:
            continue  # inside a placeholder such as [leerling A]
        found[word] = None
    return list(found)


def add_pseudonym(cycle: Cycle, name: str, replacement: str, by: User) -> Pseudonym:
    name, replacement = name.strip(), replacement.strip()
    if not name or not replacement:
        raise DomainError(_("Fill in both the name and what replaces it."))
    if name.lower() == replacement.lower():
        raise DomainError(_("The replacement must differ from the name."))
    exists = db.session.scalar(
        select(Pseudonym.id).where(
            Pseudonym.cycle_id == cycle.id, func.lower(Pseudonym.name) == name.lower()
        )
    )
    if exists:
        raise DomainError(_("This name is already on the list."))
    pseudonym = Pseudonym(cycle_id=cycle.id, name=name, replacement=replacement)
    db.session.add(pseudonym)
    db.session.flush()
    audit(cycle.school, by, "add_pseudonym", pseudonym)
    _pseudonymise_year(cycle, pseudonym)
    return pseudonym


def _pseudonymise_year(cycle: Cycle, pseudonym: Pseudonym) -> None:
    """Apply a new name to every write-out already stored, so nobody (a coder least of all)
    reads it any more; coded passages move along."""
    transcripts = db.session.scalars(
        select(Transcript)
        .join(Respondent, Transcript.respondent_id == Respondent.id)
        .where(Respondent.cycle_id == cycle.id)
        .options(selectinload(Transcript.fragments))
    )
    for transcript in transcripts:
        new = apply_pseudonyms(transcript.body, [pseudonym])
        if new == transcript.body:
            continue
        fragments = list(transcript.fragments)
        for fragment in fragments:
            fragment.text = apply_pseudonyms(fragment.text, [pseudonym])
        coding.reanchor(fragments, transcript.body, new)
        transcript.body = new
        transcript.updated_at = utcnow()
    db.session.flush()


def get_pseudonym(cycle: Cycle, pseudonym_id: int) -> Pseudonym | None:
    return db.session.scalar(
        select(Pseudonym).where(Pseudonym.id == pseudonym_id, Pseudonym.cycle_id == cycle.id)
    )


def delete_pseudonym(pseudonym: Pseudonym, by: User) -> None:
    cycle = db.session.get(Cycle, pseudonym.cycle_id)
    audit(cycle.school, by, "delete_pseudonym", pseudonym)
    db.session.delete(pseudonym)
    db.session.flush()


# --- retention, rights, audit ------------------------------------------------------------


def set_delete_on(cycle: Cycle, delete_on: date, by: User) -> None:
    if delete_on.year < cycle.start_year:
        raise DomainError(_("The delete-by date cannot lie before the school year starts."))
    cycle.delete_on = delete_on
    db.session.flush()
    audit(cycle.school, by, "set_delete_on", cycle)


def purge_expired(today: date) -> list[tuple[str, int, str]]:
    """Delete the transcripts of every year whose delete-by date has passed.

    Returns (school, start year, respondent code) for each transcript removed.
    """
    removed = []
    expired = [c for c in db.session.scalars(select(Cycle)) if c.delete_by < today]
    for cycle in expired:
        # only ids: the write-outs themselves are deleted, never read
        rows = db.session.execute(
            select(Transcript, Respondent)
            .join(Respondent, Transcript.respondent_id == Respondent.id)
            .where(Respondent.cycle_id == cycle.id)
            .options(load_only(Transcript.id, Transcript.respondent_id))
            .order_by(Respondent.number)
        ).all()
        for transcript, respondent in rows:
            removed.append((cycle.school.name, cycle.start_year, respondent.code))
            audit(cycle.school, None, "purge_transcript", transcript, respondent.code)
            db.session.delete(transcript)
            respondent.relation = None
    db.session.flush()
    return removed


def retention_warning(cycle: Cycle, today: date) -> int | None:
    """Days left before the year's transcripts are deleted, when that is 30 days or less
    and there is something to delete."""
    days = (cycle.delete_by - today).days
    if days > 30:
        return None
    has_transcripts = db.session.scalar(
        select(func.count(Transcript.id))
        .join(Respondent, Transcript.respondent_id == Respondent.id)
        .where(Respondent.cycle_id == cycle.id)
    )
    return max(days, 0) if has_transcripts else None


def respondent_export(respondent: Respondent, by: User) -> dict:
    """Everything stored about one respondent, for a request to see one's data."""
    cycle = db.session.get(Cycle, respondent.cycle_id)
    audit(cycle.school, by, "export_respondent", respondent, respondent.code)
    transcript = respondent.transcript
    events = db.session.scalars(
        select(AuditEvent)
        .where(AuditEvent.school_id == cycle.school_id, AuditEvent.subject == respondent.code)
        .order_by(AuditEvent.at)
    )
    return {
        "school": cycle.school.name,
        "school_year": cycle.label,
        "code": respondent.code,
        "group": respondent.group.value,
        "bouw": respondent.bouw.value if respondent.bouw else None,
        "relation_to_bullying": respondent.relation.value if respondent.relation else None,
        "planned_at": respondent.planned_at.isoformat() if respondent.planned_at else None,
        "status": respondent.status.value,
        "consents": [
            {
                "text_version": c.text.version,
                "text": c.text.body,
                "given_on": c.given_on.isoformat(),
                "given_by": c.given_by.value,
                "method": c.method.value,
                "allows_transcript": c.allows_transcript,
                "allows_quotes": c.allows_quotes,
                "recorded_at": c.recorded_at.isoformat(),
                "withdrawn_at": c.withdrawn_at.isoformat() if c.withdrawn_at else None,
            }
            for c in respondent.consents
        ],
        "transcript": None
        if transcript is None
        else {
            "held_on": transcript.held_on.isoformat() if transcript.held_on else None,
            "text": transcript.body,
            "updated_at": transcript.updated_at.isoformat(),
        },
        "delete_by": cycle.delete_by.isoformat(),
        "log": [{"at": e.at.isoformat(), "action": e.action} for e in events],
    }


# --- what the core shows of LUISTEREN (registered below; the core imports nothing from here)


def interview_step(cycle: Cycle) -> ChainStep:
    """The dashboard's chain link: interviews written out so far."""
    counts = dict(status_counts(cycle))
    done = counts[RespondentStatus.written_out]
    total = sum(n for s, n in counts.items() if s is not RespondentStatus.withdrawn)
    return ChainStep(
        "interviews",
        _("Interviews"),
        total > 0 and done == total,
        "interviews.show_interviews",
        _("%(done)d of %(total)d written out", done=done, total=total),
    )


def theme_step(cycle: Cycle) -> ChainStep:
    """The dashboard's chain link: themes found and chosen as focus."""
    themes = coding.themes_of(cycle)
    focus = sum(1 for t in themes if t.is_focus)
    return ChainStep(
        "themes",
        _("Themes and focus"),
        focus > 0,
        "interviews.show_codebook",
        ngettext(
            "%(num)d theme, %(focus)d in focus",
            "%(num)d themes, %(focus)d in focus",
            len(themes),
            focus=focus,
        ),
    )


def retention_notice(cycle: Cycle, role: Role, today: date) -> str | None:
    if role is not Role.chair:
        return None
    days = retention_warning(cycle, today)
    if days is None:
        return None
    return ngettext(
        "In %(num)d day (on %(date)s) the write-outs of this year are deleted. Make sure the "
        "themes and quotes you need are in your reports before then.",
        "In %(num)d days (on %(date)s) the write-outs of this year are deleted. Make sure the "
        "themes and quotes you need are in your reports before then.",
        days,
        date=format_date(cycle.delete_by, "long"),
    )


core.CHAIN_STEPS.append(interview_step)
core.CHAIN_STEPS.append(theme_step)
core.CYCLE_STARTED.append(coding.add_starter_codes)


def carry_over(old: Cycle, new: Cycle) -> None:
    """The next year starts with this year's codebook and consent text; never with
    respondents, consents or write-outs."""
    themes = coding.themes_of(old)
    if themes or coding.codes_of(old):
        for code in coding.codes_of(new):  # the starter codes make way for the group's own
            db.session.delete(code)
        db.session.flush()
    copied = {}
    for theme in themes:
        copy = Theme(cycle_id=new.id, name=theme.name, description=theme.description,
                     position=theme.position)  # fmt: skip
        db.session.add(copy)
        copied[theme.id] = copy
    db.session.flush()
    for code in coding.codes_of(old):
        theme = copied.get(code.theme_id)
        db.session.add(
            Code(cycle_id=new.id, name=code.name, description=code.description,
                 colour=code.colour, position=code.position,
                 theme_id=theme.id if theme else None)
        )  # fmt: skip
    text = current_consent_text(old)
    if text is not None:
        db.session.add(ConsentText(cycle_id=new.id, version=1, body=text.body))
    db.session.flush()


core.CARRY_OVER.append(carry_over)
core.DASHBOARD_NOTICES.append(retention_notice)
