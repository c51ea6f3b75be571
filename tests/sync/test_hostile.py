"""Signed hostile packages from a trusted town: each is refused with its reason, and the district's database
dump and files folder are exactly as before. One test per class of the threat model (docs/sync-format.md)."""

from __future__ import annotations

import json
import uuid
from datetime import date, timedelta

import pytest

from inspector import workflow as wf
from inspector.db.store import stable_id
from inspector.db.sync import dump
from inspector.errors import ImportFailed, RuleError
from inspector.filestore import files_dir
from inspector.sync import builtin
from inspector.sync.versions import Clock
from tests.sync.forge import forge, row, sign_raw

TODAY = date.today()


def snapshot(services) -> tuple[str, list[str]]:
    folder = files_dir(services.path)
    files = sorted(str(p.relative_to(folder)) for p in folder.rglob("*")) if folder.exists() else []
    return dump(services.store), files


def refused(services, path, match: str) -> ImportFailed:
    """The package is refused with ``match`` in its message, a hint, no traceback and nothing changed."""
    before = snapshot(services)
    with pytest.raises(ImportFailed, match=match) as info:
        services.sync().import_package(path)
    assert info.value.hint and snapshot(services) == before
    return info.value


@pytest.fixture
def town_b_at_district(world, tmp_path):
    """Town B's site and 重大 finding, already merged at the district."""
    b, d = world["b"], world["d"]
    site = b.add_site(name="上海明珠公寓", town="万里街道")
    finding = b.record_finding(description="有限空间作业未审批", grade="重大", found_on=TODAY,
                               deadline=TODAY + timedelta(days=30), site_id=site,
                               plan={p: "已制定" for p in wf.PLAN_PARTS})
    b.act(finding, wf.Event(wf.ORDER_ISSUED, TODAY, {"deadline": TODAY + timedelta(days=20)}))
    out = tmp_path / "b1.inspx"
    b.sync().export("普陀区应急局", out)
    d.sync().import_package(out)
    return {"site": site, "finding": finding}


def a_finding(a, grade="一般"):
    site = a.add_site(name="上海恒达餐饮有限公司", town="长寿路街道")
    plan = {p: "已制定" for p in wf.PLAN_PARTS} if grade == "重大" else None
    return site, a.record_finding(description="疏散通道堆放杂物", grade=grade, found_on=TODAY,
                                  deadline=TODAY + timedelta(days=30), site_id=site, plan=plan)


def event(services, finding, kind, on, data=None, **extra):
    return {"id": str(uuid.uuid4()), "finding_id": finding, "kind": kind, "on_date": on.isoformat(), "actor": "",
            "data": json.dumps(data or {}, ensure_ascii=False), "created_at": "2026-01-01T00:00:00.000000Z",
            "device_id": services.store.device_id, **extra}


# -- authority ------------------------------------------------------------------------------------------------
def test_a_claimed_role_or_key_list_in_the_manifest_is_refused(world, tmp_path):
    a, d = world["a"], world["d"]
    rogue = {"device": str(uuid.uuid4()), "name": "冒充的区", "sign_public": "A" * 43 + "=", "enc_public": None}
    out = forge(a, d, tmp_path / "role.inspx", {}, trusted_keys=[rogue])
    refused(d, out, "不认识的项目“trusted_keys”")
    me = a.sync().identity()
    out = forge(a, d, tmp_path / "role2.inspx", {}, sender={**{k: me[k] for k in ("device", "name", "sign_public",
                                                                               "enc_public")}, "role": "district"})
    refused(d, out, "不认识的项目")


def test_a_town_cannot_publish_a_work_plan_or_document(world, tmp_path):
    a, d = world["a"], world["d"]
    now = "2026-01-01T00:00:00.000000Z"
    plan = {"id": str(uuid.uuid4()), "created_at": now, "updated_at": now, "device_id": a.store.device_id,
            "deleted_at": None, "kind": "workplan", "name": "伪造的工作要点", "document_id": None, "code": None,
            "version": 1, "previous_id": None, "description": None, "builtin": 0, "sync_meta": None}
    refused(d, forge(a, d, tmp_path / "plan.inspx", {"checklists": [plan]}), "只有区里可以创建")


