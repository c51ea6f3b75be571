"""The district's view (and a town's of itself): per town, inspections done vs planned, findings by grade,
整改率, overdue, major hazards under 挂牌督办, work-plan task completion and the 考核 score.

Every figure comes from an SQL aggregate in :mod:`inspector.db.district`; this module only puts them together
and scores them with the weighting of :mod:`inspector.assessment` (setting ``assessment_weights``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from inspector import assessment
from inspector.db import district as dq
from inspector.db.store import Store
from inspector.sync import register


@dataclass
class Period:
    date_from: str
    date_to: str

    @classmethod
    def of(cls, date_from: str | None, date_to: str | None, today: date) -> Period:
        return cls(date_from or f"{today.year}-01-01", date_to or today.isoformat())


def weights(store: Store) -> dict[str, float]:
    return assessment.parse_weights(store.setting(assessment.SETTING))


def set_weights(store: Store, changes: dict[str, float]) -> dict[str, float]:
    """Change some weights (the others keep theirs); checked before anything is saved."""
    new = assessment.check_weights({**weights(store), **changes})
    store.set_setting(assessment.SETTING, json.dumps(new, ensure_ascii=False, sort_keys=True), audit=True)
    return new


def own_town(store: Store) -> str | None:
    """A town's device sees itself only; the district sees every town."""
    if register.my_role(store) == "district":
        return None
    return store.setting("town") or None


def statistics(store: Store, today: date, date_from: str | None = None, date_to: str | None = None,
               town: str | None = None) -> dict[str, Any]:
    """The table, the monthly trend and the weighting, for the window, the report and the workbook."""
    period = Period.of(date_from, date_to, today)
    town = town or own_town(store)
    done = dq.inspections_done(store, period.date_from, period.date_to)
    planned = dq.planned_inspections(store, period.date_from, period.date_to)
    found = dq.findings_by_town(store, period.date_from, period.date_to, today.isoformat())
    names = sorted(set(done) | set(found) | set(planned or {}) | set(dq.towns(store)))
    w = weights(store)
    rows = [_row(store, name, done, planned, found, w) for name in names if not town or name == town]
    return {"period": f"{period.date_from} 至 {period.date_to}", "date_from": period.date_from,
            "date_to": period.date_to, "today": today.isoformat(), "town": town, "rows": rows,
            "total": _total(rows, planned is not None, w), "planned_known": planned is not None,
            "monthly": dq.monthly(store, period.date_from, period.date_to, town), "weights": w}


def _row(store: Store, name: str, done: dict[str, int], planned: dict[str, int] | None,
         found: dict[str, dict[str, int]], w: dict[str, float]) -> dict[str, Any]:
    f = found.get(name, {"ordinary": 0, "major": 0, "rectified": 0, "overdue": 0, "listed": 0,
                         "listed_rectified": 0})
    tasks, tasks_done = dq.task_completion(store, name)
    row = {"town": name, "done": done.get(name, 0), "planned": None if planned is None else planned.get(name, 0),
           **f, "tasks": tasks, "tasks_done": tasks_done}
    return _scored(row, w)


def _scored(row: dict[str, Any], w: dict[str, float]) -> dict[str, Any]:
    values = assessment.indicators(row)
    return {**row, "found": row["ordinary"] + row["major"], "rates": values,
            "score": assessment.score(values, w)}


def _total(rows: list[dict[str, Any]], planned_known: bool, w: dict[str, float]) -> dict[str, Any]:
    keys = ("done", "ordinary", "major", "rectified", "overdue", "listed", "listed_rectified", "tasks", "tasks_done")
    total = {k: sum(r[k] for r in rows) for k in keys}
    total.update(town="合计", planned=sum(r["planned"] for r in rows) if planned_known else None)
    return _scored(total, w)


def rate_text(value: float | None) -> str:
    """A ratio as printed: “—” for a zero denominator, never 100%."""
    return "—" if value is None else f"{value:.1%}"


