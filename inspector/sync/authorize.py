"""Stage three of an import: the ownership table and the workflow rules, applied to validated records.

Each incoming record is accepted or refused with a reason; nothing is written. Records are taken in the order
parents come before children, so a child of a refused record is refused too (its parent is neither here nor in
the package). Finding events are checked as a local step would be: known kinds, the finding's owner (or the
district for district-only kinds), a date no later than the import day plus one, and ``workflow.check`` against
the state the earlier events give, in causal order.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from inspector import workflow as wf
from inspector.db.store import stable_id
from inspector.docimport.units import canonical
from inspector.errors import RuleError
from inspector.sync import builtin, strictjson
from inspector.sync.ownership import EVENT_KINDS, OWNER_EVENTS, OWNERSHIP, REFERENCES, may_add_event, may_create
from inspector.sync.schema import MAX_COUNTER
from inspector.sync.versions import BOOKKEEPING, heads_of

ORDER = ("documents", "units", "checklists", "checklist_items", "item_units", "campaigns", "sites", "inspectors",
         "inspections", "inspection_results", "findings", "attachments", "task_progress", "doc_numbers",
         "risk_policies", "risk_assessments", "recusals", "inspection_plans", "plan_draws", "plan_sites")
# (table, ids, columns): the stored records of these ids, with these columns only (None: every column)
Lookup = Callable[[str, list[str], tuple[str, ...] | None], dict[str, dict[str, Any]]]
# What the checks (and the merge of an events batch) read of a record that a batch points to — a parent, a
# reference, an attachment's owner, an event's finding: a few short columns, not the whole row (a finding's row
# with its versions is kilobytes, read from overflow pages).
BRIEF = {"documents": ("id", "device_id", "sha256"), "units": ("id", "device_id", "normalized"),
         "checklist_items": ("id", "device_id", "checklist_id"),
         "findings": ("id", "device_id", "grade", "status", "current_deadline", "closed_on")}
BRIEFLY = ("id", "device_id")


def brief(table: str) -> tuple[str, ...]:
    """The columns read of a record of ``table`` that a batch points to."""
    return BRIEF.get(table, BRIEFLY)


@dataclass
class Sender:
    device: str
    role: str
    receiver: str = ""  # this device: a town's records may refer to the district's own


@dataclass
class Verdict:
    """What may be merged, per table (events under ``finding_events``), and what is refused, with why."""

    accepted: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    refused: list[dict[str, str]] = field(default_factory=list)
    builtin: set[str] = field(default_factory=set)
    local: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)  # the batch's own ids, held here
    referenced: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)  # pointed to, held: brief
    local_events: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    states: dict[str, dict[str, Any]] = field(default_factory=dict)  # derived columns of each replayed finding

    def refuse(self, table: str, record_id: Any, reason: str) -> None:
        self.refused.append({"table": table, "id": str(record_id)[:40], "reason": reason})


@dataclass
class Context:
    sender: Sender
    lookup: Lookup
    today: date
    now_ms: int
    skew_ms: int
    verdict: Verdict = field(default_factory=Verdict)
    accepted_ids: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    data: dict[str, dict[str, Any]] = field(default_factory=dict)  # each new event's parsed data

    @functools.cached_property
    def tomorrow(self) -> date:
        """The latest date a step may carry: the import day plus one."""
        return self.today + timedelta(days=1)

    @functools.cached_property
    def latest(self) -> str:
        """The latest creation time accepted: this device's clock plus the allowed skew."""
        return _stamp(self.now_ms + self.skew_ms)

    def find(self, table: str, record_id: Any) -> dict[str, Any] | None:
        """A record pointed to: as the batch holds it (:func:`_held`), else looked up (its brief columns)."""
        row = _held(self, table, record_id)
        if row is None and isinstance(record_id, str):
            row = self.lookup(table, [record_id], brief(table)).get(record_id)
        return row


def authorize(records: dict[str, list[dict[str, Any]]], sender: Sender, lookup: Lookup, *, today: date,
              now_ms: int, skew_ms: int) -> Verdict:
    ctx = Context(sender, lookup, today, now_ms, skew_ms)
    for table in ORDER:
        rows = records.get(table, [])
        if rows:
            ctx.verdict.local[table] = lookup(table, [r["id"] for r in rows], None)
            _prefetch(ctx, _parents(table, rows))
        for row in rows:
            reason = _record_reason(ctx, table, row)
            if reason:
                ctx.verdict.refuse(table, row["id"], reason)
            else:
                ctx.verdict.accepted.setdefault(table, []).append(row)
                ctx.accepted_ids.setdefault(table, {})[row["id"]] = row
    _events(ctx, records.get("finding_events", []))
    return ctx.verdict


