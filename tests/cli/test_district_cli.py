"""``inspector district`` and ``inspector campaign`` as the district office would use them."""

from __future__ import annotations

import json

from inspector.cli import main


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_campaigns_from_the_command_line(tmp_path, capsys):
    db = str(tmp_path / "d.db")
    assert run(capsys, "--db", db, "keys", "role", "district")[0] == 0
    code, out, _ = run(capsys, "--db", db, "campaign", "add", "--name", "燃气安全专项整治", "--from", "2025-04-01",
                       "--to", "2025-06-30", "--town", "长寿路街道", "--level", "红")
    assert code == 0
    campaign_id = out.strip()
    code, out, _ = run(capsys, "--db", db, "campaign", "list", "--json")
    assert [c["name"] for c in json.loads(out)] == ["燃气安全专项整治"]
    code, out, _ = run(capsys, "--db", db, "campaign", "progress", campaign_id, "--out", str(tmp_path / "c.pdf"))
    assert code == 0 and "整改率 —" in out and (tmp_path / "c.pdf").stat().st_size > 1000
    code, _, err = run(capsys, "--db", db, "campaign", "add", "--name", "x", "--level", "紫")
    assert code == 2 and "红、橙、黄、蓝" in err


def test_a_town_cannot_add_a_campaign_from_the_command_line(tmp_path, capsys):
    db = str(tmp_path / "t.db")
    code, _, err = run(capsys, "--db", db, "campaign", "add", "--name", "自拟专项")
    assert code == 2 and "区里发布" in err


def test_district_statistics_and_weights(tmp_path, capsys):
    db = str(tmp_path / "d.db")
    run(capsys, "--db", db, "keys", "role", "district")
    code, out, _ = run(capsys, "--db", db, "district", "weights", "整改率=40", "tasks=5", "--json")
    assert code == 0 and json.loads(out)["rectification"] == 40 and json.loads(out)["tasks"] == 5
    code, _, err = run(capsys, "--db", db, "district", "weights", "整改率=abc")
    assert code == 2 and "指标=权重" in err
    code, out, _ = run(capsys, "--db", db, "district", "--from", "2025-01-01", "--to", "2025-12-31")
    assert code == 0 and "考核得分" in out
    code, out, _ = run(capsys, "--db", db, "district", "--out", str(tmp_path / "s.xlsx"))
    assert code == 0 and (tmp_path / "s.xlsx").exists()
