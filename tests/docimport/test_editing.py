"""Corrections in the import preview: merge, split, promote, demote, units and deadlines typed by hand."""

from __future__ import annotations

import pytest

from inspector.docimport import editing, parse_text

TEXT = """一、加强安全管理

（一）压实责任

1. 开展隐患排查。年底前完成。（区应急局、各街镇）

2. 落实整改措施。每月26日前报送进展。（区建管委）

3. 加强宣传培训。（区委宣传部）
"""


def outline():
    return parse_text(TEXT)


def test_parsed_shape():
    o = outline()
    assert [(n.kind, n.number) for n in o.items] == [("section", "一、"), ("subsection", "（一）"),
                                                     ("task", "1"), ("task", "2"), ("task", "3")]
    assert o.items[3].deadline_rule == "monthly:26"


def test_merge_keeps_text_and_units_of_both():
    o = outline()
    editing.merge_with_next(o, 2)
    assert len(o.tasks()) == 2
    merged = o.items[2]
    assert "落实整改措施" in merged.text and [u.name for u in merged.units] == ["区应急局", "各街镇", "区建管委"]
    assert o.items[3].number == "3" and o.items[3].parent == 1


def test_split_at_the_first_sentence():
    o = outline()
    new = editing.split(o, 2)
    assert o.items[2].text == "开展隐患排查。" and o.items[new].text == "年底前完成。"
    assert o.items[new].parent == 1 and [u.name for u in o.items[new].units] == ["区应急局", "各街镇"]
    with pytest.raises(ValueError, match="无法拆分"):
        editing.split(o, new)


def test_demote_and_promote_round_trip():
    o = outline()
    editing.demote(o, 3)
    assert o.items[3].kind == "subtask" and o.items[3].parent == 2
    editing.promote(o, 3)
    assert o.items[3].kind == "task" and o.items[3].parent == 1
    with pytest.raises(ValueError, match="无法降级"):
        editing.demote(o, 2)


def test_units_and_deadline_typed_by_hand():
    o = outline()
    task = o.items[4]
    editing.set_units(task, "区委宣传部 区文旅局", "各街镇")
    assert [(u.name, u.role) for u in task.units] == [("区委宣传部", "lead"), ("区文旅局", "lead"),
                                                       ("各街镇", "support")]
    editing.set_deadline(task, "6月底前", 2024)
    assert task.deadline == "2024-06-30"
    editing.set_deadline(task, "2024-09-30", 2024)
    assert task.deadline == "2024-09-30"
    with pytest.raises(ValueError, match="无法识别期限"):
        editing.set_deadline(task, "尽快", 2024)


@pytest.mark.parametrize(("text", "iso"), [("2021 年 7月 10 前", "2021-07-10"), ("6月底前", "2023-06-30"),
                                           ("年底前", "2023-12-31"), ("上半年", "2023-06-30"),
                                           ("3月15日前", "2023-03-15"), ("2024年2月底前", "2024-02-29")])
def test_deadline_words(text, iso):
    from inspector.docimport.deadlines import find_deadline

    found = find_deadline(f"请于{text}完成", 2023)
    assert found.date == iso and found.text.startswith(text.split("前")[0].strip()[:2])
