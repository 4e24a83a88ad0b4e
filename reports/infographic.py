"""The infographic for the team and the parents: one A4 page in plain language, without any
personal data: how many people we talked with, the five themes that came back most, the goals
we chose and what we are trying out.

``build_infographic`` lays it out in Word; ``render_infographic_png`` draws the same content
as one picture for a newsletter. Both are pure. The picture is an ``InfographicPicture``, plain
texts and numbers, drawn with matplotlib like the charts: in the chart process
(``workgroup.chart_worker``), so the web worker never loads matplotlib and numpy.
"""

from __future__ import annotations

import textwrap
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from io import BytesIO

from docx.enum.section import WD_ORIENT
from docx.shared import Cm, Pt

from reports.style import (
    Brand,
    Figure,
    add_figure,
    add_table,
    branded_document,
    bullets,
    clean,
    heading,
    paragraph,
)
from workgroup.charts import draw_png

#: At most this many goals and experiments, so everything stays on one page.
MAX_ITEMS = 5
A4_CM = (21.0, 29.7)


@dataclass(frozen=True)
class InfographicData:
    brand: Brand
    labels: Mapping[str, str]
    title: str
    subtitle: str
    #: "We talked with 10 people: 4 parents, 3 teachers and 3 pupils."
    did_text: str
    numbers: list[tuple[str, int]]  #: (group, interviews)
    themes: list[tuple[str, int]]  #: the top five (theme, times mentioned)
    chart: Figure | None
    goals: list[str]
    experiments: list[str] = field(default_factory=list)
    footer: str = ""


def _limited(items: list[str], more: str) -> list[str]:
    """At most MAX_ITEMS items; ``more`` (with %(n)d) says how many were left out."""
    if len(items) <= MAX_ITEMS:
        return list(items)
    return [*items[:MAX_ITEMS], more % {"n": len(items) - MAX_ITEMS}]


def build_infographic(data: InfographicData):
    """One A4 page in Word."""
    labels = data.labels
    document = branded_document(data.brand, data.title)
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(A4_CM[0]), Cm(A4_CM[1])
    section.left_margin = section.right_margin = Cm(1.8)
    section.top_margin = section.bottom_margin = Cm(1.5)
    section.header_distance = section.footer_distance = Cm(0.8)
    document.styles["Normal"].font.size = Pt(10.5)
    document.styles["Title"].font.size = Pt(24)

    paragraph(document, data.title, "Title")
    paragraph(document, data.subtitle)

    heading(document, labels["what_we_did"], 1)
    paragraph(document, data.did_text)
    if data.numbers:
        table = add_table(
            document,
            [group for group, _ in data.numbers],
            [[str(count) for _, count in data.numbers]],
            caption=data.did_text,
        )
        for cell in table.rows[1].cells:
            for run in cell.paragraphs[0].runs:
                run.font.size = Pt(20)
                run.bold = True

    heading(document, labels["what_came_back"], 1)
    if data.chart is not None and data.themes:
        add_figure(document, data.chart)
    elif data.themes:
        bullets(document, [f"{name} ({count})" for name, count in data.themes], "List Number")
    else:
        paragraph(document, labels["no_themes"])

    heading(document, labels["our_goals"], 1)
    if data.goals:
        bullets(document, _limited(data.goals, labels["and_more"]), "List Number")
    else:
        paragraph(document, labels["no_goals"])

    heading(document, labels["trying_out"], 1)
    if data.experiments:
        bullets(document, _limited(data.experiments, labels["and_more"]))
    else:
        paragraph(document, labels["no_experiments"])

    if data.footer:
        footer = paragraph(document, data.footer)
        footer.runs[0].italic = True
        footer.runs[0].font.size = Pt(9)
    return document


# --- the same as one picture ---------------------------------------------------------------

PNG_SIZE_IN = (8.27, 11.69)  # A4
INK = "#222222"
MUTED = "#555555"


def _wrap(text: str, width: int, max_lines: int | None = None) -> str:
    lines = textwrap.wrap(" ".join(clean(text).split()), width) or [""]
    if max_lines and len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], lines[max_lines - 1].rstrip(" .,;") + " …"]
    return "\n".join(lines)


