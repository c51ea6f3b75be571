"""Every visible string goes through the translation system and has an English translation."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from inspector.paths import resource_path
from inspector.services import Services
from inspector.ui.app import install_translation
from inspector.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
TS = resource_path("translations", "inspector_en.ts")


def sources(path: Path) -> set[tuple[str, str]]:
    tree = ET.parse(path)
    return {(ctx.find("name").text, m.find("source").text) for ctx in tree.iter("context") for m in ctx.iter("message")}


def test_every_message_has_a_finished_english_translation():
    for message in ET.parse(TS).iter("message"):
        translation = message.find("translation")
        assert translation.get("type") != "unfinished", message.find("source").text
        assert (translation.text or "").strip(), message.find("source").text


def test_translation_file_is_up_to_date_with_the_code(tmp_path):
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    if not lupdate.exists():
        lupdate = shutil.which("pyside6-lupdate")
    if not lupdate:
        pytest.skip("pyside6-lupdate not installed")
    fresh = tmp_path / "fresh.ts"
    files = sorted(str(p) for p in (ROOT / "inspector" / "ui").glob("*.py"))
    subprocess.run([str(lupdate), *files, "-ts", str(fresh)], check=True, capture_output=True)
    assert sources(fresh) <= sources(TS), sorted(sources(fresh) - sources(TS))[:10]


def test_the_window_in_english(qtbot, tmp_path):
    app = QApplication.instance()
    assert install_translation(app, "en")
    try:
        window = MainWindow(Services.open(tmp_path / "en.db"))
        qtbot.addWidget(window)
        labels = [window.nav.item(i).text() for i in range(window.nav.count())]
        assert labels == ["Work plans", "Inspections", "Findings", "Sites", "Reports", "Sync", "Settings", "Plans",
                          "Statistics"]
        window.go("findings")
        page = window.pages["findings"]
        assert page.buttons["order_issued"].text() == "Issue order"
        assert page.model.headerData(2, Qt.Orientation.Horizontal) == "Description"
    finally:
        app.removeTranslator(app.inspector_translator)
