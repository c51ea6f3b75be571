"""The merge stage without a database: what a package's accepted rows become (new, changed, unchanged,
conflicts, the counts the import report shows), the finding columns derived from all events, and — as a
property over random histories — what a merge of several devices' versions must keep.

The property test models what a person expects of one record edited on several laptops that pass it around:
an edit made after seeing another supersedes it; edits made without seeing each other are all kept, as one
conflict, the latest displayed; a deletion is never undone, the earliest one kept; and every device ends the
same whatever the order of the exchanges."""

from __future__ import annotations

import itertools
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from inspector import workflow as wf
from inspector.sync import merge
from inspector.sync.versions import local_edit, merge_records

NOW = "2026-03-09T08:00:00.000000Z"


def site(rid: str, device: str = "town", meta: dict | None = None, **fields) -> dict:
    row = {"id": rid, "created_at": "2026-03-01T00:00:00.000000Z", "updated_at": "2026-03-01T00:00:00.000000Z",
           "device_id": device, "deleted_at": None, "name": "单位", **fields}
    row["sync_meta"] = json.dumps(meta) if meta else None
    return row


def v1(*fields: str, device: str = "town", n: int = 1, t: str = "T1") -> dict:
    return {f: {"vv": {device: n}, "t": t} for f in fields}


def event(eid: str, finding: str, kind: str, on: str, created: str = "2026-03-01T00:00:00Z", **data) -> dict:
    return {"id": eid, "finding_id": finding, "kind": kind, "on_date": on, "created_at": created,
            "device_id": "town", "data": json.dumps(data) if data else None}


# -- the plan a batch of accepted rows gives ---------------------------------------------------------------------
def test_each_row_is_new_changed_unchanged_or_a_conflict_and_the_counts_say_so():
    local = {"sites": {
        "s-old": site("s-old", meta=v1("name", "address"), address="旧址"),
        "s-same": site("s-same", meta=v1("name", "address"), address="同址"),
        "s-mine": site("s-mine", meta={**v1("name"), **v1("address", device="district", t="T3")}, address="区改"),
        "s-newer": site("s-newer", meta={**v1("name"), **v1("address", n=3, t="T3")}, address="新址"),
    }}
    accepted = {"sites": [
        site("s-new", meta=v1("name", "address"), address="新址"),
        site("s-old", meta={**v1("name"), **v1("address", n=2, t="T2")}, address="新址"),
        site("s-same", meta=v1("name", "address"), address="同址"),
        site("s-mine", meta={**v1("name"), **v1("address", n=2, t="T2")}, address="镇改"),
        site("s-newer", meta={**v1("name"), **v1("address", n=2, t="T2")}, address="旧址"),  # seen already
    ], "inspectors": [site("i-1", meta=v1("name"))]}
    out = merge.plan(accepted, local, {}, set(), NOW)
    assert out.counts == {"sites": {"new": 1, "changed": 2, "conflicts": 1, "unchanged": 2, "refused": 0},
                          "inspectors": {"new": 1, "changed": 0, "conflicts": 0, "unchanged": 0, "refused": 0}}
    assert [r["id"] for r in out.new["sites"]] == ["s-new"] and [r["id"] for r in out.new["inspectors"]] == ["i-1"]
    changed = {r["id"]: r for r in out.changed["sites"]}
    assert set(changed) == {"s-old", "s-mine"}
    assert changed["s-old"]["address"] == "新址" and changed["s-mine"]["address"] == "区改"  # the latest shown
    assert all(r["updated_at"] == NOW for r in [*out.new["sites"], *changed.values()])
    assert out.events == [] and out.derived == {}


def test_a_new_row_carrying_a_conflict_counts_as_one():
    meta = {"name": {"vv": {"town": 2}, "t": "T2", "others": [{"v": "别名", "vv": {"d": 1}, "t": "T1"}]}}
    out = merge.plan({"sites": [site("s", meta=meta)]}, {}, {}, set(), NOW)
    assert out.counts["sites"]["new"] == 1 and out.counts["sites"]["conflicts"] == 1


