"""The chart module: safe, accessible SVG for the pages and PNG for Word, with the same
content."""

from __future__ import annotations

import datetime
import struct
import xml.etree.ElementTree as ET
from decimal import Decimal
from io import BytesIO

import pytest
from flask import session

from workgroup.charts import Annotation, Bar, BarChart, RunChart, RunPoint

NS = "{http://www.w3.org/2000/svg}"
HOSTILE = "<script>alert(1)</script>"
D = datetime.date
START = D(2025, 9, 1)


def parse(svg) -> ET.Element:
    """The SVG as XML: this fails on anything unescaped that would break the markup."""
    return ET.fromstring(str(svg))


def elements(root: ET.Element, tag: str, cls: str | None = None) -> list[ET.Element]:
    found = root.iter(NS + tag)
    return [e for e in found if cls is None or cls in e.get("class", "").split()]


def text_of(element: ET.Element) -> str:
    return "".join(element.itertext())


def weekly(values, start=START) -> list[RunPoint]:
    return [RunPoint(start + datetime.timedelta(weeks=i), v) for i, v in enumerate(values)]


def bar_chart(**kwargs) -> BarChart:
    kwargs.setdefault("title", "Fragments per code")
    kwargs.setdefault("bars", [Bar("Outside", 12), Bar("Online", 4), Bar("In class", 7.5)])
    kwargs.setdefault("unit", "fragments")
    return BarChart(**kwargs)


def run_chart(**kwargs) -> RunChart:
    kwargs.setdefault("title", "Reports per week")
    kwargs.setdefault("points", weekly([3, 4, 2, 5, 3, 4, 6, 7, 6, 8]))
    return RunChart(**kwargs)


ALL_KINDS = {
    "bar": bar_chart,
    "run": lambda: run_chart(
        target=5, annotations=[Annotation(D(2025, 10, 6), "Buddies start")], y_label="reports"
    ),
    "empty bar": lambda: bar_chart(bars=[]),
    "empty run": lambda: run_chart(points=[]),
}


# --- SVG: safe and accessible ------------------------------------------------------------


@pytest.mark.parametrize("make", ALL_KINDS.values(), ids=ALL_KINDS.keys())
def test_svg_is_accessible_and_has_no_inline_style(make):
    chart = make()
    svg = str(chart.svg())
    assert "style=" not in svg and "<style" not in svg
    root = parse(svg)
    assert root.tag == NS + "svg"
    assert root.get("role") == "img"
    assert root.get("width") == "100%" and root.get("viewBox").startswith("0 0 ")
    title_id, desc_id = root.get("aria-labelledby").split()
    title, desc = root[0], root[1]
    assert (title.tag, title.get("id"), title.text) == (NS + "title", title_id, chart.title)
    assert (desc.tag, desc.get("id"), desc.text) == (NS + "desc", desc_id, chart.alt_text())


def test_svg_is_markup_ready_for_a_template():
    assert hasattr(bar_chart().svg(), "__html__")
    assert hasattr(run_chart().svg(), "__html__")


def test_hostile_texts_arrive_escaped():
    bars = BarChart(HOSTILE, [Bar(HOSTILE, 3), Bar("ok", 1)], unit=HOSTILE).svg()
    run = RunChart(
        HOSTILE,
        weekly([1, 2, 3]),
        annotations=[Annotation(D(2025, 9, 8), HOSTILE)],
        y_label=HOSTILE,
    ).svg()
    for svg in (bars, run):
        assert "<script" not in svg
        assert "&lt;script&gt;alert(1)" in svg
        root = parse(svg)
        assert root[0].text == HOSTILE  # the title
        assert HOSTILE in root[1].text  # the alt text names it in full
        assert not elements(root, "script")


def test_two_charts_on_a_page_have_unique_ids():
    page = f"<div>{bar_chart().svg()}{bar_chart().svg()}{run_chart().svg()}</div>"
    ids = [e.get("id") for e in ET.fromstring(page).iter() if e.get("id")]
    assert len(ids) == 9 and len(set(ids)) == 9


# --- bar chart ----------------------------------------------------------------------------


