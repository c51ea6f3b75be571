"""One write path: services write only through Store methods, and the window never holds a transaction."""

from __future__ import annotations

import re
from pathlib import Path

import inspector

PACKAGE = Path(inspector.__file__).parent
NOT_YET: set[str] = set()
RAW_WRITE = re.compile(r"\.db\[|\.conn\.|\bINSERT\s+INTO\b|\bUPDATE\s+\w+\s+SET\b|\bDELETE\s+FROM\b", re.I)
WINDOW_WRITE = re.compile(r"\.store\.(atomic|insert|insert_many|update|delete|append|audit|db)\b")


def offending(folder: Path, pattern: re.Pattern[str], skip: set[str] = frozenset()) -> list[str]:
    return [f"{path.name}:{n}: {line.strip()}" for path in sorted(folder.glob("*.py")) if path.name not in skip
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if pattern.search(line)]


def test_services_write_only_through_the_store():
    assert offending(PACKAGE / "services", RAW_WRITE, NOT_YET) == []


def test_the_window_writes_only_through_services():
    assert offending(PACKAGE / "ui", WINDOW_WRITE) == []
