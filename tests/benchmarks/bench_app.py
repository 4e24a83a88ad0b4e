"""``make bench``: the large demo year in a fresh database, served by gunicorn, measured with
real HTTP requests from this process. Writes ``bench-results.json`` and prints a table.

Environment:
    BENCH_DATABASE_URL   a PostgreSQL URL whose database is created fresh and dropped after
                         (default: SQLite in a temp dir)
    BENCH_LOAD_SECONDS   length of the 50-user load test (default 60)
    BENCH_LOAD_USERS     users in the load test (default 50)
    BENCH_APPLY_N, BENCH_PAGE_N, BENCH_RPS_SECONDS, BENCH_RPS_CONCURRENCY  sample sizes
    BENCH_WORKERS, BENCH_WORKER_CLASS  gunicorn (default 2 sync workers)
    BENCH_STRICT=1       exit with status 1 when a target is missed
"""

from __future__ import annotations

import asyncio
import html
import json
import os
import random
import re
import sys
import tempfile
import time
from pathlib import Path

import httpx

from tests.benchmarks.common import (
    ROOT,
    WORKER_CLASS,
    WORKERS,
    Server,
    alogin,
    app_env,
    bench_database,
    check,
    csrf_token,
    env_int,
    local_app,
    login,
    median,
    percentile,
    requests_per_second,
    say,
    seed,
    table,
    timed,
    verdict,
)

RESULTS = ROOT / "bench-results.json"
KEYS = (
    "apply_code_median",
    "apply_code_p95",
    "transcript_page_p95",
    "dashboard_p95",
    "analysis_page_p95",
    "meeting_docx_ms",
    "year_report_docx_ms",
    "theme_quotes_docx_ms",
    "codebook_docx_ms",
    "bare_route_rps",
    "dashboard_rps",
    "worker_rss_mib",
    "load_errors",
    "load_p95",
)
#: The Word documents are looked up by endpoint at run time: they may not exist yet.
DOCUMENTS = {
    "meeting_docx_ms": ("reports.download_meeting", "meeting"),
    "year_report_docx_ms": ("reports.download_year_report", "year_report"),
    "theme_quotes_docx_ms": ("reports.download_theme_quotes", "theme"),
    "codebook_docx_ms": ("reports.download_codebook", "codebook"),
}
SEGMENT = re.compile(r'<span class="seg[^"]*" data-start="(\d+)"[^>]*>(.*?)</span>', re.DOTALL)
CODE_BOX = re.compile(r'<input[^>]*name="code_ids"[^>]*value="(\d+)"')


# --- what to ask for ---------------------------------------------------------------------


class Targets:
    """The demo year's ids and URLs, read from the database and the URL map of the app."""

    def __init__(self, database_url: str):
        from flask import url_for
        from sqlalchemy import func, select

        from app import db
        from interviews.models import Respondent, Theme, Transcript
        from workgroup.models import Cycle, School

        app = local_app(database_url)
        with app.app_context(), app.test_request_context():
            school = db.session.scalar(select(School).where(School.is_demo.is_(True)))
            cycle = db.session.scalar(
                select(Cycle).where(Cycle.school_id == school.id).order_by(Cycle.start_year)
            )
            self.year = cycle.start_year
            written = (
                select(Respondent.id)
                .join(Transcript, Transcript.respondent_id == Respondent.id)
                .where(Respondent.cycle_id == cycle.id)
            )
            self.respondent_ids = list(db.session.scalars(written.order_by(Respondent.id)))
            # the longest write-outs: coding them is the heaviest request a coder makes
            longest = list(
                db.session.scalars(written.order_by(func.length(Transcript.body).desc()).limit(4))
            )
            self.respondent_id = longest[0]
            rows = db.session.execute(
                select(Transcript.respondent_id, Transcript.body).where(
                    Transcript.respondent_id.in_(longest)
                )
            )
            bodies = dict(rows.all())
            theme_id = db.session.scalar(
                select(Theme.id)
                .where(Theme.cycle_id == cycle.id)
                .order_by(Theme.is_focus.desc(), Theme.position)
                .limit(1)
            )
            y, rid = self.year, self.respondent_id
            self.dashboard = url_for("workgroup.show_dashboard", year=y)
            self.analysis = url_for("interviews.show_analysis", year=y)
            self.coding = url_for("interviews.code_transcript", year=y, respondent_id=rid)
            #: (coding page, write-out) of the four longest: codes are applied to each in turn
            self.to_code = [
                (url_for("interviews.code_transcript", year=y, respondent_id=r), bodies[r])
                for r in longest
            ]
            self.transcript = url_for("interviews.edit_transcript", year=y, respondent_id=rid)
            self.meetings = [
                url_for("workgroup.show_meeting", year=y, number=n) for n in range(1, 8)
            ]
            self.codings = [
                url_for("interviews.code_transcript", year=y, respondent_id=r)
                for r in self.respondent_ids
            ]
            known = {"year": y, "number": 1, "respondent_id": rid, "theme_id": theme_id}
            self.documents: dict[str, tuple[str | None, str]] = {}
            endpoints = {rule.endpoint: rule for rule in app.url_map.iter_rules()}
            for key, (endpoint, word) in DOCUMENTS.items():
                rule = endpoints.get(endpoint) or next(
                    (
                        r
                        for name, r in sorted(endpoints.items())
                        if name.startswith("reports.") and word in name and "GET" in r.methods
                    ),
                    None,
                )
                if rule is None:
                    self.documents[key] = (None, f"no route {endpoint} yet")
                elif not set(rule.arguments) <= set(known):
                    missing = ", ".join(sorted(set(rule.arguments) - set(known)))
                    self.documents[key] = (None, f"{rule.endpoint}: unknown argument {missing}")
                else:
                    args = {a: known[a] for a in rule.arguments}
                    self.documents[key] = (url_for(rule.endpoint, **args), rule.endpoint)
        with app.app_context():
            db.engine.dispose()


