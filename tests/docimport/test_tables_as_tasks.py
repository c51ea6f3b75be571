"""Task tables in every form an issuer sends them: each row a task with its units (roles) and deadline."""

from __future__ import annotations

import shutil

import pytest

from inspector.docimport import parse_file
from tests.docimport import builders

HEADER = ["序号", "重点工作", "具体措施", "责任领导", "牵头单位", "配合单位", "完成时限"]
ROWS = [
    HEADER,
    ["一、压实安全生产责任", "", "", "", "", "", ""],
    ["1", "落实党政领导责任", "制定党政领导干部安全生产职责清单", "张三", "区委组织部", "区应急局", "2024年3月底前"],
    ["2", "落实党政领导责任", "开展安全生产述职评议", "张三", "区应急局", "各街镇", "年底前"],
    ["二、深化燃气消防整治", "", "", "", "", "", ""],
    ["3", "燃气安全整治", "餐饮场所安装可燃气体报警装置", "李四", "区建管委牵头，区市场监管局配合", "", "6月30日前"],
    ["4", "消防安全整治", "建设电动自行车集中充电设施", "李四", "区消防救援支队", "区房管局、各街镇", "长期坚持"],
]


def shape(outline):
    return [(t.number, t.text, [(u.name, u.role) for u in t.units], t.deadline, t.deadline_text)
            for t in outline.tasks()]


def check_rows(outline, year=2024):
    tasks = shape(outline)
    assert [t[0] for t in tasks] == ["1", "2", "3", "4"]
    assert tasks[0] == ("1", "制定党政领导干部安全生产职责清单", [("区委组织部", "lead"), ("区应急局", "support")],
                        f"{year}-03-31", "2024年3月底前")
    assert tasks[2][2] == [("区建管委", "lead"), ("区市场监管局", "support")]
    assert tasks[3][2] == [("区消防救援支队", "lead"), ("区房管局", "support"), ("各街镇", "support")]
    assert tasks[3][3] is None and tasks[3][4] == "长期坚持"
    sections = [n.title for n in outline.items if n.kind == "section"]
    assert sections == ["压实安全生产责任", "深化燃气消防整治"]
    subs = [n for n in outline.items if n.kind == "subsection"]
    assert [s.title for s in subs] == ["落实党政领导责任", "燃气安全整治", "消防安全整治"]
    first, second = outline.tasks()[:2]
    assert first.parent == second.parent  # the 重点工作 cell merged down is one parent


def test_word_table_with_merged_cells(tmp_path):
    path = builders.docx_with_table(
        tmp_path / "分解表.docx", ["XX区2024年安全生产重点工作任务分解表"], ROWS,
        merges=[(1, 0, 1, 6), (4, 0, 4, 6), (2, 1, 3, 1), (2, 3, 3, 3), (5, 3, 6, 3)])
    outline = parse_file(path)
    check_rows(outline)
    assert outline.meta.title == "XX区2024年安全生产重点工作任务分解表" and not outline.warnings


def test_excel_sheet_with_a_title_row_and_merged_cells(tmp_path):
    title = ["XX区2024年安全生产重点工作任务分解表", "", "", "", "", "", ""]
    merged = [row[:] for row in ROWS]
    merged[3][1] = merged[3][3] = merged[6][3] = ""  # merged down: only the first cell holds the words
    path = builders.xlsx(tmp_path / "tasks.xlsx", {"任务分解": [title, *merged]},
                         {"任务分解": ["A1:G1", "A3:G3", "A6:G6", "B4:B5", "D4:D5", "D7:D8"]})
    outline = parse_file(path)
    check_rows(outline)
    assert outline.tables[0].title == "XX区2024年安全生产重点工作任务分解表"


