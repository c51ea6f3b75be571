"""The 隐患 page on the demonstration data: filters, two-character search, sorting, rules on the buttons."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt

from inspector import workflow as wf
from inspector.services import Services
from inspector.services.demo import build_demo
from inspector.ui.main_window import MainWindow
from tests.ui.driver import ime_type, settle


@pytest.fixture
def page(qtbot, tmp_path):
    services = Services.open(tmp_path / "f.db")
    build_demo(services)
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    page = window.go("findings")
    settle(qtbot)
    return page


def shown(page) -> list[dict]:
    return [page.model.row(r) for r in range(page.model.rowCount())]


def test_two_character_search_and_filters(qtbot, page):
    everything = len(page.model.rowids)
    assert everything == page.services.stats()["findings"]["total"]
    ime_type(page.search, "通道")
    qtbot.waitUntil(lambda: 0 < len(page.model.rowids) < everything, timeout=3000)
    assert all("通道" in r["description"] or "通道" in (r["location"] or "") for r in shown(page))
    page.search.clear()
    settle(qtbot)
    page.grade.setCurrentIndex(page.grade.findData("重大"))
    settle(qtbot)
    assert shown(page) and all(r["grade"] == "重大" for r in shown(page))
    page.grade.setCurrentIndex(0)
    settle(qtbot)
    page.overdue.setChecked(True)
    settle(qtbot)
    today = date.today().isoformat()
    assert shown(page) and all(r["status"] not in wf.RECTIFIED and r["current_deadline"] < today
                               for r in shown(page))
    assert all(page.model.data(page.model.index(r, 4)).endswith("（逾期）") for r in range(page.model.rowCount()))
    page.overdue.setChecked(False)
    settle(qtbot)
    town = page.town.itemData(1)
    page.town.setCurrentIndex(1)
    settle(qtbot)
    assert shown(page) and all(r["town"] == town for r in shown(page))
    page.town.setCurrentIndex(0)
    settle(qtbot)
    page.status.setCurrentIndex(page.status.findData(wf.CLOSED))
    settle(qtbot)
    assert shown(page) and all(r["status"] == wf.CLOSED for r in shown(page))
    assert page.count.text() == f"共 {len(shown(page))} 条"


def test_sorting_by_deadline_and_buttons_follow_the_rules(qtbot, page):
    header = page.table.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(header.sectionViewportPosition(5) + 10, 5))  # the 整改期限 header
    settle(qtbot)
    deadlines = [r["current_deadline"] or "" for r in shown(page)]
    assert deadlines in (sorted(deadlines), sorted(deadlines, reverse=True))
    page.status.setCurrentIndex(page.status.findData(wf.REGISTERED))
    settle(qtbot)
    page.table.selectRow(0)
    assert page.buttons[wf.ORDER_ISSUED].isEnabled()
    for kind in (wf.CLOSE, wf.RECHECK, wf.REOPEN):
        assert not page.buttons[kind].isEnabled()
        assert "已登记" in page.buttons[kind].toolTip()


def test_from_a_site_file_to_its_findings(qtbot, page):
    window = page.window()
    sites = window.go("sites")
    settle(qtbot)
    sites.table.selectRow(0)
    site = sites.current()
    button = next(b for b in sites.findChildren(type(page.site_button)) if b.text() == "查看该单位隐患")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert window.stack.currentWidget() is page and page.site_button.isVisible()
    assert shown(page) and all(r["site"] == site["name"] for r in shown(page))
    qtbot.mouseClick(page.site_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert len(page.model.rowids) == page.services.stats()["findings"]["total"]


@pytest.mark.parametrize("word", ["消", "灭火器", "通道", "恒达", "无此词"])
def test_a_search_s_first_screen_from_the_head_of_the_list_is_the_start_of_its_full_list(page, monkeypatch, word):
    """The first screen comes from the tokens of the list's first findings, a chunk at a time: it is the start of
    the full result, or None (the index is asked) when the head of the list is too short to tell."""
    from inspector.services import FindingFilter
    from inspector.ui.findings_page import ListHead

    s = page.services
    ordered = s.finding_rowids(FindingFilter(), date.today())
    full = [r for r in ordered if r in s.matching_rowids(word)]
    monkeypatch.setattr(ListHead, "CHUNK", 3)
    for limit in (6, len(ordered)):
        monkeypatch.setattr(ListHead, "LIMIT", limit)
        head = ListHead(ordered)
        first = head.first_matches(s, word, 4)
        if limit == len(ordered) or (len(full[:4]) == 4 and full[3] in ordered[:limit]):
            assert first == full[:4], (word, limit)
        else:
            assert first is None, (word, limit)
        assert len(head.tokens) <= limit
    assert ListHead(ordered).first_matches(s, "", 4) == ordered[:4]
