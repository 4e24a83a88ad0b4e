"""Guidance: the guided start, help per meeting, conditions for success, glossary."""

import re
from io import BytesIO

from docx import Document

from app import db
from tests.conftest import make_school
from workgroup import services
from workgroup.guidance import CONDITIONS, GLOSSARY, MEETING_HELP
from workgroup.models import ConditionCheck, Cycle, Moment, School


def _fresh_chair(app, client):
    with app.app_context():
        make_school("De Vlinder", "vlinder@example.nl", start_year=None)
        db.session.commit()
    client.login("vlinder@example.nl")
    return client


def _vlinder():
    return db.session.scalar(db.select(School).where(School.name == "De Vlinder"))


def _plan_data(mode="physical", **overrides):
    data = {}
    for i in range(7):
        data[f"meetings-{i}-planned_on"] = f"2027-0{1 + i}-1{i}" if i < 7 else ""
        data[f"meetings-{i}-starts_at"] = "19:30"
        data[f"meetings-{i}-mode"] = mode
    data.update(overrides)
    return data


def test_new_chair_is_guided_step_by_step_and_can_resume(app, client):
    chair = _fresh_chair(app, client)
    assert chair.get("/").location.endswith("/welcome")
    html = chair.get("/welcome").get_data(as_text=True)
    assert 'aria-current="step"' in html and "0 van de 5" in html
    assert chair.post("/welcome/name", data={"group_name": ""}).status_code == 422
    assert chair.post("/welcome/name", data={"group_name": "Samen Sterk"}).status_code == 302
    response = chair.post("/years/new?next=/welcome", data={"start_year": "2026"})
    assert response.location.endswith("/welcome")
    for name, function in (("Els", "parent"), ("Kees", "teacher")):
        response = chair.post(
            "/years/2026/members/new?next=/welcome",
            data={"display_name": name, "function": function},
        )
        assert response.location.endswith("/welcome")
    with app.app_context():
        steps = services.onboarding_steps(_vlinder(), services.current_cycle(_vlinder()))
        assert [s.is_done for s in steps] == [True, True, True, False, False]
    # the dashboard reminds the chair to continue
    assert "/welcome" in chair.get("/years/2026/").get_data(as_text=True)


def test_plan_step_saves_all_seven_dates_at_once(app, client):
    chair = _fresh_chair(app, client)
    chair.post("/years/new", data={"start_year": "2026"})
    missing = _plan_data(**{"meetings-3-planned_on": ""})
    assert chair.post("/welcome/plan", data=missing).status_code == 422
    with app.app_context():
        assert services.current_cycle(_vlinder()).planned_at is None
    response = chair.post("/welcome/plan", data=_plan_data(**{"meetings-2-mode": "online"}))
    assert response.status_code == 302
    with app.app_context():
        cycle = services.current_cycle(_vlinder())
        assert cycle.planned_at is not None
        meetings = services.meetings_of(cycle)
        assert meetings[0].planned_on.isoformat() == "2027-01-10"
        assert [m.mode.value for m in meetings].count("online") == 1


def test_guided_start_disappears_once_done(app, chair, ctx):
    school = db.session.scalar(db.select(School).where(School.is_demo.is_(True)))
    school.group_name = "Werkgroep Samen tegen Pesten"
    services.current_cycle(school).planned_at = services.utcnow()
    db.session.commit()
    steps = services.onboarding_steps(school, services.current_cycle(school))
    assert all(s.is_done for s in steps)
    assert 'class="notice onboarding-banner"' not in chair.get("/years/2026/").get_data(
        as_text=True
    )


def test_only_the_chair_uses_the_guided_start(member, director):
    for client in (member, director):
        assert client.get("/welcome").status_code == 403
        assert client.post("/welcome/name", data={"group_name": "x"}).status_code == 403


def test_every_meeting_page_has_a_help_panel_that_works_without_js(chair):
    glossary_keys = {t.key for t in GLOSSARY}
    for number in range(1, 8):
        html = chair.get(f"/years/2026/meetings/{number}").get_data(as_text=True)
        assert '<details class="help-panel"' in html
        help_ = MEETING_HELP[number]
        assert set(help_.terms) <= glossary_keys
        for key in help_.terms:
            assert f'/glossary#{key}"' in html


