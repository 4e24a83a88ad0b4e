"""DOEN through the services and the real views: designing from a known approach, measures,
the lifecycle and its limit, observations with their checks, run charts on the page, the
evaluation of an experiment and of the startfoto goals, and starting the next year."""

from __future__ import annotations

import html
import re
from datetime import date, timedelta

import pytest
from flask_babel import force_locale, gettext, ngettext
from sqlalchemy import func, select

from app import db
from experiments import approaches, services
from experiments.models import (
    Decision,
    Experiment,
    GoalStatus,
    MeasureKind,
    Observation,
    ObservationValue,
    Stage,
)
from interviews import coding
from interviews.models import Code, ConsentText, Fragment, Respondent, Theme, Transcript
from workgroup import services as core
from workgroup.models import Cycle, DomainError, Goal, GoalSource, School, WorkgroupMember

BASE = "/years/2026/experiments"


def nl(app, msgid: str, **values) -> str:
    with app.test_request_context(), force_locale("nl"):
        return gettext(msgid, **values)


def _text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def _cycle(demo) -> Cycle:
    return db.session.scalar(
        select(Cycle).where(Cycle.school_id == demo.school_id, Cycle.start_year == 2026)
    )


def _goal_ids(cycle: Cycle) -> list[int]:
    return list(
        db.session.scalars(
            select(Goal.id)
            .where(Goal.cycle_id == cycle.id, Goal.source == GoalSource.startfoto)
            .order_by(Goal.position)
        )
    )


def _experiment_id(response) -> int:
    return int(re.search(r"/experiments/(\d+)$", response.headers["Location"]).group(1))


def _new(chair, demo, *, title="Pauzemaatjes", approach=None, **extra) -> int:
    with chair.application.app_context():
        goal_id = _goal_ids(_cycle(demo))[0]
    data = {
        "title": title,
        "goal_ids": [goal_id],
        "aim": "Minder alleen op het plein.",
        "prediction": "We verwachten dat minder kinderen alleen staan.",
        "size": "small",
        "term": "short",
        "lead_id": "0",
        **extra,
    }
    if approach:
        data["approach"] = approach
    response = chair.post(f"{BASE}/new", data=data)
    assert response.status_code == 302, _text(response)[:2000]
    return _experiment_id(response)


def _measure(chair, eid, name="Kinderen alleen op het plein", kind="count", **extra):
    response = chair.post(f"{BASE}/{eid}/measures", data={"name": name, "kind": kind, **extra})
    assert response.status_code == 302, _text(response)[:2000]


def _move(chair, eid, to):
    return chair.post(f"{BASE}/{eid}/stage", data={"to": to})


def _observe(chair, eid, on: date, **values):
    with chair.application.app_context():
        experiment = db.session.get(Experiment, eid)
        ids = [m.id for m in experiment.measures]
    data = {"observed_on": on.isoformat(), "note": values.pop("note", "")}
    for measure_id, value in zip(ids, values.pop("values", []), strict=False):
        data[f"value-{measure_id}"] = value
    data.update(values)
    return chair.post(f"{BASE}/{eid}/observations", data=data)


def _running(chair, demo, title="Pauzemaatjes", kind="count", **measure) -> int:
    eid = _new(chair, demo, title=title)
    _measure(chair, eid, kind=kind, **measure)
    assert _move(chair, eid, "designed").status_code == 302
    assert _move(chair, eid, "running").status_code == 302
    with chair.application.app_context():
        assert db.session.get(Experiment, eid).stage is Stage.running
    return eid


# --- design ----------------------------------------------------------------------------


def test_a_known_approach_prefills_the_design_and_its_measures(app, chair, demo):
    approach = approaches.APPROACHES[0]
    page = _text(chair.get(f"{BASE}/new?approach={approach.key}"))
    with app.test_request_context(), force_locale("nl"):
        assert str(approach.aim) in page
        assert str(approach.prediction) in page
    eid = _new(chair, demo, title="Onze versie", approach=approach.key)
    with app.app_context():
        experiment = db.session.get(Experiment, eid)
        assert experiment.approach == approach.key
        assert experiment.stage is Stage.idea
        assert len(experiment.measures) == min(3, len(approach.suggested_measures))
        assert [m.kind.value for m in experiment.measures] == [
            m.kind for m in approach.suggested_measures[:3]
        ]


