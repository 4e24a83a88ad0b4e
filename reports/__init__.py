"""Word documents, infographics and data exports across the cycle: pure ``build_*`` functions
that lay out plain records, gatherers that fill those records (``reports.data``), the download
views that stream them and the ``flask report`` commands."""

from flask import Blueprint

bp = Blueprint("reports", __name__, url_prefix="/years/<int:year>/reports", cli_group="report")

from reports import cli, doen, services, views  # noqa: E402, F401  (routes, commands, labels, DOEN)
