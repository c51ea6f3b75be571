"""Queries for the sync: what changed since a time, local versions of incoming records, writing merges."""

from __future__ import annotations

from typing import Any

from inspector.db.store import Store


def columns(store: Store, table: str) -> list[str]:
    return [c.name for c in store.db[table].columns]


def changed_since(store: Store, table: str, since: str | None, where: str = "") -> list[dict[str, Any]]:
    """Rows written on this device (or merged into it) after ``since`` (all rows when None)."""
    clauses = [c for c in ("updated_at > :since" if since else "", where) if c]
    sql = f"SELECT * FROM {table}" + (f" WHERE {' AND '.join(clauses)}" if clauses else "") + " ORDER BY rowid"
    return store.rows(sql, {"since": since})


def events_since(store: Store, since: str | None) -> list[dict[str, Any]]:
    if since:
        return store.rows("SELECT * FROM finding_events WHERE created_at > ? ORDER BY rowid", [since])
    return store.rows("SELECT * FROM finding_events ORDER BY rowid")


def existing(store: Store, table: str, ids: list[str]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for start in range(0, len(ids), 900):
        chunk = ids[start:start + 900]
        for row in store.rows(f"SELECT * FROM {table} WHERE id IN ({', '.join('?' * len(chunk))})", chunk):
            out[row["id"]] = row
    return out


def upsert(store: Store, table: str, rows: list[dict[str, Any]]) -> None:
    """Write merged rows in one statement per batch (insert or replace by id)."""
    if not rows:
        return
    names = columns(store, table)
    sql = (f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))}) "
           f"ON CONFLICT(id) DO UPDATE SET {', '.join(f'{n} = excluded.{n}' for n in names if n != 'id')}")
    store.db.conn.executemany(sql, [[r.get(n) for n in names] for r in rows])


def insert(store: Store, table: str, rows: list[dict[str, Any]]) -> None:
    """Write rows new to this device (plain inserts: cheaper than upserts)."""
    if not rows:
        return
    names = columns(store, table)
    store.db.conn.executemany(f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
                              [[r.get(n) for n in names] for r in rows])


def insert_events(store: Store, events: list[dict[str, Any]]) -> int:
    """Union of finding events: those not yet here are added (append-only, never changed)."""
    names = ["id", "finding_id", "kind", "on_date", "actor", "data", "created_at", "device_id"]
    before = store.db.conn.total_changes
    store.db.conn.executemany(
        f"INSERT OR IGNORE INTO finding_events ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
        [[e.get(n) for n in names] for e in events])
    return store.db.conn.total_changes - before


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
    return "\n".join(store.db.conn.iterdump())
