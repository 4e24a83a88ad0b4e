"""LUISTEREN through the real views: the guide, respondents, consent, transcripts, pseudonyms,
retention, export and the audit log. The privacy invariants as properties are in
``test_interviews_privacy.py``."""

from __future__ import annotations

import gc
import html
import io
import json
import warnings
import zipfile
from datetime import date, timedelta

import docx
import pytest
from flask_babel import force_locale, format_date, gettext, ngettext

from app import db
from interviews import services
from interviews.models import (
    Consent,
    ConsentText,
    Fragment,
    GuideQuestion,
    Respondent,
    RespondentGroup,
    RespondentStatus,
    Transcript,
)
from tests.conftest import CSRFClient
from workgroup import services as core
from workgroup.models import AuditEvent, Cycle, School, User, WorkgroupMember

BASE = "/years/2026/interviews"


def nl(app, msgid: str, **values) -> str:
    """The Dutch text the app shows for ``msgid``."""
    with app.test_request_context(), force_locale("nl"):
        return gettext(msgid, **values)


def _cycle() -> Cycle:
    school = db.session.scalar(db.select(School).where(School.is_demo.is_(True)))
    return core.get_cycle(school, 2026)


def _member(name: str) -> WorkgroupMember:
    return db.session.scalar(db.select(WorkgroupMember).where(WorkgroupMember.display_name == name))


def _user(email: str) -> User:
    return db.session.scalar(db.select(User).where(User.email == email))


def _respondent(number: int) -> Respondent:
    return db.session.scalar(
        db.select(Respondent).where(Respondent.cycle_id == _cycle().id, Respondent.number == number)
    )


def _new_respondent(app, interviewer="Samira El Idrissi", group=RespondentGroup.parent) -> int:
    with app.test_request_context():
        respondent = services.add_respondent(
            _cycle(),
            _user("voorzitter@example.nl"),
            group=group,
            interviewer_id=_member(interviewer).id,
        )
        db.session.commit()
        return respondent.id


def _events(app, action: str) -> list[AuditEvent]:
    with app.app_context():
        query = db.select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)
        return list(db.session.scalars(query))


# --- the demo year -----------------------------------------------------------------------


def test_demo_has_a_guide_twelve_respondents_with_consent_and_ten_write_outs(app, demo):
    with app.app_context():
        cycle = _cycle()
        respondents = services.respondents_of(cycle)
        assert len(respondents) == 12
        assert {r.group for r in respondents} == set(RespondentGroup)
        assert all(r.valid_consent and r.may_write_out for r in respondents)
        transcripts = [r.transcript for r in respondents if r.transcript]
        assert len(transcripts) == 10
        assert all(t.word_count > 400 for t in transcripts)
        assert 3 <= len(services.guide_of(cycle).questions) <= 5
        pupils = [r for r in respondents if r.group is RespondentGroup.pupil]
        assert all(r.valid_consent.given_by.value == "parent_and_pupil" for r in pupils)


# --- the interview guide -----------------------------------------------------------------


def _guide_body(questions: list[str], **extra) -> dict:
    body = {
        "purpose": "Begrijpen hoe ouders en school samenwerken.",
        "introduction": "Welkom, dit gesprek duurt drie kwartier.",
        "closing": "Dank je wel.",
        "target_parents": "5",
        "target_teachers": "4",
        "target_pupils": "3",
    }
    for i, text in enumerate(questions):
        body[f"questions-{i}-text"] = text
        body[f"questions-{i}-prompts"] = "Kun je een voorbeeld geven?"
    body.update(extra)
    return body


