"""The access matrix: every route, every method, every role.

Walks ``app.url_map`` so a new route is covered the day it is added: it must declare who may
call it (``view.allowed_roles``), its URL arguments must be known to ``ARGUMENTS`` below, and
every role must get the answer the declaration promises. The chair of another school must
never see the demo school's data, the platform administrator sees no school's data, and no
POST goes through without the CSRF token.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

import pytest
from flask import url_for
from sqlalchemy import select
from werkzeug.routing import Rule

from app import db
from experiments import services as experiment_services
from experiments.models import Experiment, MeasureKind, Stage
from interviews import coding
from interviews import services as interview_services
from interviews.models import Respondent, RespondentGroup, Solution
from tests.conftest import PASSWORD, CSRFClient
from tests.test_reports_style import png as logo_png
from tests.test_security_twofactor import TWO_FACTOR_PREPARE
from workgroup import services
from workgroup.access import ADMIN, LOGGED_IN, PUBLIC
from workgroup.models import (
    Goal,
    Invitation,
    Membership,
    Role,
    School,
    User,
    WorkgroupMember,
)

#: Text that exists only in the demo school: none of it may reach another school's chair
#: or the platform administrator.
DEMO_ONLY = (
    "OBS De Regenboog",
    "Samira El Idrissi",
    "Kanjertraining",
    "Marieke Jansen",
    "Joost de Vries",
    "Pieter Hoekstra",
    "Fatma Yilmaz",
    "Openbare basisschool in een wijk met veel jonge gezinnen",
    "Ouders horen binnen twee schooldagen",
    "Iedereen vertelde kort waarom",
    "Uitnodiging voor de oudernieuwsbrief",
    "Nog niet afgesproken wie de interviews inplant",
    "ouder@example.nl",
    "leerkracht@example.nl",
    "nieuw-lid-",  # the open invitation made below
    "Ik mocht niet meer meedoen met tikkertje",  # a demo write-out
    "Kun je vertellen over een situatie met pesten",  # the demo interview guide
    "Vrijdagbericht aan ouders",  # a demo experiment
)

#: URL arguments that name one object of the demo school; another school gets 404 for them.
OBJECT_ARGUMENTS = {
    "item_id",
    "member_id",
    "action_id",
    "membership_id",
    "invitation_id",
    "respondent_id",
    "pseudonym_id",
    "code_id",
    "theme_id",
    "fragment_id",
    "goal_id",
    "solution_id",
    "experiment_id",
    "measure_id",
    "observation_id",
}

#: Logins of the roles; ``None`` is the anonymous visitor.
EMAILS = {
    "anonymous": None,
    "member": "ouder@example.nl",
    "chair": "voorzitter@example.nl",
    "director": "directeur@example.nl",
    "other_chair": "kompas@example.nl",
    "admin": "beheer@example.nl",
}
#: The role each login has in the demo school (the other chair is chair in his own school).
DEMO_ROLES = {"member": Role.member, "chair": Role.chair, "director": Role.director}


def _demo_school() -> School:
    return db.session.scalar(db.select(School).where(School.is_demo.is_(True)))


def _demo_meeting(number: int):
    cycle = services.get_cycle(_demo_school(), 2026)
    return services.get_meeting(cycle, number)


def _agenda_item(number: int) -> int:
    return _demo_meeting(number).agenda_items[0].id


def _member(number: int) -> int:
    return db.session.scalar(
        db.select(WorkgroupMember.id).where(WorkgroupMember.display_name == "Pieter Hoekstra")
    )


def _action(number: int) -> int:
    meeting = _demo_meeting(number)
    action = services.add_action(meeting, "Actie voor de toegangstest", None, None)
    db.session.flush()
    return action.id


def _membership(number: int) -> int:
    return db.session.scalar(
        db.select(Membership.id).join(User).where(User.email == "leerkracht@example.nl")
    )


def _invitation(email: str) -> tuple[Invitation, str]:
    chair = db.session.scalar(db.select(User).where(User.email == "voorzitter@example.nl"))
    return services.create_invitation(
        _demo_school(), email=email, role=Role.member, created_by=chair
    )


def _samira() -> WorkgroupMember:
    return db.session.scalar(
        select(WorkgroupMember).where(WorkgroupMember.display_name == "Samira El Idrissi")
    )


def _respondent(number: int) -> int:
    """R10: interviewed by the member who logs in below (Samira), consent given, a write-out
    that is not marked finished yet."""
    cycle = services.get_cycle(_demo_school(), 2026)
    respondent = db.session.scalar(
        select(Respondent).where(Respondent.cycle_id == cycle.id, Respondent.number == 10)
    )
    assert respondent.interviewer_id == _samira().id and respondent.transcript is not None
    return respondent.id


def _fresh_respondent(number: int) -> int:
    """A respondent Samira interviews who has not been asked for consent yet."""
    cycle = services.get_cycle(_demo_school(), 2026)
    chair = db.session.scalar(select(User).where(User.email == "voorzitter@example.nl"))
    respondent = interview_services.add_respondent(
        cycle, chair, group=RespondentGroup.parent, interviewer_id=_samira().id
    )
    return respondent.id


def _pseudonym(number: int) -> int:
    cycle = services.get_cycle(_demo_school(), 2026)
    return interview_services.pseudonyms_of(cycle)[0].id


def _cycle():
    return services.get_cycle(_demo_school(), 2026)


def _chair():
    return db.session.scalar(select(User).where(User.email == "voorzitter@example.nl"))


def _code(number: int) -> int:
    return coding.codes_of(_cycle())[0].id


_made = iter(range(10**6))


def _theme(number: int) -> int:
    """A theme of its own each time (deleting one must not spoil the next URL)."""
    return coding.save_theme(_cycle(), name=f"Toegangsthema {next(_made)}", description="").id


def _fragment(number: int) -> int:
    respondent = db.session.get(Respondent, _respondent(number))
    return coding.code_passage(
        respondent.transcript, _cycle(), _chair(), start=0, end=20, code_ids=[_code(number)]
    ).id


def _goal(number: int) -> int:
    return coding.save_focus_goal(
        _cycle(), text="Doel voor de toegangstest", theme_ids=[_theme(number)], parent_id=None
    ).id


def _solution(number: int) -> int:
    goal = db.session.get(Goal, _goal(number))
    return coding.add_solution(goal, "Oplossing voor de toegangstest", "").id


def _experiment(number: int) -> int:
    """The demo's first running experiment, with two measures and twelve observations."""
    return next(
        e.id for e in experiment_services.experiments_of(_cycle()) if e.stage is Stage.running
    )


