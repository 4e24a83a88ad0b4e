"""Many schools fast: copy every row of a seeded PostgreSQL database ``copies`` times, with
every id shifted, in one ``INSERT … SELECT … CROSS JOIN generate_series`` per table.

Generic over the schema (it reads the tables from the database, so new tables come along):
integer primary keys and foreign keys move by ``k × offset`` for copy ``k``; text columns under
a unique constraint without an id in it (a school's name, a user's email) get a ``s<k>.``
prefix; copies are not the demo school. Columns that hold ids without a foreign key (the audit
log's ``object_id``) keep the original's value, which no page looks up.
"""

from __future__ import annotations

import time

from sqlalchemy import Integer, MetaData, String, Table, create_engine, text
from sqlalchemy.engine import Connection

PREFIXED = "'s' || k || '.' || {column}"


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _id_columns(table: Table) -> set[str]:
    """Integer primary key and foreign key columns: these move with the copy."""
    moved = {c.name for c in table.columns if c.foreign_keys}
    primary = list(table.primary_key.columns)
    if len(primary) == 1 and isinstance(primary[0].type, Integer):
        moved.add(primary[0].name)
    return moved


def _unique_texts(table: Table, moved: set[str]) -> set[str]:
    """Text columns that must stay unique on their own (no moved id in the constraint)."""
    groups = [
        [c.name for c in constraint.columns]
        for constraint in table.constraints
        if constraint.__class__.__name__ == "UniqueConstraint"
    ]
    groups += [[c.name for c in index.columns] for index in table.indexes if index.unique]
    found = set()
    for names in groups:
        if names and not set(names) & moved:
            found |= {n for n in names if isinstance(table.c[n].type, String)}
    return found


def _select_list(table: Table, offset: int) -> tuple[list[str], list[str]]:
    moved = _id_columns(table)
    unique = _unique_texts(table, moved)
    columns, values = [], []
    for column in table.columns:
        name = _q(column.name)
        columns.append(name)
        if column.name in moved:
            values.append(f"{name} + k * {offset}")
        elif column.name in unique:
            value = PREFIXED.format(column=name)
            length = getattr(column.type, "length", None)
            values.append(f"left({value}, {length})" if length else value)
        elif table.name == "schools" and column.name == "is_demo":
            values.append("false")
        else:
            values.append(name)
    return columns, values


def clone(url: str, copies: int, say=print) -> dict[str, int]:
    """Add ``copies`` copies of everything in the database; returns rows added per table."""
    engine = create_engine(url)
    added: dict[str, int] = {}
    with engine.begin() as conn:
        metadata = MetaData()
        metadata.reflect(conn)
        tables = [t for t in metadata.sorted_tables if t.name != "alembic_version"]
        offset = _offset(conn, tables)
        say(f"  ids move by k × {offset} for copy k = 1 … {copies}")
        for table in tables:
            columns, values = _select_list(table, offset)
            began = time.perf_counter()
            result = conn.execute(
                text(
                    f"INSERT INTO {_q(table.name)} ({', '.join(columns)}) "
                    f"SELECT {', '.join(values)} FROM {_q(table.name)} "
                    f"CROSS JOIN generate_series(1, :copies) AS k"
                ),
                {"copies": copies},
            )
            added[table.name] = result.rowcount
            if result.rowcount:
                say(
                    f"  {table.name:28} +{result.rowcount:>9,} rows "
                    f"({time.perf_counter() - began:.1f} s)"
                )
        _move_sequences(conn, tables)
    engine.dispose()
    return added


def _offset(conn: Connection, tables: list[Table]) -> int:
    """A power of ten above every id in the database, so no two copies' ids meet."""
    highest = 0
    for table in tables:
        primary = list(table.primary_key.columns)
        if len(primary) == 1 and isinstance(primary[0].type, Integer):
            found = conn.scalar(text(f"SELECT max({_q(primary[0].name)}) FROM {_q(table.name)}"))
            highest = max(highest, found or 0)
    return 10 ** len(str(highest))


def _move_sequences(conn: Connection, tables: list[Table]) -> None:
    """New rows after the copies get ids above them."""
    for table in tables:
        primary = list(table.primary_key.columns)
        if len(primary) != 1 or not isinstance(primary[0].type, Integer):
            continue
        column = primary[0].name
        sequence = conn.scalar(
            text("SELECT pg_get_serial_sequence(:table, :column)"),
            {"table": _q(table.name), "column": column},
        )
        if sequence:
            conn.execute(
                text(
                    f"SELECT setval(:sequence, (SELECT coalesce(max({_q(column)}), 1) "
                    f"FROM {_q(table.name)}))"
                ),
                {"sequence": sequence},
            )