def _parents(table: str, rows: list[dict[str, Any]]) -> dict[str, set[Any]]:
    """The records these rows point to (their parent, an attachment's owner), by table."""
    wanted: dict[str, set[Any]] = {}
    if table in PARENTS:
        column, parent_table = PARENTS[table]
        wanted[parent_table] = {r.get(column) for r in rows}
    for column, target in REFERENCES.get(table, ()):
        wanted.setdefault(target, set()).update(r.get(column) for r in rows)
    if table == "attachments":
        for r in rows:
            if r.get("owner_table") in OWNERSHIP:
                wanted.setdefault(r["owner_table"], set()).add(r.get("owner_id"))
    return wanted


def _prefetch(ctx: Context, wanted: dict[str, set[Any]]) -> None:
    """The stored records a batch points to, looked up in one go (``find`` then asks the database no more),
    brief, and kept apart from the batch's own records: one written by an earlier batch of this import is
    pointed to, not met again."""
    for table, ids in wanted.items():
        known, own = ctx.verdict.referenced.setdefault(table, {}), ctx.verdict.local.get(table, {})
        missing = sorted(i for i in ids if isinstance(i, str) and i not in known and i not in own and
                         i not in ctx.accepted_ids.get(table, {}))
        if missing:
            known.update(ctx.lookup(table, missing, brief(table)))


def _record_reason(ctx: Context, table: str, row: dict[str, Any]) -> str | None:
    rid = row["id"]
    if table in builtin.TABLES and builtin.is_builtin(table, rid):
        if not builtin.matches(table, row):
            return "内置检查表或示例文件的内容被改动（内置内容任何设备都不能修改）"
        ctx.verdict.builtin.add(rid)
        return None
    owner = row["device_id"]
    if owner != ctx.sender.device:
        return "记录的所有者不是发送方（只能发送本设备创建的记录，所有者不可冒用）"
    old = ctx.verdict.local.get(table, {}).get(rid)
    if old is not None and old["device_id"] != owner:
        return "该记录属于另一台设备，发送方无权修改"
    if old is None and not may_create(table, row, ctx.sender.role):
        return "只有区里可以创建这类记录（工作意见、工作任务清单、风险分级标准、下发的检查计划、专项行动）"
    if (rid[14:15] == "5" or table == "units") and not _derived_ok(ctx, table, row):
        return "编号由内容派生，但与记录内容不符（不能预先占用别人的编号）"
    if table == "campaigns":
        problem = _campaign_reason(row)
        if problem:
            return problem
    return _parent_reason(ctx, table, row) or _reference_reason(ctx, table, row) or _meta_reason(ctx, table, row,
                                                                                                  old)


def _campaign_reason(row: dict[str, Any]) -> str | None:
    """A campaign's dates are dates, and its target criteria lists of names (as services.campaigns writes them)."""
    for key in ("starts_on", "ends_on"):
        value = row.get(key)
        if value is not None:
            try:
                date.fromisoformat(value)
            except ValueError:
                return f"专项行动的日期“{str(value)[:20]}”无效"
    if row.get("criteria") is None:
        return None
    try:
        criteria = strictjson.loads(row["criteria"])
    except strictjson.BadJSON as exc:
        return f"专项行动的目标条件无法读取（{exc}）"
    keys = {"towns", "industries", "risk_levels", "site_ids"}
    if not isinstance(criteria, dict) or set(criteria) - keys or not all(
            isinstance(v, list) and len(v) <= 10_000 and all(isinstance(x, str) and len(x) <= 200 for x in v)
            for v in criteria.values()):
        return "专项行动的目标条件格式不对"
    return None


def _derived_ok(ctx: Context, table: str, row: dict[str, Any]) -> bool:
    """A content-derived id must be the one its content gives (see inspector.services.documents)."""
    rid = row["id"]
    if table == "units":  # the directory key of a name, and the name one that folds to it
        key = row["normalized"]
        return rid == stable_id("unit", key) and canonical(key) == key and canonical(row["name"]) == key
    if table == "documents":
        return rid == stable_id("document", str(row.get("sha256")))
    if table == "checklists":
        doc = ctx.find("documents", row.get("document_id"))
        return row.get("kind") == "workplan" and doc is not None and rid == stable_id("checklist", doc["sha256"])
    if table == "checklist_items":
        parts = (row["checklist_id"], str(row["position"]), row["kind"], row.get("number") or "",
                 (row.get("text") or "")[:300])
        return rid == stable_id("item", *map(str, parts))
    if table == "campaigns":  # a name typed by an older version (migration 0016, services.campaigns)
        return rid == stable_id("campaign", row["name"])
    if table == "item_units":
        unit = ctx.find("units", row.get("unit_id"))
        return unit is not None and rid == stable_id("item_unit", row["item_id"], unit["normalized"], row["role"])
    return False


