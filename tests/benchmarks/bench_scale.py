"""``make bench-scale``: does a school's page get slower when 699 other schools share the
database? Two fresh PostgreSQL databases: one with the demo school alone, one with the demo
school copied to 700 schools (``clone.py``, seconds instead of seeding each). Both are served
by gunicorn at once and the same pages of one school are asked from both in turn, so load on
the machine falls on both sides alike. Writes ``bench-scale-results.json``.

Environment:
    BENCH_SCALE_DATABASE_URL  server and base name (default
                              postgresql://postgres@127.0.0.1:5432/ldd_bench_scale); the
                              databases <name>_one and <name>_many are created and dropped
    BENCH_SCALE_SCHOOLS       schools in the large database (default 700)
    BENCH_SCALE_N             requests per page and database (default 100)
    BENCH_SCALE_INDEXES       extra CREATE INDEX statements (;-separated) to try in both
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

import httpx
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests.benchmarks.clone import clone
from tests.benchmarks.common import (
    ROOT,
    Server,
    app_env,
    check,
    env_int,
    fresh_postgres,
    local_app,
    login,
    percentile,
    say,
    seed,
    sqlalchemy_url,
    table,
)

RESULTS = ROOT / "bench-scale-results.json"
DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/ldd_bench_scale"
TARGET = 1.2
NO_PAGE_CACHE = {"LDD_PAGE_CACHE_MB": "0"}
DEMO_SCHOOL = "OBS De Regenboog (demo)"
CHAIR = "voorzitter@example.nl"


def _named(url: str, suffix: str) -> str:
    parsed = make_url(url)
    return parsed.set(database=f"{parsed.database}_{suffix}").render_as_string(hide_password=False)


def school_pages(database_url: str, school_name: str) -> dict[str, str]:
    """The four pages of one school's year: dashboard, meeting, analysis, coding."""
    from flask import url_for
    from sqlalchemy import func, select

    from app import db
    from interviews.models import Respondent, Transcript
    from workgroup.models import Cycle, School

    app = local_app(database_url)
    with app.app_context(), app.test_request_context():
        school = db.session.scalar(select(School).where(School.name == school_name))
        cycle = db.session.scalar(select(Cycle).where(Cycle.school_id == school.id))
        respondent = db.session.scalar(
            select(Respondent.id)
            .join(Transcript, Transcript.respondent_id == Respondent.id)
            .where(Respondent.cycle_id == cycle.id)
            .order_by(func.length(Transcript.body).desc(), Respondent.number)
            .limit(1)
        )
        y = cycle.start_year
        pages = {
            "dashboard": url_for("workgroup.show_dashboard", year=y),
            "meeting": url_for("workgroup.show_meeting", year=y, number=1),
            "analysis": url_for("interviews.show_analysis", year=y),
            "coding": url_for("interviews.code_transcript", year=y, respondent_id=respondent),
        }
    with app.app_context():
        db.engine.dispose()
    return pages


