"""The demo year's DOEN: three experiments linked to the demo goals. Two run (12 and 8
observations), one ran at the parents' evenings in September and has been evaluated.

Dates count back from today, so the charts always end near the day the demo is opened. Every
sentence is our own writing; nobody in it exists.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from app import db
from experiments import services
from experiments.models import (
    Decision,
    Experiment,
    GoalStatus,
    MeasureKind,
    Observation,
    ObservationValue,
    Size,
    Stage,
    Term,
)
from interviews import coding
from workgroup import demo as core_demo
from workgroup.models import Cycle, Goal, GoalSource, User

FRIDAY_NOTE = (
    "Vrijdagbericht aan ouders",
    "Ouders van kinderen die bij een pestsituatie betrokken zijn, horen snel en daarna elke week "
    "iets van de leerkracht, ook als er niets nieuws is.",
    "We verwachten dat ouders zich minder buitengesloten voelen en dat er minder boze "
    "telefoontjes bij de directeur binnenkomen.",
    "- Drie voorbeeldberichten schrijven in gewone taal.\n"
    "- Elke vrijdag stuurt de leerkracht de betrokken ouders een kort bericht.\n"
    "- Na zes weken bespreken we in het team wat werkt.",
    "Groepen 5 tot en met 8, hun leerkrachten en de ouders van betrokken kinderen.",
    "Een kwartier per week in de planning van de leerkracht; de voorbeeldberichten.",
)
CONVERSATION_CARD = (
    "Gesprekskaartje voor het eerste gesprek",
    "Een eerste gesprek over pesten begint met luisteren naar de ouders, ook bij de ouders van "
    "het kind dat pest.",
    "We verwachten dat ouders vaker zeggen dat ze zich gehoord voelen en dat er minder "
    "vervolggesprekken nodig zijn.",
    "- Kaartje met openingszinnen en vragen maken met de intern begeleider.\n"
    "- Twee keer oefenen in de teamvergadering.\n"
    "- Na elk eerste gesprek turven: begon het met een vraag?",
    "Alle leerkrachten; de intern begeleider coacht.",
    "Drukwerk; een half uur in twee teamvergaderingen.",
)
INFO_EVENING = (
    "Vijf minuten over pesten op de informatieavond",
    "Alle ouders horen aan het begin van het jaar hoe de school pesten aanpakt en hoe snel ze "
    "van de leerkracht horen.",
    "We verwachten dat na de informatieavonden minstens driekwart van de ouders kan zeggen wat "
    "de school doet als er gepest wordt.",
    "- Eén dia en een korte tekst, voor alle groepen dezelfde.\n"
    "- De leerkracht vertelt het op de informatieavond.\n"
    "- Na afloop drie vragen op een briefje bij de uitgang.",
    "Alle groepen; de ouders op de informatieavonden.",
    "Een dia, een tekst van een half A4, briefjes en pennen bij de deur.",
)

PUPIL_IDEAS = (
    "De kinderraad stelde voor dat kinderen zelf ook een kaartje krijgen: 'Wat wil jij dat de "
    "juf tegen je ouders zegt?'. Groep 8 wil het kaartje tekenen."
)


def _design(cycle, spec, goal_ids, theme_ids, lead, starts_on, ends_on, size, term):
    title, aim, prediction, activities, participants, needs = spec
    return services.save_design(
        cycle,
        services.Design(
            title=title,
            aim=aim,
            prediction=prediction,
            activities=activities,
            participants=participants,
            needs=needs,
            starts_on=starts_on,
            ends_on=ends_on,
            size=size,
            term=term,
            lead_id=lead.id if lead else None,
            goal_ids=tuple(goal_ids),
            theme_ids=tuple(theme_ids),
        ),
    )


def _observe(experiment, chair, rows, today):
    for on, values, note, adjustment in rows:
        services.add_observation(
            experiment,
            observed_on=on,
            values=dict(zip([m.id for m in experiment.measures], values, strict=False)),
            note=note,
            adjustment=adjustment,
            by=chair,
            today=today,
        )


def seed_experiments(cycle: Cycle, chair: User) -> None:
    today = date.today()
    goals = list(
        db.session.scalars(select(Goal).where(Goal.cycle_id == cycle.id).order_by(Goal.id))
    )
    startfoto = [g for g in goals if g.source is GoalSource.startfoto]
    focus = [g for g in goals if g.source is GoalSource.focus]
    themes = {t.name: t.id for t in coding.themes_of(cycle)}
    members = {m.display_name: m for m in cycle.members}
    info, first = themes.get("Informatie van school naar ouders"), themes.get("Het eerste gesprek")

    # 1. Running for twelve weeks, observed every week: the share of parents who heard within
    #    two school days rises after a change of course halfway.
    friday = _design(
        cycle, FRIDAY_NOTE,
        [startfoto[0].id] + [g.id for g in focus[:1]], [t for t in (info, first) if t],
        members.get("Marieke Jansen"), today - timedelta(weeks=12), today + timedelta(weeks=8),
        Size.large, Term.long,
    )  # fmt: skip
    services.add_measure(friday, name="Ouders die binnen twee schooldagen iets hoorden",
                         kind=MeasureKind.percentage, baseline=40, target=90,
                         measured_by="Anti-pestcoördinator",
                         measured_when="elke vrijdag")  # fmt: skip
    services.add_measure(friday, name="Tevredenheid van ouders over de informatie",
                         kind=MeasureKind.scale, baseline=2.5, target=4,
                         measured_by="Leerkrachten, kort belrondje",
                         measured_when="elke vrijdag")  # fmt: skip
    services.move(friday, Stage.designed)
    services.move(friday, Stage.running)
    shares = [45, 50, 42, 55, 48, 52, 68, 72, 70, 78, 75, 82]
    scores = [2.6, 2.8, 2.5, 3.0, 2.7, 2.9, 3.4, 3.5, 3.3, 3.8, 3.6, 3.9]
    notes = {
        0: ("Eerste week: niet iedereen wist welke ouders een bericht moesten krijgen.", ""),
        3: ("Twee ouders bedankten de leerkracht voor het bericht, ook zonder nieuws.", ""),
        6: ("", "Voorbeeldberichten in de klassenmap gelegd en een herinnering op vrijdagochtend "
                "ingesteld."),
        9: ("Groep 6 vergat het een week door de schoolreis.", ""),
    }  # fmt: skip
    _observe(friday, chair, [
        (today - timedelta(weeks=11 - i), [shares[i], scores[i]], *notes.get(i, ("", "")))
        for i in range(12)
    ], today)  # fmt: skip

    # 2. Running for eight weeks with the conversation card; too few points for conclusions.
    card = _design(
        cycle, CONVERSATION_CARD,
        [startfoto[1].id] + [g.id for g in focus[1:2]], [t for t in (first,) if t],
        members.get("Joost de Vries"), today - timedelta(weeks=8), None, Size.small, Term.short,
    )  # fmt: skip
    card.pupil_ideas = PUPIL_IDEAS
    services.add_measure(card, name="Eerste gesprekken die met een vraag aan de ouders begonnen",
                         kind=MeasureKind.percentage, baseline=30, target=80,
                         measured_by="Intern begeleider",
                         measured_when="elke twee weken")  # fmt: skip
    services.add_measure(card, name="Vervolggesprekken nodig", kind=MeasureKind.count,
                         baseline=4, target=2, measured_by="Intern begeleider",
                         measured_when="elke twee weken")  # fmt: skip
    services.move(card, Stage.designed)
    services.move(card, Stage.running)
    _observe(card, chair, [
        (today - timedelta(weeks=7 - i), values, note, "")
        for i, (values, note) in enumerate([
            ([40, 4], "Het kaartje lag nog niet in elke klas."),
            ([50, 3], ""), ([45, 4], ""), ([60, 3], "Geoefend in de teamvergadering."),
            ([65, 2], ""), ([60, 3], ""), ([70, 2], ""), ([75, 2], ""),
        ])
    ], today)  # fmt: skip

    # 3. Ran at the information evenings in September; evaluated and adopted.
    start = date(cycle.start_year, 9, 1)
    evening = _design(
        cycle, INFO_EVENING,
        [startfoto[2].id] + [g.id for g in focus[2:3]], [t for t in (info,) if t],
        members.get("Samira El Idrissi"), start, date(cycle.start_year, 9, 30),
        Size.large, Term.short,
    )  # fmt: skip
    services.add_measure(evening, name="Ouders die weten wat de school doet bij pesten",
                         kind=MeasureKind.percentage, baseline=35, target=75,
                         measured_by="Werkgroep, briefjes bij de uitgang",
                         measured_when="na elke informatieavond")  # fmt: skip
    services.move(evening, Stage.designed)
    services.move(evening, Stage.running)
    evening_today = max(today, date(cycle.start_year, 9, 30))
    _observe(evening, chair, [
        (date(cycle.start_year, 9, day), [value], note, "")
        for day, value, note in [
            (8, 70, "Groepen 1 en 2: veel vragen over de appgroep."), (10, 74, ""),
            (15, 81, "Groep 5 en 6 samen; de dia werkte goed."), (17, 78, ""),
            (22, 85, ""),
            (24, 80, "Groep 8: ouders wilden ook weten wat kinderen zelf kunnen doen."),
        ]
    ], evening_today)  # fmt: skip
    services.save_evaluation(
        evening, chair,
        went_as_planned="Ja, op één avond na waar de dia niet werkte; toen vertelde de "
                        "leerkracht het uit het hoofd.",
        pupils_score=None, pupils_comment="",
        parents_score=4,
        parents_comment="Duidelijk en kort. Een paar ouders wilden het ook op papier.",
        teachers_score=4, teachers_comment="Makkelijk te doen, maar de tijd op de avond is krap.",
        contribution_score=4,
        contribution="Na de avonden kon ruim driekwart van de ouders zeggen wat de school doet.",
        prediction_review="Klopte: gemiddeld 78 procent, boven de 75 die we verwachtten.",
        decision=Decision.adopt,
        next_steps="Volgend jaar opnieuw, met de tekst ook in de eerste nieuwsbrief.",
    )  # fmt: skip
    services.move(evening, Stage.evaluated)
    services.save_goal_review(
        cycle, startfoto[2], status=GoalStatus.partly,
        evidence="Na de informatieavonden wist 78 procent van de ouders wat de school doet. "
                 "Ouders die niet kwamen, bereikten we nog niet.",
        experiment_ids=[evening.id], theme_ids=[t for t in (info,) if t], by=chair,
    )  # fmt: skip
    db.session.flush()


def seed_large_experiments(cycle: Cycle, chair: User) -> None:
    """The benchmark year: every demo experiment gets 30 observations."""
    today = date.today()
    for experiment in db.session.scalars(
        select(Experiment).where(Experiment.cycle_id == cycle.id).order_by(Experiment.id)
    ):
        have = len(experiment.observations)
        first = min((o.observed_on for o in experiment.observations), default=today)
        for i in range(30 - have):
            on = first - timedelta(days=2 * (i + 1))
            value_rows = [(m.id, _plausible(m.kind, m.baseline, i)) for m in experiment.measures]
            experiment.observations.append(
                Observation(
                    observed_on=on,
                    note="",
                    values=[ObservationValue(measure_id=mid, value=v) for mid, v in value_rows],
                    created_by=chair,
                )
            )
    db.session.flush()


def _plausible(kind: MeasureKind, baseline: float | None, i: int) -> float:
    base = baseline if baseline is not None else 3
    wobble = (i * 7) % 5 - 2
    low, high = kind.bounds
    value = base + wobble
    if kind is MeasureKind.yes_no:
        return float(i % 2)
    value = max(low if low is not None else value, value)
    return float(min(high, value) if high is not None else value)


core_demo.DEMO_SEEDERS.append(seed_experiments)
core_demo.DEMO_LARGE_SEEDERS.append(seed_large_experiments)