PARENTS = {**{t: r.parent for t, r in OWNERSHIP.items() if r.parent}}


def _parent_reason(ctx: Context, table: str, row: dict[str, Any]) -> str | None:
    if table in PARENTS:
        column, parent_table = PARENTS[table]
        parent = ctx.find(parent_table, row.get(column))
        if parent is None:
            return f"所属的上级记录（{parent_table}）不存在或被拒绝"
        if parent["device_id"] != row["device_id"] or builtin.is_builtin(parent_table, parent["id"]):
            return "不能向另一台设备的清单或检查中添加内容"
    if table == "attachments":
        owner_table = row.get("owner_table")
        if owner_table not in OWNERSHIP:
            return "附件所属的记录类型无效"
        target = ctx.find(owner_table, row.get("owner_id"))
        if target is None:
            return "附件所属的记录不存在或被拒绝"
        if target["device_id"] != row["device_id"]:
            return "不能给另一台设备的记录添加附件"
    return None


def _reference_reason(ctx: Context, table: str, row: dict[str, Any]) -> str | None:
    """A town's record refers only to its own records, this (the district's) device's and built-in ones; an
    item's parent item is in the item's own list. A reference to a record not here is left to the database.
    Only what the batch's prefetch found is consulted: a reference to nothing costs no query of its own."""
    if table == "checklist_items" and row.get("parent_id") is not None:
        parent = _held(ctx, "checklist_items", row["parent_id"])
        if parent is not None and parent["checklist_id"] != row["checklist_id"]:
            return "上级条目不在同一份清单中（不能把条目挂到另一份清单下）"
    if ctx.sender.role == "district":
        return None
    for column, target_table in REFERENCES.get(table, ()):
        target = _held(ctx, target_table, row.get(column))
        if target is None or target["device_id"] in (row["device_id"], ctx.sender.receiver) or \
                builtin.is_builtin(target_table, target["id"]):
            continue
        return (f"引用了另一台设备的记录（{column} → {target_table} {str(target['id'])[:8]}）：街镇的记录只能引用"
                "本设备、区里或内置的记录")
    return None


def _held(ctx: Context, table: str, record_id: Any) -> dict[str, Any] | None:
    """A record accepted from this package or held here, as the batch's prefetch (or its own lookup) found it
    (no query)."""
    if not isinstance(record_id, str):
        return None
    verdict = ctx.verdict
    for rows in (ctx.accepted_ids, verdict.referenced, verdict.local):
        row = rows.get(table, {}).get(record_id)
        if row is not None:
            return row
    return None


def _meta_reason(ctx: Context, table: str, row: dict[str, Any], old: dict[str, Any] | None) -> str | None:
    """Versions: a sender advances only its own counter; counters are integers 0…2^53; times within skew."""
    if row["created_at"] > ctx.latest:
        return "记录的创建时间晚于本机时钟允许的范围"
    raw = row.get("sync_meta")
    if raw is None or (old is not None and raw == old.get("sync_meta")):
        return None  # no versions, or exactly the versions held here (accepted before): nothing new is claimed
    columns = set(row) | set(ctx.verdict.local.get(table, {}).get(row["id"], {}))
    if _plain(ctx, raw, columns):
        return None
    try:
        meta = strictjson.loads(raw)
    except strictjson.BadJSON as exc:
        return f"版本信息无法读取（{exc}）"
    if not isinstance(meta, dict) or not strictjson.depth(meta, 6):
        return "版本信息格式不对"
    known = _known(old)
    for name, version in meta.items():
        if name in BOOKKEEPING - {"deleted_at"} or (name not in columns and name != "deleted_at"):
            return f"版本信息中有不认识的字段“{str(name)[:40]}”"
        heads = [version, *version.get("others", [])] if isinstance(version, dict) else [None]
        if not isinstance(version, dict) or not isinstance(version.get("others", []), list) or len(heads) > 50:
            return "版本信息格式不对"
        for head in heads:
            problem = _head_reason(ctx, head, known.get(name, {}))
            if problem:
                return f"字段“{name}”的{problem}"
    return None


