"""Starting the app: the default database, INSPECTOR_DB, and a clear message for a file we cannot open."""

from __future__ import annotations

import os
import subprocess
import sys

from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QMessageBox

from inspector.paths import default_db_path
from inspector.ui import app as app_module
from tests.conftest import seed_path


def test_default_database_lives_in_the_user_data_folder_and_is_seeded(qtbot, monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    path = default_db_path()
    assert path == tmp_path / "data" / "Inspector" / "inspector.db"
    assert app_module.main(["--quit-after-show"]) == 0
    assert "window-ready" in capsys.readouterr().out
    assert path.exists()
    from inspector.services import Services

    seeded = Services.open(path)
    assert sum(1 for c in seeded.checklists() if c["kind"] == "workplan") == 5
    seeded.close()


def test_inspector_db_variable_chooses_the_file(monkeypatch, tmp_path):
    monkeypatch.setenv("INSPECTOR_DB", str(tmp_path / "mine.db"))
    assert default_db_path() == tmp_path / "mine.db"


def test_a_bad_database_gets_a_message_box_and_stays_untouched(qtbot, monkeypatch, tmp_path):
    bad = tmp_path / "letter.db"
    bad.write_bytes(b"Dear officer, " * 100)
    before = bad.read_bytes()
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append((title, text)))
    assert app_module.main(["--db", str(bad)]) == 2
    assert shown and "不是 Inspector 数据库" in shown[0][1] and "文件未被修改" in shown[0][1]
    assert bad.read_bytes() == before


def test_dropping_a_file_on_the_window_starts_an_import(qtbot, tmp_path):
    from inspector.services import Services
    from inspector.ui.main_window import MainWindow

    window = MainWindow(Services.open(tmp_path / "drop.db", seed=False))
    qtbot.addWidget(window)
    started = []
    window.import_file = started.append
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(seed_path("2023_putuo_gongzuoyijian.txt")))])
    event = QDropEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    assert started and started[0].name == "2023_putuo_gongzuoyijian.txt"


def test_a_damaged_database_with_backups_offers_to_restore_one(qtbot, monkeypatch, tmp_path, capsys):
    from PySide6.QtWidgets import QFileDialog

    from inspector.services import Services
    from inspector.services.backup import Backups

    path = tmp_path / "town.db"
    services = Services.open(path, seed=False)
    services.add_site(name="备份里的单位")
    backup = Backups(services.store, path).auto()
    services.close()
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)  # damaged on disk
    offered = []

    def click_restore(box):
        offered.append(box.text())
        next(b for b in box.buttons() if b.text() == "从备份恢复…").click()

    monkeypatch.setattr(QMessageBox, "exec", click_restore)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(backup), ""))
    assert app_module.main(["--db", str(path), "--quit-after-show"]) == 0
    assert offered and "town.db" in offered[0]
    reopened = Services.open(path, seed=False)
    assert [s["name"] for s in reopened.sites()] == ["备份里的单位"]
    reopened.close()


OPENS_AND_QUITS = """
import sys
from inspector.ui.app import main
code = main(["--db", sys.argv[1], "--quit-after-show"])
print("sqlite-utils loaded:", "sqlite_utils" in sys.modules)
import PySide6.QtCore
print("Qt namespace built:", "Qt" in PySide6.QtCore.__dict__)  # it is put in the module's dict when first used
sys.exit(code)
"""


def test_the_window_opens_and_quits_without_loading_sqlite_utils_or_building_qt(tmp_path):
    """sqlite-utils (with pluggy and click) is a sixth of start-up; reading needs only the connection, so it is
    loaded when the program first writes. A read on the way to the first window that goes through it fails; so
    does a use of Qt's ``Qt`` namespace there, which costs as much again (see inspector.ui.qtvalues)."""
    from inspector.services import Services

    path = tmp_path / "town.db"
    services = Services.open(path)  # created, seeded and up to date: opening it again only reads
    services.add_site(name="街道安全办")
    services.close()
    home = {name: str(tmp_path / "home") for name in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME")}
    done = subprocess.run([sys.executable, "-c", OPENS_AND_QUITS, str(path)], capture_output=True, text=True,
                          timeout=120, env={**os.environ, **home})
    assert done.returncode == 0, done.stderr[-800:]
    assert "window-ready" in done.stdout and "sqlite-utils loaded: False" in done.stdout
    assert "Qt namespace built: False" in done.stdout
