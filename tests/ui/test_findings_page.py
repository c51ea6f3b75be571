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


def test_a_search_paints_its_first_rows_first_and_the_rest_of_the_batch_needs_no_query_on_the_gui_thread(
        qtbot, page, monkeypatch):
    """Before the first paint the worker reads only the rows a window shows (each one a page of the file); the
    rest of the first batch follows with the full list, so scrolling down through it queries nothing."""
    from inspector.ui import findings_page

    monkeypatch.setattr(findings_page, "FIRST_ROWS", 3)
    page.table.verticalHeader().setDefaultSectionSize(page.table.viewport().height() // 2)  # two rows a screen
    screens: list[dict] = []
    show = page._show_screen
    monkeypatch.setattr(page, "_show_screen", lambda screen, today: (screens.append(screen[2]), show(screen, today)))
    on_gui_thread: list[int] = []
    query = page.services.finding_rows
    monkeypatch.setattr(page.services, "finding_rows", lambda rowids: (on_gui_thread.append(len(rowids)),
                                                                        query(rowids))[1])
    ime_type(page.search, "消防")
    settle(qtbot)
    full = page.model.rowids
    assert len(full) > 3 and len(screens) == 1
    assert sorted(screens[0]) == sorted(full[:3])  # the first paint: three rows, the first one's details with them
    assert page.finding["id"] == page.model.row(0)["id"]
    last = min(len(full), findings_page.BATCH) - 1
    page.table.scrollTo(page.model.index(last, 2))
    page.table.viewport().repaint()
    assert [page.model.row(r)["rowid"] for r in range(last + 1)] == full[:last + 1]
    assert on_gui_thread == []


def test_the_head_of_a_new_list_is_read_whole_after_it_is_shown(qtbot, page, monkeypatch):
    """Every finding a keystroke's first screen may test has its tokens in memory once the list stands, so a rare
    word does not wait for the disk at its keystroke."""
    from inspector.ui.findings_page import ListHead

    monkeypatch.setattr(ListHead, "CHUNK", 4)
    monkeypatch.setattr(ListHead, "PREFETCH", 4)
    monkeypatch.setattr(ListHead, "LIMIT", 10)
    page.grade.setCurrentIndex(page.grade.findData("一般"))  # a new list, read with these sizes
    settle(qtbot)
    head = page.base[2]
    assert len(page.model.rowids) > 10
    assert len(head.tokens) == 10 and head.complete()
    assert head.tokens == [page.services.stored_tokens([r])[r] for r in page.model.rowids[:10]]


def test_filtering_the_full_list_stops_when_a_newer_keystroke_replaced_it():
    from inspector.ui.findings_page import kept

    ordered = list(range(100_000, 0, -1))
    wanted = set(range(0, 100_001, 3)).__contains__
    assert kept(ordered, wanted) == [r for r in ordered if r % 3 == 0]
    calls: list[int] = []
    assert kept(ordered, wanted, stop=lambda: calls.append(1) or len(calls) > 2) is None
    assert len(calls) == 3  # it looked before each slice and stopped at the third


def test_a_keystroke_stops_the_reading_of_the_list_head_so_its_search_has_a_worker(qtbot, page, monkeypatch):
    """The head of a new list is read in the background after it is shown; the officer's next keystroke comes
    first (the pool has as few threads as the machine has cores)."""
    import time

    from inspector.ui import background
    from inspector.ui.findings_page import ListHead

    reading: list[str] = []

    def slow(self, s, upto=None, stop=lambda: False):
        if upto is None:
            return  # the few chunks read with the list itself
        reading.append("started")
        end = time.monotonic() + 10
        while not stop() and time.monotonic() < end:
            time.sleep(0.01)
        reading.append("stopped" if stop() else "ran out")

    monkeypatch.setattr(ListHead, "prefetch", slow)
    monkeypatch.setattr(ListHead, "complete", lambda self: False)
    page.grade.setCurrentIndex(page.grade.findData("一般"))
    qtbot.waitUntil(lambda: reading == ["started"], timeout=5000)
    ime_type(page.search, "消防")
    qtbot.waitUntil(lambda: reading[:2] == ["started", "stopped"], timeout=5000)
    qtbot.waitUntil(lambda: page.model.filter.text == "消防", timeout=5000)
    background.cancel(page, "head")
    settle(qtbot)


def test_filters_filled_after_the_page_is_shown_show_their_whole_first_choice(qtbot, page):
    qtbot.waitUntil(lambda: page.inspector.count() > 1, timeout=5000)  # the choices came from a worker
    page.window().resize(1400, 860)
    settle(qtbot)
    for combo in (page.town, page.campaign, page.inspector):
        text = combo.itemText(0)
        assert text.startswith("全部")
        assert combo.width() >= combo.fontMetrics().horizontalAdvance(text) + 20, text  # room for the arrow too