# The versions as this program writes them (keys sorted, ", " and ": "), every field one version whose vector
# holds only the sender's own count: a count of at most 15 digits (below 2^53) and a time of 13 + 5 digits.
_STAMP = r"[0-9]{13}-[0-9]{5}[-0-9A-Za-z]{0,21}"
_COUNT = r"(?:0|[1-9][0-9]{0,14})"
_TIMES = re.compile(r'\{"t": "([0-9]{13})')
UNVERSIONED = BOOKKEEPING - {"deleted_at"}


@functools.lru_cache(maxsize=64)  # a few per table; a package cannot make it grow (rows vary their columns)
def _plain_shape(device: str, names: frozenset[str]) -> re.Pattern[str]:
    """The versions of a record with these fields, as this program writes them: the field names are part of
    the pattern, so one match also tells that every field is one the record has."""
    name = "(?:" + "|".join(map(re.escape, sorted(names))) + ")"
    one = rf'"{name}": \{{"t": "{_STAMP}", "vv": \{{"{re.escape(device)}": {_COUNT}\}}\}}'
    return re.compile(rf"\{{(?:{one}(?:, {one})*)?\}}")


def _plain(ctx: Context, raw: Any, columns: set[str]) -> bool:
    """Whether the versions are plainly fine, read in one pass over the text instead of parsed and walked
    (most records of a package): the program's own form with only the sender's counts, every field a column of
    the record (or its deletion), no time beyond the clock plus the skew. Anything else — and every refusal —
    takes the full checks below, which give the reason."""
    names = frozenset((columns | {"deleted_at"}) - UNVERSIONED)
    if not isinstance(raw, str) or not _plain_shape(ctx.sender.device, names).fullmatch(raw):
        return False
    times = _TIMES.findall(raw)
    return not times or int(max(times)) <= ctx.now_ms + ctx.skew_ms


def _head_reason(ctx: Context, head: Any, known: dict[str, int]) -> str | None:
    if not isinstance(head, dict) or not isinstance(head.get("vv"), dict) or not isinstance(head.get("t"), str):
        return "版本格式不对"
    if len(head["vv"]) > 1000:
        return "版本向量过大"
    for device, count in head["vv"].items():
        if type(count) is not int or not 0 <= count <= MAX_COUNTER:
            return "版本计数不是 0 到 2^53 之间的整数"
        if device != ctx.sender.device and count > known.get(device, 0):
            return "版本向量替其他设备增加了计数（发送方只能增加自己的计数）"
    stamp = head["t"]
    if len(stamp) > 40 or not stamp[:13].isdigit() or stamp[13:14] != "-" or not stamp[14:19].isdigit():
        return "时间戳格式不对"
    if int(stamp[:13]) > ctx.now_ms + ctx.skew_ms:
        return "时间戳晚于本机时钟允许的范围（发送方时钟过快或被篡改）"
    return None


def _known(old: dict[str, Any] | None) -> dict[str, dict[str, int]]:
    """Per field, the highest count of each device this device has seen."""
    if old is None:
        return {}
    meta = json.loads(old["sync_meta"]) if old.get("sync_meta") else {}
    default = {} if meta else {old["device_id"]: 1}
    out: dict[str, dict[str, int]] = {}
    for name in set(old) - BOOKKEEPING | {"deleted_at"}:
        counts: dict[str, int] = {}
        for head in heads_of(old.get(name), meta.get(name), default, old["updated_at"]):
            for device, n in head["vv"].items():
                counts[device] = max(counts.get(device, 0), n)
        out[name] = counts
    return out


