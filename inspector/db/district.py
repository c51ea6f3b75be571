"""The district's figures per town, by SQL aggregates: a handful of GROUP BY queries over the whole database,
never a Python loop over findings, so a district of a million findings is counted in the database.

A finding or inspection belongs to the town of its site (``sites.town``, as in the statistics table); a task's
progress belongs to the town of the device that wrote it (the peer register's town, or this device's own 街镇
setting).
"""

from __future__ import annotations

from inspector.db.store import Store
from inspector.workflow import RECTIFIED

ALIVE = "deleted_at IS NULL"
NO_TOWN = "（未填街镇）"
RECTIFIED_SQL = "('" + "', '".join(sorted(RECTIFIED)) + "')"
TOWN = f"COALESCE(NULLIF(trim(s.town), ''), '{NO_TOWN}')"


def inspections_done(store: Store, date_from: str, date_to: str) -> dict[str, int]:
    """Inspections per town: counted per site from ``idx_inspections_by_site`` alone, then summed per town."""
    return {r[0]: r[1] for r in store.conn.execute(
        f"""SELECT {TOWN}, sum(i.n) FROM (
                SELECT site_id, count(*) AS n FROM inspections INDEXED BY idx_inspections_by_site
                WHERE {ALIVE} AND substr(started_at, 1, 10) BETWEEN ? AND ? GROUP BY site_id) i
            JOIN sites s ON s.id = i.site_id GROUP BY 1""", [date_from, date_to])}


def planned_inspections(store: Store, date_from: str, date_to: str) -> dict[str, int] | None:
    """Planned inspections per town in the period: the sites of the live inspection plans (``plan_sites``), each
    on its target date or, without one, on the last day of its plan. A town's plan adopted from one the district
    published lists the same visits again, so a site counts once per published plan. None when this database has
    no plan at all: nothing was planned, and the tables print “—” rather than a completion rate."""
    if not store.conn.execute(f"SELECT 1 FROM inspection_plans WHERE {ALIVE} LIMIT 1").fetchone():
        return None
    return {r[0]: r[1] for r in store.conn.execute(
        f"""SELECT {TOWN}, count(DISTINCT ps.site_id || '|' || COALESCE(ip.parent_id, ip.id))
            FROM plan_sites ps JOIN inspection_plans ip ON ip.id = ps.plan_id AND ip.{ALIVE}
            JOIN sites s ON s.id = ps.site_id
            WHERE ps.{ALIVE} AND substr(COALESCE(ps.target_date, ip.ends_on), 1, 10) BETWEEN ? AND ?
            GROUP BY 1""", [date_from, date_to])}


def findings_by_town(store: Store, date_from: str, date_to: str, today: str) -> dict[str, dict[str, int]]:
    """Per town: found (一般/重大), rectified, overdue, and major hazards under 挂牌督办 (the town's own flag or the
    district's event) with how many of those are rectified."""
    out: dict[str, dict[str, int]] = {}
    for town, ordinary, major, fixed, overdue, listed, listed_fixed in store.conn.execute(
        f"""SELECT {TOWN}, sum(ordinary), sum(major), sum(fixed), sum(late), sum(listed), sum(listed_fixed)
            FROM (SELECT site_id, sum(grade = '一般') AS ordinary, sum(grade = '重大') AS major, sum(fixed) AS fixed,
                         sum(late) AS late, sum(listed) AS listed, sum(listed AND fixed) AS listed_fixed
                  FROM (SELECT f.site_id, f.grade, f.status IN {RECTIFIED_SQL} AS fixed,
                               (f.status NOT IN {RECTIFIED_SQL} AND f.current_deadline < ?) AS late,
                               (f.grade = '重大' AND f.listed_supervision = 1) AS listed
                        FROM findings f INDEXED BY idx_findings_by_site
                        WHERE f.{ALIVE} AND f.found_on BETWEEN ? AND ?)
                  GROUP BY site_id) f
            JOIN sites s ON s.id = f.site_id GROUP BY 1""", [today, date_from, date_to]):
        out[town] = {"ordinary": ordinary or 0, "major": major or 0, "rectified": fixed or 0,
                     "overdue": overdue or 0, "listed": listed or 0, "listed_rectified": listed_fixed or 0}
    for town, listed, listed_fixed in _listed_by_district(store, date_from, date_to):
        row = out.setdefault(town, {"ordinary": 0, "major": 0, "rectified": 0, "overdue": 0, "listed": 0,
                                    "listed_rectified": 0})
        row["listed"] += listed
        row["listed_rectified"] += listed_fixed or 0
    return out


