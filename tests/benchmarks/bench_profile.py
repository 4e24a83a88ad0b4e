"""Where does a page spend its time? cProfile and a count of SQL statements for one URL, in
this process, with Flask's test client (no server, no network).

    DATABASE_URL=sqlite:///…/bench.sqlite3 python -m tests.benchmarks.bench_profile \
        [--post] [-n 20] [--sort tottime] /years/2026/interviews/analysis

The database must hold the demo (``flask seed-demo --size year``); the demo chair is logged
in. ``{rid}`` in the URL is replaced by the respondent with the longest write-out, ``{year}``
by the demo year. ``--post`` applies a code there (the htmx request of the coding page).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import re
import time
from collections import Counter

from sqlalchemy import event, func, select

from tests.benchmarks.common import csrf_token, median, percentile, sqlalchemy_url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url")
    parser.add_argument("-n", type=int, default=20)
    parser.add_argument("--post", action="store_true", help="apply a code at {coding url}")
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument("--lines", type=int, default=35)
    parser.add_argument("--sql", action="store_true", help="print the statements of one request")
    args = parser.parse_args()

    os.environ.setdefault("SECRET_KEY", "bench")
    from app import create_app, db
    from interviews.models import Respondent, Transcript
    from workgroup.models import Cycle, School

    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": sqlalchemy_url(os.environ["DATABASE_URL"]),
            "LOGIN_RATE_LIMIT": "1000/minute",
        }
    )
    with app.app_context():
        school = db.session.scalar(select(School).where(School.is_demo.is_(True)))
        cycle = db.session.scalar(select(Cycle).where(Cycle.school_id == school.id))
        rid = db.session.scalar(
            select(Respondent.id)
            .join(Transcript)
            .where(Respondent.cycle_id == cycle.id)
            .order_by(func.length(Transcript.body).desc())
            .limit(1)
        )
        url = args.url.format(rid=rid, year=cycle.start_year)
        statements: list[str] = []

        @event.listens_for(db.engine, "before_cursor_execute")
        def count(conn, cursor, statement, *rest):
            statements.append(statement)

    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    response = client.post(
        "/login",
        data={
            "csrf_token": csrf_token(page),
            "email": "voorzitter@example.nl",
            "password": "ldd-demo",
        },
    )
    assert response.status_code == 302, response.status_code

    def request():
        if not args.post:
            return client.get(url)
        return client.post(
            url + "/fragments",
            data={
                "csrf_token": token,
                "start": "0",
                "end": "40",
                "from_sentence": "-1",
                "to_sentence": "-1",
                "code_ids": code_ids[:2],
                "memo": "",
            },
            headers={"HX-Request": "true", "X-CSRFToken": token},
        )

    if args.post:
        html = client.get(url).get_data(as_text=True)
        token = csrf_token(html)
        code_ids = re.findall(r'name="code_ids"[^>]*value="(\d+)"', html)
    for _ in range(3):
        request()  # warm up: templates compiled, caches filled
    statements.clear()
    response = request()
    assert response.status_code == 200, response.status_code
    print(f"{url}: {len(statements)} SQL statements, {len(response.data) / 1024:.0f} KiB")
    if args.sql:
        for statement, n in Counter(" ".join(s.split())[:160] for s in statements).items():
            print(f"  {n:3}× {statement}")
    plain, cpu = [], []
    for _ in range(args.n):
        began, began_cpu = time.perf_counter(), time.process_time()
        request()
        plain.append((time.perf_counter() - began) * 1000)
        cpu.append((time.process_time() - began_cpu) * 1000)
    print(
        f"median {median(plain):.1f} ms, p95 {percentile(plain, 95):.1f} ms (no profiler); "
        f"CPU time median {median(cpu):.1f} ms (steadier on a busy machine)"
    )
    times = []
    profiler = cProfile.Profile()
    for _ in range(args.n):
        began = time.perf_counter()
        profiler.enable()
        request()
        profiler.disable()
        times.append((time.perf_counter() - began) * 1000)
    print(f"median {median(times):.1f} ms, p95 {percentile(times, 95):.1f} ms (with profiler)")
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats(args.sort).print_stats(args.lines)
    print(out.getvalue())


if __name__ == "__main__":
    main()
