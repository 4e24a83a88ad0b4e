"""The core of LDD: schools, people, roles, the school year, meetings and the startfoto."""

from flask import Blueprint

bp = Blueprint("workgroup", __name__)

from workgroup import views, views_guidance, views_twofactor  # noqa: E402, F401  (routes on bp)
