"""The charts of the app: one description, drawn as SVG for the pages and as PNG for Word.

A chart is a small frozen dataclass. ``svg()`` writes the SVG by hand (a few lines and
rectangles need no library in the web worker) and ``png()`` draws the same content with
matplotlib, imported only there, on a ``Figure`` with the Agg canvas (no pyplot, no global
state).

The SVG follows the Content-Security-Policy of the app: no ``style`` attribute and no
``<style>`` element, only presentation attributes and class names (``static/css/app.css`` styles
``.chart``). It is accessible: ``role="img"`` with ``aria-labelledby`` pointing to its
``<title>`` (the chart's title) and ``<desc>`` (the alt text); ids are unique per chart. Every
text is escaped: labels come from users. Pages still show a table with the same numbers.

Texts are English message ids (``gettext``); dates and numbers follow the locale of the request,
or Dutch outside a request.

``png()`` does not draw in the web worker: the chart process (``workgroup.chart_worker``), a
child of the worker started with the first PNG, draws it, so the worker never loads matplotlib
and numpy (60 MiB it would keep); ``draw_png`` does the same for other pictures (the
infographic of ``reports.infographic``). ``LDD_CHART_PROCESS=0`` (environment or app config)
draws in the worker as before; so does a chart process that cannot start or answer, with a
warning.
"""

from __future__ import annotations

import atexit
import contextlib
import dataclasses
import datetime
import logging
import math
import os
import re
import statistics
import subprocess
import textwrap
import threading
import uuid
import warnings
from collections import OrderedDict
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from babel.dates import format_date
from babel.numbers import format_decimal
from flask import current_app, has_app_context
from flask_babel import get_babel, get_locale, ngettext
from flask_babel import gettext as _
from flask_babel.speaklater import LazyString
from markupsafe import Markup, escape

from workgroup import chart_worker

DEFAULT_COLOUR = "#1f5fa8"
INK = "#222222"
MUTED = "#666666"
GRID = "#dddddd"
MEDIAN_COLOUR = "#555555"
MEDIAN_DASH = (6, 4)
TARGET_COLOUR = "#c05600"
ANNOTATION_COLOUR = "#7a5ea8"
ANNOTATION_DASH = (2, 3)

#: Size of a PNG chart: 16 x 9 cm.
PNG_WIDTH_CM = 16.0
PNG_HEIGHT_CM = 9.0
#: Width of the SVG coordinate system; the SVG itself scales to its container.
SVG_WIDTH = 480

_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
_CM = 1 / 2.54


# --- helpers ------------------------------------------------------------------------------


def _locale():
    """The locale of the request, else Dutch."""
    return get_locale() or "nl"


def format_number(value: float) -> str:
    """A value as shown in charts and alt texts: at most two decimals, in the locale."""
    return format_decimal(value, format="#,##0.##", locale=_locale())


def short_date(on: datetime.date) -> str:
    """A date on an axis, like "3 okt."."""
    return format_date(on, "d MMM", locale=_locale())


def _long_date(on: datetime.date) -> str:
    return format_date(on, "d MMM y", locale=_locale())


def _check_colour(colour: str) -> None:
    if not isinstance(colour, str) or not _COLOUR.fullmatch(colour):
        raise ValueError(f"colour must look like '#1f5fa8', not {colour!r}")


def _number(value) -> float:
    """A chart value as a float (ints and Decimals from the database too); finite or
    ``ValueError``."""
    if isinstance(value, bool | str | bytes):
        raise ValueError(f"a chart value must be a number, not {value!r}")
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"a chart value must be a number, not {value!r}") from None
    if not math.isfinite(number):
        raise ValueError(f"a chart value must be finite, not {value!r}")
    return number


def _shorten(text: str, width: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _title_lines(title: str, width: int) -> list[str]:
    return textwrap.wrap(" ".join(str(title).split()), width, max_lines=2, placeholder=" …") or [""]


def _f(x: float) -> str:
    """A coordinate."""
    return f"{x:.1f}".removesuffix(".0")


def _dash(pattern: tuple[int, int]) -> str:
    return " ".join(str(p) for p in pattern)


def _nice_step(raw: float) -> float:
    """A step of 1, 2 or 5 times a power of ten, near ``raw``."""
    if raw <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(raw))
    fraction = raw / power
    for nice in (1, 2, 5):
        if fraction < nice * 1.5:
            return nice * power
    return 10 * power


