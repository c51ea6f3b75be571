"""The full backup file (``.inspbak``): the database and every attachment in one zip a person can carry away.

Layout: ``manifest.json``, ``database.db`` (a snapshot made with SQLite's backup API) and ``files/ab/<sha256>``
for each stored attachment. Reading treats the file as hostile: only these names, sizes bounded by the free disk
space, each attachment checked against its sha256 before anything is moved into place.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

from inspector.errors import DatabaseError
from inspector.filestore import CHUNK, DIGEST_RE, is_digest, path_for

FORMAT = "inspector-backup"
DB_MEMBER = "database.db"
MANIFEST = "manifest.json"
FILE_MEMBER = re.compile(r"files/([0-9a-f]{2})/([0-9a-f]{64})")
MAX_MEMBERS = 1_000_000
MAX_MANIFEST = 64 * 1024
KEEP = "当前数据库未被改动。"

Progress = Callable[[int, str], None]


def stored_files(folder: Path) -> list[Path]:
    """Attachment files present in the folder (only properly named ones; ``.part`` leftovers are not data)."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("??/*") if p.is_file() and is_digest(p.name) and p.parent.name == p.name[:2])


def write(out: Path, snapshot: Path, folder: Path, manifest: dict, progress: Progress | None = None) -> int:
    """Write the zip to ``out`` (via ``out.part``, renamed when complete); returns the number of attachments."""
    files = stored_files(folder)
    partial = out.with_name(out.name + ".part")
    try:
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as zf:
            zf.writestr(MANIFEST, json.dumps({"format": FORMAT, **manifest, "attachments": len(files)},
                                             ensure_ascii=False, indent=1))
            zf.write(snapshot, DB_MEMBER)
            for n, path in enumerate(files, 1):
                zf.write(path, f"files/{path.parent.name}/{path.name}", compress_type=zipfile.ZIP_STORED)
                if progress and n % 50 == 0:
                    progress(int(100 * n / len(files)), f"附件 {n}/{len(files)}")
        partial.replace(out)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return len(files)


def _refuse(name: str, what: str) -> DatabaseError:
    return DatabaseError(f"备份文件“{name}”无法使用：{what}。", f"请换一个备份文件。{KEEP}")


def stage(source: Path, staging: Path) -> tuple[Path, list[tuple[Path, str]]]:
    """Unpack a backup zip into ``staging`` after checking it; returns the database and ``(file, sha256)`` pairs.
    Refuses (``DatabaseError``) any unexpected name, a missing part, too little disk space or a damaged file."""
    name = source.name
    try:
        with zipfile.ZipFile(source) as zf:
            members = _check_members(zf, name)
            _check_manifest(zf, name)
            _check_space(members, staging, name)
            staging.mkdir(parents=True, exist_ok=True)
            database = staging / DB_MEMBER
            _extract(zf, zf.getinfo(DB_MEMBER), database)
            files = []
            for info in members:
                match = FILE_MEMBER.fullmatch(info.filename)
                if match:
                    target = staging / "files" / match.group(2)
                    target.parent.mkdir(exist_ok=True)
                    if _extract(zf, info, target) != match.group(2):
                        raise _refuse(name, f"附件 {match.group(2)[:12]}… 的内容与其校验值不符")
                    files.append((target, match.group(2)))
            return database, files
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError) as exc:
        raise _refuse(name, f"不是完整的备份压缩包（{exc}）") from exc


def _check_members(zf: zipfile.ZipFile, name: str) -> list[zipfile.ZipInfo]:
    members = zf.infolist()
    if len(members) > MAX_MEMBERS:
        raise _refuse(name, f"其中有 {len(members)} 个文件，超出上限")
    names = [m.filename for m in members]
    if len(set(names)) != len(names):
        raise _refuse(name, "其中有重复的文件名")
    for m in members:
        match = FILE_MEMBER.fullmatch(m.filename)
        if m.filename not in (MANIFEST, DB_MEMBER) and not (match and match.group(2)[:2] == match.group(1)):
            raise _refuse(name, f"其中有不属于备份的文件“{m.filename[:80]}”")
    if DB_MEMBER not in names or MANIFEST not in names:
        raise _refuse(name, "缺少数据库或说明文件")
    return members


def _check_manifest(zf: zipfile.ZipFile, name: str) -> None:
    info = zf.getinfo(MANIFEST)
    if info.file_size > MAX_MANIFEST:
        raise _refuse(name, "说明文件过大")
    try:
        manifest = json.loads(zf.read(info).decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise _refuse(name, "说明文件不是有效的 JSON") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise _refuse(name, "不是 Inspector 的备份")


def _check_space(members: list[zipfile.ZipInfo], staging: Path, name: str) -> None:
    needed = sum(m.file_size for m in members)
    folder = staging.parent
    folder.mkdir(parents=True, exist_ok=True)
    free = shutil.disk_usage(folder).free
    if needed > free:
        raise _refuse(name, f"解开需要 {needed // 2**20} MB，磁盘只剩 {free // 2**20} MB")


def _extract(zf: zipfile.ZipFile, info: zipfile.ZipInfo, target: Path) -> str:
    """Copy one member out in bounded chunks (never more than its declared size); returns its sha256."""
    digest = hashlib.sha256()
    with zf.open(info) as src, target.open("wb") as dst:
        for block in iter(lambda: src.read(CHUNK), b""):
            digest.update(block)
            dst.write(block)
    return digest.hexdigest()


def install_files(files: list[tuple[Path, str]], folder: Path) -> int:
    """Move staged attachments into the attachment folder where they are missing; returns how many were added.
    Files are named by content, so adding one never changes an existing record."""
    added = 0
    for staged, digest in files:
        if not DIGEST_RE.fullmatch(digest):
            continue
        target = path_for(folder, digest)
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            staged.replace(target)
            added += 1
    return added
