"""Backups and restore: a good backup brings the data (and the photos) back, a bad one changes nothing."""

from __future__ import annotations

import sqlite3
import sys
import zipfile
from datetime import UTC, datetime, timedelta

import pytest

from inspector.db.structure import SCHEMA_VERSION
from inspector.errors import DatabaseError
from inspector.filestore import sha256_file
from inspector.paths import attachments_dir
from inspector.services import Services
from inspector.services import backup as bk


class FakeClock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 3, 2, 9, 0, tzinfo=UTC))


def site_names(path) -> set[str]:
    svc = Services.open(path, seed=False)
    try:
        return {s["name"] for s in svc.sites()}
    finally:
        svc.close()


def test_a_full_backup_restores_data_and_photos(services, tmp_path, clock):
    photo = tmp_path / "堆物.jpg"
    photo.write_bytes(b"\xff\xd8\xff photo of a blocked exit")
    site = services.add_site(name="恒达餐饮店")
    services.add_attachment(photo, "sites", site)
    out, count = bk.Backups(services.store, services.path, clock).full(tmp_path / "u盘" / "周一")
    assert out.name == "周一.inspbak" and count == 1
    services.add_site(name="备份之后新增的单位")
    stored = next(p for p in attachments_dir(services.path).rglob("*") if p.is_file())
    stored.unlink()  # the photo is lost too
    services.close()

    result = bk.restore(out, services.path, clock)
    assert site_names(services.path) == {"恒达餐饮店"}
    assert result.attachments_added == 1 and stored.is_file()
    assert result.info.sites == 1
    assert result.kept is not None and site_names(result.kept) == {"恒达餐饮店", "备份之后新增的单位"}
    again = Services.open(services.path, seed=False)
    assert again.check() == []
    again.close()


def test_an_automatic_backup_is_a_database_file_that_restores(services, clock):
    services.add_site(name="第一家")
    backups = bk.Backups(services.store, services.path, clock)
    first = backups.auto()
    assert first is not None and first.parent == bk.backups_dir(services.path)
    assert backups.auto() is None  # nothing new since: no second copy
    clock.advance(minutes=5)
    services.add_site(name="第二家")
    services.close()
    bk.restore(first, services.path, clock)
    assert site_names(services.path) == {"第一家"}


def test_periodic_backups_wait_for_the_interval_and_for_a_change(services, clock):
    backups = bk.Backups(services.store, services.path, clock)
    services.add_site(name="甲")
    assert backups.due()
    backups.auto()
    clock.advance(minutes=bk.INTERVAL_MINUTES + 1)
    assert not backups.due()  # time passed but nothing was saved
    services.add_site(name="乙")
    assert backups.due()
    backups.auto()
    clock.advance(minutes=bk.INTERVAL_MINUTES - 1)
    services.add_site(name="丙")
    assert not backups.due()  # a change, but too soon
    fresh = bk.Backups(services.store, services.path, clock)  # the next start remembers the last backup's state
    fresh.auto()
    assert fresh.auto() is None


def test_rotation_deletes_old_automatic_backups_only(services, clock):
    backups = bk.Backups(services.store, services.path, clock)
    other = bk.backups_dir(services.path) / "我的笔记.db"
    made = []
    for n in range(30):  # one a day for a month
        services.add_site(name=f"单位{n}")
        made.append(backups.auto())
        clock.advance(days=1)
    left = {b.path for b in bk.auto_backups(services.path)}
    assert made[-1] in left and made[0] not in left
    assert set(made[-7:]) <= left and len(left) < 14
    other.write_bytes(b"")
    clock.advance(days=100)
    services.add_site(name="最后")
    backups.auto()
    assert other.exists()