def test_built_in_records_are_taken_when_missing_and_never_changed():
    mine = site("tpl", meta=v1("name"), name="内置")
    incoming = site("tpl", meta=v1("name", device="x", n=9), name="改过")
    out = merge.plan({"checklists": [incoming, site("tpl-2", meta=v1("name"), deleted_at="2026-01-01")]},
                     {"checklists": {"tpl": mine}}, {}, {"tpl", "tpl-2"}, NOW)
    assert out.counts["checklists"] == {"new": 1, "changed": 0, "conflicts": 0, "unchanged": 1, "refused": 0}
    (new,) = out.new["checklists"]
    assert new["id"] == "tpl-2" and new["deleted_at"] is None and new["sync_meta"] is None
    assert "checklists" not in out.changed


def test_a_finding_s_status_comes_from_its_events_never_from_the_package():
    forged = {"status": wf.CLOSED, "current_deadline": "2099-01-01", "closed_on": "2026-03-02"}
    mine = site("f1", meta=v1("name", "description"), description="旧描述", status=wf.ORDERED,
                current_deadline="2026-03-31", closed_on=None)
    incoming = site("f1", meta={**v1("name"), **v1("description", n=2, t="T2")}, description="新描述", **forged)
    history = [event("e1", "f1", wf.CREATED, "2026-03-01", deadline="2026-03-31"),
               event("e2", "f1", wf.ORDER_ISSUED, "2026-03-02", deadline="2026-03-31")]
    out = merge.plan({"findings": [incoming]}, {"findings": {"f1": mine}}, {"f1": history}, set(), NOW)
    (changed,) = out.changed["findings"]
    assert changed["description"] == "新描述"
    assert (changed["status"], changed["current_deadline"], changed["closed_on"]) == (wf.ORDERED, "2026-03-31", None)
    assert "status" not in json.loads(changed["sync_meta"])
    new = site("f2", meta=v1("name"), **forged)
    out = merge.plan({"findings": [new], "finding_events": [event("e3", "f2", wf.CREATED, "2026-03-01")]},
                     {}, {}, set(), NOW)
    assert out.derived == {"f2": {"status": wf.REGISTERED, "current_deadline": None, "closed_on": None}}
    out = merge.plan({"findings": [new]}, {}, {}, set(), NOW)  # a finding whose events come in a later batch
    assert out.derived == {} and out.provisional == ["f2"]  # written as stated, settled by the events or their lack
    plain = site("f3", meta=v1("name"), status=wf.REGISTERED, current_deadline=None, closed_on=None)
    assert merge.plan({"findings": [plain]}, {}, {}, set(), NOW).provisional == []  # as no events leave it


def test_derived_columns_are_written_only_where_they_differ_from_those_held():
    """A finding written with the columns its package stated is not written again when its events agree."""
    stated = {"status": wf.ORDERED, "current_deadline": "2026-03-25", "closed_on": None}
    held = {"f1": site("f1", **stated), "f2": site("f2", **{**stated, "status": wf.CLOSED})}
    incoming = [event("e1", "f1", wf.CREATED, "2026-03-01", deadline="2026-03-31"),
                event("e2", "f1", wf.ORDER_ISSUED, "2026-03-02", deadline="2026-03-25"),
                event("e3", "f2", wf.CREATED, "2026-03-01", deadline="2026-03-31"),
                event("e4", "f2", wf.ORDER_ISSUED, "2026-03-02", deadline="2026-03-25")]
    out = merge.plan({"finding_events": incoming}, {"findings": held}, {}, set(), NOW)
    assert out.derived == {"f2": stated}  # f1 holds what its events derive already
    folded = {"f1": {**stated, "current_deadline": "2026-03-31"}, "f2": {**stated, "status": wf.CLOSED}}
    out = merge.plan({"finding_events": incoming}, {"findings": held}, {}, set(), NOW, states=folded)
    assert out.derived == {"f1": folded["f1"]}  # the replay's columns are compared the same way


