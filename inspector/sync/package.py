"""The ``.inspx`` package file: a zip with a signed manifest, records as JSON Lines, attachments by sha256.

Reading checks everything before anything is used: a zip that is whole, member names that stay inside the
package, sizes and counts within limits (no zip bombs), a format version this program knows, a checksum for
every member and a valid signature of the manifest. Any failure raises :class:`ImportFailed` saying what is
wrong and what to do. See docs/sync-format.md.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from inspector.errors import ImportFailed
from inspector.sync import keys

FORMAT = "inspector-package"
FORMAT_VERSION = 1
MAX_MEMBERS = 500_000
MAX_TOTAL = 4 * 1024**3
MAX_MEMBER = 512 * 1024**2
MAX_RATIO = 200
MEMBER_RE = re.compile(r"^(manifest\.json|payload\.bin|records/[a-z_]+\.jsonl|attachments/[0-9a-f]{64})$")


def canonical(manifest: dict[str, Any]) -> bytes:
    """The bytes that are signed: the manifest without its signature, keys sorted, no spaces."""
    body = {k: v for k, v in manifest.items() if k != "signature"}
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class Contents:
    """A verified package: its manifest, its records per table and its attachment bytes by sha256."""

    manifest: dict[str, Any]
    records: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    attachments: dict[str, bytes] = field(default_factory=dict)


def _members(records: dict[str, list[dict[str, Any]]], attachments: dict[str, bytes]) -> dict[str, bytes]:
    members = {}
    for table, rows in records.items():
        members[f"records/{table}.jsonl"] = "".join(
            json.dumps(r, ensure_ascii=False, sort_keys=True, default=str) + "\n" for r in rows).encode("utf-8")
    for digest, data in attachments.items():
        members[f"attachments/{digest}"] = data
    return members


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buffer.getvalue()


def write(path: Path, manifest: dict[str, Any], records: dict[str, list[dict[str, Any]]],
          attachments: dict[str, bytes], sign_private: str, encrypt_to: str | None = None) -> Path:
    """Write a package atomically (a temporary file renamed into place): never a half-written package."""
    members = _members(records, attachments)
    manifest = {**manifest, "format": FORMAT, "format_version": FORMAT_VERSION, "encrypted": bool(encrypt_to),
                "counts": {t: len(r) for t, r in records.items()},
                "attachment_count": len(attachments)}
    if encrypt_to:
        box = keys.encrypt(encrypt_to, _zip(members))
        members = {"payload.bin": json.dumps(box).encode("ascii")}
    manifest["members"] = {name: sha256(data) for name, data in members.items()}
    manifest["signature"] = keys.sign(sign_private, canonical(manifest))
    members = {"manifest.json": json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8"), **members}
    fd, tmp = tempfile.mkstemp(dir=str(Path(path).parent), suffix=".part")
    os.close(fd)
    try:
        Path(tmp).write_bytes(_zip(members))
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return Path(path)


def _open_zip(data: bytes, what: str) -> dict[str, bytes]:
    """Every member, after the checks on names, counts and sizes."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise ImportFailed(f"{what}已损坏或不完整（不是完整的 zip 文件）。", "请重新复制或让对方重新导出。") from exc
    if len(infos) > MAX_MEMBERS:
        raise ImportFailed(f"{what}包含的文件过多（{len(infos)} 个），已拒绝。", "这不是 Inspector 生成的数据包。")
    total = 0
    for info in infos:
        name = info.filename
        if name.startswith(("/", "\\")) or ".." in name.split("/") or "\\" in name or not MEMBER_RE.match(name):
            raise ImportFailed(f"{what}中有不允许的文件路径“{name}”，已拒绝。", "这个数据包可能被篡改，请勿导入。")
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MAX_MEMBER or total > MAX_TOTAL or (info.file_size > 1024**2 and ratio > MAX_RATIO):
            raise ImportFailed(f"{what}解压后过大（可能是“压缩炸弹”），已拒绝。", "请向发送方核实文件来源。")
    out = {}
    try:
        for info in infos:
            with zf.open(info) as member:
                data = member.read(MAX_MEMBER + 1)
            if len(data) != info.file_size:
                raise ImportFailed(f"{what}中“{info.filename}”的大小与目录不符，已拒绝。", "请重新获取数据包。")
            out[info.filename] = data
    except (zipfile.BadZipFile, OSError, EOFError, zlib_error()) as exc:
        raise ImportFailed(f"{what}已损坏或不完整（解压失败）。", "请重新复制或让对方重新导出。") from exc
    return out


