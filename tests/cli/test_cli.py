"""The command line as a script or the district office would use it."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from inspector.cli import main
from tests.conftest import seed_path


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_demo_then_stats_json(tmp_path, capsys):
    db = str(tmp_path / "x.db")
    assert run(capsys, "--db", db, "demo")[0] == 0
    code, out, _ = run(capsys, "--db", db, "stats", "--json")
    stats = json.loads(out)
    assert code == 0 and stats["sites"] >= 30
    findings = stats["findings"]
    for status in ("registered", "ordered", "rectifying", "awaiting_recheck", "recheck_failed", "extended",
                   "recheck_passed", "closed"):
        assert findings["by_status"][status] > 0, status
    assert findings["by_grade"]["重大"] > 0 and findings["overdue"] > 0
    assert findings["rectification_rate"] == pytest.approx(findings["rectified"] / findings["total"], abs=1e-4)
    assert stats["checklists"] == 5 and stats["tasks"] == 12 + 7 + 45 + 14 + 57


def test_stats_on_an_empty_database_shows_a_dash_not_100_percent(tmp_path, capsys):
    db = str(tmp_path / "empty.db")
    code, out, _ = run(capsys, "--db", db, "stats")
    assert code == 0 and "整改率 —" in out


def test_parse_json_has_the_documented_shape(capsys):
    code, out, _ = run(capsys, "parse", str(seed_path("2021_shanghai_jingxinwei_zhizaoye_tongzhi.txt")), "--json")
    data = json.loads(out)
    assert code == 0
    assert set(data) == {"meta", "items", "tables", "warnings"}
    assert data["meta"]["doc_no"] == "沪经信运〔2021〕81号" and data["meta"]["date"] == "2021-01-27"
    task = next(i for i in data["items"] if i["kind"] == "task" and i["text"].startswith("各区和电力"))
    assert task["deadline"] == "2021-07-10" and "7月 10 前" in task["deadline_text"]
    assert data["items"][task["parent"]]["kind"] == "section"
    for item in data["items"]:
        assert {"kind", "number", "title", "text", "parent", "units", "deadline", "deadline_text"} <= set(item)


def test_parse_does_not_create_a_database(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    db = tmp_path / "never.db"
    run(capsys, "--db", str(db), "parse", str(seed_path("2023_putuo_gongzuoyijian.txt")))
    assert not db.exists()


def test_import_doc_json_twice(tmp_path, capsys):
    db = str(tmp_path / "i.db")
    run(capsys, "--db", db, "init")
    doc = str(seed_path("2023_putuo_gongzuoyijian.txt"))
    code, out, _ = run(capsys, "--db", db, "import-doc", doc, "--json")
    assert code == 0 and json.loads(out)["duplicate"] is True  # init already imported the samples


def test_errors_exit_2_with_message_and_advice(tmp_path, capsys):
    bad = tmp_path / "notes.db"
    bad.write_text("just some notes", encoding="utf-8")
    code, _, err = run(capsys, "--db", str(bad), "stats")
    assert code == 2 and "不是 Inspector 数据库" in err and "--db" in err
    code, _, err = run(capsys, "parse", str(tmp_path / "missing.docx"))
    assert code == 2 and "找不到文件" in err


def test_check_reports_a_missing_attachment(tmp_path, capsys):
    from inspector.services import Services

    db = tmp_path / "c.db"
    svc = Services.open(db, seed=False)
    svc.store.insert("attachments", {"sha256": "ab" * 32, "file_name": "现场照片.jpg", "size": 10,
                                     "owner_table": "findings", "owner_id": "x"})
    svc.close()
    code, out, _ = run(capsys, "--db", str(db), "check", "--json")
    report = json.loads(out)
    assert code == 1 and not report["ok"] and "现场照片.jpg" in report["problems"][0]


def test_entry_point_runs_as_a_module(tmp_path):
    result = subprocess.run([sys.executable, "-m", "inspector.cli", "--db", str(tmp_path / "m.db"), "list",
                             "checklists", "--json"], capture_output=True, text=True, check=True)
    assert len(json.loads(result.stdout)) == 10