def test_bars_keep_their_order_and_the_largest_value_has_the_longest_bar():
    root = parse(bar_chart().svg())
    labels = [text_of(e) for e in elements(root, "text", "bar-label")]
    values = [text_of(e) for e in elements(root, "text", "bar-value")]
    widths = [float(e.get("width")) for e in elements(root, "rect", "bar")]
    assert labels == ["Outside", "Online", "In class"]
    assert values == ["12", "4", "7,5"]  # Dutch outside a request
    assert widths[0] == max(widths) > widths[2] > widths[1] > 0
    assert widths[1] / widths[0] == pytest.approx(4 / 12, abs=0.01)
    ys = [float(e.get("y")) for e in elements(root, "rect", "bar")]
    assert ys == sorted(ys)
    assert all(e.get("fill") == "#1f5fa8" for e in elements(root, "rect", "bar"))


def test_bars_of_zero_and_the_house_colour():
    root = parse(bar_chart(bars=[Bar("None", 0), Bar("Also none", 0)], colour="#AA3300").svg())
    rects = elements(root, "rect", "bar")
    assert [r.get("width") for r in rects] == ["0", "0"]
    assert {r.get("fill") for r in rects} == {"#AA3300"}


def test_a_long_label_is_shortened_on_the_bar_but_whole_in_the_alt_text():
    label = "Being left out during the break on the playground"
    chart = bar_chart(bars=[Bar(label, 2)])
    root = parse(chart.svg())
    shown = text_of(elements(root, "text", "bar-label")[0])
    assert shown.endswith("…") and len(shown) < len(label)
    assert label in chart.alt_text()


def test_bar_alt_text_lists_every_bar_with_its_value_and_unit():
    text = bar_chart().alt_text()
    assert text == (
        "Fragments per code: bar chart with 3 bars. "
        "Outside: 12 fragments; Online: 4 fragments; In class: 7,5 fragments."
    )
    one = BarChart("Codes", [Bar("Outside", 1)]).alt_text()
    assert one == "Codes: bar chart with 1 bar. Outside: 1."


@pytest.mark.parametrize("colour", ["blue", "#fff", "#12345g", "", "1f5fa8", "#1f5fa80"])
def test_invalid_colour_raises(colour):
    with pytest.raises(ValueError):
        bar_chart(colour=colour)
    with pytest.raises(ValueError):
        run_chart(colour=colour)


@pytest.mark.parametrize("value", [-1, float("nan"), float("inf"), "3", None])
def test_invalid_bar_values_raise(value):
    with pytest.raises(ValueError):
        bar_chart(bars=[Bar("x", value)])


def test_values_from_the_database_are_accepted():
    chart = bar_chart(bars=[Bar("Decimal", Decimal("2.5")), Bar("Int", 5)])
    assert [b.value for b in chart.bars] == [2.5, 5.0]
    run = run_chart(points=[RunPoint(D(2025, 9, 1), Decimal("3.5"))], target=Decimal("4"))
    assert run.median == 3.5 and run.target == 4.0


# --- run chart ----------------------------------------------------------------------------


def y_mapping(root: ET.Element):
    """value -> y, read from the chart's own y-axis ticks (grid line and label)."""
    ticks = [
        (float(text_of(g).replace(".", "").replace(",", ".")), float(g.find(NS + "line").get("y1")))
        for g in elements(root, "g", "tick-y")
    ]
    (v0, y0), (v1, y1) = ticks[0], ticks[-1]
    assert v1 > v0 and y1 < y0  # higher values are drawn higher
    return lambda value: y0 + (value - v0) / (v1 - v0) * (y1 - y0)


def test_run_chart_draws_a_point_per_value_a_line_and_the_median():
    values = [3, 4, 2, 5, 3, 4, 6, 7, 6, 8]  # sorted 2 3 3 4 4 5 6 6 7 8 -> median 4.5
    chart = run_chart(points=weekly(values), y_min=0, y_max=10)
    assert chart.median == 4.5
    root = parse(chart.svg())
    y = y_mapping(root)
    circles = elements(root, "circle")
    assert len(circles) == len(values)
    assert all("run-point" in c.get("class") for c in circles)
    for circle, value in zip(circles, values, strict=True):
        assert float(circle.get("cy")) == pytest.approx(y(value), abs=0.15)
    xs = [float(c.get("cx")) for c in circles]
    assert xs == sorted(xs) and len(set(xs)) == len(xs)
    assert len(elements(root, "polyline", "run-line")[0].get("points").split()) == len(values)

    (median,) = elements(root, "line", "run-median")
    assert median.get("y1") == median.get("y2")
    assert float(median.get("y1")) == pytest.approx(y(4.5), abs=0.15)
    assert median.get("stroke-dasharray")
    assert "median 4,5" in text_of(root)


