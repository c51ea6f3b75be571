"""Queries for the sync: what changed since a time, local versions of incoming records, writing merges."""

from __future__ import annotations

import contextlib
import operator
import sqlite3
from collections.abc import Callable, Iterator
from typing import Any

from inspector.db.store import Store
from inspector.errors import RuleError


def columns(store: Store, table: str) -> list[str]:
    return [c.name for c in store.db[table].columns]


def change_seq(store: Store) -> int:
    """The local change number now (read it in the same transaction as the rows it stands for)."""
    return store.scalar("SELECT seq FROM sync_counter WHERE id = 1") or 0


def changed_since(store: Store, table: str, since: int, owner: str) -> Iterator[dict[str, Any]]:
    """Rows ``owner`` owns whose last local change is after change number ``since`` (all of them at 0), read
    a batch at a time. Finding events come grouped by finding (in the order they were stored), as an import
    takes them a finding at a time."""
    order = ("t.finding_id, " if table == "finding_events" else "") + ("t.rowid" if not since else "c.seq")
    if not since:
        cursor = store.conn.execute(f"SELECT t.* FROM {table} t WHERE t.device_id = ? ORDER BY {order}", [owner])
    else:
        cursor = store.conn.execute(
            f"""SELECT t.* FROM sync_changes c JOIN {table} t ON t.id = c.record_id
                WHERE c.table_name = ? AND c.seq > ? AND t.device_id = ? ORDER BY {order}""",
            [table, since, owner])
    names = [d[0] for d in cursor.description]
    while batch := cursor.fetchmany(2000):
        for row in batch:
            yield dict(zip(names, row, strict=True))


def own_workplan_items(store: Store, owner: str) -> list[str]:
    """Items of the work plans ``owner`` created itself (a town's own, which stay on the town)."""
    return [r["id"] for r in store.rows(
        """SELECT i.id FROM checklist_items i JOIN checklists c ON c.id = i.checklist_id
           WHERE c.kind = 'workplan' AND c.device_id = ?""", [owner])]


def existing(store: Store, table: str, ids: list[str], columns: tuple[str, ...] | None = None
             ) -> dict[str, dict[str, Any]]:
    """The stored rows of these ids, by id: every column, or only ``columns`` (program-given names)."""
    out: dict[str, dict[str, Any]] = {}
    wanted = ", ".join(columns) if columns else "*"
    for start in range(0, len(ids), 900):
        chunk = ids[start:start + 900]
        for row in store.rows(f"SELECT {wanted} FROM {table} WHERE id IN ({', '.join('?' * len(chunk))})", chunk):
            out[row["id"]] = row
    return out


def upsert(store: Store, table: str, rows: list[dict[str, Any]]) -> None:
    """Write merged rows in one statement per batch (insert or replace by id)."""
    if not rows:
        return
    names = columns(store, table)
    sql = (f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))}) "
           f"ON CONFLICT(id) DO UPDATE SET {', '.join(f'{n} = excluded.{n}' for n in names if n != 'id')}")
    store.conn.executemany(sql, [[r.get(n) for n in names] for r in rows])


