"""The case forms after the 2021 national formats, read back from the PDF and the .docx as a reader would."""

from __future__ import annotations

import pytest
from docx import Document
from pypdf import PdfReader

from inspector.errors import InspectorError
from inspector.reports import forms
from inspector.reports.wording import basis_of, basis_sentences, problem_of
from inspector.services import Services
from inspector.services.demo import build_demo

MM = 72 / 25.4
OFFICERS = [{"name": "林志明", "certificate_no": "31000000001"}, {"name": "沈佳怡", "certificate_no": "31000000002"}]


def order_data(**over) -> dict:
    findings = [
        {"description": "特种作业人员未持证上岗", "item_law": "中华人民共和国安全生产法", "item_article": "第三十条",
         "current_deadline": "2026-07-10", "grade": "一般"},
        {"description": "安全出口锁闭", "legal_basis": "《中华人民共和国消防法》第二十八条",
         "current_deadline": "2026-07-10", "grade": "重大", "location": "二楼"},
        {"description": "未按规定开展安全生产教育和培训", "law": "中华人民共和国安全生产法", "article": "第三十条",
         "current_deadline": "2026-07-10", "grade": "一般"},
    ]
    data = {"kind": "town", "head": "长寿路街道", "number": "（普）应急整改〔2026〕7号",
            "site": {"name": "上海某贸易有限公司"},
            "findings": findings, "deadline": "2026-07-10", "inspectors": OFFICERS, "signatures": {},
            "review_body": "上海市普陀区人民政府", "court": "上海市普陀区人民法院", "date": "2026-06-30"}
    return {**data, **over}


def lines_of(path) -> list[tuple[float, str]]:
    """(height from the page foot, text) of every piece of text on page 1, top first."""
    pieces: list[tuple[float, str]] = []

    def visit(text, cm, tm, _font, _size):
        if text.strip():
            pieces.append((cm[3] * tm[5] + cm[5], text.strip()))

    PdfReader(str(path)).pages[0].extract_text(visitor_text=visit)
    lines: dict[float, str] = {}
    for y, text in pieces:
        lines[round(y)] = lines.get(round(y), "") + text
    return sorted(lines.items(), key=lambda p: -p[0])


def flat(path) -> str:
    return "".join("".join(p.extract_text() for p in PdfReader(str(path)).pages).split())


def test_town_opinion_has_head_line_basis_sentences_signers_receipt_seal_and_copies(tmp_path):
    path = tmp_path / "o.pdf"
    warnings = forms.write("rectification-order", order_data(), path)
    text = flat(path)
    assert text.startswith("长寿路街道限期整改意见书（普）应急整改〔2026〕7号")  # head line above the title
    assert "上述第1、3项问题，依据《中华人民共和国安全生产法》第三十条的规定，请你单位于2026年7月10日前整改完毕" in text
    assert "上述第2项问题，依据《中华人民共和国消防法》第二十八条的规定" in text and "其中第2项为重大事故隐患" in text
    assert "逾期未整改或者整改不到位的，将报区应急管理部门依法处理" in text and "行政复议" not in text
    assert "林志明执法证号：31000000001" in text and "沈佳怡执法证号：31000000002" in text
    assert "被检查单位负责人（签收）" in text and "年月日" in text
    assert "长寿路街道（印章）" in text and "应急管理局" not in text
    assert "本文书一式两份：一份由长寿路街道存档，一份交被检查单位。" in text
    assert not warnings or all("字体" in w or "STSong" in w for w in warnings)


def test_the_seal_area_is_empty_room_above_the_issuer_name(tmp_path):
    path = tmp_path / "s.pdf"
    forms.write("rectification-order", order_data(), path)
    lines = lines_of(path)
    seal = next(i for i, (_y, t) in enumerate(lines) if "（印章）" in t)
    above = lines[seal - 1]
    assert "执法证号" in above[1] or "沈佳怡" in above[1]  # nothing printed between the signers and the seal name
    assert above[0] - lines[seal][0] > 30 * MM


