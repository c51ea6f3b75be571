"""More signed hostile packages from a trusted town, beyond tests/sync/test_hostile.py: references into another
town's records, and text that the district's own reports and exports could not write. Each refusal leaves the
district's database dump and files folder exactly as before (the helpers of test_hostile)."""

from __future__ import annotations

import json
import uuid
from datetime import date, timedelta

import pytest

from tests.sync.forge import forge, row, sign_raw
from tests.sync.test_authorize_rules import Local, accepted, rec
from tests.sync.test_authorize_rules import refused as refused_here
from tests.sync.test_hostile import refused

TODAY = date.today()


def _b_at_district(world, tmp_path):
    """Town B's site, inspector and inspection with a finding, merged at the district."""
    b, d = world["b"], world["d"]
    site = b.add_site(name="上海明珠公寓", town="万里街道")
    person = b.save_inspector({"name": "王五", "certificate_no": "31000000009"})
    inspection = b.start_inspection(site, None)
    b.record_finding(description="楼道堆物", grade="一般", found_on=TODAY, deadline=TODAY + timedelta(days=30),
                     site_id=site, inspection_id=inspection)
    out = tmp_path / "b.inspx"
    b.sync().export("普陀区应急局", out)
    d.sync().import_package(out)
    return {"site": site, "inspector": person, "inspection": inspection}


def test_a_town_s_record_cannot_refer_to_another_town_s_records(world, tmp_path):
    a, d = world["a"], world["d"]
    theirs = _b_at_district(world, tmp_path)
    site = a.add_site(name="上海恒达餐饮有限公司", town="长寿路街道")
    finding = a.record_finding(description="疏散通道堆放杂物", grade="一般", found_on=TODAY,
                               deadline=TODAY + timedelta(days=30), site_id=site)
    inspection = a.start_inspection(site, None)
    mine = {"sites": [row(a, "sites", site)], "finding_events": a.store.rows("SELECT * FROM finding_events")}
    cases = [
        ("findings", {**row(a, "findings", finding), "inspection_id": theirs["inspection"]}, "inspection_id"),
        ("findings", {**row(a, "findings", finding), "site_id": theirs["site"]}, "site_id"),
        ("inspections", {**row(a, "inspections", inspection), "site_id": theirs["site"]}, "site_id"),
        ("inspections", {**row(a, "inspections", inspection), "inspector1_id": theirs["inspector"]},
         "inspector1_id"),
    ]
    for k, (table, forged, column) in enumerate(cases):
        out = forge(a, d, tmp_path / f"r{k}.inspx", {**mine, table: [forged]})
        error = refused(d, out, f"引用了另一台设备的记录（{column}")
        assert "整个数据包未导入" in error.message
    # B's inspection record at the district still lists B's finding alone
    listed = d.store.rows("SELECT description FROM findings WHERE inspection_id = ?", [theirs["inspection"]])
    assert [r["description"] for r in listed] == ["楼道堆物"]


def test_a_town_may_still_refer_to_the_district_s_own_records(world, tmp_path):
    a, d = world["a"], world["d"]
    district_site = d.add_site(name="区级重点单位", town="长寿路街道")
    out = tmp_path / "d.inspx"
    d.sync().export("长寿路街道", out)
    a.sync().import_package(out)
    finding = a.record_finding(description="灭火器过期", grade="一般", found_on=TODAY,
                               deadline=TODAY + timedelta(days=30), site_id=district_site)
    inspection = a.start_inspection(district_site, None)
    records = {"inspections": [row(a, "inspections", inspection)], "findings": [row(a, "findings", finding)],
               "finding_events": a.store.rows("SELECT * FROM finding_events")}
    report = d.sync().import_package(forge(a, d, tmp_path / "a.inspx", records))
    assert report.refused == [] and report.tables["findings"]["new"] == 1


def test_the_district_s_records_may_refer_to_a_town_s():
    # the district inspects a town's site (督查): its inspection refers to the town's record
    inspection = rec("in-1", "district", site_id="site-b")
    accepted("inspections", inspection, Local({"sites": [rec("site-b", "town-b")]}), sender="district",
             role="district")
    assert refused_here("inspections", inspection, Local({"sites": [rec("site-b", "town-b")]}), sender="district",
                        role="town").startswith("引用了另一台设备的记录（site_id")


def test_an_item_is_not_hung_under_an_item_of_another_list():
    lists = [rec("cl-1"), rec("cl-2")]
    other = rec("it-9", checklist_id="cl-2", position=1, kind="item", text="y")
    item = rec("it-1", checklist_id="cl-1", parent_id="it-9", position=2, kind="item", text="x")
    assert refused_here("checklist_items", item, Local({"checklists": lists, "checklist_items": [other]})) == \
        "上级条目不在同一份清单中（不能把条目挂到另一份清单下）"
    accepted("checklist_items", {**item, "parent_id": "it-8"},
             Local({"checklists": lists, "checklist_items": [{**other, "id": "it-8", "checklist_id": "cl-1"}]}))