def _measure(number: int) -> int:
    return db.session.get(Experiment, _experiment(number)).measures[0].id


def _observation(number: int) -> int:
    return db.session.get(Experiment, _experiment(number)).observations[0].id


def _designed_experiment(number: int) -> int:
    """A design of its own, ready to start or to go back to idea."""
    experiment = experiment_services.save_design(
        _cycle(),
        experiment_services.Design(
            title=f"Toegangsexperiment {next(_made)}",
            aim="Doel",
            prediction="We verwachten iets.",
            goal_ids=(services.startfoto_goals(_cycle())[0].id,),
        ),
    )
    experiment_services.add_measure(experiment, name="Meting", kind=MeasureKind.count)
    experiment_services.move(experiment, Stage.designed)
    return experiment.id


def _startfoto_goal(number: int) -> int:
    return services.startfoto_goals(_cycle())[0].id


#: The demo year's meeting 1 has final (locked) minutes, meeting 2 is open for changes: a
#: route with a meeting number is tried on both.
MEETINGS = (1, 2)

#: How to get a value for every URL argument of every route, in the demo school; each is
#: called with the meeting number the URL is about (2 when it names no meeting).
ARGUMENTS = {
    "year": lambda number: 2026,
    "number": lambda number: number,
    "item_id": _agenda_item,
    "member_id": _member,
    "action_id": _action,
    "membership_id": _membership,
    "invitation_id": lambda number: _invitation(f"nieuw-lid-{number}@example.nl")[0].id,
    # Another invitation, so revoking the one above does not spoil the link.
    "token": lambda number: _invitation(f"uitgenodigd-{number}@example.nl")[1],
    "moment": lambda number: "start",
    "respondent_id": _respondent,
    "pseudonym_id": _pseudonym,
    "code_id": _code,
    "theme_id": _theme,
    "fragment_id": _fragment,
    "goal_id": _goal,
    "solution_id": _solution,
    "experiment_id": _experiment,
    "measure_id": _measure,
    "observation_id": _observation,
}


#: Routes that need another object than ARGUMENTS gives: one whose working request would do
#: nothing to R10 (it has a consent and a write-out already).
def _goal_of_solution(number: int) -> int:
    return db.session.scalars(select(Solution).order_by(Solution.id.desc())).first().goal_id