def insert(store: Store, table: str, rows: list[dict[str, Any]]) -> None:
    """Write rows new to this device (plain inserts: cheaper than upserts). A column a row leaves out (a package
    of an older version, before the column existed) takes the column's default, not NULL."""
    if not rows:
        return
    known = columns(store, table)
    groups: dict[frozenset[str], list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(frozenset(row), []).append(row)
    for keys, group in groups.items():
        names = [n for n in known if n in keys]
        if names:
            store.conn.executemany(
                f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
                map(_values(names), group))


def _values(names: list[str]) -> Callable[[dict[str, Any]], tuple[Any, ...]]:
    """A row's values of these columns as one tuple, taken in C (rows are many)."""
    get = operator.itemgetter(*names)
    return get if len(names) > 1 else lambda row: (get(row),)


def insert_events(store: Store, events: list[dict[str, Any]]) -> int:
    """Union of finding events: those not yet here are added (append-only, never changed)."""
    names = ["id", "finding_id", "kind", "on_date", "actor", "data", "created_at", "device_id"]
    values, wanted = _values(names), set(names)
    before = store.conn.total_changes
    store.conn.executemany(
        f"INSERT OR IGNORE INTO finding_events ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
        (values(e) if wanted <= e.keys() else [e.get(n) for n in names] for e in events))
    return store.conn.total_changes - before


def events_by_finding(store: Store, finding_ids: list[str]):
    """The events of many findings, in the order they happened, a batch of findings at a time."""
    for start in range(0, len(finding_ids), 900):
        chunk = finding_ids[start:start + 900]
        grouped: dict[str, list[dict[str, Any]]] = {}
        for row in store.rows(
            f"""SELECT * FROM finding_events WHERE finding_id IN ({', '.join('?' * len(chunk))})
                ORDER BY on_date, created_at""", chunk):
            grouped.setdefault(row["finding_id"], []).append(row)
        yield grouped


def packages(store: Store) -> list[dict[str, Any]]:
    return store.rows("SELECT * FROM packages ORDER BY created_at DESC")


def package_seen(store: Store, package_id: str, sha: str) -> dict[str, Any] | None:
    rows = store.rows("SELECT * FROM packages WHERE direction = 'in' AND (package_id = ? OR sha256 = ?)",
                      [package_id, sha])
    return rows[0] if rows else None


def sent_package(store: Store, package_id: str) -> dict[str, Any] | None:
    rows = store.rows("SELECT * FROM packages WHERE direction = 'out' AND package_id = ?", [package_id])
    return rows[0] if rows else None


def peer_by_device(store: Store, device: str) -> dict[str, Any] | None:
    rows = store.rows("SELECT * FROM peers WHERE device = ? AND deleted_at IS NULL", [device])
    return rows[0] if rows else None


def peers(store: Store) -> list[dict[str, Any]]:
    return store.rows("SELECT * FROM peers WHERE deleted_at IS NULL ORDER BY name")


def received_seqs(store: Store, sender: str) -> list[int]:
    return [r["seq"] for r in store.rows(
        "SELECT seq FROM packages WHERE direction = 'in' AND sender_device = ? ORDER BY seq", [sender])]


def conflicts(store: Store, tables: tuple[str, ...]) -> list[dict[str, Any]]:
    """Records with at least one field holding concurrent values."""
    out = []
    for table in tables:
        for row in store.rows(f"SELECT * FROM {table} WHERE sync_meta LIKE '%\"others\"%'"):
            row["_table"] = table
            out.append(row)
    return out


def dump(store: Store) -> str:
    """The whole database as SQL text, to prove a refused package changed nothing."""
    return "\n".join(store.conn.iterdump())


def all_rows(store: Store, table: str) -> list[dict[str, Any]]:
    return store.rows(f"SELECT * FROM {table} ORDER BY rowid")


def defer_foreign_keys(store: Store) -> None:
    """Inside the import's transaction: references are checked at commit (events may precede their finding)."""
    store.db.execute("PRAGMA defer_foreign_keys = ON")


IMPORT_CACHE_KB = 128 * 1024


@contextlib.contextmanager
def import_cache(store: Store) -> Iterator[None]:
    """A larger page cache for the length of an import (and its commit), then the one before: one long
    transaction looks up, inserts and updates rows and index entries all over a large file, and SQLite's
    default 2 MB would read the same pages again and again (and spill changed ones to the log before the end).
    Durability is untouched: it is memory only."""
    before = store.db.execute("PRAGMA cache_size").fetchone()[0]
    store.db.execute(f"PRAGMA cache_size = -{IMPORT_CACHE_KB}")
    try:
        yield
    finally:
        store.db.execute(f"PRAGMA cache_size = {int(before)}")


SET_DERIVED = "UPDATE findings SET status = :status, current_deadline = :current_deadline, closed_on = :closed_on"


def set_derived(store: Store, columns: dict[str, dict[str, Any]]) -> None:
    """Write each finding's status, current deadline and close-out date as its events derive them."""
    store.conn.executemany(f"{SET_DERIVED} WHERE id = :id", [{"id": k, **v} for k, v in columns.items()])


@contextlib.contextmanager
def provisional_findings(store: Store) -> Iterator[None]:
    """A temporary list, for the length of an import, of the new findings written with the derived columns their
    package states (see :mod:`inspector.sync.merge`): on disk, not in memory, however many a package holds."""
    store.db.execute("CREATE TEMP TABLE IF NOT EXISTS import_provisional (id TEXT PRIMARY KEY) WITHOUT ROWID")
    store.db.execute("DELETE FROM temp.import_provisional")
    try:
        yield
    finally:
        store.db.execute("DROP TABLE IF EXISTS temp.import_provisional")


def mark_provisional(store: Store, finding_ids: list[str]) -> None:
    store.conn.executemany("INSERT OR IGNORE INTO temp.import_provisional (id) VALUES (?)",
                              ((i,) for i in finding_ids))


def settle_provisional(store: Store, columns: dict[str, Any]) -> None:
    """Every provisional finding that has no event at all gets the columns of no events: no event derives the
    status its package stated. (One with events had its columns derived when they came.)"""
    store.conn.execute(
        f"""{SET_DERIVED} WHERE id IN (SELECT p.id FROM temp.import_provisional p
                                      WHERE NOT EXISTS (SELECT 1 FROM finding_events e WHERE e.finding_id = p.id))""",
        columns)


def events_of(store: Store, finding_ids: list[str]) -> dict[str, dict[str, Any]]:
    """The stored events of these findings, by event id."""
    out: dict[str, dict[str, Any]] = {}
    for grouped in events_by_finding(store, finding_ids):
        for events in grouped.values():
            out.update({e["id"]: e for e in events})
    return out


def delete_settings(store: Store, names: tuple[str, ...]) -> None:
    """Delete settings so that their values are overwritten in the file too (``secure_delete``): private keys
    moved out of the database must not stay readable in its free pages."""
    store.db.execute("PRAGMA secure_delete = ON")
    store.db.execute(f"DELETE FROM settings WHERE key IN ({', '.join('?' * len(names))})", list(names))


def column_types(store: Store, table: str) -> list[tuple[str, str, bool, bool]]:
    """(name, declared type, required, nullable) of each column, for the records schema: a NOT NULL column with a
    default may be left out but never be null."""
    return [(r["name"], r["type"], bool(r["notnull"] or r["pk"]) and r["dflt_value"] is None,
             not (r["notnull"] or r["pk"])) for r in store.rows(f"PRAGMA table_info({table})")]


@contextlib.contextmanager
def write_transaction(store: Store, wait_ms: int = 5000) -> Iterator[None]:
    """One transaction that takes the write lock first (``BEGIN IMMEDIATE``), waiting up to ``wait_ms`` for
    another connection's transaction (an import in the background): its reads then see the latest data and
    its writes cannot fail on a stale snapshot. Store writes inside nest as savepoints."""
    store.db.execute(f"PRAGMA busy_timeout = {int(wait_ms)}")
    try:
        store.db.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        raise RuleError("数据库正被另一项操作占用（例如正在导入数据包），暂时无法导出。", "请稍后再试。") from exc
    try:
        yield
    except BaseException:
        store.conn.rollback()
        raise
    store.db.execute("COMMIT")


@contextlib.contextmanager
def read_transaction(store: Store) -> Iterator[None]:
    """One read transaction: every query inside sees the same snapshot, and writers on other connections are
    not held up (the database is in WAL mode), however long the reading takes."""
    store.db.execute("BEGIN")
    try:
        yield
    finally:
        store.conn.rollback()  # nothing was written: ending it either way is the same