def test_the_guide_needs_three_to_five_questions_and_stores_nothing_otherwise(app, member):
    with app.app_context():
        before = db.session.scalar(db.select(db.func.count(GuideQuestion.id)))
    too_few = member.post(f"{BASE}/guide/edit", data=_guide_body(["Hoe gaat het?", "Wat zie je?"]))
    assert too_few.status_code == 422
    message = nl(
        app,
        "Write three to five main questions. Fewer gives too little to talk about; "
        "more leaves no time to ask further in 45 minutes.",
    )
    assert message in too_few.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(GuideQuestion.id))) == before

    ok = member.post(
        f"{BASE}/guide/edit",
        data=_guide_body(["Hoe gaat het?", "Wat zie je gebeuren?", "Vertel eens over school?"]),
    )
    assert ok.status_code == 302
    with app.app_context():
        guide = services.guide_of(_cycle())
        assert [q.text for q in guide.questions] == [
            "Hoe gaat het?",
            "Wat zie je gebeuren?",
            "Vertel eens over school?",
        ]
        assert guide.target_parents == 5 and guide.target_pupils == 3
        assert guide.updated_by.email == "ouder@example.nl"


@pytest.mark.parametrize(
    ("question", "closed"),
    [
        ("Is er op school genoeg aandacht voor pesten?", True),
        ("Heeft de leerkracht je gebeld?", True),
        ("Vind je dat de school goed reageert?", True),
        ("Ben je tevreden over het gesprek?", True),
        ("Kun je vertellen wat er toen gebeurde?", False),
        ("Hoe merkte je dat je kind gepest werd?", False),
        ("Wat deed de school toen?", False),
    ],
)
def test_closed_questions_are_recognised(question, closed):
    assert services.looks_closed(question) is closed


def test_a_closed_question_gets_a_gentle_hint_but_is_saved(app, chair):
    hint = chair.htmx_post(f"{BASE}/guide/check-question", data={"questions-0-text": "Is dat zo?"})
    assert hint.status_code == 200 and "hint--gentle" in hint.get_data(as_text=True)
    open_q = chair.htmx_post(
        f"{BASE}/guide/check-question", data={"questions-0-text": "Hoe ging dat?"}
    )
    assert "hint--gentle" not in open_q.get_data(as_text=True)

    saved = chair.post(
        f"{BASE}/guide/edit",
        data=_guide_body(["Is er genoeg aandacht?", "Hoe ging het?", "Wat deed je?"]),
    )
    assert saved.status_code == 302
    page = chair.get(f"{BASE}/guide").get_data(as_text=True)
    assert "Is er genoeg aandacht?" in page
    assert 'class="notice"' in page  # the closed question is pointed out on the guide


def test_the_director_reads_the_guide_but_cannot_edit_it(app, director):
    page = director.get(f"{BASE}/guide")
    assert page.status_code == 200
    assert "Kun je vertellen over een situatie met pesten" in page.get_data(as_text=True)
    assert director.get(f"{BASE}/guide/edit").status_code == 403


# --- respondents and the mix -------------------------------------------------------------


def test_respondents_get_codes_in_order_and_never_reuse_them(app, chair):
    response = chair.post(
        f"{BASE}/respondents/new", data={"group": "pupil", "bouw": "upper", "interviewer_id": "0"}
    )
    assert response.status_code == 302
    with app.app_context():
        newest = services.respondents_of(_cycle())[-1]
        assert newest.code == "R13" and newest.group is RespondentGroup.pupil
        assert _events(app, "add_respondent")[-1].subject == "R13"
    # a removed respondent's number is not handed out again only if it had consent; a mistake
    # without consent may be removed
    with app.app_context():
        rid = newest.id
    assert (
        chair.post(f"{BASE}/respondents/{rid}/delete", data={"confirm": "yes"}).status_code == 302
    )
    with app.app_context():
        assert db.session.get(Respondent, rid) is None
    # a withdrawn respondent keeps its code: the next one does not get it again
    with app.app_context():
        services.withdraw_consent(_respondent(12), _user("voorzitter@example.nl"))
        db.session.commit()
    chair.post(f"{BASE}/respondents/new", data={"group": "parent", "interviewer_id": "0"})
    with app.app_context():
        codes = [r.code for r in services.respondents_of(_cycle())]
        assert codes.count("R12") == 1 and codes[-1] == "R13"


