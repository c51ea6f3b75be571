"""Opening the database safely, and the record bookkeeping every write goes through.

Opening checks the file *before* anything can write to it: a file that is not SQLite, a SQLite file that is not
ours, a truncated or corrupted one, one written by a newer program, or a read-only folder each give a
:class:`~inspector.errors.DatabaseError` and leave the file byte-for-byte as it was.
"""

from __future__ import annotations

import contextlib
import json
import operator
import os
import sqlite3
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from inspector.db.schema import APPLICATION_ID, SCHEMA_VERSION, SYNCED_TABLES, migrations
from inspector.errors import DatabaseError
from inspector.sync.versions import BOOKKEEPING, Clock, local_edit

SQLITE_HEADER = b"SQLite format 3\x00"


def utc_now() -> str:
    """A sortable UTC timestamp with milliseconds, the one format every record uses."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def new_id() -> str:
    return str(uuid.uuid4())


STABLE = uuid.UUID("6f1c2d3e-8a47-4b6e-9c1d-2e3f4a5b6c7d")


def stable_id(*parts: str) -> str:
    """The same id on every device for the same content (the same document file, a built-in template, a
    unit name), so that records created separately on two laptops merge instead of being duplicated."""
    return str(uuid.uuid5(STABLE, "|".join(parts)))


def _inspect_existing(path: Path) -> None:
    """Refuse a file we must not touch; reads only, through a read-only connection."""
    size = path.stat().st_size
    if size == 0:
        return
    with path.open("rb") as fh:
        header = fh.read(100)
    if not header.startswith(SQLITE_HEADER):
        raise DatabaseError(
            f"“{path.name}” 不是 Inspector 数据库（不是 SQLite 文件）。",
            "请选择 Inspector 创建的 .db 文件，或用 --db 指定一个新的文件名。文件未被修改。",
        )
    page_size = int.from_bytes(header[16:18], "big") or 65536
    if page_size == 1:
        page_size = 65536
    page_count = int.from_bytes(header[28:32], "big")
    if page_count and page_count * page_size > size:
        raise DatabaseError(
            f"数据库“{path.name}”不完整（文件被截断，应有 {page_count * page_size} 字节，实有 {size} 字节）。",
            "请从备份恢复该文件，或从区里重新导入数据包。文件未被修改。",
        )
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            user_version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(
            f"数据库“{path.name}”已损坏，无法读取（{exc}）。",
            "请从备份恢复该文件；可先运行 `inspector --db 文件 check` 查看详情。文件未被修改。",
        ) from exc
    if app_id != APPLICATION_ID and (app_id != 0 or tables):
        raise DatabaseError(
            f"“{path.name}”是别的程序的 SQLite 数据库，不是 Inspector 数据库。",
            "请选择 Inspector 创建的数据库，或指定一个新的文件名。文件未被修改。",
        )
    if user_version > SCHEMA_VERSION:
        raise DatabaseError(
            f"数据库“{path.name}”由更新版本的 Inspector 创建（结构版本 {user_version}，本程序只认识到 "
            f"{SCHEMA_VERSION}）。",
            "请升级 Inspector 后再打开。文件未被修改。",
        )


def _check_writable(path: Path) -> None:
    folder = path.parent
    if not folder.exists():
        try:
            folder.mkdir(parents=True)
        except OSError as exc:
            raise DatabaseError(f"无法创建数据文件夹“{folder}”（{exc.strerror}）。", "请选择可写的位置。") from exc
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise DatabaseError(
            f"数据文件夹“{folder}”是只读的，Inspector 无法在其中保存记录。",
            "请把数据库复制到可写的文件夹（例如“文档”），或用 --db 指定其他位置。文件未被修改。",
        )


def open_database(path: Path | str) -> Database:
    """Open (creating if needed) and migrate the database at ``path``; refuse anything unsafe to touch."""
    path = Path(path)
    if path.exists():
        if path.is_dir():
            raise DatabaseError(f"“{path}”是一个文件夹，不是数据库文件。", "请指定一个 .db 文件的路径。")
        _inspect_existing(path)
    _check_writable(path)
    try:
        db = Database(path)
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
        migrate(db)
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(f"无法打开或升级数据库“{path.name}”（{exc}）。", "请从备份恢复该文件。") from exc
    return db


def connect(path: Path | str) -> Database:
    """Another connection to a database this process has already opened and checked (for a background
    thread): the same pragmas, no start-up checks, no migration — and no Python ``open()`` of the file."""
    db = Database(Path(path))
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA busy_timeout = 5000")
    return db


def migrate(db: Database, stop_before: str | None = None) -> None:
    """Apply pending migrations; each one is all-or-nothing. ``stop_before`` is for upgrade tests."""
    if stop_before is None and db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION:
        return  # up to date: start-up does no more work than reading one header field
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")  # ours from the first step on
    migrations.apply(db, stop_before=stop_before)
    applied = len(migrations.applied(db))
    db.execute(f"PRAGMA user_version = {applied}")


class Store:
    """The one object the services use to read and write records.

    It stamps every write with an id, timestamps and this device's id, records it in the audit log, and turns
    deletions into tombstones. Query helpers for particular screens live in sibling modules.
    """

    def __init__(self, db: Database, path: Path | None = None) -> None:
        self.db = db
        self.path = path
        self.actor = ""
        self.device_id = self.setting("device_id") or self._new_device_id()
        self.clock = Clock(self.device_id)

    # -- settings ---------------------------------------------------------------------------------------------
    def setting(self, key: str, default: str | None = None) -> str | None:
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return row[0] if row else default

    def set_setting(self, key: str, value: str) -> None:
        with self.db.atomic():
            self.db.execute(
                "INSERT INTO settings(key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [key, value],
            )

    def _new_device_id(self) -> str:
        device = new_id()
        self.set_setting("device_id", device)
        return device

    # -- transactions -----------------------------------------------------------------------------------------
    @contextlib.contextmanager
    def atomic(self) -> Iterator[Database]:
        """One transaction: everything inside lands together or not at all."""
        with self.db.atomic():
            yield self.db

    # -- records ----------------------------------------------------------------------------------------------
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

    def insert(self, table: str, record: dict[str, Any], *, audit: bool = True) -> str:
        """Insert a record with its bookkeeping columns filled in; returns its id."""
        now = utc_now()
        row = {"id": new_id(), "created_at": now, "updated_at": now, "device_id": self.device_id, **record,
               **self._new_meta(table, record)}
        with self.db.atomic():
            self.db[table].insert(row)
            if audit:
                self.audit("insert", table, row["id"], record)
        return row["id"]

    def insert_many(self, table: str, records: list[dict[str, Any]]) -> list[str]:
        """Bulk insert for imports and demo data; one audit entry for the batch."""
        now = utc_now()
        rows = [
            {"id": new_id(), "created_at": now, "updated_at": now, "device_id": self.device_id, **r,
             **self._new_meta(table, r)}
            for r in records
        ]
        if rows:
            with self.db.atomic():
                self.db[table].insert_all(rows, batch_size=2000)
                self.audit("insert_many", table, None, {"count": len(rows)})
        return [r["id"] for r in rows]

    def update(self, table: str, record_id: str, changes: dict[str, Any]) -> None:
        """Change fields of a record; the audit log keeps the old and the new values."""
        old = self.get(table, record_id)
        diff = {k: [old.get(k), v] for k, v in changes.items() if old.get(k) != v}
        if not diff:
            return
        with self.db.atomic():
            self.db[table].update(record_id, {**changes, "updated_at": utc_now(), "device_id": self.device_id,
                                              **self._edit_meta(table, old, list(diff))})
            self.audit("update", table, record_id, diff)

    def delete(self, table: str, record_id: str) -> None:
        """Leave a tombstone: the row stays, marked deleted, so the deletion can travel to other devices."""
        old = self.get(table, record_id)
        now = utc_now()
        with self.db.atomic():
            self.db[table].update(record_id, {"deleted_at": now, "updated_at": now, "device_id": self.device_id,
                                              **self._edit_meta(table, old, ["deleted_at"])})
            self.audit("delete", table, record_id, None)

    def get(self, table: str, record_id: str) -> dict[str, Any]:
        try:
            return self.db[table].get(record_id)
        except Exception as exc:  # sqlite_utils.db.NotFoundError
            raise KeyError(f"{table} {record_id} not found") from exc

    def rows(self, sql: str, params: list[Any] | dict[str, Any] | None = None) -> list[dict[str, Any]]:
        cursor = self.db.execute(sql, params or [])
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def scalar(self, sql: str, params: list[Any] | None = None) -> Any:
        row = self.db.execute(sql, params or []).fetchone()
        return row[0] if row else None

    def audit(self, action: str, table: str | None, record_id: str | None, changes: Any) -> None:
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

    def close(self) -> None:
        self.db.close()

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
        with self.db.atomic():
            self.db.conn.executemany(sql, values)
            self.audit("bulk_insert", table, None, {"count": len(rows)})
        return len(rows)

    @contextlib.contextmanager
    def bulk_load(self) -> Iterator[None]:
        """Settings for writing gigabytes in a few large transactions: a larger page cache, and the write-ahead
        log checkpointed after each large transaction instead of every 4 MB (each checkpoint waits for the disk
        twice). Restored afterwards; the log is folded back into the database at the end."""
        cache = self.scalar("PRAGMA cache_size")
        self.db.execute("PRAGMA cache_size = -262144")
        self.db.execute("PRAGMA wal_autocheckpoint = 65536")
        try:
            yield
        finally:
            self.db.execute(f"PRAGMA cache_size = {int(cache)}")
            self.db.execute("PRAGMA wal_autocheckpoint = 1000")
            self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def _columns(self, table: str) -> set[str]:
        cache = self.__dict__.setdefault("_column_cache", {})
        if table not in cache:
            cache[table] = {c.name for c in self.db[table].columns}
            if not cache[table]:
                raise KeyError(f"no table {table}")
        return cache[table]
