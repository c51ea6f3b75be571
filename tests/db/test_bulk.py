"""Bulk writes stamp records exactly as single writes do, in one statement and one audit entry."""

from __future__ import annotations

import json

import pytest

from inspector.db import Store, open_database


@pytest.fixture
def store(tmp_path):
    s = Store(open_database(tmp_path / "bulk.db"))
    yield s
    s.close()


def test_bulk_rows_carry_the_same_bookkeeping_as_one_insert(store):
    single = store.get("sites", store.insert("sites", {"name": "甲", "town": "花木街道"}))
    store.bulk_insert("sites", [{"id": "s-1", "name": "乙", "town": "唐镇"}, {"name": "丙", "town": "唐镇"}])
    rows = store.rows("SELECT * FROM sites WHERE name IN ('乙', '丙') ORDER BY name")
    assert {r["name"] for r in rows} == {"乙", "丙"} and "s-1" in {r["id"] for r in rows}
    for row in rows:
        assert row["device_id"] == store.device_id and row["created_at"] and row["updated_at"]
        assert row["deleted_at"] is None and row["id"]
        assert set(json.loads(row["sync_meta"])) == set(json.loads(single["sync_meta"])) & {"name", "town"}
    audits = store.rows("SELECT action, changes FROM audit_log WHERE action = 'bulk_insert'")
    assert audits == [{"action": "bulk_insert", "changes": '{"count": 2}'}]


def test_tables_without_record_columns_get_only_what_they_have(store):
    site = store.insert("sites", {"name": "甲"})
    finding = store.insert("findings", {"site_id": site, "description": "x", "grade": "一般", "found_on": "2026-01-01",
                                        "status": "registered"})
    store.bulk_insert("finding_events", [{"id": "e1", "finding_id": finding, "kind": "created",
                                          "on_date": "2026-01-01", "data": "{}", "created_at": "2026-01-01T08"}])
    row = store.rows("SELECT * FROM finding_events")[0]
    assert row["device_id"] == store.device_id and row["created_at"] == "2026-01-01T08"


def test_unknown_columns_are_refused_and_nothing_is_written(store):
    with pytest.raises(KeyError):
        store.bulk_insert("sites", [{"name": "甲", "colour": "红"}])
    assert store.scalar("SELECT count(*) FROM sites") == 0
    assert store.bulk_insert("sites", []) == 0
