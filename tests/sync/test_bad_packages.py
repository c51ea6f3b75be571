"""Every bad package is refused with a clear message, and the database afterwards is the same dump as before."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from inspector.db.sync import dump
from inspector.errors import ImportFailed
from inspector.sync import keyfile, keys, package


@pytest.fixture
def good(world, tmp_path):
    a = world["a"]
    site = a.add_site(name="上海恒达餐饮有限公司", town="长寿路街道")
    photo = tmp_path / "p.png"
    photo.write_bytes(b"\x89PNG fake photo bytes")
    a.add_attachment(photo, "sites", site)
    out = tmp_path / "good.inspx"
    a.sync().export("普陀区应急局", out, encrypt=False)
    return out


def rewrite(src, dst, change) -> None:
    """Copy a package member by member, letting ``change(name, data)`` alter (or drop, with None) each one."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for info in zin.infolist():
            data = change(info.filename, zin.read(info))
            if data is not None:
                zout.writestr(info.filename, data)


def refused(services, path, match: str) -> ImportFailed:
    before = dump(services.store)
    with pytest.raises(ImportFailed, match=match) as info:
        services.sync().import_package(path)
    assert dump(services.store) == before
    assert info.value.hint
    return info.value


def test_the_good_package_imports(world, good):
    assert world["d"].sync().import_package(good).tables["sites"]["new"] == 1


def test_truncated_and_corrupted_zip(world, good, tmp_path):
    cut = tmp_path / "cut.inspx"
    cut.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    refused(world["d"], cut, "损坏或不完整")
    garbled = bytearray(good.read_bytes())
    garbled[200:400] = b"\x00" * 200
    bad = tmp_path / "garbled.inspx"
    bad.write_bytes(bytes(garbled))
    refused(world["d"], bad, "损坏|校验和|不完整|签名")


def test_record_edited_after_signing(world, good, tmp_path):
    bad = tmp_path / "edited.inspx"
    rewrite(good, bad, lambda n, d: d.replace("上海恒达".encode(), "上海伪造".encode()) if n.startswith("records/")
            else d)
    refused(world["d"], bad, "校验和不符")


def test_wrong_checksum_in_manifest_and_forged_signature(world, good, tmp_path):
    def tamper_manifest(name, data):
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        first = next(iter(manifest["members"]))
        manifest["members"][first] = "0" * 64
        return json.dumps(manifest).encode()

    bad = tmp_path / "checksum.inspx"
    rewrite(good, bad, tamper_manifest)
    refused(world["d"], bad, "签名无效")
    forger = keys.new_keys()

    def forge(name, data):
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        manifest["signature"] = keys.sign(forger["sign_private"], package.canonical(manifest))
        return json.dumps(manifest).encode()

    forged = tmp_path / "forged.inspx"
    rewrite(good, forged, forge)
    refused(world["d"], forged, "签名无效")


def test_unknown_key_is_refused_until_trusted(world, good, tmp_path):
    d = world["d"]
    d.sync().revoke(world["a"].store.device_id)
    error = refused(d, good, "已吊销")
    assert "keys trust" in error.hint


def test_member_path_climbing_out(world, good, tmp_path):
    bad = tmp_path / "climb.inspx"
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(bad, "w") as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, zin.read(info))
        zout.writestr("../../etc/evil.sh", b"rm -rf /")
    refused(world["d"], bad, "不允许的文件路径")


def test_zip_bomb(world, good, tmp_path):
    bomb = tmp_path / "bomb.inspx"
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, zin.read(info))
        zout.writestr("attachments/" + "a" * 64, b"\x00" * (40 * 1024 * 1024))
    refused(world["d"], bomb, "压缩炸弹")


def test_newer_format_version(world, tmp_path):
    a = world["a"]
    out = tmp_path / "new.inspx"
    a.sync().export("普陀区应急局", out, encrypt=False)
    newer = tmp_path / "newer.inspx"

    def bump(name, data):
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        manifest["format_version"] = 99
        manifest["signature"] = keys.sign(keyfile.load(a.store.device_id)["sign_private"],
                                          package.canonical(manifest))
        return json.dumps(manifest).encode()

    rewrite(out, newer, bump)
    error = refused(world["d"], newer, "更新版本")
    assert "升级" in error.hint


def test_addressed_to_another_and_from_this_device(world, good, tmp_path):
    refused(world["b"], good, "不是发给本机的")
    own = tmp_path / "own.inspx"
    world["d"].sync().export("长寿路街道", own)
    refused(world["d"], own, "本机自己导出")


def test_not_a_package_at_all(world, tmp_path):
    text = tmp_path / "notes.inspx"
    text.write_text("这不是数据包", encoding="utf-8")
    refused(world["d"], text, "损坏或不完整")
    empty_zip = tmp_path / "empty.inspx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("records/sites.jsonl", b"")
    empty_zip.write_bytes(buffer.getvalue())
    refused(world["d"], empty_zip, "manifest")
