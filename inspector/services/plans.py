"""监督检查计划 and 双随机一公开: plans for a year, quarter or month, their sites, the verifiable draw, progress
and what is printed or published (docs/plans.md)."""

from __future__ import annotations

import calendar
import dataclasses
import json
import re
from datetime import date, datetime
from typing import Any

from inspector import draw as dr
from inspector.db import plans as pq
from inspector.db.plans import SiteFilter
from inspector.db.store import Store
from inspector.errors import RuleError
from inspector.sync.register import my_role

PERIOD_KINDS = {"year": "年度", "quarter": "季度", "month": "月度"}
_PERIOD = {"year": re.compile(r"(\d{4})"), "quarter": re.compile(r"(\d{4})-Q([1-4])"),
           "month": re.compile(r"(\d{4})-(0[1-9]|1[0-2])")}


def period_bounds(kind: str, period: str) -> tuple[date, date]:
    """First and last day of ``2026`` (year), ``2026-Q2`` (quarter) or ``2026-03`` (month)."""
    match = _PERIOD[kind].fullmatch(period.strip()) if kind in _PERIOD else None
    if not match:
        raise RuleError(f"计划期间“{period[:20]}”的写法不对。",
                        "年度写 2026，季度写 2026-Q2，月度写 2026-03。")
    year = int(match.group(1))
    if kind == "year":
        return date(year, 1, 1), date(year, 12, 31)
    first = (int(match.group(2)) - 1) * 3 + 1 if kind == "quarter" else int(match.group(2))
    last = first + 2 if kind == "quarter" else first
    return date(year, first, 1), date(year, last, calendar.monthrange(year, last)[1])


def create_plan(store: Store, name: str, period_kind: str, period: str, *, checklist_id: str | None = None,
                published: bool = False, criteria: dict[str, Any] | None = None, notes: str = "",
                parent_id: str | None = None) -> str:
    """A plan of this device; ``published`` (the district's plan for the towns) only on the district."""
    if not name.strip():
        raise RuleError("计划名称不能为空。", "例如“2026年第二季度监督检查计划”。")
    if published and my_role(store) != "district":
        raise RuleError("只有区里可以下发检查计划。", "街镇请新建本街镇的计划。")
    starts, ends = period_bounds(period_kind, period)
    return store.insert("inspection_plans", {
        "name": name.strip(), "kind": "published" if published else "town", "period_kind": period_kind,
        "period": period.strip(), "starts_on": starts.isoformat(), "ends_on": ends.isoformat(),
        "checklist_id": checklist_id, "criteria": json.dumps(criteria or {}, ensure_ascii=False, sort_keys=True),
        "issuer": store.setting("unit") or store.setting("device_name") or None, "parent_id": parent_id,
        "notes": notes or None})


def adopt(store: Store, published_id: str, target_date: date | None = None) -> str:
    """A town's own plan for a plan the district published: same name, period and checklist, and this
    register's sites that meet the district's criteria (level, industry, town), all in one transaction."""
    with store.atomic():
        try:
            published = store.get("inspection_plans", published_id)
        except KeyError as exc:
            raise RuleError("找不到区下发的计划。", "请先导入区里的数据包。") from exc
        if published["kind"] != "published" or published["deleted_at"]:
            raise RuleError(f"“{published['name']}”不是区下发的计划。", "请选择类型为“区下发”的计划。")
        done = pq.adopted_by(store, published_id)
        if done:
            raise RuleError(f"已按“{published['name']}”建立本级计划。", "请在本级计划中继续加入单位。")
        criteria = criteria_of(published)
        plan_id = create_plan(store, published["name"], published["period_kind"], published["period"],
                              checklist_id=published["checklist_id"], criteria=criteria.to_json(),
                              parent_id=published_id, notes=published["notes"] or "")
        add_by_filter(store, plan_id, criteria, target_date)
        return plan_id


