"""Unit parentheses: labels and roles, a unit's own brackets, brackets that are not units."""

from __future__ import annotations

from inspector.docimport.units import canonical, parse_unit_list, split_trailing_units


def test_labels_give_roles():
    text, units = split_trailing_units("开展燃气安全排查。（牵头单位：区建管委；配合单位：各街镇、区市场监管局）")
    assert text == "开展燃气安全排查。"
    assert [(u.name, u.role) for u in units] == [("区建管委", "lead"), ("各街镇", "support"),
                                                  ("区市场监管局", "support")]


def test_a_units_own_brackets_are_kept_and_inner_brackets_are_left_alone():
    _, units = split_trailing_units("加强治理协同。（区安委会各专委会（办）牵头部门、各街镇）")
    assert [u.name for u in units] == ["区安委会各专委会（办）牵头部门", "各街镇"]
    text, units = split_trailing_units("推动各级党委（党组）落实责任。")
    assert units is None and text == "推动各级党委（党组）落实责任。"
    assert split_trailing_units("鼓励研发安全（应急）技术")[1] is None


def test_separators_and_widths():
    units = parse_unit_list("区应急局，区消防救援支队 各街镇;区房管局")
    assert [u.name for u in units] == ["区应急局", "区消防救援支队", "各街镇", "区房管局"]
    assert canonical("区 应急管理局") == "区应急局" and canonical("ＡＢ委") == "AB委"


def test_a_parenthesis_of_ordinary_words_is_not_a_unit_list():
    assert parse_unit_list("2021年修订") == []
    assert parse_unit_list("试行") == []


def test_credit_codes_of_real_enterprises_validate():
    from inspector.creditcode import is_valid

    for code in ("91110000802100433B", "91310000607206953D", "914403001922038216"):
        assert is_valid(code)
    assert not is_valid("91310000607206953E") and not is_valid("9131000060720695") and not is_valid("")


def test_units_written_two_ways_are_offered_not_merged():
    from inspector.docimport import parse_text
    from inspector.docimport.unitmatch import rename_units, similar_units

    outline = parse_text("一、整治\n\n1. 开展排查。（区文旅局、区应急局）\n\n"
                         "2. 开展检查。（区文化旅游局、区卫生健康委）\n\n3. 开展宣传。（区人民政府办公室）\n")
    offers = similar_units(outline, ["区府办", "区卫生健康委员会", "区应急局"])
    assert [(o.name, o.known) for o in offers] == [  # 区应急局 is known as written: not offered
        ("区人民政府办公室", "区府办"), ("区卫生健康委", "区卫生健康委员会"), ("区文旅局", "区文化旅游局")]
    assert [u.name for u in outline.tasks()[0].units] == ["区文旅局", "区应急局"]  # nothing changed yet
    assert rename_units(outline, "区文旅局", "区文化旅游局") == 1
    assert [u.name for u in outline.tasks()[0].units] == ["区文化旅游局", "区应急局"]
