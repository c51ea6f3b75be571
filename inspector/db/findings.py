"""Queries behind the findings list: filtering, full-text search, sorting and lazy row fetching.

The list holds only integer rowids (cheap for 200,000 findings) and fetches the visible rows in batches. Search
goes through ``findings_fts``, which stores character bigrams so that two-character words are found.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from inspector.textsearch import index_tokens, match_query
from inspector.workflow import RECTIFIED, STATUS_LABELS

if TYPE_CHECKING:
    from sqlite_utils import Database

RECTIFIED_SQL = "('" + "', '".join(sorted(RECTIFIED)) + "')"
OPEN_STATUSES = tuple(s for s in STATUS_LABELS if s not in RECTIFIED)
SORTS = {
    "found_on": "f.found_on",
    "deadline": "f.current_deadline",
    "status": "f.status",
    "grade": "f.grade",
}


@dataclass
class FindingFilter:
    """What the 隐患 page asks for; empty fields do not filter."""

    statuses: list[str] = field(default_factory=list)
    grade: str | None = None
    overdue: bool = False
    site_id: str | None = None
    town: str | None = None
    campaign: str | None = None  # a campaign's id (findings.campaign_id)
    inspector_id: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    text: str = ""
    sort: str = "found_on"
    descending: bool = True


def _search_body(db: sqlite3.Connection, rowid: int) -> str:
    row = db.execute(
        """SELECT f.description, f.location, f.legal_basis, f.requirement, f.campaign, s.name, s.town
           FROM findings f LEFT JOIN sites s ON s.id = f.site_id WHERE f.rowid = ?""",
        [rowid],
    ).fetchone()
    return index_tokens(" ".join(part or "" for part in row)) if row else ""


def reindex(db: Database, finding_id: str) -> None:
    """Refresh one finding's search entry (after it was added or edited), within the caller's transaction."""
    with db.atomic():
        rowid = db.execute("SELECT rowid FROM findings WHERE id = ?", [finding_id]).fetchone()[0]
        db.execute("DELETE FROM findings_fts WHERE rowid = ?", [rowid])
        db.execute("INSERT INTO findings_fts(rowid, body) VALUES (?, ?)", [rowid, _search_body(db.conn, rowid)])


def reindex_many(db: Database, finding_ids: list[str], existing: bool = True) -> None:
    """Refresh the search entries of many findings (after a merge) in batches; new ones have none to drop. The
    batches share one transaction (the caller's, or their own), so no write is left uncommitted."""
    with db.atomic():
        _reindex_batches(db, finding_ids, existing)


def _reindex_batches(db: Database, finding_ids: list[str], existing: bool) -> None:
    for start in range(0, len(finding_ids), 900):
        chunk = finding_ids[start:start + 900]
        rows = db.execute(
            f"""SELECT f.rowid, f.description, f.location, f.legal_basis, f.requirement, f.campaign, s.name, s.town
                FROM findings f LEFT JOIN sites s ON s.id = f.site_id
                WHERE f.id IN ({', '.join('?' * len(chunk))})""", chunk).fetchall()
        if existing:
            db.conn.executemany("DELETE FROM findings_fts WHERE rowid = ?", [(r[0],) for r in rows])
        db.conn.executemany("INSERT INTO findings_fts(rowid, body) VALUES (?, ?)",
                            [(r[0], index_tokens(" ".join(p or "" for p in r[1:]))) for r in rows])


SEARCHED = ("description", "location", "legal_basis", "requirement", "campaign")  # then the site's name and town


def index_new(db: Database, findings: list[dict[str, Any]]) -> None:
    """Search entries of findings just inserted, made from the rows in hand (an import adds many: they are not
    read back, only their rowids and their sites' names and towns, by key), in the caller's transaction."""
    with db.atomic():
        for start in range(0, len(findings), 900):
            chunk = findings[start:start + 900]
            rowids = dict(_by_key(db, "SELECT id, rowid FROM findings", [f["id"] for f in chunk]))
            site_ids = sorted({f["site_id"] for f in chunk if f.get("site_id")})
            sites = {r[0]: r[1:] for r in _by_key(db, "SELECT id, name, town FROM sites", site_ids)}
            db.conn.executemany("INSERT INTO findings_fts(rowid, body) VALUES (?, ?)", [
                (rowids[f["id"]], index_tokens(" ".join(p or "" for p in (
                    *(f.get(c) for c in SEARCHED), *sites.get(f.get("site_id"), ()))))) for f in chunk])


def _by_key(db: Database, select: str, ids: list[str]) -> list[tuple[Any, ...]]:
    """``select`` of the rows with these ids (at most 900)."""
    if not ids:
        return []
    return db.execute(f"{select} WHERE id IN ({', '.join('?' * len(ids))})", ids).fetchall()


def reindex_all(db: Database) -> None:
    """Rebuild the whole search index (bulk loads) in one transaction (the caller's, or its own)."""
    with db.atomic():
        db.execute("DELETE FROM findings_fts")
        rows = db.execute(
            """SELECT f.rowid, f.description, f.location, f.legal_basis, f.requirement, f.campaign, s.name, s.town
               FROM findings f LEFT JOIN sites s ON s.id = f.site_id"""
        )
        while batch := rows.fetchmany(5000):
            db.conn.executemany(
                "INSERT INTO findings_fts(rowid, body) VALUES (?, ?)",
                [(r[0], index_tokens(" ".join(p or "" for p in r[1:]))) for r in batch],
            )


def finding_rowids(db: sqlite3.Connection, flt: FindingFilter, today: date) -> list[int]:
    """Rowids of the live findings matching ``flt``, in the requested order."""
    where = ["f.deleted_at IS NULL"]
    params: list[Any] = []
    if flt.statuses:
        where.append(f"f.status IN ({', '.join('?' * len(flt.statuses))})")
        params += flt.statuses
    for column, value in (("f.grade", flt.grade), ("f.site_id", flt.site_id), ("f.campaign_id", flt.campaign),
                          ("f.inspector_id", flt.inspector_id)):
        if value:
            where.append(f"{column} = ?")
            params.append(value)
    if flt.town:
        where.append("f.site_id IN (SELECT id FROM sites WHERE town = ?)")
        params.append(flt.town)
    if flt.date_from:
        where.append("f.found_on >= ?")
        params.append(flt.date_from)
    if flt.date_to:
        where.append("f.found_on <= ?")
        params.append(flt.date_to)
    if flt.overdue:
        where.append(f"f.status NOT IN {RECTIFIED_SQL} AND f.current_deadline < ?")
        params.append(today.isoformat())
    match = match_query(flt.text)
    if match:
        where.append("f.rowid IN (SELECT rowid FROM findings_fts WHERE findings_fts MATCH ?)")
        params.append(match)
    order = "DESC" if flt.descending else "ASC"
    sql = (f"SELECT f.rowid FROM findings f WHERE {' AND '.join(where)} "
           f"ORDER BY {SORTS.get(flt.sort, 'f.found_on')} {order}, f.rowid {order}")
    return [r[0] for r in db.execute(sql, params)]


def finding_rows(db: sqlite3.Connection, rowids: list[int]) -> dict[int, dict[str, Any]]:
    """Display rows for a batch of rowids."""
    if not rowids:
        return {}
    cursor = db.execute(
        f"""SELECT f.rowid AS rowid, f.id, f.description, f.grade, f.status, f.found_on, f.current_deadline,
                   f.listed_supervision, f.campaign, f.location, s.name AS site, s.town
            FROM findings f LEFT JOIN sites s ON s.id = f.site_id
            WHERE f.rowid IN ({', '.join('?' * len(rowids))})""",
        rowids,
    )
    names = [d[0] for d in cursor.description]
    return {row[0]: dict(zip(names, row, strict=True)) for row in cursor}


def finding_counts(db: sqlite3.Connection, today: date) -> dict[str, Any]:
    """Every count of live findings the window and the statistics show, from one GROUP BY.

    Grouped by (status, grade) so SQLite answers from the covering index of live findings alone; the status bar
    and the statistics both read this, so a change costs one pass, not two.
    """
    by_status: dict[str, int] = {}
    by_grade: dict[str, int] = {}
    counts = {"open": 0, "overdue": 0, "major": 0}
    for status, grade, n, late in db.execute(
        """SELECT status, grade, count(*), sum(current_deadline < ?) FROM findings WHERE deleted_at IS NULL
           GROUP BY status, grade""",
        [today.isoformat()],
    ):
        by_status[status] = by_status.get(status, 0) + n
        by_grade[grade] = by_grade.get(grade, 0) + n
        if status in RECTIFIED:
            continue
        counts["open"] += n
        counts["overdue"] += late or 0
        counts["major"] += n if grade == "重大" else 0
    return {**counts, "by_status": by_status, "by_grade": by_grade}


def status_counts(db: sqlite3.Connection, today: date) -> dict[str, int]:
    """What the status bar shows: open (not yet rectified), overdue and major open findings.

    Only the open statuses' part of the covering index is read — a tenth of a district's findings; the closed
    ones, most of them, are never counted for it. One pass with no GROUP BY: grouping by grade alone sorts
    the open entries in a temporary tree (the index is in status order), which took half the time.
    """
    n, late, major = db.execute(
        f"""SELECT count(*), sum(current_deadline < ?), sum(grade = '重大') FROM findings
            WHERE deleted_at IS NULL AND status IN ({', '.join('?' * len(OPEN_STATUSES))})""",
        [today.isoformat(), *OPEN_STATUSES],
    ).fetchone()
    return {"open": n, "overdue": late or 0, "major": major or 0}
