"""The record bookkeeping every write goes through, in one transaction per user action.

Opening and inspecting the file lives in :mod:`inspector.db.opening` (re-exported here). Every write a service
makes goes through a :class:`Store` method — never a raw ``INSERT``/``UPDATE`` — so ids, timestamps, the device,
the audit log, per-field sync versions and the attachment files that belong to a transaction are handled in one
place.
"""

from __future__ import annotations

import contextlib
import json
import operator
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from inspector.db.opening import as_connection, connect, inspect_existing, migrate, open_connection, open_database
from inspector.db.staging import Staged, discard, stage_bytes, stage_file
from inspector.db.structure import SYNCED_TABLES
from inspector.sync.versions import BOOKKEEPING, Clock, local_edit

if TYPE_CHECKING:
    from sqlite_utils import Database

__all__ = ["Store", "connect", "inspect_existing", "migrate", "new_id", "open_connection", "open_database", "stable_id",
           "utc_now"]

PLAIN_TABLES = frozenset({"unit_aliases"})  # small link tables without the bookkeeping columns


def utc_now() -> str:
    """A sortable UTC timestamp with milliseconds, the one format every record uses."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def new_id() -> str:
    import uuid  # here, not at start-up: it imports platform, which the first window does not need

    return str(uuid.uuid4())


STABLE = "6f1c2d3e-8a47-4b6e-9c1d-2e3f4a5b6c7d"
"""The namespace of :func:`stable_id`; changing it would stop ids made on other devices from matching."""


def stable_id(*parts: str) -> str:
    """The same id on every device for the same content (the same document file, a built-in template, a
    unit name), so that records created separately on two laptops merge instead of being duplicated."""
    import uuid

    return str(uuid.uuid5(uuid.UUID(STABLE), "|".join(parts)))


class Store:
    """The one object the services use to read and write records.

    It stamps every write with an id, timestamps and this device's id, records it in the audit log, and turns
    deletions into tombstones. Query helpers for particular screens live in sibling modules.
    ``checkpoint_on_close`` is for the connection that opened the file (not a worker's): closing it folds the
    WAL into the ``.db``, so that the file alone is complete after quitting.
    """

    def __init__(self, db: Database | sqlite3.Connection, path: Path | None = None, *,
                 checkpoint_on_close: bool = True) -> None:
        self.conn = as_connection(db)
        self._db = None if isinstance(db, sqlite3.Connection) else db
        self.path = path
        self.actor = ""
        self.checkpoint_on_close = checkpoint_on_close
        self._stages: list[Staged] = []
        self.device_id = self.setting("device_id") or self._new_device_id()
        self.clock = Clock(self.device_id)

    @property
    def db(self) -> Database:
        """sqlite-utils over the same connection, made when first needed. Reading needs only the connection,
        so the window opens without importing sqlite-utils (a sixth of its start-up); writing, which uses
        its table helpers, brings it in."""
        if self._db is None:
            from sqlite_utils import Database

            self._db = Database(self.conn, execute_plugins=False)
        return self._db

    def ready_for_writes(self) -> None:
        """Make the sqlite-utils helpers now, at an idle moment, rather than in the middle of the first save
        (a few tens of milliseconds) or of a worker's read while a page opens."""
        _ = self.db

    # -- settings ---------------------------------------------------------------------------------------------
    def setting(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return row[0] if row else default

    def set_setting(self, key: str, value: str, *, audit: bool = False) -> None:
        """Store a setting; ``audit`` records the change like any other (profile values, preferences)."""
        with self.atomic():
            old = self.setting(key)
            self.conn.execute(
                "INSERT INTO settings(key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [key, value],
            )
            if audit:
                self.audit("setting", "settings", key, {key: [old, value]})

    def _new_device_id(self) -> str:
        device = new_id()
        self.set_setting("device_id", device)
        return device

    # -- transactions -----------------------------------------------------------------------------------------
    @contextlib.contextmanager
    def atomic(self) -> Iterator[None]:
        """One transaction: everything inside — rows and staged attachment files — lands together or not at all.

        The outermost level takes the write lock at once (``BEGIN IMMEDIATE``), so a read-then-write inside it
        can never fail half-way because a background thread wrote in between; inner levels are savepoints.
        """
        staged = Staged()
        self._stages.append(staged)
        try:
            if self.conn.in_transaction:
                with self.db.atomic():
                    yield
            else:
                with self._immediate():
                    yield
        except BaseException:
            self._stages.pop()
            discard(staged, self._file_in_use)
            raise
        self._stages.pop()
        if self._stages:
            self._stages[-1].absorb(staged)

    @contextlib.contextmanager
    def _immediate(self) -> Iterator[None]:
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            if conn.in_transaction:
                conn.rollback()
            raise
        try:
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.rollback()
            raise

    def _file_in_use(self, digest: str) -> bool:
        return self.scalar("SELECT 1 FROM attachments WHERE sha256 = ? LIMIT 1", [digest]) is not None

    def _current_stage(self) -> Staged:
        if not self._stages:
            raise RuntimeError("attachment files are kept only inside Store.atomic()")
        return self._stages[-1]

    # -- attachment files -------------------------------------------------------------------------------------
    def keep_file(self, folder: Path, source: Path) -> str:
        """Put ``source`` into the attachment folder for the open transaction; returns its sha256. The file
        stays only if the transaction commits."""
        return stage_file(self._current_stage(), folder, source)

    def keep_bytes(self, folder: Path, data: bytes) -> str:
        """Like :meth:`keep_file` for bytes in memory (a package's attachments)."""
        return stage_bytes(self._current_stage(), folder, data)

    # -- versions for sync ----------------------------------------------------------------------------------
    def _new_meta(self, table: str, record: dict[str, Any]) -> dict[str, Any]:
        if table not in SYNCED_TABLES:
            return {}
        stamp = self.clock.now()
        meta = {f: {"vv": {self.device_id: 1}, "t": stamp} for f in record if f not in BOOKKEEPING}
        return {"sync_meta": json.dumps(meta, ensure_ascii=False, sort_keys=True)}

    def _edit_meta(self, table: str, old: dict[str, Any], fields: list[str]) -> dict[str, Any]:
        if table not in SYNCED_TABLES:
            return {}
        meta = json.loads(old.get("sync_meta") or "{}")
        default = {} if meta else {old["device_id"]: 1}
        stamp = self.clock.now()
        for f in fields:
            meta[f] = local_edit(meta.get(f), default, self.device_id, stamp)
        return {"sync_meta": json.dumps(meta, ensure_ascii=False, sort_keys=True)}

    # -- records ----------------------------------------------------------------------------------------------
    def _stamped(self, table: str, record: dict[str, Any], now: str) -> dict[str, Any]:
        return {"id": new_id(), "created_at": now, "updated_at": now, "device_id": self.device_id, **record,
                **self._new_meta(table, record)}

    def insert(self, table: str, record: dict[str, Any], *, audit: bool = True) -> str:
        """Insert a record with its bookkeeping columns filled in; returns its id."""
        row = self._stamped(table, record, utc_now())
        with self.atomic():
            self.db[table].insert(row)
            if audit:
                self.audit("insert", table, row["id"], record)
        return row["id"]

    def insert_many(self, table: str, records: list[dict[str, Any]], *, audit: bool = True) -> list[str]:
        """Bulk insert for imports and demo data; one audit entry for the batch (or none: the caller writes one
        that says what the batch was)."""
        now = utc_now()
        rows = [self._stamped(table, r, now) for r in records]
        if rows:
            with self.atomic():
                self.db[table].insert_all(rows, batch_size=2000)
                if audit:
                    self.audit("insert_many", table, None, {"count": len(rows)})
        return [r["id"] for r in rows]

    def append(self, table: str, record: dict[str, Any]) -> str:
        """Add an entry to an append-only log (a finding's events): id, time and device filled in, no
        ``updated_at`` because it never changes."""
        return self.append_many(table, [record])[0]

    def append_many(self, table: str, records: list[dict[str, Any]]) -> list[str]:
        now = utc_now()
        rows = [{"id": new_id(), "created_at": now, "device_id": self.device_id, **r} for r in records]
        if rows:
            with self.atomic():
                self.db[table].insert_all(rows, batch_size=2000)
        return [r["id"] for r in rows]

    def insert_plain(self, table: str, rows: list[dict[str, Any]]) -> None:
        """Rows of a small link table that has no bookkeeping columns (a unit's aliases)."""
        if table not in PLAIN_TABLES:
            raise ValueError(f"{table} has bookkeeping columns: use insert()")
        if rows:
            with self.atomic():
                self.db[table].insert_all(rows)

    def update(self, table: str, record_id: str, changes: dict[str, Any]) -> None:
        """Change fields of a record; the audit log keeps the old and the new values."""
        with self.atomic():
            old = self.get(table, record_id)
            diff = {k: [old.get(k), v] for k, v in changes.items() if old.get(k) != v}
            if not diff:
                return
            # device_id is the record's owner, fixed at creation (docs/sync-format.md): an edit keeps it
            self.db[table].update(record_id, {**changes, "updated_at": utc_now(),
                                              **self._edit_meta(table, old, list(diff))})
            self.audit("update", table, record_id, diff)

    def settle(self, table: str, record_id: str, field: str, value: Any) -> None:
        """A person's choice between concurrent versions of a field (a sync conflict): written even when it equals
        the value shown, because the new version must supersede every concurrent one."""
        with self.atomic():
            old = self.get(table, record_id)
            self.db[table].update(record_id, {field: value, "updated_at": utc_now(),
                                              **self._edit_meta(table, old, [field])})
            self.audit("resolve_conflict", table, record_id, {field: value})

    def delete(self, table: str, record_id: str) -> None:
        """Leave a tombstone: the row stays, marked deleted, so the deletion can travel to other devices."""
        with self.atomic():
            old = self.get(table, record_id)
            now = utc_now()
            self.db[table].update(record_id, {"deleted_at": now, "updated_at": now,
                                              **self._edit_meta(table, old, ["deleted_at"])})
            self.audit("delete", table, record_id, None)

    def get(self, table: str, record_id: str) -> dict[str, Any]:
        """One record by id (every table the program names has an ``id`` key); KeyError when there is none."""
        found = self.rows(f"SELECT * FROM {table} WHERE id = ?", [record_id])
        if not found:
            raise KeyError(f"{table} {record_id} not found")
        return found[0]

    def rows(self, sql: str, params: list[Any] | dict[str, Any] | None = None) -> list[dict[str, Any]]:
        cursor = self.conn.execute(sql, params or [])
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def scalar(self, sql: str, params: list[Any] | None = None) -> Any:
        row = self.conn.execute(sql, params or []).fetchone()
        return row[0] if row else None

    def audit(self, action: str, table: str | None, record_id: str | None, changes: Any) -> None:
        """One line of the audit log; part of the caller's transaction (a lone call commits by itself)."""
        self.db.execute(
            "INSERT INTO audit_log(at, device_id, actor, action, table_name, record_id, changes) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                utc_now(),
                self.device_id,
                self.actor,
                action,
                table,
                record_id,
                json.dumps(changes, ensure_ascii=False, default=str) if changes is not None else None,
            ],
        )

    def interrupt(self) -> None:
        """Stop the query this connection is running (called from another thread: a newer search replaced it)."""
        with contextlib.suppress(sqlite3.ProgrammingError):  # already closed: nothing left to stop
            self.conn.interrupt()

    def end_read(self) -> None:
        """Leave the connection as a new one would be (no open transaction), to be used again for other work."""
        if self.conn.in_transaction:
            self.conn.rollback()

    def close(self) -> None:
        """Close the connection; the opening one first folds the WAL into the main file (see the class doc).
        Closing twice is harmless (a restore closes the services before the window does)."""
        if getattr(self, "_closed", False):
            return
        self._closed = True
        conn = self.conn
        if conn.in_transaction:
            conn.rollback()
        if self.checkpoint_on_close:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        conn.close()

    # -- bulk loads -------------------------------------------------------------------------------------------
    def bulk_insert(self, table: str, rows: list[dict[str, Any]]) -> int:
        """Many new records in one statement (demo data, benchmarks at district scale), stamped as
        :meth:`insert` stamps one: id (unless given), timestamps, this device, per-field versions — the
        versions computed once for the batch, since its rows share their fields and their moment. Rows must all
        have the keys of the first. One audit entry for the batch; inside the caller's transaction if any."""
        if not rows:
            return 0
        have = self._columns(table)
        now = utc_now()
        stamps = {k: v for k, v in {"created_at": now, "updated_at": now, "device_id": self.device_id,
                                    **self._new_meta(table, rows[0])}.items() if k in have}
        given = [c for c in rows[0] if c != "id"]
        extra = [c for c in stamps if c not in rows[0]]
        unknown = set(given) - have
        if unknown:
            raise KeyError(f"{table} has no column(s) {sorted(unknown)}")
        columns = ["id", *given, *extra]
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
        pick = operator.itemgetter(*given)
        fixed = tuple(stamps[c] for c in extra)
        values = (((r.get("id") or new_id()), *pick(r), *fixed) if len(given) > 1 else
                  ((r.get("id") or new_id()), pick(r), *fixed) for r in rows)
        with self.atomic():
            self.conn.executemany(sql, values)
            self.audit("bulk_insert", table, None, {"count": len(rows)})
        return len(rows)

    @contextlib.contextmanager
    def bulk_load(self) -> Iterator[None]:
        """Settings for writing gigabytes in a few large transactions: a larger page cache, and the write-ahead
        log checkpointed after each large transaction instead of every 4 MB (each checkpoint waits for the disk
        twice). Restored afterwards; the log is folded back into the database at the end."""
        cache = self.scalar("PRAGMA cache_size")
        self.conn.execute("PRAGMA cache_size = -262144")
        self.conn.execute("PRAGMA wal_autocheckpoint = 65536")
        try:
            yield
        finally:
            self.conn.execute(f"PRAGMA cache_size = {int(cache)}")
            self.conn.execute("PRAGMA wal_autocheckpoint = 1000")
            self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def _columns(self, table: str) -> set[str]:
        cache = self.__dict__.setdefault("_column_cache", {})
        if table not in cache:
            cache[table] = {c.name for c in self.db[table].columns}
            if not cache[table]:
                raise KeyError(f"no table {table}")
        return cache[table]
