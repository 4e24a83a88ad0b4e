"""The demo school: our showroom and test bed. Invented people, our own words."""

from __future__ import annotations

from datetime import date, time

from flask_babel import force_locale
from sqlalchemy import select

from app import db
from workgroup import services
from workgroup.models import Function, Membership, Mode, Moment, Role, School, User

DEMO_SCHOOL = "OBS De Regenboog (demo)"
#: The other packages add their part of the demo year here: functions of (cycle, chair) that
#: run after the core is seeded. The core imports none of them.
DEMO_SEEDERS: list = []
#: For ``flask seed-demo --size year``: functions of (cycle, chair) that make the demo year as
#: large as a busy school's (benchmarks), after DEMO_SEEDERS.
DEMO_LARGE_SEEDERS: list = []
DEMO_PASSWORD = "ldd-demo"
DEMO_LOGINS = (
    ("voorzitter@example.nl", "voorzitter (chair)"),
    ("ouder@example.nl", "lid, ouder (member, parent)"),
    ("leerkracht@example.nl", "lid, leerkracht (member, teacher)"),
    ("directeur@example.nl", "directeur (director)"),
)

#: (email or None, name, function, role, motive)
PEOPLE = (
    (
        "voorzitter@example.nl",
        "Marieke Jansen",
        Function.coordinator,
        Role.chair,
        "Als anti-pestcoördinator zie ik hoe snel het vertrouwen tussen ouders en school "
        "wankelt zodra er gepest wordt. Ik wil dat we dat samen steviger maken.",
    ),
    (
        "ouder@example.nl",
        "Samira El Idrissi",
        Function.parent,
        Role.member,
        "Mijn zoon werd vorig jaar buitengesloten. Het liep uiteindelijk goed af, maar ik had "
        "graag eerder geweten wat de school deed.",
    ),
    (
        "leerkracht@example.nl",
        "Joost de Vries",
        Function.teacher,
        Role.member,
        "Ik sta in groep 6 en merk dat ouders en ik vaak langs elkaar heen praten. Ik wil "
        "leren hoe dat anders kan.",
    ),
    (
        "directeur@example.nl",
        "Anouk Bakker",
        Function.director,
        Role.director,
        "Ik wil dat wat de werkgroep bedenkt ook echt in het schoolbeleid landt.",
    ),
    (
        None,
        "Pieter Hoekstra",
        Function.parent,
        None,
        "Lid van de medezeggenschapsraad; ik denk graag mee over hoe we alle ouders bereiken.",
    ),
    (
        None,
        "Lotte (groep 8)",
        Function.pupil,
        None,
        "Namens de kinderraad. Ik wil dat kinderen ook iets te zeggen hebben.",
    ),
    (
        None,
        "Daan (groep 7)",
        Function.pupil,
        None,
        "Ik zit in de kinderraad en vind dat je moet durven zeggen als iemand gepest wordt.",
    ),
    (
        None,
        "Fatma Yilmaz",
        Function.care_coordinator,
        None,
        "Als intern begeleider spreek ik veel ouders; ik breng die ervaringen graag in.",
    ),
)

STARTFOTO = {
    "background": (
        "Openbare basisschool in een wijk met veel jonge gezinnen, onderdeel van een bestuur "
        "met twaalf scholen. Zo'n 310 leerlingen in dertien groepen en een team van 28 "
        "mensen. We werken met de Kanjertraining en vinden eigenaarschap van kinderen "
        "belangrijk: kinderen denken mee via de kinderraad."
    ),
    "vision_parents": (
        "Ouders zijn de eerste deskundigen van hun kind. We zien ze als partners: we delen "
        "zorgen vroeg, we luisteren voordat we oplossingen aandragen en we spreken af wie wat "
        "doet. Daar zijn we nog niet altijd even goed in."
    ),
    "vision_bullying": (
        "Pesten is iets anders dan plagen: het gebeurt herhaaldelijk, er is een machtsverschil "
        "en het doet pijn. We pakken het aan met de hele groep, ook met de kinderen die erbij "
        "staan, en we laten geen kind er alleen voor staan."
    ),
    "collaboration_now": (
        "Als er gepest wordt, hoort de ouder het vaak pas laat. De leerkracht lost veel zelf "
        "op in de klas en meldt het niet altijd. Ouders van het kind dat pest worden soms "
        "helemaal niet betrokken. Als het escaleert, loopt het via de directeur en voelt het "
        "voor ouders als een klacht in plaats van samenwerking."
    ),
}

GOALS = (
    "Ouders horen binnen twee schooldagen van de leerkracht als hun kind betrokken is bij pesten.",
    "Bij elke pestsituatie maken ouders, leerkracht en kind samen één plan met een vaste "
    "evaluatiedatum.",
    "Alle ouders weten aan het begin van het schooljaar wat de school doet als er gepest wordt.",
)

