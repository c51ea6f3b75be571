"""Names and descriptions shown in the rich-text panes are text: a document, a register or another device's
package may put ``<``, ``>`` and ``&`` in them, and nothing of it may be taken for markup (nor load an image)."""

from __future__ import annotations

from datetime import date

from inspector.services import Services
from tests.ui.driver import open_on, settle

NAME = "上海<b>A&B</b>贸易有限公司"
DESCRIPTION = "灭火器<img src=\"file:///etc/passwd\">过期 & 压力<0.6MPa"


def test_a_finding_and_its_site_are_shown_as_written(qtbot, tmp_path):
    services = Services.open(tmp_path / "r.db", seed=False)
    site = services.add_site(name=NAME, town="长寿路街道", address="<i>长寿路</i>1号")
    inspection = services.start_inspection(site, None)
    services.record_finding(description=DESCRIPTION, grade="一般", site_id=site, inspection_id=inspection,
                            found_on=date(2026, 6, 1), deadline=date(2026, 6, 30), location="<u>二楼</u>")
    findings = open_on(qtbot, services, "findings")
    window = findings.window()
    findings.table.selectRow(0)
    qtbot.waitUntil(lambda: DESCRIPTION in findings.detail.toPlainText())
    shown = findings.detail.toPlainText()
    assert NAME in shown and "<u>二楼</u>" in shown
    sites = window.go("sites")
    settle(qtbot)
    sites.table.selectRow(0)
    qtbot.waitUntil(lambda: NAME in sites.file.toPlainText())
    assert "<i>长寿路</i>1号" in sites.file.toPlainText() and DESCRIPTION in sites.file.toPlainText()
    window.close()
    services.close()
