"""Queries behind the printed documents: document numbers and the rows of the ledger and statistics."""

from __future__ import annotations

from typing import Any

from inspector.db.store import Store

ALIVE = "deleted_at IS NULL"


def document_number(store: Store, case_id: str, category: str) -> dict[str, Any] | None:
    rows = store.rows("SELECT * FROM doc_numbers WHERE case_id = ? AND category = ?", [case_id, category])
    return rows[0] if rows else None


def case_number(store: Store, case_id: str) -> int | None:
    """The number a case already has (all its forms share it)."""
    return store.scalar("SELECT number FROM doc_numbers WHERE case_id = ? LIMIT 1", [case_id])


def next_case_number(store: Store, issuer: str, year: int) -> int:
    """The next number for this issuer and year; counters only go up, so a number is never reused."""
    store.db.execute(
        """INSERT INTO doc_counters(issuer, year, category, last_no) VALUES (?, ?, 'case', 1)
           ON CONFLICT(issuer, year, category) DO UPDATE SET last_no = last_no + 1""",
        [issuer, year],
    )
    return store.scalar(
        "SELECT last_no FROM doc_counters WHERE issuer = ? AND year = ? AND category = 'case'", [issuer, year])


def ledger_rows(store: Store, where: list[str], params: list[Any], limit: int | None = None) -> list[dict[str, Any]]:
    """The ledger's rows in the order printed (oldest first); ``limit`` keeps the first rows only. 文书号 is the
    case's printed order number, else the number typed when the order was issued. Only the
    columns the ledger and the statistics print are read: a finding's versions and plan would triple the
    memory of a 100,000-row ledger."""
    clause = " AND ".join([f"f.{ALIVE}", *where])
    return store.rows(
        f"""SELECT f.id, f.found_on, f.location, f.description, f.category, f.grade, f.status, f.current_deadline,
                   f.closed_on, f.contact_person, f.contact_phone, f.campaign, f.site_id, f.inspection_id,
                   f.legal_basis, ci.title AS item_title,
                   s.name AS site, s.credit_code, s.town, s.address, s.industry, s.grid,
                   i.type AS inspection_type, i.campaign AS inspection_campaign,
                   coalesce((SELECT text FROM doc_numbers d WHERE d.case_id = f.inspection_id
                                                            AND d.category IN ('责改', '整改') LIMIT 1),
                            (SELECT json_extract(e.data, '$.doc_no') FROM finding_events e
                             WHERE e.finding_id = f.id AND e.kind = 'order_issued'
                                   AND coalesce(json_extract(e.data, '$.doc_no'), '') != ''
                             ORDER BY e.on_date DESC, e.created_at DESC LIMIT 1)) AS doc_no
            FROM findings f LEFT JOIN sites s ON s.id = f.site_id LEFT JOIN inspections i ON i.id = f.inspection_id
                 LEFT JOIN checklist_items ci ON ci.id = f.item_id
            WHERE {clause} ORDER BY f.found_on, f.rowid {'LIMIT ' + str(int(limit)) if limit else ''}""",
        params,
    )


def funds_by_finding(store: Store, finding_ids: list[str]) -> dict[str, float]:
    """Rectification funds reported in feedback events."""
    if not finding_ids:
        return {}
    out: dict[str, float] = {}
    for chunk in range(0, len(finding_ids), 900):
        ids = finding_ids[chunk: chunk + 900]
        for row in store.rows(
            f"""SELECT finding_id, sum(CAST(json_extract(data, '$.funds') AS REAL)) AS funds FROM finding_events
                WHERE kind = 'feedback' AND finding_id IN ({', '.join('?' * len(ids))}) GROUP BY finding_id""",
            ids,
        ):
            out[row["finding_id"]] = row["funds"] or 0.0
    return out


def inspected_sites(store: Store, date_from: str, date_to: str) -> dict[str, int]:
    """Distinct sites inspected per town in a period."""
    return {r["town"] or "（未填街镇）": r["n"] for r in store.rows(
        f"""SELECT s.town, count(DISTINCT i.site_id) AS n FROM inspections i JOIN sites s ON s.id = i.site_id
            WHERE i.{ALIVE} AND substr(i.started_at, 1, 10) BETWEEN ? AND ? GROUP BY s.town""",
        [date_from, date_to])}


def inspection_findings(store: Store, inspection_id: str) -> list[dict[str, Any]]:
    """The live findings of one inspection in the order they were found, as its documents list them."""
    return store.rows("SELECT * FROM findings WHERE inspection_id = ? AND deleted_at IS NULL ORDER BY found_on, rowid",
                      [inspection_id])
