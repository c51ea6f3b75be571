"""Copies of the database made and checked through SQLite itself.

A database in WAL mode is the ``.db`` *plus* its ``-wal``: copying the ``.db`` while a program has it open loses
what is still in the WAL, and opening the file with Python's ``open()`` drops the process's locks on it
(sqlite.org/howtocorrupt.html §2.2). So every copy here goes through SQLite's online backup API, which reads a
consistent snapshot (WAL included) under SQLite's own locks, and every check of a backup goes through a
connection (``integrity_check``, ``application_id``, ``user_version``).
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from inspector.db.opening import as_connection
from inspector.db.structure import APPLICATION_ID, SCHEMA_VERSION
from inspector.errors import DatabaseError

if TYPE_CHECKING:
    from sqlite_utils import Database

BUSY_MS = 5000


def _connect(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    uri = f"{path.resolve().as_uri()}?mode=ro" if read_only else str(path)
    conn = sqlite3.connect(uri, uri=read_only, timeout=BUSY_MS / 1000)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
    return conn


def snapshot(db: Database | sqlite3.Connection, dest: Path) -> None:
    """Write a consistent, self-contained copy of ``db`` to ``dest`` (a plain file, no ``-wal`` needed).

    The copy is made under ``dest``'s name + ``.part`` and renamed when complete, so a cut-short backup never
    looks like a good one."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    partial = dest.with_name(dest.name + ".part")
    partial.unlink(missing_ok=True)
    target = sqlite3.connect(str(partial))
    try:
        as_connection(db).backup(target)
        target.execute("PRAGMA journal_mode = DELETE")  # one file that opens read-only anywhere
    finally:
        target.close()
    partial.replace(dest)


def snapshot_file(source: Path, dest: Path) -> None:
    """:func:`snapshot` of a database file this process has no connection to (a backup chosen by the user)."""
    try:
        conn = _connect(source, read_only=True)
        try:
            snapshot(conn, dest)
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        dest.with_name(dest.name + ".part").unlink(missing_ok=True)
        raise DatabaseError(f"“{source.name}”不是可用的 Inspector 备份（{exc}）。",
                            "请选择“备份…”生成的文件或 backups 文件夹中的 .db 文件。当前数据库未被改动。") from exc


@dataclass(frozen=True)
class BackupInfo:
    """What a checked backup holds, for the confirmation before restoring it."""

    schema_version: int
    last_change: str | None
    findings: int
    sites: int
    device_id: str | None


def inspect(path: Path, name: str | None = None) -> BackupInfo:
    """Check a database file before it may replace anything: SQLite's integrity check, that it is ours, and that
    it was not written by a newer program. Raises :class:`DatabaseError` (in Chinese) otherwise."""
    shown = name or path.name
    keep = "当前数据库未被改动。"
    try:
        conn = _connect(path, read_only=True)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if app_id != APPLICATION_ID:
                raise DatabaseError(f"“{shown}”不是 Inspector 的备份（是别的程序的 SQLite 文件）。",
                                    f"请选择 Inspector 生成的备份文件。{keep}")
            if version > SCHEMA_VERSION:
                raise DatabaseError(
                    f"备份“{shown}”由更新版本的 Inspector 生成（结构版本 {version}，"
                    f"本程序只认识到 {SCHEMA_VERSION}）。",
                    f"请先升级 Inspector 再恢复。{keep}")
            problems = [r[0] for r in conn.execute("PRAGMA integrity_check(5)").fetchall() if r[0] != "ok"]
            if problems or version < 1:
                detail = "；".join(problems) or "没有数据表"
                raise DatabaseError(f"备份“{shown}”已损坏（{detail}）。", f"请换一个较早的备份。{keep}")
            return BackupInfo(version, *_summary(conn))
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(f"备份“{shown}”无法读取，已损坏或不是数据库（{exc}）。",
                            f"请换一个备份文件。{keep}") from exc