def test_an_xlsx_named_docx_is_read_as_excel(tmp_path):
    path = builders.xlsx(tmp_path / "任务.docx", {"Sheet1": [["序号", "主要任务", "责任单位", "完成时限"],
                                                          ["1", "开展有限空间专项检查", "区应急局", "2024年5月底前"]]})
    outline = parse_file(path)
    assert shape(outline) == [("1", "开展有限空间专项检查", [("区应急局", "lead")], "2024-05-31", "2024年5月底前")]


def test_sheet_without_a_task_header_warns(tmp_path):
    path = builders.xlsx(tmp_path / "x.xlsx", {"Sheet1": [["姓名", "电话"], ["张三", "123"]]})
    outline = parse_file(path)
    assert not outline.tasks() and any("表头" in w for w in outline.warnings)


def test_pdf_with_a_ruled_table_over_several_pages(tmp_path):
    rows = [["序号", "主要任务", "牵头单位", "配合单位", "完成时限"]] + [
        [str(i), f"开展第{i}批燃气安全隐患排查整治，落实企业主体责任，建立问题清单和整改清单", "区应急局",
         "各街镇、区市场监管局", "2024年6月底前"] for i in range(1, 20)]
    path = builders.pdf_with_ruled_table(tmp_path / "附件.pdf", ["附件", "2024年安全生产重点任务分解表"], rows,
                                         col_widths=[30, 200, 80, 100, 70])
    outline = parse_file(path)
    tasks = outline.tasks()
    assert [t.number for t in tasks] == [str(i) for i in range(1, 20)]
    assert tasks[17].text == "开展第18批燃气安全隐患排查整治，落实企业主体责任，建立问题清单和整改清单"
    assert [(u.name, u.role) for u in tasks[0].units] == [("区应急局", "lead"), ("各街镇", "support"),
                                                          ("区市场监管局", "support")]
    assert all(t.deadline == "2024-06-30" for t in tasks)
    assert outline.tables[0].title == "2024年安全生产重点任务分解表"
    assert "开展第1批" not in outline.text  # table cells stay out of the body text


def test_pdf_ruled_table_with_spanned_group_and_leader_cells(tmp_path):
    rows = [HEADER[:1] + HEADER[2:], ["一、压实安全生产责任", "", "", "", "", ""],
            ["1", "制定党政领导干部安全生产职责清单", "张三", "区委组织部", "区应急局", "3月底前"],
            ["2", "开展安全生产述职评议", "", "区应急局", "各街镇", "年底前"]]
    path = builders.pdf_with_ruled_table(tmp_path / "t.pdf", ["2024年重点工作任务清单"], rows,
                                         spans=[((0, 1), (5, 1)), ((2, 2), (2, 3))],
                                         col_widths=[30, 170, 50, 80, 80, 60])
    outline = parse_file(path)
    assert [n.title for n in outline.items if n.kind == "section"] == ["压实安全生产责任"]
    assert [t.number for t in outline.tasks()] == ["1", "2"]
    table = outline.tables[0]
    assert [r["责任领导"] for r in table.rows] == [["张三"], ["张三"]]  # the leader cell spans both rows
    assert [(u.name, u.role) for u in outline.tasks()[1].units] == [("区应急局", "lead"), ("各街镇", "support")]


@pytest.mark.parametrize("sep", ["\t", " | "])
def test_text_table_copied_from_a_web_page(tmp_path, sep):
    lines = ["关于印发2024年安全生产工作任务清单的通知", "", sep.join(["序号", "工作内容", "责任单位", "时间节点"])]
    lines += [sep.join(["1", "开展危险化学品企业专项检查", "区应急局牵头，区生态环境局配合", "2024年9月底前"]),
              sep.join(["2", "推进“九小场所”消防安全整治", "区消防救援支队、各街镇", "年底前"])]
    if sep != "\t":
        lines = [f"| {ln} |" if "|" in ln else ln for ln in lines]
    path = tmp_path / "list.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    outline = parse_file(path)
    assert shape(outline) == [
        ("1", "开展危险化学品企业专项检查", [("区应急局", "lead"), ("区生态环境局", "support")], "2024-09-30",
         "2024年9月底前"),
        ("2", "推进“九小场所”消防安全整治", [("区消防救援支队", "lead"), ("各街镇", "lead")], "2024-12-31", "年底前")]


