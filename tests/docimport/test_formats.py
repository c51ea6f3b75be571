"""The same documents as .docx (with and without Word numbering), as PDF, and in other encodings."""

from __future__ import annotations

import zipfile

import pytest

from inspector.docimport import parse_file
from tests.conftest import seed_path
from tests.docimport.test_seeds import DOCS
from tests.docimport.writers import write_docx, write_docx_table, write_pdf


def outline_shape(outline):
    return [(n.kind, n.number, n.title, [u.name for u in n.units], n.deadline) for n in outline.items]


def text_of(name: str) -> str:
    return seed_path(name).read_text(encoding="utf-8")


@pytest.mark.parametrize("name", DOCS)
def test_docx_gives_the_same_outline(tmp_path, name):
    original = parse_file(seed_path(name))
    docx_outline = parse_file(write_docx(text_of(name), tmp_path / "plan.docx"))
    assert outline_shape(docx_outline) == outline_shape(original)
    assert docx_outline.meta == original.meta


def test_docx_with_real_word_numbering(tmp_path):
    name = "2017_jingan_gongzuoyijian.txt"
    path = write_docx(text_of(name), tmp_path / "numbered.docx", word_numbering=True)
    with zipfile.ZipFile(path) as zf:
        body = zf.read("word/document.xml").decode("utf-8")
    assert "w:numPr" in body and "<w:t>一、" not in body  # the numbers exist only as Word numbering
    outline = parse_file(path)
    original = parse_file(seed_path(name))
    # Word generates 一、二、三、四、 where the source mixed 2、 3、 by mistake
    assert [n.number for n in outline.items if n.kind == "section"] == ["一、", "二、", "三、", "四、"]
    assert [n.title for n in outline.tasks()] == [n.title for n in original.tasks()]


@pytest.mark.parametrize("name", ["2023_putuo_gongzuoyijian.txt", "2021_shanghai_anweihui_gongzuoyijian.txt",
                                  "2019_shanghai_jingxinwei_gongzuoyijian.txt"])
def test_pdf_with_page_numbers_gives_the_same_outline(tmp_path, name):
    original = parse_file(seed_path(name))
    pdf = parse_file(write_pdf(text_of(name), tmp_path / "plan.pdf"))
    assert outline_shape(pdf) == outline_shape(original)
    assert "— 2 —" not in pdf.text and "普陀区安全生产委员会文件" not in pdf.text


def test_word_table_is_read_by_its_headers(tmp_path):
    rows = [["序号", "主要任务", "牵头单位", "配合单位", "完成时限"],
            ["1", "开展燃气安全排查", "区建管委", "各街镇 区市场监管局", "6月底前"],
            ["2", "消防通道整治", "区消防救援支队", "/", "年底前"]]
    outline = parse_file(write_docx_table(rows, tmp_path / "table.docx", "重点任务分解表"))
    table = outline.tables[0]
    assert table.title == "重点任务分解表"
    assert table.rows[0]["配合单位"] == ["各街镇", "区市场监管局"]
    assert table.rows[1]["配合单位"] == []
    assert table.rows[1]["完成时限"] == "年底前"


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "utf-8-sig"])
def test_text_encodings_are_detected_from_the_bytes(tmp_path, encoding):
    name = "2023_putuo_gongzuoyijian.txt"
    path = tmp_path / "plan.md"  # the extension says nothing about the encoding
    path.write_bytes(text_of(name).encode(encoding, errors="replace"))
    outline = parse_file(path)
    assert outline.meta.doc_no == "普安委〔2023〕4号"
    assert len(outline.tasks()) == 45


def test_markdown_table_and_pipe_table(tmp_path):
    text = ("一、重点任务\n\n1. 开展排查。（区应急局）\n\n任务清单\n\n| 序号 | 重点任务 | 责任单位 | 配合单位 |\n"
            "| --- | --- | --- | --- |\n| 1 | 开展排查 | 区应急局 | 各街镇 |\n")
    path = tmp_path / "t.md"
    path.write_text(text, encoding="utf-8")
    table = parse_file(path).tables[0]
    assert table.title == "任务清单"
    assert table.rows == [{"序号": "1", "重点任务": "开展排查", "责任单位": ["区应急局"], "配合单位": ["各街镇"],
                          "task_index": 1}]
