"""Shared fixtures: a fresh database per test, the seed documents and their hand-checked expectations."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

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
