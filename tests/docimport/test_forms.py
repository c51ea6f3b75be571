"""Work plans as other issuers write them: role words in unit groups, labelled unit lines, numbering beyond
一、/（一）/1., web-page copies and cover letters, bold-only headings."""

from __future__ import annotations

import pytest

from inspector.docimport import parse_file, parse_text
from inspector.docimport.unitgroups import parse_group
from tests.docimport import builders


def units(node):
    return [(u.name, u.role) for u in node.units]


@pytest.mark.parametrize(("inner", "expected", "note"), [
    ("区建管委牵头，各街镇、区市场监管局配合",
     [("区建管委", "lead"), ("各街镇", "support"), ("区市场监管局", "support")], ""),
    ("区应急局牵头，区消防救援支队按职责分工负责", [("区应急局", "lead"), ("区消防救援支队", "support")], ""),
    ("区应急局会同区公安分局负责", [("区应急局", "lead"), ("区公安分局", "support")], ""),
    ("区房管局负责，各街镇协同", [("区房管局", "lead"), ("各街镇", "support")], ""),
    ("由区教育局牵头，区公安分局、区卫生健康委参与",
     [("区教育局", "lead"), ("区公安分局", "support"), ("区卫生健康委", "support")], ""),
    ("各街镇负责，区应急局督促指导", [("各街镇", "lead"), ("区应急局", "support")], ""),
    ("各成员单位按职责分工负责", [("各成员单位", "lead")], ""),
    ("牵头单位：区应急局；配合单位：区消防救援支队、各街镇",
     [("区应急局", "lead"), ("区消防救援支队", "support"), ("各街镇", "support")], ""),
    ("【牵头单位】市应急局 【配合单位】市消防救援总队", [("市应急局", "lead"), ("市消防救援总队", "support")], ""),
    ("区应急局牵头，各成员单位按职责分工负责，以下不再一一列出",
     [("区应急局", "lead"), ("各成员单位", "support")], "以下不再一一列出"),
    ("区应急局（牵头）、区消防救援支队、区公安分局",
     [("区应急局", "lead"), ("区消防救援支队", "support"), ("区公安分局", "support")], ""),
    ("区安委会各专委会（办）牵头部门、各街镇", [("区安委会各专委会（办）牵头部门", "lead"), ("各街镇", "lead")], ""),
    ("上海 海事局、市交通委", [("上海海事局", "lead"), ("市交通委", "lead")], ""),
    ("区应急局 区消防救援支队", [("区应急局", "lead"), ("区消防救援支队", "lead")], ""),
])
def test_unit_groups_with_role_words_and_labels(inner, expected, note):
    group = parse_group(inner)
    assert [(u.name, u.role) for u in group.units] == expected
    assert "；".join(group.notes) == note
    assert not any(word in u.name for u in group.units for word in ("配合", "协同", "会同", "按职责", "督促"))


@pytest.mark.parametrize("inner", ["2021年修订", "试行", "重点是加油站、加气站", "含“两客一危”车辆",
                                   "以下简称“三年行动”"])
def test_brackets_that_name_no_unit(inner):
    assert parse_group(inner) is None


def test_labels_carry_the_deadline():
    group = parse_group("责任单位：区应急局；完成时限：2024年6月底前")
    assert [(u.name, u.role) for u in group.units] == [("区应急局", "lead")]
    assert group.deadline_text == "2024年6月底前"