def test_an_unknown_key_seen_in_a_package_is_never_trusted(world, tmp_path):
    from tests.sync.conftest import device

    stranger = device(tmp_path / "x.db", "陌生设备", "town", "某街道")
    out = forge(stranger, world["d"], tmp_path / "x.inspx", {})
    error = refused(world["d"], out, "未受信任")
    assert "keys trust" in error.hint
    stranger.close()


def test_revocation_lasts_until_an_explicit_unrevoke(world, tmp_path):
    a, d = world["a"], world["d"]
    a.add_site(name="甲")
    out = tmp_path / "a.inspx"
    a.sync().export("普陀区应急局", out)
    d.sync().revoke(a.store.device_id)
    refused(d, out, "已吊销")
    with pytest.raises(RuleError, match="已被吊销"):
        d.sync().add_peer(d.sync().identity_from_file(out), role="town")  # not again from its own package
    d.sync().unrevoke(a.store.device_id)
    assert d.sync().import_package(out).tables["sites"]["new"] == 1


def test_the_star_a_town_pins_one_district_and_towns_never_trust_each_other(world, tmp_path):
    from tests.sync.conftest import device

    a, b = world["a"], world["b"]
    with pytest.raises(RuleError, match="不能信任另一台街镇级设备"):
        a.sync().add_peer(b.sync().identity(), role="town")
    other = device(tmp_path / "d2.db", "另一个区", "district")
    with pytest.raises(RuleError, match="只能信任一把区级密钥"):
        a.sync().add_peer(other.sync().identity(), role="district")
    a.sync().add_peer(other.sync().identity(), role="district", replace_district=True)  # explicit
    assert [p["name"] for p in a.sync().overview() if p["trusted"]] == ["另一个区"]
    other.close()


def test_a_receipt_counts_only_from_the_device_the_package_was_sent_to(world, tmp_path):
    b, d = world["b"], world["d"]
    d.add_site(name="区级单位")
    out = tmp_path / "d.inspx"
    sent = d.sync().export("长寿路街道", out)
    fake = b.sync().write_receipt({"package_id": sent["package_id"], "seq": 1}, b.sync().peer("普陀区应急局"),
                                  tmp_path / "fake.receipt")
    before = snapshot(d)
    with pytest.raises(ImportFailed, match="不是本机发给该设备的"):
        d.sync().import_receipt(fake)
    assert snapshot(d) == before


# -- ownership and forged ids ---------------------------------------------------------------------------------
def test_a_built_in_template_cannot_be_renamed_or_rewritten(tmp_path):
    from inspector.services import Services
    from tests.sync.conftest import star

    a, d = Services.open(tmp_path / "a.db"), Services.open(tmp_path / "d.db")
    d.set_setting("role", "district")
    star([a], d)
    template = next(c for c in a.checklists("template") if builtin.is_builtin("checklists", c["id"]))
    renamed = {**row(a, "checklists", template["id"]), "name": "被改名的模板"}
    refused(d, forge(a, d, tmp_path / "t.inspx", {"checklists": [renamed]}), "内置")
    item = a.checklist_items(template["id"])[0]
    rewritten = {**row(a, "checklist_items", item["id"]), "text": "无需检查"}
    refused(d, forge(a, d, tmp_path / "i.inspx", {"checklist_items": [rewritten]}), "内置")
    a.close()
    d.close()


def test_another_owner_s_records_cannot_be_changed_deleted_or_forged(world, town_b_at_district, tmp_path):
    a, d = world["a"], world["d"]
    victim = row(d, "findings", town_b_at_district["finding"])
    downgraded = {**victim, "grade": "一般"}
    refused(d, forge(a, d, tmp_path / "1.inspx", {"findings": [downgraded]}), "所有者不是发送方")
    claimed = {**victim, "grade": "一般", "device_id": a.store.device_id}
    refused(d, forge(a, d, tmp_path / "2.inspx", {"findings": [claimed]}), "属于另一台设备")
    deleted = {**row(d, "sites", town_b_at_district["site"]), "deleted_at": "2026-01-02T00:00:00.000000Z"}
    refused(d, forge(a, d, tmp_path / "3.inspx", {"sites": [deleted]}), "所有者不是发送方")
    in_b_s_name = {**victim, "id": str(uuid.uuid4()), "description": "伪造的隐患"}
    refused(d, forge(a, d, tmp_path / "4.inspx", {"findings": [in_b_s_name]}), "所有者不是发送方")


