"""The district's figures against the hand-computed two-town fixture in `tests/district_world.py`; a town sees
the same for itself."""

from __future__ import annotations

from datetime import date

import pytest

from inspector import assessment
from inspector.errors import RuleError
from inspector.services import FindingFilter, district
from tests.district_world import TODAY, towns, world  # noqa: F401  (the two-town fixture and what it builds on)


def _by_town(stats) -> dict[str, dict]:
    return {r["town"]: r for r in stats["rows"]}


def test_the_district_counts_each_town_as_computed_by_hand(towns):  # noqa: F811
    stats = towns["d"].district_stats(TODAY, "2025-01-01", "2025-12-31")
    rows = _by_town(stats)
    assert set(rows) == {"长寿路街道", "万里街道"}
    a, b = rows["长寿路街道"], rows["万里街道"]
    assert (a["done"], a["ordinary"], a["major"], a["rectified"], a["overdue"]) == (3, 2, 1, 1, 1)
    assert (a["listed"], a["listed_rectified"], a["tasks"], a["tasks_done"]) == (1, 0, 2, 1)
    assert (b["done"], b["ordinary"], b["major"], b["rectified"], b["overdue"]) == (1, 1, 1, 2, 0)
    assert (b["listed"], b["listed_rectified"], b["tasks"], b["tasks_done"]) == (1, 1, 1, 0)
    assert a["planned"] is None and not stats["planned_known"]  # no inspection plans yet: “—”
    # 长寿路街道: 整改率 1/3, 逾期控制 2/3, 挂牌督办 0/1, 任务 1/2; no plan: its 30 points are left out of 70
    assert a["score"] == pytest.approx(round(100 * (30 / 3 + 15 * 2 / 3 + 0 + 15 / 2) / 70, 1))
    assert b["score"] == pytest.approx(round(100 * (30 + 15 + 10 + 0) / 70, 1))
    total = stats["total"]
    assert (total["done"], total["found"], total["rectified"], total["overdue"], total["listed"]) == (4, 5, 3, 1, 2)
    table = {r["town"]: r for r in district.table_rows(stats)}
    assert table["长寿路街道"]["rate"] == "33.3%" and table["万里街道"]["rate"] == "100.0%"
    assert table["长寿路街道"]["planned"] == "—" and table["合计"]["listed"] == "1/2"


def test_months_trend_and_a_period_without_findings(towns):  # noqa: F811
    d = towns["d"]
    monthly = d.district_stats(TODAY, "2025-01-01", "2025-12-31")["monthly"]
    assert monthly == {
        "2025-03": {"inspections": 1, "findings": 1, "rectified": 1},
        "2025-04": {"inspections": 2, "findings": 2, "rectified": 0},
        "2025-05": {"inspections": 1, "findings": 2, "rectified": 2},
    }
    empty = d.district_stats(TODAY, "2025-08-01", "2025-08-31")
    assert all(r["found"] == 0 and r["rates"]["rectification"] is None for r in empty["rows"])
    assert {r["town"]: r["rate"] for r in district.table_rows(empty)}["长寿路街道"] == "—"


def test_a_town_sees_the_same_figures_for_itself(towns):  # noqa: F811
    mine = towns["a"].district_stats(TODAY, "2025-01-01", "2025-12-31")
    district_row = _by_town(towns["d"].district_stats(TODAY, "2025-01-01", "2025-12-31"))["长寿路街道"]
    assert [r["town"] for r in mine["rows"]] == ["长寿路街道"]
    assert mine["rows"][0] == district_row


def test_planned_inspections_come_from_the_inspection_plans(towns):  # noqa: F811
    d = towns["d"]
    planning = d.planning()
    sites = {s["name"]: s["id"] for s in d.sites()}
    rounds = [planning.create_plan(f"2025年第{n}轮监督检查计划", "year", "2025") for n in (1, 2)]
    next_year = planning.create_plan("2026年监督检查计划", "year", "2026")
    for name, days in (
        ("上海恒达餐饮有限公司", ("2025-03-01", "2025-06-01")),
        ("上海顺发五金厂", ("2025-04-01", None)),
        ("上海万里物流有限公司", ("2025-05-01", "2026-01-10")),
    ):
        for plan, day in zip((rounds[0], next_year if day_is_2026(days[1]) else rounds[1]), days, strict=True):
            planning.add_sites(plan, [sites[name]], target_date=date.fromisoformat(day) if day else None)
    rows = _by_town(d.district_stats(TODAY, "2025-01-01", "2025-12-31"))
    assert rows["长寿路街道"]["planned"] == 4 and rows["万里街道"]["planned"] == 1
    assert rows["长寿路街道"]["rates"]["inspections"] == pytest.approx(3 / 4)
    assert rows["万里街道"]["rates"]["inspections"] == 1.0  # done beyond the plan counts as complete, not 100%+


def day_is_2026(day: str | None) -> bool:
    return bool(day) and day.startswith("2026")


def test_the_weighting_is_editable_and_checked(towns):  # noqa: F811
    d = towns["d"]
    d.set_assessment_weights({"tasks": 0, "listed": 0})
    b = _by_town(d.district_stats(TODAY, "2025-01-01", "2025-12-31"))["万里街道"]
    assert b["score"] == 100.0  # only 整改率 and 逾期控制 count now, both complete
    with pytest.raises(RuleError):
        d.set_assessment_weights({"rectification": 120})
    with pytest.raises(RuleError):
        d.set_assessment_weights(dict.fromkeys(assessment.INDICATORS, 0))
    assert d.assessment_weights()["tasks"] == 0


def test_campaign_progress(towns):  # noqa: F811
    d = towns["d"]
    p = d.campaign_progress(towns["gas"], TODAY)
    assert (p["inspections"], p["sites_checked"], p["target_sites"]) == (2, 2, 3)
    assert (p["findings"], p["major"], p["rectified"], p["overdue"]) == (4, 2, 2, 1)  # a2, a3, b1, b2
    assert p["rectification_rate"] == pytest.approx(2 / 4) and p["coverage"] == pytest.approx(2 / 3)
    assert {t["town"]: (t["sites"], t["findings"]) for t in p["by_town"]} == {"长寿路街道": (1, 2), "万里街道": (1, 2)}
    assert towns["a"].campaign_progress(towns["gas"], TODAY)["findings"] == 2  # the town's own part
    listed = d.finding_rows(d.finding_rowids(FindingFilter(campaign=towns["gas"]), TODAY))
    assert sorted(r["site"] for r in listed.values()) == ["上海万里物流有限公司"] * 2 + ["上海顺发五金厂"] * 2


def test_a_town_cannot_create_or_edit_a_campaign(towns):  # noqa: F811
    with pytest.raises(RuleError, match="区里发布"):
        towns["a"].save_campaign({"name": "自拟专项"})
    with pytest.raises(RuleError, match="区里发布"):
        towns["a"].save_campaign({"name": "改名"}, towns["gas"])
