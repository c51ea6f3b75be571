"""Read queries behind the pages' first screens, each bounded so that a page opens at district scale.

The pages run these on a worker thread (see ``inspector.ui.background``); each one returns only what a screen
shows — a few hundred rows at most — and never scans a large table once per row.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from inspector.db.store import Store
from inspector.workflow import RECTIFIED

ALIVE = "deleted_at IS NULL"


def status_summary(store: Store, today: date) -> dict[str, int]:
    """What the status bar shows, with one pass over the findings (grouped by status and grade)."""
    out = {"open": 0, "overdue": 0, "major": 0}
    for status, grade, n, late in store.db.execute(
        f"""SELECT status, grade, count(*), sum(current_deadline < ?) FROM findings WHERE {ALIVE}
            GROUP BY status, grade""", [today.isoformat()]):
        if status not in RECTIFIED:
            out["open"] += n
            out["overdue"] += late or 0
            out["major"] += n if grade == "重大" else 0
    one = store.scalar
    out["checklists"] = one(f"SELECT count(*) FROM checklists WHERE {ALIVE} AND kind = 'workplan'")
    out["tasks"] = one(
        f"""SELECT count(*) FROM checklist_items i JOIN checklists c ON c.id = i.checklist_id
            WHERE i.{ALIVE} AND c.{ALIVE} AND c.kind = 'workplan' AND i.kind = 'task'""")
    out["sites"] = one(f"SELECT count(*) FROM sites WHERE {ALIVE}")
    return out


def recent_inspections(store: Store, limit: int) -> list[dict[str, Any]]:
    """The newest inspections with their finding counts, counted for those rows only (one grouped query)."""
    rows = store.rows(
        f"""SELECT i.*, s.name AS site, s.town, c.name AS checklist
            FROM inspections i JOIN sites s ON s.id = i.site_id LEFT JOIN checklists c ON c.id = i.checklist_id
            WHERE i.{ALIVE} ORDER BY i.started_at DESC LIMIT ?""", [limit])
    counts: dict[str, int] = {}
    ids = [r["id"] for r in rows]
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        counts.update(store.db.execute(
            f"""SELECT inspection_id, count(*) FROM findings WHERE {ALIVE}
                AND inspection_id IN ({', '.join('?' * len(chunk))}) GROUP BY inspection_id""", chunk).fetchall())
    for row in rows:
        row["findings"] = counts.get(row["id"], 0)
    return rows


def recent_findings(store: Store, limit: int) -> list[dict[str, Any]]:
    """The newest findings, for a choice list (walks the found-on index, stops after ``limit``)."""
    return store.rows(
        f"""SELECT f.id, f.description, f.grade, f.status, f.current_deadline, s.name AS site
            FROM findings f LEFT JOIN sites s ON s.id = f.site_id WHERE f.{ALIVE}
            ORDER BY f.found_on DESC LIMIT ?""", [limit])


def finding_choice(store: Store, finding_id: str) -> dict[str, Any] | None:
    """One finding in the shape of :func:`recent_findings` (a finding chosen elsewhere, older than the list)."""
    rows = store.rows(
        """SELECT f.id, f.description, f.grade, f.status, f.current_deadline, s.name AS site
           FROM findings f LEFT JOIN sites s ON s.id = f.site_id WHERE f.id = ?""", [finding_id])
    return rows[0] if rows else None



def finding_rowid(store: Store, finding_id: str) -> int | None:
    """The list position key of one finding (to keep it selected when the list reloads)."""
    return store.scalar("SELECT rowid FROM findings WHERE id = ?", [finding_id])
