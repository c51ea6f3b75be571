"""The 隐患 page: every finding in one list, with filters, search, a detail pane and the next steps.

Each step's button is enabled only when the rules allow it; when it is not, its tooltip says why.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from itertools import islice

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QAction, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from inspector import workflow as wf
from inspector.services import FindingFilter, Services
from inspector.textsearch import body_matcher
from inspector.ui import background
from inspector.ui.action_dialog import ActionDialog
from inspector.ui.background import Operation
from inspector.ui.findings_model import BATCH, ROW_ROLE, FindingsModel
from inspector.ui.vocabulary import term
from inspector.ui.widgets import as_html

EVENT_FIELDS = {"deadline": "期限", "reason": "理由", "measures": "整改措施", "funds": "整改资金", "passed": "结论",
                "inspectors": "人员", "opinion": "意见", "assessment": "评估报告", "note": "说明", "doc_no": "文书号",
                "photos": "照片"}
FIRST_ROWS = 50
"""Rows read before a list is first painted (a tall window shows about 40); the rest of its batch follows."""
PAINT_WAIT = 0.25
"""Seconds a search's worker waits for its first screen to be painted before it reads the full list."""
ACTIONS = [wf.ORDER_ISSUED, wf.RECTIFICATION_STARTED, wf.FEEDBACK, wf.RECHECK, wf.EXTENSION, wf.CLOSE, wf.REOPEN]


