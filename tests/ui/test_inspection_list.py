"""The 检查 list (status, search, filters, pages), the order's 文书号 and name, the print menus that fit the
finding, and the batch work: issue an inspection's orders at once, print its documents, print the overdue."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QMessageBox

from inspector import workflow as wf
from inspector.errors import InspectorError
from inspector.reports import wording
from inspector.services import InspectionFilter, Services
from inspector.services.documents import seed_templates
from inspector.ui.action_dialog import ActionDialog
from inspector.ui.inspections_page import FIRST_PAGE, PAGE
from inspector.ui.issue_orders_dialog import IssueOrdersDialog
from inspector.ui.main_window import MainWindow
from tests.ui.driver import DialogDriver, ime_type, settle
from tests.ui.menus import choose, context_menu, menu_texts
from tests.ui.test_inspection_walk import _button, _ok
from tests.ui.watchdog import GuiWatchdog

TODAY = date.today()
FOUND = TODAY - timedelta(days=40)
PLAN = {part: f"{part}已落实" for part in wf.PLAN_PARTS}


def inspect(services: Services, name: str, people: list[str], findings: list[tuple[str, str]],
            signed: bool = False) -> tuple[str, list[str]]:
    """A site inspected 40 days ago with ``findings`` (description, grade), deadlines 15 days after."""
    site = services.add_site(name=name, town="长寿路街道")
    checklist = next(c["id"] for c in services.checklists("template") if c["name"] == "工贸企业基础检查")
    inspection = services.start_inspection(site, checklist, inspector1_id=people[0], inspector2_id=people[1],
                                           started_at=f"{FOUND.isoformat()}T09:00")
    items = services.checklist_items(checklist)
    ids = [services.record_finding(description=text, grade=grade, found_on=FOUND, deadline=FOUND + timedelta(15),
                                   plan=PLAN if grade == "重大" else None, site_id=site, inspection_id=inspection,
                                   item_id=items[n]["id"], legal_basis=items[n]["legal_basis"])
           for n, (text, grade) in enumerate(findings)]
    if signed:
        for signer in ("inspector1", "inspector2", "site"):
            services.sign(inspection, signer, None, refused=True)
    return inspection, ids


@pytest.fixture
def world(qtbot, tmp_path):
    services = Services.open(tmp_path / "list.db", seed=False)
    seed_templates(services.store)
    people = [services.save_inspector({"name": n, "certificate_no": c}) for n, c in
              (("林志明", "31001234"), ("沈佳怡", "31005678"))]
    cases = {
        "open": inspect(services, "上海恒达机械有限公司", people,
                        [("未建立全员安全生产责任制或未开展考核", "一般"), ("特种作业人员未持证上岗", "一般"),
                         ("有限空间未设置安全警示标志", "重大")]),
        "clean": inspect(services, "上海明珠餐饮有限公司", people, [], signed=True),
    }
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    page = window.go("inspections")
    settle(qtbot)
    yield services, window, page, cases
    window.close()
    services.close()


def column(page, key: str) -> list[str]:
    col = [k for k, _ in page.model.columns].index(key)
    return [page.model.index(r, col).data() for r in range(page.model.rowCount())]


def test_the_list_shows_status_and_is_searched_and_filtered(qtbot, world):
    _services, _window, page, _cases = world
    assert sorted(column(page, "site")) == ["上海恒达机械有限公司", "上海明珠餐饮有限公司"]
    status = dict(zip(column(page, "site"), zip(column(page, "open_label"), column(page, "signed_label"),
                                                 strict=True), strict=True))
    assert status == {"上海恒达机械有限公司": ("3 条", "未签字"), "上海明珠餐饮有限公司": ("—", "已签字")}
    ime_type(page.search, "明珠")
    settle(qtbot)
    assert column(page, "site") == ["上海明珠餐饮有限公司"]
    page.search.clear()
    settle(qtbot)
    for state, expected in (("open", ["上海恒达机械有限公司"]), ("signed", ["上海明珠餐饮有限公司"]),
                            ("unsigned", ["上海恒达机械有限公司"]), ("clean", ["上海明珠餐饮有限公司"])):
        page.state.setCurrentIndex(page.state.findData(state))
        settle(qtbot)
        assert column(page, "site") == expected, state
    page.type.setCurrentIndex(page.type.findData("专项"))
    settle(qtbot)
    assert page.model.rowCount() == 0 and page.count.text() == "共 0 次"


def test_pages_follow_each_other_without_gaps_or_repeats(world):
    services, _window, _page, _cases = world
    site = services.add_site(name="上海普宁化工有限公司")
    for n in range(25):
        services.start_inspection(site, None, started_at=f"2025-03-{n % 28 + 1:02d}T09:00" if n % 5 else None)
    seen, after = [], None
    while page := services.inspection_page(InspectionFilter(), 4, after):
        seen += [r["id"] for r in page]
        after = (page[-1]["started_at"], page[-1]["id"])
    everything = [r["id"] for r in services.inspection_page(InspectionFilter(), 1000)]
    assert seen == everything and len(set(seen)) == 27


def test_scrolling_to_the_end_loads_the_next_page(qtbot, scale_services):
    window = MainWindow(scale_services)
    qtbot.addWidget(window)
    window.show()
    page = window.go("inspections")
    qtbot.waitUntil(page.shown_data, timeout=20000)
    settle(qtbot)
    first = page.model.rowCount()
    assert first == FIRST_PAGE and "向下滚动" in page.count.text()
    with GuiWatchdog(qtbot, what="scrolling the inspections to their end"):
        page.table.scrollToBottom()
        qtbot.waitUntil(lambda: page.model.rowCount() > first, timeout=20000)
        settle(qtbot)
    assert page.model.rowCount() == FIRST_PAGE + PAGE  # the next page is a full one
    with GuiWatchdog(qtbot, what="filtering the inspections"):
        page.state.setCurrentIndex(page.state.findData("open"))
        settle(qtbot)
        ime_type(page.search, "街道")
        settle(qtbot)
    assert page.model.rowCount() > 0 and all(int(r["open_findings"]) > 0 for r in page.model.records)
    ids = [r["id"] for r in page.model.records]
    assert len(ids) == len(set(ids))
    window.close()


def test_an_order_gets_its_number_and_the_menu_fits_the_finding(qtbot, world):
    services, window, _page, cases = world
    findings = window.go("findings")
    settle(qtbot)
    general = cases["open"][1][0]
    findings.select_finding(general)
    settle(qtbot)
    assert menu_texts(context_menu(qtbot, findings)) == ["打印限期整改意见书"]  # no 重大 record for 一般
    context_menu(qtbot, findings).hide()

    numbers: dict = {}

    def order(d: ActionDialog) -> None:
        numbers["shown"] = d.widgets["doc_no"].text()
        d.widgets["on"].setDate(QDate(FOUND.year, FOUND.month, FOUND.day))  # issued on the day of the inspection
        qtbot.mouseClick(_ok(d), Qt.MouseButton.LeftButton)

    driver = DialogDriver().then(ActionDialog, order)
    qtbot.mouseClick(findings.buttons[wf.ORDER_ISSUED], Qt.MouseButton.LeftButton)
    driver.wait(qtbot)
    settle(qtbot)
    event = services.finding_events(general)[-1]
    assert numbers["shown"] == "" and event["data"]["doc_no"].startswith("（普）应急整改〔")
    assert f"文书号：{event['data']['doc_no']}" in findings.detail.toPlainText()  # in the history
    assert services.reports().rectification_order(general)["number"] == event["data"]["doc_no"]

    major = cases["open"][1][2]
    findings.select_finding(major)
    settle(qtbot)
    services.set_setting("issuer_kind", "enforcement")
    assert menu_texts(context_menu(qtbot, findings)) == ["打印责令限期整改指令书", "打印重大隐患治理情况记录"]
    context_menu(qtbot, findings).hide()
    choose(qtbot, findings, "打印重大隐患治理情况记录")
    reports = window.pages["reports"]
    qtbot.waitUntil(lambda: reports.last is not None and reports.last.name.startswith("major-hazard"),
                    timeout=30000)
    data = services.reports().rectification_order(major)
    assert data["kind"] == "enforcement"
    sentences = wording.basis_sentences(data["findings"], data["deadline"], enforcement=True)
    for n, article in enumerate(("第二十二条", "第二十一条", "第二十四条"), 1):
        expected = f"上述第{n}项问题，依据《中华人民共和国安全生产法》{article}的规定，责令你单位"
        assert any(expected in s for s in sentences)


def test_all_orders_of_an_inspection_in_one_step(qtbot, world):
    services, _window, page, cases = world
    inspection, ids = cases["open"]
    page.table.selectRow(column(page, "site").index("上海恒达机械有限公司"))
    def issue(d: IssueOrdersDialog) -> None:
        d.date.setDate(QDate(FOUND.year, FOUND.month, FOUND.day))
        qtbot.mouseClick(_ok(d), Qt.MouseButton.LeftButton)

    driver = DialogDriver().then(IssueOrdersDialog, issue)
    driver.then(QMessageBox, lambda box: box.accept())  # 已对 3 条隐患下发限期整改意见书
    qtbot.mouseClick(_button(page, "本次隐患全部下发整改"), Qt.MouseButton.LeftButton)
    driver.wait(qtbot, timeout=20000)
    settle(qtbot)
    states = [services.store.get("findings", f)["status"] for f in ids]
    assert states == [wf.ORDERED] * 3
    numbers = {services.finding_events(f)[-1]["data"]["doc_no"] for f in ids}
    assert len(numbers) == 1 and numbers.pop().startswith("（普）应急整改〔")
    deadlines = [services.store.get("findings", f)["current_deadline"] for f in ids]
    assert deadlines == [(FOUND + timedelta(15)).isoformat()] * 3  # each keeps its own
    with pytest.raises(InspectorError, match="没有待下发"):  # nothing is left to issue
        services.issue_orders(inspection, TODAY)


def test_a_cancelled_batch_issue_keeps_nothing(world):
    services, _window, _page, cases = world
    inspection, ids = cases["open"]
    calls = []
    with pytest.raises(InspectorError, match="已取消"):
        services.issue_orders(inspection, TODAY, cancelled=lambda: len(calls) > 1,
                              progress=lambda p, t: calls.append(p))
    assert [services.store.get("findings", f)["status"] for f in ids] == [wf.REGISTERED] * 3
    assert all(e["kind"] == wf.CREATED for f in ids for e in services.finding_events(f))


def test_print_all_documents_of_an_inspection_and_all_overdue_orders(qtbot, world):
    services, window, page, cases = world
    inspection, _ids = cases["open"]
    services.issue_orders(inspection, FOUND)  # deadlines 25 days ago: all three are overdue now
    page.refresh()
    settle(qtbot)
    page.table.selectRow(column(page, "site").index("上海恒达机械有限公司"))
    qtbot.mouseClick(_button(page, "打印本次全部文书"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "reports" in window.pages and window.pages["reports"].last is not None, timeout=60000)
    reports = window.pages["reports"]
    joined = PdfReader(str(reports.last))
    text = "".join(p.extract_text() or "" for p in joined.pages)
    assert "现场检查记录" in text and "限期整改意见书" in text and "重大事故隐患治理情况记录" in text
    assert window.stack.currentWidget() is reports and reports.print_button.isEnabled()
    assert not list(reports.last.parent.glob("*.part"))

    first = reports.last
    window.go("inspections")
    qtbot.mouseClick(_button(page, "打印逾期未改的整改文书"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: reports.last != first, timeout=60000)
    overdue = PdfReader(str(reports.last))
    assert "限期整改意见书" in "".join(p.extract_text() or "" for p in overdue.pages)
    assert len(overdue.pages) < len(joined.pages)  # one case's order, not its other documents