def test_columns_already_folded_by_the_replay_are_taken_as_they_are():
    history = [event("e1", "f1", wf.CREATED, "2026-03-01", deadline="2026-03-31")]
    folded = {"status": wf.RECTIFYING, "current_deadline": "2026-03-25", "closed_on": None}  # not re-folded
    incoming = [event("e2", "f1", wf.ORDER_ISSUED, "2026-03-02", deadline="2026-03-25"),
                event("e4", "f9", wf.CREATED, "2026-03-05", deadline="2026-04-05")]
    out = merge.plan({"finding_events": incoming}, {}, {"f1": history}, set(), NOW, states={"f1": folded})
    assert out.derived == {"f1": folded,  # as handed in
                           "f9": {"status": wf.REGISTERED, "current_deadline": "2026-04-05", "closed_on": None}}


def test_the_counts_add_up_over_many_rows():
    conflict = {"name": {"vv": {"town": 2}, "t": "T2", "others": [{"v": "别名", "vv": {"d": 1}, "t": "T1"}]}}
    same = {f"s{k}": site(f"s{k}", meta=v1("name")) for k in range(2)}
    accepted = [*same.values(), *(site(f"n{k}", meta=conflict) for k in range(3)), site("b1"), site("b2")]
    out = merge.plan({"sites": accepted}, {"sites": {**same, "b1": site("b1"), "b2": site("b2")}}, {},
                     {"b1", "b2"}, NOW)
    assert out.counts["sites"] == {"new": 3, "changed": 0, "conflicts": 3, "unchanged": 4, "refused": 0}


def test_incoming_events_join_the_local_ones_in_causal_order():
    history = [event("e1", "f1", wf.CREATED, "2026-03-01", deadline="2026-03-31")]
    incoming = [  # listed out of order: the recheck first, then the order it follows
        event("e3", "f1", wf.RECHECK, "2026-03-20", passed=False, inspectors=["a", "b"], deadline="2026-04-30"),
        event("e2", "f1", wf.ORDER_ISSUED, "2026-03-02", deadline="2026-03-25"),
        event("x", "f1", "listed_supervision", "2026-03-21", note="挂牌督办"),  # a district kind moves nothing
        event("e4", "f9", wf.CREATED, "2026-03-05", deadline="2026-04-05"),
    ]
    out = merge.plan({"finding_events": incoming}, {}, {"f1": history, "f0": history}, set(), NOW)
    assert out.events == incoming and out.new == {} and out.changed == {} and out.counts == {}
    assert out.derived == {"f1": {"status": wf.RECHECK_FAILED, "current_deadline": "2026-04-30", "closed_on": None},
                           "f9": {"status": wf.REGISTERED, "current_deadline": "2026-04-05", "closed_on": None}}


def test_events_of_one_day_keep_the_registration_first_then_the_order_written():
    same_day = [event("b", "f", wf.ORDER_ISSUED, "2026-03-01", created="2026-03-01T09:00:00Z", deadline="2026-03-09"),
                event("c", "f", wf.EXTENSION, "2026-03-01", created="2026-03-01T10:00:00Z", reason="等",
                      deadline="2026-03-20"),
                event("a", "f", wf.CREATED, "2026-03-01", created="2026-03-01T11:00:00Z", deadline="2026-03-05")]
    assert merge.state_columns(same_day) == {"status": wf.EXTENDED, "current_deadline": "2026-03-20",
                                             "closed_on": None}
    assert merge.state_columns(list(reversed(same_day))) == merge.state_columns(same_day)
    closed = [event("a", "f", wf.CREATED, "2026-03-01", deadline="2026-03-05"),
              event("b", "f", wf.ORDER_ISSUED, "2026-03-01"),
              event("c", "f", wf.RECHECK, "2026-03-04", passed=True, inspectors=["x", "y"]),
              event("d", "f", wf.CLOSE, "2026-03-06")]
    assert merge.state_columns(closed) == {"status": wf.CLOSED, "current_deadline": "2026-03-05",
                                           "closed_on": "2026-03-06"}


