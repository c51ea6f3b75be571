"""A user's action lands whole or not at all, the files it brings included."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest
from PIL import Image

from inspector import workflow as wf
from inspector.errors import InspectorError, RuleError
from inspector.paths import attachments_dir, sample_documents
from inspector.services import Services
from inspector.services import documents as documents_service

FOUND = date(2026, 3, 2)


def photo(folder: Path, name: str, colour: str = "red") -> Path:
    path = folder / name
    Image.new("RGB", (24, 16), colour).save(path)
    return path


def folder_state(services: Services) -> list[str] | None:
    """Every file and folder under the attachment folder (``None`` when there is none)."""
    folder = attachments_dir(services.path)
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*")) if folder.exists() else None


def counts(services: Services) -> dict[str, int]:
    tables = ("findings", "finding_events", "attachments", "audit_log", "inspections", "documents", "checklists",
              "checklist_items", "item_units", "units", "unit_aliases")
    return {t: services.store.scalar(f"SELECT count(*) FROM {t}") for t in tables}


def a_finding(services: Services) -> str:
    site = services.add_site(name="上海恒达餐饮店")
    return services.record_finding(description="疏散通道堆放杂物", grade="一般", found_on=FOUND,
                                   deadline=FOUND + timedelta(days=15), site_id=site)


def test_a_refused_step_keeps_neither_the_event_nor_its_photos(services, tmp_path):
    finding = a_finding(services)
    before, files = counts(services), folder_state(services)
    shots = [photo(tmp_path, "整改后1.jpg"), photo(tmp_path, "整改后2.jpg", "blue")]
    with pytest.raises(RuleError):  # never re-checked: cannot be closed
        services.act(finding, wf.Event(wf.CLOSE, FOUND + timedelta(days=3), {"note": "已整改"}), photos=shots,
                     assessment=photo(tmp_path, "评估报告.png", "green"))
    assert counts(services) == before
    assert folder_state(services) == files is None


def test_an_accepted_step_keeps_its_photos_with_the_event(services, tmp_path):
    finding = a_finding(services)
    services.act(finding, wf.Event(wf.ORDER_ISSUED, FOUND, {"deadline": FOUND + timedelta(days=15)}))
    shots = [photo(tmp_path, "整改后1.jpg"), photo(tmp_path, "整改后2.jpg", "blue")]
    services.act(finding, wf.Event(wf.FEEDBACK, FOUND + timedelta(days=4), {"measures": "已清理"}), photos=shots)
    event = services.finding_events(finding)[-1]
    assert event["kind"] == wf.FEEDBACK and len(event["data"]["photos"]) == 2
    kept = {a["id"]: a for a in services.attachments_of("findings", finding)}
    assert set(event["data"]["photos"]) <= set(kept)
    assert all(services.attachment_path(kept[i]["sha256"]).is_file() for i in event["data"]["photos"])
    assert services.check() == []


def test_a_file_a_saved_record_uses_survives_a_refused_step_that_brought_it_again(services, tmp_path):
    finding = a_finding(services)
    shot = photo(tmp_path, "现场.jpg")
    kept = services.add_attachment(shot, "findings", finding)
    files = folder_state(services)
    with pytest.raises(RuleError):
        services.act(finding, wf.Event(wf.CLOSE, FOUND, {}), photos=[shot])
    assert folder_state(services) == files
    assert services.attachment_path(services.store.get("attachments", kept)["sha256"]).is_file()


def test_a_finding_with_a_bad_photo_is_not_registered_and_leaves_no_files(services, tmp_path):
    site = services.add_site(name="上海恒达餐饮店")
    before = counts(services)
    not_a_picture = tmp_path / "说明.jpg"
    not_a_picture.write_bytes(b"this is not a jpeg")
    with pytest.raises(InspectorError, match="不是可识别的图片"):
        services.record_finding(description="灭火器过期", grade="一般", found_on=FOUND, site_id=site,
                                deadline=FOUND + timedelta(days=15),
                                photos=[photo(tmp_path, "整改前.jpg"), not_a_picture])
    assert counts(services) == before
    assert folder_state(services) is None


def test_signatures_are_saved_all_together_or_not_at_all(services, tmp_path):
    site = services.add_site(name="上海恒达餐饮店")
    inspection = services.start_inspection(site, None, type="日常")
    before = counts(services)
    with pytest.raises(RuleError):  # the site's signer neither signed nor refused
        services.sign_all(inspection, {"inspector1": (photo(tmp_path, "a.png"), False),
                                       "inspector2": (photo(tmp_path, "b.png", "blue"), False),
                                       "site": (None, False)})
    assert counts(services) == before
    assert folder_state(services) is None
    assert services.store.get("inspections", inspection)["signatures"] is None
    services.sign_all(inspection, {"inspector1": (photo(tmp_path, "a.png"), False), "site": (None, True)})
    assert len(services.attachments_of("inspections", inspection)) == 1


def test_a_document_that_fails_half_way_leaves_nothing(services, monkeypatch):
    sample = next(s for s in sample_documents() if "anweihui" in s.name)  # a plan naming many units
    before = counts(services)
    calls = []
    real = documents_service.ensure_unit

    def failing(store, known, name):
        calls.append(name)
        if len(calls) == 3:
            raise sqlite3.OperationalError("disk I/O error")
        return real(store, known, name)

    monkeypatch.setattr(documents_service, "ensure_unit", failing)
    with pytest.raises(sqlite3.OperationalError):
        services.import_document(sample)
    assert len(calls) == 3 and counts(services) == before
    monkeypatch.setattr(documents_service, "ensure_unit", real)
    result = services.import_document(sample)
    assert not result.duplicate and counts(services)["checklist_items"] > before["checklist_items"]


def test_closing_folds_the_wal_into_the_file_even_while_a_worker_is_open(tmp_path):
    path = tmp_path / "inspector.db"
    window = Services.open(path, seed=False)
    worker = window.for_worker()
    window.add_site(name="上海华安便利店")
    window.close()
    copy = tmp_path / "copy.db"
    shutil.copyfile(path, copy)  # only the .db, as a person copying the file would
    conn = sqlite3.connect(copy)
    try:
        assert conn.execute("SELECT count(*) FROM sites WHERE name = '上海华安便利店'").fetchone()[0] == 1
    finally:
        conn.close()
        worker.close()


def test_a_tasks_evidence_files_are_kept_all_or_none(services, tmp_path):
    site = services.add_site(name="上海恒达餐饮店")
    before = counts(services)
    with pytest.raises(InspectorError, match="找不到附件文件"):
        services.add_attachments([photo(tmp_path, "会议纪要.png"), tmp_path / "已被移走.pdf"], "sites", site,
                                 role="evidence")
    assert counts(services) == before
    assert folder_state(services) is None
    kept = services.add_attachments([photo(tmp_path, "会议纪要.png"), photo(tmp_path, "照片.png", "blue")], "sites",
                                    site, role="evidence")
    assert len(kept) == 2 and len(folder_state(services)) == 4  # two folders, two files
