"""Every document kind generated from the demonstration data, read back as a reader would."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from datetime import date

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from inspector import workflow as wf
from inspector.reports.tables import LEDGER_COLUMNS, PROGRESS_COLUMNS
from inspector.services import Services
from inspector.services.demo import build_demo
from inspector.services.tasks import ALL_WORK_PLANS

TODAY = date(2026, 6, 30)  # the one day the documents are dated by


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    """The demonstration database, built once; each test gets its own copy (tests number forms, add photos and
    change settings)."""
    folder = tmp_path_factory.mktemp("reports")
    services = Services.open(folder / "r.db")
    build_demo(services, today=TODAY)
    services.set_setting("unit", "普陀区应急管理局")
    services.set_setting("doc_prefix", "（普）应急")
    services.close()
    return folder / "r.db"


@pytest.fixture
def demo(demo_file, tmp_path):
    from inspector.paths import attachments_dir

    copy = tmp_path / "r.db"
    with sqlite3.connect(demo_file) as source, sqlite3.connect(copy) as target:
        source.backup(target)  # the online backup API: never the file copied byte for byte
    source.close()
    target.close()
    if attachments_dir(demo_file).exists():
        shutil.copytree(attachments_dir(demo_file), attachments_dir(copy))
    services = Services.open(copy)
    services.today = lambda: TODAY
    yield services, tmp_path
    services.close()


def text_of(path) -> str:
    """The PDF's text with all white space removed (extraction breaks lines where the page wraps them)."""
    return "".join("".join(page.extract_text() for page in PdfReader(str(path)).pages).split())


def ids(services):
    findings = services.list_records("findings")
    major = next(f for f in findings if f["grade"] == "重大" and f["status"] == wf.CLOSED)
    failed = next(f for f in findings if f["status"] == wf.RECHECK_FAILED)
    return major, failed


def test_inspection_record(demo):
    services, folder = demo
    inspection = services.inspections()[0]
    result = services.reports().generate("inspection-record", folder / "rec.pdf", inspection_id=inspection["id"])
    text = text_of(result.path)
    assert "现场检查记录" in text and "（普）应急检记〔2026〕" in text and result.number in text
    assert "".join(inspection["site"].split()) in text and "普陀区应急管理局的执法人员" in text
    assert "检查人员（签名）" in text and "被检查单位现场负责人（签名）" in text
    assert "共1页第1页" in text
    assert any("职务" in w for w in result.warnings)  # a blank field is shown and reported


def test_order_and_recheck_share_the_case_number_and_reprints_keep_it(demo):
    services, folder = demo
    _, failed = ids(services)
    reports = services.reports()
    order = reports.generate("rectification-order", folder / "order.pdf", finding_id=failed["id"])
    again = reports.generate("rectification-order", folder / "order2.pdf", finding_id=failed["id"])
    recheck = reports.generate("recheck-opinion", folder / "recheck.pdf", finding_id=failed["id"])
    assert order.number == again.number and "整改〔" in order.number
    assert order.number.split("〕")[1] == recheck.number.split("〕")[1]  # the same case number
    text = text_of(order.path)
    assert "限期整改意见书" in text and "经查，你单位存在下列问题" in text and "（以下空白）" in text
    assert "将报区应急管理部门依法处理" in text and "本文书一式两份" in text
    recheck_text = text_of(recheck.path)
    assert order.number in recheck_text and "未整改合格" in recheck_text and "新的整改期限" in recheck_text


def test_enforcement_body_prints_the_order_with_the_appeal_notice(demo):
    services, folder = demo
    _, failed = ids(services)
    services.set_setting("issuer_kind", "enforcement")
    try:
        result = services.reports().generate("rectification-order", folder / "enf.pdf", finding_id=failed["id"])
    finally:
        services.set_setting("issuer_kind", "town")
    text = text_of(result.path)
    assert "责令限期整改指令书" in text and "责改〔" in result.number
    assert "60日内" in text and "6个月内" in text and "行政复议" in text


