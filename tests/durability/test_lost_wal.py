"""The lost-WAL sequence: a second connection in the process must not drop the first one's file locks.

Closing any descriptor on the database file drops every POSIX lock the process holds on it
(sqlite.org/howtocorrupt.html §2.2). If opening the database read its header with Python's ``open()``, an outside
program that then opens and closes the file believes it is the last user, checkpoints and deletes the WAL, and
every later write of the window goes into an unlinked file that nobody else will ever see.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from inspector.services import Services

COUNT_SITES = (
    "import sqlite3, sys\n"
    "conn = sqlite3.connect(sys.argv[1])\n"
    "print(conn.execute('SELECT count(*) FROM sites WHERE name = ?', [sys.argv[2]]).fetchone()[0])\n"
    "conn.close()\n"
)


def _outside(path, name: str) -> int:
    """Another program (a shell ``sqlite3``, ``inspector stats``, a backup tool) opening and closing the file."""
    done = subprocess.run([sys.executable, "-c", COUNT_SITES, str(path), name], capture_output=True, text=True,
                          timeout=30, check=True)
    return int(done.stdout)


@pytest.mark.parametrize("second_opener", ["open", "for_worker"])
def test_a_write_after_an_outside_program_closed_the_file_is_seen_by_a_third_process(tmp_path, second_opener):
    path = tmp_path / "inspector.db"
    window = Services.open(path, seed=False)
    window.add_site(name="上海恒达餐饮店")
    # e.g. the sync page or a print job opening its own services, or a background worker's connection
    second = Services.open(path, seed=False) if second_opener == "open" else window.for_worker()
    try:
        assert _outside(path, "上海恒达餐饮店") == 1
        window.add_site(name="上海华安便利店")
        second.add_site(name="上海普宁印务有限公司")
        assert _outside(path, "上海华安便利店") == 1
        assert _outside(path, "上海普宁印务有限公司") == 1
    finally:
        second.close()
        window.close()
    assert _outside(path, "上海华安便利店") == 1


def test_opening_an_existing_database_never_opens_the_file_from_python(tmp_path, monkeypatch):
    import builtins
    import io

    path = tmp_path / "inspector.db"
    Services.open(path, seed=False).close()
    touched = []
    real_open = io.open

    def watching(file, *args, **kwargs):
        if isinstance(file, (str, os.PathLike)) and str(file).startswith(str(path)):
            touched.append(str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", watching)
    monkeypatch.setattr(io, "open", watching)
    window = Services.open(path, seed=False)
    second = Services.open(path, seed=False)
    window.add_site(name="上海恒达餐饮店")
    second.close()
    window.close()
    assert touched == []


def test_the_database_itself_is_refused_as_a_document_or_an_attachment(services):
    from inspector.errors import DatabaseError

    site = services.add_site(name="上海恒达餐饮店")
    wal = services.path.with_name(services.path.name + "-wal")
    for chosen in (services.path, wal):
        with pytest.raises(DatabaseError, match="正在使用的数据库"):
            services.import_document(chosen)
        with pytest.raises(DatabaseError, match="正在使用的数据库"):
            services.add_attachment(chosen, "sites", site)
    assert services.attachments_of("sites", site) == []
    assert services.checklists() == []
