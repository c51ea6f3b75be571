"""Each rule of a finding's life as an officer would check it: the step that is allowed, the step that is
refused with the exact words the officer reads (message and hint, each on its own), and the dates on the edge.

Dates are fixed: nothing here depends on the day the tests run."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from inspector import workflow as wf
from inspector.errors import RuleError

FOUND = date(2026, 3, 1)
ORDER_DAY = date(2026, 3, 2)
DEADLINE = date(2026, 3, 31)
TWO = ["insp-a", "insp-b"]
DAY = timedelta(days=1)


def ev(kind: str, on: date, **data) -> wf.Event:
    return wf.Event(kind, on, data)


def run(*events: wf.Event, grade: str = "一般", created: dict | None = None) -> wf.FindingState:
    """A finding registered on FOUND (with ``created`` as its data), then each step checked and applied."""
    state = wf.derive([wf.Event(wf.CREATED, FOUND, created if created is not None else {"deadline": DEADLINE})])
    for e in events:
        wf.check(state, e, grade=grade)
        wf.apply_event(state, e)
    return state


def refused(state: wf.FindingState, e: wf.Event, grade: str = "一般") -> RuleError:
    with pytest.raises(RuleError) as info:
        wf.check(state, e, grade=grade)
    return info.value


ORDERED = (ev(wf.ORDER_ISSUED, ORDER_DAY, deadline=DEADLINE),)
FAILED = (*ORDERED, ev(wf.RECHECK, date(2026, 3, 20), passed=False, inspectors=TWO, deadline=date(2026, 4, 30)))
PASSED = (*ORDERED, ev(wf.RECHECK, date(2026, 3, 20), passed=True, inspectors=TWO))
CLOSED = (*PASSED, ev(wf.CLOSE, date(2026, 3, 21)))


# -- the status a finding is in decides which step may follow ------------------------------------------------
STEPS_TO = {
    wf.REGISTERED: (),
    wf.ORDERED: ORDERED,
    wf.RECTIFYING: (*ORDERED, ev(wf.RECTIFICATION_STARTED, ORDER_DAY)),
    wf.AWAITING_RECHECK: (*ORDERED, ev(wf.FEEDBACK, date(2026, 3, 10))),
    wf.RECHECK_FAILED: FAILED,
    wf.EXTENDED: (*ORDERED, ev(wf.EXTENSION, date(2026, 3, 25), reason="设备到货延迟", deadline=date(2026, 4, 15))),
    wf.RECHECK_PASSED: PASSED,
    wf.CLOSED: CLOSED,
}
HINTS = {
    wf.REGISTERED: "请先下发整改通知。",
    wf.ORDERED: "等待企业整改反馈，或进行复查。",
    wf.RECTIFYING: "等待企业整改反馈，或进行复查。",
    wf.AWAITING_RECHECK: "请进行复查。",
    wf.RECHECK_FAILED: "请等待企业再次整改后复查，或办理延期。",
    wf.EXTENDED: "请等待企业整改反馈后复查。",
    wf.RECHECK_PASSED: "复查合格后可以销号。",
    wf.CLOSED: "该隐患已销号；如需继续处理，请先重新打开并写明理由。",
}
# One well-formed step of each kind, dated late enough to pass every date rule from any status.
LATE = date(2026, 6, 1)
GOOD = {
    wf.ORDER_ISSUED: ev(wf.ORDER_ISSUED, LATE, deadline=date(2026, 7, 1)),
    wf.RECTIFICATION_STARTED: ev(wf.RECTIFICATION_STARTED, LATE),
    wf.FEEDBACK: ev(wf.FEEDBACK, LATE),
    wf.RECHECK: ev(wf.RECHECK, LATE, passed=True, inspectors=TWO),
    wf.EXTENSION: ev(wf.EXTENSION, LATE, reason="等待", deadline=date(2026, 7, 1)),
    wf.CLOSE: ev(wf.CLOSE, LATE),
    wf.REOPEN: ev(wf.REOPEN, LATE, reason="群众举报问题复现"),
}


@pytest.mark.parametrize("status", list(STEPS_TO))
def test_each_status_allows_exactly_its_steps_and_says_what_to_do_next(status):
    state = run(*STEPS_TO[status])
    assert state.status == status
    for kind, step in GOOD.items():
        if status in wf.ALLOWED_FROM[kind]:
            wf.check(state, step)
        else:
            error = refused(state, step)
            assert error.message == f"当前状态为“{wf.STATUS_LABELS[status]}”，不能{wf.EVENT_LABELS[kind]}。"
            assert error.hint == HINTS[status]


def test_an_unknown_step_is_refused_by_name():
    error = refused(run(), ev("approve", ORDER_DAY))
    assert (error.message, error.hint) == ("未知的操作“approve”。", "")
    assert refused(run(), ev(wf.CREATED, ORDER_DAY)).message == "未知的操作“created”。"  # registration is not a step


# -- 下发整改 -----------------------------------------------------------------------------------------------------
def test_an_order_takes_its_own_deadline_over_the_one_given_at_registration():
    state = run(ev(wf.ORDER_ISSUED, ORDER_DAY, deadline=date(2026, 3, 15)))
    assert (state.status, state.order_date, state.deadline) == (wf.ORDERED, ORDER_DAY, date(2026, 3, 15))


def test_an_order_without_a_deadline_keeps_the_registered_one():
    assert run(ev(wf.ORDER_ISSUED, ORDER_DAY)).deadline == DEADLINE


def test_an_order_needs_a_deadline_from_somewhere():
    state = run(created={})
    assert state.deadline is None
    for data in ({}, {"deadline": ""}, {"deadline": None}):
        error = refused(state, wf.Event(wf.ORDER_ISSUED, ORDER_DAY, data))
        assert (error.message, error.hint) == ("下发整改必须确定整改期限。", "请填写整改期限。")
    assert run(ev(wf.ORDER_ISSUED, ORDER_DAY, deadline=DEADLINE), created={}).deadline == DEADLINE


def test_an_order_s_deadline_may_be_its_own_day_but_not_earlier():
    assert run(ev(wf.ORDER_ISSUED, ORDER_DAY, deadline=ORDER_DAY)).deadline == ORDER_DAY
    error = refused(run(), ev(wf.ORDER_ISSUED, ORDER_DAY, deadline=ORDER_DAY - DAY))
    assert (error.message, error.hint) == ("整改期限早于下发日期。", "请把整改期限定在下发日期之后。")


# -- 复查 -------------------------------------------------------------------------------------------------------
def test_a_recheck_on_the_order_day_is_allowed_the_day_before_is_not():
    assert run(*ORDERED, ev(wf.RECHECK, ORDER_DAY, passed=True, inspectors=TWO)).status == wf.RECHECK_PASSED
    error = refused(run(*ORDERED), ev(wf.RECHECK, ORDER_DAY - DAY, passed=True, inspectors=TWO))
    assert error.message == "复查日期 2026-03-01 早于整改通知下发日期 2026-03-02。"
    assert error.hint == "请核对复查日期。"


def test_a_recheck_without_an_order_date_has_no_date_rule():
    state = wf.FindingState(status=wf.ORDERED, deadline=DEADLINE)  # an older finding kept no order date
    wf.check(state, ev(wf.RECHECK, date(2020, 1, 1), passed=True, inspectors=TWO))


@pytest.mark.parametrize("inspectors", [None, [], ["insp-a"]])
def test_a_recheck_needs_two_inspectors(inspectors):
    data = {"passed": True} if inspectors is None else {"passed": True, "inspectors": inspectors}
    error = refused(run(*ORDERED), wf.Event(wf.RECHECK, ORDER_DAY, data))
    assert (error.message, error.hint) == ("复查须由两名执法人员进行。", "请选择两名检查人员（含执法证号）。")


def test_a_recheck_needs_a_verdict():
    error = refused(run(*ORDERED), ev(wf.RECHECK, ORDER_DAY, inspectors=TWO))
    assert (error.message, error.hint) == ("请填写复查结论（合格或不合格）。", "")


def test_a_failed_recheck_needs_a_new_deadline_after_its_own_day():
    day = date(2026, 3, 20)
    for deadline in (None, day - DAY, day):
        error = refused(run(*ORDERED), ev(wf.RECHECK, day, passed=False, inspectors=TWO, deadline=deadline))
        assert (error.message, error.hint) == ("复查不合格时必须给出新的整改期限。", "请填写晚于复查日期的新期限。")
    state = run(*ORDERED, ev(wf.RECHECK, day, passed=False, inspectors=TWO, deadline=day + DAY))
    assert (state.status, state.deadline, state.rechecks) == (wf.RECHECK_FAILED, day + DAY, 1)


def test_a_passed_recheck_keeps_the_deadline_and_counts():
    state = run(*FAILED, ev(wf.RECHECK, date(2026, 4, 1), passed=True, inspectors=TWO))
    assert (state.status, state.deadline, state.rechecks) == (wf.RECHECK_PASSED, date(2026, 4, 30), 2)


# -- 延期 -------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("reason", [None, "", "   "])
def test_an_extension_needs_a_reason(reason):
    data = {"deadline": date(2026, 5, 1)} if reason is None else {"reason": reason, "deadline": date(2026, 5, 1)}
    error = refused(run(*ORDERED), wf.Event(wf.EXTENSION, ORDER_DAY, data))
    assert (error.message, error.hint) == ("延期必须写明理由。", "请填写延期理由。")


@pytest.mark.parametrize("deadline", [None, DEADLINE - DAY, DEADLINE])
def test_an_extension_must_end_after_the_current_deadline(deadline):
    error = refused(run(*ORDERED), ev(wf.EXTENSION, ORDER_DAY, reason="等待", deadline=deadline))
    assert error.message == "延期后的期限必须晚于原整改期限。"
    assert error.hint == "原期限为 2026-03-31，请选择更晚的日期。"


def test_an_extension_one_day_later_is_allowed_and_becomes_the_deadline():
    state = run(*ORDERED, ev(wf.EXTENSION, ORDER_DAY, reason="等待", deadline=DEADLINE + DAY))
    assert (state.status, state.deadline) == (wf.EXTENDED, DEADLINE + DAY)


def test_an_extension_of_a_finding_without_a_deadline_needs_only_a_date():
    state = wf.FindingState(status=wf.ORDERED, deadline=None)
    wf.check(state, ev(wf.EXTENSION, ORDER_DAY, reason="等待", deadline=date(2026, 1, 1)))


# -- 销号 and 重新打开 ----------------------------------------------------------------------------------------------
def test_closing_a_major_hazard_needs_the_assessment_a_general_one_does_not():
    state = run(*PASSED, grade="重大")
    for data in ({}, {"assessment": ""}):
        error = refused(state, wf.Event(wf.CLOSE, LATE, data), grade="重大")
        assert (error.message, error.hint) == ("重大事故隐患销号前必须附评估报告。", "请先上传评估报告，再销号。")
    wf.check(state, ev(wf.CLOSE, LATE, assessment="评估报告.pdf"), grade="重大")
    wf.check(state, ev(wf.CLOSE, LATE))  # 一般 is the default grade
    closed = run(*CLOSED)
    assert (closed.status, closed.closed_on) == (wf.CLOSED, date(2026, 3, 21))


@pytest.mark.parametrize("reason", [None, "", "  "])
def test_reopening_needs_a_reason(reason):
    data = {} if reason is None else {"reason": reason}
    error = refused(run(*CLOSED), wf.Event(wf.REOPEN, LATE, data))
    assert (error.message, error.hint) == ("重新打开必须写明理由。", "请填写重新打开的理由。")


def test_reopening_sends_the_finding_back_to_rectification():
    state = run(*CLOSED, ev(wf.REOPEN, LATE, reason="问题复现"))
    assert (state.status, state.closed_on, state.deadline) == (wf.RECTIFYING, None, DEADLINE)
    state = run(*CLOSED, ev(wf.REOPEN, LATE, reason="问题复现", deadline=date(2026, 7, 1)))
    assert state.deadline == date(2026, 7, 1) and state.columns() == {
        "status": wf.RECTIFYING, "current_deadline": "2026-07-01", "closed_on": None}


# -- the state the events derive --------------------------------------------------------------------------------
def test_no_events_is_a_registered_finding_with_no_deadline():
    state = wf.derive([])
    assert (state.status, state.deadline, state.order_date, state.closed_on, state.rechecks) == \
        (wf.REGISTERED, None, None, None, 0)
    assert state.columns() == {"status": wf.REGISTERED, "current_deadline": None, "closed_on": None}


def test_each_step_sets_what_it_says_and_leaves_the_rest():
    started = run(*ORDERED, ev(wf.RECTIFICATION_STARTED, date(2026, 3, 3)))
    assert (started.status, started.deadline, started.order_date) == (wf.RECTIFYING, DEADLINE, ORDER_DAY)
    fed_back = run(*ORDERED, ev(wf.FEEDBACK, date(2026, 3, 10), measures="已清理"))
    assert (fed_back.status, fed_back.deadline) == (wf.AWAITING_RECHECK, DEADLINE)
    closed = run(*CLOSED)
    assert closed.columns() == {"status": wf.CLOSED, "current_deadline": "2026-03-31", "closed_on": "2026-03-21"}


def test_dates_are_read_from_dates_iso_text_and_timestamps():
    assert wf.derive([ev(wf.CREATED, FOUND, deadline="2026-03-31T18:00:00")]).deadline == DEADLINE
    assert wf.derive([ev(wf.CREATED, FOUND, deadline=DEADLINE)]).deadline == DEADLINE
    assert wf.derive([ev(wf.CREATED, FOUND, deadline="")]).deadline is None


@pytest.mark.parametrize("value", ["2026-02-30", "明天", "31/03/2026"])
def test_a_date_that_is_not_a_date_is_refused_in_words(value):
    with pytest.raises(RuleError) as info:
        wf.check(run(), ev(wf.ORDER_ISSUED, ORDER_DAY, deadline=value))
    assert (info.value.message, info.value.hint) == (f"日期“{value}”无效。", "请按 年-月-日 填写，例如 2026-03-31。")


def test_overdue_begins_the_day_after_the_deadline_and_ends_with_the_rectification():
    ordered = run(*ORDERED)
    assert not ordered.overdue(DEADLINE) and ordered.overdue(DEADLINE + DAY)
    assert not run(*PASSED).overdue(DEADLINE + DAY) and not run(*CLOSED).overdue(DEADLINE + DAY)
    assert run(*FAILED).overdue(date(2026, 5, 1)) and not run(*FAILED).overdue(date(2026, 4, 30))
    assert not run(created={}).overdue(date(2030, 1, 1))  # no deadline, nothing is late


# -- registering a finding --------------------------------------------------------------------------------------
def plan(*parts: str, text: str = "已落实") -> dict[str, str]:
    return {p: text for p in parts}


def refused_new(*args, **kw) -> RuleError:
    with pytest.raises(RuleError) as info:
        wf.validate_new_finding(*args, **kw)
    return info.value


@pytest.mark.parametrize("description", ["", "   \n"])
def test_a_finding_needs_a_description(description):
    error = refused_new("一般", description, FOUND, None, None)
    assert (error.message, error.hint) == ("隐患描述不能为空。", "请写明发现的问题，例如“疏散通道堆放杂物”。")


def test_a_finding_needs_a_known_grade_and_category():
    error = refused_new("特大", "配电箱无门", FOUND, None, None)
    assert (error.message, error.hint) == ("隐患等级“特大”无效。", "请选择“一般”或“重大”。")
    error = refused_new("一般", "配电箱无门", FOUND, None, None, category="环境因素")
    assert error.message == "隐患类别“环境因素”无效。"
    assert error.hint == "请选择人的不安全行为、物的不安全状态或管理缺陷。"
    for category in (*wf.CATEGORIES, None, ""):
        wf.validate_new_finding("一般", "配电箱无门", FOUND, None, None, category=category)


def test_a_finding_s_deadline_may_be_the_day_it_was_found_but_not_before():
    wf.validate_new_finding("一般", "配电箱无门", FOUND, FOUND, None)
    error = refused_new("一般", "配电箱无门", FOUND, FOUND - DAY, None)
    assert (error.message, error.hint) == ("整改期限早于发现日期。", "请把整改期限定在发现日期之后。")


def test_a_major_hazard_names_every_missing_part_of_its_plan():
    error = refused_new("重大", "配电房无防护", FOUND, None, {**plan(*wf.PLAN_PARTS[:2]), "经费和物资": "  "})
    assert error.message == ("重大事故隐患必须有完整的治理方案，缺少："
                             "经费和物资、机构和人员、时限和要求、安全措施和应急预案。")
    assert error.hint == "请在“治理方案”中填写全部六项后再保存。"
    assert refused_new("重大", "配电房无防护", FOUND, None, None).message == \
        "重大事故隐患必须有完整的治理方案，缺少：" + "、".join(wf.PLAN_PARTS) + "。"
    wf.validate_new_finding("重大", "配电房无防护", FOUND, None, plan(*wf.PLAN_PARTS))
    wf.validate_new_finding("一般", "配电房无防护", FOUND, None, None)  # a general finding needs no plan


def test_the_rectification_rate_is_a_fraction_and_nothing_found_is_no_rate():
    assert wf.rectification_rate(0, 0) is None
    assert wf.rectification_rate(4, 1) == 0.25 and wf.rectification_rate(3, 3) == 1.0
