"""Known approaches a working group can copy into an experiment design.

A small library, written in our own words for tired teachers and parents: what the approach
is, what it aims at, what we expect to happen, what to do, and what to count to see whether it
worked. Copying one fills in a design that the group then changes to fit its own school.

All texts are English message ids wrapped in ``lazy_gettext``; the Dutch wording lives in the
catalog. Every lazy string is a single literal, so that ``make messages`` can extract it. Keys
are ascii slugs that may be stored with a design (where it was copied from): do not rename.

``size`` says how many people it takes: "small" is one class or a handful of people, "large"
involves a year group, the whole team or all parents. ``term`` says how long before an effect
can be seen: "short" within a few weeks, "long" over a term or the school year.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

#: The kinds of measure an experiment can use, as stored with a design's measures.
MEASURE_KINDS = ("count", "scale", "yes_no", "percentage")
SIZES = ("small", "large")
TERMS = ("short", "long")


@dataclass(frozen=True)
class SuggestedMeasure:
    """Something to count or ask, to see whether the approach works."""

    #: What is measured, in a few words.
    name: object
    #: One of ``MEASURE_KINDS``.
    kind: str
    #: How to find the value before the start, if that is not obvious.
    baseline_hint: object | None = None

    def __post_init__(self) -> None:
        if self.kind not in MEASURE_KINDS:
            raise ValueError(f"unknown measure kind: {self.kind!r}")


@dataclass(frozen=True)
class Approach:
    """One approach of the library."""

    #: Ascii slug: never rename.
    key: str
    #: A few words.
    title: object
    #: Two to four short sentences: what it is.
    summary: object
    #: One sentence: what it is for.
    aim: object
    #: One sentence starting with "We expect": what should change if it works.
    prediction: object
    #: Three or four steps, one per line, each starting with "- ": a text the group copies
    #: into its design and edits there.
    activities: object
    #: One to three measures to copy with the approach.
    suggested_measures: tuple[SuggestedMeasure, ...]
    #: "small" or "large" (see the module docstring).
    size: str
    #: "short" or "long" (see the module docstring).
    term: str

    def __post_init__(self) -> None:
        if self.size not in SIZES:
            raise ValueError(f"unknown size: {self.size!r}")
        if self.term not in TERMS:
            raise ValueError(f"unknown term: {self.term!r}")


APPROACHES: tuple[Approach, ...] = (
    Approach(
        key="support-group",
        title=_l("Support group (no-blame approach)"),
        summary=_l(
            "A pupil who is being bullied tells a teacher how it feels. The teacher then "
            "brings together a small group: pupils who took part in the bullying, pupils who "
            "watched, and friends. Nobody is punished; each of them is asked what they will do "
            "to help. A week later the teacher checks how it went."
        ),
        aim=_l("The bullied pupil feels safe in class again within a few weeks."),
        prediction=_l(
            "We expect the bullying to stop or clearly lessen within two weeks, because the "
            "pupils involved become helpers instead of suspects."
        ),
        activities=_l(
            "- Talk alone with the bullied pupil: ask how it feels, not who did what.\n"
            "- Bring together six to eight pupils, some involved and some friendly, and tell "
            "them how the pupil feels.\n"
            "- Ask each of them for one idea of their own to help, and write it down.\n"
            "- After about a week, check in with the pupil and with each group member."
        ),
        suggested_measures=(
            SuggestedMeasure(
                _l("How safe the pupil feels in class, from 1 to 5"),
                "scale",
                _l("Ask it in the first conversation, before the group meets."),
            ),
            SuggestedMeasure(_l("Bad moments the pupil tells about in the weekly check"), "count"),
            SuggestedMeasure(_l("The pupil says the bullying has stopped"), "yes_no"),
        ),
        size="small",
        term="short",
    ),
    Approach(
        key="restorative-conversation",
        title=_l("Restorative conversation"),
        summary=_l(
            "After an incident, the pupils involved sit down with an adult. Each tells what "
            "happened, what they thought and felt, and who was affected. Together they agree "
            "what is needed to put things right."
        ),
        aim=_l("Pupils repair the harm themselves, so the same incident does not return."),
        prediction=_l(
            "We expect fewer repeat incidents between the same pupils, because they agreed "
            "on the repair themselves."
        ),
        activities=_l(
            "- Agree on a few fixed questions, and let two or three colleagues practise them.\n"
            "- Hold the conversation soon after the incident, in a quiet place.\n"
            "- Write down the agreement in the pupils' own words.\n"
            "- Check after two weeks whether the agreement was kept."
        ),
        suggested_measures=(
            SuggestedMeasure(
                _l("Repeat incidents between the same pupils"),
                "count",
                _l("Count the repeat incidents of last term in the incident log."),
            ),
            SuggestedMeasure(_l("Agreements still kept after two weeks"), "percentage"),
            SuggestedMeasure(_l("How much the pupils felt heard, from 1 to 5"), "scale"),
        ),
        size="small",
        term="short",
    ),
    Approach(
        key="class-agreements-with-parents",
        title=_l("Class agreements made together with parents"),
        summary=_l(
            "At the start of the year each class writes down how they want to treat each "
            "other. Parents read the agreements at home, add an idea and sign them with their "
            "child. The agreements hang in the classroom and come back every month."
        ),
        aim=_l("Pupils, parents and teachers use the same words for how we treat each other."),
        prediction=_l(
            "We expect pupils to remind each other of the agreements more often, and parents "
            "to bring them up at home."
        ),
        activities=_l(
            "- Let the class come up with five to eight agreements, in their own words.\n"
            "- Send them home with a short note asking parents to add one idea.\n"
            "- Collect the signed sheets and put the final agreements on the wall.\n"
            "- Look back at one agreement in every monthly class meeting."
        ),
        suggested_measures=(
            SuggestedMeasure(_l("Families who returned the signed agreements"), "percentage"),
            SuggestedMeasure(_l("Pupils who can name two agreements"), "percentage"),
            SuggestedMeasure(
                _l("How pleasant the class is, from 1 to 5, in the class survey"),
                "scale",
                _l("Use last year's survey, or ask the question once before you start."),
            ),
        ),
        size="large",
        term="long",
    ),
    Approach(
        key="start-of-year-conversation",
        title=_l("Start-of-year conversation with parent and child"),
        summary=_l(
            "In the first weeks of the year the teacher talks for a quarter of an hour with "
            "each child and a parent. The child tells what they are good at, what they find "
            "hard and what they hope for. The teacher mostly asks and listens."
        ),
        aim=_l("Every family knows the teacher and dares to come early when something is wrong."),
        prediction=_l(
            "We expect parents to share worries sooner, so that problems are still small when "
            "school hears about them."
        ),
        activities=_l(
            "- Plan the conversations in the first four weeks, with times that suit parents.\n"
            "- Give the child a few questions to think about beforehand.\n"
            "- Ask the parent what the teacher should know about their child.\n"
            "- End by saying how and when parents can reach the teacher."
        ),
        suggested_measures=(
            SuggestedMeasure(_l("Families spoken to in the first four weeks"), "percentage"),
            SuggestedMeasure(
                _l("Worries raised by parents before the autumn break"),
                "count",
                _l("Ask the teachers how many came in the same weeks last year."),
            ),
            SuggestedMeasure(_l("Parents who know whom to go to with a worry"), "percentage"),
        ),
        size="large",
        term="long",
    ),
    Approach(
        key="parents-evening-class-climate",
        title=_l("Parents' evening about the class climate"),
        summary=_l(
            "An evening per class where parents talk about how the children get along, not "
            "about learning. The teacher shares what they see in class, without names. In "
            "small groups parents discuss what they notice at home and what they can do."
        ),
        aim=_l("Parents know each other and the teacher, and feel they share the group."),
        prediction=_l(
            "We expect more parents to contact the teacher or each other directly when "
            "something happens, instead of keeping quiet."
        ),
        activities=_l(
            "- Invite parents personally, with one clear question for the evening.\n"
            "- Open with a short, nameless picture of how the class is doing.\n"
            "- Let parents talk in groups of four, each group with one question.\n"
            "- Close with two or three things parents and teacher will do."
        ),
        suggested_measures=(
            SuggestedMeasure(_l("Families present at the evening"), "percentage"),
            SuggestedMeasure(_l("How useful parents found the evening, from 1 to 5"), "scale"),
            SuggestedMeasure(
                _l("Parents who contacted the teacher about the group in the next two months"),
                "count",
                _l("Ask the teacher to count the same two months before the evening."),
            ),
        ),
        size="large",
        term="short",
    ),
    Approach(
        key="kitchen-table-tips",
        title=_l("Tips for kitchen-table conversations at home"),
        summary=_l(
            "Parents get a short message with questions that open up a talk about school, "
            "such as who their child played with today. It also says what to do when a child "
            "tells about bullying: stay calm, listen, and contact the teacher together. A new "
            "question follows every few weeks."
        ),
        aim=_l("Children talk at home about how things go between classmates."),
        prediction=_l(
            "We expect children to tell their parents sooner about unpleasant things, and "
            "parents to pass them on to school."
        ),
        activities=_l(
            "- Write five questions that invite more than a yes or no.\n"
            "- Add three calm steps for when a child tells about bullying.\n"
            "- Send one question every three weeks through the usual parent channel.\n"
            "- Ask a few parents after a month what worked at their table."
        ),
        suggested_measures=(
            SuggestedMeasure(_l("Parents who tried at least one question"), "percentage"),
            SuggestedMeasure(
                _l("Reports from parents to school about bullying or being left out"),
                "count",
                _l("Count the reports of the last two months before the first message."),
            ),
            SuggestedMeasure(_l("The message reached every family"), "yes_no"),
        ),
        size="small",
        term="long",
    ),
    Approach(
        key="pupils-think-tank",
        title=_l("Pupils' think tank"),
        summary=_l(
            "A group of pupils from different years meets a few times to think about how "
            "school can be a nicer place. They collect ideas from their classmates, choose one "
            "or two, and present them to the team. The team says honestly what it will do "
            "with them, and reports back."
        ),
        aim=_l("Pupils help shape the approach, so it fits what they really experience."),
        prediction=_l(
            "We expect more pupils to feel that the school listens to them, and ideas chosen "
            "by pupils to be taken up by their classmates."
        ),
        activities=_l(
            "- Ask each class from group 5 up to choose one or two members.\n"
            "- Meet four times, with one adult who asks questions but does not decide.\n"
            "- Let the members collect ideas in their own classes and choose together.\n"
            "- Let them present to the team, and tell the school what happens next."
        ),
        suggested_measures=(
            SuggestedMeasure(_l("Ideas collected from classmates"), "count"),
            SuggestedMeasure(_l("Ideas carried out by the end of the year"), "count"),
            SuggestedMeasure(
                _l("Pupils who feel the school listens to them"),
                "percentage",
                _l("Ask one question in a few classes before the first meeting."),
            ),
        ),
        size="small",
        term="long",
    ),
    Approach(
        key="playground-buddies",
        title=_l("Playground buddies and a break-time plan"),
        summary=_l(
            "Older pupils, after a short training, are buddies at break: they help younger "
            "ones join a game and fetch an adult when needed. The adults on duty agree where "
            "each of them stands, so the whole playground is in view."
        ),
        aim=_l("Break is safe and pleasant for every pupil, also for those who often play alone."),
        prediction=_l(
            "We expect fewer incidents at break and fewer children alone at the edge of the "
            "playground."
        ),
        activities=_l(
            "- Draw the playground and mark where each adult on duty stands.\n"
            "- Train a few older pupils for an hour: how to invite, and when to get help.\n"
            "- Give buddies something to recognise them by, and a fixed spot to meet.\n"
            "- Talk with the buddies every two weeks about what they saw."
        ),
        suggested_measures=(
            SuggestedMeasure(
                _l("Incidents at break, noted per week"),
                "count",
                _l("Note the incidents for two weeks before the buddies start."),
            ),
            SuggestedMeasure(_l("Children playing alone, counted at a fixed moment"), "count"),
            SuggestedMeasure(_l("How pleasant break was, from 1 to 5, asked in class"), "scale"),
        ),
        size="large",
        term="long",
    ),
)

_BY_KEY = {approach.key: approach for approach in APPROACHES}


def get(key: str) -> Approach | None:
    """The approach with ``key``, or ``None``."""
    return _BY_KEY.get(key)