def _summary(conn: sqlite3.Connection) -> tuple[str | None, int, int, str | None]:
    last = conn.execute("SELECT max(at) FROM audit_log").fetchone()[0]
    findings = conn.execute("SELECT count(*) FROM findings WHERE deleted_at IS NULL").fetchone()[0]
    sites = conn.execute("SELECT count(*) FROM sites WHERE deleted_at IS NULL").fetchone()[0]
    device = conn.execute("SELECT value FROM settings WHERE key = 'device_id'").fetchone()
    return last, findings, sites, device[0] if device else None


def device_id(path: Path) -> str | None:
    """The device id recorded in a database file; ``None`` if it has none or cannot be read."""
    try:
        conn = _connect(path, read_only=True)
        try:
            row = conn.execute("SELECT value FROM settings WHERE key = 'device_id'").fetchone()
            return row[0] if row else None
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return None


def change_marker(db: Database | sqlite3.Connection) -> int:
    """A number that grows with every saved change (each write leaves an audit entry): equal markers mean a
    backup would hold nothing new."""
    return as_connection(db).execute("SELECT coalesce(max(rowid), 0) FROM audit_log").fetchone()[0]


def file_change_marker(path: Path) -> int | None:
    """:func:`change_marker` of a backup file; ``None`` if it cannot be read."""
    try:
        conn = _connect(path, read_only=True)
        try:
            return change_marker(conn)
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return None


def copy_into(source: Path, target: Path) -> None:
    """Replace the contents of the database at ``target`` (created if missing) with the checked file ``source``,
    through the backup API: SQLite takes its locks and rewrites the WAL correctly, no file is renamed under an
    open connection."""
    src = _connect(source, read_only=True)
    try:
        dest = _connect(target)
        try:
            src.backup(dest)
        finally:
            dest.close()
    finally:
        src.close()


def readable(path: Path) -> bool:
    """Whether SQLite can read the database at ``path`` (a damaged one is moved aside instead of copied)."""
    try:
        conn = _connect(path, read_only=True)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return True
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return False


def move_aside(path: Path, dest: Path) -> None:
    """Move a damaged database *with* its ``-wal`` and ``-shm`` (never one without the others); only when this
    process holds no connection to it."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        part = path.with_name(path.name + suffix)
        if part.exists():
            os.replace(part, dest.with_name(dest.name + suffix))


def wal_pending(db: Database | sqlite3.Connection) -> int:
    """Pages of the ``-wal`` that are not in the main file yet, after a passive checkpoint (which copies what
    it can without waiting for anyone). More than zero means another connection is reading: the ``.db`` alone
    is then not the whole database."""
    _busy, frames, done = as_connection(db).execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
    if frames < 0:  # not in WAL mode
        return 0
    return max(frames - done, 0)


CARRY_SQL = (
    """INSERT INTO doc_counters(issuer, year, category, last_no)
       SELECT issuer, year, category, last_no FROM previous.doc_counters WHERE true
       ON CONFLICT(issuer, year, category) DO UPDATE SET last_no = max(last_no, excluded.last_no)""",
    """UPDATE peers SET last_seq_sent = max(last_seq_sent,
              (SELECT p.last_seq_sent FROM previous.peers p WHERE p.id = peers.id))
       WHERE id IN (SELECT id FROM previous.peers)""",
)


def carry_counters(target: Path, previous: Path) -> bool:
    """After a restore, keep the counters others have already seen from going back: document numbers printed
    on paper since the backup are never issued again, and the next package to a peer gets a new number. One
    transaction; ``False`` if the previous database lacks the tables (nothing carried)."""
    conn = sqlite3.connect(target.resolve().as_uri(), uri=True, timeout=BUSY_MS / 1000)
    try:
        conn.execute("ATTACH DATABASE ? AS previous", [f"{previous.resolve().as_uri()}?mode=ro"])
        with conn:
            for sql in CARRY_SQL:
                conn.execute(sql)
        return True
    except sqlite3.OperationalError:  # an old file without these tables
        return False
    finally:
        conn.close()
