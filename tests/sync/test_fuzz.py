"""Any value in any field of a signed package ends in an import or one clear refusal — never a traceback, and a
refusal leaves the database as it was."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inspector import workflow as wf
from inspector.db.sync import dump
from inspector.errors import ImportFailed
from tests.sync.conftest import device, star
from tests.sync.forge import forge, row

VALUES = st.one_of(st.none(), st.booleans(), st.integers(-2**70, 2**70), st.floats(allow_nan=False),
                   st.text(max_size=30), st.lists(st.integers(), max_size=3),
                   st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
                   st.sampled_from(["", "重大", "closed", "2099-01-01", "../../etc/passwd", "{}", '{"a": {"vv": 1}}',
                                    "9" * 64, "0" * 64]))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(data=st.data())
def test_any_field_any_value(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("fuzz")
    town = device(folder / "t.db", "长寿路街道", "town", "长寿路街道")
    district = device(folder / "d.db", "区", "district")
    star([town], district)
    site = town.add_site(name="甲")
    today = date(2026, 1, 10)
    finding = town.record_finding(description="灭火器过期", grade="一般", found_on=today,
                                  deadline=today + timedelta(days=5), site_id=site)
    town.act(finding, wf.Event(wf.ORDER_ISSUED, today, {"deadline": today + timedelta(days=5)}))
    records = {"sites": [row(town, "sites", site)], "findings": [row(town, "findings", finding)],
               "finding_events": town.store.rows("SELECT * FROM finding_events")}
    table = data.draw(st.sampled_from(sorted(records)))
    target = data.draw(st.integers(0, len(records[table]) - 1))
    column = data.draw(st.sampled_from(sorted(records[table][target])))
    records[table][target] = {**records[table][target], column: data.draw(VALUES)}
    out = forge(town, district, folder / "p.inspx", records)
    before = dump(district.store)
    try:
        district.sync().import_package(out)
    except ImportFailed as exc:
        assert exc.message and dump(district.store) == before
    town.close()
    district.close()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_manifest_field_any_value(tmp_path_factory, data):
    import uuid

    from tests.sync.forge import sign_raw

    folder = tmp_path_factory.mktemp("fuzzm")
    town = device(folder / "t.db", "长寿路街道", "town", "长寿路街道")
    district = device(folder / "d.db", "区", "district")
    star([town], district)
    me = town.sync().identity()
    manifest = {"format": "inspector-package", "format_version": 2, "package_id": str(uuid.uuid4()),
                "kind": "data", "created": "2026-01-01T00:00:00.000000Z", "seq": 1, "full": True,
                "sender": {k: me[k] for k in ("device", "name", "sign_public", "enc_public")},
                "receiver": {"device": district.store.device_id}, "encrypted": False, "acked": {"seq": 0}}
    key = data.draw(st.sampled_from(sorted(manifest)))
    manifest[key] = data.draw(VALUES)
    out = sign_raw(town, folder / "m.inspx", manifest, {"records/sites.jsonl": b""})
    before = dump(district.store)
    try:
        district.sync().import_package(out)
    except ImportFailed as exc:
        assert exc.message and dump(district.store) == before
    town.close()
    district.close()