WEB_COPY = """首页 > 政务公开 > 通知公告
索引号：11310107MB2F51234X/2024-00012
发布机构：XX区应急管理局
发文字号：普应急„2024‟12号
发布日期：2024-03-15
字号：大 中 小　打印本页　关闭窗口

XX区应急管理局关于印发《XX区2024年安全生产工作要点》的通知

各街镇、区安委会各成员单位：

现将《XX区2024年安全生产工作要点》印发给你们，请认真贯彻落实。各单位于2024年6月25日前报送半年工作小结。

XX区应急管理局

2024年3月15日

XX区2024年安全生产工作要点

一、压实安全生产责任

1.落实党政领导责任，健全履职清单（区委组织部牵头，区应急局配合）。

2.强化部门监管责任。一是厘清监管边界；二是开展联合执法；三是建立会商机制。（区应急局会同区公安分局负责）

二、深化重点领域整治

3.推进燃气安全整治，完成餐饮场所报警器安装（区建管委牵头，区市场监管局、各街镇按职责分工负责，2024年9月底前完成）。

4.开展消防安全集中整治。
牵头单位：区消防救援支队
配合单位：区房管局、各街镇
完成时限：2024年10月底前

第三部分 保障措施

5.加强执法队伍建设（区应急局负责，各街镇协同）。
"""


def test_web_copy_with_cover_letter():
    outline = parse_text(WEB_COPY)
    assert outline.meta.doc_no == "普应急〔2024〕12号" and outline.meta.title == "XX区2024年安全生产工作要点"
    tasks = outline.tasks()
    assert [t.number for t in tasks] == ["1", "2", "3", "4", "5"]  # the cover letter's 报送 date is no task
    assert units(tasks[0]) == [("区委组织部", "lead"), ("区应急局", "support")]
    assert tasks[0].text == "落实党政领导责任，健全履职清单。"
    assert units(tasks[1]) == [("区应急局", "lead"), ("区公安分局", "support")]
    subs = [n for n in outline.items if n.kind == "subtask"]
    assert [s.number for s in subs] == ["一是", "二是", "三是"] and not any(s.units for s in subs)
    assert units(tasks[2]) == [("区建管委", "lead"), ("区市场监管局", "support"), ("各街镇", "support")]
    assert tasks[2].deadline == "2024-09-30"
    assert tasks[3].text == "开展消防安全集中整治。" and tasks[3].deadline == "2024-10-31"
    assert units(tasks[3]) == [("区消防救援支队", "lead"), ("区房管局", "support"), ("各街镇", "support")]
    sections = [n.title for n in outline.items if n.kind == "section"]
    assert sections == ["压实安全生产责任", "深化重点领域整治", "保障措施"]
    assert units(tasks[4]) == [("区应急局", "lead"), ("各街镇", "support")]


NUMBERING = """一、夯实基础

（1）加强执法队伍建设。（区应急局）

（2）完善应急预案体系，年底前修订完成。（区应急局牵头，各成员单位按职责分工负责）

① 开展应急演练。

② 加强物资储备。

二、强化监管

第一条 建立隐患排查治理制度。（各街镇负责）

第二条 实行重大隐患挂牌督办。（区安委办）

（1）明确督办程序。

三、深化治理

3、开展有限空间专项检查（区应急局）。

4．推进工贸企业安全生产标准化建设。（区应急局、各街镇）
"""


def test_numbering_styles_and_levels():
    outline = parse_text(NUMBERING)
    shape = [(n.kind, n.number) for n in outline.items]
    assert shape == [("section", "一、"), ("task", "1"), ("task", "2"), ("subtask", "①"), ("subtask", "②"),
                     ("section", "二、"), ("task", "第一条"), ("task", "第二条"), ("subtask", "（1）"),
                     ("section", "三、"), ("task", "3"), ("task", "4")]
    tasks = outline.tasks()
    assert units(tasks[1]) == [("区应急局", "lead"), ("各成员单位", "support")] and tasks[1].deadline is None
    assert units(tasks[4]) == [("区应急局", "lead")] and tasks[4].text == "开展有限空间专项检查。"


def test_numbering_running_on_across_sections_and_tasks_under_sections():
    text = ("一、责任体系\n\n1. 健全责任清单。（区应急局）\n\n2. 开展述职评议。（区委组织部）\n\n"
            "二、专项整治\n\n3. 燃气安全整治。（区建管委）\n\n4. 消防安全整治。（区消防救援支队）\n")
    outline = parse_text(text)
    sections = [i for i, n in enumerate(outline.items) if n.kind == "section"]
    assert [(t.number, t.parent) for t in outline.tasks()] == [
        ("1", sections[0]), ("2", sections[0]), ("3", sections[1]), ("4", sections[1])]