def test_enforcement_order_orders_and_gives_the_appeal_notice(tmp_path):
    path = tmp_path / "e.pdf"
    forms.write("rectification-order", order_data(kind="enforcement", head="普陀区应急管理局"), path)
    text = flat(path)
    assert text.startswith("普陀区应急管理局责令限期整改指令书")
    assert "责令你单位于2026年7月10日前整改完毕" in text and "将依法予以行政处罚" in text
    assert "可以依法在60日内向上海市普陀区人民政府申请行政复议" in text and "6个月内依法向上海市普陀区人民法院" in text
    assert "执法人员（签名）" in text and "普陀区应急管理局（印章）" in text


def test_deadlines_and_bases_group_the_problems_and_a_missing_basis_is_not_invented():
    findings = [{"description": "甲", "current_deadline": "2026-07-01"},
                {"description": "乙", "legal_basis": "消防法", "current_deadline": "2026-07-01"},
                {"description": "丙", "legal_basis": "消防法", "current_deadline": "2026-08-01"}]
    sentences = basis_sentences(findings, None, enforcement=True)
    assert sentences[0].startswith("上述第1项问题，责令你单位于2026年7月1日前")  # no basis recorded: none printed
    assert sentences[1].startswith("上述第2项问题，依据《消防法》的规定") and "7月1日" in sentences[1]
    assert sentences[2].startswith("上述第3项问题") and "8月1日" in sentences[2]
    assert basis_of({"legal_basis": "安全生产法第四十一条"}) == "《安全生产法》第四十一条"
    assert basis_of({"item_law": "《消防法》", "legal_basis": "旧文字"}) == "《消防法》"
    assert problem_of({"description": "", "item_problem": "特种作业人员未持证上岗"}) == "特种作业人员未持证上岗"


def test_record_and_recheck_name_the_officers_and_the_unit_signs(tmp_path):
    data = {"head": "长寿路街道", "number": "（普）应急检记〔2026〕7号",
            "site": {"name": "某公司", "address": "某路1号"},
            "inspection": {"started_at": "2026-06-30T09:05", "ended_at": "2026-06-30T10:40"},
            "inspectors": OFFICERS, "findings": order_data()["findings"], "signatures": {"site": {"refused": True}},
            "date": "2026-06-30"}
    path = tmp_path / "r.pdf"
    warnings = forms.write("inspection-record", data, path)
    text = flat(path)
    assert "我们是长寿路街道的执法人员林志明、沈佳怡，证件号码为31000000001、31000000002" in text
    assert "依据：《中华人民共和国安全生产法》第三十条" in text and "2026年6月30日9时5分至2026年6月30日10时40分" in text
    assert "被检查单位现场负责人（签名）：拒绝签字" in text and "林志明执法证号：31000000001" in text
    assert any("职务" in w for w in warnings)
    recheck = {**data, "order_date": "2026-06-30", "order_number": "（普）应急整改〔2026〕7号",
               "order_title": "限期整改意见书", "passed": data["findings"][:1],
               "failed": [{"description": "安全出口锁闭", "deadline": "2026-08-15"}]}
    path = tmp_path / "c.pdf"
    forms.write("recheck-opinion", recheck, path)
    text = flat(path)
    assert "《限期整改意见书》（文书号：（普）应急整改〔2026〕7号）" in text
    assert "新的整改期限：2026年8月15日前" in text and "被复查单位负责人（签收）" in text
    assert "复查人员（签名）" in text and "长寿路街道（印章）" in text


def test_the_docx_has_the_same_wording_and_layout(tmp_path):
    path = tmp_path / "o.docx"
    forms.write("rectification-order", order_data(kind="enforcement", head="普陀区应急管理局"), path)
    doc = Document(str(path))
    paragraphs = [p.text for p in doc.paragraphs if p.text.strip()]
    assert paragraphs[:3] == ["普陀区应急管理局", "责令限期整改指令书", "（普）应急整改〔2026〕7号"]
    assert doc.paragraphs[1].runs[0].bold and doc.paragraphs[1].alignment == 1  # centred bold title
    body = "".join(paragraphs)
    assert "上述第1、3项问题，依据《中华人民共和国安全生产法》第三十条的规定，责令你单位" in body
    assert "申请行政复议" in body and "普陀区应急管理局（印章）" in body and body.endswith("一份交被检查单位。")
    signers = [[c.text for c in row.cells] for row in doc.tables[0].rows]
    assert signers[0][2:] == ["林志明", "执法证号：31000000001"] and signers[1][2] == "沈佳怡"
    assert doc.tables[1].rows[0].cells[0].text == "被检查单位负责人（签收）："
    footer = doc.sections[0].footer._element.xml
    assert "NUMPAGES" in footer and "PAGE" in footer
    assert round(doc.sections[0].page_width.mm) == 210


