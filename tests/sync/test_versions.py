"""The versions that merge records between devices, without a database: the hybrid logical clock (with a fake
wall clock), version vectors, and the multi-value register one field keeps.

Every wall-clock time here is handed in; nothing depends on the time the tests run."""

from __future__ import annotations

import json
import time

from inspector.sync import versions as v
from inspector.sync.versions import Clock


class Wall:
    """A wall clock the test sets by hand (ms)."""

    def __init__(self, ms: int) -> None:
        self.ms = ms

    def __call__(self) -> int:
        return self.ms


def stamp(ms: int, counter: int = 0, device: str = "dev") -> str:
    return f"{ms:013d}-{counter:05d}-{device}"


# -- the hybrid logical clock ---------------------------------------------------------------------------------
def test_the_clock_stamps_wall_time_a_counter_and_the_device():
    wall = Wall(1_700_000_000_000)
    clock = Clock("abcdef0123456789", wall)
    assert clock.now() == "1700000000000-00000-abcdef01"  # the device id cut to 8 characters
    wall.ms += 5
    assert clock.now() == "1700000000005-00000-abcdef01"


def test_within_one_millisecond_and_when_the_wall_clock_goes_back_the_counter_keeps_order():
    wall = Wall(2_000)
    clock = Clock("d", wall)
    stamps = [clock.now(), clock.now()]
    wall.ms = 1_000  # the laptop's clock is set back
    stamps += [clock.now(), clock.now()]
    assert stamps == [stamp(2_000, 0, "d"), stamp(2_000, 1, "d"), stamp(2_000, 2, "d"), stamp(2_000, 3, "d")]
    wall.ms = 2_001
    assert clock.now() == stamp(2_001, 0, "d")  # a new millisecond starts the counter again


def test_observing_a_later_time_moves_a_lagging_clock_past_it():
    clock = Clock("lag", Wall(1_000))
    clock.observe(stamp(9_000, 7, "other"))
    assert clock.now() == stamp(9_000, 8, "lag")
    clock.observe(stamp(9_000, 20, "other"))  # the same millisecond, a later counter
    assert clock.now() == stamp(9_000, 21, "lag")


def test_observing_an_earlier_or_equal_time_changes_nothing():
    clock = Clock("me", Wall(5_000))
    assert clock.now() == stamp(5_000, 0, "me")
    clock.observe(stamp(4_000, 99, "other"))
    clock.observe(stamp(5_000, 0, "other"))
    assert clock.now() == stamp(5_000, 1, "me")


def test_the_clock_reads_this_computer_s_time_unless_given_another():
    before = int(time.time() * 1000)
    now = Clock("me").now()
    after = int(time.time() * 1000)
    assert before <= int(now[:13]) <= after
    assert before <= v.wall_ms() <= after + 1000


# -- version vectors ------------------------------------------------------------------------------------------
def test_a_version_dominates_only_what_it_has_seen_all_of():
    assert v.dominates({"a": 2}, {"a": 1})
    assert v.dominates({"a": 1, "b": 1}, {"a": 1})  # equal for a, more for b: seen everything
    assert v.dominates({"a": 1}, {})
    assert not v.dominates({"a": 1}, {"a": 1})  # equal is not dominating
    assert not v.dominates({"a": 2}, {"a": 1, "b": 1}) and not v.dominates({"a": 1, "b": 1}, {"a": 2})  # concurrent
    assert not v.dominates({"b": 5}, {"a": 1})


def test_vv_max_is_the_pointwise_maximum():
    assert v.vv_max({"a": 1, "b": 3}, {"a": 2}, {"c": 1}) == {"a": 2, "b": 3, "c": 1}
    assert v.vv_max() == {}


# -- the versions of one field --------------------------------------------------------------------------------
def head(value, vv, t):
    return {"v": value, "vv": vv, "t": t}


def test_heads_of_a_field_are_its_displayed_version_then_the_concurrent_ones():
    assert v.heads_of("x", None, {"d": 1}, "T0") == [head("x", {"d": 1}, "T0")]
    assert v.heads_of("x", {}, {"d": 1}, "T0") == [head("x", {"d": 1}, "T0")]
    meta = {"vv": {"a": 2}, "t": "T2", "others": [head("y", {"b": 1}, "T1")]}
    assert v.heads_of("x", meta, {"d": 1}, "T0") == [head("x", {"a": 2}, "T2"), head("y", {"b": 1}, "T1")]


