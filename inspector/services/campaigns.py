"""专项整治 campaigns: records the district publishes (name, period, checklist, target sites or criteria, issuing
body); inspections and findings belong to one by its id.

A name typed by an older version became a reference to the id derived from the name (migration 0016); the
district registers such a name as a campaign with exactly that id (:func:`adopt`), so every town's references
resolve once the record arrives. Only the district creates or edits campaigns, here and in the sync.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from inspector import assessment
from inspector.db import campaigns as cq
from inspector.db.store import Store, stable_id
from inspector.errors import RuleError
from inspector.sync import register

FIELDS = ("name", "starts_on", "ends_on", "checklist_id", "criteria", "issuer", "doc_no", "notes")
CRITERIA = ("towns", "industries", "risk_levels", "site_ids")
LEVELS = ("红", "橙", "黄", "蓝")


def derived_id(name: str) -> str:
    """The id of a campaign known only by its name (the same as migration 0016 gives)."""
    return stable_id("campaign", name)


def _district_only(store: Store) -> None:
    if register.my_role(store) != "district":
        raise RuleError("专项行动由区里发布，街镇不能新建或修改。", "请在区里的设备上操作；街镇同步后即可选用。")


def check(store: Store, fields: dict[str, Any]) -> dict[str, Any]:
    """The fields of a campaign, checked and normalised (criteria as JSON text)."""
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise RuleError(f"未知字段：{'、'.join(sorted(unknown))}")
    name = (fields.get("name") or "").strip()
    if not name or len(name) > 100:
        raise RuleError("请填写专项行动名称（不超过 100 字）。")
    out = {**fields, "name": name}
    for key in ("starts_on", "ends_on"):
        if out.get(key):
            try:
                out[key] = date.fromisoformat(str(out[key])).isoformat()
            except ValueError:
                raise RuleError(f"日期“{out[key]}”无效。", "请按 2026-03-01 的格式填写。") from None
    if out.get("starts_on") and out.get("ends_on") and out["ends_on"] < out["starts_on"]:
        raise RuleError("专项行动的结束日期早于开始日期。")
    if out.get("checklist_id"):
        store.get("checklists", out["checklist_id"])
    if "criteria" in out:
        out["criteria"] = _criteria_text(store, out["criteria"])
    return out


def _criteria_text(store: Store, criteria: Any) -> str | None:
    if criteria in (None, "", {}):
        return None
    value = json.loads(criteria) if isinstance(criteria, str) else criteria
    if not isinstance(value, dict) or set(value) - set(CRITERIA):
        raise RuleError("目标条件格式不对。", "可用：街镇、行业、风险等级、指定单位。")
    clean = {}
    for key in CRITERIA:
        items = value.get(key) or []
        if not isinstance(items, list) or not all(isinstance(v, str) and v.strip() for v in items):
            raise RuleError("目标条件格式不对。", "每项条件是一个名称列表。")
        if key == "risk_levels" and set(items) - set(LEVELS):
            raise RuleError("风险等级只能是红、橙、黄、蓝。")
        if key == "site_ids":
            for site in items:
                store.get("sites", site)
        if items:
            clean[key] = [v.strip() for v in items]
    return json.dumps(clean, ensure_ascii=False, sort_keys=True) if clean else None


def save(store: Store, fields: dict[str, Any], campaign_id: str | None = None) -> str:
    """Create (the id derived from the name when older records already refer to that name) or edit."""
    _district_only(store)
    with store.atomic():
        clean = check(store, fields)
        if campaign_id:
            store.update("campaigns", campaign_id, clean)
            return campaign_id
        if cq.campaign_by_name(store, clean["name"]):
            raise RuleError(f"已有名为“{clean['name']}”的专项行动。", "请换一个名称，或修改原有的专项行动。")
        rid = derived_id(clean["name"])
        if cq.campaign(store, rid):
            rid = None  # a deleted campaign of that name keeps its id; a new one gets its own
        return store.insert("campaigns", {"id": rid, **clean} if rid else clean)


def delete(store: Store, campaign_id: str) -> None:
    _district_only(store)
    store.delete("campaigns", campaign_id)


def adopt(store: Store) -> list[str]:
    """Register every campaign name that records refer to but that has no record (names typed by an older
    version, in the district's own or a town's data), each with the id the name derives."""
    _district_only(store)
    created = []
    with store.atomic():
        for ref in cq.unregistered(store):
            if ref["id"] == derived_id(ref["name"]):
                created.append(store.insert("campaigns", {"id": ref["id"], "name": ref["name"],
                                                          "notes": "由旧版本填写的专项名称登记"}))
    return created


def choices(store: Store) -> list[dict[str, Any]]:
    """What an officer may pick or filter by: the campaign records, then names still without a record."""
    out = [{"id": c["id"], "name": c["name"], "registered": True} for c in cq.campaigns(store)]
    return out + [{**u, "registered": False} for u in cq.unregistered(store)]


def fields_for(store: Store, fields: dict[str, Any]) -> dict[str, Any]:
    """An inspection's or finding's campaign as a reference and the name at the time: from a chosen id, or from
    a typed name (the command line, older callers) resolved to its record or to the id the name derives."""
    cid, name = fields.get("campaign_id"), (fields.get("campaign") or "").strip() or None
    if cid:
        row = cq.campaign(store, cid)
        if not row and not name:
            raise RuleError("所选的专项行动不存在。", "请从列表中选择区里发布的专项行动。")
        return {**fields, "campaign_id": cid, "campaign": row["name"] if row else name}
    if name:
        record = cq.campaign_by_name(store, name)
        return {**fields, "campaign_id": record["id"] if record else derived_id(name), "campaign": name}
    return {**fields, "campaign_id": None, "campaign": None} if "campaign" in fields else fields


def progress(store: Store, campaign_id: str, today: date, by_town: bool = True) -> dict[str, Any]:
    """A campaign's progress: target sites (from its criteria), sites checked, findings, 整改率, overdue."""
    campaign = cq.campaign(store, campaign_id) or {"id": campaign_id, "name": _name(store, campaign_id)}
    criteria = _criteria(campaign.get("criteria"))
    figures = cq.progress(store, campaign_id, today.isoformat())
    target = cq.target_sites(store, *(criteria.get(k, []) for k in CRITERIA))
    return {"campaign": campaign, "criteria": criteria, **figures, "target_sites": target,
            "coverage": assessment.ratio(figures["sites_checked"], target),
            "rectification_rate": assessment.ratio(figures["rectified"], figures["findings"]),
            "by_town": cq.progress_by_town(store, campaign_id) if by_town else []}


