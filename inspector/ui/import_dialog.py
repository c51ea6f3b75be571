"""The import preview: the parsed tree and cover metadata, corrected by the officer before saving.

Parsing already ran in the background; this dialog only shows the outline and applies the corrections of
:mod:`inspector.docimport.editing` to it. Titles, units and deadlines are edited in place in the tree; the
selected item's full text, its units with their roles, its note and deadline show below the tree, and the
document's tables have a tab each, as printed.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from inspector.docimport import editing
from inspector.docimport.model import Node, Outline, Table
from inspector.docimport.unitmatch import UnitMatch, rename_units
from inspector.ui.vocabulary import term
from inspector.ui.widgets import ok_cancel, text_colour

KIND_LABELS = {"section": "章节", "subsection": "小节", "task": "任务", "subtask": "子任务"}
COL_NUMBER, COL_TITLE, COL_LEAD, COL_SUPPORT, COL_DEADLINE = range(5)
NODE_ROLE = Qt.ItemDataRole.UserRole + 1


class ImportPreview(QDialog):
    """Shows ``outline``; accepted means “save it as it now is”."""

    def __init__(self, outline: Outline, file_name: str, parent=None, offers: list | None = None,
                 changes: tuple[int, dict[str, list[str]]] | None = None) -> None:
        super().__init__(parent)
        self.outline = outline
        self.offers: list[tuple[UnitMatch, QCheckBox]] = []
        self.setWindowTitle(self.tr("导入预览 — {0}").format(file_name))
        self.resize(1100, 720)
        self.model = QStandardItemModel(self)
        self.model.setHorizontalHeaderLabels(
            [self.tr("编号"), self.tr("标题"), self.tr("牵头/责任单位"), self.tr("配合单位"), self.tr("期限"),
             self.tr("层级")]
        )
        self.tree = QTreeView(self)
        self.tree.setModel(self.model)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.model.itemChanged.connect(self._edited)

        meta = QFormLayout()
        m = outline.meta
        for label, value in ((self.tr("发文单位"), m.issuer), (self.tr("文号"), m.doc_no),
                             (self.tr("标题"), m.title), (self.tr("成文日期"), m.date)):
            meta.addRow(label + "：", QLabel(value or self.tr("（未识别）")))
        counts = self.tr("{0} 个部分，{1} 个小节，{2} 项任务，{3} 张表格").format(
            outline.count("section"), outline.count("subsection"), outline.count("task"), len(outline.tables))
        meta.addRow(self.tr("内容") + "：", QLabel(counts))
        for warning in outline.warnings:
            note = QLabel("⚠ " + warning)
            text_colour(note, "#a15c00")
            note.setWordWrap(True)
            meta.addRow(note)

        reasons = {"简称": self.tr("简称"), "写法不同": self.tr("写法不同")}
        for offer in offers or []:
            box = QCheckBox(self.tr("把“{0}”并入已有的“{1}”（{2}）").format(
                offer.name, offer.known, reasons.get(offer.why, offer.why)), self)
            self.offers.append((offer, box))
            meta.addRow(self.tr("可能是同一单位") + "：" if len(self.offers) == 1 else "", box)

        if changes:
            self.changes = QLabel(self._changes_text(*changes), self)
            self.changes.setWordWrap(True)
            meta.addRow(self.tr("新版本") + "：", self.changes)

        buttons = QHBoxLayout()
        for text, handler, shortcut in (
            (self.tr("与下一条合并"), self._merge, "Ctrl+M"),
            (self.tr("拆分"), self._split, "Ctrl+T"),
            (self.tr("升级"), self._promote, "Ctrl+Left"),
            (self.tr("降级"), self._demote, "Ctrl+Right"),
        ):
            button = QPushButton(f"{text} ({shortcut})", self)
            button.setShortcut(QKeySequence(shortcut))
            button.clicked.connect(handler)
            buttons.addWidget(button)
        buttons.addStretch(1)

        box = ok_cancel(self, self.tr("保存为清单"), save=True)

        self.detail = QTextBrowser(self)
        self.detail.setMaximumHeight(150)
        self.tabs = QTabWidget(self)
        outline_tab = QWidget(self)
        outline_layout = QVBoxLayout(outline_tab)
        outline_layout.setContentsMargins(0, 0, 0, 0)
        outline_layout.addWidget(self.tree, 1)
        outline_layout.addWidget(self.detail)
        self.tabs.addTab(outline_tab, self.tr("条目"))
        for table in outline.tables:
            self.tabs.addTab(self._table_view(table), self.tr("表格：{0}").format(table.title[:16] or "—"))

        layout = QVBoxLayout(self)
        layout.addLayout(meta)
        layout.addLayout(buttons)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(box)
        self.rebuild()
        self.tree.selectionModel().currentChanged.connect(lambda *_: self._show_detail())

    def _changes_text(self, version: int, changes: dict[str, list[str]]) -> str:
        """The comparison with the stored version, item by item (by number), before anything is saved."""
        parts = [self.tr("{0} {1} 项（第 {2} 项）").format(label, len(changes[key]), "、".join(changes[key][:30]))
                 for key, label in (("added", self.tr("新增")), ("removed", self.tr("删除")),
                                    ("reworded", self.tr("改写"))) if changes.get(key)]
        return self.tr("保存后为第 {0} 版。与上一版相比：{1}").format(
            version, "；".join(parts) if parts else self.tr("任务没有变化"))

    def accept(self) -> None:
        """Saving applies the merges the officer ticked, and only those."""
        for offer, box in self.offers:
            if box.isChecked():
                rename_units(self.outline, offer.name, offer.known)
        super().accept()

    def _table_view(self, table: Table) -> QTableView:
        """A table as printed: its own headers, one row per row, lists of names joined with 、."""
        model = QStandardItemModel(len(table.rows), len(table.columns), self)
        model.setHorizontalHeaderLabels(table.columns)
        for r, row in enumerate(table.rows):
            for c, column in enumerate(table.columns):
                value = row.get(column, "")
                item = QStandardItem("、".join(value) if isinstance(value, list) else str(value))
                item.setEditable(False)
                model.setItem(r, c, item)
        view = QTableView(self)
        view.setModel(model)
        view.setWordWrap(True)
        return view

    def _show_detail(self) -> None:
        index = self.current_node()
        self.detail.setHtml(self._detail_html(self.outline.items[index]) if index is not None else "")

    def _detail_html(self, node: Node) -> str:
        lead = "、".join(u.name for u in node.units if u.role == "lead")
        support = "、".join(u.name for u in node.units if u.role == "support")
        parts = [f"<p>{escape(node.number)} {escape(node.text).replace(chr(10), '<br>')}</p>"]
        if lead:
            parts.append(f"<p><b>{self.tr('牵头/责任单位')}：</b>{escape(lead)}</p>")
        if support:
            parts.append(f"<p><b>{self.tr('配合单位')}：</b>{escape(support)}</p>")
        if node.note:
            parts.append(f"<p><b>{self.tr('说明')}：</b>{escape(node.note)}</p>")
        if node.deadline or node.deadline_text:
            shown = " ".join(x for x in (node.deadline_text, f"（{node.deadline}）" if node.deadline else "") if x)
            parts.append(f"<p><b>{self.tr('期限')}：</b>{escape(shown)}</p>")
        return "".join(parts)

    # -- the tree -------------------------------------------------------------------------------------------
    def rebuild(self, select: int | None = None) -> None:
        self.model.blockSignals(True)
        self.model.removeRows(0, self.model.rowCount())
        rows: list[list[QStandardItem]] = []
        for index, node in enumerate(self.outline.items):
            lead = "、".join(u.name for u in node.units if u.role == "lead")
            support = "、".join(u.name for u in node.units if u.role == "support")
            cells = [QStandardItem(node.number), QStandardItem(node.title or node.text[:40]),
                     QStandardItem(lead), QStandardItem(support),
                     QStandardItem(node.deadline or node.deadline_text or ""),
                     QStandardItem(term(KIND_LABELS[node.kind]))]
            for col, cell in enumerate(cells):
                cell.setData(index, NODE_ROLE)
                cell.setToolTip(node.text)
                cell.setEditable((col in (COL_TITLE, COL_LEAD, COL_SUPPORT, COL_DEADLINE) and node.kind != "section")
                                 or col == COL_TITLE)
            parent = rows[node.parent][0] if node.parent is not None else self.model.invisibleRootItem()
            parent.appendRow(cells)
            rows.append(cells)
        self.model.blockSignals(False)
        self.tree.expandAll()
        for col, width in ((COL_NUMBER, 110), (COL_TITLE, 380), (COL_LEAD, 260), (COL_SUPPORT, 140)):
            self.tree.setColumnWidth(col, width)
        if select is not None and select < len(rows):
            self.tree.setCurrentIndex(rows[select][0].index())
        self._show_detail()

    def current_node(self) -> int | None:
        index = self.tree.currentIndex()
        return index.data(NODE_ROLE) if index.isValid() else None

    def _edited(self, item: QStandardItem) -> None:
        node = self.outline.items[item.data(NODE_ROLE)]
        value = item.text().strip()
        col = item.column()
        try:
            if col == COL_TITLE:
                node.title = value
            elif col in (COL_LEAD, COL_SUPPORT):
                lead = value if col == COL_LEAD else "、".join(u.name for u in node.units if u.role == "lead")
                support = value if col == COL_SUPPORT else "、".join(
                    u.name for u in node.units if u.role == "support")
                editing.set_units(node, lead, support)
            elif col == COL_DEADLINE:
                editing.set_deadline(node, value, self.outline.meta.year)
        except ValueError as exc:
            QMessageBox.warning(self, self.tr("无法修改"), str(exc))
            self.rebuild(item.data(NODE_ROLE))

    def _apply(self, action) -> None:
        index = self.current_node()
        if index is None:
            QMessageBox.information(self, self.tr("请先选择"), self.tr("请先在树中选择一个条目。"))
            return
        try:
            result = action(self.outline, index)
        except ValueError as exc:
            QMessageBox.warning(self, self.tr("无法执行"), str(exc))
            return
        self.rebuild(result if isinstance(result, int) else index)

    def _merge(self) -> None:
        self._apply(editing.merge_with_next)

    def _split(self) -> None:
        self._apply(editing.split)

    def _promote(self) -> None:
        self._apply(editing.promote)

    def _demote(self) -> None:
        self._apply(editing.demote)
