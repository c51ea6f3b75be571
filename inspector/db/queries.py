"""Read queries the services need, kept here so that no SQL lives outside ``inspector/db``."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

from inspector.db.findings import finding_counts
from inspector.db.store import Store
from inspector.workflow import RECTIFIED, STATUS_LABELS

ALIVE = "deleted_at IS NULL"


def document_by_sha(store: Store, sha256: str) -> dict[str, Any] | None:
    """The document stored from this file, deleted or not (a deleted one is restored by importing it again)."""
    rows = store.rows("SELECT * FROM documents WHERE sha256 = ?", [sha256])
    return rows[0] if rows else None


def latest_document_like(store: Store, title: str | None, file_name: str) -> dict[str, Any] | None:
    """The newest version of a document with the same title (or, lacking one, the same file name)."""
    rows = store.rows(
        f"""SELECT * FROM documents WHERE {ALIVE} AND (title = ? OR (? IS NULL AND file_name = ?))
            ORDER BY version DESC LIMIT 1""",
        [title, title, file_name],
    )
    return rows[0] if rows else None


def checklist_for_document(store: Store, document_id: str) -> dict[str, Any] | None:
    rows = store.rows(f"SELECT * FROM checklists WHERE document_id = ? AND {ALIVE}", [document_id])
    return rows[0] if rows else None


def checklists_of_document(store: Store, document_id: str) -> list[str]:
    return [r["id"] for r in store.rows("SELECT id FROM checklists WHERE document_id = ?", [document_id])]


def checklists(store: Store, kind: str | None = None) -> list[dict[str, Any]]:
    """Live checklists (newest version of each) with their task counts, work plans first."""
    return store.rows(
        f"""SELECT c.id, c.kind, c.name, c.version, c.code, c.document_id, d.doc_no, d.issuer, d.year,
                   (SELECT count(*) FROM checklist_items i WHERE i.checklist_id = c.id
                        AND i.kind IN ('task', 'item') AND i.{ALIVE}) AS tasks
            FROM checklists c LEFT JOIN documents d ON d.id = c.document_id
            WHERE c.{ALIVE} AND (? IS NULL OR c.kind = ?)
              AND NOT EXISTS (SELECT 1 FROM checklists n WHERE n.previous_id = c.id AND n.{ALIVE})
            ORDER BY c.kind DESC, d.year DESC, c.name""",
        [kind, kind],
    )


def checklist_items(store: Store, checklist_id: str) -> list[dict[str, Any]]:
    """Items in document order, each with its units as ``[{"name", "role"}]``."""
    items = store.rows(
        f"SELECT * FROM checklist_items WHERE checklist_id = ? AND {ALIVE} ORDER BY position", [checklist_id]
    )
    links = store.rows(
        f"""SELECT iu.item_id, u.name, iu.role FROM item_units iu JOIN units u ON u.id = iu.unit_id
            JOIN checklist_items i ON i.id = iu.item_id
            WHERE i.checklist_id = ? AND iu.{ALIVE} ORDER BY iu.item_id, iu.position""",
        [checklist_id],
    )
    by_item: dict[str, list[dict[str, str]]] = {}
    for link in links:
        by_item.setdefault(link["item_id"], []).append({"name": link["name"], "role": link["role"]})
    for item in items:
        item["units"] = by_item.get(item["id"], [])
    return items


def unit_ids(store: Store) -> dict[str, str]:
    """The unit directory as normalised name → id, aliases included."""
    ids = {r["normalized"]: r["id"] for r in store.rows("SELECT id, normalized FROM units")}
    ids.update({r["alias"]: r["unit_id"] for r in store.rows("SELECT alias, unit_id FROM unit_aliases")})
    return ids


def unit_names(store: Store) -> list[str]:
    """The names in the unit directory, as shown."""
    return [r["name"] for r in store.rows("SELECT name FROM units ORDER BY name")]


def items_for_unit(store: Store, unit_id: str) -> list[dict[str, Any]]:
    return store.rows(
        f"""SELECT i.*, iu.role, c.name AS checklist FROM item_units iu
            JOIN checklist_items i ON i.id = iu.item_id JOIN checklists c ON c.id = i.checklist_id
            WHERE iu.unit_id = ? AND iu.{ALIVE} AND i.{ALIVE} AND c.{ALIVE} ORDER BY c.name, i.position""",
        [unit_id],
    )


def finding_events(store: Store, finding_id: str) -> list[dict[str, Any]]:
    rows = store.rows(
        "SELECT * FROM finding_events WHERE finding_id = ? ORDER BY on_date, created_at", [finding_id]
    )
    for row in rows:
        row["data"] = json.loads(row["data"] or "{}")
    return rows


def stats(store: Store, today: date) -> dict[str, Any]:
    """The counts the district asks for; 整改率 is None (shown “—”) when nothing was found."""
    one = store.scalar
    counts = finding_counts(store.conn, today)
    by_status, by_grade = counts["by_status"], counts["by_grade"]
    found = sum(by_status.values())
    rectified = sum(n for s, n in by_status.items() if s in RECTIFIED)
    return {
        **summary(store),
        "documents": one(f"SELECT count(*) FROM documents WHERE {ALIVE}"),
        "inspections": one(f"SELECT count(*) FROM inspections WHERE {ALIVE}"),
        "findings": {
            "total": found,
            "by_status": {s: by_status.get(s, 0) for s in STATUS_LABELS},
            "by_grade": {g: by_grade.get(g, 0) for g in ("一般", "重大")},
            "overdue": counts["overdue"],
            "rectified": rectified,
            "rectification_rate": None if found == 0 else round(rectified / found, 4),
        },
    }


def summary(store: Store) -> dict[str, int]:
    """The record counts the status bar shows beside the findings' (cheap: no count of findings or
    inspections)."""
    one = store.scalar
    current = f"NOT EXISTS (SELECT 1 FROM checklists n WHERE n.previous_id = c.id AND n.{ALIVE})"  # newest only
    return {
        "checklists": one(f"SELECT count(*) FROM checklists c WHERE {ALIVE} AND kind = 'workplan' AND {current}"),
        "templates": one(f"SELECT count(*) FROM checklists c WHERE {ALIVE} AND kind = 'template' AND {current}"),
        "tasks": one(
            f"""SELECT count(*) FROM checklist_items i JOIN checklists c ON c.id = i.checklist_id
                WHERE i.{ALIVE} AND c.{ALIVE} AND c.kind = 'workplan' AND i.kind = 'task' AND {current}"""
        ),
        "sites": one(f"SELECT count(*) FROM sites WHERE {ALIVE}"),
    }


def integrity_problems(store: Store, attachments_dir: Path) -> list[str]:
    """What ``inspector check`` reports: SQLite's own check, dangling references, missing or altered files."""
    problems: list[str] = []
    try:
        for (msg,) in store.db.execute("PRAGMA integrity_check").fetchall():
            if msg != "ok":
                problems.append(f"数据库结构损坏：{msg}")
        for row in store.db.execute("PRAGMA foreign_key_check").fetchall():
            problems.append(f"表 {row[0]} 的第 {row[1]} 行引用了不存在的 {row[2]} 记录")
    except sqlite3.DatabaseError as exc:
        problems.append(f"数据库无法完整读取：{exc}")
        return problems
    from inspector.filestore import is_digest, path_for, sha256_file

    for att in store.rows(f"SELECT id, sha256, file_name FROM attachments WHERE {ALIVE}"):
        if not is_digest(att["sha256"]):
            problems.append(f"附件记录的文件名无效：{att['file_name']}（{str(att['sha256'])[:40]!r}）")
            continue
        path = path_for(attachments_dir, att["sha256"])
        if not path.is_file():
            problems.append(f"附件文件缺失：{att['file_name']}（{att['sha256'][:12]}…）")
        elif sha256_file(path) != att["sha256"]:
            problems.append(f"附件文件内容被改动：{att['file_name']}（{att['sha256'][:12]}…）")
    return problems