def test_a_respondent_with_consent_cannot_be_removed_only_withdrawn(app, chair):
    with app.app_context():
        rid = _respondent(1).id
    response = chair.post(f"{BASE}/respondents/{rid}/delete", data={"confirm": "yes"})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(Respondent, rid) is not None


def test_interviewer_from_another_school_is_refused(app, chair, demo):
    with app.app_context():
        stranger = db.session.scalar(
            db.select(WorkgroupMember.id)
            .join(Cycle)
            .where(Cycle.school_id == demo.other_school_id)
            .limit(1)
        )
    if stranger is None:  # the other school has no members: make one
        with app.test_request_context():
            other = core.get_cycle(db.session.get(School, demo.other_school_id), 2026)
            from workgroup.models import Function

            stranger = core.add_member(other, "Vreemde", Function.parent, "", None).id
            db.session.commit()
    response = chair.post(
        f"{BASE}/respondents/new", data={"group": "parent", "interviewer_id": str(stranger)}
    )
    assert response.status_code == 422
    with app.app_context():
        assert len(services.respondents_of(_cycle())) == 12


def test_the_mix_counts_groups_against_targets_and_hides_relation_from_the_director(
    app, chair, director
):
    with app.app_context():
        mix = services.diversity(_cycle(), with_relation=True)
        groups = [(row.count, row.target, row.short) for row in mix["group"]]
        bouw_total = sum(row.count for row in mix["bouw"])
    # parents, teachers, pupils: planned, target, still to go
    assert groups == [(5, 5, 0), (4, 4, 0), (3, 4, 1)]
    assert bouw_total == 12
    relation_caption = nl(app, "Relation to bullying")
    assert relation_caption in chair.get(BASE).get_data(as_text=True)
    director_page = director.get(BASE).get_data(as_text=True)
    assert relation_caption not in director_page
    assert "R01" not in director_page  # no codes, no list for the director


def test_a_member_sees_only_the_respondents_they_interview(app, member, teacher):
    samira = member.get(BASE).get_data(as_text=True)
    joost = teacher.get(BASE).get_data(as_text=True)
    with app.app_context():
        mine = [r.code for r in services.respondents_of(_cycle()) if r.interviewer and
                r.interviewer.display_name == "Samira El Idrissi"]  # fmt: skip
        others = [r.code for r in services.respondents_of(_cycle()) if r.code not in mine]
    assert mine and all(f">{code}<" in samira for code in mine)
    assert not any(f">{code}<" in samira for code in others)
    assert not any(f">{code}<" in joost for code in mine)


# --- consent -----------------------------------------------------------------------------


def test_editing_the_consent_text_makes_a_new_version_and_keeps_the_old(app, chair, member):
    with app.app_context():
        before = services.current_consent_text(_cycle())
        old_version, old_body = before.version, before.body
    response = chair.post(f"{BASE}/consent-text", data={"body": "Nieuwe tekst voor ouders."})
    assert response.status_code == 302
    same = chair.post(f"{BASE}/consent-text", data={"body": "Nieuwe tekst voor ouders."})
    assert same.status_code == 422  # unchanged text: no new version
    with app.app_context():
        texts = services.consent_texts(_cycle())
        assert [t.version for t in texts] == [old_version + 1, old_version]
        assert texts[1].body == old_body
        # consents given earlier still point at the version they agreed to
        assert _respondent(1).valid_consent.text.version == old_version
    assert member.post(f"{BASE}/consent-text", data={"body": "Door een lid"}).status_code == 403
    page = member.get(f"{BASE}/consent-text").get_data(as_text=True)
    assert "Nieuwe tekst voor ouders." in page and old_body[:40] in page


