"""The open database and its window for the life of the app: automatic backups, restore, and a clean quit.

On quit (``aboutToQuit``) the session takes an automatic backup and closes the services, so the WAL is
checkpointed and the ``.db`` alone is complete. While the window is open it looks every minute whether a periodic
backup is due (:meth:`inspector.services.backup.Backups.due`). A restore closes the services, replaces the
database, and opens it again in a new window: no page keeps a connection to the replaced file.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

from inspector.services import Services
from inspector.ui.background import Operation

if TYPE_CHECKING:
    from inspector.services.backup import Backups, Restored
    from inspector.ui.main_window import MainWindow

CHECK_EVERY_MS = 60_000
log = logging.getLogger("inspector.session")


class Session(QObject):
    """Owns the services and the main window; the window finds it as ``window.session``."""

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services: Services | None = services
        self.path = services.path
        self.window: MainWindow | None = None
        self._backups: Backups | None = None
        self.last_backup: Path | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.periodic_backup)
        self._app = QApplication.instance()
        if self._app is not None:
            self._app.aboutToQuit.connect(self.shutdown)

    @property
    def backups(self) -> Backups:
        """The automatic backups of the open database, made when first asked for (the first periodic check or
        the quit): the backup modules (zip, hashing) are not loaded on the way to the window."""
        if self._backups is None:
            self._backups = self.services.backups()
        return self._backups

    @backups.setter
    def backups(self, backups: Backups) -> None:
        self._backups = backups

    @classmethod
    def adopt(cls, window: MainWindow) -> Session:
        """A session for a window made without one (the window was built directly)."""
        session = cls(window.services)
        session.window = window
        window.session = session
        return session

    def show(self) -> MainWindow:
        from inspector.ui.main_window import MainWindow

        old = self.window
        self.window = MainWindow(self.services)
        self.window.session = self
        if old is not None:
            self.window.restoreGeometry(old.saveGeometry())
        self.window.show()
        if old is not None:
            old.close()
            old.deleteLater()
        self.timer.start()
        return self.window

    def periodic_backup(self) -> Operation | None:
        """A backup when one is due, written on a worker with its own connection (a district's database takes
        seconds to copy); a failure is logged and shown in the status bar, never raised."""
        if self.services is None or self.window is None or not self.backups.due():
            return None
        from inspector.services import backup as bk

        clock, path = self.backups.clock, self.path

        def saved(result: Path | None) -> None:
            self.last_backup = result
            if self.services is not None:  # the next change is judged against the file just written
                self.backups = bk.Backups(self.services.store, path, clock)

        def failed(exc: Exception) -> None:
            log.warning("自动备份失败：%s", exc, exc_info=exc)
            if self.window is not None:
                self.window.statusBar().showMessage(self.tr("自动备份失败：{0}").format(exc), 10000)

        return Operation(self.window, lambda task: bk.Backups(task.services.store, path, clock).auto(),
                         services=self.services, key="auto-backup").success(saved).failure(
            failed).run_in_background()

    def shutdown(self) -> None:
        """Quit: a last automatic backup, then close the services (which checkpoints the WAL)."""
        self.timer.stop()
        if self._app is not None:
            with contextlib.suppress(RuntimeError, TypeError):
                self._app.aboutToQuit.disconnect(self.shutdown)
            self._app = None
        if self.services is None:
            return
        try:
            self.backups.auto()
        except Exception:
            log.warning("退出时的自动备份失败", exc_info=True)
        self.services.close()
        self.services = None

    def replace_database(self, source: Path, restored: Callable[[Restored], None],
                         refused: Callable[[Exception], None]) -> Operation:
        """Close the services, restore ``source`` over the database on a worker (a district's database takes a
        while to copy; the window waits behind a progress dialog), and open it again in a new window. A refused
        backup leaves the database as it was, and it is opened again as it was; then ``refused`` is told why."""
        from inspector.services.backup import restore
        from inspector.ui import undo

        self.timer.stop()
        undo.STACK.clear()  # its edits belong to the replaced database
        if self.services is not None:
            self.services.close()
            self.services = None
        path = self.path

        def reopened(result: Restored | None, exc: Exception | None) -> None:
            self.services = Services.open(path, seed=False)
            self._backups = None  # of the reopened database
            self.show()
            if exc is None:
                restored(result)
            else:
                refused(exc)

        return Operation(self.window, lambda task: restore(source, path), key="restore").success(
            lambda result: reopened(result, None)).failure(lambda exc: reopened(None, exc)).with_progress(
            self.tr("正在从备份恢复…"), maximum=0, cancellable=False).run_in_background()
