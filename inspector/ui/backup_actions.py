"""文件 → 备份… and 从备份恢复…: the window's side of :mod:`inspector.services.backup`."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMessageBox

from inspector.errors import InspectorError
from inspector.services import backup as bk
from inspector.ui.background import Operation

if TYPE_CHECKING:
    from inspector.ui.main_window import MainWindow


def backup_now(window: MainWindow) -> Operation | None:
    """Ask where, then write a full backup (database and attachments) in the background with a progress
    dialog; the window stays responsive however many photos there are."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    default = Path(folder) / f"{window.services.path.stem}-备份-{datetime.now():%Y%m%d-%H%M}{bk.SUFFIX}"
    title = QCoreApplication.translate("backup", "备份到文件")
    kinds = QCoreApplication.translate("backup", "Inspector 备份 (*.inspbak)")
    chosen, _ = QFileDialog.getSaveFileName(window, title, str(default), kinds)
    if not chosen:
        return None
    def work(task):
        return task.services.backups().full(Path(chosen), task.progress)

    def done(result) -> None:
        out, count = result
        text = QCoreApplication.translate(
            "backup", "已备份到“{0}”：数据库和 {1} 个附件。\n请把它复制到另一个磁盘或 U 盘保存。").format(out, count)
        QMessageBox.information(window, QCoreApplication.translate("backup", "已备份"), text)

    def failed(exc: Exception) -> None:
        text = QCoreApplication.translate("backup", "没有生成备份：{0}").format(exc)
        QMessageBox.warning(window, QCoreApplication.translate("backup", "备份失败"), text)

    return Operation(window, work, services=window.services, key="backup").success(done).failure(
        failed).with_progress(QCoreApplication.translate("backup", "正在备份…"), cancellable=False).run_in_background()


def restore_from(window: MainWindow) -> bool:
    """Choose a backup, check it, confirm with what it holds, then let the session replace the database."""
    from inspector.ui.session import Session

    session = getattr(window, "session", None) or Session.adopt(window)
    path = window.services.path
    title = QCoreApplication.translate("backup", "从备份恢复")
    kinds = QCoreApplication.translate("backup", "Inspector 备份 (*.inspbak *.db)")
    chosen, _ = QFileDialog.getOpenFileName(window, title, str(bk.backups_dir(path)), kinds)
    if not chosen:
        return False
    try:
        info = bk.check(Path(chosen), path)
    except InspectorError as exc:
        QMessageBox.warning(window, QCoreApplication.translate("backup", "不能用这个备份"), str(exc))
        return False
    question = QCoreApplication.translate(
        "backup", "用“{0}”替换当前数据库？\n备份中有单位 {1} 家、隐患 {2} 条，最后修改于 {3}。\n"
        "当前数据库会先保留在 backups 文件夹中。").format(
        Path(chosen).name, info.sites, info.findings, (info.last_change or "—")[:16].replace("T", " "))
    note = bk.other_device_note(info, window.services.store.device_id)
    if note:
        question += "\n\n" + note
    if QMessageBox.question(window, title, question) != QMessageBox.StandardButton.Yes:
        return False
    def restored(result) -> None:
        kept = QCoreApplication.translate("backup", "原数据库保留为“{0}”。").format(result.kept) if result.kept else ""
        done = QCoreApplication.translate("backup", "已从备份恢复，补回附件 {0} 个。{1}").format(
            result.attachments_added, kept)
        QMessageBox.information(session.window, QCoreApplication.translate("backup", "已恢复"), done)

    def refused(exc: Exception) -> None:
        QMessageBox.warning(session.window, QCoreApplication.translate("backup", "未能恢复"), str(exc))

    session.replace_database(Path(chosen), restored, refused)
    return True
