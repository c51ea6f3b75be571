"""Stage five of an import: the plan written in one Store transaction, then the attachment files.

Files are written only after the transaction committed, each under its checked name through
:mod:`inspector.filestore`; a file already there is left alone. A constraint the database still refuses (a
reference to a record neither here nor in the package) rolls the whole transaction back with one message.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from inspector import filestore
from inspector.db import sync as sq
from inspector.db.findings import reindex_many
from inspector.db.store import Store
from inspector.errors import ImportFailed
from inspector.sync.merge import Plan


def apply(store: Store, plan: Plan, bookkeeping: Callable[[], None], name: str) -> None:
    try:
        with store.atomic():
            sq.defer_foreign_keys(store)
            sq.insert_events(store, plan.events)
            for table, rows in plan.new.items():
                sq.insert(store, table, rows)
            for table, rows in plan.changed.items():
                sq.upsert(store, table, rows)
            sq.set_derived(store, plan.derived)
            new = {r["id"] for r in plan.new.get("findings", [])}
            changed = {r["id"] for r in plan.changed.get("findings", [])} | (set(plan.derived) - new)
            reindex_many(store.db, sorted(changed), existing=True)
            reindex_many(store.db, sorted(new), existing=False)
            bookkeeping()
    except sqlite3.IntegrityError as exc:
        raise ImportFailed(f"“{name}”中的记录与本机数据不一致（{str(exc)[:80]}），未导入任何内容。",
                           "通常是引用了本机没有的记录；请让对方导出“全部数据”后再导入。") from exc
    except sqlite3.OperationalError as exc:
        raise ImportFailed(f"数据库正忙或无法写入（{str(exc)[:80]}），“{name}”未导入任何内容。",
                           "请稍后重试；如果反复出现，请关闭其他正在使用该数据库的程序。") from exc


def save_files(folder: Path, attachments: dict[str, bytes]) -> int:
    written = 0
    for data in attachments.values():
        _, new = filestore.put_bytes(folder, data)
        written += new
    return written