def test_the_docx_keeps_signatures_seal_and_date_on_one_page(tmp_path):
    """As the PDF does: from the signatures on, Word may not break the page (each paragraph kept with the next,
    no row split), so the seal and the date never stand alone on a last page."""
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    path = tmp_path / "o.docx"
    forms.write("rectification-order", order_data(kind="enforcement", head="普陀区应急管理局"), path)
    body = [e for e in Document(str(path)).element.body if e.tag != qn("w:sectPr")]
    start = next(n for n, e in enumerate(body) if e.tag == qn("w:tbl") and "林志明" in "".join(e.itertext()))
    paragraphs = [p for e in body[start:] for p in ([e] if e.tag == qn("w:p") else e.iter(qn("w:p")))]
    kept = [Paragraph(p, None).paragraph_format.keep_with_next for p in paragraphs]
    assert kept[:-1] == [True] * (len(kept) - 1) and not kept[-1]
    assert "（印章）" in "".join(Paragraph(p, None).text for p in paragraphs)
    rows = [r for e in body[start:] if e.tag == qn("w:tbl") for r in e.iter(qn("w:tr"))]
    assert rows and all(r.find(qn("w:trPr")).find(qn("w:cantSplit")) is not None for r in rows)
    before = [Paragraph(e, None).paragraph_format.keep_with_next for e in body[:start] if e.tag == qn("w:p")]
    assert not any(before)  # the body of the form still flows over pages


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("forms")
    services = Services.open(folder / "f.db")
    build_demo(services)
    services.set_setting("unit", "普陀区应急管理局")
    services.set_setting("town", "长寿路街道")
    yield services, folder
    services.close()


def test_the_town_seals_its_opinion_and_the_bureau_its_order(demo):
    services, folder = demo
    finding = services.list_records("findings")[0]
    town = services.reports().generate("rectification-order", folder / "t.pdf", finding_id=finding["id"])
    assert flat(town.path).startswith("长寿路街道限期整改意见书") and "长寿路街道（印章）" in flat(town.path)
    services.set_setting("issuer_kind", "enforcement")
    try:
        bureau = services.reports().generate("rectification-order", folder / "b.docx", finding_id=finding["id"])
    finally:
        services.set_setting("issuer_kind", "town")
    text = "".join(p.text for p in Document(str(bureau.path)).paragraphs)
    assert text.startswith("普陀区应急管理局责令限期整改指令书") and "普陀区应急管理局（印章）" in text
    with pytest.raises(InspectorError, match="不能输出 Word"):
        services.reports().generate("ledger", folder / "l.docx")


def test_the_item_s_law_and_problem_fill_in_what_the_finding_lacks(demo):
    services, folder = demo
    finding = next(row for f in services.list_records("findings")
                   if (row := services.store.get("findings", f["id"]))["item_id"])
    services.store.update("checklist_items", finding["item_id"], {"legal_basis": "《中华人民共和国消防法》第二十八条"})
    services.store.update("findings", finding["id"], {"legal_basis": None})
    data = services.reports().rectification_order(finding["id"])
    mine = next(f for f in data["findings"] if f["id"] == finding["id"])
    assert mine["item_legal_basis"] == "《中华人民共和国消防法》第二十八条"
    result = services.reports().generate("rectification-order", folder / "item.pdf", finding_id=finding["id"])
    assert "依据《中华人民共和国消防法》第二十八条的规定" in flat(result.path)
