"""Upgrades: a database made at any earlier step ends identical in schema to a new one, its rows kept; the
steps are frozen (literal SQL, no calls into the program's code)."""

from __future__ import annotations

import ast
import hashlib
import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from inspector.db import open_database, schema
from inspector.db.schema import migrations
from inspector.db.store import migrate
from inspector.db.structure import APPLICATION_ID, SCHEMA_VERSION

STEPS = [m.name for m in migrations._migrations]
FROZEN = 10  # steps whose resulting schema is pinned below; later steps are new, not yet pinned
FROZEN_SCHEMA_SHA256 = "b4f936e250ff77997e0c475ff0da9a3683e9c5d8e01c40ed4af4413286d1f8d2"  # as released
CHOICES = {"kind": "workplan", "role": "lead", "result": "符合", "grade": "一般", "direction": "in",
           "risk_level": "黄", "status": "已登记", "method": "factors", "level": "黄", "period_kind": "year",
           "inspection_plans.kind": "town"}


def schema_of(db: Database) -> list[tuple]:
    return db.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name").fetchall()


def user_tables(db: Database) -> list[str]:
    virtual = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL%'")}
    return [t for t in db.table_names() if not t.startswith(("_sqlite", "sqlite_"))
            and not any(t == v or t.startswith(f"{v}_") for v in virtual)]


def fill_one_row(db: Database, table: str, n: int) -> None:
    """A row with a value in every column, so an upgrade that copies or rebuilds a table must carry it over."""
    row = {}
    for col in db.execute(f"PRAGMA table_info({table})").fetchall():
        name, kind = col[1], (col[2] or "TEXT").upper()
        row[name] = CHOICES.get(f"{table}.{name}", CHOICES.get(name, n if "INT" in kind else f"{table}-{name}-{n}"))
    autoincrement = [c[1] for c in db.execute(f"PRAGMA table_info({table})").fetchall() if c[5] and c[1] == "seq"]
    for name in autoincrement:  # a column SQLite numbers itself
        row.pop(name)
    db.conn.execute(f"INSERT INTO {table} ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                    list(row.values()))
    db.conn.commit()


@pytest.fixture(scope="module")
def fresh_schema(tmp_path_factory) -> list[tuple]:
    db = open_database(tmp_path_factory.mktemp("fresh") / "fresh.db")
    try:
        return schema_of(db)
    finally:
        db.close()


@pytest.mark.parametrize("step", STEPS)
def test_a_database_made_before_each_step_upgrades_to_the_schema_of_a_new_one(tmp_path, step, fresh_schema):
    path = tmp_path / "old.db"
    old = Database(sqlite3.connect(path))
    migrate(old, stop_before=step)
    old.execute("PRAGMA foreign_keys = OFF")
    tables = user_tables(old)
    searchable = "findings_fts" in old.table_names()
    for n, table in enumerate(tables):
        if not old.execute(f"SELECT count(*) FROM {table}").fetchone()[0]:  # a step's own rows (a counter) stay
            fill_one_row(old, table, n)
    assert old.execute("PRAGMA user_version").fetchone()[0] == STEPS.index(step)
    old.close()

    upgraded = open_database(path)
    try:
        assert schema_of(upgraded) == fresh_schema
        assert upgraded.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert upgraded.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert [m.name for m in migrations.applied(upgraded)] == STEPS
        for table in tables:
            assert upgraded.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 1, table
        if "findings" in tables and not searchable:  # step 0007 indexes the findings already there
            assert upgraded.execute("SELECT count(*) FROM findings_fts").fetchone()[0] == 1
        assert upgraded.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        upgraded.close()


def test_schema_version_is_the_number_of_steps():
    assert len(STEPS) == SCHEMA_VERSION


def test_the_steps_call_no_code_of_the_program():
    """A step that imported the program's code would run today's code on a file from years ago."""
    tree = ast.parse(Path(schema.__file__).read_text(encoding="utf-8"))
    imported = [n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    imported += [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    assert not [m for m in imported if m and m.split(".")[0] == "inspector"]


def test_the_first_steps_are_frozen(tmp_path):
    """The schema made by the first steps never changes (a change must be a new step)."""
    db = Database(tmp_path / "frozen.db")
    migrate(db, stop_before=STEPS[FROZEN] if len(STEPS) > FROZEN else None)
    text = "\n".join(repr(r) for r in schema_of(db) if r[1] != "_sqlite_migrations")
    db.close()
    assert hashlib.sha256(text.encode()).hexdigest() == FROZEN_SCHEMA_SHA256
