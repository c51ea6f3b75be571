"""The background helper: results on the GUI thread, own connection per worker, stale results dropped, cancel."""

from __future__ import annotations

import sqlite3
import threading
import time

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QPushButton, QWidget

from inspector.errors import RuleError
from inspector.ui import background
from inspector.ui.background import Operation
from tests.ui.driver import DialogDriver


def widget(qtbot) -> QWidget:
    w = QWidget()
    qtbot.addWidget(w)
    w.show()
    return w


def test_work_runs_off_the_gui_thread_with_its_own_connection(qtbot, services):
    services.add_site(name="上海恒达餐饮有限公司")
    seen: dict = {}

    def work(task):
        seen["thread"] = threading.get_ident()
        seen["own"] = task.services is not services and task.services.store.db is not services.store.db
        return task.services.sites()[0]["name"]

    def done(name):
        seen["result"], seen["callback_thread"] = name, QThread.currentThread()

    Operation(widget(qtbot), work, services=services).success(done).run_in_background()
    qtbot.waitUntil(lambda: "result" in seen, timeout=5000)
    assert seen["result"] == "上海恒达餐饮有限公司" and seen["own"]
    assert seen["thread"] != threading.get_ident()
    assert seen["callback_thread"] is QApplication.instance().thread()


def test_first_parts_and_failures_arrive_on_the_gui_thread_too(qtbot):
    threads: dict = {}

    def work(task):
        task.partial("第一屏")
        raise RuleError("整改期限不能早于检查日期")

    Operation(widget(qtbot), work).partial(lambda _: threads.setdefault("partial", QThread.currentThread())).failure(
        lambda _: threads.setdefault("failure", QThread.currentThread())).run_in_background()
    qtbot.waitUntil(lambda: len(threads) == 2, timeout=5000)
    assert threads["partial"] is QApplication.instance().thread()
    assert threads["failure"] is QApplication.instance().thread()


def test_a_failure_reaches_the_failure_callback(qtbot):
    errors: list = []

    def work(task):
        raise RuleError("不能保存。")

    Operation(widget(qtbot), work).success(lambda r: errors.append("success")).failure(errors.append) \
        .run_in_background()
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert isinstance(errors[0], RuleError)


def test_a_failure_without_callback_is_shown_not_swallowed(qtbot):
    shown: list = []
    driver = DialogDriver().then(QMessageBox, lambda box: (shown.append(box.text()), box.accept()))
    Operation(widget(qtbot), lambda task: 1 / 0, error_title="无法生成").run_in_background()
    driver.wait(qtbot)
    assert "意外错误" in shown[0]


def test_a_newer_operation_with_the_same_key_drops_the_older_result(qtbot):
    parent = widget(qtbot)
    results: list = []
    release = threading.Event()

    def slow(task):
        release.wait(5)
        return "old"

    old = Operation(parent, slow, key="search").success(results.append).run_in_background()
    Operation(parent, lambda task: "new", key="search").success(results.append).run_in_background()
    qtbot.waitUntil(lambda: results == ["new"], timeout=5000)
    assert old.task.cancelled()
    release.set()
    qtbot.waitUntil(lambda: not background.busy(), timeout=5000)
    assert results == ["new"]


def test_other_keys_and_other_parents_do_not_replace_each_other(qtbot):
    a, b = widget(qtbot), widget(qtbot)
    results: list = []
    for parent, key in ((a, "x"), (a, "y"), (b, "x")):
        Operation(parent, lambda task, k=key: k, key=key).success(results.append).run_in_background()
    qtbot.waitUntil(lambda: len(results) == 3, timeout=5000)
    assert sorted(results) == ["x", "x", "y"]


