"""Excel exports: text that looks like a formula stays text in every export; dates stay dates."""

from __future__ import annotations

import zipfile
from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from inspector.reports import tables
from inspector.reports.excel import text_cell, write_table
from inspector.services import Services

HOSTILE = ["=1+1", "=HYPERLINK(\"http://x\",\"点我\")", "+86 139", "-2+3", "@SUM(A1:A2)", "=cmd|' /C calc'!A0"]


def _formulas(path) -> int:
    """How many formula elements the sheets of the file hold."""
    with zipfile.ZipFile(path) as z:
        return sum(z.read(n).count(b"<f>") + z.read(n).count(b"<f ") for n in z.namelist()
                   if n.startswith("xl/worksheets/"))


def _values(path) -> list[list]:
    return [list(r) for r in load_workbook(path).active.iter_rows(values_only=True)]


def test_text_cell_keeps_every_kind_of_value(tmp_path):
    rows = [[v, 3, 2.5, "2026-03-31", "2026-3-31", None] for v in HOSTILE]
    path = tmp_path / "t.xlsx"
    assert write_table(path, "表", ["文字", "整数", "小数", "日期", "不是日期", "空"], [10] * 6, rows) == len(rows)
    assert _formulas(path) == 0
    values = _values(path)
    assert [r[0] for r in values[1:]] == HOSTILE
    assert values[1][1:] == [3, 2.5, datetime(2026, 3, 31), "2026-3-31", None]
    sheet = load_workbook(path).active
    assert sheet.freeze_panes == "A2" and sheet["A1"].font.bold and sheet.column_dimensions["A"].width == 10


def test_a_cell_is_a_string_even_when_openpyxl_would_make_a_formula():
    from openpyxl import Workbook

    sheet = Workbook(write_only=True).create_sheet("x")
    assert text_cell(sheet, "=1+1").data_type == "s"
    assert text_cell(sheet, 7).data_type == "n"
    assert isinstance(text_cell(sheet, "2026-01-02").value, date)


@pytest.fixture
def hostile_district(tmp_path):
    services = Services.open(tmp_path / "x.db")
    for n, text in enumerate(HOSTILE):
        site = services.add_site(name=f"{text}单位{n}", town=text)
        services.record_finding(description=text, grade="一般", found_on=date(2026, 3, n + 1),
                                deadline=date(2026, 4, 1), site_id=site, location=text)
    yield services
    services.close()


def test_ledger_statistics_and_sites_exports_write_no_formula(hostile_district, tmp_path):
    services = hostile_district
    reports = services.reports()
    ledger = reports.generate("ledger", tmp_path / "l.xlsx").path
    stats = reports.generate("statistics", tmp_path / "s.xlsx", date_from="2026-01-01", date_to="2026-12-31").path
    services.export_sites(tmp_path / "sites.xlsx")
    for path in (ledger, stats, tmp_path / "sites.xlsx"):
        assert _formulas(path) == 0, path.name
    assert {r[7] for r in _values(ledger)[1:]} == set(HOSTILE)  # 隐患描述
    assert set(HOSTILE) <= {r[0] for r in _values(stats)[1:]}  # 街镇
    assert {r[4] for r in _values(tmp_path / "sites.xlsx")[1:]} == set(HOSTILE)


def test_progress_export_writes_no_formula(tmp_path):
    rows = [{key: HOSTILE[n % len(HOSTILE)] for key, *_ in tables.PROGRESS_COLUMNS} for n in range(8)]
    path = tables.excel(tables.PROGRESS_COLUMNS, rows, tmp_path / "p.xlsx", "task-progress")
    assert _formulas(path) == 0
    assert _values(path)[1][1] == HOSTILE[0]
