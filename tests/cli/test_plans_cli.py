"""``inspector risk``, ``inspector plan`` and ``inspector draw`` as a script would use them; ``draw verify``
says plainly whether a record re-runs, and a hostile file gets a message, never a traceback."""

from __future__ import annotations

import json

import pytest

from inspector.cli import main


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db(tmp_path, capsys):
    path = str(tmp_path / "x.db")
    assert run(capsys, "--db", path, "demo")[0] == 0
    return path


def test_draw_writes_a_record_that_verifies_and_an_edit_is_caught(db, tmp_path, capsys):
    out = tmp_path / "draw.json"
    code, text, _ = run(capsys, "--db", db, "draw", "--sites", "3", "--level", "红", "--level", "橙", "--out", str(out))
    assert code == 0 and "抽取 3 家" in text
    record = json.loads(out.read_text(encoding="utf-8"))
    assert record["filters"]["levels"] == ["红", "橙"] and len(record["result"]) == 3
    assert run(capsys, "draw", "verify", str(out))[0] == 0
    record["result"][0], record["result"][1] = record["result"][1], record["result"][0]
    out.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    code, _, err = run(capsys, "draw", "verify", str(out))
    assert code == 1 and "结果与记录不同" in err
    code, text, _ = run(capsys, "--db", db, "plan", "list")
    assert code == 0 and "完成 0/3" in text


@pytest.mark.parametrize("content", [b"", b"\x00\x01garbage", b'{"format": "inspector-draw"}', b"[" * 50_000,
                                     b'{"format": "inspector-draw", "algorithm": "sha256-rank", '
                                     b'"algorithm_version": 1, "seed": "s", "n": 1, "candidates": [{"id": 5}]}'])
def test_a_hostile_draw_record_gets_a_message(tmp_path, capsys, content):
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    code, _, err = run(capsys, "draw", "verify", str(bad))
    assert code == 2 and "bad.json" in err and "Traceback" not in err


def test_a_missing_record_file_gets_a_message(tmp_path, capsys):
    code, _, err = run(capsys, "draw", "verify", str(tmp_path / "none.json"))
    assert code == 2 and "无法读取" in err


def test_risk_assess_due_and_plan_print(db, tmp_path, capsys):
    code, text, _ = run(capsys, "--db", db, "list", "sites", "--json")
    site = json.loads(text)[0]
    code, text, _ = run(capsys, "--db", db, "risk", "assess", site["id"], "--hazard", "hazchem", "--hazard",
                        "confined_space", "--on", "2026-03-01", "--by", "林志明")
    assert code == 0 and "已评估" in text
    code, text, _ = run(capsys, "--db", db, "risk", "history", site["id"])
    assert code == 0 and "2026-03-01" in text
    code, text, _ = run(capsys, "--db", db, "risk", "due", "--today", "2099-01-01", "--within", "0")
    assert code == 0 and site['name'] in text
    code, text, _ = run(capsys, "--db", db, "plan", "create", "二季度计划", "--kind", "quarter", "--period", "2026-Q2")
    plan = text.strip()
    assert run(capsys, "--db", db, "plan", "add", plan, "--level", "红")[0] == 0
    pdf = tmp_path / "plan.pdf"
    code, _, _ = run(capsys, "--db", db, "plan", "print", plan, "--out", str(pdf), "--today", "2026-04-01")
    assert code == 0 and pdf.read_bytes().startswith(b"%PDF")
    code, _, err = run(capsys, "--db", db, "risk", "policy", "--publish", "--factors", "10", "20", "30")
    assert code == 2 and "区里" in err
