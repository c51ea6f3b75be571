"""A database named with ``--db`` whose ``-wal`` lies beside it without the database itself: refused with a
message, and the log left as it was (SQLite would have deleted it when it made a new, empty database)."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from inspector.db.opening import open_database
from inspector.errors import DatabaseError
from inspector.filestore import sha256_file


def _stray_wal(tmp_path):
    """The ``-wal`` of another copy of a database, holding a change its ``.db`` does not have yet."""
    source = tmp_path / "elsewhere.db"
    conn = sqlite3.connect(source)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("CREATE TABLE t(x)")
    conn.execute("INSERT INTO t VALUES ('最近保存的记录')")
    conn.commit()
    wal = tmp_path / "inspector.db-wal"
    shutil.copyfile(tmp_path / "elsewhere.db-wal", wal)  # while the connection holds it, before a checkpoint
    conn.close()
    return tmp_path / "inspector.db", wal


@pytest.mark.parametrize("empty_db", [False, True])
def test_a_wal_without_its_database_is_refused_and_kept(tmp_path, empty_db):
    db, wal = _stray_wal(tmp_path)
    if empty_db:
        db.write_bytes(b"")
    before = sha256_file(wal)
    with pytest.raises(DatabaseError, match=r"inspector\.db-wal") as info:
        open_database(db)
    assert "放回" in info.value.hint and "未被修改" in info.value.hint
    assert sha256_file(wal) == before and (not db.exists() or db.stat().st_size == 0)


def test_a_new_database_with_no_wal_beside_it_opens(tmp_path):
    db = open_database(tmp_path / "new.db")
    assert db.execute("PRAGMA user_version").fetchone()[0] > 0
    db.close()
