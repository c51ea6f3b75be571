"""This device's private keys, kept in a key file in the user's data folder, never in the database.

Anyone who holds a copy of a town's database file (a backup, a stolen USB stick) must not be able to sign
packages as that town, so the private keys live beside the user's profile, one file per device id, readable by
the owner only (``0600``). The public halves stay in the database's settings for display. A database whose key
file is missing (copied to another computer) gets new keys, which the peers' registers do not know: its
packages are refused until a person trusts the new identity.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from inspector.errors import InspectorError
from inspector.sync import keys

PRIVATE = ("sign_private", "enc_private")


def key_dir() -> Path:
    """The folder of key files: ``keys`` in the platform's user data folder for Inspector."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("Inspector", appauthor=False)) / "keys"


def key_path(device_id: str) -> Path:
    if not device_id or any(c not in "0123456789abcdef-" for c in device_id):
        raise InspectorError("本机设备编号无效，无法找到密钥文件。", "请从备份恢复数据库。")
    return key_dir() / f"{device_id}.key"


def load(device_id: str) -> dict[str, str] | None:
    """The device's four keys (base64), or None when it has no key file yet."""
    path = key_path(device_id)
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InspectorError(f"本机密钥文件“{path}”无法读取。", "请从备份恢复该文件，或删除它以生成新密钥"
                             "（之后需请对方重新信任本机）。") from exc
    if not isinstance(data, dict) or not all(isinstance(data.get(k), str) for k in (*PRIVATE, "sign_public",
                                                                                      "enc_public")):
        raise InspectorError(f"本机密钥文件“{path}”内容不完整。", "请从备份恢复该文件。")
    return data


def save(device_id: str, pair: dict[str, str]) -> Path:
    """Write the key file atomically with owner-only permissions (created 0600, never world-readable)."""
    path = key_path(device_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=str(path.parent), suffix=".part")
    try:
        os.chmod(tmp, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(pair, fh)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path


def ensure(device_id: str, legacy: dict[str, str | None]) -> dict[str, str]:
    """The device's keys: from its key file, else moved from ``legacy`` (keys an older version kept in the
    database's settings), else newly made."""
    pair = load(device_id)
    if pair is not None:
        return pair
    if all(legacy.get(k) for k in (*PRIVATE, "sign_public", "enc_public")):
        pair = {k: str(legacy[k]) for k in (*PRIVATE, "sign_public", "enc_public")}
    else:
        pair = keys.new_keys()
    save(device_id, pair)
    return pair