class FindingsPage(QWidget):
    sig_changed = Signal()
    """A finding moved on (an event was added); the window refreshes counts."""
    sig_print = Signal(str, str, str)
    """A document to print: its kind, the parameter name and the record id."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.model = FindingsModel(services, self)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("搜索隐患描述、单位、部位（两个字即可，如“消防”）"))
        self.search.setClearButtonEnabled(True)
        self.status = QComboBox(self)
        self.status.addItem(self.tr("全部状态"), None)
        self.status.addItem(self.tr("未整改完成"), "open")
        for key, label in wf.STATUS_LABELS.items():
            self.status.addItem(term(label), key)
        self.grade = QComboBox(self)
        for label, value in ((self.tr("全部等级"), None), (self.tr("一般"), "一般"), (self.tr("重大"), "重大")):
            self.grade.addItem(label, value)
        self.overdue = QCheckBox(self.tr("只看逾期"), self)
        self.town, self.campaign, self.inspector = (self._choice_box() for _ in range(3))
        self.date_from = self._date_edit()
        self.date_to = self._date_edit()
        self.use_dates = QCheckBox(self.tr("发现日期"), self)
        self.site_id: str | None = None
        self.finding: dict | None = None
        self.prefetched: dict | None = None
        self.names: dict[str, str] = {}
        self.base: tuple | None = None  # (filter without its text, today) and the rowids it matches, in order
        self.site_button = QPushButton(self)
        self.site_button.setToolTip(self.tr("点击取消按单位筛选"))
        self.site_button.clicked.connect(lambda: self.show_site(None))
        self.site_button.hide()
        self.date_from.setDate(QDate.currentDate().addYears(-1))
        self._fill_choices()

        filters = QHBoxLayout()
        for widget in (self.search, self.site_button, self.status, self.grade, self.town, self.campaign,
                       self.inspector, self.overdue, self.use_dates, self.date_from, QLabel("—", self), self.date_to):
            filters.addWidget(widget)
        filters.setStretch(0, 3)

        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.model.reload = self.apply_filter
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)  # the filter's own order
        self.table.setSortingEnabled(True)  # same order as the filter: the model does not load again
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.verticalHeader().hide()
        for col, width in enumerate((90, 200, 300, 70, 120, 90, 100)):
            self.table.setColumnWidth(col, width)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.detail = QTextBrowser(self)
        self.photos = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        actions = QHBoxLayout()
        for kind in ACTIONS:
            button = QPushButton(term(wf.EVENT_LABELS[kind]), self)
            button.clicked.connect(lambda _=False, k=kind: self.run_action(k))
            self.buttons[kind] = button
            actions.addWidget(button)
        actions.addStretch(1)
        self.count = QLabel(self)
        actions.addWidget(self.count)

        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.detail, 1)
        side_layout.addLayout(self.photos)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.table)
        splitter.addWidget(side)
        splitter.setSizes([930, 360])

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        layout.addLayout(actions)

        self.search.textChanged.connect(lambda _: self.apply_filter())  # every keystroke; older ones dropped
        for combo in (self.status, self.grade, self.town, self.campaign, self.inspector):
            combo.currentIndexChanged.connect(lambda _: self.apply_filter())
        for box in (self.overdue, self.use_dates):
            box.toggled.connect(lambda _: self.apply_filter())
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(lambda _: self.apply_filter())
        self.table.selectionModel().currentRowChanged.connect(self.show_current)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self.context_menu)
        self.apply_filter()

    def print_choices(self) -> list[tuple[str, str]]:
        """The documents that fit the selected finding: the order under the issuer's own name (设置), the
        re-check opinion once it was re-checked, the major-hazard record only for a 重大 finding."""
        f = self.finding
        if f is None:
            return []
        order = (self.tr("打印责令限期整改指令书") if self.services.order_title() == "责令限期整改指令书"
                 else self.tr("打印限期整改意见书"))
        out = [(order, "rectification-order")]
        if any(e["kind"] == wf.RECHECK for e in f["events"]):
            out.append((self.tr("打印整改复查意见书"), "recheck-opinion"))
        if f["grade"] == "重大":
            out.append((self.tr("打印重大隐患治理情况记录"), "major-hazard"))
        return out

    def context_menu(self, pos) -> None:
        index = self.table.indexAt(pos)
        if not index.isValid():
            return
        if self.selected_id() != index.data(ROW_ROLE)["id"]:
            self.table.selectRow(index.row())
        menu = QMenu(self.table)
        for text, kind in self.print_choices():
            action = QAction(text, menu)
            action.triggered.connect(lambda _=False, k=kind: self.print_selected(k))
            menu.addAction(action)
        self.last_menu = menu
        menu.popup(self.table.viewport().mapToGlobal(pos))


    def shown_data(self) -> bool:
        """Whether the page's first data is on screen (what benchmarks and the GUI-thread tests wait for)."""
        return self.model.rowCount() > 0 and self.finding is not None

    def _date_edit(self) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setDate(QDate.currentDate())
        return edit

    def _fill_choices(self) -> None:
        """Towns, 专项 and inspectors for the filter boxes, read on a worker (专项 scans the findings)."""
        def work(task):
            s = task.services
            return s.towns(), s.campaigns(), [(p["name"], p["id"]) for p in s.inspectors()]

        Operation(self, work, services=self.services, key="choices").success(self._show_choices).run_in_background()

    def _choice_box(self) -> QComboBox:
        """A filter whose choices arrive from a worker after the page is shown: it is laid out wide enough for
        “全部检查人员” from the start (sized to its first, empty contents it cut that to “全部检查，”); a long name
        shows whole in the open list."""
        box = QComboBox(self)
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        box.setMinimumContentsLength(7)
        return box

    def _show_choices(self, choices) -> None:
        towns, campaigns, people = choices
        for combo, everything, values in (
                (self.town, self.tr("全部街镇"), [(t, t) for t in towns]),
                (self.campaign, self.tr("全部专项"), [(c["name"], c["id"]) for c in campaigns]),
                (self.inspector, self.tr("全部检查人员"), people)):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everything, None)
            for label, value in values:
                combo.addItem(label, value)
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.blockSignals(False)

    def current_filter(self) -> FindingFilter:
        status = self.status.currentData()
        statuses = [s for s in wf.STATUS_LABELS if s not in wf.RECTIFIED] if status == "open" else (
            [status] if status else [])
        return FindingFilter(
            statuses=statuses, grade=self.grade.currentData(), overdue=self.overdue.isChecked(),
            town=self.town.currentData(), campaign=self.campaign.currentData(), text=self.search.text(),
            inspector_id=self.inspector.currentData(), site_id=self.site_id,
            date_from=self.date_from.date().toString("yyyy-MM-dd") if self.use_dates.isChecked() else None,
            date_to=self.date_to.date().toString("yyyy-MM-dd") if self.use_dates.isChecked() else None,
            sort=self.model.filter.sort, descending=self.model.filter.descending,
        )

    def print_selected(self, kind: str) -> None:
        finding_id = self.selected_id()
        if finding_id:
            self.sig_print.emit(kind, "finding", finding_id)

    def show_site(self, site_id: str | None, name: str = "") -> None:
        """Only the findings of one site (from its 一企一档), or all again."""
        self.site_id = site_id
        self.site_button.setText(self.tr("单位：{0} ✕").format(name))
        self.site_button.setVisible(site_id is not None)
        self.apply_filter()

    def apply_filter(self, keep: str | None = None) -> None:
        """Load the findings that match on a worker; a newer filter (the next keystroke) replaces this one.

        The worker first hands over the first batch of rows with the details of the first finding (list and detail
        pane appear together), then the full list and its count. After a step (``keep``), the list comes back
        whole with that finding selected.
        """
        background.cancel(self, "head")  # reading the head of the list waits; this keystroke does not
        flt, today = self.current_filter(), date.today()
        base_key = (replace(flt, text=""), today)
        base = self.base if self.base is not None and self.base[0] == base_key else None

        plain = replace(base_key[0], sort="found_on", descending=True) == FindingFilter()

        def work(task):
            s = task.services
            opening = base is None and keep is None and plain and not flt.text.strip()
            first = None
            if opening:  # the newest findings by an index walk, before the whole list is read
                first = s.newest_rowids(flt.sort, flt.descending, BATCH)
                task.partial(first_screen(s, flt, first, today), wait=PAINT_WAIT)
            ordered = base[1] if base else s.finding_rowids(base_key[0], today)  # the other filters, in order
            head = base[2] if base else ListHead(ordered)
            if base is None and not flt.text.strip():
                head.prefetch(s)  # a new list: the next keystroke finds the head's tokens read already
            if keep is None and not opening:  # the first screen at once, the full list and its count after it
                first = head.first_matches(s, flt.text, BATCH)
                if first is not None:
                    task.partial(first_screen(s, flt, first, today), wait=PAINT_WAIT)
            matches = s.matching_rowids(flt.text, stop=task.cancelled)
            wanted = None if matches is None else matches.__contains__
            if keep is None and not opening and first is None:  # too rare for the head of the list
                first = ordered[:BATCH] if wanted is None else list(islice(filter(wanted, ordered), BATCH))
                task.partial(first_screen(s, flt, first, today), wait=PAINT_WAIT)
            if task.cancelled():
                return None  # the next keystroke replaced this search: do not build a list nobody will see
            rowids = ordered if wanted is None else kept(ordered, wanted, task.cancelled)
            if rowids is None:
                return None
            if keep is not None:
                chosen = s.finding_row_of(keep)
                shown = first_screen(s, flt, rowids[:BATCH], today, chosen if chosen in rowids else None, keep,
                                     rows=BATCH)
                return (base_key, ordered, head), rowids, shown, {}
            return (base_key, ordered, head), rowids, None, s.finding_rows((first or [])[FIRST_ROWS:])

        Operation(self, work, services=self.services, key="filter", warm=True).partial(
            lambda screen: self._show_screen(screen, today)).success(self._show_all).run_in_background()

    def _show_screen(self, screen: tuple, today: date) -> None:
        """The first rows and the details of the finding to select; the count follows with the full list."""
        flt, head, rows, target, detail = screen
        self.model.show(flt, head, rows, today)
        self.count.setText(self.tr("正在计数…"))
        if target is None:  # nothing matches, or a step moved the finding out of the filter: details stay
            self.prefetched = detail
            self.show_finding(detail["finding"]["id"] if detail else None)
            return
        row = self.model.position(target) or 0
        self.model.fetch_to(row)
        self.prefetched = detail
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))

    def _show_all(self, result: tuple) -> None:
        self.base, rowids, screen, rest = result  # typing more only searches within base; a change drops it
        if screen is not None:
            self._show_screen(screen, self.model.today)
        self.model.add_rows(rest)  # the first batch's rows below the first screen, read after it was painted
        self.model.extend(rowids)
        self.count.setText(self.tr("共 {0} 条").format(len(rowids)))
        head = self.base[2]
        if not head.complete():
            Operation(self, lambda task: head.prefetch(task.services, ListHead.LIMIT, task.cancelled),
                      services=self.services, key="head", warm=True).run_in_background()

    def refresh(self) -> None:
        self.base = None
        self._fill_choices()
        self.apply_filter(keep=self.selected_id())

    def selected_id(self) -> str | None:
        index = self.table.currentIndex()
        return index.data(ROW_ROLE)["id"] if index.isValid() else None

    def select_finding(self, finding_id: str | None) -> None:
        """Select a finding in the list (after its step was saved, the list reloads with it selected)."""
        self.apply_filter(keep=finding_id)

    def show_current(self, current, _previous=None) -> None:
        self.show_finding(current.data(ROW_ROLE)["id"] if current.isValid() else None)

    def show_finding(self, finding_id: str | None) -> None:
        prefetched, self.prefetched = self.prefetched, None
        if finding_id is None:
            loaded = None
        elif prefetched is not None and prefetched["finding"]["id"] == finding_id:
            loaded = prefetched
        else:
            loaded = load_detail(self.services, finding_id, date.today())  # one click: a few indexed reads
        self.finding = loaded["finding"] if loaded else None
        while self.photos.count():
            item = self.photos.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        if loaded is None:
            self.detail.clear()
            for button in self.buttons.values():
                button.setEnabled(False)
            return
        self.names = loaded["names"]
        self.detail.setHtml(self._detail_html(self.finding))
        refusals = loaded["steps"]
        for kind, button in self.buttons.items():
            button.setEnabled(refusals[kind] is None)
            button.setToolTip(refusals[kind] or "")
        for att in shown_photos(self.finding["attachments"]):
            self.photos.addWidget(self._thumbnail(att))
        self.photos.addStretch(1)

    def _thumbnail(self, att: dict) -> QWidget:
        """One photo with its label under it: 整改前 (registered with the finding) or 整改后 (feedback)."""
        holder = QWidget(self)
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        picture = QLabel(holder)
        picture.setPixmap(QPixmap(str(self.services.attachment_path(att["sha256"]))).scaled(
            96, 96, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation))
        picture.setToolTip(f"{att['file_name']} {att['caption'] or ''}")
        caption = QLabel(self.tr("整改后") if att["role"] == "after" else self.tr("整改前"), holder)
        caption.setObjectName("photo_caption")
        caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column.addWidget(picture)
        column.addWidget(caption)
        return holder

    def _detail_html(self, f: dict) -> str:
        """The finding as rich text; every value is escaped (records come from other devices' packages too)."""
        e = as_html
        site = f["site"] or {}
        rows = [
            f"<h3>{e(f['description'])}</h3>",
            f"<p><b>{term('单位')}：</b>{e(site.get('name'))}（{e(site.get('town'))}）<br>"
            f"<b>{term('部位')}：</b>{e(f['location'])}　<b>{term('等级')}：</b>{e(f['grade'])}"
            f"{term('（挂牌督办）') if f['listed_supervision'] else ''}　"
            f"<b>{term('类别')}：</b>{e(f['category'])}<br>"
            f"<b>{term('依据')}：</b>{e(f['legal_basis'])}<br>"
            f"<b>{term('整改要求')}：</b>{e(f['requirement'])}<br>"
            f"<b>{term('状态')}：</b>{term(wf.STATUS_LABELS[f['status']])}　"
            f"<b>{term('整改期限')}：</b>{e(f['current_deadline'])}</p>",
        ]
        if f["plan"]:
            rows.append(f"<p><b>{term('治理方案')}：</b><br>" + "<br>".join(
                f"{part}：{e(f['plan'].get(part))}" for part in wf.PLAN_PARTS) + "</p>")
        rows.append(f"<p><b>{term('处理经过')}：</b></p><ol>")
        names = self.names
        for event in f["events"]:
            extra = "；".join(self._event_field(k, v, names) for k, v in event["data"].items()
                             if v not in (None, "", [], {}) and k in EVENT_FIELDS)
            rows.append(f"<li>{e(event['on_date'])} {term(wf.EVENT_LABELS[event['kind']])}"
                        f"{'（' + extra + '）' if extra else ''}</li>")
        rows.append("</ol>")
        return "".join(rows)

    def _event_field(self, key: str, value, names: dict[str, str]) -> str:
        if key == "passed":
            value = self.tr("合格") if value else self.tr("不合格")
        elif key == "inspectors":
            value = "、".join(names.get(v, v) for v in value)
        elif key in ("photos", "assessment"):
            value = self.tr("已附")
        return f"{term(EVENT_FIELDS[key])}：{as_html(value)}"

    def run_action(self, kind: str) -> None:
        if self.finding is None:
            return
        dialog = ActionDialog(self.services, self.finding, kind, self)
        if dialog.exec() == ActionDialog.DialogCode.Accepted:
            self.base = None
            self.select_finding(self.finding["id"])
            self.sig_changed.emit()


