"""Starting the desktop app: ``inspector-gui [--db PATH]`` or ``python main.py``.

Heavy modules (reportlab, python-docx, PDF readers) are imported only when first needed so the window appears
quickly even with a large database.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="inspector-gui")
    parser.add_argument("--db", type=Path, help="数据库文件（默认在用户数据文件夹；也可设 INSPECTOR_DB）")
    parser.add_argument("--lang", choices=["zh_CN", "en"], help="界面语言 / interface language")
    parser.add_argument("--quit-after-show", action="store_true", help=argparse.SUPPRESS)
    args, qt_args = parser.parse_known_args(argv if argv is not None else sys.argv[1:])
    app = QApplication.instance() or QApplication([sys.argv[0], *qt_args])
    app.setOrganizationName("Inspector")
    app.setApplicationName("Inspector")
    install_translation(app, args.lang)
    install_icons(app)
    install_crash_handler(app)

    from inspector.errors import InspectorError
    from inspector.services import Services

    while True:
        try:
            services = Services.open(args.db)
            break
        except InspectorError as exc:
            if not offer_restore(args.db, exc):
                return 2
    from inspector.ui.session import Session

    session = Session(services)  # quitting takes a backup and closes the services (aboutToQuit)
    app.inspector_session = session
    session.show()
    if args.quit_after_show:
        app.processEvents()
        print("window-ready", flush=True)
        session.shutdown()
        return 0
    from PySide6.QtCore import QTimer

    from inspector.ui import qtvalues
    from inspector.ui.setup_dialog import offer_first_setup

    QTimer.singleShot(0, lambda: offer_first_setup(session.window))  # a new officer is asked who they are
    QTimer.singleShot(0, services.ready_for_writes)  # once the window is up, not on the way to it
    QTimer.singleShot(0, qtvalues.build_namespace)  # likewise: the first click does not wait for it
    return app.exec()


def install_icons(app: QApplication) -> bool:
    """Register the shipped icons as ``icons:NAME`` (so widgets need no paths) and set the program's icon."""
    from PySide6.QtCore import QDir
    from PySide6.QtGui import QIcon

    from inspector.paths import resource_path

    QDir.addSearchPath("icons", str(resource_path("icons")))
    icon = QIcon("icons:inspector.png")
    app.setWindowIcon(icon)
    return not icon.isNull()


def offer_restore(db: Path | None, exc: Exception) -> bool:
    """The database cannot be opened: say why, and when backups exist beside it, offer to restore one (the
    damaged file is kept). Returns whether a backup was restored, so that opening is tried again."""
    from inspector.errors import DatabaseError, InspectorError
    from inspector.paths import default_db_path
    from inspector.services import backup as bk

    path = Path(db) if db else default_db_path()
    folder = bk.backups_dir(path)
    has_backups = (folder.is_dir() and any(folder.glob("*.inspbak"))) or bool(bk.auto_backups(path))
    title = QApplication.translate("app", "无法打开数据库")
    if not (isinstance(exc, DatabaseError) and path.is_file() and has_backups):
        QMessageBox.critical(None, title, str(exc))
        return False
    box = QMessageBox(QMessageBox.Icon.Critical, title, str(exc))
    box.setInformativeText(QApplication.translate("app", "可以从 backups 文件夹中的备份恢复；当前文件会被保留。"))
    restore_button = box.addButton(QApplication.translate("app", "从备份恢复…"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QApplication.translate("app", "退出"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    if box.clickedButton() is not restore_button:
        return False
    chosen, _ = QFileDialog.getOpenFileName(None, QApplication.translate("app", "从备份恢复"), str(folder),
                                            QApplication.translate("app", "Inspector 备份 (*.inspbak *.db)"))
    if not chosen:
        return False
    try:
        bk.restore(Path(chosen), path)
    except InspectorError as refused:
        QMessageBox.warning(None, QApplication.translate("app", "不能用这个备份"), str(refused))
        return False
    return True


def install_crash_handler(app: QApplication):
    """Log to the data folder and show every uncaught error in a dialog (once per application)."""
    from inspector.logs import setup_logging
    from inspector.ui.crash import CrashHandler

    if getattr(app, "inspector_crash_handler", None) is None:
        app.inspector_crash_handler = CrashHandler(setup_logging()).install()
    return app.inspector_crash_handler


# Qt's own texts (file dialogs, OK/Cancel, input dialogs) are in qtbase; qt_zh_CN.qm only names the catalogs of
# every Qt module and fails to load when one is missing, as in the bundle, which carries qtbase alone.
QT_CATALOGS = ("qtbase_zh_CN", "qt_zh_CN")


def qt_translations_dir() -> Path:
    """Where Qt's own .qm files are: Qt's configured folder, or the copy inside the PySide6 package (the
    PyInstaller bundle carries them there, see packaging/inspector.spec)."""
    from PySide6.QtCore import QLibraryInfo

    configured = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    if any((configured / f"{name}.qm").is_file() for name in QT_CATALOGS):
        return configured
    import PySide6

    return Path(PySide6.__file__).resolve().parent / "Qt" / "translations"


def install_qt_translation(app: QApplication) -> bool:
    """Chinese for Qt's own dialogs and buttons (“查找范围”, “文件名”, 确定/取消), which are English otherwise."""
    from PySide6.QtCore import QTranslator

    if getattr(app, "inspector_qt_translator", None) is not None:
        return True
    from inspector.paths import resource_path

    folder = qt_translations_dir()
    for catalog in QT_CATALOGS:
        translator = QTranslator(app)
        if translator.load(catalog, str(folder)):
            app.installTranslator(translator)
            app.inspector_qt_translator = translator  # kept alive with the application
            extra = QTranslator(app)  # the few file-dialog texts Qt's catalog leaves English; searched first
            if extra.load(str(resource_path("translations", "qt_extra_zh_CN.qm"))):
                app.installTranslator(extra)
                translator.extra = extra  # removed together with Qt's own
            return True
    return False


def install_translation(app: QApplication, language: str | None = None) -> bool:
    """Load the interface translation chosen on the command line or in 设置; Chinese needs only Qt's own."""
    from PySide6.QtCore import QSettings, QTranslator

    from inspector.paths import translation_file

    language = language or str(QSettings().value("language", "zh_CN"))
    if language == "zh_CN":
        install_qt_translation(app)
        return False
    translator = QTranslator(app)
    if not translator.load(str(translation_file(language))):
        return False
    app.installTranslator(translator)
    app.inspector_translator = translator  # keep it alive with the application
    return True


if __name__ == "__main__":
    sys.exit(main())
