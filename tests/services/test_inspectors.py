"""The inspectors' register: what is refused (with a message saying what to do), what is kept for ever, and the
helpers behind the walk and the batch orders."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from inspector import workflow as wf
from inspector.errors import RuleError
from inspector.services.batch import deadline_on
from inspector.services.findings import suggested_description

DAY = date(2026, 3, 2)


@pytest.mark.parametrize(("fields", "match"), [
    ({"name": "  "}, "姓名不能为空"), ({"name": "林" * 41}, "姓名过长"),
    ({"name": "林志明", "certificate_no": "31 00"}, "格式不对"),
    ({"name": "林志明", "certificate_no": "<script>"}, "格式不对"),
    ({"name": "林志明", "unit": "单" * 101}, "所属单位过长")])
def test_bad_fields_are_refused_and_nothing_is_kept(services, fields, match):
    with pytest.raises(RuleError, match=match):
        services.save_inspector(fields)
    assert services.inspectors() == []


def test_names_are_cleaned_and_numbers_are_unique(services):
    first = services.save_inspector({"name": " 林 志明 ", "certificate_no": "31001234", "unit": "长寿路街道"})
    assert services.store.get("inspectors", first)["name"] == "林志明"
    with pytest.raises(RuleError, match="已登记为“林志明”"):
        services.save_inspector({"name": "林志民", "certificate_no": "31001234"})
    assert services.save_inspector({"name": "林志明", "certificate_no": "31001234", "unit": "区应急局"}, first) == first
    assert [p["unit"] for p in services.inspectors()] == ["区应急局"]


def test_one_who_rechecked_is_never_deleted_and_a_deactivated_one_is_not_offered(services):
    people = [services.save_inspector({"name": n, "certificate_no": c}) for n, c in
              (("林志明", "31001234"), ("沈佳怡", "31005678"), ("顾海峰", "31009999"))]
    site = services.add_site(name="上海恒达机械有限公司")
    inspection = services.start_inspection(site, None, inspector1_id=people[0], inspector2_id=people[1])
    finding = services.record_finding(description="特种作业人员未持证上岗", grade="一般", found_on=DAY,
                                      deadline=DAY + timedelta(days=15), site_id=site, inspection_id=inspection)
    services.act(finding, wf.Event(wf.ORDER_ISSUED, DAY, {"deadline": DAY + timedelta(days=15)}))
    services.act(finding, wf.Event(wf.FEEDBACK, DAY + timedelta(days=3), {"measures": "已持证"}))
    services.act(finding, wf.Event(wf.RECHECK, DAY + timedelta(days=5),
                                   {"passed": True, "inspectors": [people[1], people[2]]}))
    for person in people:
        with pytest.raises(RuleError, match="不能删除"):
            services.remove_inspector(person)
    services.set_inspector_active(people[2], False)
    assert {p["id"] for p in services.inspectors(active_only=True)} == set(people[:2])
    assert len(services.inspectors()) == 3
    unused = services.save_inspector({"name": "周敏", "certificate_no": "31007777"})
    services.remove_inspector(unused)
    assert unused not in {p["id"] for p in services.inspectors()}


def test_the_suggested_text_is_the_problem_or_names_the_failed_requirement():
    assert suggested_description({"title": "特种作业人员是否持证上岗", "problem": "特种作业人员未持证上岗"}) == \
        "特种作业人员未持证上岗"
    own = suggested_description({"title": "是否安装可燃气体报警装置？", "problem": None})
    assert own == "不符合检查项“是否安装可燃气体报警装置”的要求"


@pytest.mark.parametrize(("deadline", "on", "expected"), [
    ("2026-03-17", DAY, date(2026, 3, 17)),  # issued in time: the deadline set at registration
    ("2026-03-17", date(2026, 3, 20), date(2026, 4, 4)),  # after it: the same 15 days from the order
    (None, DAY, date(2026, 3, 17)),
    ("2026-03-02", date(2026, 3, 10), date(2026, 3, 11))])  # at least one day
def test_a_batch_order_never_sets_a_past_deadline(deadline, on, expected):
    assert deadline_on({"current_deadline": deadline, "found_on": DAY.isoformat()}, on) == expected


def test_an_inspector_registered_on_another_device_is_not_changed_here(services):
    other = services.save_inspector({"name": "顾海峰", "certificate_no": "31009999"})
    with services.store.atomic():  # as if it had arrived in the district's package
        services.store.db.execute("UPDATE inspectors SET device_id = ? WHERE id = ?",
                                  ["00000000-0000-4000-8000-000000000001", other])
    for change in (lambda: services.save_inspector({"name": "顾海锋"}, other),
                   lambda: services.set_inspector_active(other, False), lambda: services.remove_inspector(other)):
        with pytest.raises(RuleError, match="由其他设备登记"):
            change()
    assert services.store.get("inspectors", other)["name"] == "顾海峰"