def test_recording_consent_for_a_parent(app, member):
    rid = _new_respondent(app)
    response = member.post(
        f"{BASE}/respondents/{rid}/consent",
        data={"given_on": "2026-11-10", "method": "spoken", "allows_transcript": "y"},
    )
    assert response.status_code == 302
    with app.app_context():
        respondent = db.session.get(Respondent, rid)
        consent = respondent.valid_consent
        assert consent.given_by.value == "respondent" and consent.method.value == "spoken"
        assert consent.allows_transcript and not consent.allows_quotes
        assert consent.recorded_by.email == "ouder@example.nl"
        assert consent.text == services.current_consent_text(_cycle())
        assert respondent.status is RespondentStatus.consent_given
        event = _events(app, "record_consent")[-1]
        assert event.subject == respondent.code and event.object_id == consent.id


def test_a_pupil_needs_the_parent_and_their_own_yes(app, member):
    rid = _new_respondent(app, group=RespondentGroup.pupil)
    body = {"given_on": "2026-11-10", "method": "signed_form", "allows_transcript": "y"}
    only_parent = member.post(
        f"{BASE}/respondents/{rid}/consent", data={**body, "parent_consented": "y"}
    )
    assert only_parent.status_code == 422
    with app.app_context():
        assert db.session.scalar(db.select(Consent).where(Consent.respondent_id == rid)) is None
    both = member.post(
        f"{BASE}/respondents/{rid}/consent",
        data={**body, "parent_consented": "y", "pupil_assented": "y"},
    )
    assert both.status_code == 302
    with app.app_context():
        assert db.session.get(Respondent, rid).valid_consent.given_by.value == "parent_and_pupil"


@pytest.mark.parametrize(
    "body",
    [
        {"given_on": (date.today() + timedelta(days=3)).isoformat(), "method": "digital",
         "allows_transcript": "y"},
        {"given_on": "2026-11-10", "method": "digital"},  # no permission ticked
        {"given_on": "", "method": "digital", "allows_transcript": "y"},
        {"given_on": "2026-11-10", "method": "telepathy", "allows_transcript": "y"},
    ],
    ids=["future", "no-permission", "no-date", "bad-method"],
)  # fmt: skip
def test_bad_consent_is_refused_and_stores_nothing(app, member, body):
    rid = _new_respondent(app)
    response = member.post(f"{BASE}/respondents/{rid}/consent", data=body)
    assert response.status_code == 422
    assert 'role="alert"' in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Respondent, rid).consents == []


def test_the_consent_form_is_a_word_document_with_the_text_and_the_code(app, member):
    with app.app_context():
        respondent = _respondent(1)
        rid, code = respondent.id, respondent.code
        text = services.current_consent_text(_cycle())
    response = member.get(f"/years/2026/reports/consent-form/{rid}.docx")
    assert response.status_code == 200
    document = docx.Document(io.BytesIO(response.data))
    body = "\n".join(p.text for p in document.paragraphs)
    assert code in body
    assert text.body.split("\n\n")[0].strip() in body
    assert f"{text.version}" in body
    assert any(p.style.name == "Heading 1" for p in document.paragraphs)
    assert "Samira" not in body and "El Idrissi" not in body


def test_a_member_who_does_not_interview_gets_no_consent_form(app, teacher):
    with app.app_context():
        rid = _respondent(1).id  # Samira's, not Joost's
    assert teacher.get(f"/years/2026/reports/consent-form/{rid}.docx").status_code == 403


# --- withdrawal --------------------------------------------------------------------------


