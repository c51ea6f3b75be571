"""The attachment folder: where files live beside the database, and the only place their paths are built.

Files are named by their sha256 (content-addressed) under ``<database stem>-files/<first two hex>/<sha256>``. A name
comes from outside (a package, a database written elsewhere), so every path is built here from a name checked to
be exactly 64 lowercase hex characters: no ``/etc/…``, ``..`` or device file can ever be reached through it.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

DIGEST_RE = re.compile(r"[0-9a-f]{64}")
CHUNK = 1 << 20


def files_dir(db_path: Path) -> Path:
    """The attachment folder of the database at ``db_path``."""
    return db_path.parent / f"{db_path.stem}-files"


def is_digest(name: object) -> bool:
    """Exactly 64 lowercase hex characters: the only names a stored file can have."""
    return isinstance(name, str) and DIGEST_RE.fullmatch(name) is not None


def path_for(folder: Path, digest: str) -> Path:
    """The stored file for ``digest``; refuses any other name (``ValueError``)."""
    if not is_digest(digest):
        raise ValueError(f"not an attachment name: {digest!r:.80}")
    return folder / digest[:2] / digest


def sha256_bytes(data: bytes) -> str:
    """The sha256 of ``data``. hashlib is imported when first needed, here and in :func:`sha256_file`: loading
    OpenSSL is a few milliseconds of start-up, and the window needs no digest to open."""
    import hashlib

    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    """The sha256 of a file, read in bounded chunks (memory stays small whatever the file's size)."""
    import hashlib

    digest = hashlib.sha256()
    with Path(path).open("rb") as fh:
        for block in iter(lambda: fh.read(CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


def put_file(folder: Path, source: Path, digest: str) -> bool:
    """Copy ``source`` in under ``digest`` unless it is there; never a half-written file under the final name.
    Returns whether a new file was written."""
    target = path_for(folder, digest)
    if target.exists():
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".part")
    shutil.copyfile(source, partial)
    partial.replace(target)
    return True


def put_bytes(folder: Path, data: bytes, digest: str | None = None) -> tuple[str, bool]:
    """Store ``data`` under its own sha256 (``digest``, when the caller has just computed it); returns the name
    and whether a new file was written."""
    digest = digest or sha256_bytes(data)
    target = path_for(folder, digest)
    if target.exists():
        return digest, False
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".part")
    partial.write_bytes(data)
    partial.replace(target)
    return digest, True