def shown_photos(attachments: list[dict], limit: int = 6) -> list[dict]:
    """The photos to show, each once: a photo is stored with a resized copy for the printed forms (role
    ``…:report``), which is the same picture and is not shown again; 整改前 before 整改后."""
    photos = [a for a in attachments if (a["mime"] or "").startswith("image/") and a["role"] in ("before", "after",
                                                                                                "photo")]
    return sorted(photos, key=lambda a: a["role"] == "after")[:limit]


def load_detail(s: Services, finding_id: str, today: date) -> dict:
    """Everything the detail pane shows, read in one go (on a worker for the first finding of a result)."""
    return {"finding": s.finding_detail(finding_id), "steps": s.allowed_steps(finding_id, today),
            "names": {p["id"]: p["name"] for p in s.inspectors()}}


def first_screen(s: Services, flt, head: list[int], today: date, target: int | str | None = "first",
                 keep: str | None = None, rows: int | None = None) -> tuple:
    """The first batch of a list with the rows of its first ``rows`` findings (and of ``target``, by default the
    first row) and the details of the finding to show: the target's, or ``keep``'s when a step moved it out of
    the list. Only what a window shows is read before it is painted: each row is a page of the file to read,
    from the disk when a district's million findings are not all in memory."""
    if target == "first":
        target = head[0] if head else None
    wanted = head[:rows or FIRST_ROWS]
    rows_of = s.finding_rows(wanted + ([target] if target is not None and target not in wanted else []))
    shown = rows_of[target]["id"] if target is not None else keep
    return flt, head, rows_of, target, load_detail(s, shown, today) if shown else None


