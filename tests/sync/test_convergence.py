"""Random edit histories on several devices, exchanged in random orders, end in the same state everywhere."""

from __future__ import annotations

import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.sync.conftest import device

FIELDS = ("address", "risk_level", "grid", "contact_phone")
VALUES = {"address": ["武宁路1号", "曹杨路2号"], "risk_level": ["红", "橙", "黄", "蓝"],
          "grid": ["网格01", "网格02"], "contact_phone": ["13900000001", "13900000002"]}

step = st.one_of(
    st.tuples(st.just("edit"), st.integers(0, 2), st.integers(0, 2), st.sampled_from(FIELDS), st.integers(0, 3)),
    st.tuples(st.just("delete"), st.integers(0, 2), st.integers(0, 2)),
    st.tuples(st.just("send"), st.integers(0, 2), st.integers(0, 2)),
)


def state(services) -> dict:
    rows = services.store.rows("SELECT * FROM sites ORDER BY id")
    conflicts = sorted((c["id"], c["field"], tuple(sorted(map(str, c["values"])))) for c in services.sync().conflicts())
    return {"rows": [(r["id"], *(r[f] for f in ("name", *FIELDS)), r["deleted_at"] is not None) for r in rows],
            "conflicts": conflicts}


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(step, min_size=1, max_size=14), order=st.permutations(list(itertools.permutations(range(3), 2))))
def test_devices_converge(tmp_path_factory, steps, order):
    folder = tmp_path_factory.mktemp("conv")
    names = ["长寿路街道", "万里街道", "普陀区应急局"]
    devices = [device(folder / f"{k}.db", names[k], "district" if k == 2 else "town", names[k]) for k in range(3)]
    for one in devices:
        for other in devices:
            if one is not other:
                one.sync().add_peer(other.sync().identity(), trusted=True)
    sites = [devices[0].add_site(name=f"单位{k}") for k in range(3)]
    counter = itertools.count()

    def send(src: int, dst: int) -> None:
        if src == dst:
            return
        out = folder / f"p{next(counter)}.inspx"
        devices[src].sync().export(names[dst], out, full=True)
        devices[dst].sync().import_package(out)

    for k in (1, 2):
        send(0, k)
    for action in steps:
        if action[0] == "edit":
            _, who, which, field, value = action
            row = devices[who].store.get("sites", sites[which])
            options = VALUES[field]
            devices[who].store.update("sites", row["id"], {field: options[value % len(options)]})
        elif action[0] == "delete":
            _, who, which = action
            devices[who].store.delete("sites", sites[which])
        else:
            send(action[1], action[2])
    for _ in range(2):  # everyone tells everyone, in the drawn order
        for src, dst in order:
            send(src, dst)
    states = [state(d) for d in devices]
    assert states[0] == states[1] == states[2]
    for d in devices:
        d.close()
