"""Stage five of an import: each batch's plan written inside the import's one Store transaction, then the files.

The whole import — every batch, the package's record and the peer's sequence number — is one transaction: a
refusal, a failed check in a later batch, or a reference the database still refuses at commit rolls it all
back with one message. A dry run walks the same batches and rolls back at the end, so the preview is exactly
what the import would do. Files are written only after the transaction committed, each under its checked name
through :mod:`inspector.filestore`; a file already there is left alone.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from inspector import filestore
from inspector.db import sync as sq
from inspector.db.campaigns import link_names
from inspector.db.findings import index_new, reindex_many
from inspector.db.store import Store, stable_id
from inspector.errors import ImportFailed
from inspector.sync.merge import NO_EVENTS, Plan


class Rollback(Exception):
    """Raised inside :func:`transaction` to end it without writing anything (a dry run)."""


@contextlib.contextmanager
def transaction(store: Store, name: str) -> Iterator[None]:
    try:
        with sq.import_cache(store), store.atomic(), sq.provisional_findings(store):
            sq.defer_foreign_keys(store)
            yield
    except Rollback:
        return
    except sqlite3.IntegrityError as exc:
        raise ImportFailed(f"“{name}”中的记录与本机数据不一致（{str(exc)[:80]}），未导入任何内容。",
                           "通常是引用了本机没有的记录；请让对方导出“全部数据”后再导入。") from exc
    except sqlite3.OperationalError as exc:
        raise ImportFailed(f"数据库正忙或无法写入（{str(exc)[:80]}），“{name}”未导入任何内容。",
                           "请稍后重试；如果反复出现，请关闭其他正在使用该数据库的程序。") from exc


def write(store: Store, plan: Plan) -> None:
    """One batch: events, rows, derived statuses, and the search entries of the findings written. (A finding's
    search text has no derived column, so a status change alone leaves its entry as it is.)"""
    sq.insert_events(store, plan.events)
    derived = dict(plan.derived)
    for table, rows in plan.new.items():
        if table == "findings":  # a new finding is written with its derived columns, not written twice
            rows = [{**r, **derived.pop(r["id"])} if r["id"] in derived else r for r in rows]
        sq.insert(store, table, rows)
    for table, rows in plan.changed.items():
        sq.upsert(store, table, rows)
    sq.set_derived(store, derived)
    sq.mark_provisional(store, plan.provisional)
    for table in ("inspections", "findings"):  # names typed by an older version become references
        ids = [r["id"] for r in plan.new.get(table, []) + plan.changed.get(table, [])]
        link_names(store, table, ids, lambda name: stable_id("campaign", name))
    reindex_many(store.db, [r["id"] for r in plan.changed.get("findings", [])], existing=True)
    index_new(store.db, plan.new.get("findings", []))


def settle(store: Store) -> None:
    """The end of an import's batches: a new finding that got no event derives the columns of no events."""
    sq.settle_provisional(store, NO_EVENTS)


def save_files(folder: Path, attachments: Iterator[bytes]) -> int:
    written = 0
    for data in attachments:
        _, new = filestore.put_bytes(folder, data)
        written += new
    return written
