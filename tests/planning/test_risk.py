"""Risk grading: the method's arithmetic and thresholds, the district's policy checked before use, and the
frequency rules that make a site due (every date injected)."""

from __future__ import annotations

from datetime import date

import pytest

from inspector import risk
from inspector import workflow as wf
from inspector.errors import RuleError

POLICY = risk.check_policy(risk.DEFAULT_POLICY)
NONE = risk.History()


@pytest.mark.parametrize("hazards, history, level", [
    ([], NONE, "蓝"),  # 餐饮 5
    (["gas", "crowded"], NONE, "黄"),  # 5 + 10 + 20 = 35
    (["crowded", "gas"], risk.History(ordinary=5), "橙"),  # 35 + 5 = 40: exactly the 橙 threshold
    (["crowded", "gas"], risk.History(ordinary=4), "黄"),  # 39
    (["hazchem", "gas"], risk.History(major=1), "红"),  # 5 + 30 + 10 + 15 = 60: exactly 红
    (["hazchem", "gas"], risk.History(ordinary=14), "橙"),  # 一般 capped at 10: 55
    ([], risk.History(major=5, overdue=9), "橙"),  # 5 + 30 (cap) + 10 (cap) = 45
])
def test_factor_scores_and_thresholds(hazards, history, level):
    assert risk.assess("餐饮", hazards, history, POLICY).level == level


def test_the_score_is_the_sum_of_its_parts():
    result = risk.assess("化工", ["confined_space", "dust"], risk.History(major=1, ordinary=3, overdue=1), POLICY)
    assert result.score == 20 + 20 + 25 + 15 + 3 + 5 == sum(v for _, v in result.parts)
    assert result.inputs["hazards"] == ["dust", "confined_space"] and result.method == "factors"


def test_lec_takes_the_higher_level_and_refuses_values_off_the_table():
    high = risk.assess("餐饮", [], NONE, POLICY, {"L": 3, "E": 6, "C": 40})  # D = 720
    assert (high.level, high.method, high.inputs["lec"]["D"]) == ("红", "lec", 720)
    low = risk.assess("化工", ["hazchem", "dust"], NONE, POLICY, {"L": 0.5, "E": 1, "C": 1})  # factors 75 → 红
    assert low.level == "红"
    assert risk.assess("餐饮", [], NONE, POLICY, {"L": 1, "E": 10, "C": 15}).level == "黄"  # D = 150
    assert risk.assess("餐饮", [], NONE, POLICY, {"L": 1, "E": 6, "C": 1}).level == "蓝"  # D = 6
    with pytest.raises(ValueError, match="L 值"):
        risk.assess("餐饮", [], NONE, POLICY, {"L": 4, "E": 1, "C": 1})


def test_a_district_threshold_changes_the_level():
    strict = risk.check_policy({**risk.DEFAULT_POLICY, "thresholds": {"factors": {"红": 30, "橙": 20, "黄": 10}}})
    assert risk.assess("餐饮", ["crowded"], NONE, strict).level == "橙"  # 5 + 20 = 25
    assert risk.assess("餐饮", ["crowded"], NONE, POLICY).level == "黄"


@pytest.mark.parametrize("policy", [
    None, {"thresholds": {"factors": {"红": 10, "橙": 20, "黄": 5}}},
    {"thresholds": {"factors": {"红": "60", "橙": 40, "黄": 20}}},
    {"thresholds": {}, "frequencies": {"红": 0, "橙": 3, "黄": 6, "蓝": 12}},
    {"thresholds": {}, "frequencies": {"红": 1, "橙": 3, "黄": 6}},
    {"thresholds": {}, "frequencies": {"红": True, "橙": 3, "黄": 6, "蓝": 12}},
])
def test_an_unusable_policy_is_refused(policy):
    with pytest.raises(risk.BadPolicy):
        risk.check_policy(policy)


@pytest.mark.parametrize("day, months, expected", [
    (date(2026, 1, 31), 1, date(2026, 2, 28)), (date(2024, 1, 31), 1, date(2024, 2, 29)),
    (date(2026, 11, 15), 3, date(2027, 2, 15)), (date(2026, 6, 30), 12, date(2027, 6, 30)),
])
def test_months_are_added_calendar_wise(day, months, expected):
    assert risk.add_months(day, months) == expected


@pytest.mark.parametrize("level, due", [("红", date(2026, 4, 10)), ("橙", date(2026, 6, 10)),
                                        ("黄", date(2026, 9, 10)), ("蓝", date(2027, 3, 10))])