LIST_SQL = {
    "sites": f"SELECT id, name, credit_code, town, risk_level FROM sites WHERE {ALIVE} ORDER BY town, name",
    "inspections": f"""SELECT i.id, s.name, i.type, i.started_at, i.ended_at FROM inspections i
                       JOIN sites s ON s.id = i.site_id WHERE i.{ALIVE} ORDER BY i.started_at DESC""",
    "findings": f"""SELECT f.id, f.description, f.grade, f.status, f.current_deadline, s.name AS site
                    FROM findings f LEFT JOIN sites s ON s.id = f.site_id WHERE f.{ALIVE}
                    ORDER BY f.found_on DESC LIMIT 10000""",
}


def finding_choices(store: Store, limit: int = 500) -> list[dict[str, Any]]:
    """The newest findings for a pick list: what the list shows (site, description, status) and no more rows
    than it shows."""
    return store.rows(
        f"""SELECT f.id, f.description, f.status, s.name AS site FROM findings f
            LEFT JOIN sites s ON s.id = f.site_id WHERE f.{ALIVE} ORDER BY f.found_on DESC LIMIT ?""",
        [int(limit)])


def list_records(store: Store, what: str) -> list[dict[str, Any]]:
    """Rows to find ids by (``inspector list …``)."""
    return store.rows(LIST_SQL[what])


