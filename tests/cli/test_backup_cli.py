"""``inspector backup`` / ``restore`` / ``check`` as a script would use them."""

from __future__ import annotations

import json
import sqlite3

from inspector.cli import main
from inspector.filestore import sha256_file
from inspector.services import Services


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_backup_then_restore_brings_back_the_data(tmp_path, capsys):
    db = tmp_path / "town.db"
    assert run(capsys, "--db", db, "demo")[0] == 0
    code, out, _ = run(capsys, "--db", db, "backup", "--out", tmp_path / "copy.inspbak", "--json")
    assert code == 0 and json.loads(out)["path"].endswith("copy.inspbak")
    sites_before = json.loads(run(capsys, "--db", db, "list", "sites", "--json")[1])
    svc = Services.open(db, seed=False)
    svc.add_site(name="备份之后登记的单位")
    svc.close()
    code, out, _ = run(capsys, "--db", db, "restore", tmp_path / "copy.inspbak", "--json")
    result = json.loads(out)
    assert code == 0 and result["sites"] == len(sites_before) and result["kept"]
    assert json.loads(run(capsys, "--db", db, "list", "sites", "--json")[1]) == sites_before


def test_restore_of_a_bad_file_exits_2_and_leaves_the_database(tmp_path, capsys):
    db = tmp_path / "town.db"
    run(capsys, "--db", db, "init")
    before = sha256_file(db)
    bad = tmp_path / "bad.inspbak"
    bad.write_bytes(b"\x00" * 500)
    code, _, err = run(capsys, "--db", db, "restore", bad)
    assert code == 2 and "当前数据库未被改动" in err
    assert sha256_file(db) == before


def test_check_warns_when_the_wal_holds_changes_not_in_the_db(tmp_path, capsys):
    db = tmp_path / "town.db"
    Services.open(db, seed=False).close()
    reader = sqlite3.connect(db, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM settings").fetchone()
    writer = sqlite3.connect(db, isolation_level=None)
    writer.execute("INSERT INTO settings(key, value) VALUES ('note', 'written by another program')")
    code, out, _ = run(capsys, "--db", db, "check", "--json")
    report = json.loads(out)
    assert code == 0 and report["ok"] and report["warnings"] and "-wal" in report["warnings"][0]
    reader.execute("ROLLBACK")
    code, out, _ = run(capsys, "--db", db, "check")
    assert "注意" not in out
    reader.close()
    writer.close()
