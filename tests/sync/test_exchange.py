"""Two towns and the district exchanging packages both ways: edits, deletes, conflicts, receipts."""

from __future__ import annotations

import json
import uuid
from datetime import date, timedelta

import pytest

from inspector import workflow as wf
from inspector.errors import ImportFailed
from tests.sync.conftest import send

DAY = date(2026, 3, 2)  # a day in the past: events are accepted up to the import day plus one


def finding(services, site, text="疏散通道堆放杂物"):
    return services.record_finding(description=text, grade="一般", found_on=DAY,
                                   deadline=DAY + timedelta(days=30), site_id=site)


def test_towns_send_the_district_merges_and_sends_back(world, tmp_path):
    a, b, d = world["a"], world["b"], world["d"]
    site_a = a.add_site(name="上海恒达餐饮有限公司", town="长寿路街道")
    f_a = finding(a, site_a)
    a.act(f_a, wf.Event(wf.ORDER_ISSUED, DAY, {"deadline": DAY + timedelta(days=20)}))
    site_b = b.add_site(name="上海明珠公寓", town="万里街道")
    finding(b, site_b, "楼道内电动自行车充电")
    r1 = send(a, d, "普陀区应急局", tmp_path, "a1")
    r2 = send(b, d, "普陀区应急局", tmp_path, "b1")
    assert r1.tables["findings"]["new"] == 1 and r1.events == 2 and r2.tables["sites"]["new"] == 1
    assert d.stats()["findings"]["total"] == 2
    assert d.finding_detail(f_a)["status"] == wf.ORDERED  # derived from the merged events
    # the same package twice changes nothing
    again = d.sync().import_package(tmp_path / "a1.inspx")
    assert again.duplicate and d.stats()["findings"]["total"] == 2
    # the receipt advanced what town A considers acknowledged: the next export is incremental
    peer = a.sync().peer("普陀区应急局")
    assert peer["last_seq_acked"] == 1 and peer["acked_at"]
    a.save_site({"name": "上海恒达餐饮有限公司", "town": "长寿路街道", "contact_phone": "13912345678"}, site_a)
    out = a.sync().export("普陀区应急局", tmp_path / "a2.inspx")
    assert out["counts"]["sites"] == 1 and out["counts"]["findings"] == 0
    r3 = d.sync().import_package(tmp_path / "a2.inspx")
    assert r3.tables["sites"]["changed"] == 1
    assert d.store.get("sites", site_a)["contact_phone"] == "13912345678"
    # the district sends what it owns back to town B: its own register entries, never town A's records
    d.add_site(name="区级重点监管单位", town="万里街道")
    d.sync().export("万里街道", tmp_path / "d1.inspx", full=True)
    back = b.sync().import_package(tmp_path / "d1.inspx")
    assert back.tables["sites"]["new"] == 1
    assert {s["name"] for s in b.sites()} == {"区级重点监管单位", "上海明珠公寓"}


def test_only_the_owner_s_edits_travel(world, tmp_path):
    """The district may change a town's site on its own laptop, but the change never reaches the town: a
    record changes only through its owner."""
    a, d = world["a"], world["d"]
    site = a.add_site(name="上海祥和餐饮店", town="长寿路街道", risk_level="黄")
    send(a, d, "普陀区应急局", tmp_path, "p1")
    d.save_site({"name": "上海祥和餐饮店", "town": "长寿路街道", "risk_level": "橙"}, site)
    assert d.store.get("sites", site)["device_id"] == a.store.device_id  # the owner stays
    out = d.sync().export("长寿路街道", tmp_path / "d2.inspx", full=True)
    assert out["counts"]["sites"] == 0
    a.sync().import_package(tmp_path / "d2.inspx")
    assert a.store.get("sites", site)["risk_level"] == "黄"
    a.save_site({"name": "上海祥和餐饮店", "town": "长寿路街道", "risk_level": "红", "address": "武宁路1号"}, site)
    report = d.sync().import_package(_export(a, tmp_path, "p2"))
    assert report.tables["sites"]["changed"] == 1
    assert d.store.get("sites", site)["address"] == "武宁路1号"


