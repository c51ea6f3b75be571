"""Batch work from the command line: issue an inspection's orders, print its documents and the overdue orders."""

from __future__ import annotations

import json
from datetime import date, timedelta

from pypdf import PdfReader

from inspector import workflow as wf
from inspector.cli import main
from inspector.services import Services

FOUND = date.today() - timedelta(days=40)  # deadlines 30 days past, whatever the day


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_issue_then_print(tmp_path, capsys):
    db = tmp_path / "b.db"
    services = Services.open(db, seed=False)
    site = services.add_site(name="上海恒达机械有限公司")
    inspection = services.start_inspection(site, None, started_at=f"{FOUND.isoformat()}T09:00")
    ids = [services.record_finding(description=d, grade="一般", found_on=FOUND, deadline=FOUND + timedelta(days=10),
                                   site_id=site, inspection_id=inspection) for d in ("灭火器过期", "疏散通道堵塞")]
    services.close()
    code, _, err = run(capsys, "--db", str(db), "batch", "issue-orders")
    assert code == 2 and "--inspection" in err
    code, out, _ = run(capsys, "--db", str(db), "batch", "issue-orders", "--inspection", inspection,
                       "--on", FOUND.isoformat(), "--json")
    result = json.loads(out)
    assert code == 0 and sorted(result["ordered"]) == sorted(ids) and result["doc_no"].endswith("1号")
    code, _, err = run(capsys, "--db", str(db), "batch", "issue-orders", "--inspection", inspection)
    assert code == 2 and "没有待下发" in err
    code, out, _ = run(capsys, "--db", str(db), "batch", "print-overdue", "--out", str(tmp_path / "o.pdf"))
    assert code == 0 and "限期整改意见书" in "".join(p.extract_text() for p in PdfReader(tmp_path / "o.pdf").pages)
    code, out, _ = run(capsys, "--db", str(db), "batch", "print-inspection", "--inspection", inspection,
                       "--out", str(tmp_path / "all.pdf"))
    text = "".join(p.extract_text() for p in PdfReader(tmp_path / "all.pdf").pages)
    assert code == 0 and "现场检查记录" in text and "限期整改意见书" in text
    services = Services.open(db, seed=False)
    assert {services.store.get("findings", f)["status"] for f in ids} == {wf.ORDERED}
    services.close()