def target_condition(store: Store, campaign_id: str) -> tuple[str, list[str]] | None:
    """The condition on sites that selects the campaign's targets (for a plan's or a draw's filter); ``None`` when
    its criteria name none. An unknown or deleted campaign is refused."""
    campaign = cq.campaign(store, campaign_id)
    if not campaign or campaign["deleted_at"]:
        raise RuleError("找不到该专项行动。", "请用 inspector campaign list 查看专项编号，或先导入区里的数据包。")
    criteria = _criteria(campaign["criteria"])
    return cq.target_condition(*(criteria.get(k, []) for k in CRITERIA))


def _criteria(raw: str | None) -> dict[str, list[str]]:
    """Criteria as stored; a value that does not read as criteria (hand-edited) selects no target."""
    try:
        value = json.loads(raw) if raw else {}
    except ValueError:
        return {}
    if not isinstance(value, dict):
        return {}
    return {k: [str(v) for v in value.get(k) or [] if isinstance(v, str)] for k in CRITERIA
            if isinstance(value.get(k), list)}


def _name(store: Store, campaign_id: str) -> str:
    for ref in cq.unregistered(store):
        if ref["id"] == campaign_id:
            return ref["name"]
    raise RuleError("没有这个专项行动。", "用 `inspector campaign list` 查看可用的专项行动。")
