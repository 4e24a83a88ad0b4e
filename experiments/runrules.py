"""Run chart rules: does a series of measurements show a real change, or only chance?

Pure functions, no Flask and no database. We use Anhøj's two rules on a run chart, with the
median of all points as the centre line:

* **Shift**: a run of ``SHIFT_LENGTH`` (6) or more points in a row on one side of the median.
  Points exactly on the median are skipped: they neither break a run nor add to it.
* **Crossings**: the number of times two consecutive points (skipping points on the median) lie
  on different sides of the median. With ``u`` useful points and no real change, the number of
  crossings follows Binomial(u - 1, 0.5). Too few crossings is a signal.

The lower limit for crossings (``min_crossings``) is the 5th percentile of Binomial(u - 1, 0.5)
in the convention of R's ``qbinom(0.05, u - 1, 0.5)``, which is the one of Anhøj's published
table: the smallest ``k`` with ``P(X <= k) >= 0.05``. It is computed exactly with integers
(``math.comb``), so there are no rounding questions. "Too few" means strictly fewer than that
limit. (Because every probability here has a power of two as denominator, ``P(X <= k)`` is
never exactly 0.05, and the other usual convention, the largest ``k`` with ``P(X < k) <= 0.05``,
gives the same numbers.)

Conclusions are only drawn with at least ``MIN_POINTS`` (10) points: below that ``shift`` and
``too_few_crossings`` are always false, whatever the counts say.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from flask_babel import gettext as _

MIN_POINTS = 10
SHIFT_LENGTH = 6


@dataclass(frozen=True)
class RunAnalysis:
    """The result of :func:`analyse` for one series, in the order the points were measured."""

    #: Number of points.
    n: int
    #: Median of all points; ``None`` without points.
    median: float | None
    #: ``n >= MIN_POINTS``: only then are conclusions drawn.
    enough: bool
    #: Points not exactly on the median.
    useful: int
    #: Longest run of consecutive useful points on one side of the median.
    longest_run: int
    #: ``enough`` and ``longest_run >= SHIFT_LENGTH``.
    shift: bool
    #: "above" or "below" for the longest run when ``shift``; else ``None``. When an equally
    #: long run lies on the other side too, the latest run decides: it says where things stand now.
    shift_side: str | None
    #: Times two consecutive useful points lie on different sides of the median.
    crossings: int
    #: Lower limit for crossings (see the module docstring); ``None`` when ``useful < 2``.
    min_crossings: int | None
    #: ``enough`` and ``crossings < min_crossings``.
    too_few_crossings: bool

    @property
    def signal(self) -> bool:
        """True when either rule signals a real change."""
        return self.shift or self.too_few_crossings

    def summary(self) -> str:
        """One to two plain sentences for the working group, in the current language."""
        if not self.enough:
            return _(
                "Too few points for conclusions yet: %(n)d of the %(needed)d needed.",
                n=self.n,
                needed=MIN_POINTS,
            )
        parts = []
        if self.shift and self.shift_side == "above":
            parts.append(_("Six or more points in a row lie above the median: something changed."))
        elif self.shift:
            parts.append(_("Six or more points in a row lie below the median: something changed."))
        if self.too_few_crossings:
            parts.append(
                _(
                    "The line crosses the median less often than chance would: "
                    "a sign of a real change."
                )
            )
        if not parts:
            parts.append(_("No signal: the variation looks like chance so far."))
        return " ".join(parts)


def min_crossings(useful: int) -> int | None:
    """The lower limit for the number of crossings with ``useful`` points off the median.

    The smallest ``k`` with ``P(X <= k) >= 0.05`` for ``X ~ Binomial(useful - 1, 0.5)``;
    ``None`` when ``useful < 2`` (no pair of points, so no crossing is possible).
    """
    if useful < 2:
        return None
    trials = useful - 1
    total = 2**trials
    cumulative = 0
    for k in range(trials + 1):
        cumulative += math.comb(trials, k)
        if 20 * cumulative >= total:  # cumulative / total >= 0.05, in integers
            return k
    return trials  # not reached: the full sum is total


def analyse(values: Sequence[float]) -> RunAnalysis:
    """Apply the run chart rules to ``values``, given in the order they were measured."""
    values = [float(v) for v in values]
    n = len(values)
    median = statistics.median(values) if values else None
    sides = [v > median for v in values if v != median] if values else []
    useful = len(sides)

    longest_run = 0
    longest_side: bool | None = None
    crossings = 0
    run = 0
    for i, side in enumerate(sides):
        if i and side != sides[i - 1]:
            crossings += 1
            run = 0
        run += 1
        if run >= longest_run:
            longest_run, longest_side = run, side

    enough = n >= MIN_POINTS
    shift = enough and longest_run >= SHIFT_LENGTH
    limit = min_crossings(useful)
    return RunAnalysis(
        n=n,
        median=median,
        enough=enough,
        useful=useful,
        longest_run=longest_run,
        shift=shift,
        shift_side=("above" if longest_side else "below") if shift else None,
        crossings=crossings,
        min_crossings=limit,
        too_few_crossings=enough and limit is not None and crossings < limit,
    )
