"""A district's worth of realistic data, fast: 10-20 towns, their sites, inspections and findings with their events.

What a district office holds after years of merging its towns: every site inspected several times, each
inspection walked against a built-in template with a result for every item, 0-10 findings per inspection
(against the items found 不符合), and each finding carried through its life as officers carry it — order, maybe
"rectification started", feedback, re-check (sometimes failed, with a new deadline), extensions, close — each
event checked with :func:`inspector.workflow.check` as it is appended, so the data obeys the same rules as data
entered by hand. Old findings are mostly closed, recent ones still open, and a few enterprises never answer
(overdue).

Rows are written through :meth:`Store.bulk_insert` in chunks of whole inspections, each chunk one transaction,
and each chunk's findings indexed for search in the same transaction.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from inspector import workflow as wf
from inspector.db.findings import reindex_many
from inspector.db.store import stable_id
from inspector.services import demo_words as w

if TYPE_CHECKING:
    from inspector.services import Services

PLAN = {part: f"{part}：按治理方案落实，专人负责，限期完成。" for part in wf.PLAN_PARTS}
FINDINGS_PER_INSPECTION = (0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 5, 6, 7, 8, 10)  # mean ≈ 3
INSPECTIONS_PER_SITE = 3.5
DAYS = 730  # two years of work
CHUNK = 20_000  # findings per transaction


class _Random(random.Random):
    """The seeded generator, which also draws the records' ids: random (version 4) UUIDs, the same data for the
    same seed, and several times faster than :func:`uuid.uuid4` for millions of rows."""

    def uuid(self) -> str:
        h = f"{self.getrandbits(128) & _MASK | _VERSION4:032x}"
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


_MASK = ~((0xF << 76) | (0x3 << 62)) & ((1 << 128) - 1)
_VERSION4 = (0x4 << 76) | (0x2 << 62)


@dataclass
class _Batch:
    """The rows of one chunk, by table."""

    rows: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: {
        "inspections": [], "inspection_results": [], "findings": [], "finding_events": []})

    def __len__(self) -> int:
        return len(self.rows["findings"])


def build_scale(services: Services, findings: int, sites: int | None = None, towns: int = 16,
                today: date | None = None, seed: int = 11,
                progress: Callable[[int, int], None] | None = None) -> dict[str, int]:
    """Add exactly ``findings`` findings in ``towns`` towns (the built-in templates are installed first if
    missing); returns the counts added."""
    today = today or date.today()
    rng = _Random(seed)
    store = services.store
    towns_used = w.TOWNS[:max(1, min(towns, len(w.TOWNS)))]
    templates = {c["code"]: c for c in services.checklists("template")}
    if not set(w.PROBLEMS) <= set(templates):
        services.seed()
        templates = {c["code"]: c for c in services.checklists("template")}
    items = {code: services.checklist_items(t["id"]) for code, t in templates.items()}
    with store.atomic():
        officers = _officers(store, rng, towns_used)
        site_rows = _sites(store, rng, towns_used, sites or max(len(towns_used) * 20, findings // 10))
        _campaigns(store, today)
    counts = {"towns": len(towns_used), "sites": len(site_rows), "inspections": 0, "findings": 0, "events": 0,
              "results": 0}
    batch = _Batch()
    with store.bulk_load():
        while counts["findings"] + len(batch) < findings:
            site = rng.choice(site_rows)
            wanted = min(rng.choice(FINDINGS_PER_INSPECTION), findings - counts["findings"] - len(batch))
            _inspection(batch, rng, today, site, templates[site["_template"]], items[site["_template"]],
                        officers[site["town"]], wanted)
            if len(batch) >= CHUNK:
                _flush(store, batch, counts)
                batch = _Batch()
                if progress:
                    progress(counts["findings"], findings)
        _flush(store, batch, counts)
    store.audit("demo_scale", None, None, counts)
    return counts


def _officers(store: Any, rng: _Random, towns: list[str]) -> dict[str, list[str]]:
    """Three to five officers per town (a town's safety office and its enforcement team)."""
    rows, by_town = [], {}
    for town in towns:
        ids = [rng.uuid() for _ in range(rng.randint(3, 5))]
        by_town[town] = ids
        rows += [{"id": i, "name": w.person(rng), "certificate_no": f"31{rng.randint(10**8, 10**9 - 1)}",
                  "unit": f"{town}安全生产执法队"} for i in ids]
    store.bulk_insert("inspectors", rows)
    return by_town


def _campaigns(store: Any, today: date) -> None:
    """The campaigns the inspections refer to, as the district publishes them (ids derived from the names)."""
    from inspector.db.campaigns import campaign_ids

    have = campaign_ids(store)
    rows = [{"id": stable_id("campaign", name), "name": name, "starts_on": f"{today.year}-01-01",
             "ends_on": f"{today.year}-12-31", "issuer": "区安委办"} for name in w.CAMPAIGNS]
    store.bulk_insert("campaigns", [r for r in rows if r["id"] not in have])


def _sites(store: Any, rng: _Random, towns: list[str], count: int) -> list[dict[str, Any]]:
    """Sites with composed names; each remembers (not stored) which template its inspections use."""
    rows, templates = [], []
    for n in range(count):
        kind, industry, template = rng.choice(w.KINDS)
        road = rng.choice(w.ROADS)
        templates.append(template)
        rows.append({"id": rng.uuid(), "name": w.site_name(rng, kind, road), "credit_code": w.credit_code(rng),
                     "address": f"{road}{rng.randint(1, 2999)}号", "industry": industry, "town": rng.choice(towns),
                     "grid": f"网格{n % 12 + 1:02d}", "legal_rep": w.person(rng), "contact_person": w.person(rng),
                     "contact_phone": w.phone(rng), "risk_level": rng.choice("红橙橙黄黄黄蓝蓝蓝蓝")})
    for start in range(0, len(rows), CHUNK):
        store.bulk_insert("sites", rows[start:start + CHUNK])
    for row, template in zip(rows, templates, strict=True):
        row["_template"] = template
    return rows


def _inspection(batch: _Batch, rng: _Random, today: date, site: dict[str, Any], template: dict[str, Any],
                items: list[dict[str, Any]], officers: list[str], wanted: int) -> None:
    day = today - timedelta(days=rng.randint(0, DAYS))
    pair = rng.sample(officers, 2)
    kind = rng.choices(("日常", "专项", "举报"), (65, 25, 10))[0]
    campaign = rng.choice(w.CAMPAIGNS) if kind == "专项" else None
    hour = rng.randint(8, 15)
    inspection_id = rng.uuid()
    batch.rows["inspections"].append({
        "id": inspection_id, "site_id": site["id"], "checklist_id": template["id"], "type": kind,
        "unannounced": int(rng.random() < 0.4), "campaign": campaign,
        "campaign_id": stable_id("campaign", campaign) if campaign else None,
        "started_at": f"{day}T{hour:02d}:{rng.randint(0, 59):02d}",
        "ended_at": f"{day}T{hour + rng.randint(1, 2):02d}:{rng.randint(0, 59):02d}", "inspector1_id": pair[0],
        "inspector2_id": pair[1], "place": "生产经营场所", "notes": None})
    bad = [rng.choice(items) for _ in range(wanted)]
    bad_ids = {i["id"] for i in bad}
    for item in items:
        result = "不符合" if item["id"] in bad_ids else rng.choices(("符合", "不适用", "未检查"), (90, 8, 2))[0]
        batch.rows["inspection_results"].append({"id": rng.uuid(), "inspection_id": inspection_id,
                                                  "item_id": item["id"], "result": result, "note": None})
    for item in bad:
        _finding(batch, rng, today, day, site, template, inspection_id, item, pair, campaign)


def _finding(batch: _Batch, rng: _Random, today: date, found_on: date, site: dict[str, Any],
             template: dict[str, Any], inspection_id: str, item: dict[str, Any], pair: list[str],
             campaign: str | None) -> None:
    major = rng.random() < 0.03
    grade = "重大" if major else "一般"
    description, location = w.problem(rng, template["code"])
    events = _life(rng, found_on, today, grade, pair)
    state = wf.derive(events)
    finding_id = rng.uuid()
    batch.rows["findings"].append({
        "id": finding_id, "inspection_id": inspection_id, "site_id": site["id"], "item_id": item["id"],
        "description": description, "location": location, "category": rng.choice(wf.CATEGORIES), "grade": grade,
        "legal_basis": item.get("legal_basis"), "requirement": rng.choice(w.REQUIREMENTS),
        "found_on": found_on.isoformat(), "contact_person": site["contact_person"],
        "contact_phone": site["contact_phone"], "plan": json.dumps(PLAN, ensure_ascii=False) if major else None,
        "listed_supervision": int(major and rng.random() < 0.5), "campaign": campaign, "inspector_id": pair[0],
        "campaign_id": stable_id("campaign", campaign) if campaign else None,
        **state.columns()})
    for n, ev in enumerate(events):
        data = {k: (v.isoformat() if isinstance(v, date) else v) for k, v in ev.data.items()}
        batch.rows["finding_events"].append({
            "id": rng.uuid(), "finding_id": finding_id, "kind": ev.kind, "on_date": ev.on.isoformat(),
            "actor": "", "data": json.dumps(data, ensure_ascii=False),
            "created_at": f"{ev.on.isoformat()}T{8 + n:02d}:00:00.000000Z"})


class _Stop(Exception):
    """The next step would happen after today: the finding's history ends here."""


def _life(rng: _Random, found_on: date, today: date, grade: str, pair: list[str]) -> list[wf.Event]:
    """A finding's events as officers and the enterprise produce them, each allowed by the workflow rules."""
    deadline = found_on + timedelta(days=60 if grade == "重大" else rng.choice((7, 15, 15, 30, 30)))
    events = [wf.Event(wf.CREATED, found_on, {"deadline": deadline})]
    state = wf.derive(events)

    def step(kind: str, on: date, data: dict[str, Any]) -> date:
        if on > today:
            raise _Stop
        ev = wf.Event(kind, on, data)
        wf.check(state, ev, grade=grade)
        wf.apply_event(state, ev)
        events.append(ev)
        return on

    try:
        if rng.random() < 0.02:
            return events  # registered, never ordered (a slip in practice, but it happens)
        day = step(wf.ORDER_ISSUED, found_on + timedelta(days=rng.randint(0, 2)), {"deadline": deadline})
        if rng.random() < 0.3:
            day = step(wf.RECTIFICATION_STARTED, day + timedelta(days=rng.randint(1, 3)), {})
        _rounds(rng, step, day, state, pair, grade)
    except _Stop:
        pass
    return events


def _rounds(rng: _Random, step: Callable[[str, date, dict[str, Any]], date], day: date,
            state: wf.FindingState, pair: list[str], grade: str) -> None:
    """Feedback and re-check until the re-check passes (then close), up to three rounds; sometimes the
    enterprise asks for an extension, sometimes it never answers."""
    for round_no in range(3):
        if rng.random() < 0.05:
            return  # no answer: overdue once the deadline passes
        deadline = state.deadline or day
        if rng.random() < 0.08:
            new = deadline + timedelta(days=rng.randint(15, 45))
            day = step(wf.EXTENSION, max(day, deadline - timedelta(days=rng.randint(1, 5))),
                       {"reason": rng.choice(("需采购设备，供货周期长", "涉及改造施工，需协调业主", "资金需上级审批")),
                        "deadline": new})
            deadline = new
        span = max(1, (deadline - day).days + 3)
        day = step(wf.FEEDBACK, day + timedelta(days=rng.randint(1, span)),
                   {"measures": rng.choice(w.MEASURES), "funds": rng.choice((0, 0, 200, 500, 1000, 3000, 8000))})
        passed = round_no == 2 or rng.random() < 0.85
        recheck = day + timedelta(days=rng.randint(1, 7))
        data: dict[str, Any] = {"passed": passed, "inspectors": pair,
                                "opinion": "已整改合格" if passed else "仍未整改到位"}
        if not passed:
            data["deadline"] = recheck + timedelta(days=rng.randint(7, 30))
        day = step(wf.RECHECK, recheck, data)
        if passed:
            if rng.random() < 0.92:
                step(wf.CLOSE, day + timedelta(days=rng.randint(0, 10)),
                     {"note": "复查合格，予以销号", **({"assessment": "评估报告.pdf"} if grade == "重大" else {})})
            return


def _flush(store: Any, batch: _Batch, counts: dict[str, int]) -> None:
    with store.atomic():
        for table in ("inspections", "inspection_results", "findings", "finding_events"):
            store.bulk_insert(table, batch.rows[table])
        reindex_many(store.db, [f["id"] for f in batch.rows["findings"]], existing=False)
    counts["inspections"] += len(batch.rows["inspections"])
    counts["results"] += len(batch.rows["inspection_results"])
    counts["findings"] += len(batch.rows["findings"])
    counts["events"] += len(batch.rows["finding_events"])
