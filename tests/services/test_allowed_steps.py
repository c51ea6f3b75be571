"""Which steps a finding allows now, and why not: the answer comes from the workflow rules themselves."""

from __future__ import annotations

from datetime import date

from inspector import workflow as wf

DAY = date(2026, 3, 2)


def finding(services, grade: str = "一般") -> str:
    site = services.add_site(name="上海恒达餐饮有限公司")
    plan = {part: "落实" for part in wf.PLAN_PARTS} if grade == "重大" else None
    return services.record_finding(description="疏散通道堆放杂物", grade=grade, found_on=DAY,
                                   deadline=date(2026, 4, 1), plan=plan, site_id=site)


def allowed(steps: dict[str, str | None]) -> set[str]:
    return {kind for kind, why in steps.items() if why is None}


def test_a_new_finding_can_only_be_ordered_and_the_others_say_why(services):
    fid = finding(services)
    steps = services.allowed_steps(fid, on=DAY)
    assert allowed(steps) == {wf.ORDER_ISSUED}
    assert "当前状态为“已登记”，不能销号" in steps[wf.CLOSE] and "请先下发整改通知" in steps[wf.CLOSE]


def test_the_steps_follow_the_history(services):
    fid = finding(services)
    services.act(fid, wf.Event(wf.ORDER_ISSUED, DAY, {"deadline": date(2026, 4, 1)}))
    assert allowed(services.allowed_steps(fid, on=DAY)) == {
        wf.RECTIFICATION_STARTED, wf.FEEDBACK, wf.RECHECK, wf.EXTENSION}
    services.act(fid, wf.Event(wf.RECHECK, date(2026, 3, 9), {"passed": True, "inspectors": ["甲", "乙"]}))
    steps = services.allowed_steps(fid, on=date(2026, 3, 9))
    assert steps[wf.CLOSE] is None and steps[wf.ORDER_ISSUED] is not None
    services.act(fid, wf.Event(wf.CLOSE, date(2026, 3, 10), {}))
    assert allowed(services.allowed_steps(fid, on=date(2026, 3, 10))) == {wf.REOPEN}


def test_a_recheck_asked_before_the_order_date_is_still_offered(services):
    """The officer may open the page on a day before the notice (a back-dated order): the check uses the
    order date then, so the button is not refused for a date the officer will choose in the form."""
    fid = finding(services)
    services.act(fid, wf.Event(wf.ORDER_ISSUED, date(2026, 3, 20), {"deadline": date(2026, 4, 20)}))
    assert services.allowed_steps(fid, on=DAY)[wf.RECHECK] is None