def test_bold_headings_without_numbers(tmp_path):
    path = builders.docx_bold_headings(tmp_path / "bold.docx", [
        ("XX街道2024年安全生产工作要点", True), ("为做好今年安全生产工作，制定本要点。", False),
        ("加强组织领导", True), ("落实街道安委会例会制度，每季度召开一次。（街道安委办）", False),
        ("强化网格巡查，发现隐患及时上报。（各居委会）", False),
        ("深化隐患整治", True), ("开展群租房专项整治。（街道城运中心牵头，派出所配合）", False)])
    outline = parse_file(path)
    assert [n.title for n in outline.items if n.kind == "section"] == ["加强组织领导", "深化隐患整治"]
    assert [units(t) for t in outline.tasks()] == [[("街道安委办", "lead")], [("各居委会", "lead")],
                                                  [("街道城运中心", "lead"), ("派出所", "support")]]
    assert outline.meta.title == "XX街道2024年安全生产工作要点"


def test_cli_json_gives_units_with_roles(tmp_path, capsys):
    import json

    from inspector.cli import main

    path = tmp_path / "plan.txt"
    path.write_text(WEB_COPY, encoding="utf-8")
    assert main(["parse", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    first = next(n for n in data["items"] if n["kind"] == "task")
    assert first["units"] == [{"name": "区委组织部", "role": "lead"}, {"name": "区应急局", "role": "support"}]


@pytest.mark.parametrize(("cell", "iso"), [("2024年12月", "2024-12-31"), ("2024-06-30", "2024-06-30"),
                                           ("12月31日", "2024-12-31"), ("2024年", "2024-12-31"),
                                           ("9月底前", "2024-09-30"), ("长期坚持", None), ("2024年3月中旬", None)])
def test_deadline_cells_may_hold_bare_dates(cell, iso):
    from inspector.docimport.deadlines import deadline_of_cell, find_deadline

    found = deadline_of_cell(cell, 2024)
    assert (found.date if found else None) == iso
    if cell in ("2024年12月", "12月31日"):
        assert find_deadline(f"自{cell}起施行", 2024) is None  # in running text a bare date is no deadline


def test_a_deadline_sentence_after_the_unit_bracket():
    text = ("一、专项整治\n\n1. 开展燃气安全整治（区建管委牵头，各街镇配合）。2024年6月底前完成。\n\n"
            "2. 推动各级党委（党组）落实责任，年底前完成。\n\n"
            "3. 开展危化品运输整治。（责任单位：市交通委、市公安局等，完成时限：2024年12月）\n")
    first, second, third = parse_text(text).tasks()
    assert units(first) == [("区建管委", "lead"), ("各街镇", "support")]
    assert first.text == "开展燃气安全整治。2024年6月底前完成。" and first.deadline == "2024-06-30"
    assert second.units == [] and second.text == "推动各级党委（党组）落实责任，年底前完成。"
    assert units(third) == [("市交通委", "lead"), ("市公安局", "lead")] and third.deadline == "2024-12-31"


def test_excel_cells_with_labels_dates_and_several_lines(tmp_path):
    import datetime

    path = builders.xlsx(tmp_path / "t.xlsx", {"Sheet1": [
        ["序号", "工作任务", "责任单位", "完成时间"],
        ["1", "开展有限空间作业专项检查", "牵头：区应急局\n配合：各街镇", datetime.datetime(2024, 5, 31)],
        ["2", "推进电动自行车充电设施建设", "区房管局\n区消防救援支队", "2024年11月"]]})
    first, second = parse_file(path).tasks()
    assert units(first) == [("区应急局", "lead"), ("各街镇", "support")] and first.deadline == "2024-05-31"
    assert units(second) == [("区房管局", "lead"), ("区消防救援支队", "lead")]
    assert second.deadline == "2024-11-30"


COVER_WITH_SECTIONS = """XX区安全生产委员会办公室关于做好2024年安全生产重点工作的通知

各街镇、区有关部门：

现将《XX区2024年安全生产重点工作安排》印发给你们，并提出如下要求：

一、高度重视。各单位要明确分管领导和联络员。

二、按时报送。请于2024年6月25日前报送上半年工作情况，12月20日前报送全年工作总结。

XX区安全生产委员会办公室

2024年3月1日

XX区2024年安全生产重点工作安排

一、压实责任

1. 落实安全生产责任制，健全责任清单和任务清单。（区安委办牵头，各成员单位配合）

2. 开展安全生产述职评议，年底前完成。（区委组织部）

二、专项整治

3. 深化燃气安全专项整治，完成老旧燃气管道更新改造任务。（区建管委负责，各街镇协同）
"""


def test_a_cover_letter_with_sections_of_its_own_is_not_the_plan():
    outline = parse_text(COVER_WITH_SECTIONS)
    assert outline.meta.title == "XX区2024年安全生产重点工作安排" and outline.meta.date == "2024-03-01"
    assert [t.number for t in outline.tasks()] == ["1", "2", "3"]
    assert not any(t.deadline == "2024-06-25" for t in outline.tasks())
    assert [n.title for n in outline.items if n.kind == "section"] == ["压实责任", "专项整治"]
    assert units(outline.tasks()[2]) == [("区建管委", "lead"), ("各街镇", "support")]


def test_an_appendix_plan_does_not_replace_the_body():
    text = ("一、总体要求\n\n1. 坚持人民至上。（区安委办）\n\n2. 坚持系统治理。（区应急局）\n\nXX区安全生产委员会\n\n"
            "2024年3月1日\n\n附件\n\n一、专项方案\n\n开展燃气整治。\n")
    assert [t.number for t in parse_text(text).tasks()] == ["1", "2"]


COUNTY = """XX县人民政府安全生产委员会
XX安委〔2024〕1号

XX县2024年安全生产工作要点

一、强化责任落实

（一）落实党委政府领导责任。严格执行党政领导干部安全生产责任制，年内开展一次专项督查。（县委组织部、县应急管理局，各乡镇（街道））

（二）落实部门监管责任。按照“三个必须”要求，厘清部门监管职责。牵头单位：县应急管理局；配合单位：县安委会各成员单位。

二、深化专项整治

（一）燃气安全

1．开展城镇燃气安全专项整治，2024年9月底前完成隐患整改。（县住建局牵头，县市场监管局、县消防救援大队配合）

2．推进老旧管网改造。（县住建局负责）

（二）消防安全

3．开展高层建筑消防安全治理。（县消防救援大队）
"""


def test_a_county_plan_with_subsection_tasks_and_inline_labels():
    outline = parse_text(COUNTY)
    assert outline.meta.title == "XX县2024年安全生产工作要点" and outline.meta.doc_no == "XX安委〔2024〕1号"
    tasks = outline.tasks()
    assert [t.number for t in tasks] == ["（一）", "（二）", "1", "2", "3"]
    assert units(tasks[0]) == [("县委组织部", "lead"), ("县应急管理局", "lead"), ("各乡镇（街道）", "lead")]
    assert tasks[0].deadline == "2024-12-31"
    assert units(tasks[1]) == [("县应急管理局", "lead"), ("县安委会各成员单位", "support")]
    assert tasks[1].text.endswith("厘清部门监管职责。")
    assert units(tasks[2]) == [("县住建局", "lead"), ("县市场监管局", "support"), ("县消防救援大队", "support")]
    assert [n.title for n in outline.items if n.kind == "subsection"] == ["燃气安全", "消防安全"]