def corrupt(kind: str, good: bk.Path, tmp_path) -> bk.Path:
    """A backup that must be refused, made from a good full backup."""
    bad = tmp_path / f"{kind}.inspbak"
    with zipfile.ZipFile(good) as src:
        parts = {i.filename: src.read(i) for i in src.infolist()}
    db = tmp_path / f"{kind}.db"
    db.write_bytes(parts["database.db"])
    if kind == "newer":
        with sqlite3.connect(db) as conn:
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    elif kind == "foreign":
        with sqlite3.connect(db) as conn:
            conn.execute("PRAGMA application_id = 42")
    elif kind == "truncated":
        db.write_bytes(parts["database.db"][: len(parts["database.db"]) // 2])
    elif kind == "evil-name":
        parts["../../outside.txt"] = b"x"
    elif kind == "wrong-photo":
        name = next(n for n in parts if n.startswith("files/"))
        parts[name] = b"not the photo"
    elif kind == "not-a-zip":
        bad.write_bytes(b"PK but not really" * 10)
        return bad
    parts["database.db"] = db.read_bytes()
    with zipfile.ZipFile(bad, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return bad


@pytest.mark.parametrize("kind", ["newer", "foreign", "truncated", "evil-name", "wrong-photo", "not-a-zip"])
def test_a_bad_backup_is_refused_and_nothing_changes(services, tmp_path, clock, kind):
    photo = tmp_path / "p.jpg"
    photo.write_bytes(b"photo")
    services.add_attachment(photo, "sites", services.add_site(name="原有单位"))
    good, _ = bk.Backups(services.store, services.path, clock).full(tmp_path / "good.inspbak")
    services.close()
    bad = corrupt(kind, good, tmp_path)
    before = sha256_file(services.path)
    folder = attachments_dir(services.path)
    files_before = sorted(p for p in folder.rglob("*"))
    with pytest.raises(DatabaseError) as refused:
        bk.restore(bad, services.path, clock)
    assert "当前数据库未被改动" in str(refused.value)
    assert sha256_file(services.path) == before
    assert sorted(p for p in folder.rglob("*")) == files_before
    assert not (tmp_path / "outside.txt").exists()
    left = bk.backups_dir(services.path)
    assert not left.exists() or list(left.iterdir()) == []  # no kept copy, no staging left


def test_a_plain_file_that_is_not_a_database_is_refused(services, tmp_path, clock):
    letter = tmp_path / "letter.db"
    letter.write_bytes(b"Dear officer " * 200)
    services.close()
    before = sha256_file(services.path)
    with pytest.raises(DatabaseError):
        bk.restore(letter, services.path, clock)
    assert sha256_file(services.path) == before


def test_restore_replaces_a_damaged_database_and_keeps_it(services, tmp_path, clock):
    services.add_site(name="备份中的单位")
    good = bk.Backups(services.store, services.path, clock).auto()
    services.close()
    services.path.write_bytes(b"\0garbage" * 1000)
    damaged = sha256_file(services.path)
    result = bk.restore(good, services.path, clock)
    assert site_names(services.path) == {"备份中的单位"}
    assert result.kept is not None and sha256_file(result.kept) == damaged


def test_check_reads_a_backup_without_restoring_it(services, tmp_path, clock):
    services.add_site(name="单位")
    out, _ = bk.Backups(services.store, services.path, clock).full(tmp_path / "b.inspbak")
    info = bk.check(out, services.path, clock)
    assert info.sites == 1 and info.schema_version == SCHEMA_VERSION
    with pytest.raises(DatabaseError):
        bk.check(services.path, services.path, clock)  # the open database itself is not a backup


def test_wal_pages_a_reader_holds_back_are_reported(services):
    reader = sqlite3.connect(services.path)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM sites").fetchone()  # a read transaction pins the WAL
    services.add_site(name="尚在 WAL 中")
    backups = services.backups()
    assert backups.wal_pending() > 0
    reader.rollback()
    assert backups.wal_pending() == 0
    reader.close()


def test_document_numbers_issued_after_the_backup_are_not_issued_again(services, clock):
    from inspector.db.reports import next_case_number

    first = next_case_number(services.store, "普陀区应急局", 2026)
    backup = bk.Backups(services.store, services.path, clock).auto()
    printed = [next_case_number(services.store, "普陀区应急局", 2026) for _ in range(3)]  # on paper since
    services.close()
    bk.restore(backup, services.path, clock)
    again = Services.open(services.path, seed=False)
    try:
        assert next_case_number(again.store, "普陀区应急局", 2026) > max(printed) > first
    finally:
        again.close()


def test_a_backup_includes_changes_still_in_the_wal(services, tmp_path, clock):
    reader = sqlite3.connect(services.path, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM sites").fetchone()  # keeps the new pages out of the .db
    services.add_site(name="只在 WAL 里的单位")
    assert services.backups().wal_pending() > 0
    out, _ = bk.Backups(services.store, services.path, clock).full(tmp_path / "b.inspbak")
    auto = bk.Backups(services.store, services.path, clock).auto()
    reader.execute("ROLLBACK")
    reader.close()
    services.close()
    for backup in (out, auto):
        target = tmp_path / f"restored-{backup.suffix[1:]}.db"
        bk.restore(backup, target, clock)
        assert site_names(target) == {"只在 WAL 里的单位"}


def test_a_backup_cut_short_leaves_no_file_that_looks_complete(services, tmp_path, clock, monkeypatch):
    import zipfile as zf

    photo = tmp_path / "p.jpg"
    photo.write_bytes(b"photo")
    services.add_attachment(photo, "sites", services.add_site(name="单位"))
    real_write = zf.ZipFile.write

    def disk_full(self, filename, arcname=None, *args, **kwargs):
        if str(arcname).startswith("files/"):
            raise OSError(28, "No space left on device")
        return real_write(self, filename, arcname, *args, **kwargs)

    monkeypatch.setattr(zf.ZipFile, "write", disk_full)
    with pytest.raises(OSError):
        bk.Backups(services.store, services.path, clock).full(tmp_path / "out" / "b.inspbak")
    assert list((tmp_path / "out").iterdir()) == []


@pytest.mark.skipif(sys.platform == "win32", reason="mount tables are for Linux and macOS")
def test_restore_onto_a_network_share_is_refused(services, tmp_path, clock, monkeypatch):
    from inspector.db import location

    backup = bk.Backups(services.store, services.path, clock).auto()
    monkeypatch.setattr(location, "_system_mounts", lambda platform: [(str(tmp_path / "share"), "nfs")])
    with pytest.raises(DatabaseError) as refused:
        bk.restore(backup, tmp_path / "share" / "town.db", clock)
    assert "网络共享" in str(refused.value) and not (tmp_path / "share").exists()


def test_a_backup_from_another_laptop_is_restored_with_a_warning(services, tmp_path, clock):
    other = Services.open(tmp_path / "other" / "town.db", seed=False)
    other.add_site(name="另一台电脑的单位")
    backup = bk.Backups(other.store, other.path, clock).auto()
    other.close()
    assert bk.other_device_note(bk.check(backup, services.path, clock), services.store.device_id)
    own = bk.Backups(services.store, services.path, clock).auto()
    assert bk.other_device_note(bk.check(own, services.path, clock), services.store.device_id) is None
    services.close()
    result = bk.restore(backup, services.path, clock)
    assert result.notes and "另一台电脑" in result.notes[0]
    assert site_names(services.path) == {"另一台电脑的单位"}
