"""Photos for a finding: dropped files and pasted images become thumbnails and are kept by content."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QColor, QDropEvent, QGuiApplication, QImage
from PySide6.QtWidgets import QLabel

from inspector.ui.finding_dialog import PhotoStrip


def test_drop_and_paste_add_thumbnails(qtbot, tmp_path):
    strip = PhotoStrip()
    qtbot.addWidget(strip)
    image = QImage(120, 90, QImage.Format.Format_RGB32)
    image.fill(QColor("#2e86de"))
    photo = tmp_path / "现场.png"
    image.save(str(photo))
    (tmp_path / "notes.txt").write_text("不是照片", encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(photo)), QUrl.fromLocalFile(str(tmp_path / "notes.txt"))])
    strip.dropEvent(QDropEvent(QPoint(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                               Qt.KeyboardModifier.NoModifier))
    assert strip.paths == [photo]  # the text file is not a photo
    QGuiApplication.clipboard().setImage(image)
    strip.paste(tmp_path)
    assert len(strip.paths) == 2 and strip.paths[1].exists()
    thumbnails = [w for w in strip.findChildren(QLabel) if w.pixmap() is not None and not w.pixmap().isNull()]
    assert len(thumbnails) == 2 and thumbnails[0].pixmap().width() <= 72
