"""The findings that contain what the officer typed, as a set of rowids, fast enough to run on every keystroke.

Joining the full-text matches to the findings and sorting them in SQL costs a row lookup per match (a quarter of
a second for a common word at 200,000 findings). The 隐患 page instead keeps the list of findings in the order it
shows (for its other filters) and keeps those whose rowid is in this set: the index is read once, as one string,
and the order comes from the list it already has.
"""

from __future__ import annotations

import json

from sqlite_utils import Database

from inspector.textsearch import match_query


def matching_rowids(db: Database, text: str) -> set[int] | None:
    """Rowids of the findings whose search text matches ``text``; None when there is nothing to search for."""
    match = match_query(text)
    if match is None:
        return None
    joined = db.execute("SELECT group_concat(rowid) FROM findings_fts WHERE findings_fts MATCH ?",
                        [match]).fetchone()[0]
    return set(json.loads(f"[{joined}]")) if joined else set()
