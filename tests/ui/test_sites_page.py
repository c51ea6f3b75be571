"""The 单位 page: the register in order and the selected site's 一企一档, read off the GUI thread."""

from __future__ import annotations

import threading
from datetime import date

from PySide6.QtCore import Qt

from inspector.services import Services
from tests.ui.driver import open_on, settle


def test_the_site_file_follows_the_selection_and_is_read_on_a_worker(qtbot, tmp_path, monkeypatch):
    services = Services.open(tmp_path / "s.db", seed=False)
    towns = {"长寿路街道": ["上海乙物业有限公司", "上海甲餐饮有限公司"], "石泉路街道": ["上海丙五金店"]}
    for town, names in towns.items():
        for name in names:
            site = services.add_site(name=name, town=town)
            services.record_finding(description=f"{name}的疏散通道堵塞", grade="一般", site_id=site,
                                    found_on=date(2026, 6, 1), deadline=date(2026, 6, 30))
    threads: list[threading.Thread] = []
    read = Services.site_file
    monkeypatch.setattr(Services, "site_file",
                        lambda self, site_id: threads.append(threading.current_thread()) or read(self, site_id))
    page = open_on(qtbot, services, "sites")
    listed = [page.model.index(r, 0).data() for r in range(page.model.rowCount())]
    assert listed == ["上海丙五金店", "上海乙物业有限公司", "上海甲餐饮有限公司"]  # by town, then name
    qtbot.waitUntil(lambda: "上海丙五金店的疏散通道堵塞" in page.file.toPlainText())
    page.table.setFocus()
    for _ in range(2):  # two steps down the list at once: the file shown is the last one chosen
        qtbot.keyClick(page.table, Qt.Key.Key_Down)
    settle(qtbot)
    assert "上海甲餐饮有限公司的疏散通道堵塞" in page.file.toPlainText()
    assert "上海乙物业有限公司" not in page.file.toPlainText()
    assert threads and threading.main_thread() not in threads
    page.window().close()
    services.close()
