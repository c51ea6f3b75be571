"""The import walks a package in bounded batches: the same result as taking it whole, events a finding at a
time, and every refusal still leaves the district exactly as before."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from inspector import workflow as wf
from inspector.db import findings as fq
from inspector.db.sync import dump
from inspector.errors import ImportFailed
from inspector.sync import package, stream
from tests.sync.forge import forge, row

TODAY = date.today()


def ev(finding: str, n: int) -> dict:
    return {"id": f"{finding}-{n}", "finding_id": finding}


def test_event_batches_are_cut_only_where_the_finding_changes():
    parts = [[ev("a", 1), ev("a", 2), ev("b", 1)], [ev("b", 2), ev("b", 3), ev("c", 1)], [ev("c", 2)]]
    out = list(stream.by_finding(parts, "p.inspx", batch=3))
    assert [[e["id"] for e in b] for b in out] == [["a-1", "a-2"], ["b-1", "b-2", "b-3"], ["c-1", "c-2"]]


def test_a_finding_whose_events_come_back_after_its_batch_refuses_the_package():
    parts = [[ev("a", 1), ev("b", 1)], [ev("a", 2), ev("c", 1)]]
    with pytest.raises(ImportFailed, match="没有按隐患分组"):
        list(stream.by_finding(parts, "p.inspx", batch=2))
    assert len(list(stream.by_finding(parts, "p.inspx", batch=10))) == 1  # one batch: taken whole, any order


def test_one_finding_with_endless_events_is_refused(monkeypatch):
    monkeypatch.setattr(stream, "MAX_EVENTS_PER_FINDING", 5)
    with pytest.raises(ImportFailed, match="处理记录过多"):
        list(stream.by_finding([[ev("a", n)] for n in range(10)], "p.inspx", batch=2))


def _town_with_findings(a, count: int) -> None:
    site = a.add_site(name="上海恒达餐饮有限公司", town="长寿路街道")
    for n in range(count):
        finding = a.record_finding(description=f"疏散通道堆放杂物{n}", grade="一般", found_on=TODAY,
                                   deadline=TODAY + timedelta(days=30), site_id=site)
        if n % 2:
            a.act(finding, wf.Event(wf.ORDER_ISSUED, TODAY, {"deadline": TODAY + timedelta(days=20)}))


def _findings(services) -> list[tuple]:
    return services.store.db.execute(
        "SELECT id, status, current_deadline, (SELECT count(*) FROM finding_events e WHERE e.finding_id = f.id) "
        "FROM findings f ORDER BY id").fetchall()


def test_small_batches_give_what_the_whole_package_gives(world, tmp_path, monkeypatch):
    a, d = world["a"], world["d"]
    _town_with_findings(a, 7)
    out = tmp_path / "a.inspx"
    a.sync().export("普陀区应急局", out)
    monkeypatch.setattr(stream, "BATCH", 2)
    preview = d.sync().import_package(out, dry_run=True)
    report = d.sync().import_package(out)
    assert (preview.tables, preview.events) == (report.tables, report.events)
    assert report.tables["findings"]["new"] == 7 and report.events == 7 + 3
    assert _findings(d) == _findings(a)
    found = fq.finding_rowids(d.store.db, fq.FindingFilter(text="杂物3"), TODAY)  # the search index was filled
    assert len(found) == 1


@pytest.mark.parametrize("read", [7, 64, 1024**2])
def test_records_read_in_pieces_of_any_size_give_the_same_import(world, tmp_path, monkeypatch, read):
    a, d = world["a"], world["d"]
    _town_with_findings(a, 7)
    out = tmp_path / "a.inspx"
    a.sync().export("普陀区应急局", out)
    monkeypatch.setattr(package, "READ", read)  # lines cut across the pieces, a piece in the middle of a character
    report = d.sync().import_package(out)
    assert report.tables["findings"]["new"] == 7 and report.events == 7 + 3
    assert _findings(d) == _findings(a)


def test_a_line_longer_than_the_limit_is_refused_without_being_held_whole(monkeypatch):
    import hashlib
    import io

    monkeypatch.setattr(package, "MAX_LINE", 100)
    monkeypatch.setattr(package, "READ", 16)
    endless = io.BytesIO(b'{"id": "a"}\n' + b"x" * 10_000)
    lines = list(package._lines(endless, hashlib.sha256()))
    assert lines[0] == b'{"id": "a"}' and len(lines) == 2 and len(lines[1]) == 101
    assert endless.tell() < 200  # read no further than the limit needs


def _index(services) -> list[tuple]:
    return services.store.db.execute("SELECT rowid, body FROM findings_fts ORDER BY rowid").fetchall()


def test_imported_findings_are_indexed_for_search_as_a_full_rebuild_indexes_them(world, tmp_path, monkeypatch):
    a, d = world["a"], world["d"]
    _town_with_findings(a, 5)
    a.add_site(name="万里餐饮店", town="万里街道")  # a site without findings
    plain = a.record_finding(description="灭火器过期", grade="一般", found_on=TODAY, deadline=TODAY)  # no site
    a.store.update("findings", plain, {"location": "二楼 A2 仓库", "requirement": "立即更换"})
    out = tmp_path / "a.inspx"
    a.sync().export("普陀区应急局", out)
    monkeypatch.setattr(stream, "BATCH", 2)
    d.sync().import_package(out)
    imported = _index(d)
    assert len(imported) == 6 and any("a2" in body and "灭火" in body for _, body in imported)
    fq.reindex_all(d.store.db)
    assert _index(d) == imported


def test_the_same_record_twice_in_two_batches_is_refused(world, tmp_path, monkeypatch):
    a, d = world["a"], world["d"]
    site = row(a, "sites", a.add_site(name="甲"))
    out = forge(a, d, tmp_path / "twice.inspx", {"sites": [site, {**site, "name": "乙"}]})
    monkeypatch.setattr(stream, "BATCH", 1)
    before = dump(d.store)
    with pytest.raises(ImportFailed, match="出现了两次"):
        d.sync().import_package(out)
    assert dump(d.store) == before


def test_a_refusal_in_a_later_batch_undoes_the_earlier_batches(world, tmp_path, monkeypatch):
    a, d = world["a"], world["d"]
    sites = [row(a, "sites", a.add_site(name=f"单位{n}")) for n in range(4)]
    sites[3] = {**sites[3], "device_id": d.store.device_id}  # not the sender's
    out = forge(a, d, tmp_path / "late.inspx", {"sites": sites})
    monkeypatch.setattr(stream, "BATCH", 1)
    before = dump(d.store)
    with pytest.raises(ImportFailed, match="整个数据包未导入"):
        d.sync().import_package(out)
    assert dump(d.store) == before


def test_a_record_pointing_to_one_written_by_an_earlier_batch_is_not_taken_for_a_repeat(world, tmp_path,
                                                                                         monkeypatch):
    """A task list's items point to their section (and a revised plan to the one it replaces): when the parent
    was written by an earlier batch of the same import, the child's batch finds it with this import's stamp,
    which is not the package holding the parent twice."""
    a, d = world["a"], world["d"]
    text = tmp_path / "普陀区2026年安全生产工作要点.txt"
    text.write_text("普陀区2026年安全生产工作要点\n\n一、重点任务\n\n1. 开展隐患排查治理。（区应急局、各街镇）\n"
                    "2. 开展消防安全检查。（各街镇）\n\n二、保障措施\n\n1. 加强组织领导。（区应急局）\n",
                    encoding="utf-8")
    plan = d.import_document(text).checklist_id
    items = d.checklist_items(plan)
    assert any(i["parent_id"] for i in items)
    text.write_text(text.read_text(encoding="utf-8") + "2. 强化考核。（区应急局）\n", encoding="utf-8")
    revised = d.import_document(text).checklist_id
    assert d.store.get("checklists", revised)["previous_id"] == plan
    out = tmp_path / "plan.inspx"
    d.sync().export("长寿路街道", out, full=True)
    monkeypatch.setattr(stream, "BATCH", 1)
    report = a.sync().import_package(out)
    assert not report.refused and report.tables["checklist_items"]["new"] == len(items) + len(
        d.checklist_items(revised))
    held = a.store.rows("SELECT id, parent_id FROM checklist_items WHERE checklist_id = ? ORDER BY id", [plan])
    assert [(r["id"], r["parent_id"]) for r in held] == sorted((i["id"], i["parent_id"]) for i in items)


def test_a_district_step_on_a_finding_leaves_its_derived_columns_unwritten(world, tmp_path, monkeypatch):
    """A 督办 event moves no status: the town's findings, open and closed, already hold what their events
    derive, so the events batch writes none of them again."""
    from inspector.sync import apply

    a, d = world["a"], world["d"]
    on = date(2026, 3, 2)
    two = ["张三", "李四"]
    site = a.add_site(name="上海恒达餐饮有限公司", town="长寿路街道")
    found = [a.record_finding(description=f"疏散通道堆放杂物{n}", grade="一般", found_on=on,
                              deadline=on + timedelta(days=30), site_id=site) for n in range(2)]
    for f in found:
        a.act(f, wf.Event(wf.ORDER_ISSUED, on, {"deadline": "2026-03-31"}))
    for kind, data in ((wf.FEEDBACK, {"measures": "已清理"}), (wf.RECHECK, {"passed": True, "inspectors": two}),
                       (wf.CLOSE, {})):
        a.act(found[1], wf.Event(kind, on + timedelta(days=5), data))
    a.sync().export("普陀区应急局", tmp_path / "up.inspx")
    d.sync().import_package(tmp_path / "up.inspx")
    for f in found:
        d.supervise(f, on + timedelta(days=6), "区级挂牌督办")
    d.sync().export("长寿路街道", tmp_path / "down.inspx")
    written: list[dict] = []
    real = apply.sq.set_derived
    monkeypatch.setattr(apply.sq, "set_derived", lambda store, columns: (written.append(columns),
                                                                         real(store, columns)))
    report = a.sync().import_package(tmp_path / "down.inspx")
    assert report.events == 2 and not report.refused
    assert [c for c in written if c] == []
    assert a.store.get("findings", found[1])["status"] == wf.CLOSED
