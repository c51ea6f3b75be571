"""Risk grading, plans and draws through the sync: a town's assessments, plans and draws reach the district;
the district's thresholds and published plans reach the towns; and a package cannot create or rewrite what its
sender does not own (docs/sync-format.md)."""

from __future__ import annotations

import json
import uuid
from datetime import date, datetime

import pytest

from inspector.db.plans import SiteFilter
from tests.sync.conftest import send
from tests.sync.forge import forge, row
from tests.sync.test_hostile import refused

NOW = "2026-01-01T00:00:00.000000Z"


def test_a_town_s_assessments_plans_and_draws_reach_the_district(world, tmp_path):
    a, d = world["a"], world["d"]
    sites = [a.add_site(name=f"单位{n}", town="长寿路街道", industry="化工") for n in range(4)]
    people = [a.add_inspector(name, f"3100{n}") for n, name in enumerate(("林志明", "周敏", "沈佳怡"))]
    planning = a.planning()
    planning.assess(sites[0], ["hazchem", "dust"], date(2026, 3, 1), "林志明")
    planning.add_recusal(people[0], sites[1], "近亲属")
    plan = planning.create_plan("二季度", "quarter", "2026-Q2")
    record = planning.draw(plan, 2, SiteFilter(), datetime(2026, 4, 1, 9))
    report = send(a, d, "普陀区应急局", tmp_path, "a1")
    assert not report.refused
    for table, count in (("risk_assessments", 1), ("recusals", 1), ("inspection_plans", 1),
                         ("plan_draws", 1), ("plan_sites", 2)):
        assert report.tables[table]["new"] == count, table
    assert d.store.get("sites", sites[0])["risk_level"] == "红"
    at_district = d.planning().progress(plan, date(2026, 4, 2))
    assert {r["site_id"] for r in at_district["rows"]} == {r["site_id"] for r in record["result"]}


def test_the_district_s_thresholds_and_published_plan_reach_the_towns(world, tmp_path):
    a, d = world["a"], world["d"]
    d.planning().publish_policy({"factors": {"红": 30, "橙": 20, "黄": 10}}, {"红": 1, "橙": 2, "黄": 3, "蓝": 6},
                                date(2026, 1, 2))
    published = d.planning().create_plan("2026年度监督检查计划", "year", "2026", published=True)
    report = send(d, a, "长寿路街道", tmp_path, "d1")
    assert not report.refused and report.tables["risk_policies"]["new"] == 1
    policy = a.planning().policy()
    assert policy["thresholds"]["factors"]["红"] == 30 and policy["frequencies"]["黄"] == 3
    site = a.add_site(name="某餐饮店", industry="餐饮")
    assert a.planning().assess(site, ["crowded"], date(2026, 2, 1))["level"] == "橙"  # 25, by the district's scale
    assert a.store.get("inspection_plans", published)["kind"] == "published"


def _plan(owner, kind="town"):
    return {"id": str(uuid.uuid4()), "created_at": NOW, "updated_at": NOW, "device_id": owner.store.device_id,
            "deleted_at": None, "name": "伪造的计划", "kind": kind, "period_kind": "year", "period": "2026",
            "starts_on": "2026-01-01", "ends_on": "2026-12-31", "checklist_id": None, "criteria": None,
            "issuer": None, "parent_id": None, "notes": None, "sync_meta": None}


def test_a_town_cannot_publish_thresholds_or_a_district_plan(world, tmp_path):
    a, d = world["a"], world["d"]
    policy = {"id": str(uuid.uuid4()), "created_at": NOW, "updated_at": NOW, "device_id": a.store.device_id,
              "deleted_at": None, "thresholds": json.dumps({"factors": {"红": 1000, "橙": 999, "黄": 998}}),
              "frequencies": json.dumps({"红": 36, "橙": 36, "黄": 36, "蓝": 36}), "issued_by": "冒充的区",
              "issued_on": "2026-01-01", "note": None, "sync_meta": None}
    refused(d, forge(a, d, tmp_path / "p.inspx", {"risk_policies": [policy]}), "只有区里可以创建")
    refused(d, forge(a, d, tmp_path / "q.inspx", {"inspection_plans": [_plan(a, "published")]}), "只有区里可以创建")


def test_a_package_cannot_rewrite_what_its_sender_does_not_own(world, tmp_path):
    a, b, d = world["a"], world["b"], world["d"]
    site_b = b.add_site(name="万里某厂", town="万里街道")
    b.planning().assess(site_b, [], date(2026, 3, 1))
    b_plan = b.planning().create_plan("万里二季度", "quarter", "2026-Q2")
    b.planning().add_sites(b_plan, [site_b])
    send(b, d, "普陀区应急局", tmp_path, "b1")
    assessment = d.store.rows("SELECT * FROM risk_assessments")[0]
    raised = {**assessment, "level": "蓝", "updated_at": "2026-01-02T00:00:00.000000Z"}
    refused(d, forge(a, d, tmp_path / "1.inspx", {"risk_assessments": [raised]}), "所有者不是发送方")
    own_on_b_site = {**assessment, "id": str(uuid.uuid4()), "device_id": a.store.device_id, "level": "蓝"}
    refused(d, forge(a, d, tmp_path / "2.inspx", {"risk_assessments": [own_on_b_site]}), "另一台设备")
    b_row = d.store.rows("SELECT * FROM plan_sites")[0]
    into_b_plan = {**b_row, "id": str(uuid.uuid4()), "device_id": a.store.device_id}
    refused(d, forge(a, d, tmp_path / "3.inspx", {"plan_sites": [into_b_plan]}), "另一台设备")
    emptied = {**row(d, "inspection_plans", b_plan), "deleted_at": "2026-01-02T00:00:00.000000Z"}
    refused(d, forge(a, d, tmp_path / "4.inspx", {"inspection_plans": [emptied]}), "所有者不是发送方")


def test_a_town_adopts_the_district_s_published_plan_with_its_criteria(world, tmp_path):
    from inspector.errors import RuleError
    from inspector.services import plans

    a, d = world["a"], world["d"]
    red = a.add_site(name="红单位", risk_level="红")
    a.add_site(name="蓝单位", risk_level="蓝")
    published = d.planning().create_plan("2026年度重点单位检查计划", "year", "2026", published=True,
                                         criteria={"levels": ["红"], "industry": "", "town": ""})
    send(d, a, "长寿路街道", tmp_path, "d1")
    own = a.planning().adopt(published)
    rows = a.planning().progress(own, date(2026, 3, 1))["rows"]
    assert [r["site_id"] for r in rows] == [red] and row(a, "inspection_plans", own)["parent_id"] == published
    with pytest.raises(RuleError, match="已按"):
        a.planning().adopt(published)
    report = send(a, d, "普陀区应急局", tmp_path, "a1")
    assert not report.refused and d.store.get("inspection_plans", own)["parent_id"] == published
    assert plans.criteria_of({"criteria": '{"levels": ["紫", 5], "town": 7}'}) == SiteFilter()