def test_deletions_stay_deleted(world, tmp_path):
    a, d = world["a"], world["d"]
    site = a.add_site(name="将被删除的单位")
    send(a, d, "普陀区应急局", tmp_path, "x1")
    a.store.delete("sites", site)
    d.save_site({"name": "将被删除的单位（改名）"}, site)  # an edit elsewhere does not resurrect it
    d.sync().import_package(_export(a, tmp_path, "x2"))
    assert d.store.get("sites", site)["deleted_at"] is not None


def test_receipt_for_a_package_never_sent(world, tmp_path):
    a, b, d = world["a"], world["b"], world["d"]
    a.add_site(name="甲")
    out = tmp_path / "to-d.inspx"
    a.sync().export("普陀区应急局", out)
    d.sync().import_package(out, receipt_out=tmp_path / "r.receipt")
    with pytest.raises(ImportFailed, match="不是发给本机的"):
        b.sync().import_receipt(tmp_path / "r.receipt")  # addressed to town A
    forged = d.sync().write_receipt({"package_id": str(uuid.uuid4()), "seq": 7}, d.sync().peer("长寿路街道"),
                                    tmp_path / "forged.receipt")
    with pytest.raises(ImportFailed, match="不是本机发给该设备的"):
        a.sync().import_receipt(forged)
    assert a.sync().peer("普陀区应急局")["last_seq_acked"] == 0


def test_encrypted_package_round_trip(world, tmp_path):
    a, b, d = world["a"], world["b"], world["d"]
    a.add_site(name="加密传输的单位")
    out = tmp_path / "enc.inspx"
    assert a.sync().export("普陀区应急局", out)["encrypted"]  # sealed by default: the key is known
    assert "加密传输的单位".encode() not in out.read_bytes()
    with pytest.raises(ImportFailed, match="不是发给本机的"):
        b.sync().import_package(out)
    assert d.sync().import_package(out).tables["sites"]["new"] == 1


def _export(services, folder, name):
    out = folder / f"{name}.inspx"
    services.sync().export("普陀区应急局", out)
    return out


def test_seeded_towns_with_inspections_merge_at_the_district_without_duplicates(tmp_path):
    """Samples and built-in templates seeded on each laptop share ids, so the district gets each once."""
    from inspector.services import Services
    from inspector.services.demo import build_demo

    towns = [Services.open(tmp_path / f"t{k}.db") for k in range(2)]
    district = Services.open(tmp_path / "d.db", seed=False)
    district.set_setting("role", "district")
    district.set_setting("device_name", "普陀区应急局")
    for k, town in enumerate(towns):
        town.set_setting("device_name", f"街镇{k}")
        build_demo(town, seed=k + 1)
        town.sync().add_peer(district.sync().identity(), trusted=True)
        district.sync().add_peer(town.sync().identity(), trusted=True)
    for k, town in enumerate(towns):
        out = tmp_path / f"t{k}.inspx"
        town.sync().export("普陀区应急局", out)
        report = district.sync().import_package(out)
        assert report.tables["findings"]["new"] == 72
    stats = district.stats()
    assert stats["documents"] == 5 and stats["templates"] == 5 and stats["tasks"] == 135
    assert stats["findings"]["total"] == 144 and district.sync().conflicts() == []
    assert stats["findings"]["by_status"] == {
        s: sum(t.stats()["findings"]["by_status"][s] for t in towns) for s in stats["findings"]["by_status"]}


def test_two_towns_numbering_forms_under_the_same_issuer_name_both_reach_the_district(world, tmp_path):
    a, b, d = world["a"], world["b"], world["d"]
    for town in (a, b):
        town.set_setting("unit", "普陀区应急管理局")
        inspection = town.start_inspection(town.add_site(name="单位"), None)
        assert town.reports().number(inspection, "检记", on=DAY).endswith("〔2026〕1号")
    send(a, d, "普陀区应急局", tmp_path, "na")
    send(b, d, "普陀区应急局", tmp_path, "nb")
    assert d.store.scalar("SELECT count(*) FROM doc_numbers") == 2