class _Svg:
    """Collects the parts of one SVG chart with its unique ids."""

    def __init__(self, kind: str, title: str, alt: str, height: float) -> None:
        self.id = f"chart-{uuid.uuid4().hex[:12]}"
        self.parts = [
            f'<svg xmlns="http://www.w3.org/2000/svg" class="chart chart--{kind}" id="{self.id}"'
            f' role="img" aria-labelledby="{self.id}-title {self.id}-desc"'
            f' viewBox="0 0 {SVG_WIDTH} {_f(height)}" width="100%"'
            f' font-family="sans-serif" font-size="13" fill="{INK}">',
            f'<title id="{self.id}-title">{escape(title)}</title>',
            f'<desc id="{self.id}-desc">{escape(alt)}</desc>',
        ]

    def heading(self, lines: list[str]) -> float:
        """Draw the visible title; return the y below it."""
        spans = "".join(
            f'<tspan x="0" dy="{0 if i == 0 else 18}">{escape(line)}</tspan>'
            for i, line in enumerate(lines)
        )
        self.parts.append(
            f'<text class="chart-title" x="0" y="16" font-size="16" font-weight="bold">'
            f"{spans}</text>"
        )
        return 16 + 18 * (len(lines) - 1) + 12

    def add(self, part: str) -> None:
        self.parts.append(part)

    def markup(self) -> Markup:
        return Markup("".join([*self.parts, "</svg>"]))


def _empty_svg(kind: str, title: str, alt: str) -> Markup:
    lines = _title_lines(title, 56)
    svg = _Svg(kind, title, alt, 16 + 18 * len(lines) + 44)
    top = svg.heading(lines)
    svg.add(
        f'<rect class="chart-empty" x="0" y="{_f(top)}" width="{SVG_WIDTH}" height="40"'
        f' rx="4" fill="#f4f4f4"/>'
        f'<text x="{SVG_WIDTH / 2:g}" y="{_f(top + 25)}" text-anchor="middle" fill="{MUTED}">'
        f"{escape(_('Nothing to show yet.'))}</text>"
    )
    return svg.markup()