def test_withdrawal_asks_first_then_deletes_the_write_out_and_keeps_only_the_fact(app, member):
    with app.app_context():
        respondent = _respondent(1)
        rid, code = respondent.id, respondent.code
        text = respondent.transcript.body
        transcript_id = respondent.transcript.id
    ask = member.post(f"{BASE}/respondents/{rid}/withdraw")
    assert ask.status_code == 200 and 'name="confirm" value="yes"' in ask.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Transcript, transcript_id) is not None

    done = member.post(f"{BASE}/respondents/{rid}/withdraw", data={"confirm": "yes"})
    assert done.status_code == 302
    with app.app_context():
        respondent = db.session.get(Respondent, rid)
        assert db.session.get(Transcript, transcript_id) is None
        assert respondent.status is RespondentStatus.withdrawn
        assert respondent.relation is None and respondent.bouw is None
        assert not respondent.may_write_out
        # the fact is kept, by code and without content
        kinds = {e.action for e in db.session.scalars(
            db.select(AuditEvent).where(AuditEvent.subject == code))}  # fmt: skip
        assert {"withdraw_consent", "delete_transcript"} <= kinds
        dump = json.dumps(
            [
                (e.action, e.object_type, e.subject)
                for e in db.session.scalars(db.select(AuditEvent))
            ]
        )
        assert text[:30] not in dump
    page = member.get(f"{BASE}/respondents/{rid}").get_data(as_text=True)
    assert text[:60] not in page
    assert member.get(f"{BASE}/respondents/{rid}/transcript").status_code == 302


# --- transcripts -------------------------------------------------------------------------


def test_no_write_out_without_consent_in_the_view_and_in_the_service(app, member):
    rid = _new_respondent(app)
    page = member.get(f"{BASE}/respondents/{rid}").get_data(as_text=True)
    assert 'class="blocked"' in page
    assert f"/respondents/{rid}/transcript" not in page
    response = member.post(f"{BASE}/respondents/{rid}/transcript", data={"body": "Geheim"})
    assert response.status_code == 422
    with app.app_context():
        assert (
            db.session.scalar(db.select(Transcript).where(Transcript.respondent_id == rid)) is None
        )
    with app.test_request_context(), pytest.raises(services.DomainError):
        services.save_transcript(
            db.session.get(Respondent, rid),
            _user("voorzitter@example.nl"),
            core.Role.chair,
            body="Toch proberen",
            base_version=None,
        )


