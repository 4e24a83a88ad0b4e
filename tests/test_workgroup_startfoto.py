"""The startfoto: four texts, one to five goals, who changed it last."""

from app import db
from workgroup import services
from workgroup.models import Goal, GoalSource, School, Startfoto

FILLED = {
    "background": "Katholieke school, 180 leerlingen.",
    "vision_parents": "Ouders zijn partners.",
    "vision_bullying": "Pesten is nooit normaal.",
    "collaboration_now": "We bellen pas als het misgaat.",
}


def _kompas():
    return db.session.scalar(db.select(School).where(School.name == "Basisschool Het Kompas"))


def _goals(school):
    cycle = services.get_cycle(school, 2026)
    return [g.text for g in services.startfoto_goals(cycle)]


def test_demo_startfoto_is_shown_with_three_goals(director):
    html = director.get("/years/2026/startfoto").get_data(as_text=True)
    assert "Kanjertraining" in html
    assert html.count("<li>Ouders horen binnen twee schooldagen") == 1
    assert 'class="goals"' in html
    assert "/startfoto/edit" not in html  # the director reads only


def test_member_fills_in_the_startfoto_and_it_records_who(app, other_chair):
    data = dict(FILLED, **{"goals-0": "Eerder bellen.", "goals-1": "", "goals-2": "Samen plannen.",
                           "goals-3": "", "goals-4": ""})  # fmt: skip
    assert other_chair.post("/years/2026/startfoto/edit", data=data).status_code == 302
    with app.app_context():
        school = _kompas()
        assert _goals(school) == ["Eerder bellen.", "Samen plannen."]
        startfoto = services.startfoto_of(services.get_cycle(school, 2026))
        assert startfoto.background == FILLED["background"]
        assert startfoto.updated_by.email == "kompas@example.nl"
        assert startfoto.updated_at is not None
    html = other_chair.get("/years/2026/startfoto").get_data(as_text=True)
    assert "Chair Basisschool Het Kompas" in html  # last changed by


def test_editing_goals_updates_and_removes_in_place(app, other_chair):
    first = dict(FILLED, **{f"goals-{i}": f"Doel {i}" for i in range(5)})
    other_chair.post("/years/2026/startfoto/edit", data=first)
    second = dict(FILLED, **{"goals-0": "Eén doel"})
    other_chair.post("/years/2026/startfoto/edit", data=second)
    with app.app_context():
        assert _goals(_kompas()) == ["Eén doel"]
        cycle_id = services.get_cycle(_kompas(), 2026).id
        count = db.select(db.func.count(Goal.id)).where(
            Goal.source == GoalSource.startfoto, Goal.cycle_id == cycle_id
        )
        assert db.session.scalar(count) == 1


def test_no_goals_is_refused_and_nothing_is_stored(app, other_chair):
    response = other_chair.post("/years/2026/startfoto/edit", data=dict(FILLED))
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Schrijf minstens één doel op; wij raden er drie aan." in html
    assert FILLED["background"] in html  # the typed text is not lost
    with app.app_context():
        assert (
            db.session.scalar(
                db.select(Startfoto).where(
                    Startfoto.cycle_id == services.get_cycle(_kompas(), 2026).id
                )
            )
            is None
        )


def test_a_goal_longer_than_a_short_sentence_is_refused(app, other_chair):
    data = dict(FILLED, **{"goals-0": "x" * 201})
    assert other_chair.post("/years/2026/startfoto/edit", data=data).status_code == 422


def test_more_than_five_goals_cannot_be_posted(app, other_chair):
    data = dict(FILLED, **{f"goals-{i}": f"Doel {i}" for i in range(7)})
    other_chair.post("/years/2026/startfoto/edit", data=data)
    with app.app_context():
        assert len(_goals(_kompas())) <= 5


def test_service_refuses_zero_or_six_goals(app, ctx, demo):
    import pytest

    from workgroup.models import DomainError, User

    school = _kompas()
    cycle = services.get_cycle(school, 2026)
    user = db.session.scalar(db.select(User).where(User.email == "kompas@example.nl"))
    with pytest.raises(DomainError):
        services.save_startfoto(cycle, user, goals=[" ", ""], **FILLED)
    with pytest.raises(DomainError):
        services.save_startfoto(cycle, user, goals=["a"] * 6, **FILLED)


def test_dashboard_chain_marks_the_startfoto_done_only_when_complete(app, other_chair):
    html = other_chair.get("/years/2026/").get_data(as_text=True)
    assert "chain__step--done" not in html
    data = dict(FILLED, **{"goals-0": "Eerder bellen."})
    other_chair.post("/years/2026/startfoto/edit", data=data)
    other_chair.post("/years/2026/members/new", data={"display_name": "Ria", "function": "parent"})
    html = other_chair.get("/years/2026/").get_data(as_text=True)
    assert html.count("chain__step--done") == 2


def test_nul_characters_in_goals_are_dropped(app, other_chair):
    data = dict(FILLED, **{"goals-0": "Eerder\x00 bellen."})
    assert other_chair.post("/years/2026/startfoto/edit", data=data).status_code == 302
    with app.app_context():
        assert _goals(_kompas()) == ["Eerder bellen."]
