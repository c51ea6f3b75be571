"""Qt's own texts in Chinese (file dialogs, 确定/取消, input dialogs), carried by the bundle too; domain values
translated in English; a form dialog asks before Escape discards what was typed."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QLabel, QMessageBox

from inspector.services import Services
from inspector.ui import app as app_module
from inspector.ui.sites_page import SiteDialog
from tests.ui.driver import DialogDriver, ime_type

ROOT = Path(__file__).resolve().parents[2]


def remove_qt_translation(app) -> None:
    translator = getattr(app, "inspector_qt_translator", None)
    if translator is not None:
        app.removeTranslator(translator)
        if getattr(translator, "extra", None) is not None:
            app.removeTranslator(translator.extra)
        app.inspector_qt_translator = None


def test_qt_dialogs_speak_chinese(qtbot):
    app = QApplication.instance()
    remove_qt_translation(app)
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
    try:
        app_module.install_translation(app, "zh_CN")
        dialog = QFileDialog()
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        qtbot.addWidget(dialog)
        labels = {label.text() for label in dialog.findChildren(QLabel)}
        assert {"查找范围(&L)：", "文件类型(&T)：", "文件名称(&N)："} <= labels
        box = QMessageBox(QMessageBox.Icon.Question, "t", "t",
                          QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel)
        qtbot.addWidget(box)
        texts = {b.text() for b in box.findChildren(QDialogButtonBox)[0].buttons()}
        assert texts == {"确定", "取消"}
    finally:
        remove_qt_translation(app)


def test_the_bundle_carries_the_catalog_that_is_loaded(qtbot, tmp_path, monkeypatch):
    """Only what packaging/inspector.spec ships, in a folder of its own, is enough for Chinese Qt texts."""
    spec = (ROOT / "packaging" / "inspector.spec").read_text(encoding="utf-8")
    shipped = re.search(r"QT_CATALOGS = \(([^)]*)\)", spec).group(1)
    names = re.findall(r'"([^"]+\.qm)"', shipped)
    assert names
    source = app_module.qt_translations_dir()
    for name in names:
        shutil.copy(source / name, tmp_path / name)
    monkeypatch.setattr(app_module, "qt_translations_dir", lambda: tmp_path)
    app = QApplication.instance()
    remove_qt_translation(app)
    try:
        assert app_module.install_qt_translation(app)
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    finally:
        remove_qt_translation(app)


def test_english_values_are_translated(qtbot, tmp_path):
    from inspector.ui.findings_model import COLUMNS
    from inspector.ui.main_window import MainWindow
    from tests.ui.driver import settle

    app = QApplication.instance()
    assert app_module.install_translation(app, "en")
    services = Services.open(tmp_path / "en.db", seed=False)
    try:
        site = services.add_site(name="上海恒达餐饮有限公司", risk_level="红")
        people = [services.add_inspector(n, c) for n, c in (("林志明", "310"), ("沈佳怡", "311"))]
        inspection = services.start_inspection(site, None, inspector1_id=people[0], inspector2_id=people[1])
        services.record_finding(inspection_id=inspection, site_id=site, description="灭火器过期", grade="一般",
                                found_on=date(2026, 3, 2),
                                category="物的不安全状态")
        window = MainWindow(services)
        qtbot.addWidget(window)
        page = window.go("findings")
        settle(qtbot)
        qtbot.waitUntil(lambda: page.model.rowCount() == 1)
        grade = page.model.index(0, [k for k, _ in COLUMNS].index("grade")).data()
        assert grade == "Ordinary"
        sites = window.go("sites")
        settle(qtbot)
        risk = [sites.model.index(0, c).data() for c in range(sites.model.columnCount())]
        assert "Red" in risk and "红" not in risk
    finally:
        app.removeTranslator(app.inspector_translator)
        services.close()


def test_escape_on_a_filled_form_asks_first(qtbot, tmp_path):
    services = Services.open(tmp_path / "f.db", seed=False)
    asked: list = []
    dialog = SiteDialog(services)
    qtbot.addWidget(dialog)

    def fill_and_escape(d) -> None:
        ime_type(d.edits["name"], "上海恒达餐饮有限公司")
        qtbot.keyClick(d.edits["name"], Qt.Key.Key_Escape)
        asked.append(d.isVisible())  # 否: still open, the text kept
        asked.append(d.edits["name"].text())
        qtbot.keyClick(d.edits["name"], Qt.Key.Key_Escape)

    driver = DialogDriver().then(SiteDialog, fill_and_escape).then(
        QMessageBox, lambda box: (asked.append(box.text()), box.button(QMessageBox.StandardButton.No).click())).then(
        QMessageBox, lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    assert dialog.exec() == SiteDialog.DialogCode.Rejected
    driver.wait(qtbot)
    assert "放弃" in asked[0] and asked[1:] == [True, "上海恒达餐饮有限公司"]
    assert services.sites() == []
    empty = SiteDialog(services)
    qtbot.addWidget(empty)
    driver = DialogDriver().then(SiteDialog, lambda d: qtbot.keyClick(d, Qt.Key.Key_Escape))  # nothing typed
    assert empty.exec() == SiteDialog.DialogCode.Rejected
    driver.wait(qtbot)
    services.close()


def test_a_choice_filled_in_by_the_program_is_not_typed_text(qtbot, tmp_path):
    """The new-inspection dialog chooses the first site once the list arrives: Escape closes it without asking."""
    from inspector.ui.inspections_page import NewInspectionDialog
    from tests.ui.driver import settle

    services = Services.open(tmp_path / "n.db", seed=False)
    services.add_site(name="上海恒达餐饮有限公司")
    dialog = NewInspectionDialog(services)
    qtbot.addWidget(dialog)

    def wait_then_escape(d) -> None:
        settle(qtbot)
        qtbot.waitUntil(lambda: d.site.currentText().startswith("上海恒达"))
        qtbot.keyClick(d, Qt.Key.Key_Escape)

    driver = DialogDriver().then(NewInspectionDialog, wait_then_escape)  # a question would fail the driver
    assert dialog.exec() == NewInspectionDialog.DialogCode.Rejected
    driver.wait(qtbot)
    services.close()