# -- text the district's own files could not hold ---------------------------------------------------------------
def test_control_characters_from_a_town_do_not_break_the_district_s_ledger_register_or_forms(world, tmp_path):
    from docx import Document
    from openpyxl import load_workbook

    a, d = world["a"], world["d"]
    site = a.add_site(name="恒达\x01餐饮", town="长寿路街道")
    inspection = a.start_inspection(site, None)
    finding = a.record_finding(description="疏散通道\x00堆放\x0b杂物", grade="一般", found_on=TODAY,
                               deadline=TODAY + timedelta(days=30), site_id=site, inspection_id=inspection)
    out = tmp_path / "a.inspx"
    a.sync().export("普陀区应急局", out)
    assert d.sync().import_package(out).tables["findings"]["new"] == 1
    d.reports().generate("ledger", tmp_path / "ledger.xlsx")
    d.export_sites(tmp_path / "sites.xlsx")
    d.reports().generate("rectification-order", tmp_path / "order.docx", finding_id=finding)
    cells = [c for r in load_workbook(tmp_path / "ledger.xlsx").active.iter_rows(values_only=True) for c in r]
    assert "疏散通道堆放\n杂物" in cells and "恒达餐饮" in cells
    register = [c for r in load_workbook(tmp_path / "sites.xlsx").active.iter_rows(values_only=True) for c in r]
    assert "恒达餐饮" in register
    text = "\n".join(p.text for p in Document(str(tmp_path / "order.docx")).paragraphs)
    assert "疏散通道堆放" in text


def test_xml_safe_keeps_what_xml_holds_and_turns_word_s_line_break_into_one():
    from inspector.reports.xmltext import xml_safe

    assert xml_safe("消防\t通道\r\n畅通") == "消防\t通道\r\n畅通"
    assert xml_safe("甲\x0b乙\x0c丙\x00丁\x1f戊\ud800己\uffff") == "甲\n乙\n丙丁戊己"


def _manifest(a, d) -> dict:
    me = a.sync().identity()
    return {"format": "inspector-package", "format_version": 2, "package_id": str(uuid.uuid4()), "kind": "data",
            "created": "2026-01-01T00:00:00.000000Z", "seq": 1,
            "sender": {k: me[k] for k in ("device", "name", "sign_public", "enc_public")},
            "receiver": {"device": d.store.device_id}, "encrypted": False}


def test_a_lone_surrogate_is_refused_with_its_line_not_at_the_database(world, tmp_path):
    a, d = world["a"], world["d"]
    site = row(a, "sites", a.add_site(name="甲"))
    line = json.dumps({**site, "name": "甲\ud800"}, ensure_ascii=True).encode()
    out = sign_raw(a, tmp_path / "s.inspx", _manifest(a, d), {"records/sites.jsonl": line})
    refused(d, out, "records/sites.jsonl”第 1 行无法读取（含有无效的字符：不成对的 Unicode 代理项")
    meta = json.dumps({"name\ud800": {"vv": {a.store.device_id: 1}, "t": "1767225600000-00000-ab"}})
    out = forge(a, d, tmp_path / "m.inspx", {"sites": [{**site, "sync_meta": meta}]})
    refused(d, out, "版本信息无法读取（含有无效的字符")


def test_an_escaped_pair_is_one_character_and_reads():
    from inspector.sync import strictjson

    assert strictjson.loads('{"a": "\\ud83d\\ude00 \\u6d88\\u9632"}') == {"a": "😀 消防"}
    with pytest.raises(strictjson.BadJSON, match="代理项"):
        strictjson.loads('["\\udc00"]')


@pytest.mark.parametrize("text, value", [('{"a": [1, 2.5]}', {"a": [1, 2.5]}), (' {"a": 1}\n', {"a": 1}),
                                         (b'{"a": "\xe6\xb6\x88"}', {"a": "消"}), ("3", 3)])
def test_strict_json_reads_what_json_reads(text, value):
    from inspector.sync import strictjson

    assert strictjson.loads(text) == value


@pytest.mark.parametrize("text, match", [('{"a": 1} {"b": 2}', "不是有效的 JSON"), ("", "不是有效的 JSON"),
                                         ('{"a": 1', "不是有效的 JSON"), ("  ", "不是有效的 JSON"),
                                         ('[1, -Infinity]', "-Infinity"), ("[2e400]", "超出范围"),
                                         ('{"a": 1}x', "不是有效的 JSON"), (b"\xff", "不是有效的 JSON")])
def test_strict_json_refuses_anything_else_with_one_reason(text, match):
    from inspector.sync import strictjson

    with pytest.raises(strictjson.BadJSON, match=match):
        strictjson.loads(text)


