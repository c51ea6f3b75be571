"""Inspections and findings as an officer meets them: the checklist picker, the inspectors' editor, the walk's
marks and basis pane, the suggested problem text, one thumbnail per photo with its label."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox

from inspector import workflow as wf
from inspector.services import Services
from inspector.services.documents import seed_templates
from inspector.ui.action_dialog import ActionDialog
from inspector.ui.finding_dialog import FindingDialog
from inspector.ui.inspections_page import NewInspectionDialog
from inspector.ui.inspectors_dialog import InspectorsDialog
from inspector.ui.walk_dialog import MARKERS, RESULT_ROLE, WalkDialog
from tests.conftest import seed_path
from tests.ui.driver import DialogDriver, ime_type, open_on, settle
from tests.ui.people import press, type_person


@pytest.fixture
def services(tmp_path):
    services = Services.open(tmp_path / "walk.db", seed=False)
    seed_templates(services.store)
    services.import_document(seed_path("2023_putuo_gongzuoyijian.txt"))  # a work plan, never offered on site
    services.set_setting("officer_name", "林志明")
    yield services
    services.close()


def start(services: Services, template: str = "工贸企业基础检查") -> tuple[str, str]:
    site = services.add_site(name="上海恒达机械有限公司", town="长寿路街道", contact_person="王建国")
    people = [services.save_inspector({"name": n, "certificate_no": c}) for n, c in
              (("林志明", "31001234"), ("沈佳怡", "31005678"))]
    checklist = next(c["id"] for c in services.checklists("template") if c["name"] == template)
    day = date.today() - timedelta(days=30)
    inspection = services.start_inspection(site, checklist, inspector1_id=people[0], inspector2_id=people[1],
                                           started_at=f"{day.isoformat()}T09:00", ended_at=f"{day.isoformat()}T10:00")
    return site, inspection


def photo(tmp_path, name: str, colour: str):
    image = QImage(160, 120, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    path = tmp_path / name
    image.save(str(path))
    return path


def test_the_picker_offers_site_checklists_only(qtbot, services):
    dialog = NewInspectionDialog(services)
    qtbot.addWidget(dialog)
    offered = {dialog.checklist.itemText(i) for i in range(dialog.checklist.count())}
    assert offered == {c["name"] for c in services.checklists("template")}
    assert services.checklists("workplan") and not offered & {c["name"] for c in services.checklists("workplan")}


def test_inspectors_are_added_corrected_deactivated_and_kept_once_used(qtbot, services):
    _, inspection = start(services)
    dialog = InspectorsDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.list.count() == 2
    driver = DialogDriver().then(QMessageBox, lambda box: box.accept())  # the refused duplicate number
    type_person(qtbot, dialog, "周晓峰", "31001234")
    driver.wait(qtbot)
    assert dialog.list.count() == 2
    type_person(qtbot, dialog, "周小峰", "31009999")  # a typo in the name …
    added = dialog.chosen
    dialog.name.clear()
    ime_type(dialog.name, "周晓峰")  # … corrected in place, the same record
    press(qtbot, dialog, "保存")
    assert services.store.get("inspectors", added)["name"] == "周晓峰" and dialog.list.count() == 3

    used = services.store.get("inspections", inspection)["inspector1_id"]
    dialog.list.setCurrentRow(next(i for i in range(dialog.list.count()) if dialog.list.item(i).data(256) == used))
    driver = DialogDriver().then(QMessageBox, lambda box: box.accept())
    press(qtbot, dialog, "删除")
    driver.wait(qtbot)
    settle(qtbot)
    assert services.store.get("inspectors", used)["deleted_at"] is None  # on a document: never deleted
    dialog.active.setChecked(False)
    press(qtbot, dialog, "保存")
    assert services.store.get("inspectors", used)["active"] == 0
    assert "已停用" in dialog.list.currentItem().text()

    dialog.list.setCurrentRow(next(i for i in range(dialog.list.count()) if dialog.list.item(i).data(256) == added))
    press(qtbot, dialog, "删除")  # never used: may go
    settle(qtbot)
    assert added not in {p["id"] for p in services.inspectors()} and dialog.list.count() == 2

    new = NewInspectionDialog(services)
    qtbot.addWidget(new)
    offered = {new.inspectors[0].itemData(i) for i in range(new.inspectors[0].count())}
    assert used not in offered and len(offered) == 1  # the deactivated one is not offered for new work


def test_the_new_inspection_takes_the_person_just_added(qtbot, services):
    start(services)
    dialog = NewInspectionDialog(services)
    qtbot.addWidget(dialog)
    dialog.inspectors[1].setCurrentIndex(0)  # both boxes on the same person
    first = dialog.inspectors[0].currentData()
    driver = DialogDriver().then(InspectorsDialog, lambda d: (type_person(qtbot, d, "周晓峰", "31007777"),
                                                              d.accept()))
    qtbot.mouseClick(_button(dialog, "检查人员"), Qt.MouseButton.LeftButton)
    driver.wait(qtbot)
    assert dialog.inspectors[0].currentData() == first
    assert dialog.inspectors[1].currentText().startswith("周晓峰")


def _button(widget, text):
    from PySide6.QtWidgets import QPushButton

    return next(b for b in widget.findChildren(QPushButton) if b.text().startswith(text))


def test_the_walk_marks_failed_rows_shows_the_basis_and_suggests_the_problem(qtbot, services, tmp_path,
                                                                             monkeypatch):
    _site, inspection = start(services)
    walk = WalkDialog(services, inspection)
    qtbot.addWidget(walk)
    walk.show()
    row = next(r for r, item in enumerate(walk.items) if item["title"] == "特种作业人员是否持证上岗")
    walk.table.selectRow(row)
    pane = walk.basis.toPlainText()
    assert "《中华人民共和国安全生产法》第三十条" in pane and "特种作业人员未持证上岗" in pane

    seen: dict = {}
    picture = photo(tmp_path, "电焊作业.png", "#c0392b")

    def record(d: FindingDialog) -> None:
        seen["suggested"] = d.description.toPlainText()
        seen["basis"] = d.legal.text()
        monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(picture)], ""))
        qtbot.mouseClick(d.photos.pick, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(_ok(d), Qt.MouseButton.LeftButton)

    driver = DialogDriver().then(FindingDialog, record)
    walk.table.setFocus()
    qtbot.keyClick(walk.table, Qt.Key.Key_2)
    driver.wait(qtbot)
    assert seen == {"suggested": "特种作业人员未持证上岗", "basis": "《中华人民共和国安全生产法》第三十条"}
    failed = walk.model.item(row, 2)
    assert failed.data(RESULT_ROLE) == "不符合" and failed.text().startswith(MARKERS["不符合"][0])
    assert walk.model.item(row, 1).background().color() == QColor(MARKERS["不符合"][1])
    walk.table.selectRow(0)
    qtbot.keyClick(walk.table, Qt.Key.Key_1)
    assert walk.model.item(0, 1).background().color() != QColor(MARKERS["不符合"][1])
    assert walk.summary.text() == "已检查 2 / 15 项，不符合 1 项"
    finding = services.list_records("findings")[0]
    assert finding["description"] == "特种作业人员未持证上岗"
    ledger = services.reports().ledger()
    assert ledger["rows"][0]["description"] == "特种作业人员未持证上岗"
    assert ledger["rows"][0]["legal_basis"] == "《中华人民共和国安全生产法》第三十条"


def _ok(dialog):
    from PySide6.QtWidgets import QDialogButtonBox

    box = dialog.findChild(QDialogButtonBox)
    return box.button(QDialogButtonBox.StandardButton.Save) or box.button(QDialogButtonBox.StandardButton.Ok)


def test_one_photo_is_one_thumbnail_labelled_before_and_after(qtbot, services, tmp_path, monkeypatch):
    site, inspection = start(services)
    item = services.checklist_items(services.store.get("inspections", inspection)["checklist_id"])[5]
    found = date.today() - timedelta(days=30)
    finding = services.record_finding(description="特种作业人员未持证上岗", grade="一般", found_on=found,
                                      deadline=found + timedelta(days=15), site_id=site, inspection_id=inspection,
                                      item_id=item["id"], photos=[photo(tmp_path, "现场.png", "#2e86de")])
    services.act(finding, wf.Event(wf.ORDER_ISSUED, found, {"deadline": found + timedelta(days=15)}))
    page = open_on(qtbot, services, "findings")
    page.table.selectRow(0)
    assert captions(page) == ["整改前"]  # one photo, one thumbnail (its copy for printing is not shown)

    after = photo(tmp_path, "整改后.png", "#27ae60")

    def feedback(d: ActionDialog) -> None:
        d.widgets["measures"].setPlainText("已安排持证电焊工作业")
        d.set_files("photos", [after])
        qtbot.mouseClick(_ok(d), Qt.MouseButton.LeftButton)

    driver = DialogDriver().then(ActionDialog, feedback)
    qtbot.mouseClick(page.buttons[wf.FEEDBACK], Qt.MouseButton.LeftButton)
    driver.wait(qtbot)
    settle(qtbot)
    assert captions(page) == ["整改前", "整改后"]
    roles = sorted(a["role"] for a in services.attachments_of("findings", finding))
    assert roles == ["after", "after:report", "before", "before:report"]  # the printed record has both


def captions(page) -> list[str]:
    return [w.text() for w in page.findChildren(QLabel, "photo_caption") if not w.isHidden()
            and w.parent() is not None and w.parent().parent() is not None]


def test_an_inspector_from_another_device_is_shown_read_only(qtbot, services):
    other = services.save_inspector({"name": "顾海峰", "certificate_no": "31009999"})
    with services.store.atomic():  # as if it had arrived in the district's package
        services.store.db.execute("UPDATE inspectors SET device_id = ? WHERE id = ?",
                                  ["00000000-0000-4000-8000-000000000001", other])
    dialog = InspectorsDialog(services)
    qtbot.addWidget(dialog)
    dialog.list.setCurrentRow(0)
    assert not dialog.name.isEnabled() and not dialog.save_button.isEnabled()
    assert not dialog.delete_button.isEnabled() and "其他设备" in dialog.used.text()
    press(qtbot, dialog, "新增人员")
    assert dialog.name.isEnabled() and dialog.save_button.isEnabled()
