"""A hand-computed fixture of two towns and their district, built through the services and merged through the
sync exactly as the towns' packages would arrive; the district's figures, report and page are checked against it.

Fixture (period 2025, today 2025-07-01):
- 长寿路街道: sites A1, A2; inspections A1 03-10, A1 04-12, A2 04-20 (the last in the campaign);
  findings a1 一般 found 03-10 rectified; a2 一般 04-20 (campaign) deadline 05-01, open → overdue;
  a3 重大 04-20 deadline 09-30 under 挂牌督办 (the town's own flag), open; a4 一般 2024-12-20 (outside the period).
- 万里街道: site B1; inspection 05-06 (campaign); b1 重大 05-06 rectified, 挂牌督办 by the district's event;
  b2 一般 05-06 rectified.
- The district's work plan: task 1 (区应急局、各街镇), task 2 (长寿路街道), task 3 (区消防救援支队): 长寿路街道 must do
  tasks 1 and 2 and completed 1; 万里街道 must do task 1 and has not completed it.
"""

from __future__ import annotations

from datetime import date

import pytest

from inspector import workflow as wf
from tests.sync.conftest import send, world  # noqa: F401  (world: the two towns and the district, trusted)

TODAY = date(2025, 7, 1)
TWO = ["林志明", "王建国"]
PLAN = dict.fromkeys(wf.PLAN_PARTS, "按方案落实")
WORKPLAN = """普陀区安委会关于2025年安全生产工作的意见

普安委〔2025〕1号

一、重点任务

1. 开展燃气安全隐患排查整治。（区应急局、各街镇）

2. 推进老旧小区消防设施改造。（长寿路街道）

3. 组织消防宣传月活动。（区消防救援支队）
"""


def rectify(town, finding: str, ordered: date, passed: date) -> None:
    town.act(finding, wf.Event(wf.ORDER_ISSUED, ordered, {"deadline": passed}))
    town.act(finding, wf.Event(wf.RECHECK, passed, {"passed": True, "inspectors": TWO}))


def order(town, finding: str, on: date, deadline: date) -> None:
    town.act(finding, wf.Event(wf.ORDER_ISSUED, on, {"deadline": deadline}))


def finding(town, site: str, inspection: str, on: date, deadline: date, grade: str = "一般", **kw) -> str:
    return town.record_finding(
        description=f"{grade}隐患 {on}",
        grade=grade,
        found_on=on,
        deadline=deadline,
        site_id=site,
        inspection_id=inspection,
        plan=PLAN if grade == "重大" else None,
        **kw,
    )


@pytest.fixture
def towns(world, tmp_path):  # noqa: F811  (the fixture imported above)
    a, b, d = world["a"], world["b"], world["d"]
    (tmp_path / "plan.txt").write_text(WORKPLAN, encoding="utf-8")
    plan = d.import_document(tmp_path / "plan.txt").checklist_id
    gas = d.save_campaign(
        {
            "name": "2025年燃气安全专项整治",
            "starts_on": "2025-04-01",
            "ends_on": "2025-06-30",
            "issuer": "普陀区安委办",
            "criteria": {"towns": ["长寿路街道", "万里街道"]},
        }
    )
    for n, town in enumerate((a, b)):
        send(d, town, town.sync().identity()["name"], tmp_path, f"publish{n}", full=True)
    ids = _town_a(a, gas, plan)
    ids |= _town_b(b, gas, plan)
    send(a, d, "普陀区应急局", tmp_path, "a")
    send(b, d, "普陀区应急局", tmp_path, "b")
    d.supervise(ids["b1"], date(2025, 5, 8), "区级挂牌督办")
    return {"a": a, "b": b, "d": d, "gas": gas, "plan": plan, **ids}


def _task(town, plan: str, number: str) -> str:
    return next(i["id"] for i in town.checklist_items(plan) if i["number"] == number)


def _town_a(a, gas: str, plan: str) -> dict[str, str]:
    a1 = a.add_site(name="上海恒达餐饮有限公司", town="长寿路街道")
    a2 = a.add_site(name="上海顺发五金厂", town="长寿路街道")
    i1 = a.start_inspection(a1, None, type="日常", started_at="2025-03-10T09:00")
    a.start_inspection(a1, None, type="复查", started_at="2025-04-12T09:00")
    i3 = a.start_inspection(a2, None, type="专项", campaign_id=gas, started_at="2025-04-20T09:00")
    a1f = finding(a, a1, i1, date(2025, 3, 10), date(2025, 4, 10))
    rectify(a, a1f, date(2025, 3, 11), date(2025, 4, 5))
    a2f = finding(a, a2, i3, date(2025, 4, 20), date(2025, 5, 1), campaign_id=gas)
    order(a, a2f, date(2025, 4, 21), date(2025, 5, 1))
    finding(a, a2, i3, date(2025, 4, 20), date(2025, 9, 30), "重大", listed_supervision=1, campaign_id=gas)
    finding(a, a1, i1, date(2024, 12, 20), date(2025, 1, 20))
    a.save_task_progress(_task(a, plan, "1"), status="已完成", closing_note="已完成排查")
    a.save_task_progress(_task(a, plan, "2"), status="推进中")
    return {"a2": a2f}


def _town_b(b, gas: str, plan: str) -> dict[str, str]:
    b1 = b.add_site(name="上海万里物流有限公司", town="万里街道")
    i1 = b.start_inspection(b1, None, type="专项", campaign_id=gas, started_at="2025-05-06T14:00")
    b1f = finding(b, b1, i1, date(2025, 5, 6), date(2025, 6, 30), "重大", campaign_id=gas)
    rectify(b, b1f, date(2025, 5, 7), date(2025, 6, 20))
    b2f = finding(b, b1, i1, date(2025, 5, 6), date(2025, 6, 1), campaign_id=gas)
    rectify(b, b2f, date(2025, 5, 7), date(2025, 5, 30))
    b.save_task_progress(_task(b, plan, "1"), status="推进中")
    return {"b1": b1f}
