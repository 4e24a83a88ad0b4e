"""Run chart rules against series worked out by hand (the working is in the comments)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from experiments.runrules import MIN_POINTS, SHIFT_LENGTH, analyse, min_crossings


def test_constants():
    assert (MIN_POINTS, SHIFT_LENGTH) == (10, 6)


def test_no_points():
    a = analyse([])
    assert (a.n, a.median, a.enough, a.useful, a.longest_run, a.crossings) == (
        0,
        None,
        False,
        0,
        0,
        0,
    )
    assert a.min_crossings is None
    assert not a.shift and a.shift_side is None and not a.too_few_crossings
    assert "0 of the 10 needed" in a.summary()


def test_fewer_than_ten_points_draw_no_conclusion():
    # 8 points; sorted 1..8 -> median (4 + 5) / 2 = 4.5.
    # Sides: B B B B A A A A -> runs 4 and 4, one crossing, 8 useful points.
    # Bin(7, .5): P(X<=0) = 1/128 < .05, P(X<=1) = 8/128 = .0625 -> lower limit 1.
    # (At most half the points lie strictly on one side of the median, so a run of six needs
    # twelve points or more.)
    a = analyse([1, 2, 3, 4, 5, 6, 7, 8])
    assert a.n == 8 and a.median == 4.5 and a.useful == 8
    assert a.longest_run == 4 and a.crossings == 1 and a.min_crossings == 1
    assert not a.enough
    assert not a.shift and a.shift_side is None
    assert not a.too_few_crossings and not a.signal
    assert a.summary() == "Too few points for conclusions yet: 8 of the 10 needed."


# Values 1..7 lie below, 8..14 above; sorted 1..14 -> median (7 + 8) / 2 = 7.5.
SHIFT_ABOVE = [3, 1, 4, 12, 2, 5, 6, 7, 10, 11, 13, 9, 14, 8]


def test_a_clear_shift_above():
    # Sides: B B B | A | B B B B | A A A A A A -> runs 3, 1, 4, 6; crossings 3.
    # 14 useful: Bin(13, .5): P(X<=3) = (1+13+78+286)/8192 = .046 < .05,
    # P(X<=4) = 1093/8192 = .133 -> lower limit 4, and 3 < 4.
    a = analyse(SHIFT_ABOVE)
    assert a.n == 14 and a.median == 7.5 and a.enough and a.useful == 14
    assert a.longest_run == 6
    assert a.shift and a.shift_side == "above"
    assert a.crossings == 3 and a.min_crossings == 4 and a.too_few_crossings
    assert a.signal
    summary = a.summary()
    assert "in a row lie above the median" in summary
    assert "crosses the median less often than chance" in summary
    assert "No signal" not in summary


def test_a_shift_below():
    # Values 8..14 above, 1..7 below; median 7.5.
    # Sides: A A A | B | A A A A | B B B B B B -> runs 3, 1, 4, 6 (below); crossings 3.
    a = analyse([12, 14, 11, 3, 13, 10, 9, 8, 5, 4, 2, 6, 1, 7])
    assert a.median == 7.5 and a.longest_run == 6
    assert a.shift and a.shift_side == "below"
    assert a.crossings == 3 and a.min_crossings == 4 and a.too_few_crossings
    assert "in a row lie below the median" in a.summary()


def test_five_in_a_row_is_not_a_shift():
    # The same series with its last point moved to the front: the run above is now 5.
    # Sides: A | B B B | A | B B B B | A A A A A -> runs 1, 3, 1, 4, 5; crossings 4.
    a = analyse([8, *SHIFT_ABOVE[:-1]])
    assert a.longest_run == 5 and not a.shift and a.shift_side is None
    assert a.crossings == 4 and a.min_crossings == 4 and not a.too_few_crossings
    assert a.summary() == "No signal: the variation looks like chance so far."


def test_points_on_the_median_neither_break_nor_extend_a_run():
    # 11 points; sorted 1 2 3 4 5 5 6 7 7 8 9 -> median is the 6th value, 5.
    # Skipping the two 5s: A A A A A | B B B B -> longest run 5 (not 2 + 2 + 1 as it would be
    # if a 5 broke the run, not 7 as it would be if a 5 counted). 9 useful points, 1 crossing.
    # Bin(8, .5): P(X<=1) = 9/256 = .035, P(X<=2) = 37/256 = .145 -> lower limit 2.
    a = analyse([6, 7, 5, 8, 9, 5, 7, 1, 2, 3, 4])
    assert a.n == 11 and a.median == 5 and a.useful == 9
    assert a.longest_run == 5 and not a.shift
    assert a.crossings == 1 and a.min_crossings == 2 and a.too_few_crossings
    assert a.summary() == (
        "The line crosses the median less often than chance would: a sign of a real change."
    )


def test_a_point_on_the_median_between_two_sides_is_one_crossing():
    # Median 5; sides B (on) A -> one crossing, not two; 2 useful points.
    a = analyse([1, 5, 9])
    assert a.median == 5 and a.useful == 2 and a.crossings == 1 and a.longest_run == 1


def test_ties_on_the_median_with_an_even_number_of_points():
    # 10 points; sorted 2 3 4 4 4 4 4 4 5 6 -> median (4 + 4) / 2 = 4; six points lie on it.
    # Useful: 2 B, 6 A, 3 B, 5 A -> 4 useful, 3 crossings, longest run 1.
    # Bin(3, .5): P(X<=0) = 1/8 = .125 >= .05 -> lower limit 0.
    a = analyse([2, 4, 4, 6, 4, 4, 3, 5, 4, 4])
    assert a.n == 10 and a.enough and a.median == 4
    assert a.useful == 4 and a.crossings == 3 and a.longest_run == 1
    assert a.min_crossings == 0 and not a.too_few_crossings and not a.shift
    assert a.summary() == "No signal: the variation looks like chance so far."


def test_all_points_on_the_median():
    a = analyse([3.0] * 12)
    assert a.median == 3 and a.useful == 0 and a.longest_run == 0 and a.crossings == 0
    assert a.min_crossings is None and not a.signal


def test_a_zig_zag_is_no_signal():
    # Sorted 1..12 -> median 6.5; sides alternate B A B A ... -> 11 crossings, runs of 1.
    # 12 useful: Bin(11, .5): P(X<=2) = 67/2048 = .033, P(X<=3) = 232/2048 = .113 -> 3.
    a = analyse([1, 12, 2, 11, 3, 10, 4, 9, 5, 8, 6, 7])
    assert a.median == 6.5 and a.useful == 12
    assert a.crossings == 11 and a.longest_run == 1 and a.min_crossings == 3
    assert not a.shift and not a.too_few_crossings and not a.signal
    assert a.summary() == "No signal: the variation looks like chance so far."


def test_too_few_crossings_without_a_shift():
    # 1..10 below, 11..20 above; median 10.5. Blocks of five: B5 A5 B5 A5.
    # Longest run 5 (no shift), 3 crossings. 20 useful: Bin(19, .5):
    # P(X<=5) = 16664/524288 = .032, P(X<=6) = 43796/524288 = .084 -> lower limit 6; 3 < 6.
    series = [1, 2, 3, 4, 5, 11, 12, 13, 14, 15, 6, 7, 8, 9, 10, 16, 17, 18, 19, 20]
    a = analyse(series)
    assert a.median == 10.5 and a.useful == 20
    assert a.longest_run == 5 and not a.shift and a.shift_side is None
    assert a.crossings == 3 and a.min_crossings == 6 and a.too_few_crossings
    assert a.summary() == (
        "The line crosses the median less often than chance would: a sign of a real change."
    )


def test_floats_and_a_scale():
    # A 1-5 scale: sorted 2.8 3.0 3.1 3.2 3.3 3.4 3.6 3.7 3.9 4.0 -> median (3.3 + 3.4) / 2.
    a = analyse([3.1, 2.8, 3.3, 3.0, 3.2, 3.4, 3.6, 3.7, 3.9, 4.0])
    assert a.median == pytest.approx(3.35)
    # Sides: B B B B B A A A A A -> two runs of 5, one crossing; 10 useful -> limit 2.
    assert a.longest_run == 5 and a.crossings == 1 and a.min_crossings == 2
    assert a.too_few_crossings and not a.shift


@pytest.mark.parametrize(
    ("useful", "limit"),
    # Anhøj's published table of the lower limit for the number of crossings.
    [(10, 2), (11, 2), (12, 3), (13, 3), (14, 4), (15, 4), (16, 4), (20, 6), (25, 8), (30, 10)],
)
def test_min_crossings_matches_the_published_table(useful, limit):
    assert min_crossings(useful) == limit


def test_min_crossings_for_ten_useful_points_worked_out():
    # Bin(9, .5): P(X<=1) = (1 + 9)/512 = .0195 < .05; P(X<=2) = (1 + 9 + 36)/512 = .0898.
    assert min_crossings(10) == 2
    assert min_crossings(1) is None and min_crossings(0) is None
    assert min_crossings(2) == 0  # Bin(1, .5): P(X<=0) = .5


series = st.lists(st.integers(min_value=0, max_value=6), max_size=40)


@given(series)
def test_properties(values):
    a = analyse(values)
    assert a.n == len(values)
    assert 0 <= a.crossings <= max(a.useful - 1, 0)
    assert 0 <= a.longest_run <= a.useful <= a.n
    # The useful points fall into crossings + 1 runs, so the longest holds its share.
    if a.useful:
        assert a.longest_run * (a.crossings + 1) >= a.useful
    if a.shift:
        assert a.enough and a.longest_run >= SHIFT_LENGTH and a.shift_side in ("above", "below")
    if not a.enough:
        assert not a.shift and not a.too_few_crossings

    b = analyse(list(reversed(values)))
    assert (b.median, b.useful, b.crossings, b.longest_run) == (
        a.median,
        a.useful,
        a.crossings,
        a.longest_run,
    )


def test_equally_long_runs_on_both_sides_report_the_latest():
    # 1 2 1 2 1 2 | 8 9 8 9 8 9: median 5; six below, then six above. The group wants to know
    # where it stands now: above.
    a = analyse([1, 2, 1, 2, 1, 2, 8, 9, 8, 9, 8, 9])
    assert a.median == 5
    assert a.longest_run == 6 and a.shift and a.shift_side == "above"