#: The group's own view of its conditions for success at the start of the year.
CONDITIONS_AT_START = {
    "represented": (True, "Ouders, leerkrachten, twee leerlingen uit de kinderraad en de IB'er."),
    "clear_goals": (True, "Drie doelen in de startfoto."),
    "tasks": (False, "Nog niet afgesproken wie de interviews inplant."),
    "long_term": (False, "De directeur neemt het mee naar het jaarplan."),
    "evaluate_regularly": (True, "Na elke bijeenkomst vijf minuten terugblikken."),
    "alternate_meetings": (True, "Twee van de zeven bijeenkomsten online."),
    "realistic_planning": (True, ""),
    "staff_time": (False, "Joost heeft nog geen uren; vervanging is lastig."),
}

MEETING_PLAN = {
    1: (date(2026, 9, 15), time(19, 30), Mode.physical, "Teamkamer"),
    2: (date(2026, 10, 13), time(19, 30), Mode.physical, "Teamkamer"),
    3: (date(2027, 1, 19), time(19, 30), Mode.online, "Teams-link volgt in de agenda"),
    4: (date(2027, 2, 16), time(19, 30), Mode.physical, "Teamkamer"),
    5: (date(2027, 3, 16), time(15, 0), Mode.physical, "Lokaal van groep 8, met de kinderraad"),
    6: (date(2027, 5, 18), time(19, 30), Mode.online, "Teams-link volgt in de agenda"),
    7: (date(2027, 7, 6), time(19, 30), Mode.physical, "Teamkamer, met een hapje"),
}

NOTES_MEETING_1 = {
    0: (
        "Iedereen vertelde kort waarom hij of zij meedoet. Een rode draad: ouders willen "
        "eerder weten wat er speelt, leerkrachten willen minder 'achteraf uitleggen'.",
        "Lotte en Daan nemen ideeën van de kinderraad mee naar elke bijeenkomst.",
    ),
    4: (
        "We kwamen op zes wensen en hebben ze samengevoegd tot drie doelen.",
        "De drie doelen staan in de startfoto.",
    ),
}


def _user(email: str, name: str) -> User:
    user = db.session.scalar(select(User).where(User.email == email))
    if user is None:
        user = User(email=email, display_name=name)
        user.set_password(DEMO_PASSWORD)
        db.session.add(user)
    return user


def seed_demo(start_year: int | None = None, size: str = "school") -> bool:
    """Create the demo school with a year in progress; False when it already exists."""
    if db.session.scalar(select(School.id).where(School.name == DEMO_SCHOOL)):
        return False
    today = date.today()
    start_year = start_year or (today.year if today.month >= 8 else today.year - 1)
    with force_locale("nl"):
        school = services.create_school(DEMO_SCHOOL)
        school.is_demo = True
        school.group_name = "Werkgroep Samen tegen Pesten"
        chair = _user("voorzitter@example.nl", "Marieke Jansen")
        db.session.flush()
        cycle = services.start_cycle(school, start_year, chair)
        members = []
        for email, name, function, role, motive in PEOPLE:
            member = services.add_member(cycle, name, function, motive, chair)
            if email:
                user = _user(email, name)
                db.session.add(Membership(user=user, school=school, role=role))
                member.user = user
            members.append(member)
        db.session.flush()

        services.save_startfoto(cycle, chair, goals=list(GOALS), **STARTFOTO)
        shift = start_year - 2026
        meetings = {m.number: m for m in cycle.meetings}
        for number, (on, at, mode, location) in MEETING_PLAN.items():
            services.update_meeting_plan(
                meetings[number],
                planned_on=on.replace(year=on.year + shift),
                starts_at=at,
                mode=mode,
                location=location,
            )

        cycle.planned_at = cycle.created_at
        services.save_condition_checks(cycle, Moment.start, CONDITIONS_AT_START, chair)

        first, second = meetings[1], meetings[2]
        items = sorted(first.agenda_items, key=lambda i: i.position)
        for index, (notes, decisions) in NOTES_MEETING_1.items():
            services.update_agenda_item(items[index], chair, notes=notes, decisions=decisions)
        services.set_attendance(first, {m.id for m in members[:7]}, chair)
        services.finalize_minutes(first, chair)
        services.set_attendance(second, {m.id for m in members}, chair)
        by_name = {m.display_name: m for m in members}
        services.add_action(
            first,
            "Uitnodiging voor de oudernieuwsbrief schrijven: wie wil geïnterviewd worden?",
            by_name["Samira El Idrissi"],
            date(start_year, 10, 1),
        )
        done = services.add_action(
            first,
            "Startfoto uitwerken en rondsturen",
            by_name["Marieke Jansen"],
            date(start_year, 9, 22),
        )
        services.set_action_done(done, True)
        services.add_action(
            second,
            "Toestemmingsformulieren printen en meegeven aan de geïnterviewden",
            by_name["Joost de Vries"],
            date(start_year, 11, 3),
        )
        services.add_action(
            second,
            "Met de kinderraad bespreken welke leerlingen we willen interviewen",
            by_name["Lotte (groep 8)"],
            date(start_year, 11, 10),
        )
        db.session.flush()
        for seeder in DEMO_SEEDERS + (DEMO_LARGE_SEEDERS if size == "year" else []):
            seeder(cycle, chair)
    db.session.flush()
    return True