# --- single requests ---------------------------------------------------------------------


def apply_code_samples(client: httpx.Client, targets: Targets, n: int) -> list[float]:
    """Apply codes to passages as the coding page does with htmx: the form's fields, the
    offsets the script reads from the selection, ``HX-Request`` and the CSRF header. In turn
    on the four longest write-outs (about 6,000 words), so each gains n/4 fragments."""
    from interviews.coding import sentences

    forms = []
    for url, stored in targets.to_code:
        page = check(client.get(url), url).text
        # The browser knows offsets from the segments' data-start: rebuild the text from them.
        body = "".join(html.unescape(text) for _, text in SEGMENT.findall(page))
        if body != stored:
            raise SystemExit("The coding page's segments do not add up to the write-out.")
        if 'value="-1"' not in page:
            raise SystemExit("The sentence choice has no empty option: the form changed.")
        code_ids = CODE_BOX.findall(page)
        if not code_ids:
            raise SystemExit("No code checkboxes on the coding page.")
        headers = {
            "HX-Request": "true",
            "HX-Current-URL": str(client.base_url.join(url)),
            "HX-Trigger": "fragment-form",
            "HX-Target": "fragment-form",
            "X-CSRFToken": csrf_token(page),
        }
        forms.append((url + "/fragments", headers, sentences(body), code_ids))
    chance = random.Random(7)
    samples = []
    for number in range(n + 8):
        url, headers, spans, code_ids = forms[number % len(forms)]
        start, end = chance.choice(spans)
        form = {
            "csrf_token": headers["X-CSRFToken"],
            "start": str(start),
            "end": str(end),
            "from_sentence": "-1",
            "to_sentence": "-1",
            "code_ids": chance.sample(code_ids, k=min(2, len(code_ids))),
            "memo": "",
        }
        began = time.perf_counter()
        response = client.post(url, data=form, headers=headers)
        elapsed = (time.perf_counter() - began) * 1000
        check(response, "apply code")
        if 'hx-swap-oob="beforeend:#fragment-list"' not in response.text:
            raise SystemExit("Applying a code did not answer with the added fragment.")
        if number >= 8:  # the first two on each write-out warm both workers up
            samples.append(elapsed)
    return samples


def drawn_pages(env: dict, tmp: Path, pages: dict[str, str], n: int) -> dict[str, float]:
    """The kept pages (workgroup/pagecache.py) timed as they are drawn, on a second server
    with the page cache off: what the first view after a change costs."""
    kept = {"dashboard_p95", "analysis_page_p95"}
    with (
        Server({**env, "LDD_PAGE_CACHE_MB": "0"}, tmp / "gunicorn-drawn.log") as server,
        httpx.Client(base_url=server.base_url, timeout=60) as client,
    ):
        login(client)
        return {key: percentile(timed(client, pages[key], n), 95) for key in kept}


def document_ms(client: httpx.Client, url: str) -> tuple[float | None, float | None, str]:
    """(cold, median of three warm) milliseconds for one Word document."""
    times = []
    for _ in range(4):
        began = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - began) * 1000)
        if response.status_code != 200:
            return None, None, f"HTTP {response.status_code}"
        if not response.content.startswith(b"PK"):
            return None, None, "not a Word document"
    return times[0], median(times[1:]), ""


# --- the load test -----------------------------------------------------------------------