def test_autosave_answers_with_the_time_and_the_new_version(app, member):
    with app.app_context():
        respondent = _respondent(10)
        rid, version = respondent.id, respondent.transcript.version
    response = member.htmx_post(
        f"{BASE}/respondents/{rid}/transcript",
        data={"body": "Eerste zin.\nTweede zin.", "version": str(version)},
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<html" not in html and 'class="saved"' in html
    assert f'id="transcript-version" value="{version + 1}" hx-swap-oob="true"' in html
    assert response.headers["Cache-Control"] == "no-store"
    with app.app_context():
        transcript = db.session.get(Respondent, rid).transcript
        assert transcript.body == "Eerste zin.\nTweede zin." and transcript.version == version + 1


def test_a_save_on_an_old_version_is_a_conflict_with_both_texts(app, member, chair):
    with app.app_context():
        respondent = _respondent(10)
        rid, version = respondent.id, respondent.transcript.version
    url = f"{BASE}/respondents/{rid}/transcript"
    first = chair.htmx_post(url, data={"body": "Tekst van tabblad A", "version": str(version)})
    assert first.status_code == 200
    second = member.htmx_post(url, data={"body": "Tekst van tabblad B", "version": str(version)})
    html = second.get_data(as_text=True)
    assert second.status_code == 409
    assert "Tekst van tabblad A" in html and "Tekst van tabblad B" in html
    with app.app_context():
        assert db.session.get(Respondent, rid).transcript.body == "Tekst van tabblad A"
    # without htmx the same conflict is a full page, nothing overwritten
    page = member.post(url, data={"body": "Tekst van tabblad B", "version": str(version)})
    assert page.status_code == 409 and "<html" in page.get_data(as_text=True)
    # choosing "keep my text" posts it on top of the current version
    keep = member.post(url, data={"body": "Tekst van tabblad B", "version": str(version + 1)})
    assert keep.status_code == 302
    with app.app_context():
        assert db.session.get(Respondent, rid).transcript.body == "Tekst van tabblad B"


def test_reading_a_transcript_is_audited_and_not_cached(app, member):
    with app.app_context():
        respondent = _respondent(1)
        rid, code = respondent.id, respondent.code
        before = len(_events(app, "read_transcript"))
    page = member.get(f"{BASE}/respondents/{rid}/transcript")
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    reads = _events(app, "read_transcript")
    assert len(reads) == before + 1 and reads[-1].subject == code


def test_pseudonyms_are_applied_on_save_and_unknown_names_are_pointed_out(app, chair, member):
    assert (
        chair.post(
            f"{BASE}/pseudonyms", data={"name": "Samira", "replacement": "[ouder A]"}
        ).status_code
        == 302
    )
    with app.app_context():
        respondent = _respondent(10)
        rid, version = respondent.id, respondent.transcript.version
    text = "Ik sprak met samira en daarna met Kees over het schoolplein."
    member.post(f"{BASE}/respondents/{rid}/transcript", data={"body": text, "version": version})
    with app.app_context():
        body = db.session.get(Respondent, rid).transcript.body
    assert body == "Ik sprak met [ouder A] en daarna met Kees over het schoolplein."
    page = member.get(f"{BASE}/respondents/{rid}/transcript").get_data(as_text=True)
    assert "<mark>Kees</mark>" in page
    # the list itself is for the chair only
    assert member.get(f"{BASE}/pseudonyms").status_code == 403
    duplicate = chair.post(f"{BASE}/pseudonyms", data={"name": "SAMIRA", "replacement": "[x]"})
    assert duplicate.status_code == 422


def test_suspect_names_skip_sentence_starts_placeholders_and_the_list():
    text = (
        "Gisteren sprak ik [leerling A] op het plein. Daarna zei Noor dat Bram huilde.\n"
        "Op maandag belde juf Ellen. Zij zei dat [school] het wist."
    )
    found = services.suspect_names(text, [])
    assert found == ["Noor", "Bram", "Ellen"]


def test_marking_written_out_needs_a_write_out(app, member):
    rid = _new_respondent(app)
    member.post(
        f"{BASE}/respondents/{rid}/consent",
        data={"given_on": "2026-11-10", "method": "digital", "allows_transcript": "y"},
    )
    member.post(f"{BASE}/respondents/{rid}/transcript/done")
    with app.app_context():
        assert db.session.get(Respondent, rid).status is RespondentStatus.consent_given
    member.post(
        f"{BASE}/respondents/{rid}/transcript", data={"body": "Het gesprek.", "version": "0"}
    )
    member.post(f"{BASE}/respondents/{rid}/transcript/done")
    with app.app_context():
        assert db.session.get(Respondent, rid).status is RespondentStatus.written_out


# --- uploads -----------------------------------------------------------------------------


def _docx_bytes(*paragraphs: str) -> bytes:
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _upload(client: CSRFClient, rid: int, name: str, data: bytes, version: int):
    response = client.post(
        f"{BASE}/respondents/{rid}/transcript/upload",
        data={"file": (io.BytesIO(data), name), "version": str(version)},
        content_type="multipart/form-data",
    )
    # Werkzeug's test client spools a large body to a temporary file it never closes (its
    # EnvironBuilder, not the app: the view closes the upload); collect it here, quietly.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        gc.collect()
    return response


def test_a_docx_and_a_txt_upload_become_the_write_out(app, member):
    with app.app_context():
        respondent = _respondent(10)
        rid, version = respondent.id, respondent.transcript.version
    response = _upload(
        member, rid, "gesprek.docx", _docx_bytes("Vraag: hoe?", "Antwoord: zo."), version
    )
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(Respondent, rid).transcript.body == "Vraag: hoe?\n\nAntwoord: zo."
    _upload(member, rid, "gesprek.txt", "Één regel uit Kladblok.".encode("cp1252"), version + 1)
    with app.app_context():
        assert db.session.get(Respondent, rid).transcript.body == "Één regel uit Kladblok."


def _zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<x/>")
        archive.writestr("word/document.xml", b"\0" * (30 * 1024 * 1024))
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("gesprek.pdf", b"%PDF-1.4 nothing"),
        ("gesprek.docx", b"this is not a zip at all"),
        ("gesprek.docx", b"PK\x03\x04 broken zip"),
        ("gesprek.txt", b"a" * (2 * 1024 * 1024 + 1)),
        ("gesprek.txt", b""),
        ("gesprek.txt", b"\x00\x01\x02binary"),
        ("gesprek.docx", None),  # zip bomb, filled in below
    ],
    ids=["wrong-type", "not-a-zip", "broken-zip", "too-large", "empty", "binary", "zip-bomb"],
)
def test_bad_uploads_give_a_message_and_store_nothing(app, member, name, data):
    data = _zip_bomb() if data is None else data
    with app.app_context():
        respondent = _respondent(10)
        rid, version, body = (
            respondent.id,
            respondent.transcript.version,
            respondent.transcript.body,
        )
    response = _upload(member, rid, name, data, version)
    assert response.status_code == 302
    page = member.get(response.headers["Location"]).get_data(as_text=True)
    assert "flash--error" in page
    with app.app_context():
        transcript = db.session.get(Respondent, rid).transcript
        assert transcript.body == body and transcript.version == version