def criteria_of(plan: dict[str, Any]) -> SiteFilter:
    """A plan's recorded criteria as a filter; anything unreadable (it may have come in a package) is none."""
    from inspector.sync import strictjson

    try:
        raw = strictjson.loads(plan.get("criteria") or "{}")
    except strictjson.BadJSON:
        raw = {}
    raw = raw if isinstance(raw, dict) else {}
    levels = raw.get("levels") if isinstance(raw.get("levels"), list) else []
    text = lambda key: raw[key][:100] if isinstance(raw.get(key), str) else ""  # noqa: E731
    return SiteFilter(tuple(lv for lv in levels if lv in ("红", "橙", "黄", "蓝")), text("industry"), text("town"),
                      campaign_id=text("campaign"))


def resolved(store: Store, flt: SiteFilter, plan_id: str | None = None) -> SiteFilter:
    """``flt`` ready to query: its campaign's target sites as a condition (a campaign naming no target limits
    nothing) and, for a plan, without the sites the plan already has."""
    from inspector.services import campaigns

    condition = flt.campaign
    if flt.campaign_id and condition is None:
        condition = campaigns.target_condition(store, flt.campaign_id) or ("1", [])
    return dataclasses.replace(flt, campaign=condition, exclude_plan=plan_id or flt.exclude_plan)


def _own_plan(store: Store, plan_id: str) -> dict[str, Any]:
    try:
        plan = store.get("inspection_plans", plan_id)
    except KeyError as exc:
        raise RuleError("找不到该检查计划。", "请用 inspector plan list 查看计划编号。") from exc
    if plan["deleted_at"]:
        raise RuleError(f"计划“{plan['name']}”已删除。", "请选择其他计划。")
    if plan["device_id"] != store.device_id:
        raise RuleError(f"计划“{plan['name']}”是其他设备制定的，不能在本机修改。",
                        "请新建本街镇的计划（可按区下发的计划选择单位）。")
    return plan


def add_sites(store: Store, plan_id: str, site_ids: list[str], *, target_date: date | None = None,
              inspectors: tuple[str | None, str | None] = (None, None), draw_id: str | None = None) -> list[str]:
    """Put sites into a plan, all or none: a site already in the plan is refused, never added twice."""
    with store.atomic():
        plan = _own_plan(store, plan_id)
        target = (target_date or date.fromisoformat(plan["ends_on"])).isoformat()
        position = pq.plan_size(store, plan_id)
        barred = {(i, s) for i, s in pq.recusal_pairs(store)}
        rows = []
        for n, site_id in enumerate(dict.fromkeys(site_ids)):
            if pq.site_in_plan(store, plan_id, site_id):
                name = store.get("sites", site_id)["name"]
                raise RuleError(f"“{name}”已在计划“{plan['name']}”中。", "同一计划中一家单位只能出现一次。")
            if any((i, site_id) in barred for i in inspectors if i):
                name = store.get("sites", site_id)["name"]
                raise RuleError(f"所选检查人员须对“{name}”回避。", "请另选检查人员。")
            rows.append({"plan_id": plan_id, "site_id": site_id, "inspector1_id": inspectors[0],
                         "inspector2_id": inspectors[1], "target_date": target, "draw_id": draw_id,
                         "position": position + n})
        return store.insert_many("plan_sites", rows)


def add_by_filter(store: Store, plan_id: str, flt: SiteFilter, target_date: date | None = None) -> list[str]:
    """Every site that matches (by level, industry, town, campaign) and is not yet in the plan."""
    flt = resolved(store, flt, plan_id)
    return add_sites(store, plan_id, [s["id"] for s in pq.filtered_sites(store, flt)], target_date=target_date)


def remove_site(store: Store, plan_site_id: str) -> None:
    with store.atomic():
        row = store.get("plan_sites", plan_site_id)
        _own_plan(store, row["plan_id"])
        store.delete("plan_sites", plan_site_id)