def test_the_approaches_page_lists_every_approach_with_a_start_link(chair, demo):
    page = _text(chair.get(f"{BASE}/approaches"))
    for approach in approaches.APPROACHES:
        assert f"/experiments/new?approach={approach.key}" in page


def test_goals_and_themes_link_both_ways(app, chair, demo):
    with app.app_context():
        cycle = _cycle(demo)
        theme = coding.themes_of(cycle)[0]
        goal_id = _goal_ids(cycle)[1]
        theme_id, theme_name = theme.id, theme.name
        goal_text = db.session.get(Goal, goal_id).text
    eid = _new(chair, demo, title="Klassenafspraken", goal_ids=[goal_id], theme_ids=[theme_id])
    page = _text(chair.get(f"{BASE}/{eid}"))
    assert goal_text in page and theme_name in page
    # from the goal back to the experiment: the goal overview on the board and dashboard
    board = _text(chair.get(f"{BASE}/"))
    overview = board[board.index('id="goals-title"') :]
    section = overview[overview.index(goal_text) :]
    assert "Klassenafspraken" in section[:2000]
    dashboard = _text(chair.get("/years/2026/"))
    assert "Klassenafspraken" in dashboard


def test_a_design_with_a_goal_of_another_school_is_refused_and_nothing_is_saved(app, chair, demo):
    with app.app_context():
        other = db.session.scalar(select(Cycle).where(Cycle.school_id == demo.other_school_id))
        foreign = Goal(cycle_id=other.id, source=GoalSource.startfoto, text="Elders", position=9)
        db.session.add(foreign)
        db.session.commit()
        foreign_id = foreign.id
        before = db.session.scalar(select(func.count(Experiment.id)))
    response = chair.post(
        f"{BASE}/new",
        data={"title": "Sluiproute", "goal_ids": [foreign_id], "size": "small", "term": "short",
              "lead_id": "0"},
    )  # fmt: skip
    assert response.status_code == 422
    assert nl(app, "One of the chosen goals does not belong to this year.") in _text(response)
    with app.app_context():
        assert db.session.scalar(select(func.count(Experiment.id))) == before


def test_an_end_date_before_the_start_is_refused_with_a_message(app, chair, demo):
    response = chair.post(
        f"{BASE}/new",
        data={"title": "Omgekeerd", "starts_on": "2027-03-01", "ends_on": "2027-02-01",
              "size": "small", "term": "short", "lead_id": "0"},
    )  # fmt: skip
    assert response.status_code == 422
    assert nl(app, "The end date lies before the start date.") in _text(response)


# --- measures ----------------------------------------------------------------------------


def test_at_most_three_measures(app, chair, demo):
    eid = _new(chair, demo)
    for i in range(3):
        _measure(chair, eid, name=f"Meting {i}")
    response = chair.post(f"{BASE}/{eid}/measures", data={"name": "Vierde", "kind": "count"})
    assert response.status_code == 422
    assert "3" in _text(response)
    with app.app_context():
        assert len(db.session.get(Experiment, eid).measures) == 3


@pytest.mark.parametrize(
    ("kind", "target", "message"),
    [
        ("scale", "7", "A score on this scale lies between 1 and 5."),
        ("percentage", "120", "A percentage lies between 0 and 100."),
        ("yes_no", "2", "Enter 1 for yes or 0 for no."),
        ("count", "-1", "A count cannot be negative."),
        ("count", "2,5", "A count is a whole number."),
    ],
)
def test_a_target_outside_the_kind_of_measure_is_refused(app, chair, demo, kind, target, message):
    eid = _new(chair, demo)
    response = chair.post(
        f"{BASE}/{eid}/measures", data={"name": "Meting", "kind": kind, "target": target}
    )
    assert response.status_code == 422
    assert nl(app, message) in _text(response)
    with app.app_context():
        assert db.session.get(Experiment, eid).measures == []


