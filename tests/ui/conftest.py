"""GUI test helpers: the app's crash handler and log file never outlive the test that installed them; a
district-sized database for the GUI-thread tests, built once per test session and copied per test."""

from __future__ import annotations

import logging
import sqlite3

import pytest

from inspector.services import Services

SCALE_FINDINGS = 20_000


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


def _build(path) -> None:
    from inspector.services.demo import build_demo, build_scale

    services = Services.open(path)
    build_demo(services)
    build_scale(services, findings=SCALE_FINDINGS, towns=4)  # hundreds of inspections per town
    services.close()


@pytest.fixture(scope="session")
def scale_db(tmp_path_factory):
    """The path of a database with tens of thousands of findings and many inspections (read-only: copy it)."""
    path = tmp_path_factory.mktemp("scale") / "scale.db"
    _build(path)
    return path


@pytest.fixture
def scale_services(scale_db, tmp_path):
    """A private copy of the scale database, so a test may write to it."""
    target = tmp_path / "scale.db"
    with sqlite3.connect(scale_db) as source, sqlite3.connect(target) as copy:
        source.backup(copy)  # SQLite's online backup, never a file copy
    source.close()
    copy.close()
    services = Services.open(target, seed=False)
    yield services
    services.close()