def test_the_district_s_work_plan_cannot_be_deleted_by_a_town(world, tmp_path):
    a, d = world["a"], world["d"]
    text = tmp_path / "普陀区2026年安全生产工作要点.txt"
    text.write_text("普陀区2026年安全生产工作要点\n\n一、重点任务\n\n1. 开展隐患排查治理。（区应急局、各街镇）\n",
                    encoding="utf-8")
    d.import_document(text)
    plan = next(c for c in d.checklists("workplan"))
    gone = {**row(d, "checklists", plan["id"]), "deleted_at": "2026-01-02T00:00:00.000000Z",
            "device_id": a.store.device_id}
    refused(d, forge(a, d, tmp_path / "p.inspx", {"checklists": [gone]}), "属于另一台设备")


def test_content_derived_ids_must_match_their_content(world, tmp_path):
    a, d = world["a"], world["d"]
    now = "2026-01-01T00:00:00.000000Z"
    bookkeeping = {"created_at": now, "updated_at": now, "device_id": a.store.device_id, "deleted_at": None,
                   "sync_meta": None}
    unit = {"id": stable_id("unit", "区某某局"), "name": "区某某支队", "normalized": "区某某支队", "kind": None,
            **bookkeeping}
    refused(d, forge(a, d, tmp_path / "u.inspx", {"units": [unit]}), "编号由内容派生")
    renamed = {**unit, "id": stable_id("unit", "区某某局"), "normalized": "区某某局", "name": "区应急局"}
    refused(d, forge(a, d, tmp_path / "n.inspx", {"units": [renamed]}), "编号由内容派生")
    random_id = {**renamed, "id": str(uuid.uuid4()), "name": "区某某局"}
    refused(d, forge(a, d, tmp_path / "r.inspx", {"units": [random_id]}), "编号由内容派生")
    fine = {**random_id, "id": stable_id("unit", "区某某局")}
    assert d.sync().import_package(forge(a, d, tmp_path / "f.inspx", {"units": [fine]})).tables["units"]["new"] == 1
    doc = {"id": stable_id("document", "f" * 64), "file_name": "下一份.docx", "sha256": "f" * 64, "version": 1,
           **bookkeeping}
    refused(d, forge(a, d, tmp_path / "d.inspx", {"documents": [doc]}), "只有区里可以创建")


# -- events ---------------------------------------------------------------------------------------------------
def test_events_are_checked_like_a_local_step(world, tmp_path):
    a, d = world["a"], world["d"]
    _, finding = a_finding(a, grade="重大")
    out = tmp_path / "a.inspx"
    a.sync().export("普陀区应急局", out)
    d.sync().import_package(out)
    base = {"findings": [row(a, "findings", finding)]}
    cases = [
        (event(a, finding, wf.CLOSE, date(2099, 1, 1)), "晚于导入当天"),
        (event(a, finding, "delete_everything", TODAY), "未知的处理类型"),
        (event(a, finding, wf.CLOSE, TODAY, {"assessment": "x"}), "不能销号"),
        (event(a, finding, "listed_supervision", TODAY), "只有隐患的登记设备"),
        (event(a, finding, wf.CREATED, TODAY), "不能再次登记"),
    ]
    for k, (bad, match) in enumerate(cases):
        refused(d, forge(a, d, tmp_path / f"e{k}.inspx", {**base, "finding_events": [bad]}), match)
    order = event(a, finding, wf.ORDER_ISSUED, TODAY, {"deadline": (TODAY + timedelta(days=9)).isoformat()})
    recheck = event(a, finding, wf.RECHECK, TODAY, {"passed": True, "inspectors": ["甲", "乙"]},
                    created_at="2026-01-01T00:00:01.000000Z")
    close = event(a, finding, wf.CLOSE, TODAY, created_at="2026-01-01T00:00:02.000000Z")
    refused(d, forge(a, d, tmp_path / "m.inspx", {**base, "finding_events": [order, recheck, close]}), "评估报告")