def test_a_decimal_comma_is_read_as_a_number(app, chair, demo):
    eid = _new(chair, demo)
    _measure(chair, eid, name="Gemiddeld cijfer", kind="scale", baseline="3", target="4")
    response = chair.post(
        f"{BASE}/{eid}/measures",
        data={"name": "Procent", "kind": "percentage", "baseline": "37,5", "target": "abc"},
    )
    assert response.status_code == 422
    assert nl(app, "Enter a number, such as 4 or 3,5.") in _text(response)
    _measure(chair, eid, name="Procent", kind="percentage", baseline="37,5")
    with app.app_context():
        assert [m.baseline for m in db.session.get(Experiment, eid).measures] == [3.0, 37.5]


# --- lifecycle ---------------------------------------------------------------------------


def test_a_design_is_ready_only_with_aim_prediction_goal_and_measure(app, chair, demo):
    response = chair.post(
        f"{BASE}/new", data={"title": "Kaal", "size": "small", "term": "short", "lead_id": "0"}
    )
    eid = _experiment_id(response)
    _move(chair, eid, "designed")
    page = _text(chair.get(f"{BASE}/{eid}"))
    assert nl(app, "at least one measure") in page
    with app.app_context():
        assert db.session.get(Experiment, eid).stage is Stage.idea


def test_illegal_steps_are_refused_with_a_clear_message(app, ctx, demo):
    cycle = _cycle(demo)
    experiment = services.save_design(cycle, services.Design(title="Sprong"))
    with pytest.raises(DomainError, match=re.escape(nl(app, "idea"))):
        experiment.move_to(Stage.running)
    with pytest.raises(DomainError):
        services.move(experiment, Stage.evaluated)
    assert experiment.stage is Stage.idea


def test_a_fourth_running_experiment_is_refused_until_the_limit_is_raised(app, chair, demo):
    with app.app_context():
        already = services.running_count(_cycle(demo))
    for i in range(3 - already):
        _running(chair, demo, title=f"Loopt {i}")
    fourth = _new(chair, demo, title="Vierde")
    _measure(chair, fourth)
    _move(chair, fourth, "designed")
    _move(chair, fourth, "running")
    page = _text(chair.get(f"{BASE}/{fourth}"))
    assert "one\nto three" not in page  # the message is one sentence
    with app.test_request_context(), force_locale("nl"):
        refusal = ngettext(
            "%(num)d experiment is running already, the limit of this year. Running one "
            "to three at a time keeps them small enough to do well and to observe: "
            "with more, nobody can tell which change made the difference. Evaluate one "
            "first, or let the chair raise the limit.",
            "%(num)d experiments are running already, the limit of this year. Running "
            "one to three at a time keeps them small enough to do well and to observe: "
            "with more, nobody can tell which change made the difference. Evaluate one "
            "first, or let the chair raise the limit.",
            3,
        )
    assert refusal in page
    with app.app_context():
        assert db.session.get(Experiment, fourth).stage is Stage.designed
        assert services.running_count(_cycle(demo)) == 3
    assert "3" in page and nl(app, "That step is unknown.") not in page
    chair.post(f"{BASE}/limit", data={"limit": "4"})
    _move(chair, fourth, "running")
    with app.app_context():
        assert db.session.get(Experiment, fourth).stage is Stage.running
        assert _cycle(demo).running_limit == 4


def test_a_member_designs_and_observes_but_cannot_steer(app, member, chair, demo):
    eid = _new(member, demo, title="Van een ouder")
    _measure(member, eid)
    assert _move(member, eid, "designed").status_code == 403
    assert member.post(f"{BASE}/limit", data={"limit": "6"}).status_code == 403
    _move(chair, eid, "designed")
    _move(chair, eid, "running")
    assert _observe(member, eid, date.today(), values=["3"]).status_code == 302


def test_the_director_reads_but_cannot_change(app, chair, director, demo):
    eid = _running(chair, demo)
    page = _text(director.get(f"{BASE}/{eid}"))
    assert "Pauzemaatjes" in page
    assert f"{BASE}/{eid}/observations" not in page  # no form
    assert _observe(director, eid, date.today(), values=["3"]).status_code == 403
    assert director.get(f"{BASE}/{eid}/evaluation").status_code == 403


def test_another_school_cannot_see_or_touch_an_experiment(app, chair, other_chair, demo):
    eid = _running(chair, demo)
    assert other_chair.get(f"{BASE}/{eid}").status_code == 404
    assert _observe(other_chair, eid, date.today(), values=["3"]).status_code == 404


