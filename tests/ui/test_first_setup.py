"""A new officer's first start: the set-up asks who they are and exchanges identity files with the district;
the profile is then the first inspector everywhere, the 同步 page can send to the district, and the README's
`inspector export --to 普陀区应急局 …` works as written."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QFileDialog, QLabel, QMessageBox, QPushButton

from inspector import cli
from inspector.services import Services
from inspector.sync.keys import fingerprint
from inspector.ui.main_window import MainWindow
from inspector.ui.setup_dialog import SetupDialog, offer_first_setup
from tests.sync.conftest import device
from tests.ui.driver import DialogDriver, ime_type, settle

PROFILE = {"officer_name": "林志明", "certificate_no": "31001234", "unit": "长风新村街道办事处",
           "town": "长风新村街道", "doc_prefix": "（普）长风"}


def press(qtbot, widget, text: str) -> None:
    button = next(b for b in widget.findChildren(QPushButton) if b.text() == text)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def new_window(qtbot, path) -> MainWindow:
    window = MainWindow(Services.open(path, seed=False))
    qtbot.addWidget(window)
    window.show()
    return window


def district_file(tmp_path):
    district = device(tmp_path / "district.db", "", "district")
    district.set_setting("unit", "普陀区应急局")
    path = district.sync().export_identity(tmp_path / "普陀区应急局-身份.json")
    return district, path


def fill(qtbot, dialog: SetupDialog) -> None:
    for key, text in PROFILE.items():
        ime_type(dialog.edits[key], text)
    dialog.kind.setFocus()
    qtbot.keyClick(dialog.kind, Qt.Key.Key_Down)  # 执法机构（责令限期整改指令书）


def test_the_first_start_sets_up_the_profile_and_the_district(qtbot, tmp_path, monkeypatch):
    district, their_file = district_file(tmp_path)
    window = new_window(qtbot, tmp_path / "town.db")
    sync_page = window.go("sync")
    settle(qtbot)
    hint = sync_page.findChild(QLabel, "missing_peer")
    assert sync_page.peer.count() == 0 and hint.isVisibleTo(sync_page) and "导出本机身份" in hint.text()

    mine = tmp_path / "本机身份.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(mine), ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(their_file), ""))
    seen: dict = {}

    def set_up(dialog: SetupDialog) -> None:
        fill(qtbot, dialog)
        press(qtbot, dialog, "导出本机身份…")
        press(qtbot, dialog, "选择区里的身份文件…")
        seen["mine"] = dialog.findChild(QLabel, "my_fingerprint").text()
        seen["theirs"] = dialog.findChild(QLabel, "their_fingerprint").text()
        box = dialog.findChild(QCheckBox)
        box.setFocus()
        qtbot.keyClick(box, Qt.Key.Key_Space)  # ticked after the phone call
        press(qtbot, dialog, "保存")

    driver = DialogDriver().then(SetupDialog, set_up)
    assert offer_first_setup(window)
    driver.wait(qtbot)
    services = window.services
    identity = services.sync().identity()
    assert seen["mine"] == fingerprint(identity["sign_public"])
    assert fingerprint(district.sync().identity()["sign_public"]) in seen["theirs"]
    exported = json.loads(mine.read_text(encoding="utf-8"))
    assert exported["name"] == "长风新村街道" and exported["device"] == identity["device"]

    profile = services.officer_profile()
    assert (profile.officer_name, profile.certificate_no, profile.issuer_kind) == ("林志明", "31001234",
                                                                                  "enforcement")
    assert services.store.setting("doc_prefix") == "（普）长风"
    services.add_inspector("沈佳怡", "31005678")
    services.add_inspector("陈静", "31009999")
    assert services.inspectors()[0]["name"] == "林志明"  # the profile is the default first inspector
    from inspector.ui.inspections_page import NewInspectionDialog

    dialog = NewInspectionDialog(services, window)
    qtbot.addWidget(dialog)
    assert dialog.inspectors[0].currentText().startswith("林志明")
    assert not dialog.inspectors[1].currentText().startswith("林志明")
    assert not offer_first_setup(window)  # asked once

    window.go("sync").refresh()
    settle(qtbot)
    assert sync_page.peer.currentText() == "普陀区应急局" and not hint.isVisibleTo(sync_page)

    services.close()
    package = tmp_path / "x.inspx"
    assert cli.main(["--db", str(tmp_path / "town.db"), "export", "--to", "普陀区应急局", "--out", str(package)]) == 0
    district.sync().add_peer(district.sync().identity_from_file(mine), role="town")
    report = district.sync().import_package(package)
    assert report.sender == "长风新村街道" and not report.refused
    district.close()


def test_a_fingerprint_not_compared_is_not_trusted(qtbot, tmp_path, monkeypatch):
    district, their_file = district_file(tmp_path)
    window = new_window(qtbot, tmp_path / "town.db")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(their_file), ""))
    warned: list = []

    def unchecked(dialog: SetupDialog) -> None:
        fill(qtbot, dialog)
        press(qtbot, dialog, "选择区里的身份文件…")
        press(qtbot, dialog, "保存")  # not ticked: refused, the dialog stays
        warned.append(dialog.isVisible())
        press(qtbot, dialog, "以后再说")

    driver = DialogDriver().then(SetupDialog, unchecked).then(
        QMessageBox, lambda box: (warned.append(box.text()), box.accept())).then(
        QMessageBox, lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    offer_first_setup(window)
    driver.wait(qtbot)
    assert "核对" in warned[0] and warned[1] is True
    services = window.services
    assert services.sync().overview() == [] and services.store.setting("officer_name") is None
    assert services.inspectors() == []
    services.close()
    district.close()


def test_escape_asks_before_discarding_and_later_opens_from_settings(qtbot, tmp_path):
    window = new_window(qtbot, tmp_path / "town.db")
    answers: list = []

    def escape_twice(dialog: SetupDialog) -> None:
        ime_type(dialog.edits["officer_name"], "林志明")
        qtbot.keyClick(dialog.edits["officer_name"], Qt.Key.Key_Escape)  # answered 否: stays open
        answers.append(dialog.isVisible())
        qtbot.keyClick(dialog.edits["officer_name"], Qt.Key.Key_Escape)  # answered 是: closed, nothing kept

    driver = DialogDriver().then(SetupDialog, escape_twice).then(
        QMessageBox, lambda box: (answers.append(box.text()), box.button(QMessageBox.StandardButton.No).click())).then(
        QMessageBox, lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    offer_first_setup(window)
    driver.wait(qtbot)
    assert "放弃" in answers[0] and answers[1] is True
    services = window.services
    assert services.store.setting("officer_name") is None
    assert not services.needs_setup()  # skipped: not asked at the next start

    settings = window.go("settings")
    reopened: list = []

    def save_name(dialog: SetupDialog) -> None:
        reopened.append(dialog.first_start)
        ime_type(dialog.edits["officer_name"], "林志明")
        press(qtbot, dialog, "保存")

    driver = DialogDriver().then(SetupDialog, save_name)
    qtbot.mouseClick(settings.findChild(QPushButton, "open_setup"), Qt.MouseButton.LeftButton)
    driver.wait(qtbot)
    assert reopened == [False]
    assert settings.edits["officer_name"].text() == "林志明"
    assert window.statusBar().currentMessage() == "已保存"
    assert [p["name"] for p in services.inspectors()] == ["林志明"]
    services.close()


def test_settings_say_saved_and_keep_the_inspector_record_in_step(qtbot, tmp_path):
    window = new_window(qtbot, tmp_path / "town.db")
    services = window.services
    services.complete_setup(services.officer_profile().__class__(officer_name="林志明", certificate_no="310"))
    settings = window.go("settings")
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    edit = settings.edits["certificate_no"]
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, "31001234")
    qtbot.keyClick(edit, Qt.Key.Key_Tab)  # leaving the field saves it
    assert window.statusBar().currentMessage() == "已保存"
    assert [(p["name"], p["certificate_no"]) for p in services.inspectors()] == [("林志明", "31001234")]
    services.close()