def test_an_appendix_table_that_repeats_the_body_stays_a_table():
    from inspector.docimport import parse_text

    text = ("一、重点任务\n\n1. 开展燃气安全排查。（区建管委）\n\n2. 推进消防通道整治。（区消防救援支队）\n\n附件\n\n"
            "重点任务清单\n\n序号\t重点任务\t责任单位\n1\t开展燃气安全排查\t区建管委\n2\t推进消防通道整治\t区消防救援支队\n")
    outline = parse_text(text)
    assert len(outline.tasks()) == 2 and [r["task_index"] for r in outline.tables[0].rows] == [1, 2]


def test_an_appendix_table_of_new_tasks_adds_them():
    from inspector.docimport import parse_text

    text = ("一、总体要求\n\n坚持人民至上、生命至上。\n\n二、工作要求\n\n各单位要加强组织领导。\n\n"
            "附件\n\n任务分解表\n\n序号\t主要任务\t牵头单位\t配合单位\n1\t开展燃气安全排查\t区建管委\t各街镇\n"
            "2\t推进消防通道整治\t区消防救援支队\t区公安分局\n")
    outline = parse_text(text)
    table_tasks = [t for t in outline.tasks() if t.text.startswith(("开展燃气", "推进消防"))]
    assert [(t.number, [(u.name, u.role) for u in t.units]) for t in table_tasks] == [
        ("1", [("区建管委", "lead"), ("各街镇", "support")]),
        ("2", [("区消防救援支队", "lead"), ("区公安分局", "support")])]
    assert outline.items[table_tasks[0].parent].title == "任务分解表"


def test_ofd_is_read_in_reading_order(tmp_path):
    page1 = ["XX区安全生产委员会文件", "普安委〔2024〕3号", "XX区2024年安全生产工作要点", "一、压实安全责任",
             "1. 落实党政领导干部安全生产责任制。（区委组织部牵头，区应急局配合）",
             "2. 开展安全生产述职评议。年底前完成。（区应急局）"]
    page2 = ["二、深化专项整治", "3. 开展燃气安全专项整治。（区建管委负责，各街镇协同）", "XX区安全生产委员会",
             "2024年2月1日"]
    outline = parse_file(builders.ofd(tmp_path / "plan.ofd", [page1, page2]))
    assert outline.meta.doc_no == "普安委〔2024〕3号"
    assert [(t.number, [(u.name, u.role) for u in t.units]) for t in outline.tasks()] == [
        ("1", [("区委组织部", "lead"), ("区应急局", "support")]), ("2", [("区应急局", "lead")]),
        ("3", [("区建管委", "lead"), ("各街镇", "support")])]
    assert outline.tasks()[1].deadline == "2024-12-31"


def test_ofd_table_lines_become_a_task_table(tmp_path):
    page = ["2024年重点工作任务清单", "序号\t主要任务\t责任单位\t完成时限", "1\t开展燃气安全排查\t区建管委\t6月底前",
            "2\t推进消防通道整治\t区消防救援支队\t年底前"]
    outline = parse_file(builders.ofd(tmp_path / "list.ofd", [page]))
    assert [(t.number, t.text, [u.name for u in t.units]) for t in outline.tasks()] == [
        ("1", "开展燃气安全排查", ["区建管委"]), ("2", "推进消防通道整治", ["区消防救援支队"])]


