"""The ``.inspx`` package file: a zip with a signed manifest, records as JSON Lines, attachments by sha256.

Reading runs in order of cost (docs/sync-format.md, “order of checks”): :func:`open_package` reads only the zip's
directory and the small manifest (names, counts and sizes within limits; strict JSON; the manifest schema; a
known format version); the caller then checks the sender against its local register and :func:`verify` checks
the signature with the *registered* key; only then :func:`load` hashes, decrypts and parses the rest. Every
failure raises :class:`ImportFailed` saying what is wrong and what to do.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from inspector.errors import ImportFailed
from inspector.filestore import sha256_file
from inspector.sync import keys, strictjson
from inspector.sync.schema import MANIFEST, check

FORMAT = "inspector-package"
FORMAT_VERSION = 2
MAX_MEMBERS = 500_000
MAX_TOTAL = 64 * 1024**3  # unpacked: a town of 1 M findings is about 9 GB (10 M records), read as a stream
MAX_MEMBER = 512 * 1024**2
MAX_MANIFEST = 1024**2
MAX_LINE = 8 * 1024**2
MAX_RECORDS = 100_000_000
MAX_RATIO = 200  # expansion of the whole package, and of any member above 1 MB (records expand 14–21×)
CHUNK = 1 << 20
MEMBER_RE = re.compile(
    r"(manifest\.json|payload\.bin|records/[a-z_]{1,40}(\.[1-9][0-9]{0,4})?\.jsonl|attachments/[0-9a-f]{64})")


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


@dataclass
class Opened:
    """A package whose directory and manifest were read and checked; nothing else has been read yet."""

    path: Path
    manifest: dict[str, Any]
    archive: zipfile.ZipFile

    def close(self) -> None:
        self.archive.close()


# -- writing -------------------------------------------------------------------------------------------------
SPLIT = 100_000  # records per member: a large table is spread over records/<table>.jsonl, <table>.1.jsonl, …


Records = dict[str, Iterable[dict[str, Any]]]
Attachments = dict[str, bytes | Path] | Callable[[], dict[str, bytes | Path]]


def _write_members(zf: zipfile.ZipFile, records: Records, attachments: Attachments) -> dict[str, str]:
    """Records written line by line into their members as they come (rows may be read from the database as
    they are written; no table is held whole); the sha256 of every member, computed as it is written. The
    attachments may be a function, called once the records are written (their rows say which files)."""
    digests = {}
    for table, rows in records.items():
        source, part, more = iter(rows), 0, True
        while more:
            name = f"records/{table}.jsonl" if part == 0 else f"records/{table}.{part}.jsonl"
            digests[name], more = _write_part(zf, name, source)
            part += 1
    for digest_name, data in (attachments() if callable(attachments) else attachments).items():
        name = f"attachments/{digest_name}"
        if isinstance(data, Path):  # a stored file, copied in chunks
            zf.write(data, name)
            digests[name] = sha256_file(data)
        else:
            zf.writestr(name, data)
            digests[name] = sha256(data)
    return digests


def _write_part(zf: zipfile.ZipFile, name: str, rows: Iterator[dict[str, Any]]) -> tuple[str, bool]:
    """At most SPLIT rows into one member; (its sha256, whether rows remain)."""
    digest = hashlib.sha256()
    with zf.open(name, "w", force_zip64=True) as member:
        for n, r in enumerate(rows, 1):
            line = (json.dumps(r, ensure_ascii=False, sort_keys=True, default=str) + "\n").encode("utf-8")
            digest.update(line)
            member.write(line)
            if n == SPLIT:
                break
        else:
            return digest.hexdigest(), False
    return digest.hexdigest(), True


def write(path: Path, manifest: dict[str, Any], records: Records, attachments: Attachments, sign_private: str,
          encrypt_to: str | None = None) -> Path:
    """Write a package atomically (a temporary file renamed into place): never a half-written package. The
    signed manifest is written last, when every member's checksum is known."""
    manifest = {**manifest, "format": FORMAT, "format_version": FORMAT_VERSION, "encrypted": bool(encrypt_to)}
    fd, tmp = tempfile.mkstemp(dir=str(Path(path).parent), suffix=".part")
    try:
        with os.fdopen(fd, "wb") as fh, zipfile.ZipFile(fh, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
            if encrypt_to:
                manifest["members"] = {"payload.bin": _sealed(zf, encrypt_to, records, attachments)}
            else:
                manifest["members"] = _write_members(zf, records, attachments)
            manifest["signature"] = keys.sign(sign_private, canonical(manifest))
            zf.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8"))
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return Path(path)


def _sealed(zf: zipfile.ZipFile, encrypt_to: str, records: Records, attachments: Attachments) -> str:
    """The members zipped into a temporary file, then sealed into ``payload.bin`` a chunk at a time (stored:
    ciphertext does not compress); its sha256."""
    digest = hashlib.sha256()
    with tempfile.TemporaryFile() as plain:
        with zipfile.ZipFile(plain, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as iz:
            _write_members(iz, records, attachments)
        plain.seek(0)
        info = zipfile.ZipInfo("payload.bin", date_time=(1980, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_STORED
        with zf.open(info, "w", force_zip64=True) as member:
            def put(block: bytes) -> None:
                digest.update(block)
                member.write(block)
            keys.seal_stream(encrypt_to, plain, put)
    return digest.hexdigest()


# -- reading: the directory and the manifest ------------------------------------------------------------------
def _archive(source: Path | bytes | Any, what: str) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise ImportFailed(f"{what}已损坏或不完整（不是完整的 zip 文件）。", "请重新复制或让对方重新导出。") from exc
    try:
        _check_directory(archive, what)
    except BaseException:
        archive.close()
        raise
    return archive


def _check_directory(archive: zipfile.ZipFile, what: str) -> None:
    """Names, counts and sizes from the zip's directory: limits on totals and expansion, not one member."""
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise ImportFailed(f"{what}包含的文件过多（{len(infos)} 个），已拒绝。", "这不是 Inspector 生成的数据包。")
    total = packed = 0
    names = set()
    for info in infos:
        name = info.filename
        if not MEMBER_RE.fullmatch(name) or name in names:
            raise ImportFailed(f"{what}中有不允许的文件路径“{name[:80]}”，已拒绝。", "这个数据包可能被篡改，请勿导入。")
        names.add(name)
        total += info.file_size
        packed += info.compress_size
        ratio = info.file_size / max(info.compress_size, 1)
        limit = MAX_TOTAL if name == "payload.bin" else MAX_MEMBER  # a sealed package is one member
        if info.file_size > limit or total > MAX_TOTAL or (info.file_size > CHUNK and ratio > MAX_RATIO):
            raise ImportFailed(f"{what}解压后过大（可能是“压缩炸弹”），已拒绝。", "请向发送方核实文件来源。")
    if total > 16 * CHUNK and total > MAX_RATIO * max(packed, 1):
        raise ImportFailed(f"{what}解压后过大（可能是“压缩炸弹”），已拒绝。", "请向发送方核实文件来源。")


def _read_member(archive: zipfile.ZipFile, name: str, what: str, limit: int = MAX_MEMBER) -> bytes:
    """A member's bytes, read in chunks and never more than its declared size (or ``limit``)."""
    info = archive.getinfo(name)
    if info.file_size > limit:
        raise ImportFailed(f"{what}中“{name}”过大，已拒绝。", "这不是 Inspector 生成的数据包。")
    out = bytearray()
    try:
        with archive.open(info) as member:
            while block := member.read(CHUNK):
                out += block
                if len(out) > info.file_size:
                    break
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error, NotImplementedError, RuntimeError) as exc:
        raise ImportFailed(f"{what}已损坏或不完整（解压失败）。", "请重新复制或让对方重新导出。") from exc
    if len(out) != info.file_size:
        raise ImportFailed(f"{what}中“{name}”的大小与目录不符，已拒绝。", "请重新获取数据包。")
    return bytes(out)


def open_package(path: Path) -> Opened:
    """Open a package and check its manifest alone (nothing large is read, decrypted or parsed)."""
    path = Path(path)
    if not path.is_file():
        raise ImportFailed(f"找不到数据包“{path}”。", "请确认文件位置。")
    if path.stat().st_size > MAX_TOTAL:
        raise ImportFailed(f"数据包“{path.name}”过大，已拒绝。", "请向发送方核实文件来源。")
    what = f"数据包“{path.name}”"
    archive = _archive(path, what)
    try:
        if "manifest.json" not in archive.namelist():
            raise ImportFailed(f"“{path.name}”缺少清单 manifest.json，不是 Inspector 数据包。",
                               "请选择 .inspx 数据包。")
        manifest = _manifest(_read_member(archive, "manifest.json", what, MAX_MANIFEST), path.name)
    except BaseException:
        archive.close()
        raise
    return Opened(path, manifest, archive)


def _manifest(data: bytes, name: str) -> dict[str, Any]:
    try:
        manifest = strictjson.loads(data)
    except strictjson.BadJSON as exc:
        raise ImportFailed(f"“{name}”的清单无法读取（{exc}）。", "数据包已损坏，请让对方重新导出。") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ImportFailed(f"“{name}”不是 Inspector 数据包。", "请选择 .inspx 数据包。")
    version = manifest.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version > FORMAT_VERSION:
        raise ImportFailed(f"“{name}”由更新版本的 Inspector 生成（格式版本 {str(version)[:10]}）。",
                           "请先升级 Inspector，再导入该数据包。")
    if version < FORMAT_VERSION:
        raise ImportFailed(f"“{name}”由旧版本的 Inspector 生成（格式版本 {version}），其中的权限信息不可信。",
                           "请对方升级 Inspector 后重新导出。")
    problem = check(manifest, MANIFEST)
    if problem:
        raise ImportFailed(f"“{name}”的清单不符合格式：{problem}。", "数据包可能被篡改或已损坏，请勿导入。")
    return manifest


def verify(opened: Opened, sign_public: str) -> None:
    """The manifest's signature, checked with the key this device registered for the sender."""
    if not keys.verify(sign_public, canonical(opened.manifest), opened.manifest["signature"]):
        raise ImportFailed(f"“{opened.path.name}”的签名无效：清单在签名后被修改，或签名是伪造的。",
                           "请勿导入，并联系发送方重新导出。")


# -- reading: the rest, after the sender was accepted -----------------------------------------------------------
@dataclass
class Source:
    """A package whose members matched the signed checksums (first pass: nothing parsed, no row kept).

    The records are read again, batch by batch, by :func:`rows` (the import's second pass, inside its one
    transaction); that pass takes every member's checksum again, so a file changed in between is refused and
    the transaction rolled back. A sealed package keeps its decrypted inner zip in a temporary file; a plain
    one keeps its file open, so the confirmed import reads what was verified even if the file is moved."""

    path: Path
    manifest: dict[str, Any]
    archive: zipfile.ZipFile
    listed: dict[str, str] | None  # the signed checksums of the members (None inside a sealed payload)
    attachments: set[str] = field(default_factory=set)
    plain: Any = None  # the temporary file holding a sealed package's decrypted inner zip

    def tables(self) -> dict[str, list[str]]:
        """The record members of each table, in the order they were written."""
        out: dict[str, list[str]] = {}
        for member in sorted(self.archive.namelist(), key=member_order):
            if member.startswith("records/"):
                out.setdefault(member[8:-6].split(".")[0], []).append(member)
        return out

    def attachment(self, digest: str) -> bytes:
        """An attachment's bytes, checked against its name again."""
        data = _read_member(self.archive, f"attachments/{digest}", f"“{self.path.name}”")
        if sha256(data) != digest:
            raise ImportFailed(f"“{self.path.name}”中的附件内容与名称不符。", "数据包可能被篡改，请勿导入。")
        return data

    def close(self) -> None:
        self.archive.close()
        if self.plain is not None:
            self.plain.close()


def check_members(opened: Opened, enc_private: str | None) -> Source:
    """First pass: every member checked against the signed checksums (read in 1 MB chunks), decrypted when
    sealed; attachments checked against their names. No record is parsed or kept."""
    name, manifest, archive = opened.path.name, opened.manifest, opened.archive
    listed = manifest["members"]
    present = set(archive.namelist()) - {"manifest.json"}
    if set(listed) != present:
        raise ImportFailed(f"“{name}”的内容与清单不符（缺少或多出文件）。", "数据包可能被篡改，请勿导入。")
    if manifest["encrypted"] != ("payload.bin" in present) or (manifest["encrypted"] and len(present) != 1):
        raise ImportFailed(f"“{name}”的加密标记与内容不符。", "数据包可能被篡改，请勿导入。")
    if manifest["encrypted"]:
        if _member_digest(archive, "payload.bin", f"数据包“{name}”") != listed["payload.bin"]:
            raise ImportFailed(f"“{name}”中“payload.bin”的校验和不符：内容在签名后被改动。", "请勿导入，并联系发送方。")
        plain = _open_sealed(archive, enc_private, name)
        source = Source(opened.path, manifest, _inner(plain, name), None, plain=plain)
    else:
        source = Source(opened.path, manifest, archive, listed)
    try:
        for member in sorted(set(source.archive.namelist()) - {"manifest.json"}, key=member_order):
            _check_member(source, member)
    except BaseException:
        if manifest["encrypted"]:
            source.close()
        raise
    return source


def _check_member(source: Source, member: str) -> None:
    what = f"“{source.path.name}”"
    if member.startswith("attachments/"):
        if _member_digest(source.archive, member, what) != member[12:]:
            raise ImportFailed(f"{what}中的附件内容与名称不符。", "数据包可能被篡改，请勿导入。")
        source.attachments.add(member[12:])
    elif source.listed is not None and _member_digest(source.archive, member, what) != source.listed[member]:
        raise ImportFailed(f"{what}中“{member}”的校验和不符：内容在签名后被改动。", "请勿导入，并联系发送方。")


def _member_digest(archive: zipfile.ZipFile, name: str, what: str) -> str:
    """A member's sha256, read in chunks and never more than its declared size."""
    info = archive.getinfo(name)
    digest, size = hashlib.sha256(), 0
    try:
        with archive.open(info) as member:
            while block := member.read(CHUNK):
                size += len(block)
                digest.update(block)
                if size > info.file_size:
                    break
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error, NotImplementedError, RuntimeError) as exc:
        raise ImportFailed(f"{what}已损坏或不完整（解压失败）。", "请重新复制或让对方重新导出。") from exc
    if size != info.file_size:
        raise ImportFailed(f"{what}中“{name}”的大小与目录不符，已拒绝。", "请重新获取数据包。")
    return digest.hexdigest()


def rows(source: Source, member: str, batch: int, counter: list[int]) -> Iterator[list[Any]]:
    """Second pass: a member's records, one strict JSON object per line, ``batch`` at a time; its checksum is
    taken again and the last batch is handed out only when it matches (``counter`` counts records over all
    members, against the limit)."""
    what = f"“{source.path.name}”"
    digest = hashlib.sha256()
    out: list[Any] = []
    number = 0
    try:
        with source.archive.open(member) as fh:
            for line in _lines(fh, digest):
                number += 1
                if len(line) > MAX_LINE:
                    raise ImportFailed(f"{what}中“{member}”第 {number} 行过长，已拒绝。", "请勿导入。")
                if not line.strip():
                    continue
                counter[0] += 1
                if counter[0] > MAX_RECORDS:
                    raise ImportFailed(f"{what}中的记录过多（超过 {MAX_RECORDS} 条），已拒绝。", "请勿导入。")
                try:
                    out.append(strictjson.loads(line))
                except strictjson.BadJSON as exc:
                    raise ImportFailed(f"{what}中“{member}”第 {number} 行无法读取（{exc}）。",
                                       "数据包已损坏或被篡改，请勿导入。") from exc
                if len(out) >= batch:
                    yield out
                    out = []
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error, NotImplementedError, RuntimeError) as exc:
        raise ImportFailed(f"{what}已损坏或不完整（解压失败）。", "请重新复制或让对方重新导出。") from exc
    if source.listed is not None and digest.hexdigest() != source.listed[member]:
        raise ImportFailed(f"{what}中“{member}”的校验和不符：内容在校验后被改动。", "请勿导入，并联系发送方。")
    if out:
        yield out


READ = 1024**2  # bytes of a member read at a time


def _lines(fh: io.BufferedIOBase, digest: Any) -> Iterator[bytes]:
    """A member's lines (without their newlines), read a megabyte at a time, split in C and added to
    ``digest`` as read: a zip member's ``readline`` is Python, one call per line (1.3 s of reading in a 15 s
    import at 20 k findings; 0.6 s this way).
    A line is never held longer than :data:`MAX_LINE` + 1 bytes: a longer one is cut there, for the caller to
    refuse."""
    rest = b""
    while chunk := fh.read(READ):
        digest.update(chunk)
        lines = (rest + chunk).split(b"\n")
        rest = lines.pop()
        yield from lines
        if len(rest) > MAX_LINE:
            yield rest[:MAX_LINE + 1]
            return
    if rest:
        yield rest


def load(opened: Opened, enc_private: str | None) -> Contents:
    """Every member checked and every record parsed, all held in memory: for tools, tests and receipts (which
    carry no records); an import streams through :func:`check` and :func:`rows` instead."""
    source = check_members(opened, enc_private)
    try:
        contents = Contents(opened.manifest)
        counter = [0]
        for table, members in source.tables().items():
            contents.records[table] = [r for m in members for part in rows(source, m, 10_000, counter) for r in part]
        contents.attachments = {d: source.attachment(d) for d in source.attachments}
    finally:
        if source.archive is not opened.archive:
            source.close()
    return contents


def _open_sealed(archive: zipfile.ZipFile, enc_private: str | None, name: str) -> Any:
    """The decrypted inner zip of a sealed package, in a temporary file (a stream sealed a chunk at a time is
    opened a chunk at a time; the single box of earlier packages is read whole)."""
    if not enc_private:
        raise ImportFailed(f"“{name}”已加密，本机没有解密密钥。", "请确认该数据包是发给本机的。")
    plain = tempfile.TemporaryFile()  # noqa: SIM115 (kept open by the Source, closed with it)
    try:
        with archive.open("payload.bin") as fh:
            magic = fh.read(len(keys.SEALED))
            if magic == keys.SEALED:
                ok = keys.open_stream(enc_private, fh, plain.write)
            else:
                data = _decrypt(magic + fh.read(), enc_private, name)
                ok = data is not None and plain.write(data) >= 0
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error, NotImplementedError, RuntimeError) as exc:
        plain.close()
        raise ImportFailed(f"“{name}”已损坏或不完整（解压失败）。", "请重新复制或让对方重新导出。") from exc
    if not ok:
        plain.close()
        raise ImportFailed(f"“{name}”无法解密：不是发给本机的，或已被改动。", "请确认接收方后让对方重新导出。")
    plain.seek(0)
    return plain


