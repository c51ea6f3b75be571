"""Opening the database safely: refuse what must not be touched, then connect with the same pragmas everywhere.

The file is only ever inspected *through SQLite* (a read-only connection, ``PRAGMA``s, SQLite's own error codes):
never with Python's ``open()``. Closing any descriptor on the database file drops every POSIX lock the process
holds on it (sqlite.org/howtocorrupt.html §2.2), so a second window, a print job or the sync page reading the
header would let the next outside program checkpoint and delete the WAL under the first connection's feet.
SQLite's own connections share one lock table per file inside the process, so they are safe to open and close.

A file that is not SQLite, a SQLite file that is not ours, a truncated or corrupted one, one written by a newer
program, or a read-only folder each give a :class:`~inspector.errors.DatabaseError` and leave the file
byte-for-byte as it was.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from inspector.db.structure import APPLICATION_ID, SCHEMA_VERSION
from inspector.errors import DatabaseError

if TYPE_CHECKING:
    from sqlite_utils import Database

BUSY_TIMEOUT_MS = 5000
UNCHANGED = "文件未被修改。"


@contextlib.contextmanager
def _read_only(path: Path, *, tolerant: bool = False) -> Iterator[sqlite3.Connection]:
    """A read-only connection; ``tolerant`` lets SQLite read a file whose header claims more pages than it has."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        if tolerant:
            conn.execute("PRAGMA writable_schema = ON")  # nothing is written: the connection is read-only
        yield conn
    finally:
        conn.close()


def inspect_existing(path: Path) -> None:
    """Refuse a file we must not touch; reads only, through a read-only SQLite connection."""
    if path.stat().st_size == 0:
        return  # an empty file is a new database
    try:
        with _read_only(path) as conn:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            user_version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as exc:
        raise _unreadable(path, exc) from exc
    if app_id != APPLICATION_ID and (app_id != 0 or tables):
        raise DatabaseError(
            f"“{path.name}”是别的程序的 SQLite 数据库，不是 Inspector 数据库。",
            f"请选择 Inspector 创建的数据库，或指定一个新的文件名。{UNCHANGED}",
        )
    if user_version > SCHEMA_VERSION:
        raise DatabaseError(
            f"数据库“{path.name}”由更新版本的 Inspector 创建（结构版本 {user_version}，本程序只认识到 "
            f"{SCHEMA_VERSION}）。",
            f"请升级 Inspector 后再打开。{UNCHANGED}",
        )


def _unreadable(path: Path, exc: sqlite3.DatabaseError) -> DatabaseError:
    """Say which of the three ways a file cannot be read this is: not SQLite, cut short, or damaged."""
    if getattr(exc, "sqlite_errorname", "") == "SQLITE_NOTADB":
        return DatabaseError(
            f"“{path.name}”不是 Inspector 数据库（不是 SQLite 文件）。",
            f"请选择 Inspector 创建的 .db 文件，或用 --db 指定一个新的文件名。{UNCHANGED}",
        )
    missing = _pages_beyond_end(path)
    if missing:
        pages, needed = missing
        return DatabaseError(
            f"数据库“{path.name}”不完整（文件被截断：只有 {pages} 页，记录却指向第 {needed} 页）。",
            f"请从备份恢复该文件，或从区里重新导入数据包。{UNCHANGED}",
        )
    return DatabaseError(
        f"数据库“{path.name}”已损坏，无法读取（{exc}）。",
        f"请从备份恢复该文件；可先运行 `inspector --db 文件 check` 查看详情。{UNCHANGED}",
    )


INVALID_PAGE = re.compile(r"invalid page number (\d+)")


def _pages_beyond_end(path: Path) -> tuple[int, int] | None:
    """(pages in the file, highest page referenced) when SQLite's quick check finds references past the end of
    the file, the mark of a file cut short (an interrupted copy); ``None`` otherwise."""
    try:
        with _read_only(path, tolerant=True) as conn:
            pages = conn.execute("PRAGMA page_count").fetchone()[0]
            report = "\n".join(r[0] for r in conn.execute("PRAGMA quick_check(50)"))
    except sqlite3.DatabaseError:
        return None
    referenced = [int(n) for n in INVALID_PAGE.findall(report)]
    beyond = [n for n in referenced if n > pages]
    return (pages, max(beyond)) if beyond else None


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
            f"请把数据库复制到可写的文件夹（例如“文档”），或用 --db 指定其他位置。{UNCHANGED}",
        )


def as_connection(db: Database | sqlite3.Connection) -> sqlite3.Connection:
    """The ``sqlite3`` connection under ``db``, whether sqlite-utils wraps it or not."""
    return db if isinstance(db, sqlite3.Connection) else db.conn


