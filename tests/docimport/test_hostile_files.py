"""Hostile spreadsheets of a few kilobytes that cost hours or gigabytes: a merged range over a whole task-list
sheet, and a site register that declares itself 16,384 columns wide. Each is refused (or read) with bounded time
and memory, with a clear message, and the database stays as it was."""

from __future__ import annotations

import re
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from inspector.db.sync import dump
from inspector.docimport import parse_file
from inspector.errors import ImportFailed
from inspector.services import Services


def _xlsx(path: Path, rows: list[list[str]], edit) -> Path:
    """An .xlsx of ``rows`` whose first sheet's XML is passed through ``edit`` (bytes → bytes)."""
    book = Workbook()
    for r in rows:
        book.active.append(r)
    plain = path.with_suffix(".plain.xlsx")
    book.save(plain)
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info.filename)
            out.writestr(info, edit(data) if info.filename == "xl/worksheets/sheet1.xml" else data)
    plain.unlink()
    return path


def _merge(ref: str):
    return lambda xml: xml.replace(b"</sheetData>", b'</sheetData><mergeCells count="1"><mergeCell ref="'
                                   + ref.encode() + b'"/></mergeCells>')


TASKS = [["序号", "重点任务", "责任单位"], ["1", "开展隐患排查治理。", "区应急局、各街镇"]]


@pytest.mark.parametrize("ref", ["A1:XFD1048576", "D10:Z40000"])
def test_a_merged_range_over_a_whole_sheet_is_refused_at_once(tmp_path, ref):
    path = _xlsx(tmp_path / "tasks.xlsx", TASKS, _merge(ref))
    start = time.perf_counter()
    with pytest.raises(ImportFailed, match="合并的单元格过多") as info:
        parse_file(path)
    assert time.perf_counter() - start < 3 and "tasks.xlsx" in info.value.message and info.value.hint


def test_a_task_list_with_an_ordinary_merged_title_still_reads(tmp_path):
    rows = [["普陀区2026年安全生产重点任务分解表", "", ""], *TASKS]
    path = _xlsx(tmp_path / "tasks.xlsx", rows, _merge("A1:C1"))
    outline = parse_file(path)
    assert [t.text for t in outline.tasks()] == ["开展隐患排查治理。"]


def _wide(xml: bytes) -> bytes:
    return re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', xml)


def test_a_site_register_declared_16384_columns_wide_is_read_in_bounded_memory(tmp_path):
    services = Services.open(tmp_path / "x.db", seed=False)
    rows = [["单位名称", "地址"], *([f"上海第{k}餐饮有限公司", f"某路{k}号"] for k in range(300))]
    path = _xlsx(tmp_path / "sites.xlsx", rows, _wide)
    tracemalloc.start()
    try:
        assert services.import_sites(path) == {"added": 300, "updated": 0}
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
        services.close()
    assert peak < 20 * 1024**2  # 300 rows of 16,384 cells each were some 40 MB, and grew with every row


def test_a_site_register_with_too_many_rows_is_refused_and_nothing_saved(tmp_path, monkeypatch):
    from inspector.services import sites

    services = Services.open(tmp_path / "x.db", seed=False)
    monkeypatch.setattr(sites, "MAX_ROWS", 5)
    rows = [["单位名称"], *([f"单位{k}"] for k in range(10))]
    path = _xlsx(tmp_path / "sites.xlsx", rows, lambda xml: xml)
    before = dump(services.store)
    with pytest.raises(ImportFailed, match="超过 5 行") as info:
        services.import_sites(path)
    assert "拆分" in info.value.hint and dump(services.store) == before
    monkeypatch.setattr(sites, "MAX_SHEET_XML", 100)
    with pytest.raises(ImportFailed, match="表格过大"):
        services.import_sites(path)
    assert dump(services.store) == before
    services.close()


def test_a_site_register_keeps_the_sheet_s_row_numbers_in_its_errors(tmp_path):
    services = Services.open(tmp_path / "x.db", seed=False)
    rows = [["单位名称", "统一社会信用代码"], ["甲", ""], ["", ""], ["乙", "123"]]
    path = _xlsx(tmp_path / "sites.xlsx", rows, lambda xml: xml)
    with pytest.raises(ImportFailed, match="第 4 行"):
        services.import_sites(path)
    services.close()


def test_a_folder_named_as_a_work_plan_is_refused_as_a_folder(tmp_path):
    folder = tmp_path / "工作要点.docx"
    folder.mkdir()
    with pytest.raises(ImportFailed, match="是一个文件夹") as info:
        parse_file(folder)
    assert ".docx" in info.value.hint