def test_a_lagging_clock_moves_past_the_senders_after_an_import(world, tmp_path):
    """A laptop whose wall clock is an hour behind the sender's orders its next edits after what it received,
    so a change made here after an import supersedes the imported one on every device."""
    from inspector.sync import package
    from inspector.sync.versions import Clock

    a, d = world["a"], world["d"]
    site = a.add_site(name="甲")
    out = tmp_path / "clock.inspx"
    a.sync().export("普陀区应急局", out, encrypt=False)
    sender_time = package.read(out).manifest["clock"]
    behind = int(sender_time[:13]) - 3600 * 1000
    d.store.clock = Clock(d.store.device_id, wall=lambda: behind)  # this laptop's wall clock stands an hour behind
    assert d.store.clock.now() < sender_time
    d.sync().import_package(out)
    assert d.store.clock.now() > sender_time
    d.store.update("sites", site, {"address": "武宁路1号"})
    meta = json.loads(d.store.get("sites", site)["sync_meta"])
    assert meta["address"]["t"] > sender_time and meta["address"]["t"][:13] == sender_time[:13]


def test_no_edit_is_lost_by_an_export_even_with_a_clock_running_backwards(world, tmp_path, monkeypatch):
    a, d = world["a"], world["d"]
    site = a.add_site(name="上海恒达餐饮有限公司")
    send(a, d, "普陀区应急局", tmp_path, "w1")
    import inspector.db.store as store_module

    monkeypatch.setattr(store_module, "utc_now", lambda: "2001-01-01T00:00:00.000000Z")  # a laptop's bad clock
    a.store.update("sites", site, {"address": "武宁路1号"})
    out = a.sync().export("普陀区应急局", tmp_path / "w2.inspx")
    assert out["counts"]["sites"] == 1  # taken by change number, not by the wall clock
    assert d.sync().import_package(tmp_path / "w2.inspx").tables["sites"]["changed"] == 1
    monkeypatch.undo()
    assert a.sync().export("普陀区应急局", tmp_path / "w3.inspx")["counts"]["sites"] == 1  # not yet acknowledged


def test_the_gap_list_comes_from_the_received_numbers_and_stays_small():
    from inspector.services.sync import gaps

    assert gaps([1, 2, 5, 7]) == [3, 4, 6]
    assert gaps([]) == [] and gaps([3]) == [1, 2]
    assert gaps([1, 2**53]) == list(range(2, 52))  # a huge number allocates nothing


def test_two_towns_progress_on_the_same_district_task_both_reach_the_district(world, tmp_path):
    a, b, d = world["a"], world["b"], world["d"]
    text = tmp_path / "普陀区2026年安全生产工作要点.txt"
    text.write_text("普陀区2026年安全生产工作要点\n\n一、重点任务\n\n1. 开展隐患排查治理。（区应急局、各街镇）\n",
                    encoding="utf-8")
    plan = d.import_document(text).checklist_id
    task = next(i for i in d.checklist_items(plan) if i["kind"] == "task")
    for k, town in enumerate((a, b)):
        send(d, town, ["长寿路街道", "万里街道"][k], tmp_path, f"plan{k}", full=True)
        town.save_task_progress(task["id"], status="推进中", q1=f"第{k + 1}个街镇已部署")
        report = send(town, d, "普陀区应急局", tmp_path, f"progress{k}")
        assert report.tables["task_progress"]["new"] == 1 and "checklists" not in report.tables  # not sent back
    notes = sorted(r["q1"] for r in d.store.rows("SELECT q1 FROM task_progress WHERE item_id = ?", [task["id"]]))
    assert notes == ["第1个街镇已部署", "第2个街镇已部署"]
    assert d.checklist_progress(plan) == {}  # the district has written nothing of its own yet
    d.save_task_progress(task["id"], status="推进中", q1="区应急局已督查")  # its own row, not a town's
    notes = sorted(r["q1"] for r in d.store.rows("SELECT q1 FROM task_progress WHERE item_id = ?", [task["id"]]))
    assert notes == ["区应急局已督查", "第1个街镇已部署", "第2个街镇已部署"]
    assert d.checklist_progress(plan)[task["id"]]["q1"] == "区应急局已督查"


