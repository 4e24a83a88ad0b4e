"""Guidance texts for the working group: help per meeting, glossary, conditions,
interview training, the open-or-closed exercise and the interview card.

Written for a chair who runs the year for the first time, without a researcher at hand:
plain, warm and short, so that every panel can be read in about two minutes.

All texts are English message ids wrapped in ``lazy_gettext``; the Dutch wording lives in
``translations/nl/LC_MESSAGES/messages.po``. Every lazy string is a single literal, so that
``make messages`` can extract it. Keys (glossary, conditions, training sections) are ascii
slugs used in URLs, anchors and the database: do not rename them.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l


@dataclass(frozen=True)
class MeetingHelp:
    """The help panel shown on one of the seven meetings."""

    #: One or two sentences: what this meeting is for.
    purpose: object
    #: Two to four bullets: how the chair prepares.
    prepare: tuple
    #: One to four bullets: what to bring to the meeting.
    bring: tuple
    #: One to three bullets: what the group has at the end.
    outcome: tuple
    #: Two or three bullets: what typically goes wrong.
    pitfalls: tuple
    #: Keys of ``GLOSSARY`` terms this meeting touches; shown as links.
    terms: tuple[str, ...]


@dataclass(frozen=True)
class Term:
    """One entry of the glossary."""

    #: Ascii slug, used as the URL anchor on the glossary page.
    key: str
    #: The word itself.
    term: object
    #: One to three sentences.
    definition: object


@dataclass(frozen=True)
class Condition:
    """A condition for success, ticked by the chair at the start and at the evaluation."""

    #: Stored in the database (``ConditionCheck.key``): never rename.
    key: str
    #: A few words.
    title: object
    #: One sentence: what to look at when ticking it.
    hint: object


@dataclass(frozen=True)
class TrainingSection:
    """One section of the interview training page."""

    #: Ascii slug, used as the section's anchor.
    key: str
    title: object
    #: One to three short paragraphs.
    paragraphs: tuple
    #: Zero to five bullets.
    tips: tuple


@dataclass(frozen=True)
class ExerciseQuestion:
    """A question for the open-or-closed exercise."""

    #: A question an interviewer might ask.
    text: object
    #: True if the question is open.
    is_open: bool
    #: Why it is open or closed; for a closed question, an open alternative.
    explanation: object


# --- help per meeting ---------------------------------------------------------------------

#: Help per meeting, keyed by the meeting's number (1 to 7) in the year's programme.

MEETING_HELP: dict[int, MeetingHelp] = {
    1: MeetingHelp(
        purpose=_l(
            "Get to know each other, share why everyone joined, and make a shared "
            "startfoto: where the school stands today and where you want to go."
        ),
        prepare=(
            _l("Send the date, time and place well ahead, and say what the evening is for."),
            _l("Ask the director for a short background of the school to share."),
            _l("Think of a simple round of introductions so that everyone speaks once."),
            _l("Put the four parts of the startfoto on one sheet, ready to fill in together."),
        ),
        bring=(
            _l("The school's anti-bullying policy and its vision on parent involvement."),
            _l("Large sheets or a screen to write down the startfoto together."),
        ),
        outcome=(
            _l("Everyone knows each other and why they are here."),
            _l("A first startfoto, ending in three goals you want to reach together."),
        ),
        pitfalls=(
            _l("Jumping straight to solutions before you know where you stand."),
            _l("Letting a few voices fill the evening: give pupils and parents room too."),
            _l("Choosing goals so broad that nobody can tell later whether you reached them."),
        ),
        terms=("startfoto", "pedagogical_triangle", "bullying"),
    ),
    2: MeetingHelp(
        purpose=_l(
            "Learn how to hold an in-depth interview, and agree who will talk to whom "
            "in November and December."
        ),
        prepare=(
            _l("Read the interview training yourself and try the exercise once."),
            _l("Draft three to five open questions as a starting point for the guide."),
            _l("Prepare a consent form and a short introduction everyone can use."),
        ),
        bring=(
            _l("The draft interview guide and the consent form."),
            _l("The interview card, printed for every member."),
        ),
        outcome=(
            _l(
                "A clear goal for the interviews, one shared introduction and a guide of "
                "three to five open questions."
            ),
            _l("A list of respondents: parents, teachers and pupils, as varied as possible."),
            _l("Clear agreements on who interviews whom, and by when notes are written out."),
        ),
        pitfalls=(
            _l("Only asking people you already know well, so you hear the same story."),
            _l("Forgetting to ask for consent before the talk starts."),
            _l("Planning too little time: reserve an hour for a talk of about 45 minutes."),
        ),
        terms=("in_depth_interview", "open_question", "consent", "saturation"),
    ),
    3: MeetingHelp(
        purpose=_l(
            "Think together about what the interviews teach you: what works, what "
            "gets stuck, and which themes keep coming back."
        ),
        prepare=(
            _l("Make sure all interview notes are written out and shared with the chair."),
            _l("Ask each member to mark two or three telling quotes in their notes."),
            _l("Read the notes yourself and jot down first themes, without deciding yet."),
        ),
        bring=(
            _l("The written-out interviews, without names."),
            _l("Sticky notes or a shared board to group experiences."),
        ),
        outcome=(
            _l("Positive and negative experiences, sorted into bottlenecks and success factors."),
            _l("A short list of recurring themes, each with a telling quote."),
        ),
        pitfalls=(
            _l("Giving one striking story more weight than the rest of the interviews."),
            _l("Arguing about who is right instead of listening to what respondents said."),
            _l("Sharing details that make a respondent recognisable."),
        ),
        terms=("theme", "saturation", "bystanders"),
    ),
    4: MeetingHelp(
        purpose=_l(
            "Choose your focus: which themes matter most, what goals follow from them, "
            "and which activities or solutions could help."
        ),
        prepare=(
            _l("Share the list of themes from the previous meeting with everyone."),
            _l("Look back at the three goals from the startfoto."),
            _l("Ask the director what time and money are available this year."),
        ),
        bring=(
            _l("The themes with their quotes, and the startfoto."),
            _l("A short draft message to inform the team and the parents."),
        ),
        outcome=(
            _l("Two or three themes to focus on, each with a clear goal."),
            _l("Ideas for activities, and what is needed to make them happen."),
            _l("An agreement on how the team and the parents hear about the themes."),
        ),
        pitfalls=(
            _l("Trying to tackle every theme at once."),
            _l("Forgetting to tell the team and parents, so the work stays invisible."),
        ),
        terms=("theme", "cyberbullying", "pedagogical_triangle"),
    ),
    5: MeetingHelp(
        purpose=_l(
            "Turn your ideas into experiments that fit your vision, your goals and "
            "your school, small or large, short or long."
        ),
        prepare=(
            _l("Collect the ideas from the previous meeting on one list."),
            _l("Ask a few pupils to act as a think tank and give their view on the ideas."),
            _l("Think of a simple way to describe each experiment: what, who, when, how."),
        ),
        bring=(
            _l("The list of ideas and the goals you chose."),
            _l("What the pupils' think tank said."),
        ),
        outcome=(
            _l("One to three experiments, each with an owner and a start date."),
            _l("For each experiment: how you will notice whether it helps."),
        ),
        pitfalls=(
            _l("Designing something too big to start before the summer."),
            _l("Deciding for pupils instead of with them."),
            _l("Leaving the question of who does what until later."),
        ),
        terms=("experiment", "bystanders", "cyberbullying"),
    ),
    6: MeetingHelp(
        purpose=_l(
            "Run your experiments and keep an eye on how they go, so you can adjust along the way."
        ),
        prepare=(
            _l("Ask each owner for a short update on their experiment."),
            _l("Collect what pupils, parents and teachers noticed so far."),
        ),
        bring=(_l("The description of each experiment and the notes gathered so far."),),
        outcome=(
            _l("A clear picture of how each experiment is going."),
            _l("Small changes where needed, agreed with the owner."),
        ),
        pitfalls=(
            _l("Running more than three experiments at a time."),
            _l("Waiting until the end of the year to look at how it goes."),
        ),
        terms=("experiment",),
    ),
    7: MeetingHelp(
        purpose=_l(
            "Look back on the year: did the activities go well, how were they valued, "
            "and do they help you reach your goals?"
        ),
        prepare=(
            _l("Gather the results and reactions from every experiment."),
            _l("Put the three goals from the startfoto next to what happened."),
            _l("Ask members to think about what they want to keep, change or stop."),
            _l("Check the conditions for success again, to compare with the start."),
        ),
        bring=(
            _l("The startfoto, the goals and the notes on each experiment."),
            _l("Something small to thank everyone for their work."),
        ),
        outcome=(
            _l("A short evaluation per experiment and per goal."),
            _l("Agreements on what continues next year, and who takes it on."),
        ),
        pitfalls=(
            _l("Only talking about what went wrong: name what went well too."),
            _l("Closing the year without agreements, so everything stops after summer."),
        ),
        terms=("startfoto", "experiment"),
    ),
}


# --- glossary -----------------------------------------------------------------------------

#: The glossary, in the order shown on the glossary page.

GLOSSARY: tuple[Term, ...] = (
    Term(
        "bullying",
        _l("Bullying versus teasing"),
        _l(
            "Teasing happens between equals and is usually meant as fun by both sides. "
            "Bullying is repeated, on purpose, and aimed at someone who cannot easily "
            "defend themselves."
        ),
    ),
    Term(
        "bystanders",
        _l("Bystanders"),
        _l(
            "Pupils who see bullying happen without being the bully or the target. "
            "What they do, laugh along, look away or step in, makes a big difference."
        ),
    ),
    Term(
        "cyberbullying",
        _l("Cyberbullying"),
        _l(
            "Bullying through phones, apps, games or social media. It can go on after "
            "school hours and is often hidden from adults."
        ),
    ),
    Term(
        "pedagogical_triangle",
        _l("Pedagogical triangle"),
        _l(
            "Parents, school and child together, with the child in the middle. A child "
            "does best when parents and school work together and keep talking with each "
            "other."
        ),
    ),
    Term(
        "startfoto",
        _l("Startfoto"),
        _l(
            "A snapshot of where the school stands at the start of the year: its "
            "background, its vision, how parents and school work together now when "
            "there is bullying, and three goals for the situation you want."
        ),
    ),
    Term(
        "saturation",
        _l("Saturation"),
        _l(
            "The point at which new interviews no longer bring new insights. Then you "
            "have talked to enough people."
        ),
    ),
    Term(
        "consent",
        _l("Consent (AVG)"),
        _l(
            "Under the AVG, the Dutch name for the GDPR, consent must be freely given, "
            "informed and specific, and can be withdrawn at any time. For a pupil you "
            "need the consent of a parent as well as the pupil's own agreement."
        ),
    ),
    Term(
        "in_depth_interview",
        _l("In-depth interview"),
        _l(
            "A calm, one-to-one conversation in which you ask open questions and keep "
            "asking further, to understand someone's experiences and what lies behind them."
        ),
    ),
    Term(
        "open_question",
        _l("Open question"),
        _l(
            "A question that cannot be answered with yes, no or a single word. It "
            "invites the other person to tell their own story."
        ),
    ),
    Term(
        "theme",
        _l("Theme"),
        _l(
            "A topic that keeps coming back in several interviews. Themes help you see "
            "what matters most to pupils, parents and teachers."
        ),
    ),
    Term(
        "experiment",
        _l("Experiment"),
        _l(
            "A new activity you try out for a while to see whether it helps reach your "
            "goals. It can be small or large, short or long."
        ),
    ),
)


# --- conditions for success ---------------------------------------------------------------

#: What participants of earlier working groups found essential. The keys are stored per
#: school year, so the order and the keys must stay as they are.

CONDITIONS: tuple[Condition, ...] = (
    Condition(
        "represented",
        _l("All parties are represented"),
        _l("Teachers, parents, pupils and the anti-bullying coordinator all take part."),
    ),
    Condition(
        "clear_goals",
        _l("Clear goals"),
        _l("Everyone knows what the group wants to achieve this year."),
    ),
    Condition(
        "tasks",
        _l("Clear division of tasks"),
        _l("It is clear who does what, and by when."),
    ),
    Condition(
        "long_term",
        _l("Agreements for the long term"),
        _l("The work does not stop after one year; the school has made lasting agreements."),
    ),
    Condition(
        "evaluate_regularly",
        _l("Regular evaluation"),
        _l("The group looks back together at set moments, not only at the end."),
    ),
    Condition(
        "alternate_meetings",
        _l("Online and in-person meetings alternate"),
        _l("Mixing online and physical meetings makes it easier for everyone to join."),
    ),
    Condition(
        "realistic_planning",
        _l("Realistic and flexible planning"),
        _l(
            "The plans fit the time and energy the members really have, with room to move "
            "a date when needed."
        ),
    ),
    Condition(
        "staff_time",
        _l("Time for staff"),
        _l("Teachers get hours for this work, and cover for their class when needed."),
    ),
)


# --- interview training -------------------------------------------------------------------

#: The sections of the interview training page, in reading order.

TRAINING: tuple[TrainingSection, ...] = (
    TrainingSection(
        "listening_first",
        _l("Listening comes first"),
        (
            _l(
                "In an in-depth interview you are there to understand, not to explain or "
                "to defend the school. The other person does most of the talking."
            ),
            _l(
                "Silences are fine. Give the other person time to think; the most "
                "important things often come after a pause."
            ),
        ),
        (
            _l("Start every talk with the same short introduction and the goal of the talk."),
            _l("Do not judge, correct or give advice during the talk."),
            _l("Summarise now and then to check that you understood well."),
        ),
    ),
    TrainingSection(
        "open_questions",
        _l("Asking open questions"),
        (
            _l(
                "Open questions invite a story. They often start with how, what, when or "
                "tell me about."
            ),
            _l(
                "Use a guide of three to five open questions. It keeps the talk on track, "
                "but you do not have to follow it word for word."
            ),
        ),
        (
            _l("Avoid questions that can be answered with yes or no."),
            _l("Ask one thing at a time."),
            _l("Be careful with why: it can sound like blame. Try what made you... instead."),
        ),
    ),
    TrainingSection(
        "follow_up",
        _l("Asking further"),
        (
            _l(
                "The first answer is often general. Asking further helps you reach "
                "concrete experiences and what they meant to someone."
            ),
        ),
        (
            _l("Can you give an example?"),
            _l("What did that do to you?"),
            _l("How did it go then?"),
            _l("What would have helped you then?"),
            _l("Can you tell me a bit more about that?"),
        ),
    ),
    TrainingSection(
        "consent",
        _l("Asking for consent"),
        (
            _l(
                "Ask for consent before the talk starts, and explain what happens to the "
                "answers. For a pupil, you need a parent's consent and the pupil's own "
                "agreement."
            ),
            _l(
                "Your notes get a code, such as R07, instead of a name. Only you and the "
                "chair read them. Quotes are used only with permission, and anyone can "
                "withdraw later."
            ),
        ),
        (
            _l("Use the same consent form for everyone."),
            _l("Tell people they may skip a question or stop at any moment."),
        ),
    ),
    TrainingSection(
        "writing_out",
        _l("Writing out the interview"),
        (
            _l(
                "Write out your notes the same evening, while the talk is still fresh. "
                "Stay close to the words the person used."
            ),
            _l("Leave out names of people and other details that make someone recognisable."),
        ),
        (
            _l("Mark telling quotes so that you can find them again in meeting three."),
            _l("Keep your own thoughts apart from what the person said."),
        ),
    ),
    TrainingSection(
        "diversity_saturation",
        _l("Diverse respondents and saturation"),
        (
            _l(
                "Talk to a mix of people: parents, teachers and pupils, from different "
                "groups and backgrounds, with different experiences of bullying, and also "
                "people who are less involved."
            ),
            _l(
                "Keep going until new interviews bring little that is new. That point is "
                "called saturation."
            ),
        ),
        (
            _l("Agree together who talks to whom, so you do not all ask the same people."),
            _l("Include at least one person with a negative experience."),
            _l("After each talk, ask yourself: did I hear anything new?"),
        ),
    ),
)


# --- open-or-closed exercise --------------------------------------------------------------

#: Eight questions, four open and four closed, about parents, teachers, pupils and bullying.

EXERCISE: tuple[ExerciseQuestion, ...] = (
    ExerciseQuestion(
        _l("Can you tell me about a time you noticed bullying at school?"),
        True,
        _l("It invites a story about a real moment."),
    ),
    ExerciseQuestion(
        _l("Do you think the school does enough against bullying?"),
        False,
        _l("This asks for yes or no; try: what do you see the school doing against bullying?"),
    ),
    ExerciseQuestion(
        _l("How did your child tell you about what happened?"),
        True,
        _l("It lets the parent describe the moment in their own words."),
    ),
    ExerciseQuestion(
        _l("Did the teacher contact you quickly?"),
        False,
        _l("This asks for yes or no; try: how did the contact with the teacher go?"),
    ),
    ExerciseQuestion(
        _l("Is the playground a safe place?"),
        False,
        _l("This asks for yes or no; try: what is it like for you on the playground?"),
    ),
    ExerciseQuestion(
        _l("What helps you as a teacher when parents raise a worry about bullying?"),
        True,
        _l("It asks the teacher to explain what works for them."),
    ),
    ExerciseQuestion(
        _l("Would you tell a teacher if someone was bullied?"),
        False,
        _l("This asks for yes or no; try: what would you do if you saw someone being bullied?"),
    ),
    ExerciseQuestion(
        _l("What would a good cooperation between parents and school look like to you?"),
        True,
        _l("It invites the person to describe what they hope for."),
    ),
)


# --- interview card -----------------------------------------------------------------------
# A printable pocket card for the interviewer (reports: interview-card.docx).

#: Reminds the interviewer to use the introduction the group agreed on.
CARD_INTRO_HINT = _l(
    "Start with the same short introduction for everyone: who you are, the goal of the "
    "talk, and what happens to the answers."
)

#: Follow-up prompts, to ask further.
CARD_PROMPTS: tuple = (
    _l("Can you give an example?"),
    _l("What did that do to you?"),
    _l("How did it go then?"),
    _l("How did others react?"),
    _l("What would have helped you then?"),
    _l("Can you tell me a bit more about that?"),
)

#: Reminders for during and after the talk.
CARD_REMINDERS: tuple = (
    _l("Ask for consent before you start."),
    _l("Listen more than you talk; silences are fine."),
    _l("Do not judge or give advice: you are there to understand."),
    _l("Note striking words and phrases exactly as they are said."),
    _l("Write out your notes the same evening, without names."),
)
