"""A database on a network share is refused, from fake mount tables and paths (no network needed)."""

from __future__ import annotations

import sys

import pytest

from inspector.db import location
from inspector.db.location import network_location, parse_bsd_mount, parse_proc_mounts, refuse_network_share
from inspector.errors import DatabaseError

PROC_MOUNTS = """\
/dev/sda2 / ext4 rw,relatime 0 0
tmpfs /tmp tmpfs rw 0 0
fileserver:/export/anquan /mnt/share nfs4 rw,vers=4.2 0 0
//district/共享 /mnt/share/local\\040disk cifs rw 0 0
/dev/sdb1 /mnt/share/usb ext4 rw 0 0
user@host:/srv /home/li/remote fuse.sshfs rw 0 0
"""

MAC_MOUNT = """\
/dev/disk3s1s1 on / (apfs, sealed, local, read-only, journaled)
//officer@district-nas/共享 盘 on /Volumes/共享 盘 (smbfs, nodev, nosuid, mounted by officer)
/dev/disk4s1 on /Volumes/U盘 (msdos, local, nodev, nosuid, noowners)
"""


@pytest.mark.parametrize(("path", "expected"), [
    ("/home/li/inspector.db", None),
    ("/tmp/x.db", None),
    ("/mnt/share/town.db", "nfs4"),
    ("/mnt/share/a/b/town.db", "nfs4"),
    ("/mnt/share/local disk/town.db", "cifs"),  # the longest mount point wins, with its escaped space
    ("/mnt/share/usb/town.db", None),  # a local disk mounted inside a network share
    ("/mnt/shared/town.db", None),  # a prefix of the name is not a parent folder
    ("/home/li/remote/town.db", "fuse.sshfs"),
])
def test_linux_mount_table(path, expected):
    where = network_location(path, platform="linux", mounts=parse_proc_mounts(PROC_MOUNTS))
    assert (where is None) if expected is None else (where is not None and expected in where)


def test_macos_mount_output():
    table = parse_bsd_mount(MAC_MOUNT)
    assert network_location("/Volumes/共享 盘/town.db", platform="darwin", mounts=table) == "smbfs 网络挂载"
    assert network_location("/Volumes/U盘/town.db", platform="darwin", mounts=table) is None
    assert network_location("/Users/li/town.db", platform="darwin", mounts=table) is None


def test_windows_unc_paths_and_mapped_drives():
    drives = {"C:\\": 3, "Z:\\": location.DRIVE_REMOTE, "E:\\": 2}
    probe = {"platform": "win32", "drive_type": lambda root: drives[root]}
    assert "网络路径" in network_location(r"\\district-nas\共享\town.db", **probe)
    assert "网络路径" in network_location("//district-nas/share/town.db", **probe)
    assert network_location(r"Z:\安全检查\town.db", **probe) == "网络驱动器 Z:"
    assert network_location(r"C:\Users\li\town.db", **probe) is None
    assert network_location(r"E:\U盘\town.db", **probe) is None


def test_the_refusal_says_why_and_how_to_share_instead():
    with pytest.raises(DatabaseError) as refused:
        refuse_network_share("/mnt/share/town.db", platform="linux", mounts=parse_proc_mounts(PROC_MOUNTS))
    text = str(refused.value)
    assert "网络共享" in text and "文件锁" in text and "数据包" in text and "town.db" in text
    refuse_network_share("/home/li/town.db", platform="linux", mounts=parse_proc_mounts(PROC_MOUNTS))


@pytest.mark.skipif(sys.platform == "win32", reason="mount tables are for Linux and macOS")
def test_services_refuse_to_open_a_database_on_a_share_and_create_nothing(tmp_path, monkeypatch):
    from inspector.services import Services

    monkeypatch.setattr(location, "_system_mounts", lambda platform: [(str(tmp_path), "cifs")])
    target = tmp_path / "town.db"
    with pytest.raises(DatabaseError):
        Services.open(target)
    assert not target.exists()