def document_tables(store: Store, document_id: str) -> list[dict[str, Any]]:
    """The task tables saved with a document (rows carry ``item_id`` of the item they summarise)."""
    raw = store.scalar("SELECT tables FROM documents WHERE id = ?", [document_id])
    return json.loads(raw) if raw else []


def finding_detail(store: Store, finding_id: str) -> dict[str, Any]:
    """A finding with its site, item, events and attachments, for the detail pane and the forms."""
    finding = store.get("findings", finding_id)
    finding["site"] = store.get("sites", finding["site_id"]) if finding["site_id"] else None
    finding["item"] = store.get("checklist_items", finding["item_id"]) if finding["item_id"] else None
    finding["plan"] = json.loads(finding["plan"]) if finding["plan"] else None
    finding["events"] = finding_events(store, finding_id)
    finding["attachments"] = attachments_of(store, "findings", finding_id)
    return finding


def attachments_of(store: Store, owner_table: str, owner_id: str) -> list[dict[str, Any]]:
    return store.rows(
        f"SELECT * FROM attachments WHERE owner_table = ? AND owner_id = ? AND {ALIVE} ORDER BY created_at",
        [owner_table, owner_id],
    )


def inspectors(store: Store, active_only: bool = False) -> list[dict[str, Any]]:
    """Live inspectors by name; ``active_only`` leaves out the deactivated (not offered for new work)."""
    extra = " AND active = 1" if active_only else ""
    return store.rows(f"SELECT * FROM inspectors WHERE {ALIVE}{extra} ORDER BY active DESC, name")


def inspector_by_certificate(store: Store, certificate_no: str) -> dict[str, Any] | None:
    rows = store.rows(f"SELECT * FROM inspectors WHERE certificate_no = ? AND {ALIVE} LIMIT 1", [certificate_no])
    return rows[0] if rows else None


def inspector_in_use(store: Store, inspector_id: str) -> bool:
    """Whether any inspection, finding or re-check names this inspector (a deliberate click: a scan is fine)."""
    return bool(store.rows(
        f"""SELECT 1 FROM inspections WHERE {ALIVE} AND (inspector1_id = :id OR inspector2_id = :id)
            UNION ALL SELECT 1 FROM findings WHERE inspector_id = :id
            UNION ALL SELECT 1 FROM finding_events WHERE kind = 'recheck' AND instr(data, :id) > 0
            LIMIT 1""", {"id": inspector_id}))


DISTINCT_COLUMNS = {("sites", "town"), ("findings", "campaign"), ("inspections", "campaign")}
INDEXED = {("sites", "town")}  # idx_sites_town (campaigns are records now: inspector.db.campaigns)


def distinct_values(store: Store, table: str, column: str) -> list[str]:
    """Values offered in a filter box (towns, campaigns).

    A loose index scan: each step asks the index for the next larger value, so a million findings with six
    campaigns cost seven index look-ups instead of reading every row.
    """
    assert (table, column) in DISTINCT_COLUMNS
    live = f"{ALIVE} AND {column} IS NOT NULL"
    if (table, column) not in INDEXED:  # without an index each step would be a scan: one scan instead
        return [r[0] for r in store.conn.execute(f"SELECT DISTINCT {column} FROM {table} WHERE {live} ORDER BY 1")]
    return [r[0] for r in store.conn.execute(
        f"""WITH RECURSIVE v(x) AS (
                SELECT (SELECT min({column}) FROM {table} WHERE {live})
                UNION ALL
                SELECT (SELECT min({column}) FROM {table} WHERE {live} AND {column} > v.x) FROM v
                WHERE v.x IS NOT NULL)
            SELECT x FROM v WHERE x IS NOT NULL""")]


