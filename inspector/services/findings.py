"""Inspections, findings and the steps of their rectification, with the rules of :mod:`inspector.workflow`.

Every step is an appended event; the cached ``status`` / ``current_deadline`` columns of the finding are
rewritten from the full event list in the same transaction, so they can never drift from the history.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from inspector import workflow as wf
from inspector.db import findings as search
from inspector.db import queries
from inspector.db.store import Store
from inspector.errors import RuleError

RESULTS = ("符合", "不符合", "不适用", "未检查")


def suggested_description(item: dict[str, Any]) -> str:
    """The words a 不符合 finding of ``item`` is suggested with: the item's problem statement (特种作业人员未持证
    上岗). An item without one (an own template, a work-plan task) names the requirement it failed, never
    turns the requirement into the claim that it is met."""
    problem = (item.get("problem") or "").strip()
    if problem:
        return problem
    title = (item.get("title") or "").strip().rstrip("？?。★")
    return f"不符合检查项“{title}”的要求" if title else ""


def add_inspector(store: Store, name: str, certificate_no: str = "", unit: str = "") -> str:
    return store.insert("inspectors", {"name": name, "certificate_no": certificate_no, "unit": unit})


def start_inspection(store: Store, site_id: str, checklist_id: str | None, **fields: Any) -> str:
    from inspector.services import campaigns

    store.get("sites", site_id)
    fields = campaigns.fields_for(store, fields)
    return store.insert("inspections", {"site_id": site_id, "checklist_id": checklist_id, **fields})


def record_result(store: Store, inspection_id: str, item_id: str, result: str, note: str = "") -> str:
    """Set (or change) one item's result in an inspection: 符合 / 不符合 / 不适用 / 未检查."""
    if result not in RESULTS:
        raise RuleError(f"检查结果“{result}”无效。", "请选择符合、不符合、不适用或未检查。")
    with store.atomic():
        existing = queries.inspection_results(store, inspection_id).get(item_id)
        if existing:
            store.update("inspection_results", existing["id"], {"result": result, "note": note})
            return existing["id"]
        return store.insert("inspection_results",
                            {"inspection_id": inspection_id, "item_id": item_id, "result": result, "note": note})


def record_finding(store: Store, *, description: str, grade: str, found_on: date, deadline: date | None = None,
                   plan: dict[str, str] | None = None, category: str | None = None, **fields: Any) -> str:
    """Register a finding (隐患登记) after the rules accept it; its first event is ``created``."""
    from inspector.services import campaigns

    wf.validate_new_finding(grade, description, found_on, deadline, plan, category)
    with store.atomic():
        if fields.get("inspection_id") and "campaign_id" not in fields and "campaign" not in fields:
            inspection = store.get("inspections", fields["inspection_id"])  # a finding belongs to its inspection's
            fields = {**fields, "campaign_id": inspection.get("campaign_id"), "campaign": inspection.get("campaign")}
        fields = campaigns.fields_for(store, fields)
        finding_id = store.insert(
            "findings",
            {
                "description": description, "grade": grade, "found_on": found_on.isoformat(),
                "category": category, "plan": json.dumps(plan, ensure_ascii=False) if plan else None,
                "status": wf.REGISTERED, "current_deadline": deadline.isoformat() if deadline else None,
                **fields,
            },
        )
        _append(store, finding_id, wf.Event(wf.CREATED, found_on, {"deadline": deadline}))
        search.reindex(store.db, finding_id)
    return finding_id


def act(store: Store, finding_id: str, event: wf.Event) -> wf.FindingState:
    """Append one step (issue order, feedback, re-check, extension, close, reopen) if the rules allow it."""
    with store.atomic():
        finding = store.get("findings", finding_id)
        state = wf.derive(events_of(store, finding_id))
        wf.check(state, event, grade=finding["grade"])
        _append(store, finding_id, event)
        wf.apply_event(state, event)
        store.update("findings", finding_id, state.columns())
    return state


def events_of(store: Store, finding_id: str) -> list[wf.Event]:
    return [
        wf.Event(row["kind"], date.fromisoformat(row["on_date"]), row["data"], row["actor"] or "")
        for row in queries.finding_events(store, finding_id)
    ]


def _append(store: Store, finding_id: str, event: wf.Event) -> None:
    data = {k: (v.isoformat() if isinstance(v, date) else v) for k, v in event.data.items()}
    with store.atomic():
        store.append("finding_events", {"finding_id": finding_id, "kind": event.kind, "on_date": event.on.isoformat(),
                                        "actor": event.actor or store.actor,
                                        "data": json.dumps(data, ensure_ascii=False)})
        store.audit(f"finding:{event.kind}", "findings", finding_id, data)


SIGNERS = ("inspector1", "inspector2", "site")


def sign(store: Store, inspection_id: str, signer: str, attachment_id: str | None, refused: bool = False) -> None:
    """Record a signature image (an attachment) or a refusal to sign (拒绝签字) for one signer of an inspection."""
    if signer not in SIGNERS:
        raise RuleError(f"未知的签字人“{signer}”。")
    if not refused and not attachment_id:
        raise RuleError("请先签字，或选择“拒绝签字”。")
    with store.atomic():
        inspection = store.get("inspections", inspection_id)
        signatures = json.loads(inspection["signatures"] or "{}")
        signatures[signer] = {"refused": True} if refused else {"attachment": attachment_id}
        store.update("inspections", inspection_id, {"signatures": json.dumps(signatures, ensure_ascii=False)})


PROBES: dict[str, dict[str, Any]] = {
    wf.ORDER_ISSUED: {"deadline": date.max}, wf.RECHECK: {"inspectors": ["", ""], "passed": True},
    wf.EXTENSION: {"reason": "-", "deadline": date.max}, wf.CLOSE: {"assessment": "-"}, wf.REOPEN: {"reason": "-"},
}


def allowed_steps(store: Store, finding_id: str, on: date) -> dict[str, str | None]:
    """Each next step of a finding, with None where the rules allow it now and otherwise the rules' own reason.

    Asks :func:`workflow.check` with the step's form filled in (``PROBES``), so what refuses it is the finding's
    state, never a field the officer has not typed yet; the window shows the reason and re-derives nothing.
    """
    finding = store.get("findings", finding_id)
    state = wf.derive(events_of(store, finding_id))
    day = max(on, state.order_date or on)
    out: dict[str, str | None] = {}
    for kind in (wf.ORDER_ISSUED, wf.RECTIFICATION_STARTED, wf.FEEDBACK, wf.RECHECK, wf.EXTENSION, wf.CLOSE,
                 wf.REOPEN):
        try:
            wf.check(state, wf.Event(kind, day, dict(PROBES.get(kind, {}))), grade=finding["grade"])
        except RuleError as refusal:
            out[kind] = str(refusal)
        else:
            out[kind] = None
    return out


def district_event(store: Store, finding_id: str, kind: str, on: date, note: str = "") -> None:
    """The district's say over a town's finding — 挂牌督办, 督办意见, 区级复核 — as an event of its own, never an edit
    of the town's fields (docs/sync-format.md); it does not move the finding's status."""
    from inspector.sync import register
    from inspector.sync.ownership import DISTRICT_EVENTS

    if kind not in DISTRICT_EVENTS:
        raise RuleError(f"未知的督办类型“{kind}”。", "可用：" + "、".join(DISTRICT_EVENTS.values()))
    if register.my_role(store) != "district":
        raise RuleError("挂牌督办等督办记录只能由区里登记。")
    with store.atomic():
        store.get("findings", finding_id)
        _append(store, finding_id, wf.Event(kind, on, {"note": note} if note else {}))