ARGUMENTS_FOR = {
    "interviews.delete_respondent": {"respondent_id": _fresh_respondent},
    "interviews.mark_consent_asked": {"respondent_id": _fresh_respondent},
    "interviews.record_consent": {"respondent_id": _fresh_respondent},
    "experiments.move_experiment": {"experiment_id": _designed_experiment},
    "experiments.delete_experiment": {"experiment_id": _designed_experiment},
    "experiments.edit_goal_review": {"goal_id": _startfoto_goal},
}
#: Arguments that must be made in this order (a solution belongs to its goal).
ORDERED = ("respondent_id", "code_id", "fragment_id", "solution_id", "goal_id")


def _url(rule: Rule, number: int = 2) -> str:
    """The rule's URL, its arguments filled from ARGUMENTS; fails for an unknown argument."""
    unknown = set(rule.arguments) - set(ARGUMENTS)
    if unknown:
        pytest.fail(
            f"{rule.rule} ({rule.endpoint}) has URL arguments {sorted(unknown)} that "
            "ARGUMENTS in tests/test_access_matrix.py does not know; add them there"
        )
    makers = {**ARGUMENTS, **ARGUMENTS_FOR.get(rule.endpoint, {})}
    if {"goal_id", "solution_id"} <= set(rule.arguments):
        makers["goal_id"] = _goal_of_solution
    names = sorted(rule.arguments, key=lambda n: ORDERED.index(n) if n in ORDERED else -1)
    return url_for(rule.endpoint, **{name: makers[name](number) for name in names})


@dataclass(frozen=True)
class Route:
    endpoint: str
    method: str
    url: str
    allowed: object  #: PUBLIC, LOGGED_IN, ADMIN or a tuple of Role
    has_demo_ids: bool

    def __str__(self) -> str:
        return f"{self.method} {self.url} ({self.endpoint})"


def _rules(app) -> list[Rule]:
    return sorted(
        (r for r in app.url_map.iter_rules() if r.endpoint != "static"),
        key=lambda r: (r.rule, r.endpoint),
    )


def _methods(rule: Rule) -> list[str]:
    methods = sorted(rule.methods - {"HEAD", "OPTIONS"})
    assert set(methods) <= {"GET", "POST"}, f"{rule}: test only knows GET and POST: {methods}"
    return methods


@pytest.fixture
def routes(app, demo) -> list[Route]:
    """One concrete URL per rule and method, filled with objects of the demo school."""
    result = []
    with app.test_request_context():
        # The member below (Samira) codes too, so the coding routes are hers to use; that a
        # member who does not code gets 403 there is tested in test_interviews_thinking.py.
        _samira().is_coder = True
        for rule in _rules(app):
            view = app.view_functions[rule.endpoint]
            for number in MEETINGS if "number" in rule.arguments else (2,):
                url = _url(rule, number)
                for method in _methods(rule):
                    result.append(
                        Route(
                            rule.endpoint,
                            method,
                            url,
                            getattr(view, "allowed_roles", None),
                            bool(OBJECT_ARGUMENTS & set(rule.arguments)),
                        )
                    )
        db.session.commit()
    return result


def test_every_view_declares_who_may_call_it(app):
    missing = [
        f"{rule.rule} ({rule.endpoint})"
        for rule in _rules(app)
        if not hasattr(app.view_functions[rule.endpoint], "allowed_roles")
    ]
    assert not missing, "views without @public/@logged_in/@admin_only/@require: " + ", ".join(
        missing
    )


def test_every_declaration_is_one_of_the_known_kinds(app):
    for rule in _rules(app):
        allowed = getattr(app.view_functions[rule.endpoint], "allowed_roles", None)
        if isinstance(allowed, tuple):
            assert allowed and all(isinstance(r, Role) for r in allowed), rule.endpoint
        else:
            assert allowed in (PUBLIC, LOGGED_IN, ADMIN), f"{rule.endpoint}: {allowed!r}"


def test_the_matrix_covers_every_kind_of_route(routes):
    """Guard the guard: the matrix below really walks public, protected and object routes."""
    kinds = {r.allowed if not isinstance(r.allowed, tuple) else "roles" for r in routes}
    assert kinds == {PUBLIC, LOGGED_IN, ADMIN, "roles"}
    assert any(r.has_demo_ids and r.method == "POST" for r in routes)
    assert any(r.has_demo_ids and r.method == "GET" for r in routes)
    assert len(routes) >= 60


