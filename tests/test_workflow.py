"""A finding's life: every rule refuses what it must, and the status is always derived from the events."""

from __future__ import annotations

from datetime import date

import pytest

from inspector import workflow as wf
from inspector.errors import RuleError

D = date(2026, 3, 1)
TWO = ["insp-a", "insp-b"]


def life(*events: wf.Event) -> wf.FindingState:
    state = wf.derive([wf.Event(wf.CREATED, D, {"deadline": "2026-03-31"})])
    for ev in events:
        wf.check(state, ev)
        wf.apply_event(state, ev)
    return state


def test_the_whole_closed_loop():
    state = life(
        wf.Event(wf.ORDER_ISSUED, date(2026, 3, 2), {"deadline": "2026-03-31"}),
        wf.Event(wf.FEEDBACK, date(2026, 3, 20), {"measures": "已清理"}),
        wf.Event(wf.RECHECK, date(2026, 3, 25), {"passed": False, "inspectors": TWO, "deadline": "2026-04-30"}),
        wf.Event(wf.EXTENSION, date(2026, 4, 20), {"reason": "设备到货延迟", "deadline": "2026-05-31"}),
        wf.Event(wf.FEEDBACK, date(2026, 5, 20)),
        wf.Event(wf.RECHECK, date(2026, 5, 25), {"passed": True, "inspectors": TWO}),
        wf.Event(wf.CLOSE, date(2026, 5, 26)),
    )
    assert state.status == wf.CLOSED and state.closed_on == date(2026, 5, 26)
    assert state.deadline == date(2026, 5, 31) and state.rechecks == 2


def test_cannot_close_without_a_passed_recheck():
    with pytest.raises(RuleError, match="不能销号") as info:
        life(wf.Event(wf.ORDER_ISSUED, D, {"deadline": "2026-03-31"}), wf.Event(wf.CLOSE, D))
    assert info.value.hint


def test_recheck_cannot_precede_the_notice():
    with pytest.raises(RuleError, match="早于整改通知"):
        life(wf.Event(wf.ORDER_ISSUED, date(2026, 3, 10), {"deadline": "2026-03-31"}),
             wf.Event(wf.RECHECK, date(2026, 3, 5), {"passed": True, "inspectors": TWO}))


def test_recheck_needs_two_inspectors():
    with pytest.raises(RuleError, match="两名"):
        life(wf.Event(wf.ORDER_ISSUED, D, {"deadline": "2026-03-31"}),
             wf.Event(wf.RECHECK, D, {"passed": True, "inspectors": ["insp-a"]}))


def test_failed_recheck_needs_a_later_deadline():
    with pytest.raises(RuleError, match="新的整改期限"):
        life(wf.Event(wf.ORDER_ISSUED, D, {"deadline": "2026-03-31"}),
             wf.Event(wf.RECHECK, date(2026, 3, 20), {"passed": False, "inspectors": TWO}))


@pytest.mark.parametrize(("data", "match"), [({"deadline": "2026-05-01"}, "理由"),
                                             ({"reason": "等待", "deadline": "2026-03-15"}, "晚于原整改期限")])
def test_extension_needs_reason_and_later_date(data, match):
    with pytest.raises(RuleError, match=match):
        life(wf.Event(wf.ORDER_ISSUED, D, {"deadline": "2026-03-31"}), wf.Event(wf.EXTENSION, D, data))


def test_major_hazard_needs_the_six_part_plan_and_an_assessment_to_close():
    with pytest.raises(RuleError, match="经费和物资"):
        wf.validate_new_finding("重大", "配电房无防护", D, None, {p: "x" for p in wf.PLAN_PARTS[:2]})
    wf.validate_new_finding("重大", "配电房无防护", D, None, {p: "已落实" for p in wf.PLAN_PARTS})
    state = life(wf.Event(wf.ORDER_ISSUED, D, {"deadline": "2026-03-31"}),
                 wf.Event(wf.RECHECK, D, {"passed": True, "inspectors": TWO}))
    with pytest.raises(RuleError, match="评估报告"):
        wf.check(state, wf.Event(wf.CLOSE, D), grade="重大")
    wf.check(state, wf.Event(wf.CLOSE, D, {"assessment": "评估.pdf"}), grade="重大")


def test_reopen_needs_a_reason_and_overdue_is_computed():
    state = life(wf.Event(wf.ORDER_ISSUED, D, {"deadline": "2026-03-31"}))
    assert state.overdue(date(2026, 4, 1)) and not state.overdue(date(2026, 3, 31))
    closed = life(wf.Event(wf.ORDER_ISSUED, D, {"deadline": "2026-03-31"}),
                  wf.Event(wf.RECHECK, D, {"passed": True, "inspectors": TWO}), wf.Event(wf.CLOSE, D))
    assert not closed.overdue(date(2027, 1, 1))
    with pytest.raises(RuleError, match="理由"):
        wf.check(closed, wf.Event(wf.REOPEN, D))


def test_rectification_rate_with_nothing_found_is_not_100_percent():
    assert wf.rectification_rate(0, 0) is None
    assert wf.rectification_rate(4, 1) == 0.25


def test_bad_dates_and_bad_grades_are_refused():
    with pytest.raises(RuleError, match="日期"):
        life(wf.Event(wf.ORDER_ISSUED, D, {"deadline": "2026-02-30"}))
    with pytest.raises(RuleError, match="等级"):
        wf.validate_new_finding("特大", "x", D, None, None)
    with pytest.raises(RuleError, match="早于发现日期"):
        wf.validate_new_finding("一般", "x", D, date(2026, 2, 1), None)