def _stamp(ms: int) -> str:
    from datetime import UTC, datetime

    return datetime.fromtimestamp(ms / 1000, UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


# -- events ---------------------------------------------------------------------------------------------------
def _events(ctx: Context, events: list[dict[str, Any]]) -> None:
    verdict = ctx.verdict
    finding_ids = sorted({e["finding_id"] for e in events})
    _prefetch(ctx, {"findings": set(finding_ids)})
    local = {e["id"]: e for evs in _local_events(ctx, finding_ids).values() for e in evs}
    fresh: dict[str, list[dict[str, Any]]] = {}
    for e in events:
        reason = _event_reason(ctx, e, local)
        if reason == "":
            continue  # already here, the same: nothing to do
        if reason:
            verdict.refuse("finding_events", e["id"], reason)
        else:
            fresh.setdefault(e["finding_id"], []).append(e)
    for finding_id, new in fresh.items():
        finding = ctx.find("findings", finding_id)
        history = verdict.local_events.get(finding_id, [])
        checked, state = _replay(history, new, finding["grade"], ctx.data)
        for e, reason in checked:
            if reason:
                verdict.refuse("finding_events", e["id"], reason)
            else:
                verdict.accepted.setdefault("finding_events", []).append(e)
        if state is not None:
            verdict.states[finding_id] = state.columns()


def _local_events(ctx: Context, finding_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    rows = ctx.lookup("finding_events_of", finding_ids, None)
    grouped: dict[str, list[dict[str, Any]]] = {}
    for e in rows.values():
        grouped.setdefault(e["finding_id"], []).append(e)
    ctx.verdict.local_events = grouped
    return grouped


def _event_reason(ctx: Context, e: dict[str, Any], local: dict[str, dict[str, Any]]) -> str | None:
    if e["id"] in local:
        same = e.items() <= local[e["id"]].items()  # (a stored event has every column)
        return "" if same else "处理记录已存在且不可更改（处理记录只能追加）"
    if e["kind"] not in EVENT_KINDS:
        return f"未知的处理类型“{e['kind'][:40]}”"
    if e["device_id"] != ctx.sender.device:
        return "处理记录的所有者不是发送方"
    finding = ctx.find("findings", e["finding_id"])
    if finding is None:
        return "对应的隐患不存在或被拒绝"
    if not may_add_event(e["kind"], ctx.sender.device, ctx.sender.role, finding["device_id"]):
        return "只有隐患的登记设备（或区里的督办类记录）才能添加这条处理记录"
    try:
        on = date.fromisoformat(e["on_date"])
    except ValueError:
        return f"日期“{e['on_date']}”无效"
    if on > ctx.tomorrow:
        return f"日期 {on} 晚于导入当天之后一天（不接受未来日期）"
    if e["created_at"] > ctx.latest:
        return "处理记录的创建时间晚于本机时钟允许的范围"
    try:
        data = strictjson.loads(e["data"]) if e.get("data") else {}
    except strictjson.BadJSON as exc:
        return f"处理记录的内容无法读取（{exc}）"
    if not isinstance(data, dict) or not strictjson.depth(data, 4):
        return "处理记录的内容格式不对"
    ctx.data[e["id"]] = data
    return None


def causal(e: dict[str, Any]) -> tuple[str, bool, str]:
    """Causal order: by date, the registration first, then as written (a stable sort keeps the stored order
    and then the package's order for steps of the same moment)."""
    return e["on_date"], e["kind"] != wf.CREATED, e["created_at"]


def _replay(history: list[dict[str, Any]], new: list[dict[str, Any]], grade: str, parsed: dict[str, Any]
            ) -> tuple[list[tuple[dict[str, Any], str | None]], wf.FindingState | None]:
    """Every event in causal order; each new one checked by the same rules as a local step. Returns each new
    event with its refusal (``None``: accepted), and the state that the history and the accepted events reach —
    the finding's derived columns, so the merge need not fold the same events again — or ``None`` if an event
    could not be applied (skipped here as always; the merge then folds the events itself, as it did before)."""
    fresh = {e["id"] for e in new}
    state = wf.FindingState(status=wf.REGISTERED, deadline=None)
    created = any(e["kind"] == wf.CREATED for e in history)
    checked, folded = [], True
    for e in sorted([*history, *new], key=causal):
        data = parsed[e["id"]] if e["id"] in parsed else json.loads(e["data"] or "{}")
        ev = wf.Event(e["kind"], date.fromisoformat(e["on_date"]), data)
        if e["id"] in fresh:
            reason = _step_reason(state, ev, grade, created)
            created = created or e["kind"] == wf.CREATED
            checked.append((e, reason))
            if reason:
                continue
        if ev.kind in OWNER_EVENTS:
            try:
                wf.apply_event(state, ev)
            except RuleError:
                folded = False
    return checked, state if folded else None


def _step_reason(state: wf.FindingState, ev: wf.Event, grade: str, created: bool) -> str | None:
    if ev.kind == wf.CREATED:
        return "隐患已有登记记录，不能再次登记" if created else None
    if ev.kind not in OWNER_EVENTS:
        return None  # district kinds do not move the status
    try:
        wf.check(state, ev, grade=grade)
    except RuleError as exc:
        return exc.message
    return None
