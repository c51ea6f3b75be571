"""The register of inspectors (执法人员): added, corrected and deactivated, never deleted once on a document.

An inspector named on an inspection, a finding or a re-check is part of records that were printed and signed:
removing them would leave those documents naming nobody, so such an inspector can only be deactivated
(停用) — no longer offered for new inspections, still printed on the old ones. One never used may be deleted
(a typo caught at once).
"""

from __future__ import annotations

import re
from typing import Any

from inspector.db import queries
from inspector.db.store import Store
from inspector.errors import RuleError

CERTIFICATE = re.compile(r"^[0-9A-Za-z\-]{4,30}$")
MAX_NAME = 40
MAX_UNIT = 100


def clean(fields: dict[str, Any]) -> dict[str, Any]:
    """The fields as stored, or a refusal that says which one is wrong and how to put it right."""
    name = re.sub(r"\s+", "", str(fields.get("name") or ""))
    certificate = str(fields.get("certificate_no") or "").strip()
    unit = str(fields.get("unit") or "").strip()
    if not name:
        raise RuleError("姓名不能为空。", "请填写检查人员的姓名。")
    if len(name) > MAX_NAME:
        raise RuleError(f"姓名过长（{len(name)} 个字）。", f"请不超过 {MAX_NAME} 个字。")
    if certificate and not CERTIFICATE.match(certificate):
        raise RuleError(f"执法证号“{certificate[:40]}”的格式不对。", "执法证号应为 4 到 30 位数字或字母。")
    if len(unit) > MAX_UNIT:
        raise RuleError("所属单位过长。", f"请不超过 {MAX_UNIT} 个字。")
    out = {"name": name, "certificate_no": certificate, "unit": unit}
    if "active" in fields:
        out["active"] = 1 if fields["active"] else 0
    return out


def save_inspector(store: Store, fields: dict[str, Any], inspector_id: str | None = None) -> str:
    """Add an inspector or correct one; two live inspectors never share a 执法证号."""
    row = clean(fields)
    with store.atomic():
        other = queries.inspector_by_certificate(store, row["certificate_no"]) if row["certificate_no"] else None
        if other and other["id"] != inspector_id:
            raise RuleError(f"执法证号 {row['certificate_no']} 已登记为“{other['name']}”。",
                            "请核对证号；同一人无需重复添加。")
        if inspector_id is None:
            return store.insert("inspectors", {"active": 1, **row})
        _own(store, inspector_id)
        store.update("inspectors", inspector_id, row)
        return inspector_id


def set_active(store: Store, inspector_id: str, active: bool) -> None:
    with store.atomic():
        _own(store, inspector_id)
        store.update("inspectors", inspector_id, {"active": 1 if active else 0})


def _own(store: Store, inspector_id: str) -> dict[str, Any]:
    """The inspector, if this device registered it: only its owner changes a record (docs/sync-format.md), so
    an edit here of one received from elsewhere would never reach the others and be overwritten."""
    person = store.get("inspectors", inspector_id)
    if person["device_id"] != store.device_id:
        raise RuleError(f"“{person['name']}”由其他设备登记，不能在本机修改、停用或删除。",
                        "请在登记此人员的设备上修改，再同步过来。")
    return person


def remove_inspector(store: Store, inspector_id: str) -> None:
    """Delete an inspector nobody's record names; one already on a document is refused (deactivate it)."""
    with store.atomic():
        person = _own(store, inspector_id)
        if queries.inspector_in_use(store, inspector_id):
            raise RuleError(f"“{person['name']}”已记录在检查或隐患文书中，不能删除。",
                            "可以改为“停用”：不再供新检查选择，原有文书仍显示此人。")
        store.delete("inspectors", inspector_id)
