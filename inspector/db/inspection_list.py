"""The 检查 list at district scale: one page of inspections at a time, newest first, filtered in SQL.

A district holds hundreds of thousands of inspections and a million findings, so the list is never read whole:
each page is a walk of ``idx_inspections_started`` from where the last page ended (keyset paging on
``(started_at, id)``), and the counts of a row come from ``idx_findings_inspection``. A filter is a condition
checked on the rows the walk meets, so a page costs its rows plus the rows it skips.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from inspector.db.store import Store

ALIVE = "deleted_at IS NULL"
RECTIFIED = ("recheck_passed", "closed")  # the statuses counted as rectified (inspector.workflow.RECTIFIED)
SIGNERS = ("inspector1", "inspector2", "site")
STATES = ("open", "clean", "unsigned", "signed")  # 有未整改隐患, 无隐患或已全部整改, 未签字, 已签字
_OPEN = f"""(SELECT count(*) FROM findings f WHERE f.inspection_id = i.id AND f.{ALIVE}
             AND f.status NOT IN ('{RECTIFIED[0]}', '{RECTIFIED[1]}'))"""
_SIGNED = " AND ".join(f"json_extract(COALESCE(i.signatures, '{{}}'), '$.{s}') IS NOT NULL" for s in SIGNERS)


@dataclass(frozen=True)
class InspectionFilter:
    """What the officer typed and chose above the list; the defaults mean everything."""

    text: str = ""  # part of the site's name or credit code, the town, the checklist or the 专项
    state: str | None = None  # one of STATES
    type: str | None = None  # 日常 / 专项 / 复查 / 举报


def _where(flt: InspectionFilter) -> tuple[list[str], dict[str, Any]]:
    where, params = [f"i.{ALIVE}"], {}
    text = flt.text.strip()[:100]
    if text:
        params["like"] = f"%{text.replace('%', '').replace('_', '')}%"
        where.append("(s.name LIKE :like OR s.credit_code LIKE :like OR s.town LIKE :like OR c.name LIKE :like"
                     " OR i.campaign LIKE :like)")
    if flt.type:
        where.append("i.type = :type")
        params["type"] = flt.type
    if flt.state == "open":
        where.append(f"{_OPEN} > 0")
    elif flt.state == "clean":
        where.append(f"{_OPEN} = 0")
    elif flt.state == "signed":
        where.append(_SIGNED)
    elif flt.state == "unsigned":
        where.append(f"NOT ({_SIGNED})")
    return where, params


def inspection_page(store: Store, flt: InspectionFilter, limit: int,
                    after: tuple[str | None, str] | None = None) -> list[dict[str, Any]]:
    """Up to ``limit`` inspections matching ``flt``, newest first, starting after ``after`` — the
    ``(started_at, id)`` of the last row of the page before (None: the first page). Undated inspections come
    last, by id."""
    where, params = _where(flt)
    if after is None:
        return _rows(store, where, params, limit)
    if after[0] is None:
        return _rows(store, [*where, "i.started_at IS NULL AND i.id < :id"], {**params, "id": after[1]}, limit)
    dated = _rows(store, [*where, "i.started_at <= :at AND NOT (i.started_at = :at AND i.id >= :id)"],
                  {**params, "at": after[0], "id": after[1]}, limit)  # a range of the index, not a scan
    if len(dated) < limit:
        dated += _rows(store, [*where, "i.started_at IS NULL"], params, limit - len(dated))
    return dated


def _rows(store: Store, where: list[str], params: dict[str, Any], limit: int) -> list[dict[str, Any]]:
    return store.rows(
        f"""SELECT i.id, i.site_id, i.checklist_id, i.type, i.campaign, i.started_at, i.ended_at,
                   i.inspector1_id, i.inspector2_id, i.signatures, s.name AS site, s.town, c.name AS checklist,
                   (SELECT count(*) FROM findings f WHERE f.inspection_id = i.id AND f.{ALIVE}) AS findings,
                   {_OPEN} AS open_findings
            FROM inspections i JOIN sites s ON s.id = i.site_id LEFT JOIN checklists c ON c.id = i.checklist_id
            WHERE {' AND '.join(where)}
            ORDER BY i.started_at DESC, i.id DESC LIMIT :limit""",
        {**params, "limit": int(limit)},
    )