def _inner(plain: Any, name: str) -> zipfile.ZipFile:
    """The inner zip of a sealed package (checked like the outer one)."""
    try:
        inner = _archive(plain, f"数据包“{name}”的加密内容")
    except BaseException:
        plain.close()
        raise
    if {"manifest.json", "payload.bin"} & set(inner.namelist()):
        inner.close()
        plain.close()
        raise ImportFailed(f"“{name}”的加密内容中有不允许的文件。", "数据包可能被篡改，请勿导入。")
    return inner


def _decrypt(payload: bytes, enc_private: str, name: str) -> bytes | None:
    """The plaintext of the single sealed box earlier versions wrote (None when it does not open)."""
    try:
        box = strictjson.loads(payload)
    except strictjson.BadJSON:
        return None
    ok = isinstance(box, dict) and all(isinstance(box.get(k), str) for k in ("ephemeral", "salt", "nonce",
                                                                              "ciphertext"))
    return keys.decrypt(enc_private, box) if ok else None


def member_order(name: str) -> tuple[str, int, str]:
    """Members in the order they were written: a table's parts 0, 1, 2… (rows keep the sender's order)."""
    if name.startswith("records/"):
        parts = name[8:-6].split(".")
        return "records/" + parts[0], int(parts[1]) if len(parts) > 1 else 0, name
    return name, 0, name


def read(path: Path, enc_private: str | None = None) -> Contents:
    """Open, verify against the key in the package's own manifest, and load: for tools and tests only. An
    import checks the sender against the local register instead (:mod:`inspector.sync.reader`)."""
    opened = open_package(path)
    try:
        verify(opened, opened.manifest["sender"]["sign_public"])
        return load(opened, enc_private)
    finally:
        opened.close()