def test_a_version_that_saw_another_supersedes_it():
    assert v.merge_heads([head("旧", {"a": 1}, "T1"), head("新", {"a": 2}, "T2")]) == [head("新", {"a": 2}, "T2")]
    # superseded even when its own time is earlier (a laptop with a slow clock edited after seeing it)
    assert v.merge_heads([head("旧", {"a": 1}, "T9"), head("新", {"a": 1, "b": 1}, "T1")]) == \
        [head("新", {"a": 1, "b": 1}, "T1")]


def test_concurrent_versions_are_kept_the_latest_first():
    early, late = head("红", {"a": 2}, "T1"), head("蓝", {"a": 1, "b": 1}, "T2")
    assert v.merge_heads([early, late]) == [late, early]
    assert v.merge_heads([late, early]) == [late, early]
    # the same time: the greater value first, whatever the order they came in
    x, y = head("x", {"a": 1}, "T1"), head("y", {"b": 1}, "T1")
    assert v.merge_heads([x, y]) == v.merge_heads([y, x]) == [y, x]


def test_the_same_version_twice_is_one():
    h = head("甲", {"a": 1}, "T1")
    assert v.merge_heads([h, dict(h), dict(h)]) == [h]


def test_concurrent_versions_with_the_same_value_are_one_version_that_saw_both():
    merged = v.merge_heads([head("同", {"a": 1}, "T1"), head("同", {"b": 1}, "T3"), head("异", {"c": 1}, "T2")])
    assert merged == [head("同", {"a": 1, "b": 1}, "T3"), head("异", {"c": 1}, "T2")]
    merged = v.merge_heads([head("同", {"b": 1}, "T3"), head("同", {"a": 1}, "T1")])
    assert merged == [head("同", {"a": 1, "b": 1}, "T3")]


def test_the_field_s_meta_holds_the_others_only_when_there_are_some():
    assert v.meta_from_heads([head("x", {"a": 1}, "T1")]) == {"vv": {"a": 1}, "t": "T1"}
    assert v.meta_from_heads([head("x", {"a": 1}, "T2"), head("y", {"b": 1}, "T1")]) == \
        {"vv": {"a": 1}, "t": "T2", "others": [head("y", {"b": 1}, "T1")]}


def test_a_local_edit_supersedes_every_version_it_replaces():
    assert v.local_edit(None, {"d": 1}, "me", "T5") == {"vv": {"d": 1, "me": 1}, "t": "T5"}
    assert v.local_edit({"vv": {"me": 3}, "t": "T1"}, {"d": 1}, "me", "T5") == {"vv": {"me": 4}, "t": "T5"}
    conflict = {"vv": {"a": 2}, "t": "T2", "others": [head("y", {"b": 1}, "T1"), head("z", {"c": 4}, "T0")]}
    resolved = v.local_edit(conflict, {}, "me", "T5")  # a person chose a value: it saw every version
    assert resolved == {"vv": {"a": 2, "b": 1, "c": 4, "me": 1}, "t": "T5"}
    assert all(v.dominates(resolved["vv"], h["vv"]) for h in v.heads_of("x", conflict, {}, "T0"))


# -- records ----------------------------------------------------------------------------------------------------
def record(device="town", updated="2026-03-01T00:00:00.000000Z", meta=None, deleted=None, **fields):
    row = {"id": "site-1", "created_at": "2026-03-01T00:00:00.000000Z", "updated_at": updated,
           "device_id": device, "deleted_at": deleted, **fields}
    row["sync_meta"] = json.dumps(meta) if meta is not None else None
    return row


def versioned(**heads):
    """sync_meta for fields given as (value, vv, t) or a list of those (the first displayed)."""
    meta, values = {}, {}
    for name, h in heads.items():
        hs = h if isinstance(h, list) else [h]
        values[name] = hs[0][0]
        meta[name] = v.meta_from_heads([head(*x) for x in hs])
    return values, meta


def test_a_record_new_here_is_taken_as_it_comes_with_its_conflicts():
    values, meta = versioned(address=("甲", {"town": 1}, "T1"))
    row = record(meta=meta, **values)
    assert v.merge_records(None, row) == (row, True, False)
    values, meta = versioned(address=[("甲", {"town": 1}, "T2"), ("乙", {"d": 1}, "T1")])
    assert v.merge_records(None, record(meta=meta, **values))[1:] == (True, True)
    assert v.merge_records(None, {**record(**values), "sync_meta": meta})[2]  # meta as an object, not text
    assert v.merge_records(None, record(address="甲"))[2] is False  # no versions at all