def test_a_large_table_travels_in_several_members_in_order(world, tmp_path, monkeypatch):
    from inspector.sync import package

    a, d = world["a"], world["d"]
    site = a.add_site(name="甲")
    found = date(2026, 1, 5)
    for k in range(3):
        f = a.record_finding(description=f"隐患{k}", grade="一般", found_on=found, deadline=found + timedelta(days=9),
                             site_id=site)
        a.act(f, wf.Event(wf.ORDER_ISSUED, found, {"deadline": found + timedelta(days=9)}))
    monkeypatch.setattr(package, "SPLIT", 2)
    out = tmp_path / "split.inspx"
    a.sync().export("普陀区应急局", out, encrypt=False)
    import zipfile

    names = zipfile.ZipFile(out).namelist()
    assert {"records/finding_events.jsonl", "records/finding_events.1.jsonl", "records/finding_events.2.jsonl"} \
        <= set(names)
    report = d.sync().import_package(out)
    assert report.tables["findings"]["new"] == 3 and report.events == 6 and not report.refused
    assert d.stats()["findings"]["by_status"][wf.ORDERED] == 3


def test_an_export_while_an_import_holds_the_database_waits_for_it(world, tmp_path):
    import threading
    import time

    from inspector.db.store import connect

    a = world["a"]
    a.add_site(name="甲")
    locked, released = threading.Event(), threading.Event()

    def background_import() -> None:
        other = connect(a.path)  # its own connection, as the background import has
        other.execute("BEGIN IMMEDIATE")
        locked.set()
        time.sleep(0.3)
        released.set()
        other.execute("COMMIT")
        other.close()

    worker = threading.Thread(target=background_import)
    worker.start()
    locked.wait(5)
    result = a.sync().export("普陀区应急局", tmp_path / "wait.inspx")
    assert released.is_set()  # it waited for the other transaction instead of failing
    worker.join()
    assert result["seq"] == 1 and (tmp_path / "wait.inspx").exists()


def test_the_same_records_sent_again_change_nothing_at_the_district(world, tmp_path):
    """A re-exported package (a new id, the same records) is counted unchanged from its first repetition on;
    fields never edited on either side gained made-up versions before, so every record read as changed once."""
    a, d = world["a"], world["d"]
    site = a.add_site(name="上海恒达餐饮有限公司", town="长寿路街道")
    a.add_inspector("林志明", "31001234")
    inspection = a.start_inspection(site, None, type="日常")
    found = date(2026, 3, 2)
    finding = a.record_finding(description="灭火器过期", grade="一般", found_on=found,
                               deadline=found + timedelta(days=10), site_id=site, inspection_id=inspection)
    a.act(finding, wf.Event(wf.ORDER_ISSUED, found, {"deadline": found + timedelta(days=10)}))
    first = send(a, d, "普陀区应急局", tmp_path, "first", full=True)
    assert {t for t, c in first.tables.items() if c["new"]} >= {"sites", "inspectors", "inspections", "findings"}
    held = d.store.db.execute("SELECT id, updated_at, sync_meta FROM inspections ORDER BY id").fetchall()
    again = send(a, d, "普陀区应急局", tmp_path, "again", full=True)
    assert not {t: c for t, c in again.tables.items() if c["new"] or c["changed"] or c["conflicts"]}
    assert d.store.db.execute("SELECT id, updated_at, sync_meta FROM inspections ORDER BY id").fetchall() == held
