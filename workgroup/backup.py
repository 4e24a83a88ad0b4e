"""``flask backup``: a consistent copy of a SQLite database while the app keeps running.

SQLite's online backup API (``sqlite3.Connection.backup``) copies the database page by page
inside one read transaction, so the copy is the database as it was at one moment, also while
workers write (WAL mode lets them go on). The copy is written next to the target first, checked
with ``PRAGMA integrity_check``, switched to a single-file journal, readable by its owner only
(it holds personal data) and then moved into place.

PostgreSQL has its own tool for this, ``pg_dump``; the command says so instead of copying.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import URL

PG_DUMP_HINT = (
    "This database is PostgreSQL: make the backup with pg_dump, for example\n"
    '  pg_dump --format=custom --file=ldd-$(date +%F).dump "$DATABASE_URL"\n'
    "and restore it with pg_restore (see docs/deploy.md). flask backup copies SQLite only."
)


class BackupError(Exception):
    """The backup cannot be made; the message says why and what to do."""


@dataclass(frozen=True)
class Backup:
    path: Path
    tables: int
    size: int


def backup_database(url: URL, out: Path) -> Backup:
    """Copy the database at ``url`` to ``out`` (which must not exist yet)."""
    backend = url.get_backend_name()
    if backend == "postgresql":
        raise BackupError(PG_DUMP_HINT)
    if backend != "sqlite":
        raise BackupError(f"flask backup copies SQLite databases only, not {backend}.")
    source_path = url.database
    if not source_path or source_path == ":memory:" or source_path.startswith("file::memory"):
        raise BackupError("This SQLite database lives in memory only; there is nothing to copy.")
    if not Path(source_path).exists():
        raise BackupError(f"The database file {source_path} does not exist.")
    out = Path(out)
    if out.exists():
        raise BackupError(f"{out} exists already; choose a new file name (e.g. with the date).")
    if not out.parent.is_dir():
        raise BackupError(f"The folder {out.parent} does not exist.")
    partial = out.with_name(out.name + ".partial")
    partial.unlink(missing_ok=True)
    source = sqlite3.connect(source_path, timeout=30)
    try:
        target = sqlite3.connect(partial)
        try:
            source.backup(target)
            target.execute("PRAGMA journal_mode=DELETE")
            (status,) = target.execute("PRAGMA integrity_check").fetchone()
            if status != "ok":
                raise BackupError(f"The copy failed its integrity check: {status}")
            (tables,) = target.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
            ).fetchone()
        finally:
            target.close()
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    finally:
        source.close()
    partial.chmod(0o600)
    os.replace(partial, out)
    return Backup(out, tables, out.stat().st_size)