def _listed_by_district(store: Store, date_from: str, date_to: str) -> list[tuple[str, int, int]]:
    """Major hazards the district put under 挂牌督办 by its event that the town did not flag itself (the flagged
    ones are counted with the findings), read from the small index of those events (idx_events_listed)."""
    return store.conn.execute(
        f"""SELECT {TOWN}, count(*), sum(f.status IN {RECTIFIED_SQL}) FROM findings f JOIN sites s ON s.id = f.site_id
            WHERE f.id IN (SELECT finding_id FROM finding_events WHERE kind = 'listed_supervision')
              AND f.{ALIVE} AND f.grade = '重大' AND f.listed_supervision = 0 AND f.found_on BETWEEN ? AND ?
            GROUP BY 1""", [date_from, date_to]).fetchall()


def monthly(store: Store, date_from: str, date_to: str, town: str | None = None) -> dict[str, dict[str, int]]:
    """Per month (YYYY-MM): inspections, findings found and rectified, for the trend chart (from the per-site
    indexes alone; the sites are read only to keep one town)."""
    join, params = "", [date_from, date_to]
    if town:
        join, params = f"JOIN sites s ON s.id = x.site_id AND {TOWN} = ?", [town, date_from, date_to]
    out: dict[str, dict[str, int]] = {}
    for month, n in store.conn.execute(
        f"""SELECT substr(x.started_at, 1, 7), count(*) FROM inspections x INDEXED BY idx_inspections_by_site {join}
            WHERE x.{ALIVE} AND substr(x.started_at, 1, 10) BETWEEN ? AND ? GROUP BY 1""", params):
        out.setdefault(month, {"inspections": 0, "findings": 0, "rectified": 0})["inspections"] = n
    for month, n, fixed in store.conn.execute(
        f"""SELECT substr(x.found_on, 1, 7), count(*), sum(x.status IN {RECTIFIED_SQL})
            FROM findings x INDEXED BY idx_findings_by_site {join}
            WHERE x.{ALIVE} AND x.found_on BETWEEN ? AND ? GROUP BY 1""", params):
        row = out.setdefault(month, {"inspections": 0, "findings": 0, "rectified": 0})
        row.update(findings=n, rectified=fixed or 0)
    return dict(sorted(out.items()))


def device_towns(store: Store) -> dict[str, str]:
    """The town each device stands for: the register's peers, and this device by its own 街镇 setting."""
    towns = {r[0]: r[1] for r in store.conn.execute(
        f"""SELECT device, COALESCE(NULLIF(town, ''), name) FROM peers
            WHERE {ALIVE} AND device IS NOT NULL AND COALESCE(role, 'town') = 'town'""")}
    mine = store.setting("town")
    if mine:
        towns[store.device_id] = mine
    return towns


def task_completion(store: Store, town: str) -> tuple[int, int]:
    """(tasks of the work plans the town must carry out, of which completed by the town): the tasks whose
    responsible units are 各街镇 or name the town, and the progress rows of the town's devices."""
    devices = [d for d, t in device_towns(store).items() if t == town]
    tasks = store.scalar(
        f"""SELECT count(DISTINCT i.id) FROM checklist_items i JOIN checklists c ON c.id = i.checklist_id
            JOIN item_units iu ON iu.item_id = i.id JOIN units u ON u.id = iu.unit_id
            WHERE i.{ALIVE} AND c.{ALIVE} AND iu.{ALIVE} AND c.kind = 'workplan' AND i.kind = 'task'
              AND (u.name = '各街镇' OR instr(u.name, ?) > 0)""", [town]) or 0
    if not devices or not tasks:
        return tasks, 0
    marks = ", ".join("?" * len(devices))
    done = store.scalar(
        f"""SELECT count(DISTINCT p.item_id) FROM task_progress p JOIN checklist_items i ON i.id = p.item_id
            JOIN checklists c ON c.id = i.checklist_id JOIN item_units iu ON iu.item_id = i.id
            JOIN units u ON u.id = iu.unit_id
            WHERE p.{ALIVE} AND p.status = '已完成' AND p.device_id IN ({marks}) AND c.kind = 'workplan'
              AND i.kind = 'task' AND iu.{ALIVE} AND (u.name = '各街镇' OR instr(u.name, ?) > 0)""",
        [*devices, town]) or 0
    return tasks, done


def towns(store: Store) -> list[str]:
    """Every town with a site, and the towns of registered devices."""
    names = {r[0] for r in store.conn.execute(f"SELECT DISTINCT {TOWN} FROM sites s WHERE s.{ALIVE}")}
    return sorted(names | set(device_towns(store).values()))
