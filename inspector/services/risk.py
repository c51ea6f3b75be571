"""Risk grading as records: assess a site (history kept, the site's level follows), the policy in force, and
the sites due for inspection by their level's frequency (docs/risk.md)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from inspector import risk
from inspector.db import plans as pq
from inspector.db.store import Store
from inspector.errors import RuleError
from inspector.sync import strictjson
from inspector.sync.register import my_role

FREQUENCY_SETTING = "risk_frequencies"  # a town's own edit of the intervals (months per level)


def policy(store: Store) -> dict[str, Any]:
    """The policy in force: the district's newest (or the defaults), with this device's own frequencies
    when it edited them. A policy that cannot be used falls back to the defaults, named in ``problem``."""
    row = pq.newest_policy(store)
    out = {**risk.check_policy(risk.DEFAULT_POLICY), "id": None, "source": "默认标准", "problem": None}
    if row is not None:
        try:
            checked = risk.check_policy({"thresholds": strictjson.loads(row["thresholds"]),
                                         "frequencies": strictjson.loads(row["frequencies"])})
            out.update(checked, id=row["id"], source=f"{row.get('issued_by') or '区'} {row.get('issued_on') or ''}")
        except (strictjson.BadJSON, risk.BadPolicy) as exc:
            out["problem"] = f"区下发的风险分级标准无法使用（{exc}），暂按默认标准。"
    own = store.setting(FREQUENCY_SETTING)
    if own:
        try:
            out["frequencies"] = risk.check_policy({"thresholds": out["thresholds"],
                                                    "frequencies": json.loads(own)})["frequencies"]
        except (ValueError, risk.BadPolicy):
            out["problem"] = "本机设置的检查频次无效，暂按标准频次。"
    return out


def set_frequencies(store: Store, frequencies: dict[str, int]) -> None:
    """This device's own intervals per level (editable on every device; the district also publishes them)."""
    checked = _checked({"thresholds": risk.DEFAULT_POLICY["thresholds"], "frequencies": frequencies})
    store.set_setting(FREQUENCY_SETTING, json.dumps(checked["frequencies"], ensure_ascii=False), audit=True)


def publish_policy(store: Store, thresholds: dict[str, Any], frequencies: dict[str, int], on: date,
                   note: str = "") -> str:
    """The district's thresholds and frequencies as a record that travels to the towns."""
    if my_role(store) != "district":
        raise RuleError("风险分级标准由区里制定和下发。", "街镇可以在本机调整检查频次（inspector risk frequency）。")
    checked = _checked({"thresholds": thresholds, "frequencies": frequencies})
    return store.insert("risk_policies", {
        "thresholds": json.dumps(checked["thresholds"], ensure_ascii=False, sort_keys=True),
        "frequencies": json.dumps(checked["frequencies"], ensure_ascii=False, sort_keys=True),
        "issued_by": store.setting("unit") or store.setting("device_name") or "区应急管理局",
        "issued_on": on.isoformat(), "note": note or None})


def _checked(value: dict[str, Any]) -> dict[str, Any]:
    try:
        return risk.check_policy(value)
    except risk.BadPolicy as exc:
        raise RuleError(f"风险分级标准无效：{exc}。", "阈值须为正数且红＞橙＞黄；频次为 1 到 36 个月。") from exc


def assess(store: Store, site_id: str, hazards: list[str], on: date, assessed_by: str = "",
           lec: dict[str, Any] | None = None) -> dict[str, Any]:
    """Assess a site from its inputs and its findings so far; the record and the site's new level are saved
    together. Only the device that registered a site assesses it (the level is the site's own field)."""
    with store.atomic():
        try:
            site = store.get("sites", site_id)
        except KeyError as exc:
            raise RuleError("找不到要评估的单位。", "请从单位名册中选择。") from exc
        if site["device_id"] != store.device_id:
            raise RuleError(f"“{site['name']}”由其他设备登记，风险评估应由登记该单位的街镇进行。",
                            "请把评估要求转给该街镇。")
        current = policy(store)
        since = date(on.year - risk.HISTORY_YEARS, on.month, min(on.day, 28)).isoformat()
        history = risk.History(**pq.site_history(store, site_id, since, on.isoformat()))
        try:
            result = risk.assess(site.get("industry"), hazards, history, current, lec)
        except ValueError as exc:
            raise RuleError(f"不能评估：{exc}。", "请按 docs/risk.md 填写评估要素。") from exc
        result.inputs["parts"] = [[name, value] for name, value in result.parts]
        record = {"site_id": site_id, "method": result.method, "score": f"{result.score:g}",
                  "inputs": json.dumps(result.inputs, ensure_ascii=False, sort_keys=True),
                  "level": result.level, "assessed_by": assessed_by or store.actor or None,
                  "assessed_on": on.isoformat(), "policy_id": current["id"]}
        record_id = store.insert("risk_assessments", record)
        store.update("sites", site_id, {"risk_level": newest_level(store, site_id)})
    return {"id": record_id, **record, "parts": result.parts}


def newest_level(store: Store, site_id: str) -> str | None:
    rows = pq.assessments(store, site_id)
    return rows[0]["level"] if rows else None


def history(store: Store, site_id: str) -> list[dict[str, Any]]:
    rows = pq.assessments(store, site_id)
    for row in rows:
        try:
            row["inputs"] = strictjson.loads(row["inputs"])
        except strictjson.BadJSON:
            row["inputs"] = {}
    return rows


def due(store: Store, today: date, within_days: int = 30, town: str = "") -> list[dict[str, Any]]:
    """Sites due for inspection by ``today + within_days`` (overdue first), by their level's interval; sites
    without a level are listed at the end as 待评估 so that none is forgotten."""
    freq = policy(store)["frequencies"]
    out, unrated = [], []
    for site in pq.sites_with_last_inspection(store, town):
        last = date.fromisoformat(site["last_inspected"]) if site["last_inspected"] else None
        when = risk.next_due(site["risk_level"], last, freq, today)
        if when is None:
            unrated.append({**site, "due_on": None, "days_left": None, "months": None})
        elif (when - today).days <= within_days:
            out.append({**site, "due_on": when.isoformat(), "days_left": (when - today).days,
                        "months": freq[site["risk_level"]]})
    out.sort(key=lambda s: (s["due_on"], risk.LEVELS.index(s["risk_level"]), s["name"]))
    return out + unrated
