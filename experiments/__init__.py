"""DOEN: experiment design, measures, observations, run charts, evaluation."""

from flask import Blueprint

bp = Blueprint("experiments", __name__, url_prefix="/years/<int:year>/experiments")

from experiments import demo, models, views  # noqa: E402, F401  (demo year; tables; routes)
