"""文件 → 备份… / 从备份恢复… in the window, automatic backups, and a quit that closes the database."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta

import pytest
import shiboken6
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from inspector.filestore import sha256_file
from inspector.services import Services
from inspector.services import backup as bk
from inspector.ui.session import Session


@pytest.fixture
def session(qtbot, tmp_path):
    services = Services.open(tmp_path / "town.db", seed=False)
    services.add_site(name="备份前的单位")
    s = Session(services)
    s.show()  # not handed to qtbot: a restore replaces (and deletes) the window
    qtbot.wait(10)  # the window's first status update
    yield s
    s.shutdown()
    if shiboken6.isValid(s.window):
        s.window.close()
        s.window.deleteLater()


@pytest.fixture
def dialogs(monkeypatch):
    """Answers a person would give in the file and message dialogs; records what was shown."""
    shown: dict[str, list] = {"info": [], "warning": [], "question": []}
    answers: dict[str, str] = {}
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (answers["save"], ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (answers["open"], ""))
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: shown["info"].append(text))
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown["warning"].append(text))

    def question(parent, title, text):
        shown["question"].append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    return shown, answers


def file_menu_texts(window) -> list[str]:
    menu = window.menuBar().actions()[0].menu()
    return [a.text() for a in menu.actions() if not a.isSeparator()]


def test_the_file_menu_offers_backup_and_restore(session):
    texts = file_menu_texts(session.window)
    assert "备份…" in texts and "从备份恢复…" in texts


def test_backup_then_restore_from_the_menu_reopens_with_the_backup(qtbot, session, dialogs, tmp_path):
    shown, answers = dialogs
    answers["save"] = str(tmp_path / "U盘" / "周一.inspbak")
    (tmp_path / "U盘").mkdir()
    session.window.backup_action.trigger()  # written in the background
    qtbot.waitUntil(lambda: bool(shown["info"]), timeout=10000)
    assert "周一.inspbak" in shown["info"][0] and (tmp_path / "U盘" / "周一.inspbak").is_file()
    from inspector.ui import undo

    site = session.services.add_site(name="备份后的单位")
    undo.push("改名", lambda name: session.services.save_site({"name": name}, site), "备份后的单位", "改过名的单位")
    old_window, old_services = session.window, session.services

    answers["open"] = str(tmp_path / "U盘" / "周一.inspbak")
    old_window.restore_action.trigger()
    assert "单位 1 家" in shown["question"][0]
    qtbot.waitUntil(lambda: session.window is not old_window, timeout=10000)  # restored on a worker
    assert not shiboken6.isValid(old_window) or not old_window.isVisible()  # closed, then deleted
    with pytest.raises(sqlite3.ProgrammingError):
        old_services.sites()  # the replaced database's connection was closed
    assert [s["name"] for s in session.window.services.sites()] == ["备份前的单位"]
    assert not undo.STACK.canUndo()  # an undo would write into the restored database
    assert "原数据库保留为" in shown["info"][-1]


def test_a_backup_that_cannot_be_written_says_so(qtbot, session, dialogs, tmp_path):
    shown, answers = dialogs
    (tmp_path / "只读").write_text("a file, not a folder")
    answers["save"] = str(tmp_path / "只读" / "b.inspbak")
    session.window.backup_action.trigger()
    qtbot.waitUntil(lambda: bool(shown["warning"]), timeout=10000)
    assert "没有生成备份" in shown["warning"][0] and not shown["info"]


def test_a_bad_backup_is_refused_in_the_window_and_the_database_stays(qtbot, tmp_path, dialogs):
    shown, answers = dialogs
    path = tmp_path / "town.db"
    Services.open(path, seed=False).close()
    before = sha256_file(path)
    session = Session(Services.open(path, seed=False))
    window = session.show()
    qtbot.addWidget(window)
    qtbot.wait(10)
    bad = tmp_path / "坏的.inspbak"
    bad.write_bytes(b"\x00" * 300)
    answers["open"] = str(bad)
    window.restore_action.trigger()
    assert shown["warning"] and "当前数据库未被改动" in shown["warning"][0] and not shown["question"]
    assert session.window is window and window.services.stats() is not None
    session.shutdown()
    assert sha256_file(path) == before


def test_quitting_takes_a_backup_and_closes_the_database(session):
    path = session.path
    services = session.services
    QApplication.instance().aboutToQuit.emit()
    assert [b.path.name for b in bk.auto_backups(path)]
    with pytest.raises(sqlite3.ProgrammingError):
        services.sites()
    wal = path.with_name(path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0  # the .db alone is complete


def test_a_periodic_backup_after_the_interval_of_work(session, qtbot):
    now = [datetime(2026, 3, 2, 9, 0, tzinfo=UTC)]
    session.backups = bk.Backups(session.services.store, session.path, lambda: now[0])
    assert session.timer.isActive()

    def backed_up() -> bool:
        op = session.periodic_backup()
        if op is None:
            return False
        qtbot.waitUntil(lambda: op.finished)  # written on a worker: the window stays responsive
        return session.last_backup is not None

    assert backed_up()  # the first one: there is none yet
    assert not backed_up()  # nothing changed since
    session.services.add_site(name="又一家")
    now[0] += timedelta(minutes=5)
    assert not backed_up()  # too soon
    now[0] += timedelta(minutes=bk.INTERVAL_MINUTES)
    assert backed_up()
    assert len(bk.auto_backups(session.path)) == 2