def test_running_and_evaluated_experiments_cannot_be_deleted(app, chair, demo):
    eid = _running(chair, demo)
    chair.post(f"{BASE}/{eid}/delete", data={"confirm": "yes"})
    with app.app_context():
        assert db.session.get(Experiment, eid) is not None
    idea = _new(chair, demo, title="Weg ermee")
    confirm = chair.post(f"{BASE}/{idea}/delete")
    assert "Weg ermee" in _text(confirm)
    with app.app_context():
        assert db.session.get(Experiment, idea) is not None
    chair.post(f"{BASE}/{idea}/delete", data={"confirm": "yes"})
    with app.app_context():
        assert db.session.get(Experiment, idea) is None


# --- monitoring --------------------------------------------------------------------------


def test_observations_are_checked_against_their_measure(app, chair, demo):
    eid = _running(chair, demo, kind="scale")
    with app.app_context():
        before = db.session.scalar(select(func.count(Observation.id)))
    bad = _observe(chair, eid, date.today(), values=["6"], note="Te hoog")
    assert bad.status_code == 422
    page = _text(bad)
    assert nl(app, "A score on this scale lies between 1 and 5.") in page
    assert "Te hoog" in page  # the note typed is not lost
    future = _observe(chair, eid, date.today() + timedelta(days=2), values=["3"])
    assert nl(app, "An observation cannot lie in the future.") in _text(future)
    empty = _observe(chair, eid, date.today(), values=[""])
    assert nl(app, "Enter at least one value or a note.") in _text(empty)
    with app.app_context():
        assert db.session.scalar(select(func.count(Observation.id))) == before


def test_observations_only_while_running(app, chair, demo):
    eid = _new(chair, demo)
    _measure(chair, eid)
    response = _observe(chair, eid, date.today(), values=["3"])
    assert response.status_code == 422
    assert nl(app, "Observations are recorded while the experiment is running.") in _text(response)


def test_under_ten_points_the_chart_says_too_few_and_from_ten_it_reads_a_shift(app, chair, demo):
    eid = _running(chair, demo, target="1")
    start = date.today() - timedelta(days=24)
    values = [5, 6, 5, 7, 6, 6, 1, 2, 1, 2, 1, 1]
    for i, value in enumerate(values[:6]):
        assert (
            _observe(chair, eid, start + timedelta(days=2 * i), values=[str(value)]).status_code
            == 302
        )
    page = _text(chair.get(f"{BASE}/{eid}"))
    with app.test_request_context(), force_locale("nl"):
        from experiments.runrules import analyse

        assert analyse(values[:6]).summary() in page
    assert page.count('role="img"') >= 1
    for i, value in enumerate(values[6:], start=6):
        _observe(chair, eid, start + timedelta(days=2 * i), values=[str(value)],
                 adjustment="Extra pleinwacht" if i == 8 else "")  # fmt: skip
    page = _text(chair.get(f"{BASE}/{eid}"))
    with app.test_request_context(), force_locale("nl"):
        reading = analyse(values).summary()
    assert analyse(values).shift
    assert reading in page
    assert "Extra pleinwacht" in page  # the change of course is annotated
    with app.app_context():
        experiment = db.session.get(Experiment, eid)
        assert [v for _d, v, _a in services.charts_for(experiment)[0].rows] == values


def test_a_stale_running_experiment_is_flagged(app, ctx, demo):
    cycle = _cycle(demo)
    experiment = services.save_design(cycle, services.Design(title="Stil"))
    experiment.stage = Stage.running
    experiment.starts_on = date(2026, 10, 1)
    assert services.is_stale(experiment, today=date(2026, 10, 20))
    assert not services.is_stale(experiment, today=date(2026, 10, 10))


def test_removing_an_observation_asks_first(app, chair, demo):
    eid = _running(chair, demo)
    _observe(chair, eid, date.today(), values=["4"])
    with app.app_context():
        oid = db.session.get(Experiment, eid).observations[0].id
    chair.post(f"{BASE}/{eid}/observations/{oid}/delete")
    with app.app_context():
        assert db.session.get(Observation, oid) is not None
    chair.post(f"{BASE}/{eid}/observations/{oid}/delete", data={"confirm": "yes"})
    with app.app_context():
        assert db.session.get(Observation, oid) is None
        assert db.session.scalar(select(func.count()).select_from(ObservationValue).where(
            ObservationValue.observation_id == oid)) == 0  # fmt: skip


