"""Campaigns in the sync: the district publishes them, a town's package can neither create nor rewrite one,
typed names of older versions become references (migration and old packages), and the references travel."""

from __future__ import annotations

import json
import uuid
from datetime import date

import pytest

from inspector.db.store import stable_id, utc_now
from inspector.errors import ImportFailed
from inspector.services.campaigns import derived_id
from inspector.sync import package
from tests.sync.conftest import send
from tests.sync.forge import forge, row
from tests.sync.test_hostile import refused


def campaign_row(owner: str, name: str = "伪造的专项", rid: str | None = None) -> dict:
    now = utc_now()
    return {"id": rid or str(uuid.uuid4()), "created_at": now, "updated_at": now, "device_id": owner,
            "deleted_at": None, "name": name, "starts_on": None, "ends_on": None, "checklist_id": None,
            "criteria": None, "issuer": None, "doc_no": None, "notes": None, "sync_meta": None}


def test_the_district_publishes_a_campaign_and_a_town_refers_to_it(world, tmp_path):
    a, d = world["a"], world["d"]
    gas = d.save_campaign({"name": "燃气安全专项整治", "issuer": "普陀区安委办", "criteria": {"towns": ["长寿路街道"]}})
    send(d, a, "长寿路街道", tmp_path, "pub", full=True)
    assert [c["name"] for c in a.campaign_records()] == ["燃气安全专项整治"]
    site = a.add_site(name="上海恒达餐饮有限公司", town="长寿路街道")
    inspection = a.start_inspection(site, None, type="专项", campaign_id=gas)
    assert row(a, "inspections", inspection)["campaign"] == "燃气安全专项整治"  # the name at the time beside the id
    send(a, d, "普陀区应急局", tmp_path, "back")
    assert row(d, "inspections", inspection)["campaign_id"] == gas
    assert d.campaign_progress(gas)["sites_checked"] == 1


def test_a_town_cannot_create_a_campaign(world, tmp_path):
    a, d = world["a"], world["d"]
    refused(d, forge(a, d, tmp_path / "c.inspx", {"campaigns": [campaign_row(a.store.device_id)]}), "只有区里可以创建")


def test_a_town_cannot_rewrite_the_districts_campaign(world, tmp_path):
    a, d = world["a"], world["d"]
    gas = d.save_campaign({"name": "燃气安全专项整治"})
    send(d, a, "长寿路街道", tmp_path, "pub", full=True)
    changed = {**row(a, "campaigns", gas), "name": "改过的名称"}
    refused(d, forge(a, d, tmp_path / "own.inspx", {"campaigns": [changed]}), "所有者不是发送方")
    stolen = {**changed, "device_id": a.store.device_id}
    refused(d, forge(a, d, tmp_path / "steal.inspx", {"campaigns": [stolen]}), "属于另一台设备")


def test_a_derived_campaign_id_must_be_the_one_its_name_gives(world, tmp_path):
    a, d = world["a"], world["d"]
    claimed = campaign_row(d.store.device_id, "别的名称", rid=stable_id("campaign", "燃气安全专项整治"))
    out = forge(d, a, tmp_path / "d.inspx", {"campaigns": [claimed]})
    with pytest.raises(ImportFailed, match="编号由内容派生"):
        a.sync().import_package(out)


def test_a_town_never_sends_a_campaign_it_holds(world, tmp_path):
    a = world["a"]
    a.store.insert("campaigns", {"name": "本地遗留"})  # e.g. written before the device's role was set
    out = tmp_path / "a.inspx"
    a.sync().export("普陀区应急局", out, encrypt=False)
    assert not package.read(out).records.get("campaigns")


def old_format(record: dict) -> dict:
    """A record as the previous version wrote it: no ``campaign_id`` column, and no version of one."""
    out = {k: v for k, v in record.items() if k != "campaign_id"}
    if out.get("sync_meta") and "campaign_id" in record:
        out["sync_meta"] = json.dumps({k: v for k, v in json.loads(out["sync_meta"]).items() if k != "campaign_id"},
                                      ensure_ascii=False, sort_keys=True)
    return out


