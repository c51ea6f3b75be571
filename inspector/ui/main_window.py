"""The main window: checklists on the left, the selected checklist's tree on the right, the task text below.

Files dropped on the window (or chosen with 导入文件, Ctrl+O) are parsed in the background, shown in the
import preview, and saved through the services.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QListView,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QSplitter,
    QTextBrowser,
    QToolBar,
    QTreeView,
)

from inspector.errors import InspectorError
from inspector.services import Services
from inspector.ui.background import Job, run_in_background

SUPPORTED = (".txt", ".md", ".docx", ".pdf", ".doc", ".wps")
ID_ROLE = Qt.ItemDataRole.UserRole + 1


class MainWindow(QMainWindow):
    sig_changed = Signal()
    """Emitted after anything was saved; views refresh themselves."""

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self.job: Job | None = None
        self.setWindowTitle(self.tr("Inspector 安全检查 — {0}").format(services.path.name))
        self.setAcceptDrops(True)

        self.lists_model = QStandardItemModel(self)
        self.lists = QListView(self)
        self.lists.setModel(self.lists_model)
        self.lists.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.lists.setWordWrap(True)
        self.lists.selectionModel().currentChanged.connect(self._show_checklist)

        self.items_model = QStandardItemModel(self)
        self.tree = QTreeView(self)
        self.tree.setModel(self.items_model)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setEditTriggers(QTreeView.EditTrigger.NoEditTriggers)
        self.tree.selectionModel().currentChanged.connect(self._show_item)

        self.detail = QTextBrowser(self)
        right = QSplitter(Qt.Orientation.Vertical, self)
        right.addWidget(self.tree)
        right.addWidget(self.detail)
        right.setSizes([520, 160])
        self.splitter = QSplitter(self)
        self.splitter.addWidget(self.lists)
        self.splitter.addWidget(right)
        self.splitter.setSizes([320, 900])
        self.setCentralWidget(self.splitter)

        toolbar = QToolBar(self.tr("工具栏"), self)
        toolbar.setObjectName("main_toolbar")
        self.import_action = QAction(self.tr("导入文件…"), self)
        self.import_action.setShortcut(QKeySequence.StandardKey.Open)
        self.import_action.triggered.connect(self.choose_file)
        toolbar.addAction(self.import_action)
        self.addToolBar(toolbar)
        self.status = QLabel(self)
        self.statusBar().addPermanentWidget(self.status)

        self.sig_changed.connect(self.refresh)
        self.refresh()
        self._restore_layout()

    # -- layout memory --------------------------------------------------------------------------------------
    def _restore_layout(self) -> None:
        settings = QSettings()
        geometry = settings.value("main/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 780)
        state = settings.value("main/splitter")
        if state is not None:
            self.splitter.restoreState(state)

    def closeEvent(self, event) -> None:
        settings = QSettings()
        settings.setValue("main/geometry", self.saveGeometry())
        settings.setValue("main/splitter", self.splitter.saveState())
        super().closeEvent(event)

    # -- showing --------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        current = self.lists.currentIndex().data(ID_ROLE)
        self.lists_model.clear()
        groups = {"workplan": self.tr("工作任务清单"), "template": self.tr("检查表模板")}
        select = None
        for kind, label in groups.items():
            header = QStandardItem(label)
            header.setSelectable(False)
            font = header.font()
            font.setBold(True)
            header.setFont(font)
            self.lists_model.appendRow(header)
            for row in self.services.checklists(kind):
                suffix = f"（{row['tasks']} 项）"
                version = self.tr("，第{0}版").format(row["version"]) if row["version"] > 1 else ""
                item = QStandardItem(f"  {row['name']}{suffix}{version}")
                item.setData(row["id"], ID_ROLE)
                item.setToolTip(" ".join(filter(None, [row.get("issuer"), row.get("doc_no")])))
                self.lists_model.appendRow(item)
                if row["id"] == current or (select is None and current is None):
                    select = item
        if select is not None:
            self.lists.setCurrentIndex(select.index())
        QTimer.singleShot(0, self.update_status)  # counts come right after the window is usable

    def update_status(self) -> None:
        stats = self.services.stats()
        self.status.setText(self.tr("工作清单 {0} 份 · 任务 {1} 项 · 单位 {2} 家 · 隐患 {3} 条").format(
            stats["checklists"], stats["tasks"], stats["sites"], stats["findings"]["total"]))

    def _show_checklist(self, index) -> None:
        checklist_id = index.data(ID_ROLE)
        self.items_model.clear()
        self.items_model.setHorizontalHeaderLabels(
            [self.tr("编号"), self.tr("标题"), self.tr("责任单位"), self.tr("期限")])
        self.detail.clear()
        if not checklist_id:
            return
        nodes: dict[str, QStandardItem] = {}
        for item in self.services.checklist_items(checklist_id):
            units = "、".join(u["name"] + ("（配合）" if u["role"] == "support" else "") for u in item["units"])
            cells = [QStandardItem(item["number"] or ""), QStandardItem(item["title"] or ""),
                     QStandardItem(units), QStandardItem(item["deadline"] or item["deadline_text"] or "")]
            cells[0].setData(item["id"], ID_ROLE)
            cells[1].setData(item, ID_ROLE)
            cells[1].setToolTip(item["text"] or "")
            parent = nodes.get(item["parent_id"]) or self.items_model.invisibleRootItem()
            parent.appendRow(cells)
            nodes[item["id"]] = cells[0]
        self.tree.expandAll()
        for col, width in ((0, 90), (1, 460), (2, 320)):
            self.tree.setColumnWidth(col, width)

    def _show_item(self, index) -> None:
        item = index.siblingAtColumn(1).data(ID_ROLE)
        if not item:
            return
        units = "、".join(u["name"] for u in item["units"])
        parts = [f"<h3>{item['number'] or ''} {item['title'] or ''}</h3>", f"<p>{item['text'] or ''}</p>"]
        if units:
            parts.append(f"<p><b>{self.tr('责任单位')}：</b>{units}</p>")
        if item.get("legal_basis"):
            parts.append(f"<p><b>{self.tr('依据')}：</b>{item['legal_basis']}</p>")
        if item.get("deadline_text"):
            parts.append(f"<p><b>{self.tr('期限')}：</b>{item['deadline_text']}（{item['deadline'] or ''}）</p>")
        self.detail.setHtml("".join(parts).replace("\n", "<br>"))

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
        """Parse in the background with a progress dialog, then show the preview."""
        progress = QProgressDialog(self.tr("正在读取“{0}”…").format(path.name), self.tr("取消"), 0, 0, self)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)

        def work(progress, cancelled):
            return self.services.parse(path)

        def done(outline) -> None:
            cancelled = progress.wasCanceled()
            progress.hide()  # close() would emit canceled()
            if not cancelled:
                self.preview(path, outline)

        def failed(exc: Exception) -> None:
            progress.hide()
            self.show_error(self.tr("无法导入"), exc)

        self.job = run_in_background(work, done, failed)
        progress.canceled.connect(self.job.cancel)

    def preview(self, path: Path, outline) -> None:
        from inspector.ui.import_dialog import ImportPreview

        dialog = ImportPreview(outline, path.name, self)
        self.last_preview = dialog
        if dialog.exec() != ImportPreview.DialogCode.Accepted:
            return
        try:
            result = self.services.import_document(path, dialog.outline)
        except InspectorError as exc:
            self.show_error(self.tr("无法保存"), exc)
            return
        if result.duplicate:
            QMessageBox.information(self, self.tr("已导入过"), self.tr("该文件已经导入过，未重复保存。"))
        elif result.version > 1:
            ch = result.changes
            QMessageBox.information(self, self.tr("新版本"), self.tr(
                "已保存为第 {0} 版。与上一版相比：新增 {1} 项，删除 {2} 项，改写 {3} 项。").format(
                result.version, len(ch.get("added", [])), len(ch.get("removed", [])), len(ch.get("reworded", []))))
        self.sig_changed.emit()
        self._select_checklist(result.checklist_id)

    def _select_checklist(self, checklist_id: str) -> None:
        for row in range(self.lists_model.rowCount()):
            item = self.lists_model.item(row)
            if item.data(ID_ROLE) == checklist_id:
                self.lists.setCurrentIndex(item.index())

    def show_error(self, title: str, exc: Exception) -> None:
        text = str(exc) if isinstance(exc, InspectorError) else self.tr("意外错误：{0}").format(exc)
        QMessageBox.warning(self, title, text)