# -- dates that are not dates -----------------------------------------------------------------------------------
@pytest.mark.parametrize("table, column, value, match", [
    ("inspections", "started_at", "garbage", "started_at的格式不对"),
    ("inspections", "ended_at", "2026-02-30T11:00", "ended_at的日期“2026-02-30T11:00”不是有效日期"),
    ("findings", "found_on", "2026-13-01", "found_on的日期“2026-13-01”不是有效日期"),
    ("findings", "found_on", "2026-03-01T09:00", "found_on的格式不对"),
])
def test_a_date_that_is_not_a_day_is_refused_before_it_reaches_the_district_s_lists(world, tmp_path, table, column,
                                                                                  value, match):
    a, d = world["a"], world["d"]
    site = a.add_site(name="甲", town="长寿路街道", risk_level="红")
    inspection = a.start_inspection(site, None)
    finding = a.record_finding(description="灭火器过期", grade="一般", found_on=TODAY,
                               deadline=TODAY + timedelta(days=30), site_id=site, inspection_id=inspection)
    records = {"sites": [row(a, "sites", site)], "inspections": [row(a, "inspections", inspection)],
               "findings": [row(a, "findings", finding)],
               "finding_events": a.store.rows("SELECT * FROM finding_events")}
    records[table] = [{**records[table][0], column: value}]
    refused(d, forge(a, d, tmp_path / "d.inspx", records), match)
    records[table] = [{**records[table][0], "started_at": "2026-03-01T09:30", "ended_at": None}
                      if table == "inspections" else row(a, "findings", finding)]
    assert d.sync().import_package(forge(a, d, tmp_path / "ok.inspx", records)).refused == []
    assert [s["name"] for s in d.planning().due(TODAY, within_days=10_000)] == ["甲"]


# -- identity files ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("change", [{"sign_public": "not base64!!"}, {"enc_public": "短"}, {"device": "../../etc"},
                                    {"sign_public": "A" * 44}])
def test_an_identity_file_whose_key_is_not_a_key_is_refused_and_nothing_registered(world, tmp_path, change):
    from inspector.db.sync import dump
    from inspector.errors import RuleError

    a, d = world["a"], world["d"]
    stranger = {**a.sync().identity(), "device": str(uuid.uuid4()), **change}
    path = tmp_path / "id.json"
    path.write_text(json.dumps(stranger, ensure_ascii=False), encoding="utf-8")
    before = dump(d.store)
    with pytest.raises(RuleError, match="设备编号或密钥格式不对") as info:
        d.sync().add_peer(d.sync().identity_from_file(path), role="town")
    assert "未登记任何设备" in info.value.hint and dump(d.store) == before
    assert len(d.sync().overview()) == 2  # the register still shows every peer with its fingerprint


def test_the_command_line_refuses_such_a_file_with_exit_2_and_no_traceback(tmp_path, capsys):
    from inspector.cli import main

    db = tmp_path / "d.db"
    assert main(["--db", str(db), "init"]) == 0
    path = tmp_path / "id.json"
    path.write_text(json.dumps({"device": str(uuid.uuid4()), "sign_public": "not base64!!", "name": "区"}),
                    encoding="utf-8")
    assert main(["--db", str(db), "keys", "trust", str(path), "--role", "district"]) == 2
    assert "密钥格式不对" in capsys.readouterr().err
    assert main(["--db", str(db), "keys", "list"]) == 0


def test_a_register_from_outside_holding_a_key_that_is_none_still_lists_its_peers(world):
    d = world["d"]
    d.store.db.execute("UPDATE peers SET public_key = 'not base64!!' WHERE role = 'town' AND name = '万里街道'")
    shown = {p["name"]: p["fingerprint"] for p in d.sync().overview()}
    assert shown["万里街道"] == "（密钥无效）" and len(shown["长寿路街道"]) == 24


# -- package ids ------------------------------------------------------------------------------------------------
def test_a_package_id_seen_before_on_another_file_is_refused_not_taken_as_a_duplicate(world, tmp_path):
    a, d = world["a"], world["d"]
    package_id = str(uuid.uuid4())
    first = forge(a, d, tmp_path / "p1.inspx", {"sites": [row(a, "sites", a.add_site(name="甲"))]},
                  package_id=package_id)
    assert d.sync().import_package(first).tables["sites"]["new"] == 1
    assert d.sync().import_package(first).duplicate  # the same file again: nothing to do
    other = forge(a, d, tmp_path / "p2.inspx", {"sites": [row(a, "sites", a.add_site(name="乙"))]},
                  package_id=package_id, seq=2)
    error = refused(d, other, "与已导入的“p1.inspx”相同，文件内容却不同")
    assert "这份未导入" in error.hint


def test_the_references_of_a_batch_are_looked_up_once_and_a_dangling_one_costs_no_query():
    from tests.sync.test_authorize_rules import run

    findings = [rec(f"f-{k}", site_id="site-1" if k % 2 else f"nowhere-{k}", inspection_id=None, item_id=None)
                for k in range(6)]
    local = Local({"sites": [rec("site-1", "town-b")]})
    verdict = run({"findings": findings}, local)
    assert sorted(r["id"] for r in verdict.refused) == ["f-1", "f-3", "f-5"]  # another town's site
    assert [c for c in local.calls if c[0] == "sites"] == [("sites", ["nowhere-0", "nowhere-2", "nowhere-4",
                                                                      "site-1"])]
