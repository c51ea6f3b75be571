"""The sync verbs on the command line, as the district office scripts them."""

from __future__ import annotations

import json

from inspector.cli import main


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_keys_export_trust_export_import_dry_run_receipt(tmp_path, capsys):
    town, district = str(tmp_path / "town.db"), str(tmp_path / "district.db")
    run(capsys, "--db", town, "init")
    run(capsys, "--db", district, "init")
    assert run(capsys, "--db", district, "keys", "role", "district")[1].strip() == "本机角色：district"
    assert run(capsys, "--db", town, "keys", "export", str(tmp_path / "town.json"))[0] == 0
    assert run(capsys, "--db", district, "keys", "export", str(tmp_path / "district.json"))[0] == 0
    code, out, _ = run(capsys, "--db", town, "keys", "trust", str(tmp_path / "district.json"), "--role", "district")
    assert code == 0 and "指纹" in out and "（区）" in out
    code, out, _ = run(capsys, "--db", district, "keys", "trust", str(tmp_path / "town.json"))
    assert code == 0 and "（街镇）" in out
    peer = json.loads((tmp_path / "district.json").read_text(encoding="utf-8"))["name"]
    package = tmp_path / "t1.inspx"
    code, out, _ = run(capsys, "--db", town, "export", "--to", peer, "--out", str(package), "--json")
    assert code == 0 and json.loads(out)["seq"] == 1 and json.loads(out)["encrypted"]
    code, out, _ = run(capsys, "--db", district, "import-package", str(package), "--dry-run", "--json")
    preview = json.loads(out)
    assert preview["dry_run"] is True and preview["receipt"] is None and not preview["duplicate"]
    assert preview["refused"] == []
    code, out, _ = run(capsys, "--db", district, "import-package", str(package), "--json")
    report = json.loads(out)
    assert code == 0 and report["receipt"] and not report["duplicate"]
    code, out, _ = run(capsys, "--db", district, "import-package", str(package), "--json")
    assert json.loads(out)["duplicate"] is True
    code, out, _ = run(capsys, "--db", town, "receipt", "import", report["receipt"])
    assert code == 0 and "已收到第 1 号" in out
    code, out, _ = run(capsys, "--db", district, "keys", "list", "--json")
    peers = json.loads(out)["peers"]
    assert peers[0]["received"] == [1] and peers[0]["gaps"] == [] and peers[0]["role"] == "town"


def test_untrusted_revoked_and_unrevoked(tmp_path, capsys):
    a, b = str(tmp_path / "a.db"), str(tmp_path / "b.db")
    run(capsys, "--db", a, "init")
    run(capsys, "--db", b, "init")
    run(capsys, "--db", b, "keys", "role", "district")
    run(capsys, "--db", b, "keys", "export", str(tmp_path / "b.json"))
    run(capsys, "--db", a, "keys", "trust", str(tmp_path / "b.json"))
    name = json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))["name"]
    run(capsys, "--db", a, "export", "--to", name, "--out", str(tmp_path / "p.inspx"))
    code, _, err = run(capsys, "--db", b, "import-package", str(tmp_path / "p.inspx"))
    assert code == 2 and "未受信任" in err and "keys trust" in err
    run(capsys, "--db", a, "keys", "export", str(tmp_path / "a.json"))
    assert run(capsys, "--db", b, "keys", "trust", str(tmp_path / "a.json"))[0] == 0
    device = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))["device"]
    assert run(capsys, "--db", b, "keys", "revoke", device)[0] == 0
    code, _, err = run(capsys, "--db", b, "keys", "trust", str(tmp_path / "p.inspx"))
    assert code == 2 and "已被吊销" in err
    code, _, err = run(capsys, "--db", b, "import-package", str(tmp_path / "p.inspx"), "--dry-run")
    assert code == 2 and "已吊销" in err
    code, out, _ = run(capsys, "--db", b, "keys", "unrevoke", device)
    assert code == 0 and "注意" in out
    code, out, _ = run(capsys, "--db", b, "import-package", str(tmp_path / "p.inspx"), "--dry-run")
    assert code == 0 and "预览" in out


def test_towns_do_not_trust_each_other(tmp_path, capsys):
    a, b = str(tmp_path / "a.db"), str(tmp_path / "b.db")
    run(capsys, "--db", a, "init")
    run(capsys, "--db", b, "init")
    run(capsys, "--db", b, "keys", "export", str(tmp_path / "b.json"))
    code, _, err = run(capsys, "--db", a, "keys", "trust", str(tmp_path / "b.json"), "--role", "town")
    assert code == 2 and "街镇之间不互相信任" in err
