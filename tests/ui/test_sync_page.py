"""The 同步 page: export to a trusted device, import its package with a preview, see the history."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton

from inspector.services import Services
from inspector.ui.background import busy
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


def test_a_package_with_refused_records_shows_them_with_reasons_and_imports_nothing(qtbot, tmp_path, monkeypatch):
    from inspector.db.sync import dump
    from tests.sync.conftest import star
    from tests.sync.forge import forge, row

    a = device(tmp_path / "a.db", "长寿路街道", "town", "长寿路街道")
    b = device(tmp_path / "b.db", "万里街道", "town", "万里街道")
    district = device(tmp_path / "district.db", "普陀区应急局", "district")
    star([a, b], district)
    victim = row(b, "sites", b.add_site(name="上海明珠公寓"))
    hostile = forge(a, district, tmp_path / "hostile.inspx", {"sites": [{**victim, "name": "被篡改"}]})
    window = MainWindow(district)
    qtbot.addWidget(window)
    page = window.go("sync")
    before = dump(district.store)
    shown: list[str] = []
    driver = DialogDriver().then(QMessageBox, lambda box: (shown.append(box.text()), box.accept()))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(hostile), ""))
    press(qtbot, page, "导入数据包…")
    driver.wait(qtbot, timeout=15000)
    qtbot.waitUntil(lambda: "被拒绝" in page.status.text(), timeout=15000)
    assert "所有者不是发送方" in shown[0] and "拒绝 1" in shown[0]
    assert dump(district.store) == before
    for s in (a, b):
        s.close()


def test_trusting_records_the_role_and_replacing_the_district_key_or_unrevoking_asks_first(qtbot, tmp_path,
                                                                                          monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    town = device(tmp_path / "town.db", "长寿路街道", "town", "长寿路街道")
    first = device(tmp_path / "d1.db", "普陀区应急局", "district")
    second = device(tmp_path / "d2.db", "普陀区应急局（新电脑）", "district")
    for i, d in enumerate((first, second)):
        d.sync().export_identity(tmp_path / f"d{i}.json")
    window = MainWindow(town)
    qtbot.addWidget(window)
    page = window.go("sync")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(tmp_path / "d0.json"), ""))
    driver = DialogDriver().then(QInputDialog, lambda box: box.accept())  # the suggested role: 区
    press(qtbot, page, "信任设备（身份文件或数据包）…")
    driver.wait(qtbot, timeout=5000)
    assert [(p["name"], p["role"]) for p in town.sync().overview()] == [("普陀区应急局", "district")]
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(tmp_path / "d1.json"), ""))
    warned: list[str] = []
    driver = DialogDriver().then(QInputDialog, lambda box: box.accept()).then(
        QMessageBox, lambda box: (warned.append(box.text()), box.button(QMessageBox.StandardButton.Yes).click()))
    press(qtbot, page, "信任设备（身份文件或数据包）…")
    driver.wait(qtbot, timeout=5000)
    assert "旧的区级密钥不再受信任" in warned[0]
    trusted = {p["name"]: p["trusted"] for p in town.sync().overview()}
    assert trusted == {"普陀区应急局": False, "普陀区应急局（新电脑）": True}
    town.sync().revoke(second.store.device_id)
    page.refresh()
    qtbot.waitUntil(lambda: not busy())  # the page reads its devices on a worker
    row = next(r for r in range(page.peers.rowCount()) if page.peers.index(r, 0).data() == "普陀区应急局（新电脑）")
    page.peer_table.setCurrentIndex(page.peers.index(row, 0))
    driver = DialogDriver().then(QMessageBox, lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    press(qtbot, page, "撤销吊销…")
    driver.wait(qtbot, timeout=5000)
    assert town.sync().peer(second.store.device_id)["trusted"] == 1
    for s in (town, first, second):
        s.close()
