"""A finding's life (隐患闭环) as an append-only list of events, and the rules that guard each step.

Nothing here touches the database or Qt: :func:`derive` folds a finding's events into its current state, and
:func:`check` says whether a new event may be appended — or raises :class:`~inspector.errors.RuleError` with the
reason in words an officer understands. Because the state is always derived from the same events, every device
that holds the same events shows the same status.

The rules follow 《安全生产事故隐患排查治理暂行规定》 (原安监总局令第16号) and Shanghai practice, see DOMAIN.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from inspector.errors import RuleError

# Statuses, in the order a finding normally moves through them.
REGISTERED = "registered"  # 发现/登记
ORDERED = "ordered"  # 已下发整改
RECTIFYING = "rectifying"  # 整改中
AWAITING_RECHECK = "awaiting_recheck"  # 整改反馈，待复查
RECHECK_FAILED = "recheck_failed"  # 复查不合格
EXTENDED = "extended"  # 已延期
RECHECK_PASSED = "recheck_passed"  # 复查合格，待销号
CLOSED = "closed"  # 已销号

STATUS_LABELS = {
    REGISTERED: "已登记",
    ORDERED: "已下发整改",
    RECTIFYING: "整改中",
    AWAITING_RECHECK: "待复查",
    RECHECK_FAILED: "复查不合格",
    EXTENDED: "已延期",
    RECHECK_PASSED: "复查合格",
    CLOSED: "已销号",
}
RECTIFIED = {RECHECK_PASSED, CLOSED}

# Event kinds.
CREATED = "created"
ORDER_ISSUED = "order_issued"
RECTIFICATION_STARTED = "rectification_started"
FEEDBACK = "feedback"
RECHECK = "recheck"
EXTENSION = "extension"
CLOSE = "close"
REOPEN = "reopen"

EVENT_LABELS = {
    CREATED: "登记隐患",
    ORDER_ISSUED: "下发整改",
    RECTIFICATION_STARTED: "开始整改",
    FEEDBACK: "整改反馈",
    RECHECK: "复查",
    EXTENSION: "延期",
    CLOSE: "销号",
    REOPEN: "重新打开",
}

GRADES = ("一般", "重大")
CATEGORIES = ("人的不安全行为", "物的不安全状态", "管理缺陷")
PLAN_PARTS = ("目标和任务", "方法和措施", "经费和物资", "机构和人员", "时限和要求", "安全措施和应急预案")

# Which statuses each event may follow.
ALLOWED_FROM: dict[str, set[str]] = {
    ORDER_ISSUED: {REGISTERED},
    RECTIFICATION_STARTED: {ORDERED},
    FEEDBACK: {ORDERED, RECTIFYING, RECHECK_FAILED, EXTENDED},
    RECHECK: {ORDERED, RECTIFYING, AWAITING_RECHECK, RECHECK_FAILED, EXTENDED},
    EXTENSION: {ORDERED, RECTIFYING, RECHECK_FAILED, EXTENDED},
    CLOSE: {RECHECK_PASSED},
    REOPEN: {CLOSED},
}


@dataclass(frozen=True)
class Event:
    """One step of a finding's history. ``data`` holds the step's own fields (deadline, reason, result…)."""

    kind: str
    on: date
    data: dict[str, Any] = field(default_factory=dict)
    actor: str = ""


@dataclass
class FindingState:
    """What the events say about a finding now."""

    status: str
    deadline: date | None
    order_date: date | None = None
    closed_on: date | None = None
    rechecks: int = 0

    def columns(self) -> dict[str, str | None]:
        """The finding's cached columns (status, current deadline, close-out date) as the events set them."""
        return {"status": self.status,
                "current_deadline": self.deadline.isoformat() if self.deadline else None,
                "closed_on": self.closed_on.isoformat() if self.closed_on else None}

    def overdue(self, today: date) -> bool:
        """逾期未改: not yet rectified and the current deadline has passed."""
        return self.status not in RECTIFIED and self.deadline is not None and self.deadline < today