# --- retention, export, audit ------------------------------------------------------------


def test_purge_expired_deletes_write_outs_after_the_date_and_says_what(app, runner, demo):
    with app.app_context():
        cycle = _cycle()
        cycle.delete_on = date.today() - timedelta(days=1)
        db.session.commit()
        count = db.session.scalar(db.select(db.func.count(Transcript.id)))
        assert count == 10
    result = runner.invoke(args=["purge-expired"])
    assert result.exit_code == 0
    assert "R01" in result.output and "10 write-out(s) deleted." in result.output
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Transcript.id))) == 0
        # nothing coded from them survives either
        assert db.session.scalar(db.select(db.func.count(Fragment.id))) == 0
        assert len(_events(app, "purge_transcript")) == 10
    again = runner.invoke(args=["purge-expired"])
    assert "0 write-out(s) deleted." in again.output


def test_purge_leaves_years_before_their_date_alone(app, runner, demo):
    result = runner.invoke(args=["purge-expired"])
    assert "0 write-out(s) deleted." in result.output
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Transcript.id))) == 10


def test_the_chair_is_warned_thirty_days_before_deletion(app, chair, member):
    with app.app_context():
        cycle = _cycle()
        cycle.delete_on = date.today() + timedelta(days=20)
        db.session.commit()
    with app.test_request_context(), force_locale("nl"):
        warning = ngettext(
            "In %(num)d day (on %(date)s) the write-outs of this year are deleted. Make sure the "
            "themes and quotes you need are in your reports before then.",
            "In %(num)d days (on %(date)s) the write-outs of this year are deleted. Make sure the "
            "themes and quotes you need are in your reports before then.",
            20,
            date=format_date(date.today() + timedelta(days=20), "long"),
        )
    assert warning in html.unescape(chair.get("/years/2026/").get_data(as_text=True))
    assert warning not in html.unescape(member.get("/years/2026/").get_data(as_text=True))
    with app.app_context():
        _cycle().delete_on = date.today() + timedelta(days=40)
        db.session.commit()
    assert "notice--warning" not in chair.get("/years/2026/").get_data(as_text=True)


def test_the_delete_by_date_is_editable_by_the_chair_and_checked(app, chair):
    assert chair.get(f"{BASE}/retention").status_code == 200
    bad = chair.post(f"{BASE}/retention", data={"delete_on": "2020-01-01"})
    assert bad.status_code == 422
    good = chair.post(f"{BASE}/retention", data={"delete_on": "2027-12-31"})
    assert good.status_code == 302
    with app.app_context():
        assert _cycle().delete_by == date(2027, 12, 31)