def test_ofd_ruled_table_with_cells_of_several_lines_and_merged_cells(tmp_path):
    """A Word table saved as OFD: the cells are framed by drawn paths and long cells wrap over several lines;
    the rules decide the cells, so a wrapped task stays one task and a merged cell is read for every row."""
    rows = [HEADER[:1] + HEADER[2:], ["一、压实安全生产责任", "", "", "", "", ""],
            ["1", "制定党政领导干部安全生产职责清单并报区委审定", "张三", "区委组织部", "区应急局、区国资委",
             "3月底前"],
            ["2", "开展安全生产述职评议", "", "区应急局", "各街镇", "年底前"]]
    path = builders.ofd_with_ruled_table(tmp_path / "t.ofd", ["2024年重点工作任务清单"], rows,
                                         widths=[12, 60, 18, 28, 30, 22], spans=[((0, 1), (5, 1)), ((2, 2), (2, 3))],
                                         chars=6)
    outline = parse_file(path)
    assert [n.title for n in outline.items if n.kind == "section"] == ["压实安全生产责任"]
    tasks = outline.tasks()
    assert [(t.number, t.text) for t in tasks] == [("1", "制定党政领导干部安全生产职责清单并报区委审定"),
                                                  ("2", "开展安全生产述职评议")]
    assert [(u.name, u.role) for u in tasks[0].units] == [("区委组织部", "lead"), ("区应急局", "support"),
                                                          ("区国资委", "support")]
    assert [r["责任领导"] for r in outline.tables[0].rows] == [["张三"], ["张三"]]
    assert tasks[0].deadline == "2024-03-31" and tasks[1].deadline == "2024-12-31"
    assert outline.tables[0].title == "2024年重点工作任务清单" and "开展安全生产述职" not in outline.text


def test_broken_ofd_and_zip_bomb_are_refused(tmp_path):
    import zipfile

    from inspector.errors import ImportFailed

    bad = tmp_path / "bad.ofd"
    with zipfile.ZipFile(bad, "w") as zf:
        zf.writestr("OFD.xml", "<ofd:OFD xmlns:ofd='x'><ofd:DocBody><ofd:DocRoot>missing.xml</ofd:DocRoot>"
                               "</ofd:DocBody></ofd:OFD>")
    with pytest.raises(ImportFailed, match="OFD"):
        parse_file(bad)
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/workbook.xml", "")
        zf.writestr("xl/big.bin", b"\0" * (700 * 1024 * 1024))
    with pytest.raises(ImportFailed, match="过大"):
        parse_file(bomb)


@pytest.mark.skipif(shutil.which("soffice") is not None, reason="LibreOffice installed")
def test_old_excel_without_libreoffice_says_what_to_do(tmp_path):
    from inspector.errors import ImportFailed

    path = tmp_path / "tasks.et"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "Workbook".encode("utf-16-le") + b"\0" * 600)
    with pytest.raises(ImportFailed, match="Excel") as info:
        parse_file(path)
    assert ".xlsx" in info.value.hint


def test_a_two_row_header_names_the_lead_and_support_columns(tmp_path):
    rows = [["序号", "主要任务", "责任单位", "责任单位", "完成时限"],
            ["", "", "牵头", "配合", ""],
            ["1", "开展燃气安全排查", "区建管委", "各街镇", "6月底前"],
            ["2", "推进消防通道整治", "区消防救援支队", "区公安分局", "9月底前"]]
    path = builders.docx_with_table(tmp_path / "t.docx", ["2024年重点任务分解表"], rows,
                                    merges=[(0, 0, 1, 0), (0, 1, 1, 1), (0, 2, 0, 3), (0, 4, 1, 4)])
    outline = parse_file(path)
    assert [[(u.name, u.role) for u in t.units] for t in outline.tasks()] == [
        [("区建管委", "lead"), ("各街镇", "support")], [("区消防救援支队", "lead"), ("区公安分局", "support")]]
    assert outline.tables[0].columns == ["序号", "主要任务", "牵头", "配合", "完成时限"]
    assert [t.deadline_text for t in outline.tasks()] == ["6月底前", "9月底前"]
