"""The 同步 page: export a package, import one (verify, preview, commit), history, conflicts, trusted devices.

Verifying and merging a package can take seconds at district scale, so both run on the thread pool with their
own database connection; the window shows the preview (new, changed, unchanged, conflicting records per table)
and merges only when the officer confirms.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from inspector.errors import InspectorError
from inspector.services import Services
from inspector.ui.background import Operation, show_error
from inspector.ui.records_model import RECORD_ROLE, RecordsModel
from inspector.ui.widgets import text_colour

HISTORY = [("created", "时间"), ("direction", "方向"), ("peer", "对方"), ("seq", "序号"), ("record_count", "记录数"),
           ("status", "状态"), ("file_name", "文件")]
PEERS = [("name", "设备"), ("town", "街镇"), ("role_label", "角色"), ("state", "状态"), ("fingerprint", "密钥指纹"),
         ("received", "已收到"),
         ("gaps", "缺少"), ("sent", "已发出"), ("acked", "已确认")]
CONFLICTS = [("table", "表"), ("record", "记录"), ("field", "字段"), ("values", "并存的值")]


class SyncPage(QWidget):
    sig_changed = Signal()
    """A package was imported (records changed) or a conflict was settled."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.job: Operation | None = None
        self.peer = QComboBox(self)
        self.full = QCheckBox(self.tr("全部数据（否则只导出对方确认后的变化）"), self)
        self.encrypt = QCheckBox(self.tr("用对方公钥加密（U 盘丢失也不会泄露）"), self)
        self.encrypt.setChecked(True)
        export = QPushButton(self.tr("导出数据包…"), self)
        export.clicked.connect(self.export)
        box = QGroupBox(self.tr("导出"), self)
        form = QFormLayout(box)
        form.addRow(self.tr("发给") + "：", self.peer)
        form.addRow("", self.full)
        form.addRow("", self.encrypt)
        form.addRow("", export)
        self.hint = QLabel(box)
        self.hint.setObjectName("missing_peer")
        self.hint.setWordWrap(True)
        text_colour(self.hint, "#a15c00")
        self.setup_button = QPushButton(self.tr("与区里交换身份文件…"), box)
        self.setup_button.clicked.connect(self.open_setup)
        form.addRow(self.hint)
        form.addRow("", self.setup_button)
        self.peer.setPlaceholderText(self.tr("（尚未信任对方设备）"))
        importing = QGroupBox(self.tr("导入"), self)
        import_layout = QVBoxLayout(importing)
        for text, handler in ((self.tr("导入数据包…"), self.choose_package),
                              (self.tr("导入回执…"), self.choose_receipt)):
            button = QPushButton(text, importing)
            button.clicked.connect(handler)
            import_layout.addWidget(button)
        self.status = QLabel(importing)
        self.status.setWordWrap(True)
        import_layout.addWidget(self.status)
        top = QHBoxLayout()
        top.addWidget(box, 1)
        top.addWidget(importing, 1)

        self.history = RecordsModel(HISTORY, self)
        self.peers = RecordsModel(PEERS, self)
        self.conflicts = RecordsModel(CONFLICTS, self)
        tabs = QTabWidget(self)
        self.peer_table = QTableView(self)
        for model, title in ((self.history, self.tr("收发记录")), (self.peers, self.tr("受信任的设备")),
                             (self.conflicts, self.tr("待处理的冲突"))):
            view = self.peer_table if model is self.peers else QTableView(self)
            view.setModel(model)
            view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
            view.horizontalHeader().setStretchLastSection(True)
            view.verticalHeader().hide()
            holder = QWidget(self)
            layout = QVBoxLayout(holder)
            layout.addWidget(view)
            if model is self.peers:
                row = QHBoxLayout()
                for text, handler in ((self.tr("导出本机身份…"), self.export_identity),
                                      (self.tr("信任设备（身份文件或数据包）…"), self.trust),
                                      (self.tr("吊销所选设备"), self.revoke),
                                      (self.tr("撤销吊销…"), self.unrevoke)):
                    button = QPushButton(text, holder)
                    button.clicked.connect(handler)
                    row.addWidget(button)
                row.addStretch(1)
                layout.addLayout(row)
            if model is self.conflicts:
                self.conflict_table = view
                choose = QPushButton(self.tr("选择保留的值…"), holder)
                choose.clicked.connect(self.resolve)
                layout.addWidget(choose, 0, Qt.AlignmentFlag.AlignLeft)
            tabs.addTab(holder, title)
        self.tabs = tabs
        self.me = me = QLabel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(me)
        layout.addLayout(top)
        layout.addWidget(tabs, 1)
        self.setAcceptDrops(True)
        self.refresh()

    # -- showing ---------------------------------------------------------------------------------------------

    def shown_data(self) -> bool:
        """Whether the page's first data is on screen (what benchmarks and the GUI-thread tests wait for)."""
        return bool(self.me.text())

    def refresh(self) -> None:
        """Devices, history and conflicts, read on a worker (at district scale the conflicts are a search)."""
        def work(task):
            from inspector.sync.keys import fingerprint

            sync = task.services.sync()
            identity = sync.identity()
            return identity, fingerprint(identity["sign_public"]), sync.overview(), sync.history()

        Operation(self, work, services=self.services, key="load").success(
            lambda loaded: self._show(*loaded)).run_in_background()
        Operation(self, lambda task: task.services.sync().conflicts(), services=self.services,
                  key="conflicts").success(self._show_conflicts).run_in_background()  # a search of every table

    def _show(self, identity: dict, key: str, overview: list, history: list) -> None:
        self.me.setText(self.tr("本机：{0}（{1}）　密钥指纹 {2}").format(
            identity["name"], self.tr("区") if identity["role"] == "district" else self.tr("街镇"), key))
        current = self.peer.currentData()
        self.peer.clear()
        for p in overview:
            if p["trusted"] and not p["revoked"]:
                self.peer.addItem(p["name"], p["name"])
        self.peer.setCurrentIndex(max(0, self.peer.findData(current)))
        self.show_missing(identity["role"], overview)
        names = {p["device"]: p["name"] for p in overview}
        rows = []
        for pkg in history:
            device = pkg["sender_device"] if pkg["direction"] == "in" else pkg["receiver"]
            rows.append({**pkg, "direction": self.tr("收到") if pkg["direction"] == "in" else self.tr("发出"),
                         "peer": names.get(device, (device or "")[:8]), "created": (pkg["created"] or "")[:19]})
        self.history.set_rows(rows)
        for p in overview:
            trusted = self.tr("受信任") if p["trusted"] else self.tr("未信任")
            p["state"] = self.tr("已吊销") if p["revoked"] else trusted
            p["role_label"] = self.tr("区") if p["role"] == "district" else self.tr("街镇")
            p["received"] = "、".join(map(str, p["received"][-8:]))
            p["gaps"] = "、".join(map(str, p["gaps"])) or "—"
        self.peers.set_rows(overview)
        self.peer_table.resizeColumnsToContents()

    def show_missing(self, role: str, overview: list) -> None:
        """What is missing before a package can be sent, and how to do it (a new officer's 发给 list is empty)."""
        usable = [p for p in overview if p["trusted"] and not p["revoked"]]
        if usable:
            text = ""
        elif role == "district":
            text = self.tr("还没有信任任何街镇的设备，“发给”列表为空。请让各街镇把“本机身份”文件交来，在下方"
                           "“受信任的设备”中点“信任设备…”选择该文件，并电话核对双方的密钥指纹。")
        else:
            text = self.tr("还没有信任区里的设备，“发给”列表为空，数据包无法发出。请与区里交换身份文件："
                           "① 点“导出本机身份…”，把文件交给区里；② 从区里拿到区里的身份文件，点“信任设备…”选择它；"
                           "③ 电话与区里逐字核对双方的密钥指纹。也可点下面的按钮，在首次设置中一步完成。")
        self.hint.setText(text)
        self.hint.setVisible(bool(text))
        self.setup_button.setVisible(bool(text) and role != "district")

    def open_setup(self) -> None:
        from inspector.ui.setup_dialog import open_setup

        open_setup(self.window())
        self.refresh()

    def _show_conflicts(self, conflicts: list) -> None:
        for c in conflicts:
            c["record"] = c["id"][:8]
            c["values"] = " | ".join(map(str, c["values"]))
        self.conflicts.set_rows(conflicts)
        self.tabs.setTabText(2, self.tr("待处理的冲突（{0}）").format(len(conflicts)))

    # -- export ----------------------------------------------------------------------------------------------
    def export(self) -> None:
        peer = self.peer.currentData()
        if not peer:
            QMessageBox.information(self, self.tr("没有对方设备"), self.tr("请先在“受信任的设备”中信任对方。"))
            return
        folder = QFileDialog.getExistingDirectory(self, self.tr("选择保存位置（如 U 盘）"))
        if not folder:
            return
        out = Path(folder) / f"{peer}-{datetime.now().strftime('%Y%m%d-%H%M%S')}.inspx"
        full, encrypt = self.full.isChecked(), None if self.encrypt.isChecked() else False

        def exported(result) -> None:
            self.status.setText(self.tr("已导出第 {0} 号数据包：{1}（{2} 条记录）").format(
                result["seq"], out.name, sum(result["counts"].values())))
            self.refresh()

        self._in_background(lambda s: s.sync().export(peer, out, full=full, encrypt=encrypt), exported,
                            self.tr("正在导出…"), self.tr("无法导出"), cancellable=False)

    # -- import ----------------------------------------------------------------------------------------------
    def choose_package(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择数据包"), "", self.tr("数据包 (*.inspx)"))
        if path:
            self.import_package(Path(path))

    def dragEnterEvent(self, event) -> None:
        if any(u.toLocalFile().endswith(".inspx") for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        for url in event.mimeData().urls():
            if url.toLocalFile().endswith(".inspx"):
                self.import_package(Path(url.toLocalFile()))
                break

    def _in_background(self, work, done, text: str = "", title: str = "", cancellable: bool = True) -> None:
        """Run ``work(services)`` with its own connection and a progress dialog; verifying can be cancelled
        (nothing is written), a merge or an export runs to its end."""
        def failed(exc: Exception) -> None:
            self.status.setText("")
            show_error(self, title or self.tr("数据包未导入"), exc)

        self.status.setText(text or self.tr("正在校验…"))
        self.job = Operation(self, lambda task: work(task.services), services=self.services, key="sync").success(
            done).failure(failed).cancelled(lambda _: self.status.setText(self.tr("已取消。"))).with_progress(
            text or self.tr("正在校验…"), maximum=0, cancellable=cancellable).run_in_background()

    def import_package(self, path: Path) -> None:
        """Verify and preview in the background, then merge the verified package after the officer confirms
        (the file is not read again)."""
        def previewed(verified) -> None:
            report = getattr(verified, "report", verified)
            if report.duplicate:
                self.status.setText(self.tr("该数据包已导入过，未做任何改动。"))
                return
            self.last_preview = self._preview_text(report)
            if report.refused:
                self.status.setText(self.tr("数据包中有 {0} 条记录被拒绝，未导入。").format(len(report.refused)))
                QMessageBox.warning(self, self.tr("数据包不能导入"), self.last_preview)
            elif QMessageBox.question(self, self.tr("导入预览"), self.last_preview) == QMessageBox.StandardButton.Yes:
                self.commit(path, verified)
            else:
                self.status.setText(self.tr("已取消，未做任何改动。"))

        self._in_background(lambda s: s.sync().verify(path), previewed)

    def _preview_text(self, report) -> str:
        lines = [self.tr("来自 {0} 的第 {1} 号数据包，签名校验通过。将要：").format(report.sender, report.seq)]
        for table, c in report.tables.items():
            lines.append(self.tr("{0}：新增 {1}，更新 {2}，未变 {3}，冲突 {4}，拒绝 {5}").format(
                table, c["new"], c["changed"], c["unchanged"], c["conflicts"], c["refused"]))
        lines.append(self.tr("处理记录 {0} 条，附件 {1} 个。").format(report.events, report.attachments))
        if report.refused:
            lines.append(self.tr("以下记录发送方无权提交，整个数据包不能导入（请联系发送方）："))
            lines += [f"· {r['table']} {r['id'][:8]}：{r['reason']}" for r in report.refused[:20]]
            if len(report.refused) > 20:
                lines.append(self.tr("……共 {0} 条").format(len(report.refused)))
        else:
            lines.append(self.tr("确定导入吗？"))
        return "\n".join(lines)

    def commit(self, path: Path, verified) -> None:
        receipt = path.with_suffix(".receipt")

        def done(report) -> None:
            self.status.setText(self.tr("已导入。回执：{0}（请交回发送方导入）").format(report.receipt or ""))
            self.refresh()
            self.sig_changed.emit()

        self._in_background(lambda s: s.sync().import_package(verified, receipt_out=receipt), done,
                            self.tr("正在导入…"), cancellable=False)

    def choose_receipt(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择回执"), "", self.tr("回执 (*.receipt)"))
        if not path:
            return
        try:
            result = self.services.sync().import_receipt(Path(path))
        except InspectorError as exc:
            QMessageBox.warning(self, self.tr("回执未导入"), str(exc))
            return
        self.status.setText(self.tr("{0} 已确认收到第 {1} 号数据包。").format(result["peer"], result["seq"]))
        self.refresh()

    # -- devices and conflicts -------------------------------------------------------------------------------
    def export_identity(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("导出本机身份"), "本机身份.json", "JSON (*.json)")
        if path:
            self.services.sync().export_identity(Path(path))
            self.status.setText(self.tr("已导出本机身份：{0}").format(Path(path).name))

    def trust(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择对方的身份文件或数据包"), "",
                                              self.tr("身份或数据包 (*.json *.inspx)"))
        if not path:
            return
        try:
            identity = self.services.sync().identity_from_file(Path(path))
            from inspector.sync.keys import fingerprint

            roles = [self.tr("街镇（town）"), self.tr("区（district）")]
            mine = self.services.sync().identity()["role"]
            role, ok = QInputDialog.getItem(self, self.tr("信任设备"), self.tr(
                "“{0}”的密钥指纹：\n{1}\n请先与对方电话核对指纹，再选择对方的角色：").format(
                identity.get("name"), fingerprint(identity["sign_public"])), roles, 1 if mine == "town" else 0, False)
            if ok:
                self._trust(identity, "district" if role == roles[1] else "town")
        except (InspectorError, KeyError, ValueError) as exc:
            QMessageBox.warning(self, self.tr("无法信任"), str(exc))
        self.refresh()

    def _trust(self, identity, role: str) -> None:
        try:
            self.services.sync().add_peer(identity, role=role)
        except InspectorError as exc:
            if role != "district" or "一把区级密钥" not in exc.message:
                raise
            answer = QMessageBox.warning(self, self.tr("更换区级密钥"), self.tr(
                "{0}\n更换后，旧的区级密钥不再受信任，它发来的数据包将被拒绝。确定更换吗？").format(exc.message),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
            if answer == QMessageBox.StandardButton.Yes:
                self.services.sync().add_peer(identity, role=role, replace_district=True)

    def revoke(self) -> None:
        index = self.peer_table.currentIndex()
        if index.isValid():
            self.services.sync().revoke(index.data(RECORD_ROLE)["device"])
            self.refresh()

    def unrevoke(self) -> None:
        """The explicit, warned way back from a revocation."""
        index = self.peer_table.currentIndex()
        if not index.isValid() or not index.data(RECORD_ROLE)["revoked"]:
            QMessageBox.information(self, self.tr("撤销吊销"), self.tr("请先选择一台已吊销的设备。"))
            return
        answer = QMessageBox.warning(self, self.tr("撤销吊销"), self.tr(
            "撤销后，“{0}”发来的数据包将重新被接受。只有确认它的密钥没有泄露时才这样做。确定吗？").format(
            index.data(RECORD_ROLE)["name"]), QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer == QMessageBox.StandardButton.Yes:
            try:
                self.services.sync().unrevoke(index.data(RECORD_ROLE)["device"])
            except InspectorError as exc:
                QMessageBox.warning(self, self.tr("无法撤销吊销"), str(exc))
            self.refresh()

    def resolve(self) -> None:
        index = self.conflict_table.currentIndex()
        if not index.isValid():
            return
        conflict = self.services.sync().conflicts()[index.row()]
        values = [str(v) for v in conflict["values"]]
        choice, ok = QInputDialog.getItem(self, self.tr("选择保留的值"), self.tr("“{0}”的并存值：").format(
            conflict["field"]), values, 0, False)
        if ok:
            self.services.sync().resolve(conflict["table"], conflict["id"], conflict["field"],
                                         conflict["values"][values.index(choice)])
            self.refresh()
            self.sig_changed.emit()

