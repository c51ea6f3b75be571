"""Single-record reads the pages need beside the lists of ``queries``: a finding chosen elsewhere, kept selected or
offered in a choice list when it is older than the rows the list holds (each one indexed lookup)."""

from __future__ import annotations

from typing import Any

from inspector.db.store import Store


def finding_choice(store: Store, finding_id: str) -> dict[str, Any] | None:
    """One finding in the shape of ``queries.finding_choices`` (chosen elsewhere, older than that list)."""
    rows = store.rows(
        """SELECT f.id, f.description, f.status, s.name AS site
           FROM findings f LEFT JOIN sites s ON s.id = f.site_id WHERE f.id = ?""", [finding_id])
    return rows[0] if rows else None


def finding_rowid(store: Store, finding_id: str) -> int | None:
    """The list position key of one finding (to keep it selected when the list reloads)."""
    return store.scalar("SELECT rowid FROM findings WHERE id = ?", [finding_id])
