"""Templates are edited in place until used; then saving makes a new version and old inspections keep theirs."""

from __future__ import annotations

import pytest

from inspector.errors import RuleError


def test_template_in_use_is_versioned_not_changed(services):
    tpl = services.save_template("电动自行车充电场所", [
        {"title": "是否设置集中充电设施", "legal_basis": "《上海市非机动车安全管理条例》", "default_days": 15},
        {"title": "是否在楼道内充电", "default_grade": "一般", "default_days": 3}])
    same = services.save_template("电动自行车充电场所", [{"title": "是否设置集中充电设施", "default_days": 10}], tpl)
    assert same == tpl and len(services.checklist_items(tpl)) == 1  # unused: edited in place
    site = services.add_site(name="上海明珠公寓")
    inspection = services.start_inspection(site, tpl)
    services.record_result(inspection, services.checklist_items(tpl)[0]["id"], "符合")
    newer = services.save_template("电动自行车充电场所", [
        {"title": "是否设置集中充电设施", "default_days": 10}, {"title": "充电区是否设置烟感", "default_days": 7}], tpl)
    assert newer != tpl
    assert [i["title"] for i in services.checklist_items(tpl)] == ["是否设置集中充电设施"]
    assert len(services.checklist_items(newer)) == 2
    listed = [c for c in services.checklists("template") if c["name"] == "电动自行车充电场所"]
    assert [(c["id"], c["version"]) for c in listed] == [(newer, 2)]


@pytest.mark.parametrize(("items", "match"), [([], "至少"), ([{"title": "x", "default_grade": "特别"}], "等级"),
                                              ([{"title": "x", "default_days": "三天"}], "不是数字"),
                                              ([{"title": "x", "default_days": 900}], "365")])
def test_bad_templates_are_refused(services, items, match):
    with pytest.raises(RuleError, match=match):
        services.save_template("测试表", items)
    assert services.checklists("template") == []


def test_a_built_in_or_published_template_is_never_changed_in_place(tmp_path):
    from inspector.services import Services

    services = Services.open(tmp_path / "seeded.db")
    builtin = next(c for c in services.checklists("template"))
    saved = services.save_template("我的版本", [{"title": "新的检查项"}], builtin["id"])
    assert saved != builtin["id"] and services.store.get("checklists", builtin["id"])["name"] == builtin["name"]
    assert services.store.get("checklists", saved)["previous_id"] == builtin["id"]
    services.close()
