"""Site checklist templates: create and change them without ever changing one under an existing inspection.

A template that no inspection uses yet is edited in place. One that is in use is never touched: saving makes a
new version (``previous_id`` pointing at the old one), which new inspections pick up while old inspections keep
the items they were walked against.
"""

from __future__ import annotations

from typing import Any

from inspector.db import queries
from inspector.db.store import Store
from inspector.errors import RuleError
from inspector.workflow import GRADES


def _clean_items(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    clean = []
    for n, item in enumerate(items, 1):
        title = str(item.get("title") or "").strip()
        if not title:
            continue
        grade = item.get("default_grade") or "一般"
        if grade not in GRADES:
            raise RuleError(f"第 {n} 项的默认等级“{grade}”无效。", "请选择“一般”或“重大”。")
        try:
            days = int(item.get("default_days") or 15)
        except (TypeError, ValueError) as exc:
            raise RuleError(f"第 {n} 项的整改天数“{item.get('default_days')}”不是数字。") from exc
        if not 1 <= days <= 365:
            raise RuleError(f"第 {n} 项的整改天数应在 1 到 365 天之间。")
        clean.append({"title": title, "text": title, "legal_basis": (item.get("legal_basis") or "").strip() or None,
                      "problem": (item.get("problem") or "").strip() or None,
                      "default_grade": grade, "default_days": days})
    if not clean:
        raise RuleError("检查表至少要有一个检查项。", "请添加检查项后再保存。")
    return clean


def _editable_in_place(store: Store, template_id: str) -> bool:
    """Only this device's own template that no inspection uses yet is changed in place; a built-in template or
    one the district published is never changed here — saving makes this device's own version (a record it
    owns, docs/sync-format.md)."""
    template = store.get("checklists", template_id)
    return (template["device_id"] == store.device_id and not template["builtin"]
            and not queries.template_in_use(store, template_id))


def save_template(store: Store, name: str, items: list[dict[str, Any]], template_id: str | None = None) -> str:
    """Save a template; returns the id of the template that now holds these items (maybe a new version)."""
    if not name.strip():
        raise RuleError("检查表名称不能为空。")
    clean = _clean_items(items)
    with store.atomic():
        if template_id and _editable_in_place(store, template_id):
            store.update("checklists", template_id, {"name": name.strip()})
            for old in queries.checklist_items(store, template_id):
                store.delete("checklist_items", old["id"])
            new_id = template_id
        else:
            previous = store.get("checklists", template_id) if template_id else None
            new_id = store.insert("checklists", {
                "kind": "template", "name": name.strip(), "code": previous["code"] if previous else None,
                "version": previous["version"] + 1 if previous else 1,
                "previous_id": template_id, "description": previous["description"] if previous else None})
        store.insert_many("checklist_items", [
            {"checklist_id": new_id, "position": pos, "kind": "item", "number": str(pos + 1), **item}
            for pos, item in enumerate(clean)])
    return new_id