# -- the property: random histories of one record on several laptops --------------------------------------------
DEVICES = ("town", "district", "spare")
FIELDS = ("address", "grid")

action = st.one_of(
    st.tuples(st.just("edit"), st.integers(0, 2), st.sampled_from(FIELDS)),
    st.tuples(st.just("delete"), st.integers(0, 2)),
    st.tuples(st.just("send"), st.integers(0, 2), st.integers(0, 2)),
)


class Laptop:
    def __init__(self, device: str) -> None:
        self.device, self.row, self.seen = device, None, set()


@settings(max_examples=150, deadline=None)
@given(actions=st.lists(action, max_size=25), final=st.permutations(list(itertools.permutations(range(3), 2))))
def test_merging_keeps_what_a_person_expects_in_any_order(actions, final):
    clock = itertools.count(1)
    laptops = [Laptop(d) for d in DEVICES]
    edits: dict[str, dict] = {}  # value → the edit (field, what it had seen, its time)
    deletions: list[str] = []

    def stamp() -> str:
        return f"{next(clock):013d}-00000-x"

    def write(lap: Laptop, field: str, value: str, meta_before: dict | None) -> None:
        t = stamp()
        meta = json.loads(lap.row["sync_meta"])
        meta[field] = local_edit(meta_before, {}, lap.device, t)
        edits[value] = {"field": field, "seen": set(lap.seen), "t": t}
        lap.seen.add(value)
        lap.row = {**lap.row, field: value, "sync_meta": json.dumps(meta)}

    first = laptops[0]
    first.row = {"id": "r", "created_at": "C", "updated_at": "U", "device_id": "town", "deleted_at": None,
                 "address": None, "grid": None, "sync_meta": json.dumps({})}
    for f in FIELDS:
        write(first, f, f"{f}-0", None)
    for n, act in enumerate(actions, 1):
        lap = laptops[act[1]]
        if act[0] == "send":
            _send(lap, laptops[act[2]])
        elif lap.row is None:
            continue
        elif act[0] == "delete":
            when = stamp()
            deletions.append(when)
            lap.row = {**lap.row, "deleted_at": min(filter(None, (lap.row["deleted_at"], when)))}
        else:  # an edit, as the Store makes it: it saw every version this laptop holds (a conflict's resolution)
            write(lap, act[2], f"{act[2]}-{n}", json.loads(lap.row["sync_meta"]).get(act[2]))
    for _ in range(2):
        for src, dst in final:
            _send(laptops[src], laptops[dst])
    rows = [lap.row for lap in laptops]
    assert all(r == rows[0] for r in rows), "every laptop ends the same"
    row, meta = rows[0], json.loads(rows[0]["sync_meta"])
    assert row["deleted_at"] == (min(deletions) if deletions else None)
    for f in FIELDS:
        mine = {value: e for value, e in edits.items() if e["field"] == f}
        alive = {value for value in mine if not any(value in e["seen"] for e in mine.values())}
        heads = [row[f], *(h["v"] for h in meta[f].get("others", []))]
        assert set(heads) == alive and len(heads) == len(alive)
        assert row[f] == max(alive, key=lambda value: mine[value]["t"])  # the latest one is displayed
        again, changed, conflict = merge_records(row, dict(row))
        assert not changed and conflict == any(len(_heads(again, g)) > 1 for g in FIELDS)


def _send(src: Laptop, dst: Laptop) -> None:
    if src.row is not None and dst is not src:
        dst.row = merge_records(dst.row, src.row)[0]
        dst.seen |= src.seen


def _heads(row: dict, field: str) -> list:
    meta = json.loads(row["sync_meta"])
    return [row[field], *(h["v"] for h in meta[field].get("others", []))]
