"""Signing on the pad with the mouse, and a refusal recorded as such."""

from __future__ import annotations

import json

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialogButtonBox

from inspector.services import Services
from inspector.ui.signature import SignatureDialog


def draw(qtbot, pad, points) -> None:
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(*points[0]))
    for x, y in points[1:]:
        qtbot.mouseMove(pad, QPoint(x, y))
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(*points[-1]))


def test_two_inspectors_sign_and_the_site_refuses(qtbot, tmp_path):
    services = Services.open(tmp_path / "s.db", seed=False)
    site = services.add_site(name="上海恒达餐饮有限公司")
    inspection = services.start_inspection(site, None)
    dialog = SignatureDialog(services, inspection)
    qtbot.addWidget(dialog)
    dialog.show()
    for signer in ("inspector1", "inspector2"):
        draw(qtbot, dialog.pads[signer], [(20, 60), (60, 30), (100, 70), (150, 40)])
        assert not dialog.pads[signer].is_empty()
    refused = dialog.refused["site"]
    qtbot.mouseClick(refused, Qt.MouseButton.LeftButton, pos=QPoint(6, refused.height() // 2))
    assert not dialog.pads["site"].isEnabled()
    qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save),
                     Qt.MouseButton.LeftButton)
    record = json.loads(services.store.get("inspections", inspection)["signatures"])
    assert record["site"] == {"refused": True}
    images = [a for a in services.store.rows("SELECT * FROM attachments") if a["role"].startswith("signature:")]
    assert sorted(a["role"] for a in images) == ["signature:inspector1", "signature:inspector2"]
    assert record["inspector1"]["attachment"] in {a["id"] for a in images}
    assert services.attachment_path(images[0]["sha256"]).read_bytes()[:4] == b"\x89PNG"
    services.close()


def test_an_empty_pad_is_neither_a_signature_nor_a_refusal(qtbot, tmp_path, monkeypatch):
    services = Services.open(tmp_path / "e.db", seed=False)
    inspection = services.start_inspection(services.add_site(name="单位甲"), None)
    dialog = SignatureDialog(services, inspection)
    qtbot.addWidget(dialog)
    shown = []
    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.warning", lambda *a: shown.append(a[2]))
    dialog.accept()
    assert shown and "请先签字" in shown[0]
    assert services.store.get("inspections", inspection)["signatures"] is None
    services.close()