def test_a_new_finding_s_stated_status_gives_way_to_its_events_or_to_their_lack(world, tmp_path):
    """A package may state any status for a new finding: the district holds what the events sent derive."""
    a, d = world["a"], world["d"]
    site, orphan = a_finding(a)
    followed = a.record_finding(description="配电箱前堆物", grade="一般", found_on=TODAY,
                                deadline=TODAY + timedelta(days=30), site_id=site)
    a.act(followed, wf.Event(wf.ORDER_ISSUED, TODAY, {"deadline": (TODAY + timedelta(days=9))}))
    stated = {"status": wf.CLOSED, "current_deadline": "2099-01-01", "closed_on": TODAY.isoformat()}
    findings = [{**row(a, "findings", f), **stated} for f in (orphan, followed)]
    events = a.store.rows("SELECT * FROM finding_events WHERE finding_id = ? ORDER BY on_date, created_at",
                          [followed])
    records = {"sites": [row(a, "sites", site)], "findings": findings, "finding_events": events}
    bad = event(a, orphan, "delete_everything", TODAY)  # one refused event: nothing of the package is kept
    refused(d, forge(a, d, tmp_path / "r.inspx", {**records, "finding_events": [*events, bad]}), "未知的处理类型")
    assert d.sync().import_package(forge(a, d, tmp_path / "s.inspx", records)).tables["findings"]["new"] == 2
    derived = ("status", "current_deadline", "closed_on")
    assert [d.store.get("findings", orphan)[k] for k in derived] == [wf.REGISTERED, None, None]  # no event
    assert [d.store.get("findings", followed)[k] for k in derived] == [a.store.get("findings", followed)[k]
                                                                       for k in derived]
    assert d.store.get("findings", followed)["status"] == wf.ORDERED


def test_an_event_on_another_town_s_finding_and_a_rewritten_event_are_refused(world, town_b_at_district,
                                                                                tmp_path):
    a, b, d = world["a"], world["b"], world["d"]
    finding = town_b_at_district["finding"]
    close = event(a, finding, wf.CLOSE, TODAY, {"assessment": "x"})
    refused(d, forge(a, d, tmp_path / "c.inspx", {"finding_events": [close]}), "只有隐患的登记设备")
    stored = d.store.rows("SELECT * FROM finding_events WHERE finding_id = ?", [finding])[0]
    rewritten = {**stored, "data": json.dumps({"deadline": "2099-01-01"}), "device_id": b.store.device_id}
    refused(d, forge(b, d, tmp_path / "r.inspx", {"finding_events": [rewritten]}), "不可更改")


def test_a_district_only_event_comes_only_from_the_district(world, tmp_path):
    a, d = world["a"], world["d"]
    _, finding = a_finding(a)
    send_a = tmp_path / "a.inspx"
    a.sync().export("普陀区应急局", send_a)
    d.sync().import_package(send_a)
    listed = event(d, finding, "listed_supervision", TODAY, {"note": "挂牌督办"})
    report = a.sync().import_package(forge(d, a, tmp_path / "d.inspx", {"finding_events": [listed]}))
    assert report.events == 1 and not report.refused


# -- counters, clocks, malformed records ------------------------------------------------------------------------
@pytest.mark.parametrize("meta, match", [
    ('{"name": {"vv": {"%(me)s": 1e400}, "t": "%(t)s"}}', "超出范围|无法读取"),
    ('{"name": {"vv": {"%(me)s": NaN}, "t": "%(t)s"}}', "NaN"),
    ('{"name": {"vv": {"%(me)s": Infinity}, "t": "%(t)s"}}', "Infinity"),
    ('{"name": {"vv": {"%(me)s": 100000000000000000000}, "t": "%(t)s"}}', "2\\^53"),
    ('{"name": {"vv": {"%(me)s": 1.5}, "t": "%(t)s"}}', "整数"),
    ('{"name": {"vv": {"%(other)s": 5}, "t": "%(t)s"}}', "替其他设备"),
    ('{"name": {"vv": {"%(me)s": 1}, "t": "9999999999999-00000-abcdef12"}}', "时钟"),
    ('{"nonexistent": {"vv": {"%(me)s": 1}, "t": "%(t)s"}}', "不认识的字段"),
    ('{"name": ' * 40 + '1' + '}' * 40, "格式不对"),
])
def test_version_counters_and_clocks_are_validated(world, tmp_path, meta, match):
    a, d = world["a"], world["d"]
    site = row(a, "sites", a.add_site(name="甲"))
    values = {"me": a.store.device_id, "other": world["b"].store.device_id, "t": Clock("x").now()}
    bad = {**site, "sync_meta": meta % values if "%(" in meta else meta}
    refused(d, forge(a, d, tmp_path / "v.inspx", {"sites": [bad]}), match)


