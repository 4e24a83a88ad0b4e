"""LUISTEREN and DENKEN: interview training, guide, respondents, consent, transcripts, coding."""

from flask import Blueprint

bp = Blueprint("interviews", __name__, url_prefix="/years/<int:year>/interviews")

from interviews import demo, views, views_denken  # noqa: E402, F401  (routes; demo year)
