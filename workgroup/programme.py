"""The standard programme of a working group's year: seven meetings in three phases.

The wording is ours. Agenda items are copied into a year when the chair starts it, in the
language the chair is using then; after that they belong to the group and can be edited.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l


class Phase(enum.StrEnum):
    start = "start"
    listen = "listen"
    think = "think"
    do = "do"
    evaluate = "evaluate"

    @property
    def label(self) -> str:
        return str(PHASE_LABELS[self])


PHASE_LABELS = {
    Phase.start: _l("Start"),
    Phase.listen: _l("Listen"),
    Phase.think: _l("Think"),
    Phase.do: _l("Do"),
    Phase.evaluate: _l("Evaluate"),
}


@dataclass(frozen=True)
class AgendaTemplate:
    title: object
    prompt: object


@dataclass(frozen=True)
class MeetingTemplate:
    number: int
    phase: Phase
    title: object
    #: Month of the planned date (9 = September of the start year, 1–7 of the next year).
    month: int
    #: How the period reads in the timeline ("April–June").
    period: object
    #: What the group should have at the end of this meeting.
    product: object
    agenda: tuple[AgendaTemplate, ...]


def _item(title, prompt) -> AgendaTemplate:
    return AgendaTemplate(title, prompt)


PROGRAMME: dict[int, MeetingTemplate] = {
    1: MeetingTemplate(
        1,
        Phase.start,
        _l("Start and startfoto"),
        9,
        _l("September"),
        _l("A startfoto with three goals"),
        (
            _item(
                _l("Getting to know each other"),
                _l("Who are you, and what brings you to this working group?"),
            ),
            _item(
                _l("Our school today"),
                _l("Board, size of the team, how we teach: what should a newcomer know?"),
            ),
            _item(
                _l("What we believe"),
                _l("How do we see the role of parents? What do we mean by bullying?"),
            ),
            _item(
                _l("How it goes now"),
                _l("When bullying happens, how do parents and school work together today?"),
            ),
            _item(
                _l("Where we want to be"),
                _l("Describe the situation we want, as three short goals."),
            ),
            _item(
                _l("Agreements for the year"),
                _l("How often do we meet, who does what, how do we keep each other informed?"),
            ),
        ),
    ),
    2: MeetingTemplate(
        2,
        Phase.listen,
        _l("Interview training"),
        10,
        _l("October"),
        _l("An interview guide, a list of respondents and a way to ask consent"),
        (
            _item(
                _l("Practising the in-depth interview"),
                _l("Listening first: how do we ask open questions and ask for an example?"),
            ),
            _item(
                _l("What do we want to learn?"),
                _l("Agree on the purpose of the interviews in one sentence."),
            ),
            _item(
                _l("The interview guide"),
                _l("An introduction everyone uses, three to five open questions, a closing."),
            ),
            _item(
                _l("Whom do we interview?"),
                _l(
                    "Parents, teachers and pupils with different experiences; enough to hear "
                    "nothing new at the end."
                ),
            ),
            _item(
                _l("Consent and practical agreements"),
                _l("Ask consent before the talk; plan an hour for about 45 minutes."),
            ),
        ),
    ),
    3: MeetingTemplate(
        3,
        Phase.think,
        _l("What do the interviews tell us?"),
        1,
        _l("January"),
        _l("Themes: positive and negative experiences, bottlenecks and success factors"),
        (
            _item(
                _l("What struck you?"),
                _l("Each member names the stories that stayed with them, and why."),
            ),
            _item(
                _l("Positive and negative experiences"),
                _l("What went well between parents and school, and what did not?"),
            ),
            _item(
                _l("Bottlenecks and success factors"),
                _l("What gets in the way of working together, and what helps?"),
            ),
            _item(
                _l("Recurring themes"),
                _l("Which themes come back in several talks? Which quotes say it best?"),
            ),
        ),
    ),
    4: MeetingTemplate(
        4,
        Phase.think,
        _l("Focus and goals"),
        2,
        _l("February"),
        _l("A focus, goals with activities, and a message to team and parents"),
        (
            _item(
                _l("Choosing our focus"),
                _l("Of all the themes, which ones will we work on this year?"),
            ),
            _item(
                _l("Goals and activities"),
                _l("What do we want to reach, and which activities could get us there?"),
            ),
            _item(
                _l("Solutions and what they need"),
                _l("Which solutions do we see, and what do we need for them?"),
            ),
            _item(
                _l("Informing team and parents"),
                _l("How do we share the themes so everyone can respond?"),
            ),
        ),
    ),
    5: MeetingTemplate(
        5,
        Phase.do,
        _l("Designing experiments"),
        3,
        _l("March"),
        _l("One to three experiment designs that fit our goals and our school"),
        (
            _item(
                _l("Ideas for experiments"),
                _l("Small or large, short or long term: what fits our vision and goals?"),
            ),
            _item(
                _l("Pupils as a think tank"),
                _l("What do pupils suggest? How do we ask them?"),
            ),
            _item(
                _l("Choosing and designing"),
                _l("Which one to three do we start with, who leads them, how do we measure?"),
            ),
        ),
    ),
    6: MeetingTemplate(
        6,
        Phase.do,
        _l("Running and monitoring"),
        5,
        _l("April–June"),
        _l("Experiments running, with what we observe and what we adjust"),
        (
            _item(
                _l("How are the experiments going?"),
                _l("What do we see so far? Is it going as planned?"),
            ),
            _item(
                _l("Adjusting course"),
                _l("What do we change, and why?"),
            ),
            _item(
                _l("Keeping it small"),
                _l("No more than one to three experiments at a time: are we still on track?"),
            ),
        ),
    ),
    7: MeetingTemplate(
        7,
        Phase.evaluate,
        _l("Evaluation and closing"),
        7,
        _l("July"),
        _l("An evaluation of the experiments and the goals, and lessons for next year"),
        (
            _item(
                _l("Did the experiments go well?"),
                _l("What went as planned, and how did pupils, parents and teachers value it?"),
            ),
            _item(
                _l("Did we reach our goals?"),
                _l("Look back at the three goals of the startfoto: achieved, partly, not yet?"),
            ),
            _item(
                _l("Lessons for next year"),
                _l("What do we keep, what do we change, who stays in the group?"),
            ),
            _item(
                _l("Closing"),
                _l("Thank everyone and celebrate what was done."),
            ),
        ),
    ),
}

#: The period between meetings 2 and 3 in which members hold their interviews.
LISTENING_PERIOD = _l("November–December")