def test_cancel_in_the_progress_dialog_stops_the_work_and_drops_its_result(qtbot):
    outcome: list = []
    steps: list = []

    def work(task):
        for n in range(200):
            if task.cancelled():
                return "stopped"
            task.progress(n // 2, f"第 {n} 步")
            steps.append(n)
            time.sleep(0.01)
        return "finished"

    driver = DialogDriver().then(QProgressDialog, lambda dialog: dialog.findChild(QPushButton).click())
    Operation(widget(qtbot), work).success(lambda r: outcome.append(("success", r))).cancelled(
        lambda r: outcome.append(("cancelled", r))).with_progress("正在生成…").run_in_background()
    driver.wait(qtbot)
    qtbot.waitUntil(lambda: bool(outcome), timeout=5000)
    assert outcome == [("cancelled", "stopped")] and len(steps) < 200


def test_work_that_cannot_stop_has_no_cancel_button(qtbot):
    labels: list = []
    release = threading.Event()

    def look(dialog) -> None:
        labels.extend(b.text() for b in dialog.findChildren(QPushButton))
        release.set()

    driver = DialogDriver().then(QProgressDialog, look)
    op = Operation(widget(qtbot), lambda task: release.wait(5)).with_progress("正在导入…", cancellable=False)
    op.run_in_background()
    driver.wait(qtbot)
    qtbot.waitUntil(lambda: op.finished, timeout=5000)
    assert "取消" not in labels


def test_a_closed_page_gets_no_result(qtbot):
    parent = QWidget()
    results: list = []
    release = threading.Event()
    Operation(parent, lambda task: release.wait(5) and "late").success(results.append).run_in_background()
    parent.deleteLater()
    qtbot.waitUntil(lambda: not background.busy(), timeout=5000)
    release.set()
    assert background.shutdown(5000)
    QApplication.processEvents()
    assert results == []


def test_a_first_part_arrives_before_the_result_and_not_after_it_went_stale(qtbot):
    parent = widget(qtbot)
    seen: list = []
    release = threading.Event()

    def work(task):
        task.partial("first page")
        release.wait(5)
        task.partial("late part")
        return "whole list"

    old = Operation(parent, work, key="filter").partial(seen.append).success(seen.append).run_in_background()
    qtbot.waitUntil(lambda: seen == ["first page"], timeout=5000)
    Operation(parent, lambda task: "newer", key="filter").success(seen.append).run_in_background()
    qtbot.waitUntil(lambda: seen[-1] == "newer", timeout=5000)
    release.set()
    qtbot.waitUntil(lambda: old.finished, timeout=5000)
    assert seen == ["first page", "newer"]


class _Painted(QWidget):
    """A widget that notes each time it is painted."""

    def __init__(self, log: list) -> None:
        super().__init__()
        self.log = log

    def paintEvent(self, event) -> None:
        time.sleep(0.1)  # a slow paint: a worker that did not wait for it would go on meanwhile
        self.log.append("painted")


def test_a_worker_waiting_on_its_first_part_goes_on_only_after_the_window_painted_it(qtbot):
    """A search's worker reads the full list only once its first screen is on screen: the order is shown, painted,
    then the worker's next step (so that step never competes with the paint for the interpreter)."""
    log: list = []
    parent = _Painted(log)
    qtbot.addWidget(parent)
    parent.show()
    qtbot.waitUntil(lambda: "painted" in log, timeout=5000)
    log.clear()

    def work(task):
        task.partial("first screen", wait=5)
        log.append("worker goes on")
        return "full list"

    def shown(_value):
        log.append("shown")
        parent.update()  # as a model reset asks its view to repaint

    Operation(parent, work, key="filter").partial(shown).success(log.append).run_in_background()
    qtbot.waitUntil(lambda: "full list" in log, timeout=5000)
    assert log[:3] == ["shown", "painted", "worker goes on"]


def test_a_replaced_operation_waiting_on_its_first_part_is_let_go_at_once(qtbot):
    parent = widget(qtbot)
    waited: list = []
    started = threading.Event()

    def work(task):
        started.set()
        time.sleep(0.2)  # the newer operation replaces this one meanwhile
        start = time.monotonic()
        task.partial("stale", wait=30)
        waited.append(time.monotonic() - start)

    Operation(parent, work, key="filter").partial(lambda v: None).run_in_background()
    assert started.wait(5)
    Operation(parent, lambda task: "newer", key="filter").run_in_background()
    qtbot.waitUntil(lambda: bool(waited) and not background.busy(), timeout=10000)
    assert waited[0] < 5


def test_warm_operations_share_a_kept_connection_that_closes_with_the_services(qtbot, services):
    parent = widget(qtbot)
    seen: list = []

    def work(task):
        seen.append(task.services.store.db.conn)
        return task.services.store.scalar("SELECT count(*) FROM sites")

    for warm in (True, True, False, False):
        Operation(parent, work, services=services, warm=warm).run_in_background()
        qtbot.waitUntil(lambda: not background.busy(), timeout=5000)
    assert seen[0] is seen[1]  # the second read found the first one's connection, page cache and all
    assert seen[2] is not seen[0] and seen[3] is not seen[2]
    services.close()
    with pytest.raises(sqlite3.ProgrammingError):
        seen[0].execute("SELECT 1")


def test_cancelling_after_the_work_is_done_never_interrupts_a_handed_back_connection(qtbot, services, monkeypatch):
    """A kept connection may be running another operation's read by the time an old one is cancelled."""
    parent = widget(qtbot)
    interrupted: list = []
    monkeypatch.setattr(type(services), "interrupt", lambda self: interrupted.append(self))
    op = Operation(parent, lambda task: task.services.sites(), services=services, warm=True).run_in_background()
    qtbot.waitUntil(lambda: not background.busy(), timeout=5000)
    op.cancel()
    assert interrupted == []


def test_an_operation_can_be_cancelled_by_its_key(qtbot):
    parent = widget(qtbot)
    seen: list = []

    def work(task):
        end = time.monotonic() + 10
        while not task.cancelled() and time.monotonic() < end:
            time.sleep(0.01)
        return "read whole"

    Operation(parent, work, key="head").success(seen.append).run_in_background()
    Operation(parent, lambda task: "other", key="filter").success(seen.append).run_in_background()
    qtbot.waitUntil(lambda: seen == ["other"], timeout=5000)
    start = time.monotonic()
    background.cancel(parent, "head")
    background.cancel(parent, "nothing runs with this key")
    qtbot.waitUntil(lambda: not background.busy(), timeout=5000)
    assert time.monotonic() - start < 5 and seen == ["other"]
