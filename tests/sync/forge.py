"""Hostile packages, validly signed by a trusted device: what a town that wants to cheat can produce."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

from inspector.db.store import utc_now
from inspector.sync import keyfile, package


def forge(source, receiver, out: Path, records: dict[str, list[dict[str, Any]]],
          attachments: dict[str, bytes] | None = None, seq: int = 1, **manifest: Any) -> Path:
    """A package from ``source`` to ``receiver`` holding exactly ``records``, signed with the source's key;
    ``manifest`` overrides or adds manifest fields."""
    me = source.sync().identity()
    base = {"package_id": str(uuid.uuid4()), "kind": "data", "created": utc_now(), "seq": seq,
            "sender": {k: me[k] for k in ("device", "name", "sign_public", "enc_public")},
            "clock": source.store.clock.now(), "receiver": {"device": receiver.store.device_id}, "full": True,
            "acked": {"seq": 0}, **manifest}
    return package.write(out, base, records, attachments or {}, keyfile.load(source.store.device_id)["sign_private"])


def sign_raw(sender, out: Path, manifest: dict[str, Any], members: dict[str, bytes]) -> Path:
    """A zip with any manifest and members at all, the manifest signed by the sender (for malformed cases)."""
    import zipfile

    manifest = {**manifest, "members": {n: package.sha256(d) for n, d in members.items()}}
    manifest["signature"] = package.keys.sign(keyfile.load(sender.store.device_id)["sign_private"],
                                              package.canonical(manifest))
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False))
        for name, data in members.items():
            zf.writestr(name, data)
    return out


def row(services, table: str, record_id: str) -> dict[str, Any]:
    return dict(services.store.get(table, record_id))
