"""Shared fixtures: a fresh database per test, the seed documents and their hand-checked expectations."""

from __future__ import annotations

import functools
import importlib
import inspect
import json
import os
import sqlite3
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
pytest_plugins = ["pytester"]  # the guard's own test runs a small suite with this conftest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
if not SEEDS.exists():  # a checkout without shared/ beside it still has the samples we ship
    from inspector.paths import resource_path

    SEEDS = resource_path("samples")
EXPECTED_FILE = SEEDS / "expected.json"


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch):
    """Never touch the real user data folder or Qt settings."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.delenv("INSPECTOR_DB", raising=False)


# Objects whose public methods are the verbs of the app: each call must leave no transaction open behind it.
GUARDED = (("inspector.services", "Services"), ("inspector.services.reports", "Reports"),
           ("inspector.services.sync", "Sync"))
# Verbs made to be called from another thread while the owner's thread may be inside a transaction of its own:
# they do not touch the owner's connection, so the state of that connection says nothing about them.
CROSS_THREAD = {"for_worker", "interrupt"}


def _in_transaction(owner: object) -> bool:
    try:
        return owner.store.db.conn.in_transaction  # type: ignore[attr-defined]
    except (AttributeError, sqlite3.ProgrammingError):  # no store, or its connection is closed
        return False


class TransactionGuard:
    """Wraps every public method fetched from a guarded object; records each call that began outside a
    transaction and returned (or raised) with one still open — writes nobody committed, which the next
    outside reader, a crash or quitting would lose."""

    def __init__(self) -> None:
        self.violations: list[str] = []

    def wrap(self, owner: object, name: str, method):
        @functools.wraps(method)
        def guarded(*args, **kwargs):
            was_open = _in_transaction(owner)
            try:
                return method(*args, **kwargs)
            finally:
                if not was_open and _in_transaction(owner):
                    self.violations.append(f"{type(owner).__name__}.{name}() returned with a transaction open")

        return guarded

    def install(self, monkeypatch: pytest.MonkeyPatch, cls: type) -> None:
        guard = self

        def __getattribute__(obj, name):
            value = object.__getattribute__(obj, name)
            if name.startswith("_") or name in CROSS_THREAD or not inspect.ismethod(value):
                return value
            return guard.wrap(obj, name, value)

        monkeypatch.setattr(cls, "__getattribute__", __getattribute__)


@pytest.fixture(autouse=True)
def transaction_guard(monkeypatch):
    """Fails any test in which a service call returns with a transaction still open."""
    guard = TransactionGuard()
    for module, name in GUARDED:
        try:
            cls = getattr(importlib.import_module(module), name)
        except (ImportError, AttributeError):
            continue
        guard.install(monkeypatch, cls)
    yield guard
    if guard.violations:
        pytest.fail("; ".join(dict.fromkeys(guard.violations)), pytrace=False)


@pytest.fixture
def services(tmp_path):
    from inspector.services import Services

    svc = Services.open(tmp_path / "inspector.db", seed=False)
    yield svc
    svc.close()


@pytest.fixture(scope="session")
def expected() -> dict:
    return json.loads(EXPECTED_FILE.read_text(encoding="utf-8"))


def seed_path(name: str) -> Path:
    return SEEDS / name