def _pragmas(conn: sqlite3.Connection) -> sqlite3.Connection:
    """The settings every connection has (``recursive_triggers`` as sqlite-utils sets it on the connections it
    makes, so that it does not matter which made it)."""
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA recursive_triggers = ON")
    return conn


def open_connection(path: Path | str) -> sqlite3.Connection:
    """Open (creating if needed) and migrate the database at ``path``; refuse anything unsafe to touch."""
    path = Path(path)
    if path.exists():
        if path.is_dir():
            raise DatabaseError(f"“{path}”是一个文件夹，不是数据库文件。", "请指定一个 .db 文件的路径。")
        inspect_existing(path)
    _refuse_stray_wal(path)
    _check_writable(path)
    conn = None
    try:
        conn = sqlite3.connect(str(path))
        conn.execute("PRAGMA journal_mode = WAL")
        migrate(_pragmas(conn))
    except sqlite3.DatabaseError as exc:
        if conn is not None:
            conn.close()
        raise DatabaseError(f"无法打开或升级数据库“{path.name}”（{exc}）。", "请从备份恢复该文件。") from exc
    return conn


def open_database(path: Path | str) -> Database:
    """:func:`open_connection` with sqlite-utils over it (the command line and the tests use its helpers)."""
    from sqlite_utils import Database

    return Database(open_connection(path), execute_plugins=False)


def _refuse_stray_wal(path: Path) -> None:
    """A ``-wal`` beside a database that is missing or empty belongs to another copy of it (the ``.db`` was
    moved or deleted without it): SQLite would silently delete it when it makes the new database, and with it
    the last changes of that copy. Refuse, and leave both files as they are (only their sizes are read)."""
    wal = path.with_name(path.name + "-wal")
    with contextlib.suppress(OSError):
        if wal.is_file() and wal.stat().st_size > 0 and (not path.exists() or path.stat().st_size == 0):
            raise DatabaseError(
                f"找到了日志文件“{wal.name}”，却没有它的数据库“{path.name}”（数据库可能被移走或删除，"
                "日志里可能还有最近保存的记录）。",
                f"请把原来的“{path.name}”放回同一文件夹后再打开；如确认不再需要，请先移走“{wal.name}”，"
                f"或用 --db 指定其他文件名。{UNCHANGED}",
            )


def connect(path: Path | str, *, any_thread: bool = False) -> sqlite3.Connection:
    """Another connection to a database this process has already opened and checked (for a background
    thread): the same pragmas, no start-up checks, no migration. ``any_thread``: one kept for later work on
    another worker thread (never two at once) and closed by whoever closes the program's own connection."""
    return _pragmas(sqlite3.connect(str(Path(path)), check_same_thread=not any_thread))


def migrate(db: Database | sqlite3.Connection, stop_before: str | None = None) -> None:
    """Apply pending migrations; each one is all-or-nothing. ``stop_before`` is for upgrade tests.

    Foreign keys are off while the steps run, as SQLite's procedure for rebuilding a table asks
    (sqlite.org/lang_altertable.html §7): a step that renames a table, creates its new shape and copies the rows
    over must not have the copy judged half-way; ``inspector check`` reports any dangling reference."""
    conn = as_connection(db)
    if stop_before is None and conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION:
        return  # up to date: start-up does no more work than reading one header field (nor loads the steps)
    from sqlite_utils import Database

    from inspector.db.schema import migrations

    db = Database(conn, execute_plugins=False) if isinstance(db, sqlite3.Connection) else db
    enforced = db.execute("PRAGMA foreign_keys").fetchone()[0]
    db.execute("PRAGMA foreign_keys = OFF")
    try:
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")  # ours from the first step on
        migrations.apply(db, stop_before=stop_before)
        applied = len(migrations.applied(db))
        db.execute(f"PRAGMA user_version = {applied}")
    finally:
        db.execute(f"PRAGMA foreign_keys = {'ON' if enforced else 'OFF'}")


COMPANIONS = ("", "-wal", "-shm", "-journal")


def refuse_own_files(db_path: Path, candidate: Path | str) -> Path:
    """``candidate`` as a path, unless it is the open database or one of SQLite's files beside it: reading those
    from Python (importing the database as a document, attaching it as a photo) would close a descriptor on
    them and drop this process's locks — the way WAL files get lost."""
    candidate = Path(candidate)
    for suffix in COMPANIONS:
        own = db_path.with_name(db_path.name + suffix)
        with contextlib.suppress(OSError):
            if candidate.exists() and own.exists() and os.path.samefile(candidate, own):
                raise DatabaseError(
                    f"“{candidate.name}”是 Inspector 正在使用的数据库文件，不能作为文件导入或附加。",
                    "请选择其他文件；需要保存数据库副本时请使用备份功能。数据库未被修改。",
                )
    return candidate
