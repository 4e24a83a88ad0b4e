"""The fixed texts of the documents, as lazy message ids: the document is written in the
language of the person who downloads it (Dutch by default). ``translated`` turns a table into
plain strings for the pure builders."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

MEETING = {
    "present": _l("Present"),
    "nobody_recorded": _l("No attendance recorded."),
    "agenda": _l("Agenda"),
    "no_agenda": _l("No agenda items."),
    "notes": _l("Notes"),
    "decisions": _l("Decisions"),
    "actions": _l("Actions from this meeting"),
    "no_actions": _l("No actions agreed yet."),
    "carried": _l("Open actions from earlier meetings"),
    "action": _l("Action"),
    "who": _l("Who"),
    "before": _l("Before"),
    "done": _l("Done"),
    "yes": _l("yes"),
    "no": _l("no"),
    # meeting 1
    "startfoto": _l("Startfoto"),
    "startfoto_empty": _l(
        "The startfoto has not been filled in yet. The group usually does this together at the "
        "first meeting."
    ),
    "startfoto_goals": _l("d) Where we want to be: our goals"),
    # meeting 2
    "guide": _l("Interview guide"),
    "purpose": _l("Purpose"),
    "introduction": _l("Introduction"),
    "questions": _l("Main questions"),
    "no_questions": _l("No questions yet."),
    "ask_further": _l("Ask further"),
    "closing": _l("Closing"),
    "no_consent_text": _l("The chair has not written a consent text yet."),
    "respondent_plan": _l("Respondent plan"),
    # meeting 3
    "themes": _l("Themes and codes"),
    "no_themes": _l("No themes yet."),
    "no_codes": _l("No codes yet."),
    "our_focus": _l("our focus"),
    "quotes": _l("Telling quotes"),
    "quotes_note": _l(
        "Only quotes of respondents whose consent covers quotes in reports, each under the "
        "respondent's code. Names were replaced when the interview was written out."
    ),
    "no_quotes": _l("No telling quotes with consent for quotes yet."),
    # meeting 4
    "focus": _l("Focus and goals"),
    "focus_themes": _l("The themes we work on"),
    "no_focus": _l("No focus themes chosen yet."),
    "goals": _l("Our goals"),
    "no_goals": _l("The goals are chosen at the fourth meeting."),
    "serves": _l("Works towards the startfoto goal"),
    "goal_themes": _l("Themes"),
    "solution": _l("Activity or solution"),
    "needs": _l("What is needed"),
}

STARTFOTO_PARTS = (
    ("background", _l("a) Background of the school")),
    ("vision_parents", _l("b) Our vision on the involvement of parents")),
    ("vision_bullying", _l("b) Our vision on bullying")),
    ("collaboration_now", _l("c) How parents and school work together now when there is bullying")),
)

INFOGRAPHIC = {
    "what_we_did": _l("What we did"),
    "what_came_back": _l("What came back most"),
    "our_goals": _l("Our goals"),
    "trying_out": _l("What we are trying out"),
    "no_themes": _l("We are still reading the interviews; the themes follow soon."),
    "no_goals": _l("The goals are chosen at the fourth meeting."),
    "no_experiments": _l(
        "We are choosing what to try out first. We will tell you about it soon: your ideas "
        "are welcome."
    ),
    "and_more": _l("and %(n)d more"),
}

CODEBOOK = {
    "no_codes": _l("No codes yet."),
    "no_quotes": _l("No telling quotes with consent for quotes yet."),
}

CODINGS_HEADER = (
    _l("Respondent"),
    _l("Group"),
    _l("Code"),
    _l("Theme"),
    _l("Passage"),
    _l("Memo"),
    _l("Telling quote"),
    _l("Consent for quotes"),
    _l("Coder"),
)


def translated(table) -> dict[str, str]:
    """The table's texts in the current language."""
    return {key: str(value) for key, value in table.items()}