def _as_date(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError as exc:
        raise RuleError(f"日期“{value}”无效。", "请按 年-月-日 填写，例如 2026-03-31。") from exc


def derive(events: list[Event]) -> FindingState:
    """Fold events (in the order they happened) into the current state."""
    state = FindingState(status=REGISTERED, deadline=None)
    for ev in events:
        apply_event(state, ev)
    return state


def apply_event(state: FindingState, ev: Event) -> None:
    """Advance ``state`` by one event; the one place that says what each event does."""
    deadline = _as_date(ev.data.get("deadline"))
    if ev.kind == CREATED:
        state.status, state.deadline = REGISTERED, deadline
    elif ev.kind == ORDER_ISSUED:
        state.status, state.order_date = ORDERED, ev.on
        state.deadline = deadline or state.deadline
    elif ev.kind == RECTIFICATION_STARTED:
        state.status = RECTIFYING
    elif ev.kind == FEEDBACK:
        state.status = AWAITING_RECHECK
    elif ev.kind == RECHECK:
        state.rechecks += 1
        if ev.data.get("passed"):
            state.status = RECHECK_PASSED
        else:
            state.status, state.deadline = RECHECK_FAILED, deadline
    elif ev.kind == EXTENSION:
        state.status, state.deadline = EXTENDED, deadline
    elif ev.kind == CLOSE:
        state.status, state.closed_on = CLOSED, ev.on
    elif ev.kind == REOPEN:
        state.status, state.closed_on = RECTIFYING, None
        state.deadline = deadline or state.deadline


def validate_new_finding(grade: str, description: str, found_on: date, deadline: date | None,
                         plan: dict[str, str] | None, category: str | None = None) -> None:
    """The rules for registering a finding: a major hazard needs its six-part plan (治理方案)."""
    if not description.strip():
        raise RuleError("隐患描述不能为空。", "请写明发现的问题，例如“疏散通道堆放杂物”。")
    if grade not in GRADES:
        raise RuleError(f"隐患等级“{grade}”无效。", "请选择“一般”或“重大”。")
    if category and category not in CATEGORIES:
        raise RuleError(f"隐患类别“{category}”无效。", "请选择人的不安全行为、物的不安全状态或管理缺陷。")
    if deadline is not None and deadline < found_on:
        raise RuleError("整改期限早于发现日期。", "请把整改期限定在发现日期之后。")
    if grade == "重大":
        missing = [p for p in PLAN_PARTS if not (plan or {}).get(p, "").strip()]
        if missing:
            raise RuleError(
                "重大事故隐患必须有完整的治理方案，缺少：" + "、".join(missing) + "。",
                "请在“治理方案”中填写全部六项后再保存。",
            )


def check(state: FindingState, ev: Event, *, grade: str = "一般") -> None:
    """Raise :class:`RuleError` when ``ev`` may not follow ``state``; say why and what to do instead."""
    allowed = ALLOWED_FROM.get(ev.kind)
    if allowed is None:
        raise RuleError(f"未知的操作“{ev.kind}”。")
    if state.status not in allowed:
        raise RuleError(
            f"当前状态为“{STATUS_LABELS[state.status]}”，不能{EVENT_LABELS[ev.kind]}。",
            _next_step_hint(state.status),
        )
    deadline = _as_date(ev.data.get("deadline"))
    if ev.kind == ORDER_ISSUED:
        if (deadline or state.deadline) is None:
            raise RuleError("下发整改必须确定整改期限。", "请填写整改期限。")
        if deadline and deadline < ev.on:
            raise RuleError("整改期限早于下发日期。", "请把整改期限定在下发日期之后。")
    elif ev.kind == RECHECK:
        _check_recheck(state, ev, deadline)
    elif ev.kind == EXTENSION:
        if not str(ev.data.get("reason", "")).strip():
            raise RuleError("延期必须写明理由。", "请填写延期理由。")
        if deadline is None or (state.deadline and deadline <= state.deadline):
            raise RuleError("延期后的期限必须晚于原整改期限。", f"原期限为 {state.deadline}，请选择更晚的日期。")
    elif ev.kind == CLOSE and grade == "重大" and not ev.data.get("assessment"):
        raise RuleError("重大事故隐患销号前必须附评估报告。", "请先上传评估报告，再销号。")
    elif ev.kind == REOPEN and not str(ev.data.get("reason", "")).strip():
        raise RuleError("重新打开必须写明理由。", "请填写重新打开的理由。")


def _check_recheck(state: FindingState, ev: Event, deadline: date | None) -> None:
    if state.order_date and ev.on < state.order_date:
        raise RuleError(
            f"复查日期 {ev.on} 早于整改通知下发日期 {state.order_date}。", "请核对复查日期。"
        )
    if not ev.data.get("inspectors") or len(ev.data["inspectors"]) < 2:
        raise RuleError("复查须由两名执法人员进行。", "请选择两名检查人员（含执法证号）。")
    if "passed" not in ev.data:
        raise RuleError("请填写复查结论（合格或不合格）。")
    if not ev.data["passed"] and (deadline is None or deadline <= ev.on):
        raise RuleError("复查不合格时必须给出新的整改期限。", "请填写晚于复查日期的新期限。")


def _next_step_hint(status: str) -> str:
    return {
        REGISTERED: "请先下发整改通知。",
        ORDERED: "等待企业整改反馈，或进行复查。",
        RECTIFYING: "等待企业整改反馈，或进行复查。",
        AWAITING_RECHECK: "请进行复查。",
        RECHECK_FAILED: "请等待企业再次整改后复查，或办理延期。",
        EXTENDED: "请等待企业整改反馈后复查。",
        RECHECK_PASSED: "复查合格后可以销号。",
        CLOSED: "该隐患已销号；如需继续处理，请先重新打开并写明理由。",
    }[status]


def rectification_rate(found: int, rectified: int) -> float | None:
    """整改率 = rectified ÷ found; None (shown as "—") when nothing was found, never 100%."""
    return None if found == 0 else rectified / found
