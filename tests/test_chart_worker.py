"""The chart process: PNGs for Word are drawn in a child of the web worker, exactly as the
worker would draw them, so the worker never loads matplotlib. These tests use the real child."""

from __future__ import annotations

import datetime
import logging
import os
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from io import BytesIO

import pytest
from flask import session
from flask_babel import lazy_gettext as _l
from PIL import Image

from reports.infographic import (
    InfographicData,
    InfographicPicture,
    alt_text,
    render_infographic_png,
)
from reports.style import Brand
from reports.texts import INFOGRAPHIC
from workgroup import chart_worker, charts
from workgroup.charts import (
    Annotation,
    Bar,
    BarChart,
    ChartProcess,
    ChartProcessError,
    RunChart,
    RunPoint,
)

ROOT = charts.ChartProcess.ROOT
INFOGRAPHIC_LABELS = tuple(key for key in INFOGRAPHIC if key != "and_more")
START = datetime.date(2025, 9, 1)


def run_chart(**kwargs) -> RunChart:
    kwargs.setdefault("title", "Reports per week")
    kwargs.setdefault(
        "points",
        [RunPoint(START + datetime.timedelta(weeks=i), v) for i, v in enumerate([3, 4, 2.5, 5])],
    )
    kwargs.setdefault("target", 4)
    kwargs.setdefault("annotations", [Annotation(datetime.date(2025, 9, 15), "Buddies start")])
    return RunChart(**kwargs)


def bar_chart() -> BarChart:
    return BarChart("Fragments per code", [Bar("Outside", 12), Bar("Online", 4.5)], "fragments")


@pytest.fixture
def process():
    """A chart process of the test's own, closed after it."""
    own = ChartProcess()
    yield own
    own.close()


@pytest.fixture(scope="module")
def shared():
    """A chart process for the tests that leave it running (each start takes 1-2 s)."""
    own = ChartProcess()
    yield own
    own.close()


def language(app, lang: str):
    context = app.test_request_context()
    context.push()
    session["lang"] = lang
    return context


def pixels(png: bytes) -> tuple[int, int]:
    with Image.open(BytesIO(png)) as image:
        image.verify()
    with Image.open(BytesIO(png)) as image:
        assert image.format == "PNG"
        return image.size


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("make", [run_chart, bar_chart, lambda: bar_chart().__class__("", [])])
def test_the_child_draws_what_the_worker_would_draw(app, shared, lang, make):
    context = language(app, lang)
    try:
        chart = make()
        png = shared.draw(chart, 100, charts._babel_context())
        assert png == chart._png(100)  # byte for byte: texts, numbers, dates, size
    finally:
        context.pop()
    width, height = pixels(png)
    assert width == pytest.approx(16 / 2.54 * 100, abs=1)
    assert height == pytest.approx(9 / 2.54 * 100, abs=1)


def test_the_language_reaches_the_child(app, shared):
    process = shared
    chart = run_chart(points=[RunPoint(START, 1.5), RunPoint(datetime.date(2025, 10, 3), 2)])
    drawn = {}
    for lang in ("nl", "en"):
        context = language(app, lang)
        try:
            drawn[lang] = process.draw(chart, 80, charts._babel_context())
            assert drawn[lang] == chart._png(80)
        finally:
            context.pop()
    assert drawn["nl"] != drawn["en"]  # "mediaan 2" and "3 okt." against "median 2" and "3 Oct"
    # Outside an app no translations, Dutch formats: as drawn in the worker there.
    assert process.draw(chart, 80, None) == chart._png(80)


def test_lazy_texts_are_sent_in_the_language_of_the_request(app):
    chart = BarChart(
        _l("Nothing to show yet."), [Bar(_l("Please log in to see this page."), 2)], _l("Notes")
    )
    with app.test_request_context():
        session["lang"] = "nl"
        plain = charts._plain(chart)
        assert plain.title == "Nog niets te zien." and type(plain.title) is str
        assert type(plain.bars[0].label) is str and type(plain.unit) is str
        charts._PNG_CACHE.clear()
        assert chart.png(dpi=60) == chart._png(60)
    run = run_chart(title=_l("Notes"), annotations=[Annotation(START, _l("Notes"))])
    with app.test_request_context():
        session["lang"] = "en"
        plain = charts._plain(run)
        assert (plain.title, plain.annotations[0].text) == ("Notes", "Notes")
        assert plain.points == run.points
        assert run.png(dpi=60) == run._png(60)


