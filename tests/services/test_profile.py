"""The officer's profile: settings and the officer's own inspector record in step, the set-up as one action,
and a first export that says what is missing instead of an unknown name."""

from __future__ import annotations

import pytest

from inspector.errors import InspectorError, RuleError
from inspector.services import Services
from inspector.services.profile import Profile
from tests.sync.conftest import device


@pytest.fixture
def town(tmp_path):
    services = Services.open(tmp_path / "town.db", seed=False)
    yield services
    services.close()


def test_the_set_up_stores_the_profile_and_one_inspector_record(town):
    assert town.needs_setup()
    own = town.complete_setup(Profile(officer_name=" 林志明 ", certificate_no="31001234", unit="长风新村街道办事处",
                                      town="长风新村街道", issuer_kind="enforcement", doc_prefix="（普）长风"))
    assert not town.needs_setup()
    assert town.store.get("inspectors", own)["name"] == "林志明"
    assert town.store.setting("issuer_kind") == "enforcement" and town.store.actor == "林志明"
    town.set_setting("certificate_no", "31009999")
    assert [(p["id"], p["certificate_no"]) for p in town.inspectors()] == [(own, "31009999")]
    town.complete_setup(town.officer_profile())  # run again from 设置: still one record
    assert len(town.inspectors()) == 1


def test_the_officer_is_listed_first_and_a_hand_made_record_is_adopted(town):
    town.add_inspector("阿明", "310")
    earlier = town.add_inspector("林志明", "")
    own = town.complete_setup(Profile(officer_name="林志明", certificate_no="31001234"))
    assert own == earlier
    assert [p["name"] for p in town.inspectors()] == ["林志明", "阿明"]


@pytest.mark.parametrize("profile, words", [(Profile(officer_name="  "), "姓名"),
                                            (Profile(officer_name="林志明", issuer_kind="bureau"), "发文机关"),
                                            (Profile(officer_name="林" * 101), "过长")])
def test_a_profile_that_cannot_be_used_is_refused_and_nothing_kept(town, profile, words):
    with pytest.raises(RuleError, match=words):
        town.complete_setup(profile)
    assert town.needs_setup() and town.inspectors() == []


def test_a_refused_district_file_keeps_nothing_of_the_set_up(town):
    own_identity = town.sync().identity()  # this laptop's own file chosen by mistake
    with pytest.raises(InspectorError, match="本机自己"):
        town.complete_setup(Profile(officer_name="林志明"), own_identity)
    assert town.store.setting("officer_name") is None and town.inspectors() == [] and town.needs_setup()


def test_skipping_is_remembered(town):
    town.skip_setup()
    assert not town.needs_setup()


def test_a_first_export_says_what_is_missing(town, tmp_path):
    with pytest.raises(RuleError) as refused:
        town.sync().export("普陀区应急局", tmp_path / "x.inspx")
    assert "还没有登记任何对方设备" in refused.value.message and "首次设置" in refused.value.hint
    district = device(tmp_path / "district.db", "区应急局一号机", "district")
    district.set_setting("unit", "普陀区应急局")
    town.complete_setup(Profile(officer_name="林志明", town="长风新村街道"), district.sync().identity())
    with pytest.raises(RuleError, match="已登记：区应急局一号机"):
        town.sync().export("静安区应急局", tmp_path / "x.inspx")
    assert town.sync().export("普陀区应急局", tmp_path / "x.inspx")["seq"] == 1  # found by its unit
    district.close()
