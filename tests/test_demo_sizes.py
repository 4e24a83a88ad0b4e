"""``flask seed-demo``: the showroom, and the large year the benchmarks run on."""

from __future__ import annotations

from sqlalchemy import func, select

from app import db
from experiments.models import Experiment, Observation
from interviews.models import Fragment, Transcript


def test_seed_demo_is_idempotent(app, runner):
    first = runner.invoke(args=["seed-demo"])
    second = runner.invoke(args=["seed-demo"])
    assert first.exit_code == 0 and "Demo school created." in first.output
    assert second.exit_code == 0 and "already present" in second.output
    with app.app_context():
        assert db.session.scalar(select(func.count(Transcript.id))) == 10


def test_seed_demo_year_builds_a_busy_year(app, runner):
    result = runner.invoke(args=["seed-demo", "--size", "year"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        transcripts = db.session.scalars(select(Transcript)).all()
        fragments = db.session.scalar(select(func.count(Fragment.id)))
        long = [t for t in transcripts if t.word_count >= 5_500]
        # 60 write-outs, 50 of them about 6,000 words; about 2,400 fragments
        assert len(transcripts) == 60 and len(long) == 50
        assert 2_000 <= fragments <= 2_800
        # three experiments with 30 observations each
        per_experiment = db.session.execute(
            select(Experiment.id, func.count(Observation.id))
            .join(Observation, Observation.experiment_id == Experiment.id)
            .group_by(Experiment.id)
            .order_by(Experiment.id)
        ).all()
        assert [n for _id, n in per_experiment] == [30, 30, 30]
        # every fragment points at its own passage
        for fragment in db.session.scalars(select(Fragment).limit(300)):
            body = db.session.get(Transcript, fragment.transcript_id).body
            assert body[fragment.start_offset : fragment.end_offset] == fragment.text
