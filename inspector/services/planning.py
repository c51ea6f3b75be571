"""The verbs of risk grading, inspection plans and 双随机, for the window and the command line
(``Services.planning()``); the rules live in :mod:`.risk` and :mod:`.plans`."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from inspector.db import plans as pq
from inspector.db.plans import SiteFilter
from inspector.db.store import Store
from inspector.errors import RuleError
from inspector.services import plans, risk

__all__ = ["Planning", "SiteFilter"]


class Planning:
    """Risk, plans and draws on one database."""

    def __init__(self, store: Store, db_path: Path) -> None:
        self.store = store
        self.path = db_path

    # -- risk ----------------------------------------------------------------------------------------------
    def policy(self) -> dict[str, Any]:
        return risk.policy(self.store)

    def set_frequencies(self, frequencies: dict[str, int]) -> None:
        risk.set_frequencies(self.store, frequencies)

    def publish_policy(self, thresholds: dict[str, Any], frequencies: dict[str, int], on: date) -> str:
        return risk.publish_policy(self.store, thresholds, frequencies, on)

    def assess(self, site_id: str, hazards: list[str], on: date, assessed_by: str = "",
               lec: dict[str, Any] | None = None) -> dict[str, Any]:
        return risk.assess(self.store, site_id, hazards, on, assessed_by, lec)

    def risk_history(self, site_id: str) -> list[dict[str, Any]]:
        return risk.history(self.store, site_id)

    def due(self, today: date, within_days: int = 30, town: str = "") -> list[dict[str, Any]]:
        return risk.due(self.store, today, within_days, town)

    def find_site(self, text: str) -> dict[str, Any]:
        """A site by id, credit code or exact name (the command line's way of naming one)."""
        rows = pq.find_sites(self.store, text) if text else []
        if len(rows) != 1:
            raise RuleError(f"找不到唯一的单位“{text[:40]}”。", "请用单位编号、统一社会信用代码或完整名称。")
        return rows[0]

    def find_inspector(self, text: str) -> dict[str, Any]:
        rows = pq.find_inspectors(self.store, text) if text else []
        if len(rows) != 1:
            raise RuleError(f"找不到唯一的检查人员“{text[:40]}”。", "请用编号、姓名或执法证号。")
        return rows[0]

    # -- plans ---------------------------------------------------------------------------------------------
    def create_plan(self, name: str, period_kind: str, period: str, **kw: Any) -> str:
        return plans.create_plan(self.store, name, period_kind, period, **kw)

    def adopt(self, published_id: str, target_date: date | None = None) -> str:
        """This town's plan for a plan the district published (its criteria applied to this register)."""
        return plans.adopt(self.store, published_id, target_date)

    def plans(self) -> list[dict[str, Any]]:
        return pq.plans(self.store)

    def find_plan(self, text: str) -> dict[str, Any]:
        rows = [p for p in pq.plans(self.store) if text and (p["id"] == text or p["id"].startswith(text)
                                                               or p["name"] == text)]
        if len(rows) != 1:
            raise RuleError(f"找不到唯一的检查计划“{text[:40]}”。", "请用 inspector plan list 查看计划编号。")
        return rows[0]

    def add_sites(self, plan_id: str, site_ids: list[str], target_date: date | None = None,
                  inspectors: tuple[str | None, str | None] = (None, None)) -> list[str]:
        if inspectors[0] is not None and inspectors[0] == inspectors[1]:
            raise RuleError("两名检查人员不能是同一人。", "请选择两名不同的检查人员。")
        return plans.add_sites(self.store, plan_id, site_ids, target_date=target_date, inspectors=inspectors)

    def add_by_filter(self, plan_id: str, flt: SiteFilter, target_date: date | None = None) -> list[str]:
        return plans.add_by_filter(self.store, plan_id, flt, target_date)

    def remove_site(self, plan_site_id: str) -> None:
        plans.remove_site(self.store, plan_site_id)

    def progress(self, plan_id: str, today: date) -> dict[str, Any]:
        return plans.progress(self.store, plan_id, today)

    def candidates(self, flt: SiteFilter) -> list[dict[str, Any]]:
        return pq.filtered_sites(self.store, plans.resolved(self.store, flt))

    # -- draws ---------------------------------------------------------------------------------------------
    def draw(self, plan_id: str | None, n: int, flt: SiteFilter, now: datetime, seed: str | None = None,
             target_date: date | None = None) -> dict[str, Any]:
        return plans.make_draw(self.store, plan_id, n, flt, now, seed, target_date)

    def draws(self, plan_id: str) -> list[dict[str, Any]]:
        return pq.draws(self.store, plan_id)

    def add_recusal(self, inspector_id: str, site_id: str, reason: str) -> str:
        return plans.add_recusal(self.store, inspector_id, site_id, reason)

    def recusals(self) -> list[dict[str, Any]]:
        return pq.recusals(self.store)

    # -- printing ------------------------------------------------------------------------------------------
    def print_plan(self, plan_id: str, out: Path, today: date, font_file: str | None = None) -> Path:
        """The plan table (PDF, or .xlsx)."""
        from inspector.reports import plans_pdf
        from inspector.reports.layout import new_render

        render = new_render(font_file or self.store.setting("pdf_font") or None)
        return plans_pdf.write("plan", self.progress(plan_id, today), Path(out), render)

    def publication(self, plan_id: str, today: date) -> dict[str, Any]:
        plan = self.store.get("inspection_plans", plan_id)
        return {"rows": plans.publication(self.store, plan_id, today),
                "heading": f"{plan['name']}　公示单位：{plan.get('issuer') or ''}　公示日期：{today.isoformat()}",
                "note": "被抽查单位由“双随机”方式从检查对象名录库中抽取（抽取记录可复核）；"
                        "本表只公示单位、检查日期和检查结果，不含个人信息。"}

    def print_publication(self, plan_id: str, out: Path, today: date, font_file: str | None = None) -> Path:
        from inspector.reports import plans_pdf
        from inspector.reports.layout import new_render

        render = new_render(font_file or self.store.setting("pdf_font") or None)
        return plans_pdf.write("publication", self.publication(plan_id, today), Path(out), render)
