"""Attachments (photos, evidence, assessment reports): files beside the database, named by their sha256.

The same photo attached twice is stored once; the record keeps its owner, role and caption. ``inspector check``
verifies that every file is still there with the same content.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path

from inspector.db.store import Store
from inspector.errors import InspectorError
from inspector.filestore import path_for, put_file, sha256_file


def stored_path(folder: Path, sha256: str) -> Path:
    """The stored file of an attachment (the name is checked: see :func:`inspector.filestore.path_for`)."""
    return path_for(folder, sha256)


def add_attachment(store: Store, folder: Path, source: Path, owner_table: str, owner_id: str,
                   role: str = "photo", caption: str = "") -> str:
    """Copy ``source`` into the content-addressed folder (once) and record it against its owner."""
    if not source.is_file():
        raise InspectorError(f"找不到附件文件“{source}”。", "请重新选择文件。")
    digest = sha256_file(source)
    put_file(folder, source, digest)
    return store.insert(
        "attachments",
        {"sha256": digest, "file_name": source.name, "mime": mimetypes.guess_type(source.name)[0],
         "size": source.stat().st_size, "owner_table": owner_table, "owner_id": owner_id, "role": role,
         "caption": caption},
    )


def add_photo(store: Store, folder: Path, source: Path, owner_table: str, owner_id: str, role: str,
              caption: str = "", max_side: int = 1600) -> str:
    """Keep the original photo, and a resized JPEG copy (``role`` + ``:report``) for printed reports."""
    original = add_attachment(store, folder, source, owner_table, owner_id, role, caption)
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with Image.open(source) as image:
            image = ImageOps.exif_transpose(image).convert("RGB")
            image.thumbnail((max_side, max_side))
            import tempfile

            with tempfile.TemporaryDirectory() as tmp:
                small = Path(tmp) / f"{source.stem}-report.jpg"
                image.save(small, "JPEG", quality=85)
                add_attachment(store, folder, small, owner_table, owner_id, f"{role}:report", caption)
    except (UnidentifiedImageError, OSError) as exc:
        raise InspectorError(f"“{source.name}”不是可识别的图片。", "请选择 JPG 或 PNG 照片。") from exc
    return original
