"""The 同步 page: export to a trusted device, import its package with a preview, see the history."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton

from inspector.services import Services
from inspector.ui.main_window import MainWindow
from tests.sync.conftest import device
from tests.ui.driver import DialogDriver, settle


def press(qtbot, widget, text: str) -> None:
    qtbot.mouseClick(next(b for b in widget.findChildren(QPushButton) if b.text() == text), Qt.MouseButton.LeftButton)


def test_export_then_import_with_preview(qtbot, tmp_path, monkeypatch):
    town = device(tmp_path / "town.db", "长寿路街道", "town", "长寿路街道")
    district = device(tmp_path / "district.db", "普陀区应急局", "district")
    town.sync().add_peer(district.sync().identity(), trusted=True)
    district.sync().add_peer(town.sync().identity(), trusted=True)
    town.add_site(name="上海恒达餐饮有限公司", town="长寿路街道")
    town_window = MainWindow(town)
    qtbot.addWidget(town_window)
    page = town_window.go("sync")
    settle(qtbot)
    assert page.peer.currentText() == "普陀区应急局"
    stick = tmp_path / "usb"
    stick.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(stick))
    press(qtbot, page, "导出数据包…")
    qtbot.waitUntil(lambda: "第 1 号" in page.status.text(), timeout=15000)
    settle(qtbot)
    packages = list(stick.glob("*.inspx"))
    assert len(packages) == 1
    assert page.history.rowCount() == 1

    district_window = MainWindow(Services.open(tmp_path / "district.db", seed=False))
    qtbot.addWidget(district_window)
    target = district_window.go("sync")
    settle(qtbot)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(packages[0]), ""))
    driver = DialogDriver().then(QMessageBox, lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    press(qtbot, target, "导入数据包…")
    driver.wait(qtbot, timeout=15000)
    qtbot.waitUntil(lambda: "已导入" in target.status.text(), timeout=15000)
    settle(qtbot)
    assert "新增 1" in target.last_preview
    assert target.services.sites()[0]["name"] == "上海恒达餐饮有限公司"
    assert packages[0].with_suffix(".receipt").exists()
    assert target.history.rowCount() == 1 and target.peers.rowCount() == 1
    town.close()
    district.close()
