"""Stage three of an import without a database: which incoming records and finding events are accepted and
which are refused, with the exact reason the officer reads — ownership, content-derived ids, parents, versions,
times at the edge of the allowed skew, and the workflow replayed in causal order.

The local database is a dictionary behind the lookup; today and the clock are fixed."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

import pytest

from inspector import workflow as wf
from inspector.db.store import stable_id
from inspector.docimport.units import canonical
from inspector.sync import authorize as authorizing
from inspector.sync import builtin, merge
from inspector.sync.authorize import Context, Sender, authorize
from inspector.sync.schema import MAX_COUNTER

TODAY = date(2026, 3, 10)
NOW_MS = int(datetime(2026, 3, 10, 12, 0, tzinfo=UTC).timestamp() * 1000)
SKEW = 3600 * 1000  # an hour
LATEST = "2026-03-10T13:00:00.000000Z"  # the clock plus the skew, as creation times are written
ME, OTHER, DISTRICT = "town-a", "town-b", "district"
T = f"{NOW_MS:013d}-00000-{ME}"

DISTRICT_ONLY = "只有区里可以创建这类记录（工作意见、工作任务清单、风险分级标准、下发的检查计划、专项行动）"


PLAIN = authorizing._plain  # the one-pass check of plainly written versions


@pytest.fixture(autouse=True, params=["one pass", "full walk"])
def checks(request, monkeypatch):
    """Every rule here holds whether plainly written versions are read in one pass or walked in full."""
    if request.param == "full walk":
        monkeypatch.setattr(authorizing, "_plain", lambda *args: False)


class Local:
    """The records this device holds, looked up as the import looks them up (and each call counted)."""

    def __init__(self, tables: dict[str, list[dict[str, Any]]] | None = None,
                 events: list[dict[str, Any]] | None = None) -> None:
        self.tables = {t: {r["id"]: r for r in rows} for t, rows in (tables or {}).items()}
        self.events = events or []
        self.calls: list[tuple[str, list[str]]] = []

    def __call__(self, table: str, ids: list[str], columns: tuple[str, ...] | None) -> dict[str, dict[str, Any]]:
        self.calls.append((table, ids))
        if table == "finding_events_of":
            return {e["id"]: e for e in self.events if e["finding_id"] in ids}
        held = self.tables.get(table, {})
        return {i: {k: v for k, v in held[i].items() if columns is None or k in columns} for i in ids if i in held}


def rec(rid: str, device: str = ME, meta: Any = None, created: str = "2026-03-01T00:00:00.000000Z", **fields):
    row = {"id": rid, "created_at": created, "updated_at": created, "device_id": device, "deleted_at": None,
           **fields}
    row["sync_meta"] = meta if meta is None or isinstance(meta, str) else \
        json.dumps(meta, ensure_ascii=False, sort_keys=True)  # as the program writes them
    return row


def run(records: dict[str, list[dict]], local: Local | None = None, sender: str = ME, role: str = "town"):
    return authorize(records, Sender(sender, role), local or Local(), today=TODAY, now_ms=NOW_MS, skew_ms=SKEW)


def reasons(verdict) -> dict[str, str]:
    return {r["id"]: r["reason"] for r in verdict.refused}


def refused(table: str, row: dict, local: Local | None = None, sender: str = ME, role: str = "town") -> str:
    verdict = run({table: [row]}, local, sender, role)
    assert table not in verdict.accepted
    (refusal,) = verdict.refused
    assert (refusal["table"], refusal["id"]) == (table, str(row["id"])[:40])
    return refusal["reason"]


def accepted(table: str, row: dict, local: Local | None = None, sender: str = ME, role: str = "town") -> None:
    verdict = run({table: [row]}, local, sender, role)
    assert verdict.refused == [] and verdict.accepted[table] == [row]


# -- ownership -------------------------------------------------------------------------------------------------
def test_a_device_sends_its_own_new_records():
    accepted("sites", rec("s1", name="甲"))
    accepted("inspections", rec("i1"))


def test_a_record_of_another_device_is_refused_even_when_new_here():
    assert refused("sites", rec("s1", OTHER, name="甲")) == \
        "记录的所有者不是发送方（只能发送本设备创建的记录，所有者不可冒用）"


def test_a_record_held_here_as_another_device_s_cannot_be_taken_over():
    local = Local({"sites": [rec("s1", OTHER, name="甲")]})
    assert refused("sites", rec("s1", name="乙"), local) == "该记录属于另一台设备，发送方无权修改"
    accepted("sites", rec("s1", name="乙"), Local({"sites": [rec("s1", name="甲")]}))  # its own: a change


def test_work_plan_documents_and_task_lists_come_from_the_district_only():
    doc = rec("d-1", DISTRICT, sha256="ab" * 32, title="工作要点")
    assert refused("documents", {**doc, "device_id": ME}) == DISTRICT_ONLY
    accepted("documents", doc, sender=DISTRICT, role="district")
    plan = rec("c-1", kind="workplan", name="任务清单")
    assert refused("checklists", plan) == DISTRICT_ONLY
    accepted("checklists", {**plan, "device_id": DISTRICT}, sender=DISTRICT, role="district")
    accepted("checklists", rec("c-2", kind="template", name="自定义检查表"))
    # a district document held here already is the district's to change
    accepted("documents", doc, Local({"documents": [doc]}), sender=DISTRICT, role="district")


# -- content-derived ids ----------------------------------------------------------------------------------------
def test_a_document_s_id_must_be_the_one_its_file_gives():
    good = rec(stable_id("document", "cd" * 32), DISTRICT, sha256="cd" * 32)
    accepted("documents", good, sender=DISTRICT, role="district")
    bad = {**good, "sha256": "ef" * 32}
    assert refused("documents", bad, sender=DISTRICT, role="district") == \
        "编号由内容派生，但与记录内容不符（不能预先占用别人的编号）"


def test_a_unit_s_id_must_be_its_folded_name_and_the_name_must_fold_to_it():
    key = canonical("上海恒达餐饮有限公司")
    good = rec(stable_id("unit", key), name="上海恒达餐饮有限公司", normalized=key)
    accepted("units", good)
    message = "编号由内容派生，但与记录内容不符（不能预先占用别人的编号）"
    assert refused("units", {**good, "name": "上海另一家公司"}) == message
    assert refused("units", {**good, "id": stable_id("unit", "别的")}) == message
    wide = "上海恒达餐饮有限公司 "  # not yet folded: no unit is keyed by it
    assert canonical(wide) != wide
    assert refused("units", rec(stable_id("unit", wide), name=wide, normalized=wide)) == message


def test_a_district_task_list_s_id_comes_from_its_document():
    doc = rec(stable_id("document", "aa" * 32), DISTRICT, sha256="aa" * 32)
    plan = rec(stable_id("checklist", "aa" * 32), DISTRICT, kind="workplan", document_id=doc["id"])
    verdict = run({"documents": [doc], "checklists": [plan]}, sender=DISTRICT, role="district")
    assert verdict.refused == [] and verdict.accepted["checklists"] == [plan]
    message = "编号由内容派生，但与记录内容不符（不能预先占用别人的编号）"
    assert refused("checklists", plan, sender=DISTRICT, role="district") == message  # its document is missing
    assert refused("checklists", {**plan, "kind": "template"}, Local({"documents": [doc]}), DISTRICT,
                   "district") == message
    other = rec(stable_id("checklist", "bb" * 32), DISTRICT, kind="workplan", document_id=doc["id"])
    assert refused("checklists", other, Local({"documents": [doc]}), DISTRICT, "district") == message


def test_an_item_s_id_comes_from_its_list_position_kind_number_and_text():
    checklist = rec("cl-1", kind="template")
    text = "疏散通道" * 100  # only the first 300 characters count
    item_id = stable_id("item", "cl-1", "3", "item", "2.", text[:300])
    item = rec(item_id, checklist_id="cl-1", position=3, kind="item", number="2.", text=text)
    local = Local({"checklists": [checklist]})
    accepted("checklist_items", item, local)
    accepted("checklist_items", {**item, "text": text[:300] + "（续）"}, local)
    message = "编号由内容派生，但与记录内容不符（不能预先占用别人的编号）"
    assert refused("checklist_items", {**item, "position": 4}, local) == message
    no_number = rec(stable_id("item", "cl-1", "1", "item", "", ""), checklist_id="cl-1", position=1, kind="item",
                    number=None, text=None)
    accepted("checklist_items", no_number, local)


def test_an_item_s_unit_link_id_comes_from_the_item_the_unit_and_the_role():
    key = canonical("区应急局")
    unit = rec(stable_id("unit", key), name="区应急局", normalized=key)
    item = rec("it-1", checklist_id="cl-1")
    link = rec(stable_id("item_unit", "it-1", key, "lead"), item_id="it-1", unit_id=unit["id"], role="lead")
    local = Local({"units": [unit], "checklist_items": [item]})
    accepted("item_units", link, local)
    message = "编号由内容派生，但与记录内容不符（不能预先占用别人的编号）"
    assert refused("item_units", {**link, "role": "support"}, local) == message
    assert refused("item_units", link, Local({"checklist_items": [item]})) == message  # the unit is unknown


# -- parents and attachments ------------------------------------------------------------------------------------
def test_a_child_goes_only_into_its_owner_s_own_parent():
    item = rec("it-1", checklist_id="cl-1", position=1, kind="item", text="x")
    assert refused("checklist_items", item) == "所属的上级记录（checklists）不存在或被拒绝"
    assert refused("checklist_items", {**item, "checklist_id": 7}) == "所属的上级记录（checklists）不存在或被拒绝"
    assert refused("checklist_items", item, Local({"checklists": [rec("cl-1", OTHER)]})) == \
        "不能向另一台设备的清单或检查中添加内容"
    accepted("checklist_items", item, Local({"checklists": [rec("cl-1")]}))
    template = next(iter(builtin.reference()["checklists"]))
    assert refused("checklist_items", {**item, "checklist_id": template},
                   Local({"checklists": [rec(template)]})) == "不能向另一台设备的清单或检查中添加内容"


def test_a_parent_in_the_same_package_counts_and_a_refused_one_takes_its_children_with_it():
    result = rec("r-1", inspection_id="in-1")
    verdict = run({"inspections": [rec("in-1")], "inspection_results": [result]})
    assert verdict.refused == [] and verdict.accepted["inspection_results"] == [result]
    verdict = run({"inspections": [rec("in-1", OTHER)], "inspection_results": [result]})
    assert reasons(verdict) == {"in-1": "记录的所有者不是发送方（只能发送本设备创建的记录，所有者不可冒用）",
                                "r-1": "所属的上级记录（inspections）不存在或被拒绝"}


def test_the_parents_of_a_batch_are_looked_up_once():
    items = [rec(f"it-{k}", checklist_id="cl-1", position=k, kind="item", text="x") for k in range(3)]
    local = Local({"checklists": [rec("cl-1")]})
    verdict = run({"checklist_items": items}, local)
    assert verdict.refused == [] and len(verdict.accepted["checklist_items"]) == 3
    assert [c for c in local.calls if c[0] == "checklists"] == [("checklists", ["cl-1"])]
    local = Local()
    verdict = run({"checklists": [rec("cl-1")], "checklist_items": items}, local)  # the parent came with them
    assert verdict.refused == [] and [c for c in local.calls if c[0] == "checklists"] == [("checklists", ["cl-1"])]
    local = Local({"checklists": [rec("cl-1")]})
    verdict = run({"checklists": [rec("cl-1", OTHER)], "checklist_items": items}, local)  # held, refused here
    assert [c for c in local.calls if c[0] == "checklists"] == [("checklists", ["cl-1"])]
    odd = [{**items[0], "checklist_id": 7}, items[1]]  # an id that is not text is never looked up
    verdict = run({"checklist_items": odd}, Local({"checklists": [rec("cl-1")]}))
    assert reasons(verdict) == {"it-0": "所属的上级记录（checklists）不存在或被拒绝"}


def test_an_attachment_belongs_to_a_record_of_its_own_device():
    photo = rec("a-1", owner_table="findings", owner_id="f-1", sha256="ab" * 32)
    assert refused("attachments", {**photo, "owner_table": "settings"}) == "附件所属的记录类型无效"
    assert refused("attachments", photo) == "附件所属的记录不存在或被拒绝"
    assert refused("attachments", photo, Local({"findings": [rec("f-1", OTHER)]})) == "不能给另一台设备的记录添加附件"
    accepted("attachments", photo, Local({"findings": [rec("f-1")]}))
    local = Local({"findings": [rec("f-1")]})
    run({"attachments": [photo, {**photo, "id": "a-2"}]}, local)
    assert [c for c in local.calls if c[0] == "findings"] == [("findings", ["f-1"])]


def test_built_in_records_must_equal_what_the_program_makes():
    template_id, content = next(iter(builtin.reference()["checklists"].items()))
    row = rec(template_id, "anyone", **content)
    verdict = run({"checklists": [row]})
    assert verdict.refused == [] and verdict.builtin == {template_id}
    assert refused("checklists", {**row, "name": "改过的名称"}) == \
        "内置检查表或示例文件的内容被改动（内置内容任何设备都不能修改）"


# -- versions and times -----------------------------------------------------------------------------------------
def meta_of(**heads: Any) -> dict:
    return {f: h for f, h in heads.items()}


def test_a_record_may_be_created_up_to_the_allowed_skew_ahead_of_this_clock():
    accepted("sites", rec("s1", created=LATEST, name="甲"))
    assert refused("sites", rec("s1", created="2026-03-10T13:00:00.000001Z", name="甲")) == \
        "记录的创建时间晚于本机时钟允许的范围"


def test_versions_that_cannot_be_read_or_are_not_versions_are_refused():
    assert refused("sites", rec("s1", meta="{oops", name="甲")).startswith("版本信息无法读取（")
    for meta in ("[]", json.dumps({"name": {"vv": {}, "t": T, "others": [{"v": [[[1]]], "vv": {}, "t": T}]}})):
        assert refused("sites", rec("s1", meta=meta, name="甲")) == "版本信息格式不对"
    deep_ok = {"name": {"vv": {ME: 1}, "t": T, "others": [{"v": [[1]], "vv": {ME: 1}, "t": T}]}}
    accepted("sites", rec("s1", meta=deep_ok, name="甲"))
    for version in ("x", {"vv": {ME: 1}, "t": T, "others": "x"},
                    {"vv": {ME: 1}, "t": T, "others": [{"v": 1, "vv": {ME: 1}, "t": T}] * 50}):
        assert refused("sites", rec("s1", meta={"name": version}, name="甲")) == "版本信息格式不对"
    accepted("sites", rec("s1", meta={"name": {"vv": {ME: 1}, "t": T,
                                               "others": [{"v": 1, "vv": {ME: 1}, "t": T}] * 49}}, name="甲"))


def test_versions_name_only_the_record_s_own_fields():
    for name in ("colour", "device_id", "id", "sync_meta"):
        assert refused("sites", rec("s1", meta={name: {"vv": {ME: 1}, "t": T}}, name="甲")) == \
            f"版本信息中有不认识的字段“{name}”"
    accepted("sites", rec("s1", meta={"deleted_at": {"vv": {ME: 1}, "t": T}, "name": {"vv": {ME: 1}, "t": T}},
                          name="甲"))
    local = Local({"sites": [rec("s1", name="甲", grid="网格01")]})  # a column the local row has
    accepted("sites", rec("s1", meta={"grid": {"vv": {ME: 2}, "t": T}}, name="甲"), local)


@pytest.mark.parametrize(("version", "problem"), [
    ({"vv": [], "t": T}, "版本格式不对"),
    ({"vv": {ME: 1}, "t": 5}, "版本格式不对"),
    ({"vv": {f"d{k}": 0 for k in range(1001)}, "t": T}, "版本向量过大"),
    ({"vv": {ME: -1}, "t": T}, "版本计数不是 0 到 2^53 之间的整数"),
    ({"vv": {ME: MAX_COUNTER + 1}, "t": T}, "版本计数不是 0 到 2^53 之间的整数"),
    ({"vv": {ME: True}, "t": T}, "版本计数不是 0 到 2^53 之间的整数"),
    ({"vv": {ME: 1.0}, "t": T}, "版本计数不是 0 到 2^53 之间的整数"),
    ({"vv": {OTHER: 1}, "t": T}, "版本向量替其他设备增加了计数（发送方只能增加自己的计数）"),
    ({"vv": {ME: 1}, "t": T + "x" * 41}, "时间戳格式不对"),
    ({"vv": {ME: 1}, "t": "17000000000x0-00000-a"}, "时间戳格式不对"),
    ({"vv": {ME: 1}, "t": "1700000000000_00000-a"}, "时间戳格式不对"),
    ({"vv": {ME: 1}, "t": "1700000000000-0000x-a"}, "时间戳格式不对"),
    ({"vv": {ME: 1}, "t": f"{NOW_MS + SKEW + 1:013d}-00000-a"},
     "时间戳晚于本机时钟允许的范围（发送方时钟过快或被篡改）"),
])
def test_each_version_is_well_formed_counts_only_the_sender_s_edits_and_is_not_from_the_future(version, problem):
    assert refused("sites", rec("s1", meta={"name": version}, name="甲")) == f"字段“name”的{problem}"
    other_head = {"vv": {ME: 1}, "t": T, "others": [version]}  # the same checks for a conflict's other versions
    assert refused("sites", rec("s1", meta={"name": other_head}, name="甲")) == f"字段“name”的{problem}"


def test_a_conflict_s_other_version_must_be_a_version():
    version = {"vv": {ME: 1}, "t": T, "others": ["x"]}
    assert refused("sites", rec("s1", meta={"name": version}, name="甲")) == "字段“name”的版本格式不对"


def test_versions_at_the_edges_are_accepted():
    for version in ({"vv": {f"d{k}": 0 for k in range(1000)}, "t": T}, {"vv": {ME: MAX_COUNTER}, "t": T},
                    {"vv": {ME: 0}, "t": T}, {"vv": {ME: 1}, "t": f"{NOW_MS + SKEW:013d}-00000-a"},
                    {"vv": {ME: 1}, "t": "1700000000000-00000-" + "a" * 20}):
        accepted("sites", rec("s1", meta={"name": version}, name="甲"))


def test_other_devices_counts_may_be_repeated_up_to_what_this_device_has_seen():
    held = rec("s1", meta={"name": {"vv": {ME: 1, DISTRICT: 2}, "t": T},
                           "grid": {"vv": {ME: 1}, "t": T, "others": [{"v": "g", "vv": {OTHER: 3}, "t": T}]}},
               name="甲", grid="网格01")
    local = Local({"sites": [held]})
    accepted("sites", rec("s1", meta={"name": {"vv": {ME: 2, DISTRICT: 2}, "t": T},
                                      "grid": {"vv": {ME: 2, OTHER: 3}, "t": T}}, name="乙", grid="网格01"), local)
    message = "字段“name”的版本向量替其他设备增加了计数（发送方只能增加自己的计数）"
    assert refused("sites", rec("s1", meta={"name": {"vv": {ME: 2, DISTRICT: 3}, "t": T}}, name="乙"), local) == message
    assert refused("sites", rec("s1", meta={"name": {"vv": {OTHER: 3}, "t": T}}, name="乙"), local) == message
    bulk = Local({"sites": [rec("s1", name="甲", grid="g")]})  # no versions held: each field written once by its owner
    accepted("sites", rec("s1", meta={"deleted_at": {"vv": {ME: 1}, "t": T}}, name="甲"), bulk)
    assert refused("sites", rec("s1", meta={"deleted_at": {"vv": {OTHER: 1}, "t": T}}, name="甲"), bulk) == \
        "字段“deleted_at”的版本向量替其他设备增加了计数（发送方只能增加自己的计数）"


# -- finding events ---------------------------------------------------------------------------------------------
def finding(fid: str = "f-1", device: str = ME, grade: str = "一般") -> dict:
    return rec(fid, device, grade=grade, description="隐患")


def ev(eid: str, kind: str, on: str = "2026-03-05", device: str = ME, fid: str = "f-1",
       created: str = "2026-03-05T00:00:00.000000Z", **data) -> dict:
    return {"id": eid, "finding_id": fid, "kind": kind, "on_date": on, "created_at": created, "device_id": device,
            "data": json.dumps(data) if data else None}


def events(evs: list[dict], local: Local | None = None, sender: str = ME, role: str = "town"):
    verdict = run({"finding_events": evs}, local or Local({"findings": [finding()]}), sender, role)
    assert {r["table"] for r in verdict.refused} <= {"finding_events"}
    return [e["id"] for e in verdict.accepted.get("finding_events", [])], reasons(verdict)


def test_a_finding_s_history_from_its_owner_is_accepted_in_causal_order():
    new = [ev("e2", wf.ORDER_ISSUED, "2026-03-02", deadline="2026-03-31"),
           ev("e1", wf.CREATED, "2026-03-01", deadline="2026-03-31"),
           ev("e3", wf.FEEDBACK, "2026-03-06")]
    assert events(new) == (["e1", "e2", "e3"], {})
    verdict = run({"findings": [finding()], "finding_events": new})  # the finding in the same package
    assert [e["id"] for e in verdict.accepted["finding_events"]] == ["e1", "e2", "e3"]


def test_a_step_the_workflow_refuses_is_refused_with_its_words_and_the_rest_judged_without_it():
    new = [ev("e1", wf.CREATED, "2026-03-01", deadline="2026-03-31"), ev("e2", wf.CLOSE, "2026-03-02"),
           ev("e3", wf.ORDER_ISSUED, "2026-03-03", deadline="2026-03-31")]
    assert events(new) == (["e1", "e3"], {"e2": "当前状态为“已登记”，不能销号。"})
    passed = [ev("e1", wf.CREATED, "2026-03-01", deadline="2026-03-31"),
              ev("e2", wf.ORDER_ISSUED, "2026-03-01", deadline="2026-03-31"),
              ev("e3", wf.RECHECK, "2026-03-02", passed=True, inspectors=["a", "b"]), ev("e4", wf.CLOSE, "2026-03-03")]
    assert events(passed, Local({"findings": [finding(grade="重大")]})) == \
        (["e1", "e2", "e3"], {"e4": "重大事故隐患销号前必须附评估报告。"})


@pytest.mark.parametrize("history, new", [
    ([], [ev("e2", wf.ORDER_ISSUED, "2026-03-02", deadline="2026-03-31"), ev("e1", wf.CREATED, "2026-03-01"),
          ev("e3", wf.RECTIFICATION_STARTED, "2026-03-03"), ev("e4", wf.FEEDBACK, "2026-03-06")]),
    ([], [ev("e1", wf.CREATED, "2026-03-01", deadline="2026-03-31"), ev("e2", wf.CLOSE, "2026-03-02"),
          ev("e3", wf.ORDER_ISSUED, "2026-03-03", deadline="2026-03-20")]),  # a refused step in the middle
    ([ev("e0", wf.CREATED, "2026-03-01"), ev("e1", wf.ORDER_ISSUED, "2026-03-02", deadline="2026-03-09")],
     [ev("e2", wf.FEEDBACK, "2026-03-04"), ev("e3", wf.RECHECK, "2026-03-05", passed=False, inspectors=["a", "b"],
                                             deadline="2026-04-30"), ev("x", "listed_supervision", "2026-03-06")]),
])
def test_the_replay_gives_the_merge_the_columns_its_own_fold_would(history, new):
    local = Local({"findings": [finding()]}, history)
    verdict = run({"finding_events": new}, local, role="town")
    accepted = verdict.accepted.get("finding_events", [])
    assert verdict.states["f-1"] == merge.state_columns([*history, *accepted])
    assert verdict.states["f-1"] != merge.NO_EVENTS


def test_a_history_the_replay_could_not_fold_is_left_to_the_merge():
    history = [ev("e0", wf.CREATED, "2026-03-01", deadline="2026-03-31"),
               ev("e1", wf.ORDER_ISSUED, "2026-03-02", deadline="bad date")]
    verdict = run({"finding_events": [ev("e2", wf.FEEDBACK, "2026-03-04")]},
                  Local({"findings": [finding()]}, history))
    assert "f-1" not in verdict.states


def test_a_finding_is_registered_once():
    history = [ev("e0", wf.CREATED, "2026-03-01")]
    local = Local({"findings": [finding()]}, history)
    assert events([ev("e1", wf.CREATED, "2026-03-02")], local) == ([], {"e1": "隐患已有登记记录，不能再次登记"})
    assert events([ev("e1", wf.CREATED, "2026-03-01"), ev("e2", wf.CREATED, "2026-03-02")]) == \
        (["e1"], {"e2": "隐患已有登记记录，不能再次登记"})


def test_the_history_held_here_decides_what_may_follow():
    history = [ev("e0", wf.CREATED, "2026-03-01", deadline="2026-03-31"),
               ev("e1", wf.ORDER_ISSUED, "2026-03-02", deadline="bad date"),  # an old bad step is passed over
               ev("e2", wf.ORDER_ISSUED, "2026-03-02", deadline="2026-03-31")]
    local = Local({"findings": [finding()]}, history)
    assert events([ev("e3", wf.RECHECK, "2026-03-04", passed=True, inspectors=["a", "b"])], local) == (["e3"], {})
    assert events([ev("e3", wf.ORDER_ISSUED, "2026-03-04", deadline="2026-03-31")], local) == \
        ([], {"e3": "当前状态为“已下发整改”，不能下发整改。"})


def test_an_event_held_here_is_skipped_when_the_same_and_refused_when_changed():
    held = ev("e0", wf.CREATED, "2026-03-01")
    local = Local({"findings": [finding()]}, [held])
    assert events([dict(held)], local) == ([], {})
    assert events([{**held, "data": json.dumps({"deadline": "2026-12-31"})}], local) == \
        ([], {"e0": "处理记录已存在且不可更改（处理记录只能追加）"})


def test_district_kinds_come_from_the_district_only_and_owner_kinds_from_the_owner_only():
    note = ev("e1", "supervision_note", device=DISTRICT, note="请加快整改")
    assert events([note], sender=DISTRICT, role="district") == (["e1"], {})
    refusal = "只有隐患的登记设备（或区里的督办类记录）才能添加这条处理记录"
    assert events([{**note, "device_id": ME}]) == ([], {"e1": refusal})
    assert events([ev("e2", wf.CREATED, device=DISTRICT)], sender=DISTRICT, role="district") == ([], {"e2": refusal})
    assert events([ev("e3", wf.CREATED, device=OTHER)], Local({"findings": [finding(device=OTHER)]}), OTHER) == \
        (["e3"], {})


def test_an_event_is_refused_for_what_is_wrong_with_it():
    cases = {
        "approve": (ev("e1", "approve"), "未知的处理类型“approve”"),
        "sender": (ev("e1", wf.CREATED, device=OTHER), "处理记录的所有者不是发送方"),
        "finding": (ev("e1", wf.CREATED, fid="f-9"), "对应的隐患不存在或被拒绝"),
        "date": (ev("e1", wf.CREATED, on="2026-02-30"), "日期“2026-02-30”无效"),
        "future": (ev("e1", wf.CREATED, on="2026-03-12"), "日期 2026-03-12 晚于导入当天之后一天（不接受未来日期）"),
        "created": (ev("e1", wf.CREATED, created="2026-03-10T13:00:00.000001Z"),
                    "处理记录的创建时间晚于本机时钟允许的范围"),
        "shape": ({**ev("e1", wf.CREATED), "data": "[1]"}, "处理记录的内容格式不对"),
        "deep": (ev("e1", wf.CREATED, a={"b": {"c": {"d": {}}}}), "处理记录的内容格式不对"),
    }
    for name, (event, reason) in cases.items():
        assert events([event]) == ([], {"e1": reason}), name
    assert events([{**ev("e1", wf.CREATED), "data": "{oops"}])[1]["e1"].startswith("处理记录的内容无法读取（")
    long_kind = "k" * 60
    assert events([ev("e1", long_kind)]) == ([], {"e1": f"未知的处理类型“{'k' * 40}”"})


def test_events_at_the_edges_of_time_are_accepted():
    assert events([ev("e1", wf.CREATED, on="2026-03-11", created=LATEST, a={"b": {"c": {}}})]) == (["e1"], {})


def test_a_refusal_names_the_record_by_the_first_40_characters_of_its_id():
    rid = "s" * 50
    verdict = run({"sites": [rec(rid, OTHER)]})
    assert verdict.refused[0]["id"] == "s" * 40
    name = "字" * 50
    assert refused("sites", rec("s1", meta={name: {"vv": {ME: 1}, "t": T}}, name="甲")) == \
        f"版本信息中有不认识的字段“{'字' * 40}”"


def test_a_timestamp_is_at_most_40_characters_and_its_counter_five_digits():
    message = "字段“name”的时间戳格式不对"
    stamp = f"{NOW_MS:013d}-00000-"
    accepted("sites", rec("s1", meta={"name": {"vv": {ME: 1}, "t": stamp + "a" * (40 - len(stamp))}}, name="甲"))
    assert refused("sites", rec("s1", meta={"name": {"vv": {ME: 1}, "t": stamp + "a" * (41 - len(stamp))}},
                                name="甲")) == message
    assert refused("sites", rec("s1", meta={"name": {"vv": {ME: 1}, "t": f"{NOW_MS:013d}-x0000-a"}}, name="甲")) == \
        message


def test_ids_that_look_derived_must_be_and_every_unit_s_id_is():
    import uuid

    message = "编号由内容派生，但与记录内容不符（不能预先占用别人的编号）"
    assert refused("sites", rec(str(uuid.uuid5(uuid.NAMESPACE_URL, "x")), name="甲")) == message
    key = canonical("上海恒达餐饮有限公司")
    assert refused("units", rec(str(uuid.uuid4()), name="上海恒达餐饮有限公司", normalized=key)) == message


def test_a_row_without_its_deletion_column_may_still_carry_the_deletion_s_version():
    row = rec("s1", meta={"deleted_at": {"vv": {ME: 1}, "t": T}}, name="甲")
    del row["deleted_at"]
    accepted("sites", row)


def test_what_this_device_has_seen_counts_every_version_of_a_field_and_its_deletion():
    held = rec("s1", meta={"name": {"vv": {ME: 1, OTHER: 3}, "t": T, "others": [{"v": "x", "vv": {OTHER: 1}, "t": T}]},
                           "grid": {"vv": {ME: 1, OTHER: 0}, "t": T},
                           "deleted_at": {"vv": {ME: 1, DISTRICT: 2}, "t": T}}, name="甲", grid="g")
    local = Local({"sites": [held]})
    accepted("sites", rec("s1", meta={"name": {"vv": {ME: 2, OTHER: 3}, "t": T},
                                      "deleted_at": {"vv": {ME: 2, DISTRICT: 2}, "t": T}}, name="乙"), local)
    assert refused("sites", rec("s1", meta={"grid": {"vv": {ME: 2, OTHER: 1}, "t": T}}, name="乙"), local) == \
        "字段“grid”的版本向量替其他设备增加了计数（发送方只能增加自己的计数）"


def test_the_creation_time_limit_is_in_utc_whatever_this_computer_s_time_zone(monkeypatch):
    import time

    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    try:
        accepted("sites", rec("s1", created=LATEST, name="甲"))
        assert refused("sites", rec("s1", created="2026-03-10T13:00:00.000001Z", name="甲")) == \
            "记录的创建时间晚于本机时钟允许的范围"
    finally:
        monkeypatch.undo()
        time.tzset()


def test_events_of_one_finding_look_it_up_once_and_a_known_event_does_not_stop_the_rest():
    held = ev("e0", wf.CREATED, "2026-03-01", deadline="2026-03-31")
    local = Local({"findings": [finding()]}, [held])
    new = [dict(held), ev("e1", wf.ORDER_ISSUED, "2026-03-02"), ev("e2", wf.FEEDBACK, "2026-03-03")]
    assert events(new, local) == (["e1", "e2"], {})
    assert [c for c in local.calls if c[0] == "findings"] == [("findings", ["f-1"])]


def test_a_finding_without_a_registration_event_starts_as_registered():
    assert events([ev("e1", wf.ORDER_ISSUED, "2026-03-02", deadline="2026-03-31")]) == (["e1"], {})


# -- campaigns (专项整治, published by the district) ---------------------------------------------------------------
def campaign(rid: str = "c-1", **fields) -> dict:
    return rec(rid, DISTRICT, **{"name": "2026年燃气安全专项整治", "starts_on": "2026-04-01",
                                 "ends_on": "2026-06-30", "criteria": None, **fields})


def test_a_campaign_comes_from_the_district_with_dates_and_criteria_as_written():
    accepted("campaigns", campaign(), sender=DISTRICT, role="district")
    accepted("campaigns", campaign(starts_on=None, ends_on=None), sender=DISTRICT, role="district")
    full = {"towns": ["长寿路街道"], "industries": ["餐饮"], "risk_levels": ["红"], "site_ids": ["x" * 200] * 10_000}
    accepted("campaigns", campaign(criteria=json.dumps(full, ensure_ascii=False)), sender=DISTRICT,
             role="district")
    assert refused("campaigns", rec("c-2", ME, name="街镇自拟专项")) == DISTRICT_ONLY


@pytest.mark.parametrize(("change", "reason"), [
    ({"starts_on": "2026-13-01"}, "专项行动的日期“2026-13-01”无效"),
    ({"ends_on": "六月底"}, "专项行动的日期“六月底”无效"),
    ({"ends_on": "2026年4月1日至2026年6月30日前完成"}, "专项行动的日期“2026年4月1日至2026年6月30日”无效"),  # cut at 20
    ({"criteria": "{"}, "专项行动的目标条件无法读取"),
    ({"criteria": "[]"}, "专项行动的目标条件格式不对"),
    ({"criteria": '{"owners": []}'}, "专项行动的目标条件格式不对"),
    ({"criteria": '{"towns": "长寿路街道"}'}, "专项行动的目标条件格式不对"),
    ({"criteria": json.dumps({"towns": ["甲"] * 10_001})}, "专项行动的目标条件格式不对"),
    ({"criteria": '{"towns": [1]}'}, "专项行动的目标条件格式不对"),
    ({"criteria": json.dumps({"towns": ["x" * 201]})}, "专项行动的目标条件格式不对"),
])
def test_a_campaign_with_bad_dates_or_criteria_is_refused(change, reason):
    got = refused("campaigns", campaign(**change), sender=DISTRICT, role="district")
    assert got == reason if "无法读取" not in reason else got.startswith(reason + "（")


def test_a_campaign_id_derived_from_a_name_must_be_that_name_s():
    derived = stable_id("campaign", "2026年燃气安全专项整治")
    accepted("campaigns", campaign(derived), sender=DISTRICT, role="district")
    other = stable_id("campaign", "别的专项")
    assert refused("campaigns", campaign(other), sender=DISTRICT, role="district") == \
        "编号由内容派生，但与记录内容不符（不能预先占用别人的编号）"


# -- versions read in one pass ---------------------------------------------------------------------------------
def plain(meta: Any, columns: set[str] = frozenset({"name"}), sender: str = ME) -> bool:
    ctx = Context(Sender(sender, "town"), Local(), TODAY, NOW_MS, SKEW)
    text = meta if isinstance(meta, str) else json.dumps(meta, ensure_ascii=False, sort_keys=True)
    return PLAIN(ctx, text, set(columns))


def test_the_program_s_own_versions_are_read_in_one_pass_up_to_the_edges():
    assert plain(PLAIN_TEXT)
    assert plain({"name": {"vv": {ME: 3}, "t": T}, "deleted_at": {"vv": {ME: 1}, "t": T}})
    assert plain({}) and plain({"name": {"vv": {ME: 0}, "t": T}}) and plain({"name": {"vv": {ME: 10**15 - 1}, "t": T}})
    assert plain({"name": {"vv": {ME: 1}, "t": f"{NOW_MS + SKEW:013d}-00000-a"}})
    assert plain({"name": {"vv": {ME: 1}, "t": f"{NOW_MS:013d}-99999-" + "a" * 20}})
    assert plain({"grid_2": {"vv": {ME: 1}, "t": T}}, {"grid_2"})


PLAIN_TEXT = json.dumps({"name": {"vv": {ME: 1}, "t": T}}, sort_keys=True)


@pytest.mark.parametrize("meta", [
    {"name": {"vv": {OTHER: 1}, "t": T}}, {"name": {"vv": {ME: 1, OTHER: 1}, "t": T}},
    {"name": {"vv": {ME: MAX_COUNTER + 1}, "t": T}}, {"name": {"vv": {ME: -1}, "t": T}},
    {"name": {"vv": {ME: True}, "t": T}}, {"name": {"vv": {ME: 1.0}, "t": T}},
    {"name": {"vv": {ME: 1}, "t": T, "others": [{"v": 1, "vv": {OTHER: 1}, "t": T}]}},
    {"colour": {"vv": {ME: 1}, "t": T}}, {"device_id": {"vv": {ME: 1}, "t": T}}, {"id": {"vv": {ME: 1}, "t": T}},
    {"created_at": {"vv": {ME: 1}, "t": T}}, {"updated_at": {"vv": {ME: 1}, "t": T}},
    {"sync_meta": {"vv": {ME: 1}, "t": T}},
    {"name": {"vv": {ME: 1}, "t": f"{NOW_MS + SKEW + 1:013d}-00000-a"}},
    {"name": {"vv": {ME: 1}, "t": f"{NOW_MS:013d}-00000-" + "a" * 21}},
    {"name": {"vv": {ME: 1}, "t": f"{NOW_MS:013d}-0000-a"}}, {"name": {"vv": {ME: 1}, "t": f"{NOW_MS // 10}-00000-a"}},
    PLAIN_TEXT.replace(": 1}", ": 01}"), PLAIN_TEXT + " ", PLAIN_TEXT + ",",  # not the program's JSON
    '[]', '"x"',
])
def test_anything_else_is_left_to_the_full_checks(meta):
    assert not plain(meta)


def test_the_one_pass_check_takes_only_text_and_only_the_sender_s_counts():
    ctx = Context(Sender(ME, "town"), Local(), TODAY, NOW_MS, SKEW)
    assert not PLAIN(ctx, {"name": {"vv": {ME: 1}, "t": T}}, {"name"})
    assert plain({"name": {"vv": {OTHER: 1}, "t": T}}, sender=OTHER)
    assert not plain({"name": {"vv": {ME: 1}, "t": T}}, sender="town-.")


def test_versions_equal_to_the_ones_held_here_claim_nothing_new():
    future = f"{NOW_MS + SKEW + 1:013d}-00000-{ME}"  # held since before this clock was set back
    held = rec("s1", meta={"name": {"vv": {ME: 2, OTHER: 1}, "t": future}}, name="甲")
    local = Local({"sites": [held]})
    accepted("sites", rec("s1", meta=held["sync_meta"], name="甲"), local)
    assert refused("sites", rec("s1", meta={"name": {"vv": {ME: 3, OTHER: 1}, "t": future}}, name="甲"), local) == \
        "字段“name”的时间戳晚于本机时钟允许的范围（发送方时钟过快或被篡改）"
    assert refused("sites", rec("s1", meta=held["sync_meta"], name="甲")) == \
        "字段“name”的版本向量替其他设备增加了计数（发送方只能增加自己的计数）"  # new here: checked in full


def test_versions_read_in_one_pass_are_not_parsed_and_the_others_are(monkeypatch):
    monkeypatch.setattr(authorizing, "_plain", PLAIN)
    parsed: list[str] = []
    parse = authorizing.strictjson.loads
    monkeypatch.setattr(authorizing.strictjson, "loads", lambda text: parsed.append(text) or parse(text))
    accepted("sites", rec("s1", meta={"name": {"vv": {ME: 1}, "t": T}}, name="甲"))
    assert parsed == []
    row = rec("s1", meta={"name": {"vv": {OTHER: 1}, "t": T}}, name="甲")
    assert refused("sites", row) == "字段“name”的版本向量替其他设备增加了计数（发送方只能增加自己的计数）"
    assert parsed == [row["sync_meta"]]
