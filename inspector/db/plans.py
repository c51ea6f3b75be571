"""Queries for risk grading, inspection plans and draws (the services in inspector/services/risk.py and
plans.py); every list is of live rows only."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from inspector.db.store import Store

ALIVE = "deleted_at IS NULL"
RECTIFIED = ("recheck_passed", "closed")


@dataclass(frozen=True)
class SiteFilter:
    """Which sites of the register a plan or a draw takes (empty: any)."""

    levels: tuple[str, ...] = ()
    industry: str = ""
    town: str = ""
    exclude_plan: str | None = None  # sites already in this plan are not candidates again
    campaign: tuple[str, list[str]] | None = None  # a campaign's target condition (db.campaigns.target_condition)
    campaign_id: str = ""  # that campaign, as recorded in a plan's criteria and a draw's record

    def to_json(self) -> dict[str, Any]:
        return {"levels": list(self.levels), "industry": self.industry, "town": self.town,
                "exclude_plan": self.exclude_plan, **({"campaign": self.campaign_id} if self.campaign_id else {})}


def filtered_sites(store: Store, flt: SiteFilter) -> list[dict[str, Any]]:
    """The candidate sites (检查对象名录库 filtered), ordered by id so that the list itself is canonical."""
    levels = list(flt.levels)
    marks = ", ".join("?" * len(levels)) or "NULL"
    target, targets = flt.campaign or ("1", [])
    return store.rows(
        f"""SELECT id, name, town, industry, risk_level FROM sites s WHERE {ALIVE} AND ({target})
              AND (? = 0 OR risk_level IN ({marks}))
              AND (? = '' OR industry LIKE '%' || ? || '%') AND (? = '' OR town = ?)
              AND (? IS NULL OR NOT EXISTS (SELECT 1 FROM plan_sites p WHERE p.plan_id = ? AND p.site_id = s.id
                                            AND p.{ALIVE}))
            ORDER BY id""",
        [*targets, len(levels), *levels, flt.industry, flt.industry, flt.town, flt.town, flt.exclude_plan,
         flt.exclude_plan])


def site_history(store: Store, site_id: str, since: str, today: str) -> dict[str, int]:
    """A site's findings found since ``since`` by grade, and those open past their deadline on ``today``."""
    row = store.conn.execute(
        f"""SELECT sum(grade = '重大' AND found_on >= ?), sum(grade = '一般' AND found_on >= ?),
                   sum(status NOT IN {RECTIFIED} AND current_deadline IS NOT NULL AND current_deadline < ?)
            FROM findings WHERE site_id = ? AND {ALIVE}""", [since, since, today, site_id]).fetchone()
    return {"major": row[0] or 0, "ordinary": row[1] or 0, "overdue": row[2] or 0}


def assessments(store: Store, site_id: str) -> list[dict[str, Any]]:
    """A site's assessments, newest first (the first one gives the site its level)."""
    return store.rows(
        f"SELECT * FROM risk_assessments WHERE site_id = ? AND {ALIVE} ORDER BY assessed_on DESC, created_at DESC",
        [site_id])


def newest_policy(store: Store) -> dict[str, Any] | None:
    """The newest live risk policy (only the district creates them; see ownership)."""
    rows = store.rows(f"SELECT * FROM risk_policies WHERE {ALIVE} ORDER BY issued_on DESC, created_at DESC LIMIT 1")
    return rows[0] if rows else None


def sites_with_last_inspection(store: Store, town: str = "") -> list[dict[str, Any]]:
    """Every live site with the date of its newest inspection (None: never inspected)."""
    return store.rows(
        f"""SELECT s.id, s.name, s.town, s.industry, s.risk_level, s.address,
                   (SELECT max(substr(i.started_at, 1, 10)) FROM inspections i
                     WHERE i.site_id = s.id AND i.{ALIVE} AND i.started_at IS NOT NULL) AS last_inspected
            FROM sites s WHERE s.{ALIVE} AND (? = '' OR s.town = ?) ORDER BY s.town, s.name""", [town, town])


def plans(store: Store) -> list[dict[str, Any]]:
    """Plans, newest period first, with their planned and done counts (done: the site was inspected within
    the plan's period)."""
    return store.rows(
        f"""SELECT p.*, (SELECT count(*) FROM plan_sites x WHERE x.plan_id = p.id AND x.{ALIVE}) AS planned,
                   (SELECT count(*) FROM plan_sites x WHERE x.plan_id = p.id AND x.{ALIVE} AND EXISTS (
                        SELECT 1 FROM inspections i WHERE i.site_id = x.site_id AND i.{ALIVE}
                          AND substr(i.started_at, 1, 10) BETWEEN p.starts_on AND p.ends_on)) AS done
            FROM inspection_plans p WHERE p.{ALIVE} ORDER BY p.starts_on DESC, p.created_at DESC""")