@dataclass(frozen=True)
class InfographicPicture:
    """What the picture shows: only the texts and numbers, so it is small to send to the chart
    process and to keep as a cache key (no logo, no Word chart)."""

    title: str
    subtitle: str
    did_text: str
    numbers: tuple[tuple[str, int], ...]
    themes: tuple[tuple[str, int], ...]
    goals: tuple[str, ...]
    experiments: tuple[str, ...]
    footer: str
    labels: tuple[tuple[str, str], ...]
    colour: str
    alt: str

    @classmethod
    def of(cls, data: InfographicData) -> InfographicPicture:
        return cls(
            title=str(data.title),
            subtitle=str(data.subtitle),
            did_text=str(data.did_text),
            numbers=tuple((str(group), int(count)) for group, count in data.numbers),
            themes=tuple((str(name), int(count)) for name, count in data.themes),
            goals=tuple(str(goal) for goal in data.goals),
            experiments=tuple(str(item) for item in data.experiments),
            footer=str(data.footer),
            labels=tuple((key, str(value)) for key, value in data.labels.items()),
            colour=data.brand.colour,
            alt=alt_text(data),
        )

    def _png(self, dpi: int) -> bytes:
        """Drawn here (the chart process calls this); matplotlib is imported only here."""
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure as MplFigure
        from matplotlib.patches import Rectangle

        labels = dict(self.labels)
        colour = self.colour
        figure = MplFigure(figsize=PNG_SIZE_IN, dpi=dpi)
        FigureCanvasAgg(figure)
        text = {"parse_math": False, "color": INK, "va": "top", "ha": "left"}

        figure.patches.append(
            Rectangle((0, 0.9), 1, 0.1, transform=figure.transFigure, color=colour, zorder=0)
        )
        figure.text(
            0.05, 0.975, _wrap(self.title, 42, 2), fontsize=20, fontweight="bold",
            **{**text, "color": "white"},
        )  # fmt: skip
        figure.text(
            0.05, 0.922, _wrap(self.subtitle, 80, 1), fontsize=10, **{**text, "color": "white"}
        )  # fmt: skip

        figure.text(0.05, 0.87, labels["what_we_did"], fontsize=15, fontweight="bold",
                    **{**text, "color": colour})  # fmt: skip
        figure.text(0.05, 0.835, _wrap(self.did_text, 85, 3), fontsize=10, **text)
        columns = max(len(self.numbers), 1)
        for index, (group, count) in enumerate(self.numbers):
            x = 0.05 + index * 0.9 / columns
            figure.text(x, 0.775, str(count), fontsize=30, fontweight="bold",
                        **{**text, "color": colour})  # fmt: skip
            figure.text(x, 0.725, _wrap(group, 20, 1), fontsize=11, **text)

        figure.text(0.05, 0.675, labels["what_came_back"], fontsize=15, fontweight="bold",
                    **{**text, "color": colour})  # fmt: skip
        if self.themes:
            axes = figure.add_axes((0.36, 0.44, 0.58, 0.2))
            names = [_wrap(name, 30, 2) for name, _ in self.themes]
            counts = [count for _, count in self.themes]
            positions = range(len(counts))
            axes.barh(positions, counts, height=0.6, color=colour)
            axes.set_yticks(positions, labels=names, fontsize=9, parse_math=False)
            axes.invert_yaxis()
            top = max(counts) or 1
            axes.set_xlim(0, top * 1.15)
            for position, count in zip(positions, counts, strict=True):
                axes.text(count + top * 0.01, position, str(count), va="center", fontsize=9)
            axes.set_xticks([])
            for side in ("top", "right", "bottom"):
                axes.spines[side].set_visible(False)
            axes.tick_params(axis="y", length=0)
        else:
            figure.text(0.05, 0.63, _wrap(labels["no_themes"], 85, 2), fontsize=10, **text)

        y = 0.4
        figure.text(0.05, y, labels["our_goals"], fontsize=15, fontweight="bold",
                    **{**text, "color": colour})  # fmt: skip
        y -= 0.035
        goals = _limited(list(self.goals), labels["and_more"]) or [labels["no_goals"]]
        for number, goal in enumerate(goals, start=1):
            prefix = f"{number}. " if self.goals and number <= MAX_ITEMS else ""
            block = _wrap(prefix + goal, 88, 3)
            figure.text(0.05, y, block, fontsize=10, **text)
            y -= 0.02 * (block.count("\n") + 1) + 0.008

        y -= 0.015
        figure.text(0.05, y, labels["trying_out"], fontsize=15, fontweight="bold",
                    **{**text, "color": colour})  # fmt: skip
        y -= 0.035
        experiments = _limited(list(self.experiments), labels["and_more"]) or [
            labels["no_experiments"]
        ]
        for item in experiments:
            block = _wrap(("• " if self.experiments else "") + item, 88, 2)
            figure.text(0.05, y, block, fontsize=10, **text)
            y -= 0.02 * (block.count("\n") + 1) + 0.008

        if self.footer:
            figure.text(0.05, 0.03, _wrap(self.footer, 100, 2), fontsize=8, style="italic",
                        **{**text, "color": MUTED, "va": "bottom"})  # fmt: skip

        out = BytesIO()
        with warnings.catch_warnings():
            # Users type emoji; the font has no glyph for them and shows a box instead.
            warnings.filterwarnings(
                "ignore", message=r"Glyph \d+ .*missing from", category=UserWarning
            )
            figure.savefig(
                out,
                format="png",
                dpi=dpi,
                metadata={
                    "Title": clean(self.title),
                    "Description": clean(self.alt),
                    "Software": None,
                },
            )
        return out.getvalue()


def render_infographic_png(data: InfographicData, dpi: int = 150) -> bytes:
    """The infographic as a PNG (A4 portrait, 1240 x 1754 pixels at 150 dpi) in the house
    colour, for a newsletter. The alt text travels along as the PNG's Description. Drawn in the
    chart process as the charts are (``workgroup.charts.draw_png``)."""
    return draw_png(InfographicPicture.of(data), dpi)


def alt_text(data: InfographicData) -> str:
    """What the picture says, as text (for the newsletter's alt text)."""
    parts = [data.title + ".", data.did_text]
    if data.themes:
        themes = "; ".join(f"{name}: {count}" for name, count in data.themes)
        parts.append(f"{data.labels['what_came_back']}: {themes}.")
    if data.goals:
        parts.append(f"{data.labels['our_goals']}: {' '.join(data.goals[:MAX_ITEMS])}")
    return " ".join(parts)
