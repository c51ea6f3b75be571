"""The records every device makes from the program's own files: built-in templates and the sample documents.

They carry content-derived ids that are the same on every laptop, so a package may bring them to a device that
does not have them yet — but nobody owns them: a record claiming one of these ids must equal what the program
itself derives, field for field, or it is refused. The reference is built once per process in a private
in-memory database from the shipped resources.
"""

from __future__ import annotations

import functools
from typing import Any

from inspector.sync.versions import BOOKKEEPING

TABLES = ("documents", "checklists", "checklist_items", "item_units", "units")
IGNORED = BOOKKEEPING | {"version", "previous_id", "changes"}


@functools.cache
def reference() -> dict[str, dict[str, dict[str, Any]]]:
    """Per table, id → the content fields of each built-in record."""
    from sqlite_utils import Database

    from inspector.db import sync as sq
    from inspector.db.store import Store, migrate
    from inspector.docimport import parse_file
    from inspector.paths import sample_documents
    from inspector.services import documents

    db = Database(memory=True, execute_plugins=False)
    migrate(db)
    store = Store(db)
    documents.seed_templates(store)
    for sample in sample_documents():
        documents.save_outline(store, sample, parse_file(sample))
    out = {t: {r["id"]: content(r) for r in sq.all_rows(store, t)} for t in TABLES}
    db.close()
    return out


def content(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k not in IGNORED}


def is_builtin(table: str, record_id: str) -> bool:
    return record_id in reference().get(table, {})


def matches(table: str, row: dict[str, Any]) -> bool:
    expected = reference()[table][row["id"]]
    return all(row.get(k) == v for k, v in expected.items()) and set(content(row)) <= set(expected)
