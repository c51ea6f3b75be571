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
