"""Queries of campaigns (专项整治): the records, the names still waiting for one, and each campaign's progress.

Progress is counted by SQL aggregates over the reference columns (``findings.campaign_id``,
``inspections.campaign_id``), each served by its partial index, so a campaign of a district's million findings
is counted from the index without reading the findings.
"""

from __future__ import annotations

from typing import Any

from inspector.db.store import Store
from inspector.workflow import RECTIFIED

ALIVE = "deleted_at IS NULL"
RECTIFIED_SQL = "('" + "', '".join(sorted(RECTIFIED)) + "')"


def campaigns(store: Store, include_deleted: bool = False) -> list[dict[str, Any]]:
    """Campaign records, newest period first."""
    where = "" if include_deleted else f"WHERE c.{ALIVE}"
    return store.rows(
        f"""SELECT c.*, k.name AS checklist FROM campaigns c LEFT JOIN checklists k ON k.id = c.checklist_id
            {where} ORDER BY COALESCE(c.starts_on, '') DESC, c.name""")


def campaign_by_name(store: Store, name: str) -> dict[str, Any] | None:
    rows = store.rows(f"SELECT * FROM campaigns WHERE name = ? AND {ALIVE} LIMIT 1", [name])
    return rows[0] if rows else None


def campaign(store: Store, campaign_id: str | None) -> dict[str, Any] | None:
    """The campaign record with this id, deleted or not; ``None`` when there is none."""
    rows = store.rows("SELECT * FROM campaigns WHERE id = ?", [campaign_id])
    return rows[0] if rows else None


def checklist_name(store: Store, checklist_id: str | None) -> str | None:
    """The name of the checklist a campaign uses (any checklist, live or not)."""
    return store.scalar("SELECT name FROM checklists WHERE id = ?", [checklist_id])


def campaign_ids(store: Store) -> set[str]:
    return {r["id"] for r in store.rows("SELECT id FROM campaigns")}


def referenced_ids(store: Store) -> list[str]:
    """The distinct campaign ids findings refer to, by a loose scan of the index (a few look-ups, not 1 M rows)."""
    live = f"{ALIVE} AND campaign_id IS NOT NULL"
    return [r[0] for r in store.conn.execute(
        f"""WITH RECURSIVE v(x) AS (
                SELECT (SELECT min(campaign_id) FROM findings WHERE {live})
                UNION ALL
                SELECT (SELECT min(campaign_id) FROM findings WHERE {live} AND campaign_id > v.x) FROM v
                WHERE v.x IS NOT NULL)
            SELECT x FROM v WHERE x IS NOT NULL""")]


def unregistered(store: Store) -> list[dict[str, Any]]:
    """Campaigns findings or inspections refer to that have no record here (yet): a name typed in an older
    version, whose record the district has not published. Each with the name it was typed as."""
    known = {r[0] for r in store.conn.execute("SELECT id FROM campaigns")}
    ids = [i for i in referenced_ids(store) if i not in known]
    ids += [r[0] for r in store.conn.execute(
        f"SELECT DISTINCT campaign_id FROM inspections WHERE {ALIVE} AND campaign_id IS NOT NULL")
        if r[0] not in known and r[0] not in ids]
    out = []
    for cid in ids:
        name = store.scalar("SELECT campaign FROM findings WHERE campaign_id = ? AND campaign IS NOT NULL LIMIT 1",
                            [cid]) or store.scalar(
            "SELECT campaign FROM inspections WHERE campaign_id = ? AND campaign IS NOT NULL LIMIT 1", [cid])
        out.append({"id": cid, "name": name or cid[:8]})
    return sorted(out, key=lambda r: r["name"])


def progress(store: Store, campaign_id: str, today: str) -> dict[str, Any]:
    """Inspections, sites checked, findings (by grade), rectified and overdue of one campaign."""
    inspections, sites = store.conn.execute(
        f"""SELECT count(*), count(DISTINCT site_id) FROM inspections
            WHERE campaign_id = ? AND {ALIVE}""", [campaign_id]).fetchone()
    row = store.conn.execute(
        f"""SELECT count(*), sum(grade = '重大'), sum(status IN {RECTIFIED_SQL}),
                   sum(status NOT IN {RECTIFIED_SQL} AND current_deadline < ?)
            FROM findings WHERE campaign_id = ? AND {ALIVE}""", [today, campaign_id]).fetchone()
    found, major, fixed, overdue = (v or 0 for v in row)
    return {"inspections": inspections, "sites_checked": sites, "findings": found, "major": major,
            "rectified": fixed, "overdue": overdue}


def progress_by_town(store: Store, campaign_id: str) -> list[dict[str, Any]]:
    """Sites checked and findings of one campaign per town (the site's town), each from its campaign index."""
    town = "COALESCE(NULLIF(trim(s.town), ''), '（未填街镇）')"
    out: dict[str, dict[str, Any]] = {}
    for name, sites in store.conn.execute(
        f"""SELECT {town}, count(DISTINCT i.site_id) FROM inspections i JOIN sites s ON s.id = i.site_id
            WHERE i.campaign_id = ? AND i.{ALIVE} GROUP BY 1""", [campaign_id]):
        out[name] = {"town": name, "sites": sites, "findings": 0}
    for name, found in store.conn.execute(
        f"""SELECT {town}, sum(f.n) FROM (SELECT site_id, count(*) AS n FROM findings
                WHERE campaign_id = ? AND {ALIVE} GROUP BY site_id) f JOIN sites s ON s.id = f.site_id
            GROUP BY 1""", [campaign_id]):
        out.setdefault(name, {"town": name, "sites": 0, "findings": 0})["findings"] = found
    return [out[k] for k in sorted(out)]


def target_condition(towns: list[str], industries: list[str], levels: list[str],
                     site_ids: list[str]) -> tuple[str, list[str]] | None:
    """The condition on ``sites`` columns that selects a campaign's targets (any listed site, or all criteria
    together); ``None`` when the criteria name no target."""
    if site_ids:
        return f"id IN ({', '.join('?' * len(site_ids))})", list(site_ids)
    where, params = [], []
    for column, values in (("town", towns), ("industry", industries), ("risk_level", levels)):
        if values:
            where.append(f"{column} IN ({', '.join('?' * len(values))})")
            params += values
    return (" AND ".join(where), params) if where else None


def target_sites(store: Store, towns: list[str], industries: list[str], levels: list[str],
                 site_ids: list[str]) -> int:
    """How many live sites the campaign's criteria select (0 when they name no target: its progress is then
    counted without one)."""
    condition = target_condition(towns, industries, levels, site_ids)
    if condition is None:
        return 0
    return store.scalar(f"SELECT count(*) FROM sites WHERE {ALIVE} AND {condition[0]}", condition[1])


def link_names(store: Store, table: str, ids: list[str], derive) -> None:
    """Rows that arrived with a typed campaign name and no reference (a package from an older version) get the
    reference the name derives; a local, derived fill that never travels (the rows are not this device's)."""
    for start in range(0, len(ids), 900):
        chunk = ids[start:start + 900]
        marks = ", ".join("?" * len(chunk))
        names = [r[0] for r in store.conn.execute(
            f"""SELECT DISTINCT campaign FROM {table} WHERE id IN ({marks}) AND campaign_id IS NULL
                AND campaign IS NOT NULL AND trim(campaign) != ''""", chunk)]
        for name in names:
            store.db.execute(f"UPDATE {table} SET campaign_id = ? WHERE id IN ({marks}) AND campaign = ? "
                             "AND campaign_id IS NULL", [derive(name), *chunk, name])
