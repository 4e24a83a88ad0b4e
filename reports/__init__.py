"""Word documents and infographics across the cycle: pure ``build_*`` functions that return a
python-docx ``Document``, and the download views that stream them."""

from flask import Blueprint

bp = Blueprint("reports", __name__, url_prefix="/years/<int:year>/reports")

from reports import views  # noqa: E402, F401  (registers the routes on bp)
