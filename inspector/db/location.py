"""Refusing a database on a network share.

SQLite's locking is unreliable over network file systems (sqlite.org/useovernet.html): two laptops writing the
same file on a shared drive corrupt it. District offices like to put files on such drives, so the database is
refused there before anything is written, with a message saying how colleagues share data instead (packages
between their own databases). Detection covers a UNC path (``\\\\server\\share``), a mapped network drive on
Windows (``GetDriveTypeW`` = ``DRIVE_REMOTE``), and an NFS/SMB/CIFS/sshfs mount on Linux (``/proc/mounts``) or
macOS (``mount``). The mount table and the drive-type function are parameters, so tests need no network.
"""

from __future__ import annotations

import ntpath
import os
import sys
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from inspector.errors import DatabaseError

NETWORK_TYPES = {"nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "sshfs", "fuse.sshfs", "afpfs", "webdav",
                 "davfs", "fuse.davfs2", "ncpfs", "9p", "afs", "glusterfs", "fuse.glusterfs", "ceph", "fuse.rclone",
                 "fuse.gvfsd-fuse", "lustre"}
DRIVE_REMOTE = 4


def _unescape(field: str) -> str:
    """``/proc/mounts`` writes a space as ``\\040`` (and tab, newline, backslash likewise)."""
    return field.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\")


def parse_proc_mounts(text: str) -> list[tuple[str, str]]:
    """``(mount point, file-system type)`` from Linux's ``/proc/mounts``."""
    table = []
    for line in text.splitlines():
        fields = line.split()
        if len(fields) >= 3:
            table.append((_unescape(fields[1]), fields[2]))
    return table


def parse_bsd_mount(text: str) -> list[tuple[str, str]]:
    """``(mount point, type)`` from macOS's ``mount``: ``//u@server/share on /Volumes/share (smbfs, nodev, …)``."""
    table = []
    for line in text.splitlines():
        if " on " not in line or " (" not in line:
            continue
        rest = line.split(" on ", 1)[1]
        point, _, options = rest.rpartition(" (")
        table.append((point, options.split(",", 1)[0].strip(" )")))
    return table


def mount_type(path: str, table: list[tuple[str, str]]) -> str | None:
    """The file-system type of the longest mount point that contains ``path`` (a POSIX absolute path)."""
    target = PurePosixPath(path)
    best: tuple[int, str] | None = None
    for point, kind in table:
        mount = PurePosixPath(point)
        if (target == mount or mount in target.parents) and (best is None or len(mount.parts) > best[0]):
            best = (len(mount.parts), kind)
    return best[1] if best else None


def _system_mounts(platform: str) -> list[tuple[str, str]]:
    try:
        if platform.startswith("linux"):
            return parse_proc_mounts(Path("/proc/mounts").read_text(encoding="utf-8", errors="replace"))
        if platform == "darwin":
            import subprocess  # here only: a Linux start-up reads /proc/mounts and needs no process

            try:
                out = subprocess.run(["mount"], capture_output=True, text=True, timeout=5, check=False).stdout
            except subprocess.SubprocessError:
                return []
            return parse_bsd_mount(out)
    except OSError:
        pass
    return []


def _windows_drive_type(root: str) -> int:
    import ctypes

    return ctypes.windll.kernel32.GetDriveTypeW(root)  # type: ignore[attr-defined]


def network_location(path: Path | str, *, platform: str = sys.platform,
                     mounts: list[tuple[str, str]] | None = None,
                     drive_type: Callable[[str], int] | None = None) -> str | None:
    """Why ``path`` is on a network share (e.g. ``"网络路径 \\\\server\\share"``, ``"nfs4 网络挂载"``), or ``None``."""
    text = str(path)
    if platform == "win32":
        drive = ntpath.splitdrive(os.path.abspath(text) if sys.platform == "win32" else text)[0]
        if drive.startswith(("\\\\", "//")):
            return f"网络路径 {drive}"
        if drive:
            kind = (drive_type or _windows_drive_type)(drive + "\\")
            return f"网络驱动器 {drive}" if kind == DRIVE_REMOTE else None
        return None
    table = mounts if mounts is not None else _system_mounts(platform)
    kind = mount_type(os.path.realpath(text) if mounts is None else text, table)
    return f"{kind} 网络挂载" if kind and kind.lower() in NETWORK_TYPES else None


def refuse_network_share(path: Path | str, **probe) -> None:
    """Raise :class:`DatabaseError` (in Chinese: why, and what to do) for a database on a network share."""
    where = network_location(path, **probe)
    if where:
        raise DatabaseError(
            f"数据库“{Path(str(path)).name}”位于网络共享上（{where}）。SQLite 的文件锁在网络文件夹上不可靠，"
            "几台电脑同时使用或网络中断都会损坏数据库，因此 Inspector 不在网络共享上打开数据库。",
            "请把数据库放在本机硬盘上（例如默认的用户数据文件夹），用 --db 指定本机路径。同事之间共享数据请用"
            "“同步”页（或 inspector export / import-package）：各人使用自己的数据库，互相导出、导入数据包。"
            "文件未被修改。")