def test_numbers_are_never_reused(demo):
    services, _ = demo
    reports = services.reports()
    site = services.sites()[0]["id"]  # two new cases (the demo's orders were numbered when issued)
    first_case, second_case = (services.start_inspection(site, None) for _ in range(2))
    a = reports.number(first_case, "检记")
    services.store.delete("doc_numbers", services.store.rows(
        "SELECT id FROM doc_numbers WHERE case_id = ?", [first_case])[0]["id"])
    b = reports.number(second_case, "检记")
    assert int(b.split("〕")[1].rstrip("号")) > int(a.split("〕")[1].rstrip("号"))


def test_major_hazard_record_with_plan_and_history(demo):
    services, folder = demo
    major, _ = ids(services)
    result = services.reports().generate("major-hazard", folder / "major.pdf", finding_id=major["id"])
    text = text_of(result.path)
    for word in ("重大事故隐患治理情况记录", "挂牌督办", "目标和任务", "安全措施和应急预案", "销号", "复查"):
        assert word in text, word


def test_ledger_pdf_and_excel(demo):
    services, folder = demo
    reports = services.reports()
    pdf = reports.generate("ledger", folder / "ledger.pdf")
    text = text_of(pdf.path)
    total = services.stats()["findings"]["total"]
    assert "隐患排查治理台账" in text and f"合计：隐患{total}条" in text and "整改率" in text
    pages = len(PdfReader(str(pdf.path)).pages)
    assert pages > 1 and f"共{pages}页第{pages}页" in text
    assert text.count("统一社会信用") == pages  # the header row repeats on every page
    xlsx = reports.generate("ledger", folder / "ledger.xlsx")
    sheet = load_workbook(xlsx.path).active
    assert [c.value for c in sheet[1]] == [c[1] for c in LEDGER_COLUMNS]
    assert sheet.max_row == total + 1
    assert isinstance(sheet["B2"].value, __import__("datetime").datetime)  # dates stay dates


def test_ledger_filters(demo):
    services, _ = demo
    town = services.towns()[0]
    data = services.reports().ledger(town=town, grade="一般")
    assert data["rows"] and all(r["town"] == town and r["grade"] == "一般" for r in data["rows"])
    assert town in data["scope"]
    empty = services.reports().ledger(town="不存在的街道")
    assert "整改率 —" in empty["totals"]


def test_task_progress_and_site_file_and_statistics(demo):
    services, folder = demo
    putuo = next(c for c in services.checklists("workplan") if "普陀" in c["name"])
    task = next(i for i in services.checklist_items(putuo["id"]) if i["kind"] == "task")
    services.save_task_progress(task["id"], q1="已部署", closing_note="已完成专题学习", status="已完成")
    reports = services.reports()
    progress = reports.generate("task-progress", folder / "progress.pdf", checklist_id=putuo["id"])
    text = text_of(progress.path)
    assert "任务落实情况表" in text and "普安委〔2023〕4号" in text and "已完成专题学习" in text
    sheet = load_workbook(reports.generate("task-progress", folder / "p.xlsx", checklist_id=putuo["id"]).path).active
    assert [c.value for c in sheet[1]] == [c[1] for c in PROGRESS_COLUMNS] and sheet.max_row == 46
    site = services.sites()[0]
    site_text = text_of(reports.generate("site-file", folder / "site.pdf", site_id=site["id"]).path)
    assert "一企一档" in site_text and site["name"] in site_text and "检查记录" in site_text
    stats = reports.generate("statistics", folder / "stats.pdf", date_from="2000-01-01", date_to="2099-12-31")
    stats_text = text_of(stats.path)
    assert "合计" in stats_text and "整改率" in stats_text and services.towns()[0] in stats_text


