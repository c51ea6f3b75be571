"""The sync's migration on a database written by the previous version."""

from __future__ import annotations


def test_the_0011_migration_keeps_progress_and_counts_the_own_rows_as_changed(tmp_path):
    from sqlite_utils import Database

    from inspector.db.store import migrate

    db = Database(tmp_path / "old.db")
    migrate(db, stop_before="0011_sync_trust")
    now = "2026-01-01T00:00:00.000000Z"
    db.execute("INSERT INTO settings (key, value) VALUES ('device_id', '11111111-1111-4111-8111-111111111111')")
    db.execute("PRAGMA foreign_keys = OFF")
    for k, owner in enumerate(("11111111-1111-4111-8111-111111111111", "22222222-2222-4222-8222-222222222222")):
        db["task_progress"].insert({"id": f"p{k}", "created_at": now, "updated_at": now, "device_id": owner,
                                    "item_id": f"i{k}", "status": "推进中"})
    for k, role in enumerate(("town", "district")):  # a town trusted by way of a district's key list, the district
        db["peers"].insert({"id": f"peer{k}", "created_at": now, "updated_at": now, "device_id": "x", "name": role,
                            "role": role, "trusted": 1, "device": f"d{k}"})
    db.conn.commit()
    migrate(db)
    assert {r["name"]: r["trusted"] for r in db["peers"].rows} == {"town": 0, "district": 1}
    assert [r["id"] for r in db["task_progress"].rows] == ["p0", "p1"]
    assert [(r["table_name"], r["record_id"]) for r in db["sync_changes"].rows] == [("task_progress", "p0")]
    db.close()