def _figure(height_cm: float, dpi: int):
    """A matplotlib figure on the Agg canvas, without pyplot."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(PNG_WIDTH_CM * _CM, height_cm * _CM), dpi=dpi, layout="constrained")
    FigureCanvasAgg(figure)
    return figure


def _png_title(figure, title: str) -> None:
    figure.suptitle(
        "\n".join(_title_lines(title, 70)),
        x=0.01,
        ha="left",
        fontsize=12,
        fontweight="bold",
        parse_math=False,
    )


def _png_bytes(figure, dpi: int) -> bytes:
    out = BytesIO()
    with warnings.catch_warnings():
        # Users type emoji; the font has no glyph for them and shows a box instead.
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .*missing from", category=UserWarning)
        figure.savefig(out, format="png", dpi=dpi, metadata={"Software": None})
    return out.getvalue()


#: Recently drawn PNGs by their full description: drawing takes about 0.1 s a chart, and the
#: same year report is downloaded again and again while its data stays the same.
_PNG_CACHE: OrderedDict[str, bytes] = OrderedDict()
_PNG_CACHE_SIZE = 64
_PNG_LOCK = threading.Lock()

_log = logging.getLogger(__name__)


def draw_png(picture, dpi: int) -> bytes:
    """The PNG of a picture drawn with matplotlib: a chart here, or anything else that pickles
    and has a ``_png(dpi)`` method (the infographic), as the charts are: from the cache, else
    drawn in the chart process (in this process when that is off or fails)."""
    return _cached(picture, dpi, picture._png)


def _cached(chart, dpi: int, draw) -> bytes:
    context = _babel_context()
    # repr covers every field (title, values, colour); the locale and whether translations
    # apply (not outside an app) decide the axis texts
    key = f"{_locale()}|{context is not None}|{dpi}|{chart!r}"
    with _PNG_LOCK:
        if key in _PNG_CACHE:
            _PNG_CACHE.move_to_end(key)
            return _PNG_CACHE[key]
    png = _draw(chart, dpi, draw, context)
    with _PNG_LOCK:
        _PNG_CACHE[key] = png
        while len(_PNG_CACHE) > _PNG_CACHE_SIZE:
            _PNG_CACHE.popitem(last=False)
    return png


def _babel_context() -> tuple[str, tuple[str, ...], str] | None:
    """What the chart process needs to translate and format as this worker does: the locale,
    the translation directories and the domain; ``None`` outside an app context."""
    locale = get_locale()
    if locale is None:
        return None
    babel = get_babel()
    return str(locale), tuple(babel.translation_directories), babel.default_domain


def chart_process_enabled() -> bool:
    """``LDD_CHART_PROCESS`` from the app config, else the environment; on unless it says
    ``0``/``false``/``no``/``off``."""
    value = current_app.config.get("LDD_CHART_PROCESS") if has_app_context() else None
    if value is None:
        value = os.environ.get("LDD_CHART_PROCESS", "")
    if isinstance(value, str):
        return value.strip().lower() not in ("0", "false", "no", "off")
    return bool(value)


def _draw(chart, dpi: int, draw, context) -> bytes:
    """Draw in the chart process; in this process when it is switched off or fails."""
    if not chart_process_enabled():
        return draw(dpi)
    try:
        return CHART_PROCESS.draw(_plain(chart), dpi, context)
    except (OSError, ChartProcessError) as error:
        logger = current_app.logger if has_app_context() else _log
        logger.warning("chart process failed, drawing in the web worker: %s", error)
    return draw(dpi)


def _plain(value):
    """The chart with lazy strings (``lazy_gettext``) made plain, in this request's language,
    so it pickles; nested bars, points and annotations too."""
    if isinstance(value, LazyString):
        return str(value)
    if isinstance(value, tuple | list):
        items = [_plain(item) for item in value]
        if any(new is not old for new, old in zip(items, value, strict=True)):
            return type(value)(items)
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for field in dataclasses.fields(value):
            if not field.init:
                continue
            old = getattr(value, field.name)
            new = _plain(old)
            if new is not old:
                changes[field.name] = new
        return dataclasses.replace(value, **changes) if changes else value
    return value


class ChartProcessError(Exception):
    """The chart process gave no PNG."""


class ChartProcess:
    """The chart process of this web worker: started on first use and again after it ended
    (idle, crashed, or killed), one request at a time (gthread workers share it), never shared
    with a forked process, closed at exit."""

    #: Seconds for an answer, the start of the process included (about 1-2 s; the first
    #: chart then about 0.5 s). gunicorn stops a worker after 30 s.
    TIMEOUT = 20.0
    ROOT = Path(__file__).resolve().parent.parent

    def __init__(self, idle: float | None = None) -> None:
        #: Seconds without a request after which the process ends (None: its own default).
        self.idle = idle
        self._lock = threading.Lock()
        self._process: subprocess.Popen | None = None
        self._owner = os.getpid()

    @property
    def pid(self) -> int | None:
        """The process id of the chart process, if one was started and not yet seen ended."""
        process = self._process
        if process is None or self._owner != os.getpid() or process.poll() is not None:
            return None
        return process.pid

    def draw(self, chart, dpi: int, context) -> bytes:
        """The PNG of ``chart._png(dpi)`` drawn in the chart process under ``context`` (see
        ``chart_worker``). One retry with a new process when the old one had ended (idle) or
        ends while drawing; ``ChartProcessError`` or ``OSError`` when there is no PNG."""
        try:
            request = chart_worker.encode((chart, dpi, context))
        except Exception as error:  # noqa: BLE001 - whatever does not pickle
            raise ChartProcessError(f"the chart does not pickle: {error!r}") from error
        with self._lock:
            for attempt in (1, 2):
                process = self._running()
                try:
                    chart_worker.write_all(process.stdin.fileno(), request)
                    status, answer = chart_worker.read_message(
                        process.stdout.fileno(), self.TIMEOUT, self.TIMEOUT
                    )
                except (BrokenPipeError, EOFError) as error:
                    self._stop()
                    if attempt == 2:
                        raise ChartProcessError(f"the chart process ended: {error}") from error
                except Exception as error:  # noqa: BLE001 - a timeout or a garbled answer
                    self._stop(kill=True)
                    raise ChartProcessError(f"the chart process failed: {error!r}") from error
                except BaseException:
                    # Interrupted between question and answer (the worker is being stopped):
                    # an answer may still come, so this process can answer no other question.
                    self._stop(kill=True)
                    raise
                else:
                    if status != "ok":
                        raise ChartProcessError(answer)
                    return answer
        raise AssertionError("unreachable")

    def _running(self) -> subprocess.Popen:
        if self._owner != os.getpid():
            self._forget()
        if self._process is not None and self._process.poll() is not None:
            self._stop()
        if self._process is None:
            self._process = subprocess.Popen(
                chart_worker.command(self.idle),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                bufsize=0,
                cwd=self.ROOT,
                env=os.environ.copy(),
            )
            self._owner = os.getpid()
        return self._process

    def _stop(self, kill: bool = False) -> None:
        """End the process (end of input; killed when it does not end within 2 s, or at once
        with ``kill``) and collect it."""
        process, self._process = self._process, None
        if process is None:
            return
        _close_pipes(process)
        if kill:
            process.kill()
        try:
            process.wait(timeout=2)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def _forget(self) -> None:
        """In a forked process: let go of the parent's chart process without touching it (its
        pipes closed here; the parent still talks to it), with a fresh lock."""
        process, self._process = self._process, None
        self._lock = threading.Lock()
        self._owner = os.getpid()
        if process is not None:
            _close_pipes(process)
            # Not ours to wait for: mark it so Popen does not warn about it later.
            process.returncode = 0

    def close(self) -> None:
        if self._owner != os.getpid():
            self._forget()
            return
        with self._lock:
            self._stop()


def _close_pipes(process: subprocess.Popen) -> None:
    for pipe in (process.stdin, process.stdout):
        with contextlib.suppress(OSError):
            pipe.close()


CHART_PROCESS = ChartProcess()
atexit.register(CHART_PROCESS.close)
os.register_at_fork(after_in_child=CHART_PROCESS._forget)


def _empty_png(title: str, dpi: int) -> bytes:
    figure = _figure(PNG_HEIGHT_CM, dpi)
    _png_title(figure, title)
    figure.text(
        0.5, 0.5, _("Nothing to show yet."), ha="center", va="center", color=MUTED, fontsize=11
    )
    return _png_bytes(figure, dpi)


# --- bar chart ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    label: str
    value: float


@dataclass(frozen=True)
class BarChart:
    """Horizontal bars in the order given, the label left, the value at the end of each bar.

    Values are counts or percentages: finite and not negative (``ValueError`` otherwise).
    """

    title: str
    bars: tuple[Bar, ...] | list[Bar]
    #: What is counted, e.g. "fragments"; used in the alt text and under the bars.
    unit: str = ""
    colour: str = DEFAULT_COLOUR

    _ROW = 26
    _BAR = 18
    _LABEL_WIDTH = 160
    _LABEL_CHARS = 20
    _VALUE_ROOM = 56

    def __post_init__(self) -> None:
        _check_colour(self.colour)
        bars = tuple(Bar(bar.label, _number(bar.value)) for bar in self.bars)
        for bar in bars:
            if bar.value < 0:
                raise ValueError(f"a bar cannot be negative: {bar.value!r}")
        object.__setattr__(self, "bars", bars)

    def _value_text(self, value: float) -> str:
        number = format_number(value)
        return f"{number} {self.unit}" if self.unit else number

    def alt_text(self) -> str:
        """One plain sentence with the number of bars, then every bar with its value."""
        if not self.bars:
            return _("%(title)s: nothing to show yet.", title=self.title)
        head = ngettext(
            "%(title)s: bar chart with %(num)d bar.",
            "%(title)s: bar chart with %(num)d bars.",
            len(self.bars),
            title=self.title,
        )
        items = "; ".join(f"{bar.label}: {self._value_text(bar.value)}" for bar in self.bars)
        return f"{head} {items}."

    def svg(self) -> Markup:
        title = str(self.title)
        if not self.bars:
            return _empty_svg("bar", title, self.alt_text())
        lines = _title_lines(title, 56)
        top = 16 + 18 * (len(lines) - 1) + 20
        bottom = top + self._ROW * len(self.bars)
        height = bottom + (26 if self.unit else 8)
        svg = _Svg("bar", title, self.alt_text(), height)
        svg.heading(lines)
        left = self._LABEL_WIDTH
        room = SVG_WIDTH - left - self._VALUE_ROOM
        largest = max(bar.value for bar in self.bars) or 1
        for i, bar in enumerate(self.bars):
            y = top + i * self._ROW
            width = room * bar.value / largest
            label, value = str(bar.label), self._value_text(bar.value)
            text_y = _f(y + self._ROW / 2 + 4)
            svg.add(
                f'<g class="bar-row"><title>{escape(label)}: {escape(value)}</title>'
                f'<text class="bar-label" x="0" y="{text_y}">'
                f"{escape(_shorten(label, self._LABEL_CHARS))}</text>"
                f'<rect class="bar" x="{left}" y="{_f(y + (self._ROW - self._BAR) / 2)}"'
                f' width="{_f(width)}" height="{self._BAR}" fill="{self.colour}"/>'
                f'<text class="bar-value" x="{_f(left + width + 5)}" y="{text_y}">'
                f"{escape(format_number(bar.value))}</text></g>"
            )
        svg.add(
            f'<line class="axis" x1="{left}" x2="{left}" y1="{_f(top)}" y2="{_f(bottom)}"'
            f' stroke="{MUTED}" stroke-width="1"/>'
        )
        if self.unit:
            svg.add(
                f'<text class="chart-unit" x="{left}" y="{_f(bottom + 18)}" font-size="11"'
                f' fill="{MUTED}">{escape(self.unit)}</text>'
            )
        return svg.markup()

    def png(self, dpi: int = 200) -> bytes:
        return draw_png(self, dpi)

    def _png(self, dpi: int) -> bytes:
        title = str(self.title)
        if not self.bars:
            return _empty_png(title, dpi)
        n = len(self.bars)
        figure = _figure(max(PNG_HEIGHT_CM, 2.2 + 0.75 * n), dpi)
        ax = figure.add_subplot()
        values = [bar.value for bar in self.bars]
        positions = range(n)
        ax.barh(positions, values, height=0.65, color=self.colour)
        ax.set_yticks(
            positions,
            labels=[_shorten(str(bar.label), 40) for bar in self.bars],
            parse_math=False,
            fontsize=9,
        )
        # The first bar on top, as in the SVG; a few bars stay as thin as in a longer chart.
        ax.set_ylim(max(n, 6) - 0.5, -0.5)
        largest = max(values) or 1
        ax.set_xlim(0, largest * 1.15)
        for i, value in enumerate(values):
            ax.text(value + largest * 0.01, i, format_number(value), va="center", fontsize=9)
        ax.set_xticks([])
        for side in ("top", "right", "bottom"):
            ax.spines[side].set_visible(False)
        ax.tick_params(axis="y", length=0)
        if self.unit:
            ax.set_xlabel(self.unit, color=MUTED, fontsize=9, loc="left", parse_math=False)
        _png_title(figure, title)
        return _png_bytes(figure, dpi)


# --- run chart ----------------------------------------------------------------------------


@dataclass(frozen=True)
class RunPoint:
    on: datetime.date
    value: float


@dataclass(frozen=True)
class Annotation:
    on: datetime.date
    text: str


@dataclass(frozen=True)
class _RunScale:
    low: float
    high: float
    ticks: tuple[float, ...]
    first: datetime.date
    last: datetime.date
    dates: tuple[datetime.date, ...]  # dates labelled on the x axis


@dataclass(frozen=True)
class RunChart:
    """Measurements over time: points on a line, the median dashed, an optional target line,
    and vertical markers for what happened (annotations). Points and annotations are sorted by
    date by the chart itself."""

    title: str
    points: tuple[RunPoint, ...] | list[RunPoint]
    target: float | None = None
    annotations: tuple[Annotation, ...] | list[Annotation] = ()
    y_label: str = ""
    #: Bottom of the y axis, e.g. 1 for a 1-5 scale; lower values still show.
    y_min: float | None = None
    #: Top of the y axis, e.g. 5 or 100; higher values still show.
    y_max: float | None = None
    colour: str = DEFAULT_COLOUR

    _HEIGHT = 270
    _LEFT = 48
    _RIGHT = 14
    _BOTTOM = 30
    _PAD = 10  # between the y axis and the first point
    _LABEL_GAP = 50  # least distance between two date labels
    #: Characters per title line: bold 16 px takes up to ~9.6 units a character in a wide font
    #: (DejaVu Sans, the system font on many Linux desktops), and the SVG is 480 units wide.
    _TITLE_CHARS = 46

    def __post_init__(self) -> None:
        _check_colour(self.colour)
        for name in ("target", "y_min", "y_max"):
            if getattr(self, name) is not None:
                object.__setattr__(self, name, _number(getattr(self, name)))
        if self.y_min is not None and self.y_max is not None and self.y_min >= self.y_max:
            raise ValueError("y_min must be below y_max")
        points = (RunPoint(point.on, _number(point.value)) for point in self.points)
        object.__setattr__(self, "points", tuple(sorted(points, key=lambda p: p.on)))
        object.__setattr__(self, "annotations", tuple(sorted(self.annotations, key=lambda a: a.on)))

    @property
    def median(self) -> float | None:
        if not self.points:
            return None
        return statistics.median(point.value for point in self.points)

    def alt_text(self) -> str:
        """Plain language: how many points over which dates, first and last value, median,
        target and the annotations."""
        if not self.points:
            return _("%(title)s: nothing to show yet.", title=self.title)
        name = f"{self.title} ({self.y_label})" if self.y_label else str(self.title)
        sentences = [
            ngettext(
                "%(title)s: run chart with %(num)d point, from %(first)s to %(last)s.",
                "%(title)s: run chart with %(num)d points, from %(first)s to %(last)s.",
                len(self.points),
                title=name,
                first=_long_date(self.points[0].on),
                last=_long_date(self.points[-1].on),
            ),
            _(
                "First value %(first)s, last value %(last)s, median %(median)s.",
                first=format_number(self.points[0].value),
                last=format_number(self.points[-1].value),
                median=format_number(self.median),
            ),
        ]
        if self.target is not None:
            sentences.append(_("Target: %(target)s.", target=format_number(self.target)))
        if self.annotations:
            notes = "; ".join(f"{_long_date(a.on)}: {a.text}" for a in self.annotations)
            sentences.append(_("Notes: %(notes)s.", notes=notes))
        return " ".join(sentences)

    def _scale(self, left: float, right: float) -> _RunScale:
        """The y range and ticks, and the dates to label, shared by SVG and PNG."""
        values = [point.value for point in self.points] + [self.median]
        if self.target is not None:
            values.append(self.target)
        low, high = min(values), max(values)
        fixed_low, fixed_high = self.y_min is not None, self.y_max is not None
        if fixed_low:
            low = min(low, self.y_min)
        if fixed_high:
            high = max(high, self.y_max)
        if low == high:  # all values equal: open up the side(s) not fixed
            if fixed_low and not fixed_high:
                high = low + 1
            elif fixed_high and not fixed_low:
                low = high - 1
            else:
                low, high = low - 1, high + 1
        step = _nice_step((high - low) / 5)
        if not fixed_low:
            low = math.floor(low / step) * step
        if not fixed_high:
            high = math.ceil(high / step) * step
        ticks = []
        tick = math.ceil(low / step - 1e-9) * step
        while tick <= high + 1e-9:
            ticks.append(round(tick, 10))
            tick += step

        dates = [point.on for point in self.points] + [a.on for a in self.annotations]
        first, last = min(dates), max(dates)
        scale = _RunScale(low, high, tuple(ticks), first, last, ())
        labelled: list[datetime.date] = []
        previous = -math.inf
        for on in sorted({point.on for point in self.points}):
            x = self._x(scale, on, left, right)
            if x - previous >= self._LABEL_GAP:
                labelled.append(on)
                previous = x
        return _RunScale(low, high, tuple(ticks), first, last, tuple(labelled))

    def _x(self, scale: _RunScale, on: datetime.date, left: float, right: float) -> float:
        inner_left, inner_right = left + self._PAD, right - self._PAD
        span = (scale.last - scale.first).days
        if not span:
            return (inner_left + inner_right) / 2
        return inner_left + (on - scale.first).days / span * (inner_right - inner_left)

    def svg(self) -> Markup:
        title = str(self.title)
        if not self.points:
            return _empty_svg("run", title, self.alt_text())
        lines = _title_lines(title, self._TITLE_CHARS)
        svg = _Svg("run", title, self.alt_text(), self._HEIGHT + 18 * (len(lines) - 1))
        top = svg.heading(lines) + 8
        left = self._LEFT + (16 if self.y_label else 0)
        right = SVG_WIDTH - self._RIGHT
        bottom = self._HEIGHT + 18 * (len(lines) - 1) - self._BOTTOM
        scale = self._scale(left, right)

        def y(value: float) -> float:
            return bottom - (value - scale.low) / (scale.high - scale.low) * (bottom - top)

        def x(on: datetime.date) -> float:
            return self._x(scale, on, left, right)

        for tick in scale.ticks:
            svg.add(
                f'<g class="tick-y"><line x1="{left}" x2="{right}" y1="{_f(y(tick))}"'
                f' y2="{_f(y(tick))}" stroke="{GRID}" stroke-width="1"/>'
                f'<text x="{left - 6}" y="{_f(y(tick) + 4)}" text-anchor="end" font-size="12">'
                f"{escape(format_number(tick))}</text></g>"
            )
        for on in scale.dates:
            svg.add(
                f'<text class="tick-x" x="{_f(x(on))}" y="{_f(bottom + 18)}"'
                f' text-anchor="middle" font-size="12">{escape(short_date(on))}</text>'
            )
        svg.add(
            f'<line class="axis" x1="{left}" x2="{left}" y1="{_f(top)}" y2="{_f(bottom)}"'
            f' stroke="{MUTED}" stroke-width="1"/>'
            f'<line class="axis" x1="{left}" x2="{right}" y1="{_f(bottom)}" y2="{_f(bottom)}"'
            f' stroke="{MUTED}" stroke-width="1"/>'
        )
        if self.y_label:
            middle = (top + bottom) / 2
            svg.add(
                f'<text class="chart-y-label" x="12" y="{_f(middle)}" text-anchor="middle"'
                f' font-size="12" transform="rotate(-90 12 {_f(middle)})">'
                f"{escape(_shorten(self.y_label, 30))}</text>"
            )

        for i, annotation in enumerate(self.annotations):
            ax = x(annotation.on)
            near_right = ax > right - 110
            label_x = ax - 3 if near_right else ax + 3
            svg.add(
                f'<g class="run-annotation"><title>{escape(short_date(annotation.on))}: '
                f"{escape(annotation.text)}</title>"
                f'<line x1="{_f(ax)}" x2="{_f(ax)}" y1="{_f(top)}" y2="{_f(bottom)}"'
                f' stroke="{ANNOTATION_COLOUR}" stroke-width="1.5"'
                f' stroke-dasharray="{_dash(ANNOTATION_DASH)}"/>'
                f'<text x="{_f(label_x)}" y="{_f(top + 12 + 14 * (i % 2))}" font-size="11"'
                f' fill="{ANNOTATION_COLOUR}" text-anchor="{"end" if near_right else "start"}">'
                f"{escape(_shorten(annotation.text, 20))}</text></g>"
            )

        if self.target is not None:
            ty = y(self.target)
            svg.add(
                f'<g class="run-target-group"><line class="run-target" x1="{left}" x2="{right}"'
                f' y1="{_f(ty)}" y2="{_f(ty)}" stroke="{TARGET_COLOUR}" stroke-width="2"/>'
                f'<text x="{left + 4}" y="{_f(ty - 4)}" font-size="11" fill="{TARGET_COLOUR}">'
                f"{escape(_('target %(value)s', value=format_number(self.target)))}</text></g>"
            )
        median = self.median
        my = y(median)
        svg.add(
            f'<g class="run-median-group"><line class="run-median" x1="{left}" x2="{right}"'
            f' y1="{_f(my)}" y2="{_f(my)}" stroke="{MEDIAN_COLOUR}" stroke-width="1.5"'
            f' stroke-dasharray="{_dash(MEDIAN_DASH)}"/>'
            f'<text x="{right - 2}" y="{_f(my - 4)}" font-size="11" text-anchor="end"'
            f' fill="{MEDIAN_COLOUR}">'
            f"{escape(_('median %(value)s', value=format_number(median)))}</text></g>"
        )

        coordinates = [(x(p.on), y(p.value)) for p in self.points]
        if len(coordinates) > 1:
            svg.add(
                '<polyline class="run-line" fill="none" stroke="{}" stroke-width="2"'
                ' points="{}"/>'.format(
                    self.colour, " ".join(f"{_f(cx)},{_f(cy)}" for cx, cy in coordinates)
                )
            )
        for point, (cx, cy) in zip(self.points, coordinates, strict=True):
            svg.add(
                f'<circle class="run-point" cx="{_f(cx)}" cy="{_f(cy)}" r="3.5"'
                f' fill="{self.colour}"><title>{escape(short_date(point.on))}: '
                f"{escape(format_number(point.value))}</title></circle>"
            )
        return svg.markup()

    def png(self, dpi: int = 200) -> bytes:
        return draw_png(self, dpi)

    def _png(self, dpi: int) -> bytes:
        title = str(self.title)
        if not self.points:
            return _empty_png(title, dpi)
        left = self._LEFT + (16 if self.y_label else 0)
        scale = self._scale(left, SVG_WIDTH - self._RIGHT)
        figure = _figure(PNG_HEIGHT_CM, dpi)
        ax = figure.add_subplot()

        xs = [point.on.toordinal() for point in self.points]
        ax.plot(
            xs,
            [point.value for point in self.points],
            color=self.colour,
            linewidth=1.8,
            marker="o",
            markersize=4.5,
            zorder=3,
        )
        median = self.median
        ax.axhline(median, color=MEDIAN_COLOUR, linewidth=1.2, linestyle=(0, MEDIAN_DASH))
        label = {"fontsize": 8, "parse_math": False, "transform": ax.get_yaxis_transform()}
        ax.text(
            0.995,
            median,
            _("median %(value)s", value=format_number(median)),
            ha="right",
            va="bottom",
            color=MEDIAN_COLOUR,
            **label,
        )
        if self.target is not None:
            ax.axhline(self.target, color=TARGET_COLOUR, linewidth=1.8)
            ax.text(
                0.005,
                self.target,
                _("target %(value)s", value=format_number(self.target)),
                ha="left",
                va="bottom",
                color=TARGET_COLOUR,
                **label,
            )
        first, last = scale.first.toordinal(), scale.last.toordinal()
        span = last - first
        for i, annotation in enumerate(self.annotations):
            at = annotation.on.toordinal()
            ax.axvline(at, color=ANNOTATION_COLOUR, linewidth=1, linestyle=(0, ANNOTATION_DASH))
            near_right = span and (at - first) / span > 0.75
            ax.text(
                at,
                0.97 - 0.07 * (i % 2),
                f" {_shorten(annotation.text, 24)} ",
                ha="right" if near_right else "left",
                va="top",
                fontsize=7.5,
                color=ANNOTATION_COLOUR,
                parse_math=False,
                transform=ax.get_xaxis_transform(),
            )

        pad = span * 0.03 if span else 1
        ax.set_xlim(first - pad, last + pad)
        ax.set_ylim(scale.low, scale.high)
        ax.set_yticks(scale.ticks, labels=[format_number(t) for t in scale.ticks], fontsize=8)
        ax.set_xticks(
            [on.toordinal() for on in scale.dates],
            labels=[short_date(on) for on in scale.dates],
            fontsize=8,
        )
        ax.grid(axis="y", color=GRID, linewidth=0.8)
        ax.set_axisbelow(True)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        if self.y_label:
            ax.set_ylabel(self.y_label, fontsize=9, parse_math=False)
        _png_title(figure, title)
        return _png_bytes(figure, dpi)
