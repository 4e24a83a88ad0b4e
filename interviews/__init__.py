"""LUISTEREN and DENKEN: interview training, guide, respondents, consent, transcripts, coding.

Today it holds the interview training of meeting 2; the rest arrives with the LUISTEREN issue.
"""

from flask import Blueprint

bp = Blueprint("interviews", __name__, url_prefix="/years/<int:year>/interviews")

from interviews import views  # noqa: E402, F401  (registers the routes on bp)