def plan_sites(store: Store, plan_id: str) -> list[dict[str, Any]]:
    """A plan's sites with their inspectors and the first inspection of the site within the plan's period."""
    return store.rows(
        f"""SELECT x.*, s.name AS site, s.town, s.industry, s.risk_level, s.credit_code, s.address,
                   a.name AS inspector1, b.name AS inspector2,
                   (SELECT min(substr(i.started_at, 1, 10) || '|' || i.id) FROM inspections i
                     WHERE i.site_id = x.site_id AND i.{ALIVE}
                       AND substr(i.started_at, 1, 10) BETWEEN p.starts_on AND p.ends_on) AS inspection
            FROM plan_sites x JOIN inspection_plans p ON p.id = x.plan_id JOIN sites s ON s.id = x.site_id
            LEFT JOIN inspectors a ON a.id = x.inspector1_id LEFT JOIN inspectors b ON b.id = x.inspector2_id
            WHERE x.plan_id = ? AND x.{ALIVE} ORDER BY x.position, s.name""", [plan_id])


def inspection_outcome(store: Store, inspection_id: str) -> dict[str, int]:
    """Findings of one inspection by grade and how many are rectified (for the 公示 summary)."""
    row = store.conn.execute(
        f"""SELECT count(*), sum(grade = '重大'), sum(status IN {RECTIFIED}) FROM findings
            WHERE inspection_id = ? AND {ALIVE}""", [inspection_id]).fetchone()
    return {"found": row[0] or 0, "major": row[1] or 0, "rectified": row[2] or 0}


def recusals(store: Store) -> list[dict[str, Any]]:
    return store.rows(
        f"""SELECT r.*, i.name AS inspector, s.name AS site FROM recusals r
            JOIN inspectors i ON i.id = r.inspector_id JOIN sites s ON s.id = r.site_id
            WHERE r.{ALIVE} ORDER BY i.name, s.name""")


def recusal_pairs(store: Store) -> list[list[str]]:
    return [[r[0], r[1]] for r in store.conn.execute(f"SELECT inspector_id, site_id FROM recusals WHERE {ALIVE}")]


def draws(store: Store, plan_id: str) -> list[dict[str, Any]]:
    return store.rows(f"SELECT * FROM plan_draws WHERE plan_id = ? AND {ALIVE} ORDER BY drawn_at", [plan_id])


def site_in_plan(store: Store, plan_id: str, site_id: str) -> bool:
    return store.scalar(f"SELECT 1 FROM plan_sites WHERE plan_id = ? AND site_id = ? AND {ALIVE}",
                        [plan_id, site_id]) is not None


def plan_size(store: Store, plan_id: str) -> int:
    return store.scalar(f"SELECT count(*) FROM plan_sites WHERE plan_id = ? AND {ALIVE}", [plan_id]) or 0


def find_sites(store: Store, text: str) -> list[dict[str, Any]]:
    """Live sites whose id, credit code or exact name is ``text`` (at most two: enough to see it is not one)."""
    return store.rows(f"SELECT * FROM sites WHERE {ALIVE} AND (id = ? OR credit_code = ? OR name = ?) LIMIT 2",
                      [text, text.upper(), text])


def find_inspectors(store: Store, text: str) -> list[dict[str, Any]]:
    return store.rows(f"""SELECT * FROM inspectors WHERE {ALIVE} AND (id = ? OR name = ? OR certificate_no = ?)
                          LIMIT 2""", [text, text, text])


def inspector_register(store: Store) -> list[dict[str, Any]]:
    """执法人员名录库: every live inspector, by id (the draw's canonical order)."""
    return store.rows(f"SELECT id, name FROM inspectors WHERE {ALIVE} ORDER BY id")


def own_plan_named(store: Store, name: str, period: str) -> str | None:
    """This device's live plan of that name and period (the draw's plan of the month, made once)."""
    return store.scalar(f"""SELECT id FROM inspection_plans WHERE {ALIVE} AND name = ? AND period = ?
                            AND device_id = ? ORDER BY created_at LIMIT 1""", [name, period, store.device_id])


def checklist_name(store: Store, checklist_id: str | None) -> str | None:
    return store.scalar("SELECT name FROM checklists WHERE id = ?", [checklist_id]) if checklist_id else None


def adopted_by(store: Store, parent_id: str) -> str | None:
    """This device's live plan made for the district's plan ``parent_id``, if any."""
    return store.scalar(f"""SELECT id FROM inspection_plans WHERE {ALIVE} AND parent_id = ? AND device_id = ?
                            LIMIT 1""", [parent_id, store.device_id])