# --- evaluation --------------------------------------------------------------------------


def _evaluate(chair, eid, decision="adopt"):
    return chair.post(
        f"{BASE}/{eid}/evaluation",
        data={
            "went_as_planned": "Bijna: de eerste week liep stroef.",
            "pupils_score": "4", "pupils_comment": "Leuk om een maatje te hebben.",
            "parents_score": "0", "teachers_score": "5", "contribution_score": "4",
            "contribution": "Minder kinderen alleen.",
            "prediction_review": "Klopte grotendeels.",
            "decision": decision, "next_steps": "Volgend jaar in alle groepen.",
        },
    )  # fmt: skip


def test_an_experiment_closes_only_with_a_decision(app, chair, demo):
    eid = _running(chair, demo)
    _move(chair, eid, "evaluated")
    with app.app_context():
        assert db.session.get(Experiment, eid).stage is Stage.running
    assert _evaluate(chair, eid, decision="").status_code == 302
    _move(chair, eid, "evaluated")
    with app.app_context():
        assert db.session.get(Experiment, eid).stage is Stage.running
    _evaluate(chair, eid)
    _move(chair, eid, "evaluated")
    with app.app_context():
        experiment = db.session.get(Experiment, eid)
        assert experiment.stage is Stage.evaluated
        assert experiment.evaluation.decision is Decision.adopt
        assert experiment.evaluation.parents_score is None
        assert experiment.evaluation.teachers_score == 5
    page = _text(chair.get(f"{BASE}/{eid}"))
    assert "Volgend jaar in alle groepen." in page


def test_a_score_outside_one_to_five_is_refused(app, chair, demo):
    eid = _running(chair, demo)
    response = chair.post(f"{BASE}/{eid}/evaluation", data={"pupils_score": "9"})
    assert response.status_code == 422
    with app.app_context():
        assert db.session.get(Experiment, eid).evaluation is None


def test_a_goal_review_links_experiments_themes_and_only_consented_quotes(app, chair, demo):
    eid = _running(chair, demo)
    with app.app_context():
        cycle = _cycle(demo)
        goal_id = _goal_ids(cycle)[0]
        theme_id = coding.themes_of(cycle)[0].id
        usable = services.quote_choices(cycle)
        assert usable, "the demo has telling quotes with consent"
        assert all(q.transcript.respondent.may_quote for q in usable)
        quote_id, quote_text = usable[0].id, usable[0].text
        code = usable[0].transcript.respondent.code
    form = _text(chair.get(f"{BASE}/evaluation/goals/{goal_id}"))
    assert quote_text in form
    response = chair.post(
        f"{BASE}/evaluation/goals/{goal_id}",
        data={"status": "partly", "evidence": "De helft van de klassen doet mee.",
              "experiment_ids": [eid], "theme_ids": [theme_id], "quote_ids": [quote_id]},
    )  # fmt: skip
    assert response.status_code == 302
    page = _text(chair.get(f"{BASE}/evaluation"))
    assert "De helft van de klassen doet mee." in page
    assert quote_text in page and code in page
    with app.app_context():
        review = services.goal_overview(_cycle(demo))[0].review
        assert review.status is GoalStatus.partly
        assert [e.id for e in review.experiments] == [eid]


def test_a_quote_without_quote_consent_cannot_be_linked(app, chair, demo):
    with app.app_context():
        cycle = _cycle(demo)
        goal_id = _goal_ids(cycle)[0]
        usable = {q.id for q in services.quote_choices(cycle)}
        fragment = next(
            f
            for f in db.session.scalars(select(Fragment).order_by(Fragment.id))
            if f.transcript.respondent.cycle_id == cycle.id and f.id not in usable
        )
        forbidden = fragment.id
    response = chair.post(
        f"{BASE}/evaluation/goals/{goal_id}", data={"status": "achieved", "quote_ids": [forbidden]}
    )
    assert response.status_code == 422
    with app.app_context():
        assert services.goal_overview(_cycle(demo))[0].review is None