def sql(url: str, *statements: str) -> None:
    engine = create_engine(sqlalchemy_url(url), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        for statement in statements:
            conn.execute(text(statement))
    engine.dispose()


def seq_scans(url: str) -> dict[str, tuple[int, int]]:
    """table → (sequential scans so far, rows): a page that scans a large table whole
    needs an index."""
    engine = create_engine(sqlalchemy_url(url))
    with engine.connect() as conn:
        rows = conn.execute(
            text("SELECT relname, seq_scan, n_live_tup FROM pg_stat_user_tables")
        ).all()
    engine.dispose()
    return {name: (scans, live) for name, scans, live in rows}


def size_mib(url: str) -> float:
    engine = create_engine(sqlalchemy_url(url))
    with engine.connect() as conn:
        size = conn.scalar(text("SELECT pg_database_size(current_database())"))
    engine.dispose()
    return size / 2**20


def run() -> int:
    schools = env_int("BENCH_SCALE_SCHOOLS", 700)
    n = env_int("BENCH_SCALE_N", 100)
    base = os.environ.get("BENCH_SCALE_DATABASE_URL") or DEFAULT_URL
    extra_indexes = [s for s in os.environ.get("BENCH_SCALE_INDEXES", "").split(";") if s.strip()]
    began = time.perf_counter()
    with (
        fresh_postgres(_named(base, "one")) as one,
        fresh_postgres(_named(base, "many")) as many,
        tempfile.TemporaryDirectory(prefix="ldd-bench-scale-") as tmp,
    ):
        say("Seeding the demo school in both databases …")
        seconds = {
            "seed_one": seed(app_env(one), "school"),
            "seed_many": seed(app_env(many), "school"),
        }
        say(f"Copying it to {schools} schools …")
        started = time.perf_counter()
        rows = clone(sqlalchemy_url(many), schools - 1, say=say)
        seconds["clone"] = time.perf_counter() - started
        for url in (one, many):
            sql(url, *extra_indexes, "VACUUM ANALYZE")
        sizes = {"one": size_mib(one), "many": size_mib(many)}
        say(f"  {sum(rows.values()):,} rows added in {seconds['clone']:.0f} s; "
            f"database {sizes['many']:.0f} MiB")  # fmt: skip

        middle = schools // 2
        sides = {
            "one": (one, DEMO_SCHOOL, CHAIR),
            "many": (many, f"s{middle}.{DEMO_SCHOOL}", f"s{middle}.{CHAIR}"),
        }
        pages = {side: school_pages(url, name) for side, (url, name, _) in sides.items()}
        samples = {side: {page: [] for page in pages[side]} for side in sides}
        say(f"Measuring school {middle} of {schools} against the school alone, {n}× per page …")
        with (
            # pages drawn on every request: kept pages would hide what the data costs
            Server({**app_env(one), **NO_PAGE_CACHE}, Path(tmp) / "one.log") as server_one,
            Server({**app_env(many), **NO_PAGE_CACHE}, Path(tmp) / "many.log") as server_many,
        ):
            servers = {"one": server_one, "many": server_many}
            clients = {
                side: httpx.Client(base_url=servers[side].base_url, timeout=60) for side in sides
            }
            try:
                for side, (_, _, email) in sides.items():
                    login(clients[side], email)
                scans_before = seq_scans(many)
                for page in pages["one"]:
                    for side in sides:  # warm both workers of both servers up
                        for _ in range(6):
                            check(clients[side].get(pages[side][page]), pages[side][page])
                    for _ in range(n):
                        for side in sides:  # in turn, so a busy moment hits both
                            url = pages[side][page]
                            start = time.perf_counter()
                            check(clients[side].get(url), url)
                            samples[side][page].append((time.perf_counter() - start) * 1000)
                time.sleep(1.5)  # PostgreSQL publishes its table statistics about once a second
                scans_after = seq_scans(many)
            finally:
                for client in clients.values():
                    client.close()
        scanned = {
            name: (after - scans_before.get(name, (0, 0))[0], live)
            for name, (after, live) in scans_after.items()
            if after > scans_before.get(name, (0, 0))[0] and live >= 10_000
        }

    p95 = {side: {p: percentile(s, 95) for p, s in samples[side].items()} for side in sides}
    ratio = {page: p95["many"][page] / p95["one"][page] for page in p95["one"]}
    worst = max(ratio.values())
    results = {
        "schools": schools,
        "requests_per_page": n,
        "one_school_p95_ms": _rounded(p95["one"]),
        "many_schools_p95_ms": _rounded(p95["many"]),
        "ratio": {page: round(value, 2) for page, value in ratio.items()},
        "max_ratio": round(worst, 2),
        "target_ratio": TARGET,
        "rows_added": sum(rows.values()),
        "database_mib": _rounded(sizes),
        "seconds": _rounded(seconds | {"total": time.perf_counter() - began}),
        "extra_indexes": extra_indexes,
        "seq_scans_on_large_tables": {
            name: {"scans": scans, "rows": live} for name, (scans, live) in scanned.items()
        },
    }
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    say(
        "\n"
        + table(
            [
                (
                    f"{page} p95",
                    f"ratio ≤ {TARGET}",
                    f"{p95['one'][page]:.1f} → {p95['many'][page]:.1f} ms (× {ratio[page]:.2f})",
                    "ok" if ratio[page] <= TARGET else "MISSED",
                )
                for page in ratio
            ]
        )
    )
    for name, (scans, live) in sorted(scanned.items()):
        say(f"  sequential scans of {name} ({live:,} rows) while measuring: {scans}")
    say(f"\nWorst ratio {worst:.2f} (target ≤ {TARGET}); written to {RESULTS.name}.")
    return 1 if worst > TARGET and os.environ.get("BENCH_STRICT") == "1" else 0


def _rounded(values: dict) -> dict:
    return {k: round(v, 1) if isinstance(v, float) else v for k, v in values.items()}


if __name__ == "__main__":
    sys.exit(run())
