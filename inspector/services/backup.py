"""Backups a person can rely on: full backups to a file, automatic ones beside the database, and restore.

* **Full backup** (``inspector backup``, 文件 → 备份…): one ``.inspbak`` file with the database *and* every
  attachment (photos, signatures, evidence) — a backup whose photos are gone is not a backup.
* **Automatic backups** (on quit, and every :data:`INTERVAL_MINUTES` of work while the window is open) go to
  ``backups/`` beside the database as plain database snapshots, rotated by :mod:`inspector.services.rotation`.
  They leave out the attachment folder, which sits beside them and only ever gains files (named by content).
* **Restore** checks the chosen file completely before anything is replaced, keeps the replaced database as
  ``backups/<name>-before-restore-….db`` and adds the backup's attachments that are missing. Counters that
  paper or other devices have already seen (document numbers, package numbers) do not go back.
All copies of a database go through SQLite's online backup API (:mod:`inspector.db.backup`).
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from inspector.db import backup as dbb
from inspector.db.backup import BackupInfo
from inspector.db.location import refuse_network_share
from inspector.db.store import Store
from inspector.db.structure import SCHEMA_VERSION
from inspector.errors import DatabaseError
from inspector.filestore import files_dir
from inspector.services import backup_file, rotation

SUFFIX = ".inspbak"
INTERVAL_MINUTES = 30
STAMP = "%Y%m%d-%H%M%S"
Clock = Callable[[], datetime]


def utc_clock() -> datetime:
    return datetime.now(UTC)


def backups_dir(db_path: Path) -> Path:
    """Where automatic backups (and the database replaced by a restore) are kept: ``backups/`` beside it."""
    return db_path.parent / "backups"


def _auto_name(db_path: Path) -> re.Pattern[str]:
    return re.compile(re.escape(db_path.stem) + r"-(\d{8}-\d{6})\.db")


@dataclass(frozen=True)
class AutoBackup:
    path: Path
    time: datetime


def auto_backups(db_path: Path) -> list[AutoBackup]:
    """The automatic backups of this database, newest first (other files in the folder are left alone)."""
    pattern, found = _auto_name(db_path), []
    folder = backups_dir(db_path)
    for path in folder.glob(f"{db_path.stem}-*.db") if folder.is_dir() else []:
        match = pattern.fullmatch(path.name)
        if match:  # 20261203-150641 read as ISO 8601's basic form: strptime's import is start-up time
            stamp = datetime.fromisoformat(match.group(1).replace("-", "T"))
            found.append(AutoBackup(path, stamp.replace(tzinfo=UTC)))
    return sorted(found, key=lambda b: b.time, reverse=True)


def _minutes(value: str | None) -> int:
    """The configured interval; anything that is not a positive number of minutes means the default."""
    try:
        return max(int(value or INTERVAL_MINUTES), 1)
    except ValueError:
        return INTERVAL_MINUTES


class Backups:
    """Backups of one open database."""

    def __init__(self, store: Store, path: Path, clock: Clock = utc_clock) -> None:
        self.store, self.path, self.clock = store, path, clock
        self.interval = timedelta(minutes=_minutes(store.setting("backup_interval_minutes")))
        self._saved_marker: int | None = None

    def full(self, out: Path | None = None, progress: backup_file.Progress | None = None) -> tuple[Path, int]:
        """A full backup (database and attachments) to ``out`` (default: in ``backups/``); returns the file and
        the number of attachments in it."""
        now = self.clock()
        out = Path(out) if out else backups_dir(self.path) / f"{self.path.stem}-{now.strftime(STAMP)}{SUFFIX}"
        if out.suffix != SUFFIX:
            out = out.with_name(out.name + SUFFIX)
        out.parent.mkdir(parents=True, exist_ok=True)
        snap = out.with_name(f".{out.name}.db")
        try:
            dbb.snapshot(self.store.conn, snap)
            manifest = {"created": now.isoformat(), "schema_version": SCHEMA_VERSION, "database": self.path.name,
                        "device_id": self.store.device_id}
            count = backup_file.write(out, snap, files_dir(self.path), manifest, progress)
        finally:
            snap.unlink(missing_ok=True)
        return out, count

    def has_changes(self) -> bool:
        """Whether anything was saved since the newest automatic backup."""
        marker = dbb.change_marker(self.store.conn)
        if self._saved_marker is None:
            newest = auto_backups(self.path)
            self._saved_marker = dbb.file_change_marker(newest[0].path) if newest else -1
        return marker != self._saved_marker

    def due(self) -> bool:
        """Time for a periodic backup: something changed, and the newest one is older than the interval."""
        newest = auto_backups(self.path)
        return self.has_changes() and (not newest or self.clock() - newest[0].time >= self.interval)

    def auto(self) -> Path | None:
        """An automatic backup now (on quit, or when :meth:`due`), then the rotation; ``None`` if nothing changed
        since the last one."""
        if not self.has_changes():
            return None
        marker = dbb.change_marker(self.store.conn)
        dest = backups_dir(self.path) / f"{self.path.stem}-{self.clock().strftime(STAMP)}.db"
        dbb.snapshot(self.store.conn, dest)
        self._saved_marker = marker
        self.rotate()
        return dest

    def rotate(self) -> list[Path]:
        """Delete the automatic backups the rotation does not keep; returns the deleted files."""
        backups = auto_backups(self.path)
        kept = rotation.keep([b.time for b in backups], self.clock())
        gone = [b.path for b in backups if b.time not in kept]
        for path in gone:
            path.unlink(missing_ok=True)
        return gone

    def wal_pending(self) -> int:
        return dbb.wal_pending(self.store.conn)


@dataclass
class Restored:
    """What a restore did: the backup's contents, where the replaced database is kept, attachments added."""

    info: BackupInfo
    kept: Path | None
    attachments_added: int = 0
    notes: list[str] = field(default_factory=list)