def test_export_holds_everything_about_one_respondent_and_nothing_else(app, chair):
    with app.app_context():
        respondent = _respondent(1)
        rid, code, body = respondent.id, respondent.code, respondent.transcript.body
        other = _respondent(2).transcript.body
    response = chair.get(f"{BASE}/respondents/{rid}/export.json")
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    data = json.loads(response.data)
    assert data["code"] == code
    assert data["transcript"]["text"] == body
    assert data["consents"][0]["text"] and data["consents"][0]["allows_transcript"] is True
    assert other[:40] not in response.get_data(as_text=True)
    assert _events(app, "export_respondent")[-1].subject == code


def test_the_audit_log_pages_through_events_for_the_chair_only(app, chair, member, director):
    with app.app_context():
        rid = _respondent(1).id
    for _ in range(5):  # every read is an event: more than one page of 50
        chair.get(f"{BASE}/respondents/{rid}/transcript")
    page = chair.get("/audit")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "R01" in html
    assert nl(app, "recorded consent") in html
    assert member.get("/audit").status_code == 403
    assert director.get("/audit").status_code == 403
    with app.app_context():
        total = db.session.scalar(db.select(db.func.count(AuditEvent.id)))
    assert total > 50  # the demo year fills more than one page
    second = chair.get("/audit?page=2").get_data(as_text=True)
    pages = -(-total // 50)
    assert nl(app, "Page %(page)d of %(pages)d", page=2, pages=pages) in second
    assert chair.get("/audit?page=999999999999").status_code == 200


def test_the_audit_log_cannot_be_changed_through_the_app(app):
    audit_routes = [r for r in app.url_map.iter_rules() if "audit" in r.rule]
    assert audit_routes and all(r.methods <= {"GET", "HEAD", "OPTIONS"} for r in audit_routes)


def test_the_dashboard_chain_shows_interviews(app, chair):
    html = chair.get("/years/2026/").get_data(as_text=True)
    assert nl(app, "%(done)d of %(total)d written out", done=8, total=12) in html
    assert f'href="{BASE}"' in html


def test_consent_text_version_is_kept_per_consent(app, chair, member):
    chair.post(f"{BASE}/consent-text", data={"body": "Versie twee."})
    rid = _new_respondent(app)
    member.post(
        f"{BASE}/respondents/{rid}/consent",
        data={"given_on": "2026-11-10", "method": "digital", "allows_transcript": "y"},
    )
    with app.app_context():
        assert db.session.get(Respondent, rid).valid_consent.text.body == "Versie twee."
        assert db.session.scalar(db.select(db.func.count(ConsentText.id))) == 2


#: R10 is a pupil: a parent's consent and the pupil's own yes.
PUPIL = {"parent_consented": "y", "pupil_assented": "y"}


def test_a_new_consent_cannot_silently_drop_the_write_out_permission(app, member):
    with app.app_context():
        respondent = _respondent(10)
        rid, body = respondent.id, respondent.transcript.body
    narrowed = member.post(
        f"{BASE}/respondents/{rid}/consent",
        data={"given_on": "2026-11-20", "method": "digital", "allows_quotes": "y", **PUPIL},
    )
    assert narrowed.status_code == 422
    message = nl(
        app,
        "There is a write-out already. To take back the permission to write it out, "
        "withdraw the consent: that deletes the write-out.",
    )
    assert message in narrowed.get_data(as_text=True)
    with app.app_context():
        respondent = db.session.get(Respondent, rid)
        assert respondent.transcript.body == body and respondent.may_write_out
    # narrowing the quotes only is fine and keeps the write-out
    quotes_off = member.post(
        f"{BASE}/respondents/{rid}/consent",
        data={"given_on": "2026-11-20", "method": "digital", "allows_transcript": "y", **PUPIL},
    )
    assert quotes_off.status_code == 302
    with app.app_context():
        respondent = db.session.get(Respondent, rid)
        assert not respondent.may_quote and respondent.transcript.body == body