def test_an_older_package_with_a_typed_name_still_imports_and_is_linked(world, tmp_path):
    """A package from a town that has not upgraded: findings and inspections carry the typed name only."""
    a, d = world["a"], world["d"]
    site = a.add_site(name="上海恒达餐饮有限公司", town="长寿路街道")
    inspection = a.start_inspection(site, None, type="专项", campaign="消防安全专项整治")
    a.record_finding(description="灭火器过期", grade="一般", found_on=date(2025, 3, 1), site_id=site,
                     inspection_id=inspection, campaign="消防安全专项整治")
    out = tmp_path / "new.inspx"
    a.sync().export("普陀区应急局", out, encrypt=False)
    contents = package.read(out)
    records = {t: [old_format(r) for r in rows] for t, rows in contents.records.items() if t != "campaigns"}
    old = forge(a, d, tmp_path / "old.inspx", records)
    report = d.sync().import_package(old)
    assert report.tables["findings"]["new"] == 1
    legacy = derived_id("消防安全专项整治")
    assert d.store.scalar("SELECT campaign_id FROM findings") == legacy
    assert d.store.scalar("SELECT campaign_id FROM inspections") == legacy
    assert [c["name"] for c in d.campaigns() if not c["registered"]] == ["消防安全专项整治"]
    d.adopt_campaigns()  # the district registers the old name: its id is the one the towns already refer to
    assert [(c["id"], c["registered"]) for c in d.campaigns()] == [(legacy, True)]
    assert d.campaign_progress(legacy)["findings"] == 1


def test_the_migration_turns_typed_names_into_references_and_district_records(tmp_path):
    from sqlite_utils import Database

    from inspector.db.store import migrate

    for role, records in (("district", 2), ("town", 0)):
        db = Database(tmp_path / f"{role}.db")
        migrate(db, stop_before="0016_campaigns")
        me = "11111111-1111-4111-8111-111111111111"
        db.execute("INSERT INTO settings (key, value) VALUES ('device_id', ?), ('role', ?)", [me, role])
        db.execute("PRAGMA foreign_keys = OFF")
        now = "2025-01-01T00:00:00.000000Z"
        for n, name in enumerate(("燃气安全专项整治", "消防安全专项整治", "燃气安全专项整治", None)):
            db["findings"].insert({"id": f"f{n}", "created_at": now, "updated_at": now, "device_id": me,
                                   "description": "x", "grade": "一般", "found_on": "2025-01-02",
                                   "status": "registered", "campaign": name})
        db.conn.commit()
        migrate(db)
        refs = {r["id"]: r["campaign_id"] for r in db["findings"].rows}
        assert refs == {"f0": derived_id("燃气安全专项整治"), "f1": derived_id("消防安全专项整治"),
                        "f2": derived_id("燃气安全专项整治"), "f3": None}
        assert db.execute("SELECT count(*) FROM campaigns").fetchone()[0] == records
        published = db.execute("SELECT count(*) FROM sync_changes WHERE table_name = 'campaigns'").fetchone()[0]
        assert published == records  # the district's records travel to the towns with its next package
        db.close()


def test_criteria_that_do_not_read_select_no_target(world):
    d = world["d"]
    gas = d.save_campaign({"name": "燃气安全专项整治"})
    d.store.db.execute("UPDATE campaigns SET criteria = ? WHERE id = ?", [json.dumps([1, 2]), gas])
    assert d.campaign_progress(gas)["target_sites"] == 0


@pytest.mark.parametrize("change", [{"criteria": "{\"towns\": \"长寿路街道\"}"}, {"criteria": "[1, 2]"},
                                    {"criteria": "{\"towns\": [1]}"}, {"criteria": "{not json"},
                                    {"starts_on": "2025-13-01"}])
def test_a_campaign_with_bad_criteria_or_dates_is_refused(world, tmp_path, change):
    a, d = world["a"], world["d"]
    bad = {**campaign_row(d.store.device_id, "燃气安全专项整治"), **change}
    out = forge(d, a, tmp_path / "bad.inspx", {"campaigns": [bad]})
    with pytest.raises(ImportFailed, match="专项行动的"):
        a.sync().import_package(out)
    assert a.campaign_records() == []
