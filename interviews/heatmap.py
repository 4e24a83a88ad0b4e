"""The code × respondent matrix of the analysis page: a heat map (SVG) and the same numbers as
a table. A year has some 25 codes and 60 respondents, so 1,500 cells drawn twice; written
here in one pass with each name escaped once, instead of a template loop that escapes every
number of every cell (that loop was half of the page's time)."""

from __future__ import annotations

from collections.abc import Sequence

from flask_babel import gettext as _
from markupsafe import Markup, escape

from interviews.models import Code

#: Horizontal space for the code names, then one column per respondent.
_LEFT, _COLUMN, _ROW = 170, 26, 18


def _opacity(n: int, most: int) -> str:
    return f"{0.08 + 0.92 * n / most:.2f}" if n else "0.03"


def matrix_svg(grid: Sequence[tuple[Code, list[int]]], respondents: Sequence[str]) -> Markup:
    """The heat map: the darker a cell, the more fragments of that code in that interview."""
    most = max((n for _, counts in grid for n in counts), default=0) or 1
    width = _LEFT + _COLUMN * len(respondents)
    names = [str(escape(r)) for r in respondents]
    desc = _(
        "Heat map: the darker a cell, the more fragments of that code in that interview; "
        "the table below has the numbers."
    )
    parts = [
        f'<svg class="chart chart--matrix" role="img" aria-labelledby="matrix-title matrix-desc"'
        f' viewBox="0 0 {width} {30 + _ROW * len(grid)}" width="{width}">',
        f'<desc id="matrix-desc">{escape(desc)}</desc>',
    ]
    parts += [
        f'<text x="{_LEFT + 2 + _COLUMN * i}" y="14" font-size="10">{name}</text>'
        for i, name in enumerate(names)
    ]
    for row, (code, counts) in enumerate(grid):
        name = escape(code.name)
        y = 20 + _ROW * row
        parts.append(
            f'<text x="0" y="{32 + _ROW * row}" font-size="11">{escape(code.name[:26])}</text>'
        )
        parts += [
            f'<rect x="{_LEFT + _COLUMN * i}" y="{y}" width="24" height="16" fill="#1f5fa8"'
            f' fill-opacity="{_opacity(n, most)}"><title>{name} · {names[i]}: {n}</title></rect>'
            for i, n in enumerate(counts)
        ]
    parts.append("</svg>")
    return Markup("".join(parts))


def matrix_table(grid: Sequence[tuple[Code, list[int]]], respondents: Sequence[str]) -> Markup:
    """The heat map's numbers: a row per code, a column per respondent, empty for none."""
    head = "".join(f'<th scope="col">{escape(r)}</th>' for r in respondents)
    heading = _("Code")
    rows = "".join(
        f'<tr><th scope="row">{escape(code.name)}</th>'
        + "".join(f'<td class="hit">{n}</td>' if n else "<td></td>" for n in counts)
        + "</tr>"
        for code, counts in grid
    )
    return Markup(
        f'<table class="table table--matrix"><thead><tr><th scope="col">{escape(heading)}</th>'
        f"{head}</tr></thead><tbody>{rows}</tbody></table>"
    )
