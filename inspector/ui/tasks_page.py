"""The 工作任务 page: work-plan checklists as trees, filtered by unit and status, with each task's follow-up.

A town officer picks "各街镇" to see the tasks the town must carry out, writes the quarterly progress, sets the
status and, at the end, the closing note. Every field is saved as soon as it is left (the status bar says
“已保存”). 我的全部任务 lists the town's tasks of every current work plan at once, one branch per plan; 打印任务落实
情况表 prints the plan shown (in 我的全部任务, the town's share of every current plan) through the 报表 page.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from inspector.errors import InspectorError
from inspector.services import Services
from inspector.services.tasks import ALL_WORK_PLANS, LATE, STATUSES, effective_status, is_town_share
from inspector.ui import qtvalues, undo
from inspector.ui.background import Operation
from inspector.ui.vocabulary import term
from inspector.ui.widgets import as_html, show_saved, text_colour
from inspector.workflow import STATUS_LABELS

ID_ROLE = qtvalues.USER_ROLE + 1
MY_TOWN = "\x00my-town"
ALL_PLANS = "\x00all-plans"
COL_STATUS = 4


def deadline_matches(deadline: str | None, wanted: str | None, today: date) -> bool:
    """The deadline filter: past, due within 30 days, due this year, or no exact deadline."""
    if wanted is None:
        return True
    if wanted == "none":
        return not deadline
    if not deadline:
        return False
    if wanted == "past":
        return deadline < today.isoformat()
    if wanted == "soon":
        return today.isoformat() <= deadline <= (today + timedelta(days=30)).isoformat()
    return today.isoformat() <= deadline <= f"{today.year}-12-31"
LATE_COLOUR = "#b3261e"  # set as a colour, not a brush: a first QBrush builds all of QGradient's presets


class SaveOnLeave(QPlainTextEdit):
    """A text box that reports its text when focus leaves it (typed text is saved at once)."""

    sig_left = Signal(str)
    """The text when the box lost focus."""

    def focusOutEvent(self, event) -> None:
        self.sig_left.emit(self.toPlainText())
        super().focusOutEvent(event)


class TasksPage(QWidget):
    sig_changed = Signal()
    """Progress of a task was saved."""
    sig_print = Signal(str, str, str)
    """A document to print: report kind, the key of its record (``checklist``) and the record's id."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.item: dict[str, Any] | None = None
        self.lists_model = QStandardItemModel(self)
        self.lists = QListView(self)
        self.lists.setModel(self.lists_model)
        self.lists.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.lists.setWordWrap(True)
        self.lists.selectionModel().currentChanged.connect(self.show_checklist)

        self.unit_filter = QComboBox(self)
        self.status_filter = QComboBox(self)
        self.status_filter.addItem(self.tr("全部状态"), None)
        for status in (*STATUSES, LATE):
            self.status_filter.addItem(term(status), status)
        self.deadline_filter = QComboBox(self)
        for label, key in ((self.tr("全部期限"), None), (self.tr("已过期限"), "past"), (self.tr("30 天内到期"), "soon"),
                           (self.tr("本年内到期"), "year"), (self.tr("无明确期限"), "none")):
            self.deadline_filter.addItem(label, key)
        self.unit_filter.currentIndexChanged.connect(self.refill_tree)
        self.status_filter.currentIndexChanged.connect(self.refill_tree)
        self.deadline_filter.currentIndexChanged.connect(self.refill_tree)
        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("责任单位："), self))
        filters.addWidget(self.unit_filter, 2)
        filters.addWidget(QLabel(self.tr("状态："), self))
        filters.addWidget(self.status_filter, 1)
        filters.addWidget(QLabel(self.tr("期限："), self))
        filters.addWidget(self.deadline_filter, 1)
        self.print_button = QPushButton(self.tr("打印任务落实情况表"), self)
        self.print_button.clicked.connect(self.print_progress)
        filters.addWidget(self.print_button)

        self.items_model = QStandardItemModel(self)
        self.tree = QTreeView(self)
        self.tree.setModel(self.items_model)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setEditTriggers(QTreeView.EditTrigger.NoEditTriggers)
        self.tree.header().setStretchLastSection(False)
        self.tree.selectionModel().currentChanged.connect(self.show_item)

        self.detail = QTextBrowser(self)
        self.progress = self._progress_form()
        lower = qtvalues.splitter()
        lower.addWidget(self.detail)
        lower.addWidget(self.progress)
        center = QWidget(self)
        center_layout = QVBoxLayout(center)
        center_layout.setContentsMargins(0, 0, 0, 0)
        center_layout.addLayout(filters)
        vertical = qtvalues.splitter(vertical=True)
        vertical.addWidget(self.tree)
        vertical.addWidget(lower)
        vertical.setSizes([460, 260])
        center_layout.addWidget(vertical)
        self.splitter = qtvalues.splitter()
        self.splitter.addWidget(self.lists)
        self.splitter.addWidget(center)
        self.splitter.setSizes([250, 1010])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self.rows: list[dict[str, Any]] = []
        self.progress_by_item: dict[str, dict[str, Any]] = {}
        self.status_cells: dict[str, QStandardItem] = {}
        self.checklist_id: str | None = None
        self.refresh()


    def shown_data(self) -> bool:
        """Whether the page's first data is on screen (what benchmarks and the GUI-thread tests wait for)."""
        return self.lists_model.rowCount() > 0

    def _progress_form(self) -> QWidget:
        box = QWidget(self)
        form = QFormLayout(box)
        self.status_edit = QComboBox(box)
        for status in STATUSES:
            self.status_edit.addItem(term(status), status)
        self.status_edit.activated.connect(lambda _: self.save("status", self.status_edit.currentData()))
        self.late_label = QLabel(box)
        text_colour(self.late_label, LATE_COLOUR)
        form.addRow(self.tr("状态") + "：", self.status_edit)
        form.addRow("", self.late_label)
        self.quarters = {}
        for key, label in (("q1", "一季度进展"), ("q2", "二季度进展"), ("q3", "三季度进展"), ("q4", "四季度进展"),
                           ("evidence", "佐证材料"), ("closing_note", "完成情况")):
            edit = SaveOnLeave(box)
            edit.setFixedHeight(44)
            edit.setTabChangesFocus(True)  # Tab goes on to the next quarter, as in the other fields
            edit.sig_left.connect(lambda text, k=key: self.save(k, text.strip()))
            self.quarters[key] = edit
            form.addRow(term(label) + "：", edit)
        self.evidence_button = QPushButton(self.tr("添加佐证文件…"), box)
        self.evidence_button.clicked.connect(self.add_evidence)
        self.evidence_files = QLabel(box)
        self.evidence_files.setWordWrap(True)
        form.addRow(self.evidence_button, self.evidence_files)
        box.setEnabled(False)
        return box

    # -- lists ----------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        current = self.lists.currentIndex().data(ID_ROLE)
        self.lists_model.clear()
        select = None
        mine = QStandardItem(self.tr("我的全部任务（所有工作清单）"))
        mine.setData(ALL_PLANS, ID_ROLE)
        font = mine.font()
        font.setBold(True)
        mine.setFont(font)
        self.lists_model.appendRow(mine)
        if current == ALL_PLANS:
            select = mine
        for kind, label in (("workplan", self.tr("工作任务清单")), ("template", self.tr("检查表模板"))):
            header = QStandardItem(label)
            header.setSelectable(False)
            font = header.font()
            font.setBold(True)
            header.setFont(font)
            self.lists_model.appendRow(header)
            for row in self.services.checklists(kind):
                version = self.tr("，第{0}版").format(row["version"]) if row["version"] > 1 else ""
                item = QStandardItem(f"  {row['name']}（{row['tasks']} 项）{version}")
                item.setData(row["id"], ID_ROLE)
                item.setToolTip(" ".join(filter(None, [row.get("issuer"), row.get("doc_no")])))
                self.lists_model.appendRow(item)
                if row["id"] == current or (select is None and current is None and kind == "workplan"):
                    select = item
        if select is not None:
            self.lists.setCurrentIndex(select.index())

    def select_checklist(self, checklist_id: str) -> None:
        for row in range(self.lists_model.rowCount()):
            item = self.lists_model.item(row)
            if item.data(ID_ROLE) == checklist_id:
                self.lists.setCurrentIndex(item.index())

    def show_checklist(self, index) -> None:
        checklist_id = self.checklist_id = index.data(ID_ROLE)
        if checklist_id == ALL_PLANS:
            self.rows, self.progress_by_item = self.all_plans()
        else:
            self.rows = self.services.checklist_items(checklist_id) if checklist_id else []
            self.progress_by_item = self.services.checklist_progress(checklist_id) if checklist_id else {}
        units = sorted({u["name"] for r in self.rows for u in r["units"]}, key=lambda n: (not n.startswith("各"), n))
        self.unit_filter.blockSignals(True)
        self.unit_filter.clear()
        self.unit_filter.addItem(self.tr("全部单位"), None)
        town = self.services.store.setting("town")
        if town:
            self.unit_filter.addItem(self.tr("我的街镇（{0}，含“各街镇”）").format(town), MY_TOWN)
        for name in units:
            self.unit_filter.addItem(name, name)
        if checklist_id == ALL_PLANS:  # 我的: the town's share (everything when no 街镇 is set in 设置)
            self.unit_filter.setCurrentIndex(max(0, self.unit_filter.findData(MY_TOWN)))
        self.unit_filter.blockSignals(False)
        self.refill_tree()

    def all_plans(self) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
        """Every current work plan as one tree: a branch per plan, its items below, and their progress."""
        rows: list[dict[str, Any]] = []
        progress: dict[str, dict[str, Any]] = {}
        for plan in self.services.checklists("workplan"):
            rows.append({"id": plan["id"], "parent_id": None, "kind": "plan", "number": "", "title": plan["name"],
                         "units": [], "deadline": None, "deadline_text": "", "text": plan.get("doc_no") or "",
                         "checklist_id": plan["id"]})
            for item in self.services.checklist_items(plan["id"]):
                rows.append({**item, "parent_id": item["parent_id"] or plan["id"]})
            progress.update(self.services.checklist_progress(plan["id"]))
        return rows, progress

    def unit_matches(self, item: dict[str, Any], unit: str | None) -> bool:
        names = {u["name"] for u in item["units"]}
        if unit == MY_TOWN:
            return is_town_share(names, self.services.store.setting("town"))
        return unit is None or unit in names

    def status_of(self, item: dict[str, Any]) -> str:
        stored = self.progress_by_item.get(item["id"], {}).get("status")
        return effective_status(stored, item["deadline"], self.services.today())

    def refill_tree(self) -> None:
        self.items_model.clear()
        self.status_cells = {}
        self.items_model.setHorizontalHeaderLabels(
            [self.tr("编号"), self.tr("标题"), self.tr("责任单位"), self.tr("期限"), self.tr("状态")])
        self.detail.clear()
        self.progress.setEnabled(False)  # a box being left saves first, for the task it belongs to
        self.item = None
        for edit in self.quarters.values():
            edit.clear()  # no task chosen: nothing of the last one is shown
        self.late_label.clear()
        self.evidence_files.clear()
        unit, status = self.unit_filter.currentData(), self.status_filter.currentData()
        deadline = self.deadline_filter.currentData()
        keep = {r["id"] for r in self.rows if r["kind"] in ("task", "item", "subtask")
                and self.unit_matches(r, unit) and (status is None or self.status_of(r) == status)
                and deadline_matches(r["deadline"], deadline, self.services.today())}
        parents = {r["id"]: r["parent_id"] for r in self.rows}
        for item_id in list(keep):
            parent = parents.get(item_id)
            while parent:
                keep.add(parent)
                parent = parents.get(parent)
        nodes: dict[str, QStandardItem] = {}
        for item in self.rows:
            if item["id"] not in keep:
                continue
            units = "、".join(u["name"] + ("（配合）" if u["role"] == "support" else "") for u in item["units"])
            task_like = item["kind"] in ("task", "subtask", "item")
            status_text = term(self.status_of(item)) if task_like else ""
            cells = [QStandardItem(item["number"] or ""), QStandardItem(item["title"] or ""),
                     QStandardItem(units), QStandardItem(item["deadline"] or item["deadline_text"] or ""),
                     QStandardItem(status_text)]
            if status_text == term(LATE):
                cells[4].setData(QColor(LATE_COLOUR), qtvalues.FOREGROUND_ROLE)
            if task_like:
                self.status_cells[item["id"]] = cells[COL_STATUS]
            cells[0].setData(item["id"], ID_ROLE)
            cells[1].setData(item, ID_ROLE)
            cells[1].setToolTip(item["text"] or "")
            parent = nodes.get(item["parent_id"]) or self.items_model.invisibleRootItem()
            parent.appendRow(cells)
            nodes[item["id"]] = cells[0]
        self.tree.expandAll()
        header = self.tree.header()  # the model's reset above made the sections anew: their modes are set again
        for col, width in ((0, 140), (2, 260), (3, 100)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            self.tree.setColumnWidth(col, width)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)  # the title takes the room left over
        header.setSectionResizeMode(COL_STATUS, QHeaderView.ResizeMode.ResizeToContents)  # 状态 never clipped
        self.print_button.setEnabled(self.checklist_id is not None)

    # -- one task -------------------------------------------------------------------------------------------
    def show_item(self, index) -> None:
        item = index.siblingAtColumn(1).data(ID_ROLE)
        self.item = item
        if not item:
            return
        parts = [f"<h3>{as_html(item['number'] or '')} {as_html(item['title'] or '')}</h3>",
                 f"<p>{as_html(item['text'] or '')}</p>"]
        for support, label in ((False, "牵头单位"), (True, "配合单位")):
            names = "、".join(u["name"] for u in item["units"] if (u["role"] == "support") == support)
            if names:
                parts.append(f"<p><b>{term(label)}：</b>{as_html(names)}</p>")
        for key, label in (("note", "说明"), ("legal_basis", "依据")):
            if item.get(key):
                parts.append(f"<p><b>{term(label)}：</b>{as_html(item[key])}</p>")
        if item.get("deadline_text"):
            parts.append(f"<p><b>{term('期限')}：</b>{as_html(item['deadline_text'])}（{item['deadline'] or ''}）</p>")
        self.detail.setHtml("".join(parts).replace("\n", "<br>"))
        self.show_item_findings(item["id"], parts)
        task_like = item["kind"] in ("task", "subtask")
        self.progress.setEnabled(task_like)
        progress = self.progress_by_item.get(item["id"], {})
        self.status_edit.setCurrentIndex(max(0, self.status_edit.findData(progress.get("status") or "未启动")))
        late = task_like and self.status_of(item) == LATE
        self.late_label.setText(self.tr("已过期限 {0}，显示为“滞后”").format(item["deadline"]) if late else "")
        for key, edit in self.quarters.items():
            edit.setPlainText(progress.get(key) or "")
        self.show_evidence()

    def show_item_findings(self, item_id: str, parts: list[str]) -> None:
        """The findings recorded against the task (督查), read on a worker: at district scale they are a search
        through every finding; the text above them is shown at once."""
        def shown(found: list[dict[str, Any]]) -> None:
            if found and self.item and self.item["id"] == item_id:
                rows = "".join(f"<li>{f['found_on']} [{f['grade']}] {as_html(f['description'])} — "
                               f"{term(STATUS_LABELS[f['status']])}</li>" for f in found)
                more = f"<p><b>{term('隐患')}（{len(found)}）：</b></p><ul>{rows}</ul>"
                self.detail.setHtml("".join([*parts, more]).replace("\n", "<br>"))

        Operation(self, lambda task: task.services.findings_of_item(item_id), services=self.services,
                  key="item").success(shown).run_in_background()

    def show_evidence(self) -> None:
        files = self.services.attachments_of("checklist_items", self.item["id"]) if self.item else []
        self.evidence_files.setText("、".join(f["file_name"] for f in files) or self.tr("（尚无佐证文件）"))

    def add_evidence(self) -> None:
        """Attach evidence files (photos, minutes, reports) to the selected task; stored by content."""
        if not self.item:
            return
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("选择佐证文件"))
        try:
            self.services.add_attachments(paths, "checklist_items", self.item["id"], role="evidence")
        except InspectorError as exc:
            QMessageBox.warning(self, self.tr("未保存"), str(exc))
        self.show_evidence()
        self.sig_changed.emit()

    def save(self, key: str, value: str) -> None:
        """Save one field now (through the undo stack, so Ctrl+Z takes it back)."""
        if not self.item:
            return
        item_id = self.item["id"]
        old = self.progress_by_item.get(item_id, {}).get(key) or ("未启动" if key == "status" else "")
        if old == value:
            return
        try:
            self.services.check_task_progress(item_id, **{key: value})
        except InspectorError as exc:
            QMessageBox.warning(self, self.tr("未保存"), str(exc))
            self.status_edit.setCurrentIndex(self.status_edit.findData(
                self.progress_by_item.get(item_id, {}).get("status") or "未启动"))
            return

        def write(v: str) -> None:
            self.services.save_task_progress(item_id, **{key: v})
            self.progress_by_item.setdefault(item_id, {})[key] = v
            show_saved(self)

        undo.push(self.tr("修改任务进展"), write, old, value, after=lambda: self.after_undoable_edit(item_id))

    def after_undoable_edit(self, item_id: str) -> None:
        self.show_status(item_id)
        if self.item and self.item["id"] == item_id:
            progress = self.progress_by_item.get(item_id, {})
            self.status_edit.setCurrentIndex(max(0, self.status_edit.findData(progress.get("status") or "未启动")))
            for key, edit in self.quarters.items():
                if edit.toPlainText() != (progress.get(key) or ""):
                    edit.setPlainText(progress.get(key) or "")
        self.sig_changed.emit()

    def show_status(self, item_id: str) -> None:
        """The tree's 状态 cell of one task, after its status was saved, undone or redone."""
        cell = self.status_cells.get(item_id)
        item = next((r for r in self.rows if r["id"] == item_id), None)
        if cell is None or item is None:
            return
        status = self.status_of(item)
        cell.setText(term(status))
        cell.setData(QColor(LATE_COLOUR) if status == LATE else None, qtvalues.FOREGROUND_ROLE)

    def print_progress(self) -> None:
        """The 任务落实情况表 of the plan shown (in 我的全部任务: of every current plan, the town's share), made on
        the 报表 page in the background and previewed there."""
        if self.checklist_id:
            plan = ALL_WORK_PLANS if self.checklist_id == ALL_PLANS else self.checklist_id
            self.sig_print.emit("task-progress", "checklist", plan)