def test_all_work_plans_progress_holds_the_towns_share_of_every_current_plan(services, tmp_path):
    plans = {"a.txt": "普陀区2025年安全生产工作要点\n\n一、重点任务\n\n1. 开展燃气安全排查。（各街镇）\n\n"
                      "2. 改造老旧小区消防设施。（长寿路街道）\n\n3. 组织消防宣传月。（区消防救援支队）\n",
             "b.txt": "普陀区2025年消防工作意见\n\n一、工作任务\n\n"
                      "1. 整治电动自行车停放充电。（长寿路街道、区应急局）\n\n2. 清理楼道堆物。（万里街道）\n"}
    ids = []
    for name, text in plans.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        ids.append(services.import_document(tmp_path / name).checklist_id)
    first = next(i for i in services.checklist_items(ids[0]) if i["number"] == "1")
    services.save_task_progress(first["id"], status="已完成", closing_note="已完成排查")
    reports = services.reports()
    everything = reports.task_progress(ALL_WORK_PLANS)  # no town set: every task of every plan
    assert everything["totals"].startswith("共 5 项任务，已完成 1 项")
    services.set_setting("town", "长寿路街道")
    mine = reports.task_progress(ALL_WORK_PLANS)
    titles = [r["title"] for r in mine["rows"]]
    assert titles == ["【普陀区2025年安全生产工作要点】", "开展燃气安全排查", "改造老旧小区消防设施",
                      "【普陀区2025年消防工作意见】", "整治电动自行车停放充电"]
    assert mine["rows"][0]["number"] == "" and mine["rows"][1]["status"] == "已完成"
    assert mine["title"] == "长寿路街道全部工作任务" and mine["totals"].startswith("共 3 项任务，已完成 1 项")
    sheet = load_workbook(reports.generate("task-progress", tmp_path / "all.xlsx", checklist_id=ALL_WORK_PLANS).path)
    assert sheet.active.max_row == 1 + 5
    text = text_of(reports.generate("task-progress", tmp_path / "all.pdf", checklist_id=ALL_WORK_PLANS).path)
    assert "长寿路街道全部工作任务" in text and "清理楼道堆物" not in text and "已完成排查" in text


def test_cjk_font_is_embedded_and_the_fallback_works(demo, monkeypatch):
    services, folder = demo
    inspection = services.inspections()[0]["id"]
    path = services.reports().generate("inspection-record", folder / "font.pdf", inspection_id=inspection).path
    if shutil.which("pdffonts"):
        fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
        cjk = [line for line in fonts.splitlines() if "TrueType" in line]
        assert cjk and all(" yes " in line for line in cjk)
    from inspector.reports import fonts

    monkeypatch.setattr(fonts, "FONT_DIRS", [])
    fallback = services.reports().generate("inspection-record", folder / "fallback.pdf", inspection_id=inspection)
    assert any("STSong-Light" in w for w in fallback.warnings)
    assert "现场检查记录" in text_of(fallback.path)


def test_a_font_that_cannot_be_embedded_falls_back_with_a_warning(demo, tmp_path):
    services, _ = demo
    bad = tmp_path / "broken.ttf"
    bad.write_bytes(b"not a font")
    result = services.reports().generate("inspection-record", tmp_path / "x.pdf", font_file=str(bad),
                                         inspection_id=services.inspections()[0]["id"])
    assert any("broken.ttf" in w for w in result.warnings)


def test_missing_photo_is_reported_and_left_out(demo, tmp_path):
    services, _ = demo
    major, _ = ids(services)
    photo = tmp_path / "现场.png"
    from PIL import Image

    Image.new("RGB", (200, 150), "red").save(photo)
    services.add_photo(photo, "findings", major["id"], role="before")
    report = next(a for a in services.attachments_of("findings", major["id"]) if a["role"] == "before:report")
    services.attachment_path(report["sha256"]).unlink()
    result = services.reports().generate("major-hazard", tmp_path / "m.pdf", finding_id=major["id"])
    assert any("图片文件缺失" in w for w in result.warnings)


def test_unknown_kind_and_missing_id_are_clear_errors(demo, tmp_path):
    from inspector.errors import InspectorError

    services, _ = demo
    with pytest.raises(InspectorError, match="需要指定 --finding"):
        services.reports().generate("rectification-order", tmp_path / "x.pdf")
    with pytest.raises(InspectorError, match="只能输出 PDF"):
        services.reports().generate("inspection-record", tmp_path / "x.xlsx",
                                    inspection_id=services.inspections()[0]["id"])


def test_a_long_ledger_reports_progress_and_can_be_cancelled(demo, tmp_path):
    from inspector.errors import InspectorError

    services, _ = demo
    seen = []
    result = services.reports().generate("ledger", tmp_path / "l.pdf", progress=lambda p, t: seen.append(p))
    assert result.path.exists() and seen and seen == sorted(seen)
    with pytest.raises(InspectorError, match="已取消"):
        services.reports().generate("ledger", tmp_path / "c.pdf", cancelled=lambda: True)
    assert not (tmp_path / "c.pdf").exists()
