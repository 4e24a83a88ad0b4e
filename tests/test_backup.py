"""``flask backup``: a consistent copy of the SQLite database that restores to the same data;
for PostgreSQL a pointer to pg_dump."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest

from app import create_app, db
from tests.conftest import PASSWORD


def _sqlite_path(app) -> Path:
    url = db.engine.url
    if url.get_backend_name() != "sqlite":
        pytest.skip("the suite runs on PostgreSQL: flask backup copies SQLite only")
    return Path(url.database)


def _dump(path: Path) -> dict[str, tuple[str, list[tuple]]]:
    """Every table: its schema and all its rows, in a stable order."""
    connection = sqlite3.connect(path)
    try:
        tables = connection.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name"
        ).fetchall()
        return {
            name: (sql, sorted(connection.execute(f'SELECT * FROM "{name}"'), key=repr))
            for name, sql in tables
        }
    finally:
        connection.close()


def test_backup_then_restore_gives_every_table_back_row_for_row(app, demo, runner, tmp_path):
    with app.app_context():
        live = _sqlite_path(app)
        db.session.remove()
    out = tmp_path / "ldd-backup.sqlite3"
    result = runner.invoke(args=["backup", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert f"Backup written to {out}" in result.output
    # personal data: readable by its owner only
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert not list(tmp_path.glob("*.partial"))

    # restore into a fresh file, as one would on a new machine
    restored = tmp_path / "restored.sqlite3"
    source, target = sqlite3.connect(out), sqlite3.connect(restored)
    source.backup(target)
    source.close()
    target.close()

    original, copy = _dump(live), _dump(restored)
    assert set(copy) == set(original)
    assert {"users", "schools", "transcripts", "alembic_version"} <= set(copy)
    for table, (schema, rows) in original.items():
        assert copy[table][0] == schema, table
        assert len(copy[table][1]) == len(rows), table
        assert copy[table][1] == rows, table
    assert sum(len(rows) for _, rows in original.values()) > 100  # the demo is really in it
    with sqlite3.connect(restored) as check:
        assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert check.execute("PRAGMA journal_mode").fetchone() == ("delete",)

    # and the app runs on the restored file: the chair logs in and sees the demo year
    restored_app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{restored}",
            "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
        }
    )
    client = restored_app.test_client()
    token = client.get("/login").get_data(as_text=True).split('"X-CSRFToken": "')[1].split('"')[0]
    login = client.post(
        "/login",
        data={"email": "voorzitter@example.nl", "password": PASSWORD, "csrf_token": token},
    )
    assert login.status_code == 302
    assert "OBS De Regenboog (demo)" in client.get("/years/2026/").get_data(as_text=True)
    with restored_app.app_context():
        db.engine.dispose()


def test_the_backup_is_consistent_while_someone_writes(app, demo, runner, tmp_path):
    """An open, uncommitted write in another connection neither blocks the backup nor ends up
    in it; what was committed before is in it."""
    with app.app_context():
        live = _sqlite_path(app)
        db.session.remove()
    writer = sqlite3.connect(live, timeout=5)
    try:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("UPDATE schools SET group_name = 'Half af' WHERE is_demo = 1")
        out = tmp_path / "tijdens-schrijven.sqlite3"
        result = runner.invoke(args=["backup", "--out", str(out)])
        assert result.exit_code == 0, result.output
    finally:
        writer.rollback()
        writer.close()
    with sqlite3.connect(out) as copy:
        (name,) = copy.execute("SELECT group_name FROM schools WHERE is_demo = 1").fetchone()
    assert name == "Werkgroep Samen tegen Pesten"


def test_backup_refuses_to_overwrite_and_needs_an_existing_folder(app, demo, runner, tmp_path):
    with app.app_context():
        _sqlite_path(app)
    existing = tmp_path / "er-al.sqlite3"
    existing.write_bytes(b"oud")
    result = runner.invoke(args=["backup", "--out", str(existing)])
    assert result.exit_code != 0 and "exists already" in result.output
    assert existing.read_bytes() == b"oud"
    missing = runner.invoke(args=["backup", "--out", str(tmp_path / "nee" / "b.sqlite3")])
    assert missing.exit_code != 0 and "does not exist" in missing.output


def test_on_postgresql_the_command_points_to_pg_dump(monkeypatch, tmp_path):
    monkeypatch.setenv("SECRET_KEY", "test-secret")
    app = create_app(
        {"TESTING": True, "SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://ldd@127.0.0.1:1/ldd"}
    )
    out = tmp_path / "ldd.dump"
    result = app.test_cli_runner().invoke(args=["backup", "--out", str(out)])
    assert result.exit_code != 0
    assert "pg_dump" in result.output and "docs/deploy.md" in result.output
    assert not out.exists()
