"""GUI test helpers: the app's crash handler and log file never outlive the test that installed them."""

from __future__ import annotations

import logging

import pytest


@pytest.fixture(autouse=True)
def _no_leftover_crash_handler():
    yield
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    handler = getattr(app, "inspector_crash_handler", None) if app is not None else None
    if handler is not None:
        handler.uninstall()
        app.inspector_crash_handler = None
    logger = logging.getLogger("inspector")
    for h in list(logger.handlers):
        logger.removeHandler(h)
        h.close()