class ListHead:
    """The search tokens of the first findings of a list (in its order), read as searches need them and kept
    while the list stands: a keystroke's first screen is the first matches among them, tested in memory
    (``textsearch.body_matcher``), with no read of every match from the index (消 is in a third of a million
    findings). Only a word too rare to fill a screen from the first ``LIMIT`` findings goes to the index."""

    CHUNK = 1_000
    LIMIT = 20_000
    PREFETCH = 4_000

    def __init__(self, ordered: list[int]) -> None:
        self.ordered = ordered
        self.tokens: list[str] = []
        self.lock = threading.Lock()  # two searches' workers may extend it at once

    def first_matches(self, s: Services, text: str, want: int) -> list[int] | None:
        """The first ``want`` findings of the list whose text matches (all of them if fewer), or None when the
        head of the list is not enough to tell; the whole list when there is no text."""
        test = body_matcher(text)
        if test is None:
            return self.ordered[:want]
        out: list[int] = []
        done = 0
        while len(out) < want and done < min(self.LIMIT, len(self.ordered)):
            tokens = self._tokens(s, done + self.CHUNK)
            out += [r for r, t in zip(self.ordered[done:done + self.CHUNK], tokens[done:done + self.CHUNK],
                                      strict=False) if test(t)]
            done += self.CHUNK
        return out[:want] if len(out) >= want or done >= len(self.ordered) else None

    def prefetch(self, s: Services, upto: int | None = None, stop: Callable[[], bool] = lambda: False) -> None:
        """Read the tokens of the first few chunks, where most words fill their first screen, or (``upto``) of
        every finding a first screen may test, a chunk at a time until ``stop`` says so: after the list is shown,
        so that a rarer word is tested in memory too instead of waiting for the disk at its keystroke."""
        limit = min(upto or self.PREFETCH, len(self.ordered))
        done = len(self.tokens)
        while done < limit and not stop():
            done = len(self._tokens(s, min(done + self.CHUNK, limit)))

    def complete(self) -> bool:
        """Whether every finding a first screen may test has its tokens read."""
        return len(self.tokens) >= min(self.LIMIT, len(self.ordered))

    def _tokens(self, s: Services, upto: int) -> list[str]:
        with self.lock:
            have = len(self.tokens)
            if have < upto:
                wanted = self.ordered[have:upto]
                found = s.stored_tokens(wanted)
                self.tokens.extend(found.get(r, "") for r in wanted)
            return self.tokens


def kept(ordered: list[int], wanted: Callable[[int], bool], stop: Callable[[], bool] = lambda: False,
         step: int = 20_000) -> list[int] | None:
    """``ordered`` filtered by ``wanted``, a slice at a time: one C-level pass over a million rowids would hold
    the interpreter long enough to stall the event loop, so the worker yields between slices. None once ``stop``
    says so (a newer keystroke replaced this search): the rest of the million is not filtered for nobody."""
    out: list[int] = []
    for start in range(0, len(ordered), step):
        if stop():
            return None
        out += filter(wanted, ordered[start:start + step])
        time.sleep(0)
    return out
