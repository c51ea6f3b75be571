"""The main window: a navigation bar on the left, one page per part of the officer's work.

Pages are built the first time they are shown, so the window opens fast on a large database. After anything is
saved a page emits ``sig_changed``; the window refreshes the status bar and marks the other pages stale.
Files dropped on the window (or chosen with 导入文件, Ctrl+O) are parsed in the background, shown in the
import preview, and saved through the services.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, QSize, QTimer, Signal
from PySide6.QtGui import QAction, QFontMetrics, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QTableView,
    QToolBar,
    QWidget,
)

from inspector.services import Services
from inspector.ui import background, qtfix, qtvalues
from inspector.ui.background import Operation, show_error

SUPPORTED = (".txt", ".md", ".docx", ".pdf", ".doc", ".wps")
PAGE_CLASSES = {"tasks": ("tasks_page", "TasksPage"), "inspections": ("inspections_page", "InspectionsPage"),
                "findings": ("findings_page", "FindingsPage"), "sites": ("sites_page", "SitesPage"),
                "reports": ("reports_page", "ReportsPage"), "sync": ("sync_page", "SyncPage"),
                "settings": ("settings_page", "SettingsPage"), "plans": ("plans_page", "PlansPage"),
                "district": ("district_page", "DistrictPage")}


def _backup_actions():
    """The 备份/恢复 menu entries' module, loaded when one is chosen: with it come zip and hashing, which the
    window does not need to appear."""
    from inspector.ui import backup_actions

    return backup_actions


class MainWindow(QMainWindow):
    sig_changed = Signal()
    """Emitted after anything was saved; views refresh themselves."""

    PAGES = ("tasks", "inspections", "findings", "sites", "reports", "sync", "settings", "plans", "district")

    def __init__(self, services: Services) -> None:
        super().__init__()
        sys.setswitchinterval(0.002)  # workers hand the interpreter back within 2 ms, so repaints never wait long
        qtfix.collect_on_gui_thread(QApplication.instance())  # widgets are never freed on a worker thread
        self.services = services
        self.job: Operation | None = None
        self.pages: dict[str, QWidget] = {}
        self.stale: set[str] = set()
        self.setWindowTitle(self.tr("Inspector 安全检查 — {0}").format(services.path.name))
        self.setAcceptDrops(True)

        labels = {"tasks": self.tr("工作任务"), "inspections": self.tr("检查"), "findings": self.tr("隐患"),
                  "sites": self.tr("单位"), "reports": self.tr("报表"), "sync": self.tr("同步"),
                  "settings": self.tr("设置"), "plans": self.tr("计划"),
                  "district": self.tr("统计考核")}
        self.nav = QListWidget(self)
        self.nav.setObjectName("nav")
        for n, key in enumerate(self.PAGES, 1):
            self.nav.addItem(f"{labels[key]}")
            self.nav.item(n - 1).setToolTip(f"Ctrl+{n}")
        self.nav.setFixedWidth(110)
        self._roomy_nav()
        self.stack = QStackedWidget(self)
        for _ in self.PAGES:
            self.stack.addWidget(QWidget(self))
        central = QWidget(self)
        row = QHBoxLayout(central)
        row.setContentsMargins(4, 4, 4, 0)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.nav.currentRowChanged.connect(self.show_page)

        toolbar = QToolBar(self.tr("工具栏"), self)
        toolbar.setObjectName("main_toolbar")
        self.import_action = self._action(self.tr("导入文件…"), QKeySequence.StandardKey.Open, self.choose_file)
        self.new_action = self._action(self.tr("新建检查"), QKeySequence.StandardKey.New, self.new_inspection)
        self.find_action = self._action(self.tr("查找隐患"), QKeySequence.StandardKey.Find, self.find)
        from inspector.ui import undo

        self.undo_action = undo.STACK.createUndoAction(self, self.tr("撤销"))
        qtvalues.set_shortcut(self.undo_action, QKeySequence.StandardKey.Undo)
        self.redo_action = undo.STACK.createRedoAction(self, self.tr("重做"))
        qtvalues.set_shortcut(self.redo_action, QKeySequence.StandardKey.Redo)
        self.save_action = self._action(self.tr("保存"), QKeySequence.StandardKey.Save, self.save_now)
        self.print_action = self._action(self.tr("打印"), QKeySequence.StandardKey.Print,
                                         lambda: self.go("reports"))
        for action in (self.import_action, self.new_action, self.find_action, self.undo_action, self.redo_action):
            toolbar.addAction(action)
            self.addAction(action)
        self.addToolBar(toolbar)
        self._build_menus(labels)
        self.status = QLabel(self)
        self.statusBar().addPermanentWidget(self.status)
        self.sig_changed.connect(self.on_changed)
        self._restore_layout()
        self.nav.setCurrentRow(0)
        QTimer.singleShot(0, self.update_status)  # counts come right after the window is usable

    def _action(self, text: str, keys, handler) -> QAction:
        action = QAction(text, self)
        qtvalues.set_shortcut(action, keys)
        action.triggered.connect(handler)
        self.addAction(action)
        return action

    def _build_menus(self, labels: dict[str, str]) -> None:
        """Every action in a menu too, so all of it is reachable from the keyboard (Alt, arrows, Enter)."""
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("文件(&F)"))
        file_menu.addAction(self.import_action)
        self.backup_action = self._action(self.tr("备份…"), QKeySequence(), lambda: _backup_actions().backup_now(self))
        self.restore_action = self._action(self.tr("从备份恢复…"), QKeySequence(),
                                           lambda: _backup_actions().restore_from(self))
        file_menu.addSeparator()
        file_menu.addActions([self.backup_action, self.restore_action])
        file_menu.addSeparator()
        quit_action = self._action(self.tr("退出"), QKeySequence.StandardKey.Quit, self.close)
        file_menu.addAction(quit_action)
        edit_menu = bar.addMenu(self.tr("编辑(&E)"))
        for action in (self.undo_action, self.redo_action, self.save_action):
            edit_menu.addAction(action)
        work_menu = bar.addMenu(self.tr("检查(&I)"))
        for action in (self.new_action, self.find_action, self.print_action):
            work_menu.addAction(action)
        go_menu = bar.addMenu(self.tr("转到(&G)"))
        for n, key in enumerate(self.PAGES, 1):
            go_menu.addAction(self._action(labels[key], QKeySequence(f"Ctrl+{n}"),
                                           lambda _=False, n=n: self.nav.setCurrentRow(n - 1)))

    # -- pages ----------------------------------------------------------------------------------------------
    def page(self, key: str) -> QWidget:
        """The page for ``key``, built on first use."""
        if key not in self.pages:
            import importlib

            module_name, class_name = PAGE_CLASSES[key]
            maker = getattr(importlib.import_module(f"inspector.ui.{module_name}"), class_name)  # loaded when needed
            index = self.PAGES.index(key)
            page = maker(self.services, self)
            old = self.stack.widget(index)
            self.stack.removeWidget(old)
            old.deleteLater()
            self.stack.insertWidget(index, page)
            if hasattr(page, "sig_changed"):
                page.sig_changed.connect(lambda key=key: self.changed_on(key))
            if hasattr(page, "sig_print"):
                page.sig_print.connect(self.print_document)
            if hasattr(page, "sig_printed"):
                page.sig_printed.connect(self.show_printed)
            if hasattr(page, "sig_show_findings"):
                page.sig_show_findings.connect(lambda site_id, name: self.go("findings").show_site(site_id, name))
            self.pages[key] = page
            self._restore_page_layout(key, page)
        return self.pages[key]

    def _roomy_nav(self) -> None:
        """Large entries, easy to hit: a 15-pixel font and 10 pixels above and below each. (Set through the font
        and each entry's size, not a style sheet: the first style sheet of the program re-polishes the whole
        window, 15–18 ms of start-up.)"""
        font = self.nav.font()
        font.setPixelSize(15)
        self.nav.setFont(font)
        size = QSize(self.nav.width() - 2 * self.nav.frameWidth(), QFontMetrics(font).height() + 20)
        for n in range(self.nav.count()):
            self.nav.item(n).setSizeHint(size)

    def _layout_parts(self, page: QWidget) -> list[tuple[str, Any]]:
        """The parts of a page whose layout is remembered: splitters and table column widths."""
        parts: list[tuple[str, Any]] = [(f"splitter{i}", s) for i, s in enumerate(page.findChildren(QSplitter))]
        parts += [(f"header{i}", v.horizontalHeader()) for i, v in enumerate(page.findChildren(QTableView))]
        return parts

    def _restore_page_layout(self, key: str, page: QWidget) -> None:
        settings = QSettings()
        for name, part in self._layout_parts(page):
            state = settings.value(f"layout/{key}/{name}")
            if state is not None:
                part.restoreState(state)

    def _save_page_layouts(self) -> None:
        settings = QSettings()
        for key, page in self.pages.items():
            for name, part in self._layout_parts(page):
                settings.setValue(f"layout/{key}/{name}", part.saveState())

    def show_page(self, row: int) -> None:
        key = self.PAGES[row]
        page = self.page(key)
        if key in self.stale and hasattr(page, "refresh"):
            page.refresh()
        self.stale.discard(key)
        self.stack.setCurrentWidget(page)

    def go(self, key: str) -> QWidget:
        self.nav.setCurrentRow(self.PAGES.index(key))
        return self.pages[key]

    def changed_on(self, key: str) -> None:
        self.stale |= set(self.pages) - {key}
        self.update_status()

    def on_changed(self) -> None:
        self.stale |= set(self.pages)
        current = self.PAGES[self.nav.currentRow()]
        self.show_page(self.nav.currentRow())
        self.stale.discard(current)
        self.update_status()

    def update_status(self) -> None:
        """Count once, on a worker, after a change; a newer request replaces one still running."""
        Operation(self, lambda task: task.services.status_summary(), services=self.services, key="status",
                  error_title=self.tr("无法统计"), warm=True).success(self.show_status).run_in_background()

    def show_status(self, c: dict[str, int]) -> None:
        self.status.setText(self.tr(
            "工作清单 {0} 份 · 任务 {1} 项 · 单位 {2} 家 · 未整改隐患 {3} 条 · 逾期 {4} · 重大 {5}").format(
            c["checklists"], c["tasks"], c["sites"], c["open"], c["overdue"], c["major"]))

    # -- actions --------------------------------------------------------------------------------------------
    def print_document(self, kind: str, key: str, record_id: str) -> None:
        """A context action elsewhere asked for a document: open 报表 with it chosen and generate it."""
        page = self.go("reports")
        page.select(kind, **{key: record_id})
        page.generate()

    def show_printed(self, path: str) -> None:
        """A batch print finished: 报表 shows the joined PDF, ready for 打印…."""
        from inspector.services.reports import ReportResult

        self.go("reports").show_result(ReportResult(Path(path)))

    def save_now(self) -> None:
        """Ctrl+S: everything is saved when a field is left; leaving the current field saves it now."""
        focused = QApplication.focusWidget()
        if focused is not None:
            focused.clearFocus()
            focused.setFocus()
        self.statusBar().showMessage(self.tr("已保存"), 2000)

    def new_inspection(self) -> None:
        self.go("inspections").new_inspection()

    def find(self) -> None:
        page = self.go("findings")
        page.search.setFocus()
        page.search.selectAll()

    # -- layout memory --------------------------------------------------------------------------------------
    def _restore_layout(self) -> None:
        settings = QSettings()
        geometry = settings.value("main/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1360, 820)

    def closeEvent(self, event) -> None:
        background.shutdown()  # reads are cancelled, writes finish before the connections close
        QSettings().setValue("main/geometry", self.saveGeometry())
        self._save_page_layouts()
        super().closeEvent(event)

    # -- importing ------------------------------------------------------------------------------------------
    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("导入工作意见文件"), "", self.tr("工作意见 (*.txt *.md *.docx *.pdf *.doc *.wps)"))
        if path:
            self.import_file(Path(path))

    def dragEnterEvent(self, event) -> None:
        urls = event.mimeData().urls()
        if urls and urls[0].toLocalFile().lower().endswith(SUPPORTED):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        for url in event.mimeData().urls():
            self.import_file(Path(url.toLocalFile()))
            break

    def import_file(self, path: Path) -> None:
        """Recognise a file already imported, or parse it in the background with a progress dialog and show the
        preview — once the progress dialog is gone (it is deleted when the result's callback returns), so nothing
        of it can stay over the preview. A new version of a stored plan is compared with it before saving."""
        def read(task):
            known = task.services.known_file(path)
            if known:
                return known, None, None
            outline = self.services.parse(path)
            changes = task.services.compare_with_previous(path, outline)
            return None, outline, changes

        self.job = Operation(self, read, services=self.services, key="import",
                             error_title=self.tr("无法导入")).success(
            lambda found: QTimer.singleShot(0, self, lambda: self._read(path, *found))).with_progress(
            self.tr("正在读取“{0}”…").format(path.name), maximum=0).run_in_background()

    def _read(self, path: Path, known, outline, changes) -> None:
        if known:
            QMessageBox.information(self, self.tr("已导入过"), self.tr(
                "“{0}”已经导入过（《{1}》第 {2} 版，{3}），不再重复导入。已为你打开这份清单。").format(
                path.name, known["title"] or known["file_name"], known["version"], (known["created_at"] or "")[:10]))
            if known["checklist_id"]:
                self.go("tasks").select_checklist(known["checklist_id"])
            return
        self.preview(path, outline, changes)

    def preview(self, path: Path, outline, changes=None) -> None:
        from inspector.ui.import_dialog import ImportPreview

        dialog = ImportPreview(outline, path.name, self, offers=self.services.unit_merge_offers(outline),
                               changes=changes)
        self.last_preview = dialog
        if dialog.exec() != ImportPreview.DialogCode.Accepted:
            return
        outline = dialog.outline
        Operation(self, lambda task: task.services.import_document(path, outline), services=self.services,
                  error_title=self.tr("无法保存")).success(self.imported).with_progress(
            self.tr("正在保存“{0}”…").format(path.name), maximum=0, cancellable=False).run_in_background()

    def imported(self, result) -> None:
        if result.duplicate:
            QMessageBox.information(self, self.tr("已导入过"), self.tr("该文件已经导入过，未重复保存。"))
        elif result.version > 1:
            ch = result.changes
            listed = "".join(self.tr("\n{0}：第 {1} 项").format(label, "、".join(ch[key][:30]))
                             for key, label in (("added", self.tr("新增")), ("removed", self.tr("删除")),
                                                ("reworded", self.tr("改写"))) if ch.get(key))
            QMessageBox.information(self, self.tr("新版本"), self.tr(
                "已保存为第 {0} 版。与上一版相比：新增 {1} 项，删除 {2} 项，改写 {3} 项。").format(
                result.version, len(ch.get("added", [])), len(ch.get("removed", [])), len(ch.get("reworded", [])))
                + listed)
        self.sig_changed.emit()
        self.go("tasks").select_checklist(result.checklist_id)

    def show_error(self, title: str, exc: Exception) -> None:
        show_error(self, title, exc)
