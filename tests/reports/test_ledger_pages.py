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


def test_credit_codes_and_dates_stay_on_one_line_and_unit_names_take_at_most_two(ledger):
    from reportlab.platypus import Paragraph

    from inspector.reports.ledger_pdf import PAD_X

    data, folder = ledger
    render = new_render(None)
    path = tables.ledger(data, folder / "w.pdf", render)
    raw = "".join(page.extract_text() for page in PdfReader(str(path)).pages)
    assert all(r["credit_code"] in raw for r in data["rows"])  # a code broken over two lines has a newline in it
    assert all(r["found_on"] in raw and r["deadline"] in raw for r in data["rows"] if r["deadline"])
    shape = tables.ledger_geometry(data["rows"], render)
    keys = [c[0] for c in tables.LEDGER_COLUMNS]
    site_width = shape.widths[keys.index("site")] - 2 * PAD_X
    for r in data["rows"]:
        _w, h = Paragraph(r["site"], shape.style).wrap(site_width, 1e6)
        assert h <= 2 * shape.style.leading, r["site"]
    assert abs(sum(shape.widths) - tables.LEDGER_WIDTH) < 0.01
    assert shape.widths[keys.index("description")] == max(shape.widths)


def test_a_narrow_page_takes_a_smaller_font_and_the_sample_is_bounded(ledger):
    from inspector.reports.ledger_columns import SAMPLE, geometry, sample

    data, _ = ledger
    render = new_render(None)
    small, head = render.styles["small"], render.styles["head"]
    wide = geometry(tables.LEDGER_COLUMNS, data["rows"], tables.LEDGER_WIDTH * 1.2, small, head)
    narrow = geometry(tables.LEDGER_COLUMNS, data["rows"], tables.LEDGER_WIDTH * 0.85, small, head)
    assert narrow.style.fontSize < wide.style.fontSize
    rows = list(range(100_000))
    picked = sample(rows)
    assert len(picked) <= SAMPLE and picked[0] == 0 and picked[-1] > 99_000


def test_scope_footer_and_the_order_number_typed_at_issue(tmp_path):
    from inspector import workflow as wf

    services = Services.open(tmp_path / "s.db")
    build_scale(services, findings=30, towns=2, today=TODAY, seed=3)
    services.set_setting("officer_name", "林志明")
    reports = services.reports()
    assert reports.ledger()["scope"] == "发现日期：全部"
    assert reports.ledger("2026-01-01", "2026-06-30")["scope"] == "发现日期：2026-01-01 至 2026-06-30"
    assert reports.ledger(None, "2026-06-30")["scope"].startswith("发现日期：截至 2026-06-30")
    fresh = services.record_finding(description="安全出口锁闭", grade="一般", found_on=date(2026, 6, 1),
                                    site_id=services.sites()[0]["id"])
    services.act(fresh, wf.Event(wf.ORDER_ISSUED, date(2026, 6, 2), {"deadline": date(2026, 6, 20),
                                                                    "doc_no": "（普）应急整改〔2026〕99号"}))
    row = next(r for r in reports.ledger()["rows"] if r["description"] == "安全出口锁闭")
    assert row["doc_no"] == "（普）应急整改〔2026〕99号"
    path = reports.generate("ledger", tmp_path / "l.pdf").path
    last = _pages(path)[-1]
    assert "填表人：林志明" in last and "审核人：" in last and "填报日期：" in last
    assert "（普）应急整改〔2026〕99号" in "".join(_pages(path))
    services.close()
