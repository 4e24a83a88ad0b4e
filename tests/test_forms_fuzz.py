"""Random input for every form: never a server error, never unescaped HTML back.

Hypothesis posts empty, very long, unicode, control-character and HTML/script text to each
form-handling POST route. The answer must be one of the statuses a form gives, and no posted
``<script>`` or other tag may come back unescaped — not in the answer and not on the pages that
show what was stored.

The ``app`` fixture empties the database after each test, not between Hypothesis examples, so
each route is its own test and every example leaves data the next example can live with:
whatever an earlier example stored (a second school year, an extra agenda item, a renamed
member) only changes which valid answer a later example gets.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

import pytest
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app import db
from interviews import coding
from interviews import services as interview_services
from interviews.models import Respondent, RespondentGroup
from tests.conftest import PASSWORD, CSRFClient
from workgroup import services
from workgroup.models import Membership, Role, School, User, WorkgroupMember

#: Text that must never come back as markup. Each contains a tag; escaped, none appears.
SNIPPETS = (
    "<script>alert(1)</script>",
    "<ScRiPt>alert('x')</sCrIpT>",
    '"><script>alert(document.cookie)</script>',
    "'><script>alert(3)</script>",
    "</textarea><script>alert(2)</script>",
    "</title><script>alert(4)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
)
#: Text that is harmless when escaped but tests the template and URL handling.
TRICKS = (
    "{{ 7 * 7 }}",
    "{% raw %}",
    "%(name)s %s %d",
    "javascript:alert(1)",
    "//evil.example.com",
    "/\\evil.example.com",
    "/\t/evil.example.com",
    "/ok\r\nSet-Cookie: x=1",
    "&lt;script&gt;",
    "Robert'); DROP TABLE users;--",
    "\u202eevil\u202c",
    "ﷺ𝔘𝔫𝔦𝔠𝔬𝔡𝔢 😀 ½ ² ١٢",
)
MAX_LENGTH = 25_000

no_nul = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
control = st.characters(min_codepoint=1, max_codepoint=0x1F) | st.characters(
    min_codepoint=0x7F, max_codepoint=0x9F
)
TEXT = st.one_of(
    st.just(""),
    st.text(no_nul, max_size=40),
    st.text(control, min_size=1, max_size=20),
    st.sampled_from(SNIPPETS + TRICKS),
    st.builds(
        lambda before, snippet, after: before + snippet + after,
        st.text(no_nul, max_size=10),
        st.sampled_from(SNIPPETS),
        st.text(no_nul, max_size=10),
    ),
    # numbers, also ones no database integer holds, and digits that are not 0-9
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.text(st.characters(whitelist_categories=("Nd", "No")), min_size=1, max_size=6),
    # long: up to 25,000 characters, plain or unicode, sometimes with a snippet inside
    st.builds(
        lambda chunk, n, snippet: (snippet + chunk * n)[:n],
        st.text(no_nul, min_size=1, max_size=4),
        st.integers(min_value=1, max_value=MAX_LENGTH),
        st.sampled_from(("", *SNIPPETS)),
    ),
)


@dataclass(frozen=True)
class Field:
    """What Hypothesis posts in a field, and a sensible value for when another field is tested."""

    strategy: st.SearchStrategy
    default: str | list[str]


FREE = Field(TEXT, "Gewone tekst")


def one_of(*valid: str) -> Field:
    """A valid choice half of the time, anything else the other half."""
    return Field(st.one_of(st.sampled_from(valid), TEXT), valid[0])


DATE = one_of("2026-10-20", "2027-02-29", "2026-13-01", "0001-01-01", "9999-12-31")
TIME = one_of("19:30", "25:00", "7:5")


@dataclass(frozen=True)
class Form:
    """One form-handling POST route: who posts, where, which fields, where it shows."""

    name: str
    client: str  #: "chair", "admin" or "anonymous"
    url: str  #: may contain {item}, {member}, {action}, {membership}, {token}, {school}
    fields: dict[str, Field] = field(default_factory=dict)
    shown_on: tuple[str, ...] = ()  #: pages that show what the form stored

    def __str__(self) -> str:
        return self.name


MEETING = "/years/2026/meetings/2"
FORMS = (
    Form(
        "login",
        "anonymous",
        "/login",
        {"email": one_of("voorzitter@example.nl", "x@y"), "password": FREE, "next": FREE},
    ),
    Form(
        "change_password",
        "chair",
        "/account/password",
        {"current": one_of(PASSWORD), "password": FREE, "confirm": FREE},
    ),
    Form("set_language", "chair", "/language", {"lang": one_of("nl", "en"), "next": FREE}),
    # the code step with a login waiting for it is fuzzed in tests/test_security_twofactor.py
    Form("login_code", "anonymous", "/login/code", {"code": FREE, "next": FREE}),
    Form("two_factor", "chair", "/account/two-factor", {"code": FREE}),
    Form(
        "disable_two_factor",
        "chair",
        "/account/two-factor/off",
        {"password": one_of(PASSWORD), "code": FREE},
    ),
    Form("choose_school", "chair", "/schools", {"school_id": one_of("{school}", "0")}),
    Form(
        "accept_invitation",
        "anonymous",
        "/invite/{token}",
        {"display_name": FREE, "password": FREE, "confirm": FREE},
    ),
    Form(
        "start_year", "chair", "/years/new", {"start_year": one_of("2027", "1999")}, ("/years/new",)
    ),
    Form(
        "edit_meeting",
        "chair",
        MEETING + "/plan",
        {
            "planned_on": DATE,
            "starts_at": TIME,
            "mode": one_of("physical", "online"),
            "location": FREE,
        },
        ("/years/2026/meetings", MEETING, "/years/2026/"),
    ),
    Form(
        "add_agenda_item",
        "chair",
        MEETING + "/agenda",
        {"title": FREE, "prompt": FREE},
        (MEETING, MEETING + "/history"),
    ),
    Form(
        "edit_agenda_item",
        "chair",
        MEETING + "/agenda/{item}/edit",
        {"title": FREE, "prompt": FREE},
        (MEETING, MEETING + "/history"),
    ),
    Form(
        "edit_item_notes",
        "chair",
        MEETING + "/agenda/{item}/notes",
        {"notes": FREE, "decisions": FREE},
        (MEETING, MEETING + "/history"),
    ),
    Form(
        "move_agenda_item",
        "chair",
        MEETING + "/agenda/{item}/move",
        {"direction": one_of("up", "down")},
    ),
    Form(
        "save_attendance",
        "chair",
        MEETING + "/attendance",
        {"present": Field(st.lists(one_of("{member}").strategy, max_size=3), ["{member}"])},
        (MEETING,),
    ),
    Form(
        "add_action",
        "chair",
        MEETING + "/actions",
        {"description": FREE, "owner_id": one_of("0", "{member}"), "due_on": DATE},
        (MEETING, "/years/2026/actions", "/years/2026/"),
    ),
    Form(
        "mark_action",
        "chair",
        "/years/2026/actions/{action}/done",
        {"done": one_of("1", "0"), "next": FREE, "meeting": one_of("2", "9")},
        ("/years/2026/actions",),
    ),
    Form(
        "add_member",
        "chair",
        "/years/2026/members/new",
        {"display_name": FREE, "function": one_of("parent", "pupil"), "motive": FREE},
        ("/years/2026/members", MEETING),
    ),
    Form(
        "edit_member",
        "chair",
        "/years/2026/members/{member}/edit",
        {"display_name": FREE, "function": one_of("teacher", "other"), "motive": FREE},
        ("/years/2026/members", MEETING, "/years/2026/actions"),
    ),
    Form(
        "invite_member",
        "chair",
        "/years/2026/members/{member}/invite",
        {"email": one_of("pieter@example.nl")},
        ("/people",),
    ),
    Form(
        "list_people",
        "chair",
        "/people",
        {
            "email": one_of("nieuw@example.nl"),
            "display_name": FREE,
            "role": one_of("member", "director", "chair"),
        },
        ("/people",),
    ),
    Form(
        "change_role",
        "chair",
        "/people/{membership}/role",
        {"role": one_of("member", "director", "chair")},
        ("/people",),
    ),
    Form(
        "edit_startfoto",
        "chair",
        "/years/2026/startfoto/edit",
        {
            "background": FREE,
            "vision_parents": FREE,
            "vision_bullying": FREE,
            "collaboration_now": FREE,
            **{f"goals-{i}": FREE for i in range(5)},
        },
        ("/years/2026/startfoto", "/years/2026/"),
    ),
    Form(
        "name_group", "chair", "/welcome/name", {"group_name": FREE}, ("/welcome", "/years/2026/")
    ),
    Form(
        "plan_year",
        "chair",
        "/welcome/plan",
        {
            **{f"meetings-{i}-planned_on": DATE for i in range(7)},
            **{f"meetings-{i}-starts_at": TIME for i in range(7)},
            **{f"meetings-{i}-mode": one_of("physical", "online") for i in range(7)},
        },
        ("/years/2026/meetings",),
    ),
    Form(
        "edit_conditions",
        "chair",
        "/years/2026/conditions/evaluation",
        {
            "conditions-0-key": one_of("tasks", "represented"),
            "conditions-0-is_met": one_of("y", ""),
            "conditions-0-comment": FREE,
            "conditions-1-key": one_of("staff_time"),
            "conditions-1-comment": FREE,
        },
        ("/years/2026/conditions",),
    ),
    Form(
        "check_exercise",
        "chair",
        "/years/2026/interviews/training/exercise",
        {f"answers-{i}": one_of("open", "closed") for i in range(3)},
    ),
    Form(
        "check_question",
        "chair",
        "/years/2026/interviews/guide/check-question",
        {"questions-0-text": FREE},
    ),
    Form(
        "edit_guide",
        "chair",
        "/years/2026/interviews/guide/edit",
        {
            "purpose": FREE,
            "introduction": FREE,
            "closing": FREE,
            **{f"questions-{i}-text": FREE for i in range(5)},
            "questions-0-prompts": FREE,
            "target_parents": one_of("4", "-1"),
            "target_teachers": one_of("0"),
            "target_pupils": one_of("3"),
        },
        ("/years/2026/interviews/guide",),
    ),
    Form(
        "add_respondent",
        "chair",
        "/years/2026/interviews/respondents/new",
        {
            "group": one_of("parent", "pupil"),
            "bouw": one_of("", "lower"),
            "relation": one_of("", "witnessed"),
            "interviewer_id": one_of("0", "{samira}"),
            "planned_at": one_of("2026-11-20T19:00", "2026-02-30T25:00"),
        },
        ("/years/2026/interviews",),
    ),
    Form(
        "edit_respondent",
        "chair",
        "/years/2026/interviews/respondents/{respondent}/edit",
        {
            "group": one_of("teacher", "pupil"),
            "bouw": one_of("upper", ""),
            "relation": one_of("none", ""),
            "interviewer_id": one_of("{samira}", "0"),
            "planned_at": one_of("", "2026-12-01T09:30"),
        },
        ("/years/2026/interviews",),
    ),
    Form(
        "record_consent",
        "chair",
        "/years/2026/interviews/respondents/{fresh}/consent",
        {
            "given_on": DATE,
            "method": one_of("digital", "spoken"),
            "allows_transcript": one_of("y", ""),
            "allows_quotes": one_of("", "y"),
            "parent_consented": one_of("", "y"),
            "pupil_assented": one_of("", "y"),
        },
        ("/years/2026/interviews",),
    ),
    Form(
        "edit_transcript",
        "chair",
        "/years/2026/interviews/respondents/{respondent}/transcript",
        {"body": FREE, "held_on": DATE, "version": one_of("1", "0", "")},
    ),
    Form(
        "upload_transcript",
        "chair",
        "/years/2026/interviews/respondents/{respondent}/transcript/upload",
        {"file": FREE, "version": FREE},
    ),
    Form(
        "save_consent_text",
        "chair",
        "/years/2026/interviews/consent-text",
        {"body": FREE},
        ("/years/2026/interviews/consent-text",),
    ),
    Form(
        "edit_pseudonyms",
        "chair",
        "/years/2026/interviews/pseudonyms",
        {"name": FREE, "replacement": FREE},
        ("/years/2026/interviews/pseudonyms",),
    ),
    Form(
        "edit_retention",
        "chair",
        "/years/2026/interviews/retention",
        {"delete_on": DATE},
        ("/years/2026/",),
    ),
    Form(
        "add_code",
        "chair",
        "/years/2026/interviews/codebook/codes",
        {
            "name": FREE,
            "description": FREE,
            "colour": one_of("#aabbcc", "red"),
            "theme_id": one_of("0", "{theme}"),
        },
        ("/years/2026/interviews/codebook", "/years/2026/interviews/analysis"),
    ),
    Form(
        "edit_code",
        "chair",
        "/years/2026/interviews/codebook/codes/{code}/edit",
        {
            "name": FREE,
            "description": FREE,
            "colour": one_of("#123456"),
            "theme_id": one_of("{theme}", "0"),
        },
        ("/years/2026/interviews/codebook",),
    ),
    Form(
        "merge_codes",
        "chair",
        "/years/2026/interviews/codebook/merge",
        {"source_id": one_of("{code}", "0"), "target_id": one_of("{code}", "{code2}")},
    ),
    Form(
        "add_theme",
        "chair",
        "/years/2026/interviews/codebook/themes",
        {"name": FREE, "description": FREE},
        ("/years/2026/interviews/codebook", "/years/2026/interviews/summary"),
    ),
    Form(
        "edit_theme",
        "chair",
        "/years/2026/interviews/codebook/themes/{theme}/edit",
        {"name": FREE, "description": FREE},
        ("/years/2026/interviews/focus",),
    ),
    Form("import_codebook", "chair", "/years/2026/interviews/codebook/import", {"file": FREE}),
    Form(
        "set_coders",
        "chair",
        "/years/2026/interviews/coding/coders",
        {"member_ids": one_of("{samira}", "0")},
    ),
    Form(
        "add_fragment",
        "chair",
        "/years/2026/interviews/coding/{respondent}/fragments",
        {
            "start": one_of("0", "-5"),
            "end": one_of("25", "99999999"),
            "from_sentence": one_of("0", "3"),
            "to_sentence": one_of("2", "1"),
            "code_ids": one_of("{code}", "0"),
            "memo": FREE,
            "is_quote": one_of("y", ""),
        },
        ("/years/2026/interviews/analysis",),
    ),
    Form(
        "recode_fragment",
        "chair",
        "/years/2026/interviews/coding/{respondent}/fragments/{fragment}",
        {"code_ids": one_of("{code}", "0"), "memo": FREE, "is_quote": one_of("y", "")},
        ("/years/2026/interviews/analysis",),
    ),
    Form(
        "set_focus",
        "chair",
        "/years/2026/interviews/focus",
        {"theme_ids": one_of("{theme}", "0")},
        ("/years/2026/interviews/focus",),
    ),
    Form(
        "add_focus_goal",
        "chair",
        "/years/2026/interviews/focus/goals",
        {"text": FREE, "theme_ids": one_of("{theme}", "0"), "parent_id": one_of("0", "9" * 12)},
        ("/years/2026/interviews/focus", "/years/2026/interviews/summary"),
    ),
    Form(
        "edit_focus_goal",
        "chair",
        "/years/2026/interviews/focus/goals/{goal}/edit",
        {"text": FREE, "theme_ids": one_of("{theme}"), "parent_id": one_of("0")},
        ("/years/2026/interviews/focus",),
    ),
    Form(
        "add_solution",
        "chair",
        "/years/2026/interviews/focus/goals/{goal}/solutions",
        {"text": FREE, "needs": FREE},
        ("/years/2026/interviews/focus", "/years/2026/interviews/summary"),
    ),
    Form(
        "new_experiment",
        "chair",
        "/years/2026/experiments/new",
        {
            "title": FREE,
            "aim": FREE,
            "prediction": FREE,
            "activities": FREE,
            "participants": FREE,
            "pupil_ideas": FREE,
            "needs": FREE,
            "goal_ids": one_of("{startfoto_goal}", "0"),
            "theme_ids": one_of("{theme}", "0"),
            "lead_id": one_of("0", "{samira}", "9" * 12),
            "starts_on": DATE,
            "ends_on": DATE,
            "size": one_of("small", "large"),
            "term": one_of("short", "long"),
            "approach": one_of("", "steungroep"),
        },
        ("/years/2026/experiments/", "/years/2026/"),
    ),
    Form(
        "edit_experiment",
        "chair",
        "/years/2026/experiments/{experiment}/edit",
        {
            "title": FREE,
            "aim": FREE,
            "goal_ids": one_of("{startfoto_goal}"),
            "lead_id": one_of("0"),
            "size": one_of("small"),
            "term": one_of("short"),
            "starts_on": DATE,
        },
        ("/years/2026/experiments/{experiment}", "/years/2026/experiments/evaluation"),
    ),
    Form(
        "move_experiment",
        "chair",
        "/years/2026/experiments/{experiment}/stage",
        {"to": one_of("evaluated", "running", "idea")},
    ),
    Form("set_limit", "chair", "/years/2026/experiments/limit", {"limit": one_of("3", "0", "7")}),
    Form(
        "add_measure",
        "chair",
        "/years/2026/experiments/{experiment}/measures",
        {
            "name": FREE,
            "kind": one_of("count", "scale", "yes_no", "percentage"),
            "baseline": one_of("3", "3,5", "-1", "1e400"),
            "target": one_of("4", "nan", "inf"),
            "measured_by": FREE,
            "measured_when": FREE,
        },
        ("/years/2026/experiments/{experiment}",),
    ),
    Form(
        "edit_measure",
        "chair",
        "/years/2026/experiments/{experiment}/measures/{measure}/edit",
        {"name": FREE, "kind": one_of("percentage", "count"), "target": one_of("80", "x")},
        ("/years/2026/experiments/{experiment}",),
    ),
    Form(
        "add_observation",
        "chair",
        "/years/2026/experiments/{experiment}/observations",
        {
            "observed_on": one_of("2026-11-20", "2026-13-01", "2099-01-01"),
            "value-{measure}": one_of("50", "3,5", "101", "-4", "abc"),
            "note": FREE,
            "adjustment": FREE,
        },
        ("/years/2026/experiments/{experiment}", "/years/2026/", "/years/2026/experiments/"),
    ),
    Form(
        "edit_evaluation",
        "chair",
        "/years/2026/experiments/{experiment}/evaluation",
        {
            "went_as_planned": FREE,
            "pupils_score": one_of("0", "5", "6"),
            "parents_score": one_of("3"),
            "teachers_score": one_of("0"),
            "contribution_score": one_of("4", "x"),
            "pupils_comment": FREE,
            "contribution": FREE,
            "prediction_review": FREE,
            "decision": one_of("adopt", "adapt", "abandon", ""),
            "next_steps": FREE,
        },
        ("/years/2026/experiments/{experiment}", "/years/2026/experiments/evaluation"),
    ),
    Form(
        "edit_goal_review",
        "chair",
        "/years/2026/experiments/evaluation/goals/{startfoto_goal}",
        {
            "status": one_of("achieved", "partly", "not_yet", ""),
            "evidence": FREE,
            "experiment_ids": one_of("{experiment}", "0"),
            "theme_ids": one_of("{theme}", "0"),
            "quote_ids": one_of("0", "{fragment}"),
        },
        ("/years/2026/experiments/evaluation",),
    ),
    Form(
        "save_lessons",
        "chair",
        "/years/2026/experiments/evaluation/lessons",
        {"lessons": FREE},
        ("/years/2026/experiments/evaluation",),
    ),
    Form(
        "upload_logo",
        "chair",
        "/years/2026/reports/house-style/logo",
        {"file": FREE},
        ("/years/2026/reports/house-style",),
    ),
    Form(
        "save_colour",
        "chair",
        "/years/2026/reports/house-style/colour",
        {"colour": one_of("#123456", "#ffff00", "#1F5FA8")},
        ("/years/2026/reports/house-style",),
    ),
    Form(
        "list_schools",
        "admin",
        "/admin/schools",
        {"name": FREE, "chair_email": one_of("nieuw@example.nl"), "chair_name": FREE},
        ("/admin/schools",),
    ),
)

#: 409: a write-out saved on top of a newer version is a conflict, shown with both texts.
FORM_STATUSES = {200, 302, 303, 404, 409, 422}


@pytest.fixture
def ids(app, demo) -> dict[str, str]:
    """Objects of the demo school that the URLs and choices above refer to."""
    with app.test_request_context():
        school = db.session.get(School, demo.school_id)
        cycle = services.get_cycle(school, 2026)
        chair = db.session.scalar(db.select(User).where(User.email == "voorzitter@example.nl"))
        meeting = services.get_meeting(cycle, 2)
        member = db.session.scalar(
            db.select(WorkgroupMember).where(WorkgroupMember.display_name == "Pieter Hoekstra")
        )
        action = services.add_action(meeting, "Fuzz-actie", None, None)
        samira = db.session.scalar(
            db.select(WorkgroupMember).where(WorkgroupMember.display_name == "Samira El Idrissi")
        )
        codes = coding.codes_of(cycle)
        theme = coding.save_theme(cycle, name="Fuzz-thema", description="")
        r10 = db.session.scalar(
            db.select(Respondent).where(Respondent.cycle_id == cycle.id, Respondent.number == 10)
        )
        _invitation, token = services.create_invitation(
            school, email="uitgenodigd@example.nl", role=Role.member, created_by=chair
        )
        values = {
            "item": meeting.agenda_items[1].id,
            "member": member.id,
            "action": action.id,
            "membership": db.session.scalar(
                db.select(Membership.id).join(User).where(User.email == "leerkracht@example.nl")
            ),
            "token": token,
            "school": demo.school_id,
            "samira": samira.id,
            "respondent": db.session.scalar(
                db.select(Respondent.id).where(
                    Respondent.cycle_id == cycle.id, Respondent.number == 10
                )
            ),
            "code": codes[0].id,
            "code2": codes[1].id,
            "theme": theme.id,
            "fragment": coding.code_passage(
                r10.transcript, cycle, chair, start=0, end=20, code_ids=[codes[0].id]
            ).id,
            "experiment": _running_experiment(cycle).id,
            "measure": _running_experiment(cycle).measures[0].id,
            "startfoto_goal": services.startfoto_goals(cycle)[0].id,
            "goal": coding.save_focus_goal(
                cycle, text="Fuzz-doel", theme_ids=[theme.id], parent_id=None
            ).id,
            "fresh": interview_services.add_respondent(
                cycle, chair, group=RespondentGroup.pupil, interviewer_id=samira.id
            ).id,
        }
        db.session.commit()
    return {key: str(value) for key, value in values.items()}


def _running_experiment(cycle):
    from experiments import services as experiment_services
    from experiments.models import Stage

    return next(e for e in experiment_services.experiments_of(cycle) if e.stage is Stage.running)


def _fill(value, ids: dict[str, str]):
    """Put the real id in for a placeholder such as ``{member}``; leave other text alone."""
    if isinstance(value, dict):
        return {name.format(**ids): _fill(v, ids) for name, v in value.items()}
    if isinstance(value, list):
        return [_fill(v, ids) for v in value]
    if value.startswith("{") and value.endswith("}") and value[1:-1] in ids:
        return ids[value[1:-1]]
    return value


def _client(app, name: str) -> CSRFClient:
    client = app.test_client()
    if name == "chair":
        client.login("voorzitter@example.nl")
    elif name == "admin":
        with app.app_context():
            services.create_admin("beheer@example.nl", PASSWORD)
            db.session.commit()
        client.login("beheer@example.nl")
    return client


def _unescaped(html: str) -> list[str]:
    return [snippet for snippet in SNIPPETS if snippet in html]


def _post_and_check(
    client, form: Form, url: str, token: str, values: dict, htmx: bool, look: bool = True
):
    """Post ``values``; the answer is a form's answer with nothing unescaped, and so are the
    pages that show what was stored (when ``look``)."""
    body = {**values, "csrf_token": token}
    headers = {"HX-Request": "true"} if htmx else {}
    # FlaskClient.post: the token is in the body already (CSRFClient.post would fetch another)
    response = FlaskClient.post(client, url, data=body, headers=headers)
    status = response.status_code
    if len(urlencode(body, doseq=True)) > client.application.config["MAX_CONTENT_LENGTH"]:
        assert status == 413, status
        return
    assert status in FORM_STATUSES | ({204} if htmx else set()), (status, values)
    html = response.get_data(as_text=True)
    assert not _unescaped(html), f"unescaped in the answer: {_unescaped(html)}"
    location = response.headers.get("Location") or response.headers.get("HX-Redirect")
    if location:
        # a browser drops tabs and newlines from an address: what is left must be this site
        seen = re.sub(r"[\t\n\r]", "", location)
        assert seen.startswith("/") and not seen.startswith(("//", "/\\")), location
    if look and status in (200, 204, 302, 303):
        for page in form.shown_on:
            shown = client.get(page)
            assert shown.status_code == 200, page
            leaked = _unescaped(shown.get_data(as_text=True))
            assert not leaked, f"unescaped on {page}: {leaked}"


@pytest.mark.parametrize("form", FORMS, ids=str)
def test_random_input_never_breaks_a_form(app, ids, form):
    client = _client(app, form.client)
    token = client.csrf_token()
    url = form.url.format(**ids)
    form = dataclasses.replace(form, shown_on=tuple(p.format(**ids) for p in form.shown_on))
    fields = st.fixed_dictionaries({name: f.strategy for name, f in form.fields.items()})

    @settings(
        max_examples=20,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(values=fields, htmx=st.booleans())
    def post_random(values, htmx):
        _post_and_check(client, form, url, token, _fill(values, ids), htmx)

    post_random()


#: Values Hypothesis seldom draws in 20 examples but that broke forms before (digits that are
#: not 0-9 or too many for a database integer; a newline or tab in a ``next`` address): every
#: field gets each of them, plain and as htmx, with the other fields sensible.
NASTY = (
    "²",
    "١٢",
    "9" * 30,
    "9" * 5000,
    "/ok\r\nSet-Cookie: x=1",
    "/\t/evil.example.com",
    "\x01\x1f\x7f\x85",
)


@pytest.mark.parametrize("form", FORMS, ids=str)
def test_known_nasty_values_in_every_field(app, ids, form):
    client = _client(app, form.client)
    token = client.csrf_token()
    url = form.url.format(**ids)
    form = dataclasses.replace(form, shown_on=tuple(p.format(**ids) for p in form.shown_on))
    defaults = {name: f.default for name, f in form.fields.items()}
    # the seven rows of the year plan are alike: test the first
    names = [
        name
        for name in form.fields
        if not name.startswith(
            ("meetings-1", "meetings-2", "meetings-3", "meetings-4", "meetings-5", "meetings-6")
        )
    ]
    for name in names:
        for nasty in NASTY:
            value = [nasty] if isinstance(defaults[name], list) else nasty
            values = _fill({**defaults, name: value}, ids)
            for htmx in (False, True):
                _post_and_check(client, form, url, token, values, htmx, look=False)


def test_every_form_route_is_fuzzed(app):
    """A new POST route with a form gets added above (the confirm-only ones need no fuzzing)."""
    confirm_only = {
        "workgroup.logout",
        "workgroup.remove_person",
        "workgroup.revoke_invitation",
        "workgroup.delete_agenda_item",
        "workgroup.finalize_minutes",
        "workgroup.reopen_minutes",
        "workgroup.delete_action",
        "workgroup.remove_member",
        "interviews.delete_respondent",
        "interviews.mark_consent_asked",
        "interviews.withdraw_consent",
        "interviews.mark_written_out",
        "interviews.delete_pseudonym",
        "interviews.delete_code",
        "interviews.delete_theme",
        "interviews.delete_fragment",
        "interviews.delete_focus_goal",
        "interviews.delete_solution",
        "experiments.delete_experiment",
        "experiments.delete_measure",
        "experiments.delete_observation",
        "experiments.start_next_year",
        "reports.remove_logo",
    }
    fuzzed = {form.name for form in FORMS}
    posts = {r.endpoint for r in app.url_map.iter_rules() if "POST" in r.methods}
    assert {e.split(".")[1] for e in posts - confirm_only} == fuzzed


# --- 422 for htmx is a fragment ----------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "body"),
    [
        (MEETING + "/agenda", {"title": ""}),
        ("/years/2026/members/new", {"display_name": "", "function": "parent"}),
        ("/years/2026/startfoto/edit", {"background": "Alleen achtergrond"}),
        (MEETING + "/plan", {"planned_on": "31-02-2026", "mode": "physical"}),
        ("/years/new", {"start_year": "tweeduizend"}),
        ("/account/password", {"current": "", "password": "kort"}),
    ],
    ids=["agenda-item", "member", "startfoto", "meeting-plan", "year", "password"],
)
def test_invalid_form_is_a_fragment_for_htmx_and_a_page_otherwise(chair, url, body):
    fragment = chair.htmx_post(url, data=body)
    page = chair.post(url, data=body)
    for response in (fragment, page):
        assert response.status_code == 422
        assert "HX-Request" in response.headers.get("Vary", "")
        assert 'class="error"' in response.get_data(as_text=True)
    assert "<html" not in fragment.get_data(as_text=True)
    assert "<html" in page.get_data(as_text=True)