@pytest.mark.parametrize("change, match", [
    ({"name": 123}, "类型不对"),
    ({"unknown_column": "x"}, "不认识的字段"),
    ({"name": "长" * 30000}, "过长"),
    ({"risk_level": "紫"}, "不在允许范围内"),
    ({"id": "../../etc/passwd"}, "格式不对"),
    ({"device_id": None}, "类型不对"),
    ({"created_at": "9999-01-01T00:00:00.000000Z"}, "创建时间晚于"),
])
def test_malformed_records_are_refused(world, tmp_path, change, match):
    a, d = world["a"], world["d"]
    site = {**row(a, "sites", a.add_site(name="甲")), **change}
    refused(d, forge(a, d, tmp_path / "m.inspx", {"sites": [site]}), match)


def test_a_missing_required_field_a_non_object_and_an_unknown_table(world, tmp_path):
    a, d = world["a"], world["d"]
    site = row(a, "sites", a.add_site(name="甲"))
    refused(d, forge(a, d, tmp_path / "1.inspx", {"sites": [{k: v for k, v in site.items() if k != "name"}]}),
            "缺少字段“name”")
    refused(d, forge(a, d, tmp_path / "2.inspx", {"sites": [[1, 2, 3]]}), "不是对象")
    refused(d, forge(a, d, tmp_path / "3.inspx", {"peers": [site]}), "不应同步")
    refused(d, forge(a, d, tmp_path / "4.inspx", {"sites": [site, site]}), "出现了两次")


def test_a_record_line_with_nan_deep_nesting_or_an_overlong_line(world, tmp_path):
    a, d = world["a"], world["d"]
    me = a.sync().identity()
    manifest = {"format": "inspector-package", "format_version": 2, "package_id": str(uuid.uuid4()),
                "kind": "data", "created": "2026-01-01T00:00:00.000000Z", "seq": 1,
                "sender": {k: me[k] for k in ("device", "name", "sign_public", "enc_public")},
                "receiver": {"device": d.store.device_id}, "encrypted": False}
    for k, (line, match) in enumerate([(b'{"id": NaN}', "NaN"), (b"[" * 100_000 + b"]" * 100_000, "嵌套|过长"),
                                       (b'{"id": 1e999}', "超出范围")]):
        out = sign_raw(a, tmp_path / f"n{k}.inspx", manifest, {"records/sites.jsonl": line})
        refused(d, out, match)


def test_a_record_line_beyond_the_limit_is_refused_after_earlier_members_and_lines(world, tmp_path, monkeypatch):
    from inspector.sync import package

    a, d = world["a"], world["d"]
    monkeypatch.setattr(package, "MAX_LINE", 2_000)
    monkeypatch.setattr(package, "READ", 512)  # the line is longer than several reads
    mine = row(a, "sites", a.add_site(name="上海恒达餐饮有限公司", town="长寿路街道"))
    long = {**mine, "id": str(uuid.uuid4()), "name": "长" * 3_000}  # 9,000 bytes in one line
    refused(d, forge(a, d, tmp_path / "long.inspx", {"sites": [mine, long]}), "第 2 行过长")