def test_the_child_draws_the_infographic_as_the_worker_would(app, shared):
    data = InfographicData(
        brand=Brand("OBS De Regenboog", colour="#225533"),
        labels=dict.fromkeys(INFOGRAPHIC_LABELS, "Kopje") | {"and_more": "en nog %(n)d"},
        title="Wat we hoorden, en wat we gaan doen 😀",
        subtitle="Werkgroep · OBS De Regenboog · 2026–2027",
        did_text="We spraken met 10 mensen.",
        numbers=[("Ouders", 4), ("Leerkrachten", 3), ("Leerlingen", 3)],
        themes=[("Buiten spelen", 12), ("Online", 4)],
        chart=None,
        goals=[f"Doel {n}" for n in range(7)],
        experiments=["Belafspraak"],
        footer="Zonder namen.",
    )
    picture = InfographicPicture.of(data)
    png = shared.draw(picture, 40, None)
    assert png == picture._png(40)
    with Image.open(BytesIO(png)) as image:
        assert image.convert("RGB").getpixel((3, 3)) == (0x22, 0x55, 0x33)
        assert image.info["Description"] == alt_text(data)
    # through the cache and the chart process of the app, as the download view does
    charts._PNG_CACHE.clear()
    with app.test_request_context():
        assert render_infographic_png(data, dpi=40) == png


def test_a_failed_drawing_is_an_error_and_the_process_answers_on(shared):
    process = shared
    chart = bar_chart()
    with pytest.raises(ChartProcessError, match="UnknownLocaleError"):
        process.draw(chart, 50, ("xx_NOPE", (), "messages"))
    pid = process.pid
    assert pid is not None
    assert process.draw(chart, 50, None) == chart._png(50)
    assert process.pid == pid  # the same process: the stream stayed in step


def test_the_child_is_started_again_after_it_was_killed(process):
    chart = bar_chart()
    first = process.draw(chart, 50, None)
    pid = process.pid
    os.kill(pid, signal.SIGKILL)
    assert process.draw(chart, 50, None) == first
    assert process.pid not in (None, pid)
    # Killed while the worker does not yet know: the write or the read fails, one retry.
    os.kill(process.pid, signal.SIGKILL)
    time.sleep(0.2)
    assert process.draw(chart, 50, None) == first


def test_the_child_ends_after_its_idle_time_and_comes_back():
    process = ChartProcess(idle=1)
    try:
        chart = bar_chart()
        first = process.draw(chart, 50, None)
        assert process.pid is not None
        deadline = time.monotonic() + 15
        while process.pid is not None and time.monotonic() < deadline:
            time.sleep(0.2)
        assert process.pid is None  # ended by itself
        assert process.draw(chart, 50, None) == first
    finally:
        process.close()


def test_the_child_ends_at_the_end_of_its_input(process):
    process.draw(bar_chart(), 50, None)
    child = process._process
    process.close()
    assert child.returncode == 0  # it left by itself, not killed
    assert process.pid is None


def test_no_answer_in_time_stops_the_child(process):
    process.TIMEOUT = 0.01  # less than the start takes
    with pytest.raises(ChartProcessError, match="no answer"):
        process.draw(bar_chart(), 50, None)
    assert process._process is None
    process.TIMEOUT = ChartProcess.TIMEOUT
    assert pixels(process.draw(bar_chart(), 50, None))


def test_a_forked_process_starts_its_own_child(process):
    chart = bar_chart()
    png = process.draw(chart, 50, None)
    parent_child = process.pid
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the fork
        code = 1
        try:
            if process.pid is None and charts.CHART_PROCESS.pid is None:
                same = process.draw(chart, 50, None) == png
                code = 0 if same and process.pid not in (None, parent_child) else 2
                process.close()
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    # The fork closed only its copies of the pipes: the parent's child still answers.
    assert process.pid == parent_child
    assert process.draw(chart, 50, None) == png