# --- the matrix --------------------------------------------------------------------------


def _path(location: str | None) -> str | None:
    return urlsplit(location).path if location else None


def _leaks(body: str) -> list[str]:
    return [text for text in DEMO_ONLY if text in body]


def _text_of(response) -> str:
    """The readable text of a response; for a Word file, the XML inside it."""
    data = response.get_data()
    if data[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(data)) as docx:
            return "".join(
                docx.read(name).decode() for name in docx.namelist() if name.endswith(".xml")
            )
    return data.decode(errors="replace")  # a PNG is bytes; its text part is still searched


def _send(client: CSRFClient, route: Route, htmx: bool):
    headers = {"HX-Request": "true"} if htmx else {}
    if route.method == "GET":
        return client.get(route.url, headers=headers)
    return client.post(route.url, data={}, headers=headers)


def _redirect_target(response, htmx: bool) -> str | None:
    """Where a redirect sends the browser; htmx gets HX-Redirect with 204 or 401 instead."""
    if htmx and response.status_code in (204, 401):
        return _path(response.headers.get("HX-Redirect"))
    if not htmx and response.status_code in (301, 302, 303):
        return _path(response.headers.get("Location"))
    return None


def _is_allowed(role: str, allowed) -> bool:
    if allowed == PUBLIC:
        return True
    if role == "anonymous":
        return False
    if allowed == LOGGED_IN:
        return True
    if allowed == ADMIN:
        return role == "admin"
    if role == "other_chair":
        return Role.chair in allowed
    return DEMO_ROLES.get(role) in allowed


#: Routes whose right answer is the login page: logging out, and the code step of the two-step
#: login without a password step before it (tests/test_security_twofactor.py has the rest).
SENDS_TO_LOGIN = {"workgroup.logout", "workgroup.login_code"}


def _problem(role: str, route: Route, response, htmx: bool) -> str | None:
    """What is wrong with this answer for this role, or None."""
    status = response.status_code
    target = _redirect_target(response, htmx)
    if status >= 500:
        return f"server error {status}"
    for name, value in response.headers.items():
        # the test client accepts any text; a real server writes headers as latin-1
        try:
            value.encode("latin-1")
        except UnicodeEncodeError:
            return f"header {name} cannot be sent by a real server: {value!r}"
    if role in ("other_chair", "admin"):
        # The invitation link (public, holds a secret token) names the school it is for, and
        # the administrator's school list names every school; nothing else may show demo data.
        shows_school_names = route.endpoint == "workgroup.accept_invitation" or (
            role == "admin" and route.allowed == ADMIN
        )
        leaks = [] if shows_school_names else _leaks(_text_of(response))
        if leaks:
            return f"shows demo data {leaks}"
    if not _is_allowed(role, route.allowed):
        if role == "anonymous":
            wanted = 401 if htmx else 302
            if status != wanted or target != "/login":
                return f"anonymous: wanted {wanted} to /login, got {status} to {target}"
        elif role == "admin" and isinstance(route.allowed, tuple):
            # No school: sent to the school chooser (which lists none), or refused.
            if status != 403 and target != "/schools":
                return f"admin on a school route: wanted 403 or /schools, got {status} {target}"
        elif status != 403:
            return f"not allowed: wanted 403, got {status}"
        return None
    if role == "other_chair" and route.has_demo_ids:
        if status != 404:
            return f"another school's object: wanted 404, got {status}"
        return None
    if status in (401, 403, 404, 405):
        return f"allowed, yet got {status}"
    if target == "/login" and route.endpoint not in SENDS_TO_LOGIN:
        return "allowed, yet sent to the login page"
    return None


@pytest.mark.parametrize("htmx", [False, True], ids=["page", "htmx"])
@pytest.mark.parametrize("role", list(EMAILS))
def test_access_matrix(app, demo, routes, role, htmx):
    """Every role, every route, GET and POST (with the CSRF token and an empty body)."""
    if role == "admin":
        with app.app_context():
            services.create_admin(EMAILS["admin"], PASSWORD)
            db.session.commit()
    client: CSRFClient = app.test_client()

    def log_in():
        if EMAILS[role]:
            client.login(EMAILS[role])

    log_in()
    problems = []
    for route in routes:
        try:
            response = _send(client, route, htmx)
        except Exception as error:  # noqa: BLE001 - in testing an exception is the 500
            problems.append(f"{route}: raised {type(error).__name__}: {error}")
            continue
        problem = _problem(role, route, response, htmx)
        if problem:
            problems.append(f"{route}: {problem}")
        if route.endpoint == "workgroup.logout":
            log_in()  # the empty POST with a valid token really logs out
    assert not problems, f"{role}:\n" + "\n".join(problems)


