"""DOEN: experiment design, measures, observations, run charts, evaluation.

The routes arrive with the DOEN issue; the blueprint is registered already so the layout of
the app is the final one.
"""

from flask import Blueprint

bp = Blueprint("experiments", __name__, url_prefix="/years/<int:year>/experiments")
