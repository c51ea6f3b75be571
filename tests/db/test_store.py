"""The store: migrations upgrade in place, tombstones, audit, and files it must refuse without touching."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import pytest

from inspector.db import Store, open_database
from inspector.db.schema import migrations
from inspector.db.store import migrate
from inspector.db.structure import SCHEMA_VERSION
from inspector.errors import DatabaseError


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_database_has_every_table_wal_and_foreign_keys(tmp_path):
    db = open_database(tmp_path / "a.db")
    tables = set(db.table_names())
    for name in ("documents", "checklists", "checklist_items", "units", "unit_aliases", "item_units", "sites",
                 "inspectors", "inspections", "inspection_results", "findings", "finding_events", "attachments",
                 "doc_counters", "doc_numbers", "audit_log", "settings", "peers", "packages", "task_progress"):
        assert name in tables
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_database_from_an_earlier_step_is_upgraded_in_place(tmp_path):
    path = tmp_path / "old.db"
    db = sqlite3.connect(path)
    from sqlite_utils import Database

    old = Database(db)
    migrate(old, stop_before="0002_inspections")
    old["documents"].insert({"id": "d1", "created_at": "x", "updated_at": "x", "device_id": "dev",
                             "file_name": "a.txt", "sha256": "abc", "version": 1})
    assert old.execute("PRAGMA user_version").fetchone()[0] == 1
    assert "findings" not in old.table_names()
    old.close()

    upgraded = open_database(path)
    assert "findings" in upgraded.table_names()
    assert upgraded.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert upgraded["documents"].get("d1")["file_name"] == "a.txt"
    assert [m.name for m in migrations.applied(upgraded)][-1] == migrations._migrations[-1].name


def test_failed_migration_rolls_back_completely(tmp_path, monkeypatch):
    from sqlite_utils import Database

    path = tmp_path / "half.db"
    db = Database(path)
    migrate(db, stop_before="0004_task_progress")
    db.close()

    def broken(database):
        database.execute("CREATE TABLE task_progress (id TEXT)")
        raise RuntimeError("disk full")

    step = next(m for m in migrations._migrations if m.name == "0004_task_progress")
    monkeypatch.setattr(step, "fn", broken)
    db = Database(path)
    with pytest.raises(RuntimeError):
        migrations.apply(db)
    assert "task_progress" not in db.table_names()
    assert "0004_task_progress" not in [m.name for m in migrations.applied(db)]
    db.close()


def test_tombstone_keeps_the_row_and_records_who_deleted(tmp_path):
    store = Store(open_database(tmp_path / "t.db"))
    site = store.insert("sites", {"name": "上海恒达餐饮店"})
    store.update("sites", site, {"town": "长寿路街道"})
    store.delete("sites", site)
    row = store.get("sites", site)
    assert row["deleted_at"] is not None and row["device_id"] == store.device_id
    actions = [r["action"] for r in store.rows("SELECT action FROM audit_log ORDER BY seq")]
    assert actions == ["insert", "update", "delete"]
    changes = store.rows("SELECT changes FROM audit_log WHERE action = 'update'")[0]["changes"]
    assert "长寿路街道" in changes


def test_finding_events_are_append_only(tmp_path):
    store = Store(open_database(tmp_path / "e.db"))
    store.db.execute("PRAGMA foreign_keys = OFF")
    store.db["finding_events"].insert({"id": "e1", "finding_id": "f", "kind": "created", "on_date": "2026-01-01",
                                       "created_at": "x", "device_id": "d"})
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        store.db.execute("UPDATE finding_events SET kind = 'close'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        store.db.execute("DELETE FROM finding_events")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"hello, this is a text file" * 10, "不是 Inspector 数据库"),
    ],
)
def test_a_file_that_is_not_ours_is_refused_and_untouched(tmp_path, content, message):
    path = tmp_path / "x.db"
    path.write_bytes(content)
    before = digest(path)
    with pytest.raises(DatabaseError) as info:
        open_database(path)
    assert message in info.value.message
    assert info.value.hint
    assert digest(path) == before


def test_corrupted_database_is_refused_and_untouched(tmp_path):
    path = tmp_path / "bad.db"
    open_database(path).close()
    data = bytearray(path.read_bytes())
    data[100:3000] = b"\xff" * 2900  # the schema page is overwritten
    path.write_bytes(bytes(data))
    before = digest(path)
    with pytest.raises(DatabaseError, match="已损坏"):
        open_database(path)
    assert digest(path) == before


def test_another_programs_sqlite_database_is_refused(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE songs (title TEXT)")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(DatabaseError, match="别的程序"):
        open_database(path)
    assert digest(path) == before


def test_truncated_database_is_refused(tmp_path):
    path = tmp_path / "full.db"
    db = open_database(path)
    db["sites"].insert_all([{"id": str(i), "created_at": "x", "updated_at": "x", "device_id": "d",
                             "name": "单位" * 50} for i in range(2000)])
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    before = digest(path)
    with pytest.raises(DatabaseError, match="截断"):
        open_database(path)
    assert digest(path) == before


def test_database_from_a_newer_program_is_refused(tmp_path):
    path = tmp_path / "new.db"
    open_database(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 3}")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(DatabaseError, match="更新版本") as info:
        open_database(path)
    assert "升级" in info.value.hint
    assert digest(path) == before


@pytest.mark.skipif(os.geteuid() == 0 and not os.environ.get("CI_READONLY"), reason="root ignores permissions")
def test_read_only_folder_is_refused(tmp_path):  # pragma: no cover - runs for non-root users
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    with pytest.raises(DatabaseError, match="只读"):
        open_database(folder / "a.db")


def test_read_only_folder_check_without_permissions(tmp_path, monkeypatch):
    """Root can write anywhere, so the permission answer is faked: the message and the untouched file count."""
    path = tmp_path / "a.db"
    open_database(path).close()
    before = digest(path)
    monkeypatch.setattr(os, "access", lambda p, mode: False)
    with pytest.raises(DatabaseError, match="只读"):
        open_database(path)
    assert digest(path) == before


def test_reads_go_to_the_connection_and_writes_make_the_sqlite_utils_helpers_once(tmp_path):
    """The window's start-up reads only (sqlite-utils is a sixth of it); a write brings the helpers in."""
    from inspector.db import open_connection

    store = Store(open_connection(tmp_path / "r.db"))
    site = store.insert("sites", {"name": "读写分开的单位"})
    made = store.db
    reader = Store(open_connection(tmp_path / "r.db"))
    assert reader.get("sites", site)["name"] == "读写分开的单位"
    assert reader.rows("SELECT name FROM sites") == [{"name": "读写分开的单位"}]
    assert reader._db is None  # nothing read needed them
    with pytest.raises(KeyError):
        reader.get("sites", "no-such-id")
    reader.ready_for_writes()
    assert reader._db is not None and reader._db.conn is reader.conn
    store.update("sites", site, {"name": "改名后的单位"})
    assert store.db is made and reader.get("sites", site)["name"] == "改名后的单位"
    reader.close()
    store.close()