@pytest.mark.parametrize("change, match", [
    ({"seq": "1"}, "seq"),
    ({"kind": "takeover"}, "kind"),
    ({"receiver": {"device": "all"}}, "receiver"),
    ({"extra": 1}, "不认识的项目“extra”"),
    ({"format_version": 1}, "旧版本"),
    ({"format_version": 3}, "更新版本"),
    ({"seq": 2**60}, "超出范围"),
])
def test_malformed_manifests_are_refused_before_anything_else(world, tmp_path, change, match):
    a, d = world["a"], world["d"]
    me = a.sync().identity()
    manifest = {"format": "inspector-package", "format_version": 2, "package_id": str(uuid.uuid4()),
                "kind": "data", "created": "2026-01-01T00:00:00.000000Z", "seq": 1,
                "sender": {k: me[k] for k in ("device", "name", "sign_public", "enc_public")},
                "receiver": {"device": d.store.device_id}, "encrypted": False, **change}
    refused(d, sign_raw(a, tmp_path / "m.inspx", manifest, {}), match)


def test_a_manifest_missing_a_key_or_far_too_large(world, tmp_path):
    a, d = world["a"], world["d"]
    me = a.sync().identity()
    manifest = {"format": "inspector-package", "format_version": 2, "package_id": str(uuid.uuid4()),
                "kind": "data", "created": "2026-01-01T00:00:00.000000Z",
                "sender": {k: me[k] for k in ("device", "name", "sign_public", "enc_public")},
                "receiver": {"device": d.store.device_id}, "encrypted": False}
    refused(d, sign_raw(a, tmp_path / "k.inspx", manifest, {}), "缺少“seq”")
    refused(d, sign_raw(a, tmp_path / "big.inspx", {**manifest, "seq": 1, "pad": "x" * 2_000_000}, {}), "过大")


# -- attachments ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["/etc/passwd", "/dev/zero", "../" * 3 + "x", "A" * 64, "a" * 63])
def test_an_attachment_name_that_is_not_a_digest_is_refused(world, tmp_path, name):
    a, d = world["a"], world["d"]
    site = a.add_site(name="甲")
    photo = tmp_path / "p.png"
    photo.write_bytes(b"\x89PNG photo")
    att = a.add_attachment(photo, "sites", site)
    bad = {**row(a, "attachments", att), "sha256": name}
    refused(d, forge(a, d, tmp_path / "a.inspx", {"sites": [row(a, "sites", site)], "attachments": [bad]}),
            "sha256.*格式不对|格式不对")


def test_attachment_content_must_match_its_name(world, tmp_path):
    a, d = world["a"], world["d"]
    out = forge(a, d, tmp_path / "a.inspx", {}, attachments={"0" * 64: b"not that content"})
    refused(d, out, "附件内容与名称不符")


def test_a_dry_run_lists_refused_records_with_their_reasons_and_writes_nothing(world, town_b_at_district,
                                                                              tmp_path):
    a, d = world["a"], world["d"]
    victim = {**row(d, "findings", town_b_at_district["finding"]), "grade": "一般"}
    mine = row(a, "sites", a.add_site(name="甲"))
    photo = tmp_path / "p.png"
    photo.write_bytes(b"photo bytes")
    out = forge(a, d, tmp_path / "x.inspx", {"sites": [mine], "findings": [victim]})
    before = snapshot(d)
    report = d.sync().import_package(out, dry_run=True)
    assert snapshot(d) == before
    assert report.tables["sites"]["new"] == 1 and report.tables["findings"]["refused"] == 1
    assert report.refused == [{"table": "findings", "id": victim["id"][:40],
                               "reason": "记录的所有者不是发送方（只能发送本设备创建的记录，所有者不可冒用）"}]
    refused(d, out, "整个数据包未导入")


def test_future_dates_are_judged_by_the_injected_clock(world, tmp_path):
    from datetime import UTC, datetime

    from inspector.services.sync import Sync

    a, d = world["a"], world["d"]
    site = a.add_site(name="甲")
    found = date(2026, 2, 20)
    finding = a.record_finding(description="灭火器过期", grade="一般", found_on=found,
                               deadline=found + timedelta(days=30), site_id=site)
    base = {"sites": [row(a, "sites", site)], "findings": [row(a, "findings", finding)],
            "finding_events": [e for e in a.store.rows("SELECT * FROM finding_events")]}
    at_import = Sync(d.store, d.path, now=lambda: datetime(2031, 3, 1, 8, 0, tzinfo=UTC))  # any day after today
    late = event(a, finding, wf.ORDER_ISSUED, date(2031, 3, 3), {"deadline": "2031-04-01"})
    out = forge(a, d, tmp_path / "late.inspx", {**base, "finding_events": [*base["finding_events"], late]})
    report = at_import.import_package(out, dry_run=True)
    assert [r["reason"] for r in report.refused] == ["日期 2031-03-03 晚于导入当天之后一天（不接受未来日期）"]
    ok = event(a, finding, wf.ORDER_ISSUED, date(2031, 3, 2), {"deadline": "2031-04-01"})
    out = forge(a, d, tmp_path / "ok.inspx", {**base, "finding_events": [*base["finding_events"], ok]}, seq=2)
    assert at_import.import_package(out).events == 2