def make_draw(store: Store, plan_id: str | None, n: int, flt: SiteFilter, now: datetime,
              seed: str | None = None, target_date: date | None = None) -> dict[str, Any]:
    """Draw N sites and two inspectors each, save the record and the sites as the plan's inspections to do,
    in one transaction. The seed is the published time of the draw unless one is given (e.g. a number
    announced beforehand). Without a plan, the draws of a month go into that month's 双随机 plan."""
    drawn_at = now.isoformat(timespec="seconds")
    with store.atomic():
        if plan_id is None:
            month, name = now.strftime("%Y-%m"), f"{now.year}年{now.month}月双随机抽查"
            plan_id = pq.own_plan_named(store, name, month) or create_plan(store, name, "month", month)
        plan = _own_plan(store, plan_id)
        flt = resolved(store, flt, plan_id)
        candidates = [{"id": s["id"], "name": s["name"]} for s in pq.filtered_sites(store, flt)]
        people = [{"id": i["id"], "name": i["name"]} for i in pq.inspector_register(store)]
        try:
            record = dr.make_record(
                candidates=candidates, inspectors=people, recusals=pq.recusal_pairs(store), n=n,
                seed=seed or drawn_at, seed_source="抽取时间" if seed is None else "公布的随机数",
                drawn_at=drawn_at, filters=flt.to_json(), plan={"id": plan_id, "name": plan["name"]})
        except dr.DrawError as exc:
            raise RuleError(f"不能抽取：{exc}", "请放宽筛选条件、减少抽取数量或补充执法人员。") from exc
        text = json.dumps(record, ensure_ascii=False, sort_keys=True)
        draw_id = store.insert("plan_draws", {"plan_id": plan_id, "drawn_at": drawn_at, "seed": record["seed"],
                                              "n": n, "algorithm": f"{dr.ALGORITHM}/{dr.ALGORITHM_VERSION}",
                                              "record": text, "record_sha256": dr.digest(record)})
        for pick in record["result"]:
            add_sites(store, plan_id, [pick["site_id"]], target_date=target_date,
                      inspectors=(pick["inspectors"][0], pick["inspectors"][1]), draw_id=draw_id)
    return {**record, "draw_id": draw_id}


def add_recusal(store: Store, inspector_id: str, site_id: str, reason: str) -> str:
    """回避: the inspector is never drawn for the site."""
    if not reason.strip():
        raise RuleError("回避须写明理由。", "例如“近亲属在该单位任职”。")
    store.get("inspectors", inspector_id)
    store.get("sites", site_id)
    return store.insert("recusals", {"inspector_id": inspector_id, "site_id": site_id, "reason": reason.strip()})


def progress(store: Store, plan_id: str, today: date) -> dict[str, Any]:
    """Done vs planned, and which planned inspections are past their target date."""
    plan = store.get("inspection_plans", plan_id)
    plan["checklist"] = pq.checklist_name(store, plan.get("checklist_id"))
    rows = pq.plan_sites(store, plan_id)
    for row in rows:
        done_on, _, inspection_id = (row["inspection"] or "").partition("|")
        row["done_on"], row["inspection_id"] = done_on or None, inspection_id or None
        row["late"] = row["done_on"] is None and bool(row["target_date"]) and row["target_date"] < today.isoformat()
    done = sum(1 for r in rows if r["done_on"])
    return {"plan": plan, "rows": rows, "planned": len(rows), "done": done,
            "late": sum(1 for r in rows if r["late"]), "rate": done / len(rows) if rows else None}


def publication(store: Store, plan_id: str, today: date) -> list[dict[str, Any]]:
    """抽查结果公示: per drawn site its name, credit code, the date checked and a summary of the result —
    nothing about people (no inspectors, contacts or phone numbers)."""
    out = []
    for row in progress(store, plan_id, today)["rows"]:
        if not row["draw_id"]:
            continue
        if row["inspection_id"]:
            o = pq.inspection_outcome(store, row["inspection_id"])
            summary = "未发现问题" if not o["found"] else (
                f"发现隐患 {o['found']} 项（重大 {o['major']} 项），已整改 {o['rectified']} 项")
        else:
            summary = "尚未检查"
        out.append({"site": row["site"], "credit_code": row["credit_code"] or "", "town": row["town"] or "",
                    "date": row["done_on"] or "", "result": summary})
    return out
