"""A town's follow-up of work-plan tasks: quarterly progress, status, evidence and the closing note."""

from __future__ import annotations

from datetime import date
from typing import Any

from inspector.db import queries
from inspector.db.store import Store
from inspector.errors import RuleError

STATUSES = ("未启动", "推进中", "已完成")
LATE = "滞后"
PROGRESS_FIELDS = ("status", "q1", "q2", "q3", "q4", "evidence", "closing_note")


ALL_WORK_PLANS = "all"
"""In place of a checklist's id: every current work plan at once (我的全部任务)."""
EVERY_TOWN = "各街镇"


def is_town_share(unit_names: set[str] | list[str], town: str | None) -> bool:
    """Whether a task falls to the town: it names 各街镇 or the town itself (every task when no town is set)."""
    return not town or any(name == EVERY_TOWN or town in name for name in unit_names)


def effective_status(stored: str | None, deadline: str | None, today: date) -> str:
    """滞后 is not typed by anyone: a task not completed whose deadline has passed is late."""
    status = stored or "未启动"
    if status != "已完成" and deadline and deadline < today.isoformat():
        return LATE
    return status


def check_progress(store: Store, item_id: str, **fields: Any) -> None:
    """The rules for a progress change, checked before anything is saved."""
    unknown = set(fields) - set(PROGRESS_FIELDS)
    if unknown:
        raise RuleError(f"未知字段：{'、'.join(sorted(unknown))}")
    if "status" in fields and fields["status"] not in STATUSES:
        raise RuleError(f"状态“{fields['status']}”无效。", "请选择未启动、推进中或已完成（滞后由期限自动判断）。")
    if fields.get("status") == "已完成" and not (fields.get("closing_note") or _existing_note(store, item_id)):
        raise RuleError("标记“已完成”前请填写完成情况说明（销项说明）。", "在“完成情况”中写明落实结果和佐证材料。")


def save_progress(store: Store, item_id: str, **fields: Any) -> str:
    """Create or update the progress record of one task; only known fields, only the three typed statuses."""
    with store.atomic():
        check_progress(store, item_id, **fields)
        existing = queries.task_progress(store, item_id)
        if existing:
            store.update("task_progress", existing["id"], fields)
            return existing["id"]
        store.get("checklist_items", item_id)
        return store.insert("task_progress", {"item_id": item_id, **fields})


def _existing_note(store: Store, item_id: str) -> str | None:
    existing = queries.task_progress(store, item_id)
    return existing["closing_note"] if existing else None