def test_a_later_edit_supersedes_and_an_older_one_changes_nothing():
    old_values, old_meta = versioned(address=("武宁路1号", {"town": 1}, "T1"), grid=("网格01", {"town": 1}, "T1"))
    new_values, new_meta = versioned(address=("曹杨路2号", {"town": 2}, "T2"), grid=("网格01", {"town": 1}, "T1"))
    old, new = record(meta=old_meta, **old_values), record(meta=new_meta, updated="T2", **new_values)
    merged, changed, conflict = v.merge_records(old, new)
    assert (merged["address"], merged["grid"], changed, conflict) == ("曹杨路2号", "网格01", True, False)
    assert json.loads(merged["sync_meta"])["address"] == {"vv": {"town": 2}, "t": "T2"}
    assert merged["updated_at"] == old["updated_at"] and merged["id"] == "site-1"  # bookkeeping stays local
    again, changed, conflict = v.merge_records(new, old)
    assert (again["address"], changed, conflict) == ("曹杨路2号", False, False)
    assert v.merge_records(new, new)[1:] == (False, False)


def test_concurrent_edits_of_one_field_are_one_conflict_holding_both_values():
    base = {"grid": ("网格01", {"town": 1}, "T1")}
    _, here_meta = versioned(**base, address=("区里改的地址", {"town": 1, "district": 1}, "T3"))
    _, there_meta = versioned(**base, address=("街镇改的地址", {"town": 2}, "T2"))
    here = record(meta=here_meta, address="区里改的地址", grid="网格01")
    there = record(meta=there_meta, address="街镇改的地址", grid="网格01")
    for a, b in ((here, there), (there, here)):
        merged, changed, conflict = v.merge_records(a, b)
        meta = json.loads(merged["sync_meta"])
        assert changed and conflict and merged["address"] == "区里改的地址"  # the latest is displayed
        assert [h["v"] for h in meta["address"]["others"]] == ["街镇改的地址"]
        assert "others" not in meta["grid"] and merged["grid"] == "网格01"


def test_a_conflict_survives_a_later_merge_of_other_fields_and_a_resolution_ends_it():
    values, meta = versioned(address=[("乙", {"d": 1}, "T3"), ("甲", {"town": 2}, "T2")],
                             grid=("网格01", {"town": 1}, "T1"))
    local = record(meta=meta, **values)
    later_values, later_meta = versioned(address=("甲", {"town": 2}, "T2"), grid=("网格02", {"town": 2}, "T4"))
    merged, changed, conflict = v.merge_records(local, record(meta=later_meta, **later_values))
    assert changed and conflict and merged["grid"] == "网格02"
    assert [h["v"] for h in json.loads(merged["sync_meta"])["address"]["others"]] == ["甲"]
    resolved = dict(meta, address=v.local_edit(meta["address"], {}, "town", "T5"))
    merged, changed, conflict = v.merge_records(local, record(meta=resolved, address="丙", grid="网格01"))
    assert (merged["address"], changed, conflict) == ("丙", True, False)


def test_a_deletion_is_never_undone_and_the_earliest_deletion_wins():
    values, meta = versioned(address=("甲", {"town": 1}, "T1"))
    alive = record(meta=meta, **values)
    gone = record(meta=meta, deleted="2026-03-05T00:00:00Z", **values)
    later_values, later_meta = versioned(address=("乙", {"town": 2}, "T2"))
    edited = record(meta=later_meta, **later_values)
    assert v.merge_records(gone, edited)[0]["deleted_at"] == "2026-03-05T00:00:00Z"
    merged, changed, _ = v.merge_records(alive, gone)
    assert merged["deleted_at"] == "2026-03-05T00:00:00Z" and changed
    earlier = record(meta=meta, deleted="2026-03-02T00:00:00Z", **values)
    assert v.merge_records(gone, earlier)[0]["deleted_at"] == "2026-03-02T00:00:00Z"
    assert v.merge_records(earlier, gone)[0]["deleted_at"] == "2026-03-02T00:00:00Z"
    assert v.merge_records(alive, edited)[0]["deleted_at"] is None