def zlib_error() -> type:
    import zlib

    return zlib.error


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read(path: Path, enc_private: str | None = None) -> Contents:
    """Open and verify a package (signature checked against the key in its own manifest; trust is the
    caller's decision)."""
    path = Path(path)
    if not path.is_file():
        raise ImportFailed(f"找不到数据包“{path}”。", "请确认文件位置。")
    members = _open_zip(path.read_bytes(), f"数据包“{path.name}”")
    if "manifest.json" not in members:
        raise ImportFailed(f"“{path.name}”缺少清单 manifest.json，不是 Inspector 数据包。", "请选择 .inspx 数据包。")
    try:
        manifest = json.loads(members.pop("manifest.json"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise ImportFailed(f"“{path.name}”的清单无法读取。", "数据包已损坏，请让对方重新导出。") from exc
    if manifest.get("format") != FORMAT:
        raise ImportFailed(f"“{path.name}”不是 Inspector 数据包。", "请选择 .inspx 数据包。")
    if not isinstance(manifest.get("format_version"), int) or manifest["format_version"] > FORMAT_VERSION:
        raise ImportFailed(f"“{path.name}”由更新版本的 Inspector 生成（格式版本 {manifest.get('format_version')}）。",
                           "请先升级 Inspector，再导入该数据包。")
    sender = manifest.get("sender") or {}
    if not sender.get("sign_public") or not keys.verify(sender["sign_public"], canonical(manifest),
                                                         manifest.get("signature", "")):
        raise ImportFailed(f"“{path.name}”的签名无效：清单在签名后被修改，或签名是伪造的。",
                           "请勿导入，并联系发送方重新导出。")
    listed = manifest.get("members") or {}
    if set(listed) != set(members):
        raise ImportFailed(f"“{path.name}”的内容与清单不符（缺少或多出文件）。", "数据包可能被篡改，请勿导入。")
    for name, data in members.items():
        if sha256(data) != listed[name]:
            raise ImportFailed(f"“{path.name}”中“{name}”的校验和不符：内容在签名后被改动。", "请勿导入，并联系发送方。")
    if manifest.get("encrypted"):
        if not enc_private:
            raise ImportFailed(f"“{path.name}”已加密，本机没有解密密钥。", "请确认该数据包是发给本机的。")
        plain = keys.decrypt(enc_private, json.loads(members["payload.bin"]))
        if plain is None:
            raise ImportFailed(f"“{path.name}”无法解密：不是发给本机的，或已被改动。", "请确认接收方后让对方重新导出。")
        members = _open_zip(plain, f"数据包“{path.name}”的加密内容")
    contents = Contents(manifest)
    for name, data in members.items():
        if name.startswith("records/"):
            try:
                text = data.decode("utf-8").strip()
                # one record per line; newlines inside values are escaped, so the lines join into one array
                contents.records[name[8:-6]] = json.loads("[" + text.replace("\n", ",") + "]") if text else []
            except (ValueError, UnicodeDecodeError) as exc:
                raise ImportFailed(f"“{path.name}”中的记录“{name}”无法读取。", "数据包已损坏。") from exc
        elif name.startswith("attachments/"):
            if sha256(data) != name[12:]:
                raise ImportFailed(f"“{path.name}”中的附件内容与名称不符。", "数据包可能被篡改，请勿导入。")
            contents.attachments[name[12:]] = data
    return contents