def audit_entries(store: Store, record_id: str) -> list[dict[str, Any]]:
    return store.rows("SELECT * FROM audit_log WHERE record_id = ? ORDER BY seq", [record_id])


def task_progress(store: Store, item_id: str) -> dict[str, Any] | None:
    """This device's progress on a task: every town keeps its own row on a district task (one per task and
    owner), so at the district the towns' rows sit beside the district's own and are never edited here."""
    rows = store.rows(f"SELECT * FROM task_progress WHERE item_id = ? AND device_id = ? AND {ALIVE}",
                      [item_id, store.device_id])
    return rows[0] if rows else None


def checklist_progress(store: Store, checklist_id: str) -> dict[str, dict[str, Any]]:
    """This device's progress records on a checklist's items, keyed by item id."""
    rows = store.rows(
        f"""SELECT p.* FROM task_progress p JOIN checklist_items i ON i.id = p.item_id
            WHERE i.checklist_id = ? AND p.device_id = ? AND p.{ALIVE}""",
        [checklist_id, store.device_id],
    )
    return {r["item_id"]: r for r in rows}


def site_by_credit_code(store: Store, code: str) -> dict[str, Any] | None:
    if not code:
        return None
    rows = store.rows(f"SELECT * FROM sites WHERE credit_code = ? AND {ALIVE}", [code])
    return rows[0] if rows else None


def sites(store: Store, text: str = "", limit: int | None = None) -> list[dict[str, Any]]:
    """Live sites, optionally those whose name, code, address or town contain ``text``."""
    like = f"%{text}%"
    return store.rows(
        f"""SELECT * FROM sites WHERE {ALIVE} AND (? = '' OR name LIKE ? OR credit_code LIKE ? OR address LIKE ?
            OR town LIKE ?) ORDER BY town, name {'LIMIT ' + str(int(limit)) if limit else ''}""",
        [text, like, like, like, like],
    )


def site_file(store: Store, site_id: str) -> dict[str, Any]:
    """一企一档: the site with every inspection, finding and attachment over time."""
    site = store.get("sites", site_id)
    site["inspections"] = store.rows(
        f"""SELECT i.*, c.name AS checklist FROM inspections i LEFT JOIN checklists c ON c.id = i.checklist_id
            WHERE i.site_id = ? AND i.{ALIVE} ORDER BY i.started_at DESC""",
        [site_id],
    )
    site["findings"] = store.rows(
        f"SELECT * FROM findings WHERE site_id = ? AND {ALIVE} ORDER BY found_on DESC", [site_id])
    site["attachments"] = attachments_of(store, "sites", site_id)
    return site


def inspections(store: Store, limit: int = 500) -> list[dict[str, Any]]:
    """The newest inspections with their finding counts: an index read for the page of inspections
    (idx_inspections_started) and one for each count (idx_findings_inspection)."""
    return store.rows(
        f"""SELECT i.*, s.name AS site, s.town, c.name AS checklist,
                   (SELECT count(*) FROM findings f WHERE f.inspection_id = i.id AND f.{ALIVE}) AS findings
            FROM inspections i JOIN sites s ON s.id = i.site_id LEFT JOIN checklists c ON c.id = i.checklist_id
            WHERE i.{ALIVE} ORDER BY i.started_at DESC LIMIT ?""",
        [limit],
    )


def inspection_results(store: Store, inspection_id: str) -> dict[str, dict[str, Any]]:
    rows = store.rows(
        f"SELECT * FROM inspection_results WHERE inspection_id = ? AND {ALIVE}", [inspection_id])
    return {r["item_id"]: r for r in rows}


def template_in_use(store: Store, checklist_id: str) -> bool:
    return bool(store.scalar(
        f"SELECT 1 FROM inspections WHERE checklist_id = ? AND {ALIVE} LIMIT 1", [checklist_id]))


def findings_of_item(store: Store, item_id: str) -> list[dict[str, Any]]:
    """Findings recorded against one checklist item or work-plan task (督查 against the tasks)."""
    return store.rows(f"SELECT * FROM findings WHERE item_id = ? AND {ALIVE} ORDER BY found_on DESC", [item_id])