def table_rows(stats: dict[str, Any]) -> list[dict[str, Any]]:
    """The rows as the tables print them (every town, then 合计), numbers formatted once for all outputs."""
    out = []
    for r in [*stats["rows"], stats["total"]] if stats["rows"] else []:
        out.append({"town": r["town"], "done": r["done"], "planned": "—" if r["planned"] is None else r["planned"],
                    "ordinary": r["ordinary"], "major": r["major"], "rectified": r["rectified"],
                    "rate": rate_text(r["rates"]["rectification"]), "overdue": r["overdue"],
                    "listed": f"{r['listed_rectified']}/{r['listed']}" if r["listed"] else "—",
                    "tasks": f"{r['tasks_done']}/{r['tasks']}" if r["tasks"] else "—",
                    "task_rate": rate_text(r["rates"]["tasks"]),
                    "score": "—" if r["score"] is None else f"{r['score']:.1f}"})
    return out


COLUMNS = [("town", "街镇"), ("done", "已检查"), ("planned", "计划"), ("ordinary", "一般隐患"), ("major", "重大隐患"),
           ("rectified", "已整改"), ("rate", "整改率"), ("overdue", "逾期未改"), ("listed", "挂牌督办(已改/总)"),
           ("tasks", "任务(完成/总)"), ("task_rate", "任务完成率"), ("score", "考核得分")]


def campaign_rows(store: Store, today: date) -> list[dict[str, Any]]:
    """Every campaign record's progress as the tables print it."""
    from inspector.db import campaigns as cq
    from inspector.services import campaigns

    out = []
    for c in cq.campaigns(store):
        p = campaigns.progress(store, c["id"], today, by_town=False)
        out.append({"id": c["id"], "name": c["name"], "period": period_text(c), "issuer": c.get("issuer") or "",
                    "target": p["target_sites"] or "—", "sites": p["sites_checked"],
                    "coverage": rate_text(p["coverage"]), "findings": p["findings"], "rectified": p["rectified"],
                    "rate": rate_text(p["rectification_rate"]), "overdue": p["overdue"]})
    return out


def period_text(campaign: dict[str, Any]) -> str:
    if not campaign.get("starts_on") and not campaign.get("ends_on"):
        return "—"
    return f"{campaign.get('starts_on') or '不限'} 至 {campaign.get('ends_on') or '不限'}"


def report_data(store: Store, today: date, date_from: str | None = None, date_to: str | None = None,
                town: str | None = None) -> dict[str, Any]:
    """What the statistics report and workbook print."""
    stats = statistics(store, today, date_from, date_to, town)
    scope = stats["period"] + (f"　{stats['town']}" if stats["town"] else "　全区各街镇")
    return {"title": "街镇安全生产检查与隐患治理统计考核表", "scope": scope, "stats": stats,
            "table": table_rows(stats), "campaigns": campaign_rows(store, today),
            "indicators": assessment.INDICATORS}


def campaign_report(store: Store, campaign_id: str, today: date) -> dict[str, Any]:
    """One campaign's progress as its report prints it."""
    from inspector.db import campaigns as cq
    from inspector.services import campaigns

    p = campaigns.progress(store, campaign_id, today)
    c = p["campaign"]
    labels = {"towns": "街镇", "industries": "行业", "risk_levels": "风险等级", "site_ids": "指定单位"}
    criteria = "；".join(f"{labels[k]}：{len(v)} 家" if k == "site_ids" else f"{labels[k]}：{'、'.join(v)}"
                        for k, v in p["criteria"].items() if v) or "未限定"
    checklist = cq.checklist_name(store, c.get("checklist_id"))
    return {**p, "period": period_text(c), "checklist": checklist, "criteria_text": criteria,
            "coverage_text": rate_text(p["coverage"]), "rate_text": rate_text(p["rectification_rate"]),
            "today": today.isoformat()}
