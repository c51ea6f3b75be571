"""Random edit histories on the towns, exchanged with the district in random orders, end in the same state
everywhere; a trusted but malicious town forging other towns' records changes nothing of theirs."""

from __future__ import annotations

import itertools
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inspector.errors import ImportFailed
from inspector.sync.versions import Clock
from tests.sync.conftest import device, star
from tests.sync.forge import forge, row

FIELDS = ("address", "risk_level", "grid", "contact_phone")
VALUES = {"address": ["武宁路1号", "曹杨路2号"], "risk_level": ["红", "橙", "黄", "蓝"],
          "grid": ["网格01", "网格02"], "contact_phone": ["13900000001", "13900000002"]}
FORGED = {"address": "伪造地址", "risk_level": "蓝", "grid": "伪造网格", "contact_phone": "10000000000"}

step = st.one_of(
    st.tuples(st.just("edit"), st.integers(0, 1), st.integers(0, 1), st.sampled_from(FIELDS), st.integers(0, 3)),
    st.tuples(st.just("delete"), st.integers(0, 1), st.integers(0, 1)),
    st.tuples(st.just("send"), st.integers(0, 1), st.booleans()),
    st.tuples(st.just("forge"), st.integers(0, 1), st.integers(0, 1), st.sampled_from(FIELDS)),
)


def state(services, sites) -> list:
    return [(r["id"], *(r[f] for f in ("name", *FIELDS)), r["deleted_at"] is not None, r["device_id"])
            for r in (row(services, "sites", s) for s in sites)]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(step, min_size=1, max_size=12), order=st.permutations([0, 1]))
def test_devices_converge_and_forgeries_never_land(tmp_path_factory, steps, order):
    folder = tmp_path_factory.mktemp("conv")
    names = ["长寿路街道", "万里街道"]
    towns = [device(folder / f"t{k}.db", names[k], "town", names[k]) for k in range(2)]
    district = device(folder / "d.db", "普陀区应急局", "district")
    rogue = device(folder / "m.db", "恶意街镇", "town", "恶意街镇")
    star([*towns, rogue], district)
    sites = [[t.add_site(name=f"{names[k]}单位{j}") for j in range(2)] for k, t in enumerate(towns)]
    counter = itertools.count()

    def send(k: int, up: bool) -> None:
        out = folder / f"p{next(counter)}.inspx"
        src, dst = (towns[k], district) if up else (district, towns[k])
        src.sync().export(names[k] if not up else "普陀区应急局", out, full=True)
        dst.sync().import_package(out)

    def attack(k: int, j: int, field: str) -> None:
        victim = row(district, "sites", sites[k][j]) if _has(district, sites[k][j]) else row(towns[k], "sites",
                                                                                               sites[k][j])
        fake = {**victim, field: FORGED[field], "updated_at": victim["updated_at"],
                "sync_meta": json.dumps({field: {"vv": {rogue.store.device_id: 999},
                                                 "t": Clock(rogue.store.device_id).now()}})}
        for forged_row in (fake, {**fake, "device_id": rogue.store.device_id}):
            out = folder / f"m{next(counter)}.inspx"
            forge(rogue, district, out, {"sites": [forged_row]}, seq=next(counter) + 1)
            try:
                district.sync().import_package(out)
            except ImportFailed:
                continue
            raise AssertionError("a forged change of another town's site was accepted")

    for k in range(2):
        send(k, True)
    for action in steps:
        if action[0] == "edit":
            _, k, j, field, value = action
            towns[k].store.update("sites", sites[k][j], {field: VALUES[field][value % len(VALUES[field])]})
        elif action[0] == "delete":
            towns[action[1]].store.delete("sites", sites[action[1]][action[2]])
        elif action[0] == "send":
            send(action[1], action[2])
        else:
            attack(*action[1:])
    for k in order:
        send(k, True)
    for k in range(2):
        assert state(district, sites[k]) == state(towns[k], sites[k])
        assert all(r[0] and FORGED["address"] not in r for r in state(district, sites[k]))
    for s in (*towns, district, rogue):
        s.close()


def _has(services, site_id: str) -> bool:
    try:
        services.store.get("sites", site_id)
    except KeyError:
        return False
    return True


# -- what a person expects of the merge, not only that the devices agree ------------------------------------------
RECORDS = (("sites", 0), ("inspectors", 0))
EDITABLE = {"sites": ("address", "grid"), "inspectors": ("unit",)}

move = st.one_of(
    st.tuples(st.just("edit"), st.integers(0, 1), st.integers(0, 1)),
    st.tuples(st.just("delete"), st.integers(0, 1)),
    st.tuples(st.just("district_edit"), st.integers(0, 1), st.integers(0, 1)),
    st.tuples(st.just("district_delete"), st.integers(0, 1)),
    st.tuples(st.just("send"), st.booleans(), st.booleans()),
    st.tuples(st.just("down")),
)


class Model:
    """What the officer did, in order: the town's latest value of each field (with the step that wrote it),
    what the district had received of it, and the district's own local edits of the town's records."""

    def __init__(self) -> None:
        self.town: dict[tuple[int, str], tuple[str, int]] = {}
        self.seen: dict[tuple[int, str], int] = {}
        self.district: dict[tuple[int, str], tuple[str, int, int]] = {}  # value, step, town step it had seen
        self.deleted: set[int] = set()
        self.district_deleted: set[int] = set()  # deleted on the district's laptop only

    def heads(self, r: int, f: str) -> tuple[set[str], str]:
        """The versions the district must hold, and the one it displays (the latest written)."""
        value, step = self.town[r, f]
        if (r, f) not in self.district:
            return {value}, value
        mine, my_step, saw = self.district[r, f]
        if step <= saw:  # the district's edit saw the town's latest: it supersedes it
            return {mine}, mine
        return {mine, value}, (mine if my_step > step else value)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(moves=st.lists(move, max_size=14))
