"""The findings that contain what the officer typed, as a set of rowids, fast enough to run on every keystroke.

Joining the full-text matches to the findings and sorting them in SQL costs a row lookup per match (a quarter of
a second for a common word at 200,000 findings). The 隐患 page instead keeps the list of findings in the order it
shows (for its other filters) and keeps those whose rowid is in this set: the index is read once, as one string,
and the order comes from the list it already has.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable

from inspector.db.findings import SORTS
from inspector.textsearch import match_query


def matching_rowids(db: sqlite3.Connection, text: str, span: int = 250_000,
                    stop: Callable[[], bool] | None = None) -> set[int] | None:
    """Rowids of the findings whose search text matches ``text``; None when there is nothing to search for.

    Read in rowid ranges of ``span``, yielding the interpreter between them: parsing a few hundred thousand
    numbers at once would keep the window's event loop (another thread of this process) from running. ``stop``
    is asked between ranges (a newer keystroke replaced this search: the rest is not read).
    """
    match = match_query(text)
    if match is None:
        return None
    top = db.execute("SELECT max(rowid) FROM findings").fetchone()[0] or 0
    found: set[int] = set()
    for low in range(0, top + 1, span):
        if stop is not None and stop():
            break
        joined = db.execute(
            "SELECT group_concat(rowid) FROM findings_fts WHERE findings_fts MATCH ? AND rowid > ? AND rowid <= ?",
            [match, low, low + span]).fetchone()[0]
        if joined:
            _add_numbers(found, joined)
        time.sleep(0)  # let the GUI thread run
    return found


def _add_numbers(found: set[int], joined: str, piece: int = 100_000) -> None:
    """Add the comma-separated rowids of ``joined`` to ``found``, ``piece`` characters (some 15,000 numbers) at
    a time: parsing the 80,000 matches of a common word in one range is one call that keeps the interpreter
    (and so the window's event loop) for 60 ms and more; between the pieces the GUI thread gets it back."""
    start = 0
    while start < len(joined):
        end = joined.find(",", start + piece)
        end = len(joined) if end < 0 else end
        found.update(json.loads(f"[{joined[start:end]}]"))
        start = end + 1
        time.sleep(0)


def newest_rowids(db: sqlite3.Connection, sort: str, descending: bool, limit: int) -> list[int]:
    """The first ``limit`` live findings in list order, with no other filter: the first screen of the 隐患 page
    while the full list is still being read (an index walk that stops after ``limit`` rows)."""
    order = "DESC" if descending else "ASC"
    return [r[0] for r in db.execute(
        f"""SELECT f.rowid FROM findings f WHERE f.deleted_at IS NULL
            ORDER BY {SORTS.get(sort, 'f.found_on')} {order}, f.rowid {order} LIMIT ?""", [int(limit)])]


def stored_tokens(db: sqlite3.Connection, rowids: list[int]) -> dict[int, str]:
    """The search tokens stored for these findings: the index's own copy of them (FTS5 keeps a table's column
    values in its ``_content`` table, column ``c0`` for ``body``), read there by key — a look-up through the
    virtual table costs a filter call per rowid, several times slower for the thousands a keystroke may need."""
    out: dict[int, str] = {}
    for start in range(0, len(rowids), 5_000):  # well under SQLite's limit of bound parameters
        part = rowids[start:start + 5_000]
        out.update(db.execute(
            f"SELECT id, c0 FROM findings_fts_content WHERE id IN ({', '.join('?' * len(part))})", part).fetchall())
    return out