def test_other_chair_sees_his_own_school_on_the_same_urls(other_chair):
    """The scoped URLs are not refused to him: they show his school's year, not the demo's."""
    for url in ("/years/2026/", "/years/2026/meetings/1", "/years/2026/members", "/people"):
        response = other_chair.get(url)
        assert response.status_code == 200, url
        html = response.get_data(as_text=True)
        assert "Het Kompas" in html, url
        assert not _leaks(html), url


def test_unknown_and_huge_ids_are_not_found(chair):
    """Ids that do not exist, however large, are a 404, never a server error."""
    huge = 10**30
    for url in (
        f"/years/{huge}/",
        f"/years/2026/meetings/{huge}",
        f"/years/2026/meetings/2/agenda/{huge}/edit",
        f"/years/2026/members/{huge}/edit",
        "/years/1999/meetings",
    ):
        assert chair.get(url).status_code == 404, url
    for url in (
        f"/people/{huge}/role",
        f"/people/invitations/{huge}/revoke",
        f"/years/2026/actions/{huge}/done",
    ):
        assert chair.post(url).status_code == 404, url


# --- CSRF --------------------------------------------------------------------------------


def _snapshot() -> dict[str, list[tuple]]:
    """Every row of every table, in primary-key order."""
    db.session.expire_all()
    return {
        table.name: [
            tuple(row)
            for row in db.session.execute(table.select().order_by(*table.primary_key.columns))
        ]
        for table in db.metadata.sorted_tables
    }


def _post_rules(app) -> list[str]:
    return [r.endpoint for r in _rules(app) if "POST" in r.methods]