def test_lessons_are_saved(app, chair, demo):
    chair.post(f"{BASE}/evaluation/lessons", data={"lessons": "Eerder beginnen met interviews."})
    assert "Eerder beginnen met interviews." in _text(chair.get(f"{BASE}/evaluation"))


# --- next year ---------------------------------------------------------------------------


def test_the_next_year_takes_members_codebook_consent_and_adopted_experiments_only(
    app, chair, demo
):
    adopted = _running(chair, demo, title="Blijft")
    _evaluate(chair, adopted, "adopt")
    _move(chair, adopted, "evaluated")
    dropped = _running(chair, demo, title="Stopt")
    _evaluate(chair, dropped, "abandon")
    _move(chair, dropped, "evaluated")
    with app.app_context():
        old = _cycle(demo)
        members = sorted(m.display_name for m in old.members)
        codes = sorted(c.name for c in coding.codes_of(old))
        themes = sorted(t.name for t in coding.themes_of(old))
    confirm = chair.post(f"{BASE}/next-year")
    assert "2027–2028" in _text(confirm)
    response = chair.post(f"{BASE}/next-year", data={"confirm": "yes"})
    assert response.headers["Location"].endswith("/years/2027/")
    with app.app_context():
        school = db.session.get(School, demo.school_id)
        new = core.get_cycle(school, 2027)
        assert sorted(m.display_name for m in new.members) == members
        assert sorted(c.name for c in coding.codes_of(new)) == codes
        assert sorted(t.name for t in coding.themes_of(new)) == themes
        assert db.session.scalar(select(func.count(ConsentText.id)).where(
            ConsentText.cycle_id == new.id)) == 1  # fmt: skip
        assert db.session.scalar(select(func.count(Respondent.id)).where(
            Respondent.cycle_id == new.id)) == 0  # fmt: skip
        assert (
            db.session.scalar(
                select(func.count(Transcript.id))
                .join(Respondent)
                .where(Respondent.cycle_id == new.id)
            )
            == 0
        )
        carried = services.experiments_of(new)
        # the demo's adopted experiment and this one; the abandoned one stays behind
        assert sorted((e.title, e.stage, e.carried_from_year) for e in carried) == [
            ("Blijft", Stage.idea, 2026),
            ("Vijf minuten over pesten op de informatieavond", Stage.idea, 2026),
        ]
        assert all(e.observations == [] and e.evaluation is None for e in carried)
        assert all(len(e.measures) == 1 for e in carried)
        assert not any(m.is_coder for m in new.members)
    again = chair.post(f"{BASE}/next-year", data={"confirm": "yes"})
    assert again.status_code == 302
    with app.app_context():
        assert db.session.scalar(select(func.count(Cycle.id)).where(
            Cycle.school_id == demo.school_id)) == 2  # fmt: skip


def test_the_dashboard_chain_counts_experiments(app, chair, demo):
    _running(chair, demo, title="Telt mee")
    with app.app_context():
        steps = {s.key: s for s in core.chain_status(_cycle(demo))}
        assert steps["experiments"].is_done
        assert steps["experiments"].endpoint == "experiments.show_board"
        assert steps["evaluation"].endpoint == "experiments.show_year_evaluation"


def test_measure_kinds_check_values():
    MeasureKind.scale.check(3)
    MeasureKind.percentage.check(0)
    MeasureKind.yes_no.check(1)
    for kind, value in [
        (MeasureKind.scale, 0),
        (MeasureKind.scale, 5.5),
        (MeasureKind.percentage, 100.5),
        (MeasureKind.yes_no, 0.5),
        (MeasureKind.count, -2),
    ]:
        with pytest.raises(DomainError):
            kind.check(value)


def test_the_demo_year_has_three_experiments_on_its_goals(app, ctx, demo):
    # the demo gives the year three experiments linked to its goals (see experiments.demo)
    cycle = _cycle(demo)
    experiments = services.experiments_of(cycle)
    assert [e.stage for e in experiments].count(Stage.running) == 2
    assert [e.stage for e in experiments].count(Stage.evaluated) == 1
    counts = sorted(len(e.observations) for e in experiments if e.stage is Stage.running)
    assert counts == [8, 12]
    assert all(e.goals for e in experiments)
    assert db.session.scalar(select(func.count(Theme.id))) and db.session.scalar(
        select(func.count(Code.id))
    )
    assert WorkgroupMember