async def load_test(base_url: str, targets: Targets, users: int, seconds: float) -> dict:
    """``users`` logged-in users browsing dashboard, meetings, analysis and coding pages in a
    loop, without pause (the worst case), against 127.0.0.1 only."""
    latencies: list[float] = []
    errors: dict[str, int] = {}
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
    clients = [
        httpx.AsyncClient(base_url=base_url, timeout=120, limits=limits) for _ in range(users)
    ]
    gate = asyncio.Semaphore(8)

    async def sign_in(client):
        async with gate:
            await alogin(client)

    try:
        await asyncio.gather(*(sign_in(c) for c in clients))
        stop = time.monotonic() + seconds

        async def browse(number: int, client: httpx.AsyncClient):
            chance = random.Random(number)
            while time.monotonic() < stop:
                url = chance.choice(
                    [
                        targets.dashboard,
                        chance.choice(targets.meetings),
                        targets.analysis,
                        chance.choice(targets.codings),
                    ]
                )
                began = time.perf_counter()
                try:
                    response = await client.get(url)
                except httpx.HTTPError as exc:
                    errors[type(exc).__name__] = errors.get(type(exc).__name__, 0) + 1
                    continue
                latencies.append((time.perf_counter() - began) * 1000)
                if response.status_code != 200:
                    key = f"HTTP {response.status_code}"
                    errors[key] = errors.get(key, 0) + 1

        began = time.perf_counter()
        await asyncio.gather(*(browse(i, c) for i, c in enumerate(clients)))
        elapsed = time.perf_counter() - began
    finally:
        await asyncio.gather(*(c.aclose() for c in clients))
    return {
        "requests": len(latencies),
        "rps": len(latencies) / elapsed,
        "errors": sum(errors.values()),
        "error_kinds": errors,
        "p50": median(latencies) if latencies else None,
        "p95": percentile(latencies, 95) if latencies else None,
    }


# --- the run -----------------------------------------------------------------------------


def run() -> int:
    apply_n = env_int("BENCH_APPLY_N", 200)
    page_n = env_int("BENCH_PAGE_N", 100)
    rps_seconds = env_int("BENCH_RPS_SECONDS", 5)
    concurrency = env_int("BENCH_RPS_CONCURRENCY", 4)
    load_users = env_int("BENCH_LOAD_USERS", 50)
    load_seconds = env_int("BENCH_LOAD_SECONDS", 60)
    results: dict = dict.fromkeys(KEYS)
    extra: dict = {}
    notes: list[str] = []

    with (
        bench_database("BENCH_DATABASE_URL") as database_url,
        tempfile.TemporaryDirectory(prefix="ldd-bench-log-") as tmp,
    ):
        backend = database_url.split(":", 1)[0]
        notes.append(f"{backend}; load average at the start: {_load()}")
        say(f"Building the large demo year in a fresh {backend} database …")
        env = app_env(database_url)
        say(f"  flask db upgrade + seed-demo --size year: {seed(env, 'year'):.1f} s")
        targets = Targets(database_url)
        log = Path(tmp) / "gunicorn.log"
        say(f"Starting gunicorn ({WORKERS} {WORKER_CLASS} workers) …")
        with (
            Server(env, log) as server,
            httpx.Client(base_url=server.base_url, timeout=60) as client,
        ):
            say(f"  on {server.base_url}; logging in as the demo chair")
            login(client)

            say(f"Applying a code {apply_n}× (htmx POST, out-of-band answer) …")
            samples = apply_code_samples(client, targets, apply_n)
            results["apply_code_median"] = median(samples)
            results["apply_code_p95"] = percentile(samples, 95)

            say(f"Pages, {page_n} requests each …")
            pages = {
                "transcript_page_p95": targets.transcript,
                "dashboard_p95": targets.dashboard,
                "analysis_page_p95": targets.analysis,
                "coding_page_p95": targets.coding,
                "meeting_page_p95": targets.meetings[0],
            }
            spread = []
            for key, url in pages.items():
                samples = timed(client, url, page_n)
                (results if key in results else extra)[key] = percentile(samples, 95)
                spread.append(f"{key[:-4]} {min(samples):.0f}/{median(samples):.0f}")
            # the fastest answer is what the page costs; the rest is waiting for a CPU
            notes.append("pages, min/median ms: " + ", ".join(spread))
            rss = server.worker_rss_mib()
            notes.append("worker RSS before any Word document: " + _mib(rss))
            drawn = drawn_pages(env, Path(tmp), pages, page_n)
            extra.update({f"{key[:-4]}_drawn_p95": value for key, value in drawn.items()})
            notes.append(
                "the dashboard and the analysis are kept until the data changes; drawn every "
                "time (LDD_PAGE_CACHE_MB=0), p95 ms: "
                + ", ".join(f"{key[:-4]} {value:.0f}" for key, value in drawn.items())
            )

            say("Word documents …")
            for key, (url, what) in targets.documents.items():
                if url is None:
                    notes.append(f"{key}: null — {what}")
                    continue
                cold, warm, problem = document_ms(client, url)
                if problem:
                    notes.append(f"{key}: null — {what} answered {problem}")
                    continue
                results[key] = warm
                notes.append(f"{key}: {what}, first request {cold:.0f} ms, then median {warm:.0f}")
            # PNG charts are drawn in a chart process per worker, not in the worker itself
            notes.append(
                "worker RSS after the Word documents: " + _mib(server.worker_rss_mib())
                + "; chart processes: " + _chart_mib(server)
            )  # fmt: skip

            say(f"Throughput, {concurrency} concurrent requests for {rps_seconds} s each …")
            results["bare_route_rps"] = requests_per_second(
                server.base_url, "/healthz", None, concurrency, rps_seconds
            )
            results["dashboard_rps"] = requests_per_second(
                server.base_url, targets.dashboard, client.cookies, concurrency, rps_seconds
            )

            say(f"Load test: {load_users} users for {load_seconds} s …")
            load = asyncio.run(load_test(server.base_url, targets, load_users, load_seconds))
            results["load_errors"] = load["errors"]
            results["load_p95"] = load["p95"]
            notes.append(
                f"load: {load['requests']} requests, {load['rps']:.0f}/s, "
                f"median {load['p50']:.0f} ms, errors {load['error_kinds'] or 'none'}"
            )

            rss = server.worker_rss_mib()
            results["worker_rss_mib"] = max(rss)
            notes.append("worker RSS after the run: " + _mib(rss))
            notes.append("worker PSS after the run: " + _mib(server.worker_pss_mib()))
            notes.append(
                "chart processes after the run (they end after 60 s without a chart): "
                + _chart_mib(server)
            )

    notes.append(f"load average at the end: {_load()} (other processes on this machine)")
    results = {k: (round(v, 1) if isinstance(v, float) else v) for k, v in results.items()}
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    missed = report(results, extra, notes)
    say(f"\nWritten to {RESULTS.relative_to(ROOT)}.")
    return 1 if missed and os.environ.get("BENCH_STRICT") == "1" else 0