#: A body that would do its work if the CSRF token were there; ``None`` values are filled in.
WORKING_BODIES = {
    "workgroup.login": {"email": "voorzitter@example.nl", "password": PASSWORD},
    "workgroup.logout": {},
    "workgroup.change_password": {
        "current": PASSWORD,
        "password": "een heel nieuw wachtwoord",
        "confirm": "een heel nieuw wachtwoord",
    },
    "workgroup.set_language": {"lang": "en"},
    # {totp}: a current code from the authenticator app, made by TWO_FACTOR_PREPARE
    "workgroup.login_code": {"code": "{totp}"},
    "workgroup.two_factor": {"code": "{totp}"},
    "workgroup.disable_two_factor": {"password": PASSWORD, "code": "{totp}"},
    "workgroup.accept_invitation": {
        "display_name": "Nieuw lid",
        "password": "een lang wachtwoord",
        "confirm": "een lang wachtwoord",
    },
    "workgroup.choose_school": {"school_id": None},
    "workgroup.list_schools": {"name": "Nieuwe school", "chair_email": "nieuw@example.nl"},
    "workgroup.list_people": {"email": "nieuw@example.nl", "role": "member"},
    "workgroup.change_role": {"role": "director"},
    "workgroup.remove_person": {"confirm": "yes"},
    "workgroup.revoke_invitation": {},
    "workgroup.start_year": {"start_year": "2027"},
    "workgroup.edit_meeting": {"planned_on": "2026-10-20", "mode": "online"},
    "workgroup.add_agenda_item": {"title": "Nieuw punt"},
    "workgroup.edit_agenda_item": {"title": "Ander punt"},
    "workgroup.edit_item_notes": {"notes": "Genoteerd", "decisions": "Besloten"},
    "workgroup.move_agenda_item": {"direction": "down"},
    "workgroup.delete_agenda_item": {"confirm": "yes"},
    "workgroup.save_attendance": {"present": []},
    "workgroup.finalize_minutes": {},
    "workgroup.reopen_minutes": {},
    "workgroup.add_action": {"description": "Iets doen", "owner_id": "0"},
    "workgroup.mark_action": {"done": "1"},
    "workgroup.delete_action": {"confirm": "yes"},
    "workgroup.add_member": {"display_name": "Nieuw lid", "function": "parent"},
    "workgroup.edit_member": {"display_name": "Andere naam", "function": "other"},
    "workgroup.remove_member": {"confirm": "yes"},
    "workgroup.invite_member": {"email": "pieter@example.nl"},
    "workgroup.edit_startfoto": {"goals-0": "Een doel"},
    "workgroup.name_group": {"group_name": "Andere naam"},
    "workgroup.plan_year": {
        **{f"meetings-{i}-planned_on": f"2026-1{i % 3}-0{i + 1}" for i in range(7)},
        **{f"meetings-{i}-mode": "physical" for i in range(7)},
    },
    "workgroup.edit_conditions": {
        "conditions-0-key": "tasks",
        "conditions-0-is_met": "y",
        "conditions-0-comment": "Nu wel",
    },
    "interviews.check_exercise": {"answers-0": "open"},
    "interviews.check_question": {"questions-0-text": "Is dat zo?"},
    "interviews.edit_guide": {
        "purpose": "Leren hoe samenwerken gaat",
        "introduction": "Fijn dat je er bent.",
        "closing": "Dank je wel.",
        **{f"questions-{i}-text": f"Hoe ging het {i}?" for i in range(3)},
        "target_parents": "4",
        "target_teachers": "4",
        "target_pupils": "4",
    },
    "interviews.add_respondent": {"group": "parent", "interviewer_id": "0"},
    "interviews.edit_respondent": {"group": "teacher", "interviewer_id": "0"},
    "interviews.delete_respondent": {"confirm": "yes"},
    "interviews.mark_consent_asked": {},
    "interviews.record_consent": {
        "given_on": "2026-11-01",
        "method": "digital",
        "allows_transcript": "y",
    },
    "interviews.withdraw_consent": {"confirm": "yes"},
    "interviews.edit_transcript": {"body": "Een nieuwe tekst.", "version": "1"},
    "interviews.upload_transcript": {
        "file": lambda: (io.BytesIO(b"Tekst uit een bestand."), "gesprek.txt"),
        "version": "1",
    },
    "interviews.mark_written_out": {},
    "interviews.save_consent_text": {"body": "Een nieuwe versie van de tekst."},
    "interviews.edit_pseudonyms": {"name": "Karin", "replacement": "[ouder X]"},
    "interviews.delete_pseudonym": {},
    "interviews.edit_retention": {"delete_on": "2027-09-30"},
    "interviews.add_code": {"name": "Nieuwe code", "colour": "#aabbcc", "theme_id": "0"},
    "interviews.edit_code": {"name": "Andere naam", "colour": "#aabbcc", "theme_id": "0"},
    "interviews.delete_code": {"confirm": "yes"},
    "interviews.merge_codes": {"source_id": "{code0}", "target_id": "{code1}"},
    "interviews.add_theme": {"name": "Nieuw thema"},
    "interviews.edit_theme": {"name": "Ander thema"},
    "interviews.delete_theme": {"confirm": "yes"},
    "interviews.import_codebook": {
        "file": lambda: (
            io.BytesIO(b"theme,code,description,colour\nT,Geimporteerd,,#aabbcc\n"),
            "codes.csv",
        ),
    },
    "interviews.set_coders": {"member_ids": "{samira}"},
    "interviews.add_fragment": {"start": "0", "end": "20", "code_ids": "{code0}"},
    "interviews.recode_fragment": {"code_ids": "{code1}", "memo": "Anders"},
    "interviews.delete_fragment": {},
    "interviews.set_focus": {"theme_ids": "{theme}"},
    "interviews.add_focus_goal": {"text": "Een doel", "theme_ids": "{theme}", "parent_id": "0"},
    "interviews.edit_focus_goal": {"text": "Ander doel", "theme_ids": "{theme}", "parent_id": "0"},
    "interviews.delete_focus_goal": {"confirm": "yes"},
    "interviews.add_solution": {"text": "Iets doen", "needs": "Tijd"},
    "interviews.delete_solution": {},
    "experiments.set_limit": {"limit": "2"},
    "experiments.new_experiment": {
        "title": "Nieuw experiment",
        "size": "small",
        "term": "short",
        "lead_id": "0",
    },
    "experiments.edit_experiment": {
        "title": "Andere titel",
        "size": "small",
        "term": "short",
        "lead_id": "0",
    },
    "experiments.move_experiment": {"to": "idea"},
    "experiments.delete_experiment": {"confirm": "yes"},
    "experiments.add_measure": {"name": "Nieuwe meting", "kind": "count"},
    "experiments.edit_measure": {"name": "Andere meting", "kind": "percentage"},
    "experiments.delete_measure": {"confirm": "yes"},
    "experiments.add_observation": {
        "observed_on": lambda: date.today().isoformat(),
        "note": "Gezien op het plein",
    },
    "experiments.delete_observation": {"confirm": "yes"},
    "experiments.edit_evaluation": {
        "went_as_planned": "Goed",
        "pupils_score": "4",
        "parents_score": "0",
        "teachers_score": "0",
        "contribution_score": "3",
        "decision": "adapt",
    },
    "experiments.edit_goal_review": {"status": "achieved", "evidence": "Bewijs"},
    "experiments.save_lessons": {"lessons": "Een les"},
    "experiments.start_next_year": {"confirm": "yes"},
    "reports.upload_logo": {"file": lambda: (io.BytesIO(logo_png()), "logo.png")},
    "reports.remove_logo": {"confirm": "yes"},
    "reports.save_colour": {"colour": "#123456"},
}