def test_merges_keep_the_latest_edit_every_conflict_and_every_deletion(tmp_path_factory, moves):
    import time

    from inspector.sync import package

    folder = tmp_path_factory.mktemp("rules")
    town = device(folder / "t.db", "长寿路街道", "town", "长寿路街道")
    district = device(folder / "d.db", "普陀区应急局", "district")
    star([town], district)
    tick = itertools.count(int(time.time() * 1000))  # one wall clock for both laptops: each stamp a later ms
    for s in (town, district):
        s.store.clock = Clock(s.store.device_id, wall=lambda: next(tick))
    model = Model()
    ids = [town.add_site(name="单位", address="address-0", grid="grid-0"),
           town.store.insert("inspectors", {"name": "张三", "certificate_no": "0001", "unit": "unit-0"})]
    for r, (table, _) in enumerate(RECORDS):
        for f in EDITABLE[table]:
            model.town[r, f] = (row(town, table, ids[r])[f], 0)
    counter = itertools.count()

    def send_up(full: bool, receipt: bool) -> None:
        out = folder / f"up{next(counter)}.inspx"
        town.sync().export("普陀区应急局", out, full=full, encrypt=False)
        records = package.read(out).records
        held = {t: {i for i in ids if _held(district, t, i)} for t in EDITABLE}
        was_deleted = {r for r, (t, _) in enumerate(RECORDS) if _held(district, t, ids[r])
                       and row(district, t, ids[r])["deleted_at"]}
        report = district.sync().import_package(out, receipt_out=folder / f"r{next(counter)}.receipt")
        if receipt:
            town.sync().import_receipt(report.receipt)
        for table in EDITABLE:
            sent = records.get(table, [])
            counts = report.tables.get(table, {"new": 0, "changed": 0, "unchanged": 0, "conflicts": 0, "refused": 0})
            assert counts["new"] == sum(r["id"] not in held[table] for r in sent)
            assert counts["new"] + counts["changed"] + counts["unchanged"] == len(sent) and counts["refused"] == 0
            assert counts["conflicts"] == sum(any(len(_versions(district, table, r["id"], f)) > 1
                                                  for f in EDITABLE[table]) for r in sent)
            for r in (r for r, (t, _) in enumerate(RECORDS) if t == table):
                if ids[r] in {x["id"] for x in sent}:
                    for f in EDITABLE[table]:
                        model.seen[r, f] = model.town[r, f][1]
        for r in was_deleted:  # a merge never undoes a deletion
            assert row(district, RECORDS[r][0], ids[r])["deleted_at"]

    for step, action in enumerate(moves, 1):
        if action[0] == "edit" and action[1] not in model.deleted:
            r, f = action[1], _field(action)
            town.store.update(RECORDS[r][0], ids[r], {f: f"{f}-{step}"})
            model.town[r, f] = (f"{f}-{step}", step)
        elif action[0] == "delete" and action[1] not in model.deleted:
            town.store.delete(RECORDS[action[1]][0], ids[action[1]])
            model.deleted.add(action[1])
        elif action[0] in ("district_edit", "district_delete"):
            r = action[1]
            if not _held(district, RECORDS[r][0], ids[r]) or row(district, RECORDS[r][0], ids[r])["deleted_at"]:
                continue
            if action[0] == "district_delete":
                district.store.delete(RECORDS[r][0], ids[r])
                model.district_deleted.add(r)
                continue
            f = _field(action)
            district.store.update(RECORDS[r][0], ids[r], {f: f"区改-{step}"})
            model.district[r, f] = (f"区改-{step}", step, model.seen[r, f])
        elif action[0] == "send":
            send_up(action[1], action[2])
        elif action[0] == "down":  # the district's edits of the town's records never reach the town
            out = folder / f"down{next(counter)}.inspx"
            district.sync().export("长寿路街道", out, full=True)
            town.sync().import_package(out)
    send_up(True, True)
    for r, (table, _) in enumerate(RECORDS):
        mine, theirs = row(town, table, ids[r]), row(district, table, ids[r])
        assert bool(mine["deleted_at"]) == (r in model.deleted)
        assert bool(theirs["deleted_at"]) == (r in model.deleted | model.district_deleted)
        for f in EDITABLE[table]:
            assert mine[f] == model.town[r, f][0] and len(_versions(town, table, ids[r], f)) == 1
            versions, shown = model.heads(r, f)
            assert set(_versions(district, table, ids[r], f)) == versions and theirs[f] == shown
    town.close()
    district.close()


def _field(action: tuple) -> str:
    fields = EDITABLE[RECORDS[action[1]][0]]
    return fields[action[2] % len(fields)]


def _held(services, table: str, record_id: str) -> bool:
    try:
        services.store.get(table, record_id)
    except KeyError:
        return False
    return True


def _versions(services, table: str, record_id: str, field: str) -> list:
    """The displayed value of a field and the concurrent others it holds."""
    r = row(services, table, record_id)
    meta = json.loads(r["sync_meta"] or "{}").get(field, {})
    return [r[field], *(h["v"] for h in meta.get("others", []))]