def test_the_y_axis_follows_the_scale_given():
    root = parse(run_chart(points=weekly([3.2, 3.6, 4.1]), y_min=1, y_max=5).svg())
    labels = [text_of(g) for g in elements(root, "g", "tick-y")]
    assert labels == ["1", "2", "3", "4", "5"]


def test_a_fixed_bottom_stays_when_all_values_are_equal():
    # A count that stayed 0: the axis starts at the 0 given, not below it.
    root = parse(run_chart(points=weekly([0, 0, 0]), y_min=0).svg())
    labels = [text_of(g) for g in elements(root, "g", "tick-y")]
    assert labels[0] == "0" and len(labels) >= 2


def test_points_are_sorted_by_date_by_the_chart():
    points = weekly([1, 2, 3, 4])
    chart = run_chart(points=list(reversed(points)))
    assert chart.points == tuple(points)
    root = parse(chart.svg())
    y = y_mapping(root)
    cys = [float(c.get("cy")) for c in elements(root, "circle", "run-point")]
    assert cys == pytest.approx([y(v) for v in (1, 2, 3, 4)], abs=0.15)


def test_target_line_only_with_a_target():
    with_target = parse(run_chart(target=6, y_min=0, y_max=10).svg())
    (line,) = elements(with_target, "line", "run-target")
    assert float(line.get("y1")) == pytest.approx(y_mapping(with_target)(6), abs=0.15)
    # A style of its own: solid and in another colour than the median.
    (median,) = elements(with_target, "line", "run-median")
    assert line.get("stroke-dasharray") is None
    assert line.get("stroke") != median.get("stroke")
    assert "target 6" in text_of(with_target)

    without = parse(run_chart().svg())
    assert not elements(without, "line", "run-target")
    assert "target" not in text_of(without)


def test_annotations_are_marked_and_labelled():
    chart = run_chart(
        annotations=[
            Annotation(D(2025, 10, 6), "Buddies start"),
            Annotation(D(2025, 9, 15), "Parents' evening"),
        ]
    )
    root = parse(chart.svg())
    groups = elements(root, "g", "run-annotation")
    assert [text_of(g.find(NS + "text")) for g in groups] == ["Parents' evening", "Buddies start"]
    xs = [float(g.find(NS + "line").get("x1")) for g in groups]
    circles = elements(root, "circle", "run-point")
    # 15 September is the third weekly point (1, 8, 15 Sep): the marker stands on it.
    assert xs[0] == pytest.approx(float(circles[2].get("cx")), abs=0.15)
    assert xs[0] < xs[1]


def test_dates_on_the_x_axis_in_dutch_outside_a_request():
    root = parse(run_chart(points=weekly([1, 2, 3], start=D(2025, 10, 3))).svg())
    labels = [text_of(e) for e in elements(root, "text", "tick-x")]
    assert labels[0].startswith("3 okt")
    assert len(labels) == 3


def test_many_dates_are_thinned_so_labels_do_not_overlap():
    root = parse(run_chart(points=weekly(range(40))).svg())
    xs = [float(e.get("x")) for e in elements(root, "text", "tick-x")]
    assert 4 <= len(xs) < 40
    assert all(b - a >= 40 for a, b in zip(xs, xs[1:], strict=False))


def test_dates_and_numbers_follow_the_language_of_the_request(app):
    with app.test_request_context():
        session["lang"] = "en"
        chart = run_chart(points=weekly([1.5, 2, 3], start=D(2025, 10, 3)))
        root = parse(chart.svg())
        assert text_of(elements(root, "text", "tick-x")[0]).startswith("3 Oct")
        assert "First value 1.5" in chart.alt_text()


def test_a_single_point_and_equal_values():
    chart = run_chart(points=[RunPoint(D(2025, 9, 1), 3)])
    root = parse(chart.svg())
    assert len(elements(root, "circle")) == 1 and not elements(root, "polyline")
    assert chart.median == 3
    flat = parse(run_chart(points=weekly([2, 2, 2])).svg())
    assert len({c.get("cy") for c in elements(flat, "circle")}) == 1