OTHER_DEVICE = ("这份备份来自另一台电脑（设备 {0}…）。恢复后本机将以那台电脑的身份与区里同步："
                "请确认那台电脑已不再使用，两台电脑不要同时使用同一身份。")


def other_device_note(info: BackupInfo, device_id: str | None) -> str | None:
    """A warning when the backup was made on another device (e.g. restoring onto a new laptop): its sync
    identity comes with it, and two laptops must never sync under one identity."""
    if info.device_id and device_id and info.device_id != device_id:
        return OTHER_DEVICE.format(info.device_id[:8])
    return None


def check(source: Path, db_path: Path, clock: Clock = utc_clock) -> BackupInfo:
    """Check a backup without changing anything (for the confirmation before restoring)."""
    staging = _staging(db_path, clock)
    try:
        database, _files = _stage(Path(source), staging, db_path)
        return dbb.inspect(database, Path(source).name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def restore(source: Path, db_path: Path, clock: Clock = utc_clock) -> Restored:
    """Replace the database at ``db_path`` with the backup ``source``. No connection of this process may be open
    on ``db_path`` (the window closes its services first). A bad backup is refused before anything changes."""
    source = Path(source)
    refuse_network_share(db_path)
    staging = _staging(db_path, clock)
    try:
        database, files = _stage(source, staging, db_path)
        info = dbb.inspect(database, source.name)
        kept, readable = _keep_current(db_path, clock)
        added = backup_file.install_files(files, files_dir(db_path))
        dbb.copy_into(database, db_path)
        notes = []
        if kept is not None and readable:
            dbb.carry_counters(db_path, kept)
            notes = [n for n in [other_device_note(info, dbb.device_id(kept))] if n]
        return Restored(info, kept, added, notes)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _staging(db_path: Path, clock: Clock) -> Path:
    return backups_dir(db_path) / f".restore-{clock().strftime(STAMP)}"


def _stage(source: Path, staging: Path, db_path: Path) -> tuple[Path, list[tuple[Path, str]]]:
    if not source.is_file():
        raise DatabaseError(f"找不到备份文件“{source}”。", "请检查路径。当前数据库未被改动。")
    if db_path.exists() and source.resolve() == db_path.resolve():
        raise DatabaseError("选择的备份就是当前正在使用的数据库。", "请选择一个备份文件。当前数据库未被改动。")
    if source.suffix == SUFFIX:
        return backup_file.stage(source, staging)
    staging.mkdir(parents=True, exist_ok=True)
    database = staging / "database.db"
    dbb.snapshot_file(source, database)
    return database, []


def _keep_current(db_path: Path, clock: Clock) -> tuple[Path | None, bool]:
    """Keep the database about to be replaced: a snapshot if SQLite can read it, else the damaged file itself
    (with its ``-wal``) moved aside. Returns the kept file and whether it was readable."""
    if not db_path.exists():
        return None, False
    kept = backups_dir(db_path) / f"{db_path.stem}-before-restore-{clock().strftime(STAMP)}.db"
    readable = dbb.readable(db_path)
    if readable:
        dbb.snapshot_file(db_path, kept)
    else:
        dbb.move_aside(db_path, kept)
    return kept, readable