def test_rows_without_versions_count_as_written_once_by_their_device():
    bulk = record(device="town", address="甲")  # bulk-loaded: no sync_meta
    values, meta = versioned(address=("乙", {"town": 2}, "T2"))
    merged, changed, conflict = v.merge_records(bulk, record(meta=meta, **values))
    assert (merged["address"], changed, conflict) == ("乙", True, False)
    # the same bulk row on two laptops is one version, not a conflict
    assert v.merge_records(bulk, dict(bulk))[1:] == (False, False)
    # a field missing from a versioned row was never written: any version of it supersedes
    partial = record(meta=versioned(grid=("网格01", {"town": 1}, "T1"))[1], address="旧", grid="网格01")
    merged, _, conflict = v.merge_records(partial, record(meta=meta, grid="网格01", **values))
    assert merged["address"] == "乙" and not conflict


def test_a_merge_that_only_learns_versions_is_a_change():
    values, meta = versioned(address=("同", {"town": 1}, "T1"))
    _, wider = versioned(address=("同", {"d": 1}, "T2"))
    merged, changed, conflict = v.merge_records(record(meta=meta, **values), record(meta=wider, **values))
    assert changed and not conflict and merged["address"] == "同"
    assert json.loads(merged["sync_meta"])["address"] == {"vv": {"d": 1, "town": 1}, "t": "T2"}


def test_a_column_the_local_row_lacks_is_merged_in():
    values, meta = versioned(address=("甲", {"town": 1}, "T1"))
    newer_values, newer_meta = versioned(address=("甲", {"town": 1}, "T1"), grid=("网格09", {"town": 1}, "T2"))
    local = {k: x for k, x in record(meta=meta, **values).items()}
    merged, changed, _ = v.merge_records(local, record(meta=newer_meta, **newer_values))
    assert merged["grid"] == "网格09" and changed


def test_observing_reads_a_counter_of_five_digits():
    clock = Clock("me", Wall(1_000))
    clock.observe(stamp(9_000, 12_345, "other"))
    assert clock.now() == stamp(9_000, 12_346, "me")


def test_vv_max_keeps_the_greater_count_in_any_order_and_a_zero():
    assert v.vv_max({"a": 3}, {"a": 1}) == {"a": 3}
    assert v.vv_max({"a": 0}) == {"a": 0}


def test_equal_times_order_concurrent_values_by_their_text_not_its_escaped_form():
    # "红" sorts after "a" as text; escaped as \\u7ea2 it would sort before
    assert [h["v"] for h in v.merge_heads([head("a", {"x": 1}, "T1"), head("红", {"y": 1}, "T1")])] == ["红", "a"]


def test_values_that_are_objects_or_dates_merge_like_any_other():
    from datetime import date

    one = head({"k": 1, "j": 2}, {"a": 1}, "T1")
    same = head({"j": 2, "k": 1}, {"b": 1}, "T2")  # the same object, its keys in another order
    assert v.merge_heads([one, same]) == [head({"j": 2, "k": 1}, {"a": 1, "b": 1}, "T2")]
    day = head(date(2026, 3, 1), {"a": 1}, "T1")
    assert v.merge_heads([day, dict(day)]) == [day]
    local = record(meta={"due": {"vv": {"town": 1}, "t": "T1"}}, due=date(2026, 3, 1))
    merged, _, _ = v.merge_records(local, record(meta={"due": {"vv": {"town": 2}, "t": "T2"}}, due=date(2026, 4, 1)))
    assert merged["due"] == date(2026, 4, 1) and json.loads(merged["sync_meta"])["due"]["t"] == "T2"


def test_a_bulk_row_and_an_edit_that_never_saw_it_are_a_conflict_ordered_by_time():
    bulk = record(device="town", updated="2026-03-01T08:00:00.000000Z", address="甲")
    values, meta = versioned(address=("乙", {"other": 1}, "2026-03-02T08:00:00.000000Z"))
    merged, changed, conflict = v.merge_records(bulk, record(meta=meta, **values))
    assert (merged["address"], changed, conflict) == ("乙", True, True)
    others = json.loads(merged["sync_meta"])["address"]["others"]
    assert others == [head("甲", {"town": 1}, "2026-03-01T08:00:00.000000Z")]  # its time is the row's