def test_the_default_interval_per_level(level, due):
    assert risk.next_due(level, date(2026, 3, 10), POLICY["frequencies"], date(2026, 3, 11)) == due


def add_inspected_site(services, name, level, on):
    site = services.add_site(name=name, town="长寿路街道", risk_level=level)
    if on:
        services.start_inspection(site, None, started_at=f"{on}T09:00:00")
    return site


def test_the_due_list_follows_the_clock_and_the_edited_frequencies(services):
    planning = services.planning()
    add_inspected_site(services, "红单位", "红", "2026-03-01")
    add_inspected_site(services, "蓝单位", "蓝", "2026-03-01")
    add_inspected_site(services, "新单位", "黄", None)
    add_inspected_site(services, "未评定", None, None)
    names = lambda today, within=0: [r["name"] for r in planning.due(today, within) if r["due_on"]]  # noqa: E731
    assert names(date(2026, 3, 31)) == ["新单位"]
    assert names(date(2026, 4, 1)) == ["红单位", "新单位"]  # due the day the month is up, overdue first
    assert names(date(2026, 3, 20), within=12) == ["新单位", "红单位"]  # by due date
    assert names(date(2027, 3, 1)) == ["红单位", "新单位", "蓝单位"]  # same day: the higher level first
    late = {r["name"]: r["days_left"] for r in planning.due(date(2026, 4, 11))}
    assert late["红单位"] == -10 and late["未评定"] is None  # 待评估 is listed too, without a date
    planning.set_frequencies({"红": 2, "橙": 3, "黄": 6, "蓝": 12})
    assert names(date(2026, 4, 11)) == ["新单位"]
    with pytest.raises(RuleError, match="频次"):
        planning.set_frequencies({"红": 0, "橙": 3, "黄": 6, "蓝": 12})


def test_an_assessment_is_kept_and_the_site_s_level_follows_the_newest(services):
    from datetime import timedelta

    planning = services.planning()
    site = services.add_site(name="上海某化工有限公司", industry="化工")
    first = planning.assess(site, ["hazchem"], date(2026, 1, 5), "林志明")  # 20 + 30 = 50
    assert first["level"] == "橙" and services.store.get("sites", site)["risk_level"] == "橙"
    services.record_finding(description="有限空间未审批", grade="重大", found_on=date(2026, 2, 1),
                            deadline=date(2026, 2, 1) + timedelta(days=10), site_id=site,
                            plan={p: "已制定" for p in wf.PLAN_PARTS})
    second = planning.assess(site, ["hazchem"], date(2026, 3, 1), "林志明")  # + 重大 15 + 逾期 5 = 70
    assert second["level"] == "红" and services.store.get("sites", site)["risk_level"] == "红"
    history = planning.risk_history(site)
    assert [h["level"] for h in history] == ["红", "橙"]
    assert history[0]["inputs"]["history"] == {"major": 1, "ordinary": 0, "overdue": 1, "years": 3}
    assert history[0]["assessed_by"] == "林志明"


def test_the_district_s_thresholds_are_the_ones_used_and_a_town_cannot_publish_them(services):
    planning = services.planning()
    with pytest.raises(RuleError, match="区里"):
        planning.publish_policy({"factors": {"红": 30, "橙": 20, "黄": 10}}, POLICY["frequencies"], date(2026, 1, 1))
    services.set_setting("role", "district")
    planning.publish_policy({"factors": {"红": 30, "橙": 20, "黄": 10}}, {"红": 1, "橙": 2, "黄": 4, "蓝": 8},
                            date(2026, 1, 1))
    site = services.add_site(name="某餐饮店", industry="餐饮")
    assert planning.assess(site, ["crowded"], date(2026, 2, 1))["level"] == "橙"  # 25 ≥ 20
    assert planning.policy()["frequencies"]["黄"] == 4


def test_an_unusable_policy_record_falls_back_to_the_defaults(services):
    services.set_setting("role", "district")
    planning = services.planning()
    policy_id = planning.publish_policy(POLICY["thresholds"], POLICY["frequencies"], date(2026, 1, 1))
    services.store.update("risk_policies", policy_id, {"thresholds": '{"factors": {"红": 1, "橙": 2, "黄": 3}}'})
    current = planning.policy()
    assert current["problem"] and current["thresholds"] == POLICY["thresholds"] and current["id"] is None