#: Routes whose working body changes only the session (or, checking an exercise, nothing);
#: every other working body must change the database.
CHANGE_NOTHING_IN_THE_DATABASE = {
    "workgroup.login",
    "workgroup.logout",
    "workgroup.set_language",
    "workgroup.choose_school",
    "interviews.check_exercise",
    "interviews.check_question",
}


#: Reopening needs minutes that are final: those of meeting 1; the rest change meeting 2.
MEETING_FOR_CSRF = {"workgroup.reopen_minutes": 1}


def test_every_post_route_has_a_working_body(app):
    assert set(_post_rules(app)) == set(WORKING_BODIES)


#: Who makes the working request: the chair, unless the route is for someone else.
WORKING_CLIENT = {
    "workgroup.list_schools": "admin",
    "workgroup.login": "anonymous",
    "workgroup.accept_invitation": "anonymous",
    "workgroup.login_code": "anonymous",
}


@pytest.mark.parametrize("endpoint", sorted(WORKING_BODIES))
def test_post_without_csrf_token_is_refused_and_changes_nothing(app, demo, chair, endpoint):
    """Without the token nothing happens (400), as the chair and as whoever the route is for;
    with the token the same body does its work, which shows the refused posts were real
    attempts."""
    clients = {"chair": chair, "anonymous": app.test_client()}
    if WORKING_CLIENT.get(endpoint) == "admin":
        with app.app_context():
            services.create_admin("beheer@example.nl", PASSWORD)
            db.session.commit()
        clients["admin"] = app.test_client()
        clients["admin"].login("beheer@example.nl")
    worker = clients[WORKING_CLIENT.get(endpoint, "chair")]
    prepared = TWO_FACTOR_PREPARE[endpoint](app, worker) if endpoint in TWO_FACTOR_PREPARE else {}
    (rule,) = [r for r in _rules(app) if r.endpoint == endpoint]
    with app.test_request_context():
        url = _url(rule, MEETING_FOR_CSRF.get(endpoint, 2))
        codes = coding.codes_of(_cycle())
        placeholders = {
            "{code0}": str(codes[0].id),
            "{code1}": str(codes[1].id),
            "{theme}": str(_theme(2)),
            "{samira}": str(_samira().id),
            **prepared,
        }
        db.session.commit()
        before = _snapshot()

    def body() -> dict:
        """A fresh body each time: a file in it can be sent once only."""
        fresh = {k: v() if callable(v) else v for k, v in WORKING_BODIES[endpoint].items()}
        fresh = {k: placeholders.get(v, v) if isinstance(v, str) else v for k, v in fresh.items()}
        if "school_id" in fresh:
            fresh["school_id"] = str(demo.school_id)
        return fresh

    for client in {id(c): c for c in (chair, worker)}.values():
        for headers in ({}, {"HX-Request": "true"}):
            response = client.post(url, data=body(), headers=headers, csrf=False)
            assert response.status_code == 400, (url, headers)
            with app.app_context():
                assert _snapshot() == before, f"{endpoint} changed the database without a token"
    # Still logged in: a refused logout changed nothing in the session either.
    assert chair.get("/account/password").status_code == 200

    response = worker.post(url, data=body())
    assert response.status_code < 400, (url, response.status_code)
    if endpoint not in CHANGE_NOTHING_IN_THE_DATABASE:
        with app.app_context():
            assert _snapshot() != before, f"{endpoint}: the working body changed nothing"