def _mib(sizes: list[float]) -> str:
    return ", ".join(f"{size:.1f}" for size in sizes) + " MiB"


def _chart_mib(server: Server) -> str:
    sizes = server.chart_process_rss_mib()
    return _mib(sizes) if sizes else "none running"


def _load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def report(results: dict, extra: dict, notes: list[str]) -> int:
    bare = results["bare_route_rps"]
    rows_spec = [
        ("apply_code_median", "≤ 5 ms", lambda v: v <= 5),
        ("apply_code_p95", "≤ 10 ms", lambda v: v <= 10),
        ("transcript_page_p95", "≤ 50 ms", lambda v: v <= 50),
        ("dashboard_p95", "≤ 50 ms", lambda v: v <= 50),
        ("analysis_page_p95", "≤ 50 ms", lambda v: v <= 50),
        ("(dashboard_drawn_p95)", "≤ 50 ms", lambda v: v <= 50),
        ("(analysis_page_drawn_p95)", "≤ 50 ms", lambda v: v <= 50),
        ("(coding_page_p95)", "≤ 50 ms", lambda v: v <= 50),
        ("(meeting_page_p95)", "≤ 50 ms", lambda v: v <= 50),
        ("meeting_docx_ms", "—", None),
        ("year_report_docx_ms", "≤ 1500 ms", lambda v: v <= 1500),
        ("theme_quotes_docx_ms", "≤ 150 ms", lambda v: v <= 150),
        ("codebook_docx_ms", "≤ 150 ms", lambda v: v <= 150),
        ("bare_route_rps", "—", None),
        (
            "dashboard_rps",
            f"≥ {0.3 * bare:.0f}/s (30% of bare)" if bare else "≥ 30% of bare",
            lambda v: bool(bare) and v >= 0.3 * bare,
        ),
        ("worker_rss_mib", "≤ 90 MiB", lambda v: v <= 90),
        ("load_errors", "0", lambda v: v == 0),
        ("load_p95", "— (50 users, no pause)", None),
    ]
    rows, missed = [], 0
    for key, target, ok in rows_spec:
        value = extra.get(key.strip("()")) if key.startswith("(") else results[key]
        shown = "null" if value is None else (f"{value:.1f}" if isinstance(value, float) else value)
        mark = verdict(value, ok)
        missed += mark == "MISSED"
        rows.append((key, target, str(shown), mark))
    say("\n" + table(rows))
    say("(rows in brackets are printed only, not written to the results file)")
    for note in notes:
        say("  " + note)
    return missed


if __name__ == "__main__":
    sys.exit(run())
