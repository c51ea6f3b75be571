"""Gathering the data of each printed document, numbering it, and handing it to the renderers.

Numbers follow 《（普）应急检记〔2026〕12号》: the prefix from 设置, a category word per form (检记, 责改 or 整改,
复查, 隐患), the year and the case number. All forms of one case (one inspection) share the number; it is assigned
when the first form is issued, kept for every reprint, and never reused (the counter only goes up).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from inspector import workflow as wf
from inspector.db import queries
from inspector.db import reports as rq
from inspector.db.store import Store
from inspector.errors import InspectorError
from inspector.filestore import is_digest, path_for
from inspector.paths import attachments_dir
from inspector.services.tasks import ALL_WORK_PLANS, effective_status, is_town_share

KINDS = ("inspection-record", "rectification-order", "recheck-opinion", "major-hazard", "ledger", "task-progress",
         "site-file", "statistics", "district", "campaign")


@dataclass
class ReportResult:
    path: Path
    number: str | None = None
    warnings: list[str] = field(default_factory=list)


class Reports:
    """Report data for one database; ``generate`` writes the file of a kind (PDF, or .xlsx for tables)."""

    def __init__(self, store: Store, db_path: Path, today: Callable[[], date] = date.today) -> None:
        self.store = store
        self.files = attachments_dir(db_path)
        self.today = today  # the one clock the documents are dated and numbered by

    # -- numbering -------------------------------------------------------------------------------------------
    def issuer(self) -> str:
        return self.store.setting("unit") or "普陀区应急管理局"

    def number(self, case_id: str, category: str, on: date | None = None) -> str:
        """The form's number, assigned the first time and the same on every reprint."""
        existing = rq.document_number(self.store, case_id, category)
        if existing:
            return existing["text"]
        year = (on or self.today()).year
        prefix = self.store.setting("doc_prefix") or "（普）应急"
        with self.store.atomic():
            number = rq.case_number(self.store, case_id) or rq.next_case_number(self.store, self.issuer(), year)
            text = f"{prefix}{category}〔{year}〕{number}号"
            self.store.insert("doc_numbers", {"issuer": self.issuer(), "year": year, "category": category,
                                              "number": number, "case_id": case_id, "text": text})
        return text

    def enforcement(self) -> bool:
        return self.store.setting("issuer_kind") == "enforcement"

    def issuing_body(self) -> str:
        """The body named in the head line and on the seal: the bureau for an enforcement body's 指令书, the
        town itself for a town's 意见书 (sealed by the town, not by the district bureau)."""
        own = self.store.setting("issuer_name")
        if own:
            return own
        if self.enforcement():
            return self.issuer()
        return self.store.setting("town") or self.store.setting("unit") or ""

    def order_category(self) -> str:
        return "责改" if self.store.setting("issuer_kind") == "enforcement" else "整改"

    def order_title(self) -> str:
        """The order's name for this issuer: a town's 限期整改意见书, an enforcement body's 责令限期整改指令书."""
        return order_title(self.store.setting("issuer_kind"))

    # -- helpers ---------------------------------------------------------------------------------------------
    def _stored(self, digest: str) -> Path | None:
        """The stored file of an attachment; a name that is not a digest is printed as a missing file."""
        return path_for(self.files, digest) if is_digest(digest) else None

    def _signatures(self, inspection: dict[str, Any]) -> dict[str, Any]:
        raw = json.loads(inspection.get("signatures") or "{}")
        out: dict[str, Any] = {}
        for signer, sig in raw.items():
            if sig.get("refused"):
                out[signer] = {"refused": True}
            elif sig.get("attachment"):
                att = self.store.get("attachments", sig["attachment"])
                out[signer] = {"path": self._stored(att["sha256"])}
        return out

    def _inspectors(self, inspection: dict[str, Any]) -> list[dict[str, Any]]:
        people = []
        for key in ("inspector1_id", "inspector2_id"):
            people.append(self.store.get("inspectors", inspection[key]) if inspection.get(key) else {})
        return people

    def _case_of_finding(self, finding_id: str) -> tuple[dict[str, Any], dict[str, Any]]:
        finding = self.store.get("findings", finding_id)
        if not finding.get("inspection_id"):
            raise InspectorError("该隐患不属于任何一次检查，无法生成检查文书。", "请从检查中登记隐患。")
        return finding, self.store.get("inspections", finding["inspection_id"])

    def _findings_of(self, inspection_id: str) -> list[dict[str, Any]]:
        rows = rq.inspection_findings(self.store, inspection_id)
        for row in rows:
            row["plan"] = json.loads(row["plan"]) if row["plan"] else None
        return self._with_items(rows)

    def _with_items(self, findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Each finding with its checklist item's problem statement and law, where the item records them
        (``item_problem``, ``item_law``, ``item_article``, ``item_legal_basis``; see reports.wording)."""
        items: dict[str, dict[str, Any]] = {}
        for f in findings:
            item_id = f.get("item_id")
            if item_id and item_id not in items:
                try:
                    items[item_id] = self.store.get("checklist_items", item_id)
                except KeyError:
                    items[item_id] = {}
            item = items.get(item_id or "", {})
            f["item"] = item.get("title")
            for key, *other in (("problem", "problem_statement"), ("law", "law_name"), ("article", "law_article"),
                                ("legal_basis",)):
                f[f"item_{key}"] = next((item[k] for k in (key, *other) if item.get(k)), None)
        return findings

    def _photos(self, owner_id: str) -> list[dict[str, Any]]:
        photos = []
        for att in queries.attachments_of(self.store, "findings", owner_id):
            if att["role"] in ("before:report", "after:report"):
                photos.append({"role": att["role"], "path": self._stored(att["sha256"]),
                               "caption": att["caption"] or att["file_name"], "taken": att["created_at"][:10]})
        return photos

    # -- forms -----------------------------------------------------------------------------------------------
    def inspection_record(self, inspection_id: str) -> dict[str, Any]:
        inspection = self.store.get("inspections", inspection_id)
        findings = self._findings_of(inspection_id)
        return {"number": self.number(inspection_id, "检记", _day(inspection.get("started_at"))),
                "head": self.issuing_body(), "site": self.store.get("sites", inspection["site_id"]),
                "inspection": inspection, "inspectors": self._inspectors(inspection), "findings": findings,
                "signatures": self._signatures(inspection), "date": (inspection.get("ended_at") or "")[:10] or None}

    def rectification_order(self, finding_id: str) -> dict[str, Any]:
        finding, inspection = self._case_of_finding(finding_id)
        findings = [f for f in self._findings_of(inspection["id"]) if f["status"] != wf.CLOSED] or [finding]
        deadlines = sorted(f["current_deadline"] for f in findings if f["current_deadline"])
        kind = "enforcement" if self.store.setting("issuer_kind") == "enforcement" else "town"
        return {"number": self.number(inspection["id"], self.order_category()), "kind": kind,
                "head": self.issuing_body(), "inspectors": self._inspectors(inspection),
                "site": self.store.get("sites", inspection["site_id"]), "findings": findings,
                "deadline": deadlines[-1] if deadlines else None, "signatures": self._signatures(inspection),
                "review_body": self.store.setting("review_body") or "上海市普陀区人民政府",
                "court": self.store.setting("court") or "上海市普陀区人民法院", "date": self.today().isoformat()}

    def recheck_opinion(self, finding_id: str) -> dict[str, Any]:
        _finding, inspection = self._case_of_finding(finding_id)
        passed, failed = [], []
        order_date = None
        for f in self._findings_of(inspection["id"]):
            events = queries.finding_events(self.store, f["id"])
            orders = [e for e in events if e["kind"] == wf.ORDER_ISSUED]
            order_date = order_date or (orders[0]["on_date"] if orders else None)
            rechecks = [e for e in events if e["kind"] == wf.RECHECK]
            if not rechecks:
                continue
            last = rechecks[-1]
            target = passed if last["data"].get("passed") else failed
            target.append({**f, "deadline": last["data"].get("deadline")})
        order = rq.document_number(self.store, inspection["id"], self.order_category())
        return {"number": self.number(inspection["id"], "复查"), "head": self.issuing_body(),
                "inspectors": self._inspectors(inspection),
                "order_number": order["text"] if order else None,
                "order_title": self.order_title(),
                "order_date": order_date, "site": self.store.get("sites", inspection["site_id"]),
                "passed": passed, "failed": failed, "signatures": self._signatures(inspection),
                "date": self.today().isoformat()}

    def major_hazard(self, finding_id: str) -> dict[str, Any]:
        finding = queries.finding_detail(self.store, finding_id)
        if finding["grade"] != "重大":
            raise InspectorError("该隐患不是重大事故隐患。", "重大隐患记录只用于等级为“重大”的隐患。")
        events = [{"on": e["on_date"], "label": wf.EVENT_LABELS[e["kind"]], "detail": _event_detail(e["data"])}
                  for e in finding["events"]]
        case = finding["inspection_id"] or finding_id
        finding = self._with_items([finding])[0]
        return {"number": self.number(case, "隐患", _day(finding["found_on"])), "finding": finding,
                "head": self.issuing_body(), "date": date.today().isoformat(),
                "site": finding["site"] or {}, "status_label": wf.STATUS_LABELS[finding["status"]],
                "plan_parts": wf.PLAN_PARTS, "events": events, "photos": self._photos(finding_id)}

    # -- reports over many items ----------------------------------------------------------------------------
    def ledger(self, date_from: str | None = None, date_to: str | None = None, town: str | None = None,
               status: str | None = None, grade: str | None = None, campaign: str | None = None,
               site_id: str | None = None, limit: int | None = None) -> dict[str, Any]:
        where, params = [], []
        campaign, campaign_name = self._campaign(campaign)
        for clause, value in (("f.found_on >= ?", date_from), ("f.found_on <= ?", date_to), ("s.town = ?", town),
                              ("f.status = ?", status), ("f.grade = ?", grade), ("f.campaign_id = ?", campaign),
                              ("f.site_id = ?", site_id)):
            if value:
                where.append(clause)
                params.append(value)
        rows = rq.ledger_rows(self.store, where, params, limit)
        today = self.today().isoformat()
        out = []
        for n, r in enumerate(rows, 1):
            overdue = r["status"] not in wf.RECTIFIED and r["current_deadline"] and r["current_deadline"] < today
            out.append({"no": n, "found_on": r["found_on"], "type": r["inspection_type"] or "", "site": r["site"],
                        "credit_code": r["credit_code"], "town": r["town"], "location": r["location"],
                        "description": r["description"], "category": r["category"], "grade": r["grade"],
                        "deadline": r["current_deadline"],
                        "contact": "\n".join(filter(None, [r["contact_person"], r["contact_phone"]])),
                        "doc_no": r["doc_no"], "closed_on": r["closed_on"], "item": r["item_title"],
                        "legal_basis": r["legal_basis"],
                        "status": wf.STATUS_LABELS[r["status"]] + ("（逾期）" if overdue else "")})
        found = len(rows)
        fixed = sum(1 for r in rows if r["status"] in wf.RECTIFIED)
        rate = wf.rectification_rate(found, fixed)
        overdue_count = sum(1 for r in out if r["status"].endswith("（逾期）"))
        scope = "　".join(filter(None, [f"发现日期：{period(date_from, date_to)}", town, grade, campaign_name,
                                        wf.STATUS_LABELS.get(status or "", "")]))
        totals = (f"合计：隐患 {found} 条，其中重大隐患 {sum(1 for r in rows if r['grade'] == '重大')} 条；"
                  f"已整改 {fixed} 条，整改率 {_rate(rate)}；逾期未改 {overdue_count} 条。")
        return {"rows": out, "scope": scope, "totals": totals, "found": found, "fixed": fixed,
                "filled_by": self.store.setting("officer_name") or "", "date": date.today().isoformat()}

    def _campaign(self, campaign: str | None) -> tuple[str | None, str | None]:
        """A campaign given by id or by name, as (id, name)."""
        if not campaign:
            return None, None
        from inspector.services import campaigns

        key = "campaign_id" if len(campaign) == 36 and campaign.count("-") == 4 else "campaign"
        ref = campaigns.fields_for(self.store, {key: campaign})
        return ref["campaign_id"], ref["campaign"]

    def task_progress(self, checklist_id: str) -> dict[str, Any]:
        """One plan's 任务落实情况表; for ``ALL_WORK_PLANS`` every current work plan's, each under a row with
        the plan's name, holding only the town's share when a town is set in 设置 (the 我的全部任务 view)."""
        if checklist_id != ALL_WORK_PLANS:
            checklist = self.store.get("checklists", checklist_id)
            document = self.store.get("documents", checklist["document_id"]) if checklist.get("document_id") else {}
            rows = self._progress_rows(checklist_id, None)
            return {"title": checklist["name"], "doc_no": document.get("doc_no"), "rows": rows,
                    "totals": _progress_totals(rows)}
        town = self.store.setting("town") or None
        rows, tasks = [], []
        for plan in queries.checklists(self.store, "workplan"):
            mine = self._progress_rows(plan["id"], town)
            if mine:
                rows.append({"number": "", "title": f"【{plan['name']}】{plan.get('doc_no') or ''}"})
                rows += mine
                tasks += mine
        title = f"{town}全部工作任务" if town else "全部工作任务"
        return {"title": title, "doc_no": "", "rows": rows, "totals": _progress_totals(tasks)}

    def _progress_rows(self, checklist_id: str, town: str | None) -> list[dict[str, Any]]:
        progress = queries.checklist_progress(self.store, checklist_id)
        rows = []
        for item in queries.checklist_items(self.store, checklist_id):
            if item["kind"] not in ("task", "item") or not is_town_share({u["name"] for u in item["units"]}, town):
                continue
            p = progress.get(item["id"], {})
            rows.append({"number": item["number"], "title": item["title"],
                         "lead": "、".join(u["name"] for u in item["units"] if u["role"] == "lead"),
                         "support": "、".join(u["name"] for u in item["units"] if u["role"] == "support"),
                         "deadline": item["deadline"] or item["deadline_text"] or "", "q1": p.get("q1"),
                         "q2": p.get("q2"), "q3": p.get("q3"), "q4": p.get("q4"),
                         "status": effective_status(p.get("status"), item["deadline"], self.today()),
                         "evidence": p.get("evidence"), "closing_note": p.get("closing_note")})
        return rows

    def site_file(self, site_id: str) -> dict[str, Any]:
        site = queries.site_file(self.store, site_id)
        photos = []
        for f in site["findings"][:6]:
            photos += self._photos(f["id"])
        return {"site": site, "date": self.today().isoformat(), "photos": photos,
                "inspections": [{"when": (i["started_at"] or "").replace("T", " "), "type": i["type"],
                                 "checklist": i["checklist"], "findings": sum(1 for f in site["findings"]
                                                                              if f["inspection_id"] == i["id"])}
                                for i in site["inspections"]],
                "findings": [{"found_on": f["found_on"], "description": f["description"], "grade": f["grade"],
                              "deadline": f["current_deadline"], "status": wf.STATUS_LABELS[f["status"]],
                              "doc_no": (rq.document_number(self.store, f["inspection_id"] or "", self.order_category())
                                         or {}).get("text")} for f in site["findings"]]}

    def statistics(self, date_from: str, date_to: str, town: str | None = None) -> dict[str, Any]:
        rows = rq.ledger_rows(self.store, ["f.found_on >= ?", "f.found_on <= ?"], [date_from, date_to])
        funds = rq.funds_by_finding(self.store, [r["id"] for r in rows])
        inspected = rq.inspected_sites(self.store, date_from, date_to)
        today = self.today().isoformat()
        by_town: dict[str, dict[str, Any]] = {}
        for r in rows:
            name = r["town"] or "（未填街镇）"
            t = by_town.setdefault(name, {"town": name, "ordinary_found": 0, "ordinary_fixed": 0, "major_found": 0,
                                          "major_fixed": 0, "major_open": 0, "funds": 0.0, "overdue": 0})
            fixed = r["status"] in wf.RECTIFIED
            if r["grade"] == "重大":
                t["major_found"] += 1
                t["major_fixed"] += fixed
                t["major_open"] += not fixed
            else:
                t["ordinary_found"] += 1
                t["ordinary_fixed"] += fixed
            t["funds"] += funds.get(r["id"], 0.0)
            t["overdue"] += (not fixed) and bool(r["current_deadline"]) and r["current_deadline"] < today
        out = []
        for name in sorted(set(by_town) | set(inspected)):
            if town and name != town:
                continue
            t = by_town.get(name, {"town": name, "ordinary_found": 0, "ordinary_fixed": 0, "major_found": 0,
                                   "major_fixed": 0, "major_open": 0, "funds": 0.0, "overdue": 0})
            t["sites"] = inspected.get(name, 0)
            t["ordinary_rate"] = _rate(wf.rectification_rate(t["ordinary_found"], t["ordinary_fixed"]))
            t["funds"] = round(t["funds"], 2)
            out.append(t)
        if out:
            total = {k: sum(r[k] for r in out) for k in ("sites", "ordinary_found", "ordinary_fixed", "major_found",
                                                         "major_fixed", "major_open", "funds", "overdue")}
            total.update(town="合计", ordinary_rate=_rate(wf.rectification_rate(total["ordinary_found"],
                                                                                total["ordinary_fixed"])))
            out.append(total)
        return {"title": "安全生产隐患排查治理情况统计表", "period": f"{date_from} 至 {date_to}", "rows": out}

    # -- writing ---------------------------------------------------------------------------------------------
    def generate(self, kind: str, out: Path, font_file: str | None = None,
                 progress: Callable[[int, str], None] | None = None,
                 cancelled: Callable[[], bool] | None = None, **params: Any) -> ReportResult:
        """Gather, then render ``kind`` to ``out`` (.pdf, or .xlsx for the table kinds)."""
        from inspector.reports import forms, tables
        from inspector.reports.layout import new_render

        if kind not in KINDS:
            raise InspectorError(f"未知的报表类型“{kind}”。", "可用：" + "、".join(KINDS))
        out = Path(out)
        if kind in ("district", "campaign"):
            return self._district(kind, out, font_file, params)
        suffix = out.suffix.lower()
        if suffix == ".docx" and kind not in forms.WRITERS:
            raise InspectorError(f"“{kind}”不能输出 Word 文档。", "Word（.docx）只用于检查文书；请改为 .pdf 或 .xlsx。")
        data = self._gather(kind, params)
        if suffix == ".xlsx":
            columns = {"ledger": tables.LEDGER_COLUMNS, "task-progress": tables.PROGRESS_COLUMNS,
                       "statistics": tables.STAT_COLUMNS}.get(kind)
            if columns is None:
                raise InspectorError(f"“{kind}”只能输出 PDF 或 Word 文档。", "请把输出文件名改为 .pdf 或 .docx。")
            tables.excel(columns, data["rows"], out, kind)
            return ReportResult(out, None, [])
        font_file = font_file or self.store.setting("pdf_font") or None
        if kind in forms.WRITERS:
            return ReportResult(out, data.get("number"), forms.write(kind, data, out, font_file))
        render = new_render(font_file)
        writer = {"ledger": tables.ledger, "task-progress": tables.task_progress, "site-file": tables.site_file,
                  "statistics": tables.statistics}[kind]
        if kind == "ledger":
            try:
                writer(data, out, render, progress, cancelled)
            except tables.Cancelled:
                out.unlink(missing_ok=True)
                raise InspectorError("已取消生成台账。", "") from None
        else:
            writer(data, out, render)
        return ReportResult(out, data.get("number"), render.font.warnings + render.warnings)

    def _district(self, kind: str, out: Path, font_file: str | None, params: dict[str, Any]) -> ReportResult:
        """The district's statistics and 考核 (PDF or .xlsx), or one campaign's progress (PDF)."""
        from inspector.reports import district as writer
        from inspector.reports.layout import new_render
        from inspector.services import district

        today = params.get("today") or date.today()
        if kind == "campaign":
            if not params.get("campaign"):
                raise InspectorError("生成专项进展需要指定 --campaign。", "用 `inspector campaign list` 查找编号。")
            campaign_id, _name = self._campaign(params["campaign"])
            data = district.campaign_report(self.store, campaign_id, today)
        else:
            data = district.report_data(self.store, today, params.get("date_from"), params.get("date_to"),
                                        params.get("town"))
        if out.suffix.lower() == ".xlsx":
            if kind == "campaign":
                raise InspectorError("专项进展只能输出 PDF。", "请把输出文件名改为 .pdf。")
            writer.statistics_xlsx(data, out)
            return ReportResult(out, None, [])
        render = new_render(font_file or self.store.setting("pdf_font") or None)
        (writer.campaign_pdf if kind == "campaign" else writer.statistics_pdf)(data, out, render)
        return ReportResult(out, None, render.font.warnings + render.warnings)

    def _gather(self, kind: str, params: dict[str, Any]) -> dict[str, Any]:
        def need(name: str) -> str:
            if not params.get(name):
                raise InspectorError(f"生成“{kind}”需要指定 --{name.replace('_id', '')}。",
                                     "用 `inspector list …` 查找编号。")
            return params[name]

        if kind == "inspection-record":
            return self.inspection_record(need("inspection_id"))
        if kind == "rectification-order":
            return self.rectification_order(need("finding_id"))
        if kind == "recheck-opinion":
            return self.recheck_opinion(need("finding_id"))
        if kind == "major-hazard":
            return self.major_hazard(need("finding_id"))
        if kind == "task-progress":
            return self.task_progress(need("checklist_id"))
        if kind == "site-file":
            return self.site_file(need("site_id"))
        if kind == "statistics":
            today = self.today()
            return self.statistics(params.get("date_from") or f"{today.year}-01-01",
                                   params.get("date_to") or today.isoformat(), params.get("town"))
        return self.ledger(params.get("date_from"), params.get("date_to"), params.get("town"), params.get("status"),
                           params.get("grade"), params.get("campaign"), params.get("site_id"))


def _progress_totals(rows: list[dict[str, Any]]) -> str:
    done = sum(r["status"] == "已完成" for r in rows)
    return f"共 {len(rows)} 项任务，已完成 {done} 项，完成率 {_rate(wf.rectification_rate(len(rows), done))}。"


def period(date_from: str | None, date_to: str | None) -> str:
    """A date range as people say it: 全部, 2026-01-01 起, 截至 2026-06-30, or 2026-01-01 至 2026-06-30."""
    if date_from and date_to:
        return f"{date_from} 至 {date_to}"
    if date_from:
        return f"{date_from} 起"
    return f"截至 {date_to}" if date_to else "全部"


def order_title(issuer_kind: str | None) -> str:
    """The rectification order's name for an issuer kind (the 设置 value ``issuer_kind``)."""
    return "责令限期整改指令书" if issuer_kind == "enforcement" else "限期整改意见书"


def _rate(rate: float | None) -> str:
    return "—" if rate is None else f"{rate:.1%}"


def _day(iso: str | None) -> date | None:
    return date.fromisoformat(iso[:10]) if iso else None


def _event_detail(data: dict[str, Any]) -> str:
    labels = {"deadline": "期限", "reason": "理由", "measures": "措施", "funds": "资金", "opinion": "意见",
              "doc_no": "文书号", "note": "说明"}
    parts = [f"{labels[k]}：{v}" for k, v in data.items() if k in labels and v not in (None, "", [])]
    if "passed" in data:
        parts.insert(0, "复查合格" if data["passed"] else "复查不合格")
    return "；".join(parts)
