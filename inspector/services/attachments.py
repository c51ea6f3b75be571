"""Attachments (photos, evidence, assessment reports): files beside the database, named by their sha256.

The same photo attached twice is stored once; the record keeps its owner, role and caption. ``inspector check``
verifies that every file is still there with the same content.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path

from inspector.db.store import Store
from inspector.errors import InspectorError
from inspector.filestore import path_for


def stored_path(folder: Path, sha256: str) -> Path:
    """The stored file of an attachment (the name is checked: see :func:`inspector.filestore.path_for`)."""
    return path_for(folder, sha256)


def add_attachment(store: Store, folder: Path, source: Path, owner_table: str, owner_id: str,
                   role: str = "photo", caption: str = "") -> str:
    """Copy ``source`` into the content-addressed folder (once) and record it against its owner; the file stays
    only if the caller's transaction commits."""
    if not source.is_file():
        raise InspectorError(f"找不到附件文件“{source}”。", "请重新选择文件。")
    with store.atomic():
        digest = store.keep_file(folder, source)
        return store.insert(
            "attachments",
            {"sha256": digest, "file_name": source.name, "mime": mimetypes.guess_type(source.name)[0],
             "size": source.stat().st_size, "owner_table": owner_table, "owner_id": owner_id, "role": role,
             "caption": caption},
        )


def add_photo(store: Store, folder: Path, source: Path, owner_table: str, owner_id: str, role: str,
              caption: str = "", max_side: int = 1600) -> str:
    """Keep the original photo, and a resized JPEG copy (``role`` + ``:report``) for printed reports — both or
    neither: a file that is not a picture leaves nothing behind."""
    import tempfile

    with store.atomic(), tempfile.TemporaryDirectory() as tmp:
        original = add_attachment(store, folder, source, owner_table, owner_id, role, caption)
        small = Path(tmp) / f"{source.stem}-report.jpg"
        _save_report_copy(source, small, max_side)
        add_attachment(store, folder, small, owner_table, owner_id, f"{role}:report", caption)
    return original


def _save_report_copy(source: Path, target: Path, max_side: int) -> None:
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with Image.open(source) as image:
            image = ImageOps.exif_transpose(image).convert("RGB")
            image.thumbnail((max_side, max_side))
            image.save(target, "JPEG", quality=85)
    except (UnidentifiedImageError, OSError) as exc:
        raise InspectorError(f"“{source.name}”不是可识别的图片。", "请选择 JPG 或 PNG 照片。") from exc