def test_median_property():
    assert run_chart(points=weekly([1, 9, 2, 8])).median == 5  # (2 + 8) / 2
    assert run_chart(points=weekly([1, 9, 2])).median == 2
    assert run_chart(points=[]).median is None


def test_run_alt_text_mentions_count_values_median_target_and_notes():
    chart = run_chart(
        points=weekly([3, 4, 2, 5, 3, 4, 6, 7, 6, 8]),
        target=5,
        annotations=[Annotation(D(2025, 10, 6), "Buddies start")],
        y_label="reports",
    )
    text = chart.alt_text()
    assert text.startswith("Reports per week (reports): run chart with 10 points, from 1 sep")
    assert "to 3 nov 2025." in text
    assert "First value 3, last value 8, median 4,5." in text
    assert "Target: 5." in text
    assert "Buddies start" in text
    plain = run_chart(points=weekly([2])).alt_text()
    assert "run chart with 1 point," in plain and "Target" not in plain


@pytest.mark.parametrize(
    "kwargs",
    [{"y_min": 5, "y_max": 1}, {"y_min": 3, "y_max": 3}, {"target": float("nan")}],
)
def test_invalid_run_settings_raise(kwargs):
    with pytest.raises(ValueError):
        run_chart(**kwargs)


# --- empty charts -------------------------------------------------------------------------


def test_empty_charts_say_there_is_nothing_yet():
    for chart in (bar_chart(bars=[]), run_chart(points=[], annotations=[])):
        root = parse(chart.svg())
        assert "Nothing to show yet." in text_of(root)
        assert not elements(root, "rect", "bar") and not elements(root, "circle")
        assert chart.alt_text().endswith("nothing to show yet.")


# --- PNG ----------------------------------------------------------------------------------


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def expected_pixels(cm: float, dpi: int) -> float:
    return cm / 2.54 * dpi


@pytest.mark.parametrize("make", ALL_KINDS.values(), ids=ALL_KINDS.keys())
def test_png_is_16_by_9_cm_at_the_given_dpi(make):
    for dpi in (100, 200):
        width, height = png_size(make().png(dpi=dpi))
        assert width == pytest.approx(expected_pixels(16, dpi), abs=1)
        assert height == pytest.approx(expected_pixels(9, dpi), abs=1)


def test_png_decodes_and_is_not_blank():
    from matplotlib.image import imread

    data = run_chart(target=5, annotations=[Annotation(D(2025, 10, 6), "Start")]).png()
    pixels = imread(BytesIO(data), format="png")
    assert pixels.shape[:2] == png_size(data)[::-1]
    assert pixels.std() > 0.05  # lines and text, not an empty page
    empty = imread(BytesIO(run_chart(points=[]).png()), format="png")
    assert pixels.std() > empty.std()


def test_png_is_deterministic():
    chart = run_chart(target=5)
    assert chart.png(dpi=80) == chart.png(dpi=80)


def test_png_grows_for_many_bars():
    bars = [Bar(f"Code {i}", i) for i in range(20)]
    width, height = png_size(bar_chart(bars=bars).png(dpi=100))
    assert height > expected_pixels(9, 100) + 50
    assert width == pytest.approx(expected_pixels(16, 100), abs=1)


def test_png_does_not_interpret_user_text_as_mathematics():
    # matplotlib would parse "$...$" as mathtext and fail on an unknown command.
    tricky = r"costs $\frac$ or $5"
    bar_chart(title=tricky, bars=[Bar(tricky, 1)], unit=tricky).png(dpi=50)
    run_chart(title=tricky, annotations=[Annotation(D(2025, 9, 8), tricky)], y_label=tricky).png(
        dpi=50
    )


def test_png_accepts_emoji_in_labels():
    bar_chart(bars=[Bar("Buddies 😀", 3), Bar("漢字", 1)]).png(dpi=50)


def test_png_is_drawn_once_per_description_and_again_when_data_changes(app):
    from workgroup import charts

    with app.test_request_context():
        first = BarChart("Cache", [Bar("a", 1), Bar("b", 2)])
        same = BarChart("Cache", [Bar("a", 1), Bar("b", 2)])
        changed = BarChart("Cache", [Bar("a", 1), Bar("b", 3)])
        charts._PNG_CACHE.clear()
        png = first.png()
        assert len(charts._PNG_CACHE) == 1
        assert same.png() is png  # served from the cache, not drawn again
        assert changed.png() != png
        assert len(charts._PNG_CACHE) == 2