def test_help_texts_exist_in_dutch_and_english(chair):
    dutch = chair.get("/years/2026/meetings/1").get_data(as_text=True)
    chair.post("/language", data={"lang": "en"})
    english = chair.get("/years/2026/meetings/1").get_data(as_text=True)
    purpose = str(MEETING_HELP[1].purpose)
    assert purpose.replace("'", "&#39;") in english
    assert purpose.replace("'", "&#39;") not in dutch


def test_glossary_lists_every_term_with_an_anchor(member):
    html = member.get("/glossary").get_data(as_text=True)
    for term in GLOSSARY:
        assert f'<dt id="{term.key}">' in html
    assert len(GLOSSARY) >= 8


def _conditions_data(met=(), comments=None):
    data = {}
    for i, condition in enumerate(CONDITIONS):
        data[f"conditions-{i}-key"] = condition.key
        if condition.key in met:
            data[f"conditions-{i}-is_met"] = "y"
        data[f"conditions-{i}-comment"] = (comments or {}).get(condition.key, "")
    return data


def test_chair_ticks_conditions_at_start_and_evaluation_side_by_side(app, chair):
    form = chair.get("/years/2026/conditions/start").get_data(as_text=True)
    assert form.count('type="checkbox"') == len(CONDITIONS)
    data = _conditions_data(met={"represented"}, comments={"staff_time": "Geen vervanging."})
    assert chair.post("/years/2026/conditions/start", data=data).status_code == 302
    data = _conditions_data(met={"represented", "staff_time"})
    assert chair.post("/years/2026/conditions/evaluation", data=data).status_code == 302
    with app.app_context():
        cycle = db.session.scalar(db.select(Cycle).join(School).where(School.is_demo.is_(True)))
        checks = services.condition_checks(cycle)
        assert checks[("staff_time", Moment.start)].is_met is False
        assert checks[("staff_time", Moment.start)].comment == "Geen vervanging."
        assert checks[("staff_time", Moment.evaluation)].is_met is True
        assert len(checks) == 2 * len(CONDITIONS)
    html = chair.get("/years/2026/conditions").get_data(as_text=True)
    assert "Geen vervanging." in html
    row = re.search(r"<tr>\s*<th scope=\"row\"><strong>[^<]*</strong><br><span class=\"muted\">"
                    r"[^<]*</span></th>(.*?)</tr>", html, re.S)  # fmt: skip
    assert row and row.group(1).count("<td") == 2


def test_unknown_condition_is_refused_and_nothing_is_stored(app, chair):
    with app.app_context():
        before = [(c.key, c.is_met) for c in db.session.scalars(db.select(ConditionCheck))]
    data = _conditions_data(met={c.key for c in CONDITIONS})
    data["conditions-0-key"] = "made_up"
    assert chair.post("/years/2026/conditions/start", data=data).status_code == 422
    with app.app_context():
        after = [(c.key, c.is_met) for c in db.session.scalars(db.select(ConditionCheck))]
        assert after == before


def test_members_read_conditions_but_only_the_chair_edits(member):
    assert member.get("/years/2026/conditions").status_code == 200
    assert member.get("/years/2026/conditions/start").status_code == 403
    assert member.get("/years/2026/conditions/halfway").status_code == 404


def test_interview_card_is_a_word_document_with_prompts(chair):
    response = chair.get("/years/2026/reports/interview-card.docx")
    assert response.mimetype.endswith("wordprocessingml.document")
    document = Document(BytesIO(response.data))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[0] == "Interviewkaart"
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert len(bullets) >= 5
    assert document.sections[0].header.paragraphs[0].text == "OBS De Regenboog (demo)"
    assert "PAGE" in document.sections[0].footer._element.xml


def test_cancel_in_the_guided_start_goes_back_to_it(chair):
    """Adding a member or filling the startfoto from the guided start: Cancel returns there."""
    cancel = re.compile(r'<a class="button button--quiet" href="([^"]*)">')
    for url in (
        "/years/2026/members/new?next=/welcome",
        "/years/2026/startfoto/edit?next=/welcome",
    ):
        assert cancel.findall(chair.get(url).get_data(as_text=True)) == ["/welcome"], url
    # anywhere else Cancel goes to the page the form belongs to, never to a foreign address
    page = chair.get("/years/2026/members/new?next=//evil.example").get_data(as_text=True)
    assert cancel.findall(page) == ["/years/2026/members"]