def test_when_the_child_cannot_start_the_worker_draws_and_warns(app, monkeypatch, caplog, tmp_path):
    broken = ChartProcess()
    broken.ROOT = tmp_path / "gone"  # Popen cannot change into it
    monkeypatch.setattr(charts, "CHART_PROCESS", broken)
    charts._PNG_CACHE.clear()
    with app.test_request_context(), caplog.at_level(logging.WARNING):
        chart = bar_chart()
        assert chart.png(dpi=50) == chart._png(50)
    assert "chart process failed" in caplog.text
    assert broken.pid is None


@pytest.mark.parametrize(
    ("setting", "expected"),
    [(None, True), ("1", True), ("0", False), ("off", False), (False, False), (True, True)],
)
def test_the_setting(app, monkeypatch, setting, expected):
    monkeypatch.delenv("LDD_CHART_PROCESS", raising=False)
    if isinstance(setting, str):
        monkeypatch.setenv("LDD_CHART_PROCESS", setting)
        assert charts.chart_process_enabled() is expected  # outside an app: the environment
    with app.app_context():
        if setting is not None:
            app.config["LDD_CHART_PROCESS"] = setting
        assert charts.chart_process_enabled() is expected


def test_switched_off_the_worker_draws_itself(app):
    charts.CHART_PROCESS.close()
    charts._PNG_CACHE.clear()
    app.config["LDD_CHART_PROCESS"] = False
    with app.test_request_context():
        chart = run_chart()
        assert chart.png(dpi=50) == chart._png(50)
    assert charts.CHART_PROCESS.pid is None  # never started


WEB_WORKER = textwrap.dedent(
    """
    import sys
    from app import create_app
    from flask import session
    from workgroup.charts import Bar, BarChart, RunChart, RunPoint
    import datetime

    app = create_app({"SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": "sqlite://"},
                     migrations=False)
    with app.test_request_context():
        session["lang"] = "nl"
        run = RunChart("Meldingen", [RunPoint(datetime.date(2025, 9, 1), 3),
                                     RunPoint(datetime.date(2025, 9, 8), 4)], target=4)
        png = run.png(dpi=50) + BarChart("Codes", [Bar("Buiten", 3)]).png(dpi=50)
    assert png.startswith(b"\\x89PNG")
    # the infographic for the newsletter too
    from reports.infographic import InfographicData, render_infographic_png
    from reports.style import Brand

    labels = dict.fromkeys(("what_we_did", "what_came_back", "our_goals", "trying_out",
                            "no_themes", "no_goals", "no_experiments"), "x") | {"and_more": "+"}
    data = InfographicData(Brand("School"), labels, "Wat we hoorden", "2026", "We spraken 3.",
                           [("Ouders", 3)], [("Buiten", 2)], None, ["Doel"])
    with app.test_request_context():
        assert render_infographic_png(data, dpi=20).startswith(b"\\x89PNG")
    print("matplotlib" in sys.modules, "numpy" in sys.modules)
    """
)


@pytest.mark.parametrize(("setting", "loaded"), [(None, "False False"), ("0", "True True")])
def test_a_web_worker_never_loads_matplotlib(app, setting, loaded):
    env = {k: v for k, v in os.environ.items() if k != "LDD_CHART_PROCESS"}
    if setting is not None:
        env["LDD_CHART_PROCESS"] = setting
    result = subprocess.run(
        [sys.executable, "-W", "error::ResourceWarning", "-c", WEB_WORKER],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == loaded.split()
    # The chart process was closed at exit: no "subprocess ... is still running".
    assert "ResourceWarning" not in result.stderr and "Exception ignored" not in result.stderr


def test_python_m_chart_worker_speaks_the_protocol():
    chart = bar_chart()
    with subprocess.Popen(
        [sys.executable, "-m", "workgroup.chart_worker", "--idle", "30"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        cwd=ROOT,
    ) as child:
        question = chart_worker.encode((chart, 50, None)) + chart_worker.encode("nonsense")
        answers, _ = child.communicate(question, timeout=120)
    assert child.returncode == 0  # ended at the end of its input
    with tempfile.TemporaryFile() as file:
        file.write(answers)
        file.seek(0)
        fd = file.fileno()
        assert chart_worker.read_message(fd, 5) == ("ok", chart._png(50))
        status, message = chart_worker.read_message(fd, 5)
        assert status == "error" and "ValueError" in message
        with pytest.raises(EOFError):
            chart_worker.read_message(fd, 5)
