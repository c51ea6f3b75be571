"""The 统计考核 page as the district office uses it: the towns' figures in the table and the charts, a campaign
published through its dialog, the weighting changed, the report printed; a town sees its own row only."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QPushButton

from inspector.services import district
from inspector.ui import background
from inspector.ui.campaign_dialog import CampaignDialog, WeightsDialog
from inspector.ui.main_window import MainWindow
from tests.district_world import towns, world  # noqa: F401  (the two-town fixture and what it builds on)
from tests.ui.driver import DialogDriver, ime_type


def open_page(qtbot, services):
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    page = window.go("district")  # the 统计考核 entry of the navigation bar
    qtbot.waitUntil(page.shown_data, timeout=10000)
    page.date_from.setDate(QDate(2025, 1, 1))
    page.date_to.setDate(QDate(2025, 12, 31))
    settle(qtbot)
    return window, page


def settle(qtbot) -> None:
    qtbot.waitUntil(lambda: not background.busy(), timeout=10000)


def button(page, label: str) -> QPushButton:
    return next(b for b in page.findChildren(QPushButton) if b.text() == label)


def shown(page) -> dict[str, dict]:
    return {r["town"]: r for r in page.model.records}


def test_the_district_sees_every_town_in_the_table_and_the_charts(qtbot, towns):  # noqa: F811
    window, page = open_page(qtbot, towns["d"])
    stats = towns["d"].district_stats(None, "2025-01-01", "2025-12-31")
    assert page.model.records == district.table_rows(stats)
    assert page.bars.labels == ["万里街道", "长寿路街道"]
    assert dict(page.bars.series)["重大隐患"] == [1, 1] and dict(page.bars.series)["已整改"] == [2, 1]
    assert page.trend.labels == ["2025-03", "2025-04", "2025-05"]
    assert [r["name"] for r in page.campaign_model.records] == ["2025年燃气安全专项整治"]
    page.town.setCurrentIndex(page.town.findData("万里街道"))
    settle(qtbot)
    assert list(shown(page)) == ["万里街道", "合计"]
    window.close()


def test_a_campaign_is_published_from_its_dialog_and_the_weighting_changed(qtbot, towns):  # noqa: F811
    window, page = open_page(qtbot, towns["d"])

    def fill(dialog: CampaignDialog) -> None:
        ime_type(dialog.name, "电动自行车安全隐患专项整治")
        ime_type(dialog.towns, "长寿路街道")
        dialog.levels[0].setChecked(True)
        dialog.accept()

    driver = DialogDriver().then(CampaignDialog, fill)
    qtbot.mouseClick(button(page, "新建专项…"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: driver.done, timeout=10000)
    settle(qtbot)
    assert "电动自行车安全隐患专项整治" in [r["name"] for r in page.campaign_model.records]
    record = next(c for c in towns["d"].campaign_records() if c["name"] == "电动自行车安全隐患专项整治")
    assert record["criteria"] == '{"risk_levels": ["红"], "towns": ["长寿路街道"]}'

    def weights(dialog: WeightsDialog) -> None:
        dialog.spins["tasks"].setValue(0)
        dialog.spins["listed"].setValue(0)
        dialog.accept()

    driver = DialogDriver().then(WeightsDialog, weights)
    qtbot.mouseClick(button(page, "考核权重…"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: driver.done, timeout=10000)
    settle(qtbot)
    assert shown(page)["万里街道"]["score"] == "100.0"
    window.close()


def test_the_report_is_printed_from_the_page(qtbot, towns):  # noqa: F811
    window, page = open_page(qtbot, towns["d"])
    qtbot.mouseClick(button(page, "打印统计表…"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(page, "last", None) is not None, timeout=20000)
    assert page.last.suffix == ".pdf" and page.last.stat().st_size > 5000
    window.close()


def test_a_town_sees_its_own_row_and_cannot_publish(qtbot, towns):  # noqa: F811
    window, page = open_page(qtbot, towns["a"])
    assert list(shown(page)) == ["长寿路街道", "合计"]
    assert not button(page, "新建专项…").isEnabled() and not page.town.isEnabled()
    window.close()
