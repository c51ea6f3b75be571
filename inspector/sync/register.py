"""The local register of peers: who this device trusts, in which role, with which key.

Authority comes from here and never from a package (Git's locally kept allowed-signers file is the model). A
person records a peer's role when trusting its identity file, after comparing the key's fingerprint; a role or
key list claimed in a manifest is ignored. The shape is a star: the district trusts towns, a town trusts
exactly one district key (replacing it is an explicit, warned act), towns never trust each other. Revocation
lasts until an explicit un-revoke; a revoked device's key is never trusted again from a file it sends.
"""

from __future__ import annotations

import re
from typing import Any

from inspector.db import sync as sq
from inspector.db.store import Store
from inspector.errors import RuleError

ROLES = {"town": "街镇", "district": "区"}
DEVICE_RE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
KEY_RE = re.compile(r"[A-Za-z0-9+/]{43}=")  # a 32-byte public key, base64


def my_role(store: Store) -> str:
    return "district" if store.setting("role") == "district" else "town"


def trust(store: Store, identity: dict[str, Any], role: str, *, replace_district: bool = False) -> str:
    """Record ``identity`` as trusted in ``role``; refuse anything the star shape or a revocation forbids."""
    device, key = str(identity.get("device") or ""), str(identity.get("sign_public") or "")
    name = str(identity.get("name") or device[:8])[:100]
    if role not in ROLES:
        raise RuleError(f"角色“{role}”无效。", "请选择“town”（街镇）或“district”（区）。")
    if not device or not key:
        raise RuleError("身份文件缺少设备编号或签名密钥。", "请使用对方“导出本机身份”生成的文件。")
    enc = identity.get("enc_public")
    if not DEVICE_RE.fullmatch(device) or not KEY_RE.fullmatch(key) or not (
            enc is None or (isinstance(enc, str) and KEY_RE.fullmatch(enc))):
        # a key that is not one would be stored, and every fingerprint shown of the register would then fail
        raise RuleError("身份文件中的设备编号或密钥格式不对，不是 Inspector 导出的身份。",
                        "请让对方用“导出本机身份”重新生成身份文件；未登记任何设备。")
    if device == store.device_id:
        raise RuleError("这是本机自己的身份，不能信任自己。", "请选择对方设备导出的身份文件。")
    mine = my_role(store)
    if mine == role:
        raise RuleError(f"本机是{ROLES[mine]}级设备，不能信任另一台{ROLES[role]}级设备“{name}”。",
                        "街镇只信任区里的一把密钥；区信任各街镇。街镇之间不互相信任。")
    existing = sq.peer_by_device(store, device)
    if existing and existing["revoked"]:
        raise RuleError(f"设备“{existing['name']}”已被吊销，不能再次信任。",
                        "如确认要恢复，请在“受信任的设备”中选择“撤销吊销”（需确认）。")
    if existing and existing["trusted"] and existing["public_key"] != key:
        raise RuleError(f"设备“{existing['name']}”的签名密钥与登记的不同。",
                        "如确认对方更换了密钥，请先吊销旧登记再信任新身份。")
    if role == "district":
        _pin_district(store, device, replace_district)
    fields = {"name": name, "unit": _text(identity.get("unit")), "town": _text(identity.get("town")),
              "role": role, "device": device, "public_key": key, "enc_key": _text(identity.get("enc_public")),
              "trusted": 1, "revoked": 0}
    with store.atomic():
        if existing:
            store.update("peers", existing["id"], fields)
            return existing["id"]
        return store.insert("peers", fields)


def _pin_district(store: Store, device: str, replace: bool) -> None:
    others = [p for p in sq.peers(store) if p["role"] == "district" and p["trusted"] and p["device"] != device]
    if others and not replace:
        raise RuleError(f"本机已信任区级设备“{others[0]['name']}”，一个街镇只能信任一把区级密钥。",
                        "如区里确已更换设备，请在“受信任的设备”中选择“更换区级密钥”（需确认）。")
    with store.atomic():
        for old in others:
            store.update("peers", old["id"], {"trusted": 0})
            store.audit("replace_district_key", "peers", old["id"], {"new_device": device})


def revoke(store: Store, device: str) -> None:
    peer = _peer(store, device)
    with store.atomic():
        store.update("peers", peer["id"], {"trusted": 0, "revoked": 1})


def unrevoke(store: Store, device: str) -> None:
    """The explicit way back from a revocation: the same key, trusted again (a person's warned decision)."""
    peer = _peer(store, device)
    if not peer["revoked"]:
        raise RuleError(f"设备“{peer['name']}”没有被吊销。")
    if peer["role"] == "district":
        _pin_district(store, peer["device"], replace=False)
    with store.atomic():
        store.update("peers", peer["id"], {"trusted": 1, "revoked": 0})
        store.audit("unrevoke", "peers", peer["id"], None)


def _peer(store: Store, device: str) -> dict[str, Any]:
    peer = sq.peer_by_device(store, device)
    if peer is None:
        raise RuleError("没有登记这台设备。", "请用 `inspector keys list` 查看已登记的设备编号。")
    return peer


def _text(value: Any) -> str | None:
    return str(value)[:200] if isinstance(value, str) else None
