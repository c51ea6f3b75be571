"""The ledger laid out page by page: every row once, header and “共 N 页 第 M 页” on every page, totals last."""

from __future__ import annotations

import re
from datetime import date

import pytest
from pypdf import PdfReader

from inspector.reports import tables
from inspector.reports.layout import new_render
from inspector.services import Services
from inspector.services.demo import build_scale

TODAY = date(2026, 6, 30)


@pytest.fixture(scope="module")
def ledger(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ledger")
    services = Services.open(folder / "l.db")
    build_scale(services, findings=420, towns=10, today=TODAY, seed=2)
    data = services.reports().ledger()
    services.close()
    return data, folder


def _pages(path) -> list[str]:
    return ["".join(page.extract_text().split()) for page in PdfReader(str(path)).pages]


def test_each_page_has_the_header_and_its_number_out_of_the_total(ledger):
    data, folder = ledger
    path = tables.ledger(data, folder / "l.pdf", new_render(None))
    pages = _pages(path)
    assert len(pages) > 10
    for number, text in enumerate(pages, 1):
        assert f"共{len(pages)}页第{number}页" in text
        assert "统一社会信用代码" in text and "隐患描述" in text
    assert "隐患排查治理台账" in pages[0] and "合计：" not in "".join(pages[:-1])
    assert pages[-1].count("合计：") == 1 and "".join(data["totals"].split()) in pages[-1]


def test_every_row_is_printed_once_in_order(ledger):
    data, folder = ledger
    path = tables.ledger(data, folder / "rows.pdf", new_render(None))
    text = "".join(_pages(path))
    codes = [r["credit_code"] for r in data["rows"]]
    positions = [m.start() for code in dict.fromkeys(codes) for m in re.finditer(re.escape(code), text)]
    assert len(positions) == len(codes)  # no row lost or printed twice (a code per row of its site)
    dates = re.findall(r"\d{4}-\d{2}-\d{2}", text)
    found = [d for d in dates if d in {r["found_on"] for r in data["rows"]}]
    assert found[0] == data["rows"][0]["found_on"]


def test_a_huge_cell_is_cut_not_a_failure_and_the_rest_still_prints(ledger):
    data, folder = ledger
    rows = [dict(r) for r in data["rows"][:30]]
    rows[3]["description"] = "疏散通道堆放杂物" * 600
    rows[4]["site"] = "<b>&amp;" * 50  # markup in a record is text
    path = tables.ledger({**data, "rows": rows, "totals": "合计：隐患 30 条。"}, folder / "huge.pdf",
                         new_render(None))
    pages = _pages(path)
    assert "…" in "".join(pages) and "<b>&amp;" in "".join(pages)
    assert pages[-1].endswith(f"共{len(pages)}页第{len(pages)}页") or f"共{len(pages)}页" in pages[-1]
    assert "合计：隐患30条。" in pages[-1]


def test_an_empty_ledger_is_one_page_with_the_header_and_the_zero_totals(ledger, tmp_path):
    data, _folder = ledger
    path = tables.ledger({**data, "rows": [], "totals": "合计：隐患 0 条，整改率 —。"}, tmp_path / "e.pdf",
                         new_render(None))
    pages = _pages(path)
    assert len(pages) == 1 and "统一社会信用代码" in pages[0] and "共1页第1页" in pages[0] and "整改率—" in pages[0]
