"""Inspection plans: periods, a site once per plan, progress done vs planned within the period, the draw
saved as the plan's inspections to do, and the publication without anything personal."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from inspector.db.plans import SiteFilter
from inspector.errors import RuleError
from inspector.services.plans import period_bounds


@pytest.mark.parametrize("kind, period, bounds", [
    ("year", "2026", (date(2026, 1, 1), date(2026, 12, 31))),
    ("quarter", "2026-Q1", (date(2026, 1, 1), date(2026, 3, 31))),
    ("quarter", "2026-Q4", (date(2026, 10, 1), date(2026, 12, 31))),
    ("month", "2024-02", (date(2024, 2, 1), date(2024, 2, 29))),
])
def test_periods(kind, period, bounds):
    assert period_bounds(kind, period) == bounds


@pytest.mark.parametrize("kind, period", [("quarter", "2026-Q5"), ("month", "2026-13"), ("year", "26"),
                                          ("week", "2026")])
def test_a_wrong_period_is_refused(kind, period):
    with pytest.raises(RuleError, match="写法"):
        period_bounds(kind, period)


@pytest.fixture
def register(services):
    sites = {name: services.add_site(name=name, town=town, industry=industry, risk_level=level)
             for name, town, industry, level in (
                 ("甲化工", "长寿路街道", "化工", "红"), ("乙餐饮", "长寿路街道", "餐饮", "黄"),
                 ("丙机械", "万里街道", "机械", "橙"), ("丁餐饮", "万里街道", "餐饮", "红"),
                 ("戊商贸", "万里街道", "商贸", "蓝"), ("己仓储", "长寿路街道", "仓储", None))}
    people = [services.add_inspector(n, f"3100{k}") for k, n in enumerate(("林志明", "周敏", "沈佳怡"))]
    return services, sites, people


def test_sites_by_level_industry_and_town_and_never_twice(register):
    services, sites, _ = register
    planning = services.planning()
    plan = planning.create_plan("2026年第二季度监督检查计划", "quarter", "2026-Q2")
    assert len(planning.add_by_filter(plan, SiteFilter(levels=("红",)))) == 2
    assert len(planning.add_by_filter(plan, SiteFilter(levels=("红", "橙"), town="万里街道"))) == 1  # 丙 only
    assert len(planning.add_by_filter(plan, SiteFilter(industry="餐饮"))) == 1  # 乙; 丁 is in already
    with pytest.raises(RuleError, match="只能出现一次"):
        planning.add_sites(plan, [sites["戊商贸"], sites["甲化工"]])
    assert {r["site"] for r in planning.progress(plan, date(2026, 4, 1))["rows"]} == {"甲化工", "丁餐饮", "丙机械",
                                                                                       "乙餐饮"}


def test_progress_counts_inspections_within_the_period_only(register):
    services, sites, _ = register
    planning = services.planning()
    plan = planning.create_plan("二季度", "quarter", "2026-Q2")
    planning.add_sites(plan, [sites["甲化工"], sites["乙餐饮"], sites["丙机械"]], target_date=date(2026, 5, 15))
    services.start_inspection(sites["甲化工"], None, started_at="2026-04-20T09:00:00")
    services.start_inspection(sites["乙餐饮"], None, started_at="2026-03-31T09:00:00")  # before the quarter
    services.start_inspection(sites["戊商贸"], None, started_at="2026-04-21T09:00:00")  # not in the plan
    early = planning.progress(plan, date(2026, 5, 1))
    assert (early["planned"], early["done"], early["late"], early["rate"]) == (3, 1, 0, pytest.approx(1 / 3))
    late = planning.progress(plan, date(2026, 5, 16))
    assert late["late"] == 2 and {r["site"] for r in late["rows"] if r["late"]} == {"乙餐饮", "丙机械"}
    listed = {p["id"]: p for p in planning.plans()}[plan]
    assert (listed["planned"], listed["done"]) == (3, 1)
    empty = planning.create_plan("空计划", "month", "2026-05")
    assert planning.progress(empty, date(2026, 5, 1))["rate"] is None  # shown as “—”, never 100%


def test_a_draw_is_saved_as_the_plan_s_inspections_to_do_and_re_runs(register):
    from inspector import draw as dr

    services, sites, people = register
    planning = services.planning()
    planning.add_recusal(people[0], sites["甲化工"], "近亲属在该单位任职")
    plan = planning.create_plan("双随机", "month", "2026-04")
    record = planning.draw(plan, 3, SiteFilter(), datetime(2026, 4, 1, 9, 0))
    assert record["seed"] == "2026-04-01T09:00:00" and dr.verify(record) == []
    rows = planning.progress(plan, date(2026, 4, 2))["rows"]
    assert len(rows) == 3 and all(r["draw_id"] == record["draw_id"] and r["inspector2_id"] for r in rows)
    assert not any(r["site_id"] == sites["甲化工"] and people[0] in (r["inspector1_id"], r["inspector2_id"])
                   for r in rows)
    stored = planning.draws(plan)[0]
    assert dr.verify(dr.read(stored["record"].encode(), "stored")) == []
    second = planning.draw(plan, 3, SiteFilter(), datetime(2026, 4, 2, 9, 0))  # the other three
    assert not {r["site_id"] for r in record["result"]} & {r["site_id"] for r in second["result"]}
    with pytest.raises(RuleError, match="只有 0 家"):
        planning.draw(plan, 1, SiteFilter(), datetime(2026, 4, 3, 9, 0))
    assert planning.progress(plan, date(2026, 4, 3))["planned"] == 6  # the refused draw left nothing


def test_the_publication_says_what_was_found_and_nothing_personal(register):
    from inspector import workflow as wf

    services, sites, _ = register
    for name in sites:
        services.store.update("sites", sites[name], {"legal_rep": "张三", "contact_phone": "13800000000"})
    planning = services.planning()
    plan = planning.create_plan("双随机", "month", "2026-04")
    record = planning.draw(plan, 2, SiteFilter(), datetime(2026, 4, 1, 9, 0))
    first = record["result"][0]["site_id"]
    inspection = services.start_inspection(first, None, started_at="2026-04-10T09:00:00")
    services.record_finding(description="灭火器过期", grade="一般", found_on=date(2026, 4, 10),
                            deadline=date(2026, 4, 20), site_id=first, inspection_id=inspection)
    services.record_finding(description="有限空间未审批", grade="重大", found_on=date(2026, 4, 10),
                            deadline=date(2026, 5, 20), site_id=first, inspection_id=inspection,
                            plan={p: "已制定" for p in wf.PLAN_PARTS})
    rows = planning.publication(plan, date(2026, 4, 30))["rows"]
    assert [r["result"] for r in rows] == ["发现隐患 2 项（重大 1 项），已整改 0 项", "尚未检查"]
    assert rows[0]["date"] == "2026-04-10"
    text = repr(rows)
    for private in ("张三", "13800000000", "林志明", "周敏", "沈佳怡"):
        assert private not in text


def test_only_the_owner_changes_a_plan_and_only_the_district_publishes(register):
    services, sites, _ = register
    planning = services.planning()
    with pytest.raises(RuleError, match="只有区里"):
        planning.create_plan("下发计划", "year", "2026", published=True)
    services.set_setting("role", "district")
    published = planning.create_plan("下发计划", "year", "2026", published=True)
    assert services.store.get("inspection_plans", published)["kind"] == "published"
    services.store.db.execute("UPDATE inspection_plans SET device_id = ? WHERE id = ?",
                              ["00000000-0000-4000-8000-000000000000", published])
    with pytest.raises(RuleError, match="其他设备"):
        planning.add_sites(published, [sites["甲化工"]])


def test_the_plan_table_prints(register, tmp_path):
    import subprocess

    services, _, _ = register
    planning = services.planning()
    plan = planning.create_plan("2026年第二季度监督检查计划", "quarter", "2026-Q2")
    planning.add_by_filter(plan, SiteFilter())
    out = planning.print_plan(plan, tmp_path / "plan.pdf", date(2026, 4, 1))
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True).stdout
    assert "监督检查计划表" in text and "甲化工" in text and "计划检查 6 家" in text
    xlsx = planning.print_plan(plan, tmp_path / "plan.xlsx", date(2026, 4, 1))
    from openpyxl import load_workbook

    sheet = load_workbook(xlsx).active
    assert sheet.cell(1, 2).value == "被检查单位" and sheet.max_row == 7


def test_inspectors_named_by_hand_honour_recusal_too(register):
    services, sites, people = register
    planning = services.planning()
    planning.add_recusal(people[1], sites["乙餐饮"], "曾在该单位任职")
    plan = planning.create_plan("二季度", "quarter", "2026-Q2")
    with pytest.raises(RuleError, match="回避"):
        planning.add_sites(plan, [sites["乙餐饮"]], inspectors=(people[0], people[1]))
    with pytest.raises(RuleError, match="同一人"):
        planning.add_sites(plan, [sites["乙餐饮"]], inspectors=(people[0], people[0]))
    planning.add_sites(plan, [sites["乙餐饮"]], inspectors=(people[0], people[2]))
    assert planning.progress(plan, date(2026, 4, 1))["rows"][0]["inspector2"] == "沈佳怡"


def test_a_campaign_s_targets_choose_the_sites_of_a_plan_and_of_a_draw(register):
    from inspector import draw as dr

    services, sites, _ = register
    services.set_setting("role", "district")  # campaigns are the district's
    catering = services.save_campaign({"name": "2026年餐饮燃气专项整治", "starts_on": "2026-04-01",
                                       "ends_on": "2026-06-30", "criteria": {"industries": ["餐饮"]}})
    listed = services.save_campaign({"name": "2026年重点单位专项", "criteria": {"site_ids": [sites["戊商贸"]]}})
    open_ended = services.save_campaign({"name": "2026年全覆盖检查"})
    planning = services.planning()
    plan = planning.create_plan("2026年第二季度监督检查计划", "quarter", "2026-Q2")
    added = planning.add_by_filter(plan, SiteFilter(campaign_id=catering, town="万里街道"))
    assert [services.store.get("plan_sites", i)["site_id"] for i in added] == [sites["丁餐饮"]]  # criteria AND filter
    assert {s["id"] for s in planning.candidates(SiteFilter(campaign_id=listed))} == {sites["戊商贸"]}
    assert len(planning.candidates(SiteFilter(campaign_id=open_ended))) == len(sites)  # names no target: all
    record = planning.draw(None, 1, SiteFilter(campaign_id=catering), datetime(2026, 4, 1, 9, 0))
    assert record["filters"]["campaign"] == catering and dr.verify(record) == []
    assert {r["site_id"] for r in record["result"]} <= {sites["乙餐饮"], sites["丁餐饮"]}  # the month's own plan
    with pytest.raises(RuleError, match="找不到该专项行动"):
        planning.candidates(SiteFilter(campaign_id="00000000-0000-4000-8000-000000000000"))