def test_a_field_missing_from_versioned_rows_is_never_written_on_either_side():
    _, only_grid = versioned(grid=("网格01", {"town": 1}, "T1"))
    values, other = versioned(grid=("网格01", {"town": 1}, "T1"), address=("乙", {"other": 1}, "T2"))
    partial = record(meta=only_grid, address="旧", grid="网格01")
    full = record(meta=other, **values)
    for a, b in ((partial, full), (full, partial)):
        merged, _, conflict = v.merge_records(a, b)
        assert merged["address"] == "乙" and not conflict
    assert v.merge_records(partial, dict(partial))[1:] == (False, False)


def test_versions_given_as_objects_are_read_like_text():
    values, meta = versioned(address=("甲", {"town": 1}, "T1"))
    as_object = {**record(**values), "sync_meta": meta}
    newer_values, newer = versioned(address=("乙", {"town": 2}, "T2"))
    merged, changed, conflict = v.merge_records(as_object, {**record(**newer_values), "sync_meta": newer})
    assert (merged["address"], changed, conflict) == ("乙", True, False)


def test_a_conflict_between_dates_keeps_the_other_date_as_text():
    from datetime import date

    here = record(meta={"due": {"vv": {"district": 1}, "t": "T2"}}, due=date(2026, 4, 1))
    there = record(meta={"due": {"vv": {"town": 1}, "t": "T1"}}, due=date(2026, 3, 1))
    merged, _, conflict = v.merge_records(here, there)
    assert conflict and merged["due"] == date(2026, 4, 1)
    assert json.loads(merged["sync_meta"])["due"]["others"] == [head("2026-03-01", {"town": 1}, "T1")]


# -- telling an unchanged row without merging it ------------------------------------------------------------------
def test_a_row_held_here_version_for_version_is_unchanged_without_a_merge():
    values, meta = versioned(address=("甲", {"town": 1}, "T1"), name=("店", {"town": 2, "d": 1}, "T2"))
    held = record(updated="2026-03-05T00:00:00.000000Z", meta=meta, **values)  # written here by an import
    again = record(meta=meta, **values)
    assert v.same_version(held, again) and v.merge_records(held, again)[1:] == (False, False)
    assert v.same_version(record(meta={"name": {"vv": {}, "t": "T1"}}, name=None),
                          record(meta={"name": {"vv": {}, "t": "T1"}}, name=None))
    status = {**again, "status": "closed"}  # a column the merge leaves out (a finding's derived status)
    assert v.same_version({**held, "status": "open"}, status, ("status",))
    assert not v.same_version({**held, "status": "open"}, status)


def test_whatever_a_merge_could_change_is_merged():
    values, meta = versioned(address=("甲", {"town": 1}, "T1"))
    held = record(meta=meta, **values)
    assert not v.same_version(held, record(meta=meta, address="乙"))  # another value under the same version
    assert v.merge_records(held, record(meta=meta, address="乙"))[2]
    assert not v.same_version(held, {**held, "sync_meta": json.dumps(meta, indent=1)})  # the text differs
    assert not v.same_version(held, {**held, "deleted_at": "2026-03-02T00:00:00Z"})
    assert not v.same_version({**held, "grid": "g"}, held) and not v.same_version(held, {**held, "grid": "g"})
    later = record(updated="2026-03-05T00:00:00.000000Z")
    dominated = [head("乙", {"town": 0}, "T0")]  # a version the displayed one has seen: a merge drops it
    for meta_text in (None, "", json.dumps({"address": {"vv": {"town": 1}}}),
                      json.dumps({"address": {"vv": {"town": 1}, "t": ""}}),
                      json.dumps({"address": {"vv": {"town": 1}, "t": "T1", "others": dominated}})):
        # no versions, a field without one, a version without a time (the row's time stands in for them), or
        # versions not yet in their merged form
        a, b = {**later, "sync_meta": meta_text, "address": "甲"}, {**record(), "sync_meta": meta_text, "address": "甲"}
        assert not v.same_version(a, b) and v.merge_records(a, b)[1]
    assert not v.same_version({**held, "sync_meta": "[1]"}, {**held, "sync_meta": "[1]"})  # not versions at all
    unversioned = json.dumps({"grid": {"vv": {}, "t": "T1"}})  # address: never edited on either side
    a, b = {**later, "sync_meta": unversioned, "address": "甲"}, {**record(), "sync_meta": unversioned, "address": "甲"}
    assert not v.same_version(a, b) and not v.merge_records(a, b)[1]  # the same value: nothing to merge
    assert v.merge_records(a, {**b, "address": "乙"})[1]  # another value, unversioned: merged as before
