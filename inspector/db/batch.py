"""Queries behind the batch verbs (inspector.services.batch): the findings of one inspection and the cases with
overdue findings, each read through an index (idx_findings_inspection, idx_findings_live)."""

from __future__ import annotations

from datetime import date
from typing import Any

from inspector.db.store import Store

ALIVE = "deleted_at IS NULL"
OPEN_STATUSES = ("registered",  # inspector.workflow: every status but the rectified
                 "ordered", "rectifying", "awaiting_recheck", "recheck_failed", "extended")


def findings_waiting_for_order(store: Store, inspection_id: str) -> list[dict[str, Any]]:
    """The inspection's findings still only registered (no order issued yet), in the order they were found."""
    return store.rows(
        f"""SELECT id, description, grade, found_on, current_deadline FROM findings
            WHERE inspection_id = ? AND {ALIVE} AND status = 'registered' ORDER BY found_on, rowid""",
        [inspection_id])


def findings_of_inspection(store: Store, inspection_id: str) -> list[dict[str, Any]]:
    """The inspection's findings with whether each was ordered and re-checked (from their events)."""
    return store.rows(
        f"""SELECT f.id, f.grade, f.status,
                   EXISTS (SELECT 1 FROM finding_events e WHERE e.finding_id = f.id AND e.kind = 'order_issued')
                     AS ordered,
                   EXISTS (SELECT 1 FROM finding_events e WHERE e.finding_id = f.id AND e.kind = 'recheck')
                     AS rechecked
            FROM findings f WHERE f.inspection_id = ? AND f.{ALIVE} ORDER BY f.found_on, f.rowid""",
        [inspection_id])


def overdue_cases(store: Store, today: date, limit: int) -> list[str]:
    """One finding id per inspection with an order issued and findings past their deadline, not rectified —
    oldest deadline first. Only findings after their order are overdue for an order's reprint."""
    marks = ", ".join("?" * len(OPEN_STATUSES[1:]))
    return [r["id"] for r in store.rows(
        f"""SELECT min(f.id) AS id FROM findings f
            WHERE f.{ALIVE} AND f.status IN ({marks}) AND f.current_deadline < ? AND f.inspection_id IS NOT NULL
            GROUP BY f.inspection_id ORDER BY min(f.current_deadline) LIMIT ?""",
        [*OPEN_STATUSES[1:], today.isoformat(), limit])]