def test_a_sender_clock_far_ahead_is_refused(world, tmp_path):
    a, d = world["a"], world["d"]
    out = forge(a, d, tmp_path / "c.inspx", {}, clock="9999999999999-00000-abcdef12")
    refused(d, out, "时钟比本机快")


def test_a_dry_run_writes_no_file_and_the_import_merges_the_verified_preview(world, tmp_path):
    a, d = world["a"], world["d"]
    site = a.add_site(name="甲")
    photo = tmp_path / "p.png"
    photo.write_bytes(b"\x89PNG the photo")
    a.add_attachment(photo, "sites", site)
    out = tmp_path / "a.inspx"
    a.sync().export("普陀区应急局", out)
    before = snapshot(d)
    assert d.sync().import_package(out, dry_run=True).attachments == 1
    assert snapshot(d) == before  # no row, no file
    verified = d.sync().verify(out)
    out.unlink()  # the confirmed import does not read the file again
    report = d.sync().import_package(verified)
    assert report.tables["sites"]["new"] == 1 and len(snapshot(d)[1]) == 2  # the file and its folder


def test_a_receipt_moves_the_watermark_by_the_sent_package_not_by_what_it_claims(world, tmp_path):
    a, d = world["a"], world["d"]
    a.add_site(name="甲")
    sent = a.sync().export("普陀区应急局", tmp_path / "a.inspx")
    receipt = d.sync().write_receipt({"package_id": sent["package_id"], "seq": 999}, d.sync().peer("长寿路街道"),
                                     tmp_path / "r.receipt")
    assert a.sync().import_receipt(receipt)["seq"] == 1
    assert a.sync().peer("普陀区应急局")["last_seq_acked"] == 1


def test_too_many_members_are_refused_from_the_directory_alone(world, tmp_path, monkeypatch):
    from inspector.sync import package

    a, d = world["a"], world["d"]
    out = forge(a, d, tmp_path / "many.inspx", {"sites": [], "findings": [], "inspections": []})
    monkeypatch.setattr(package, "MAX_MEMBERS", 3)
    refused(d, out, "包含的文件过多")


def test_an_attachment_no_accepted_record_names_is_not_stored(world, tmp_path):
    import hashlib

    a, d = world["a"], world["d"]
    data = b"a file nobody refers to"
    out = forge(a, d, tmp_path / "stray.inspx", {}, attachments={hashlib.sha256(data).hexdigest(): data})
    before = snapshot(d)[1]
    d.sync().import_package(out)
    assert snapshot(d)[1] == before


def test_null_where_a_column_with_a_default_may_not_be_null_is_refused_by_the_schema(world, tmp_path):
    a, d = world["a"], world["d"]
    person = {**row(a, "inspectors", a.save_inspector({"name": "张三", "certificate_no": "31000000001"})),
              "active": None}
    error = refused(d, forge(a, d, tmp_path / "n.inspx", {"inspectors": [person]}), "类型不对")
    assert "active" in str(error) and "NOT NULL" not in str(error)  # named by the schema, not by SQLite
    # a package of an older version leaves the column out, with its versions: the default holds
    left_out = {k: v for k, v in person.items() if k != "active"}
    left_out["sync_meta"] = json.dumps({k: v for k, v in json.loads(person["sync_meta"]).items() if k != "active"})
    d.sync().import_package(forge(a, d, tmp_path / "o.inspx", {"inspectors": [left_out]}))
    assert d.store.get("inspectors", person["id"])["active"] == 1
