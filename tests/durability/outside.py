"""What another program sees of the database: a separate process that opens the file, reads it and closes it.

That open-and-close is what used to checkpoint and delete the WAL under a window that had lost its POSIX locks
(see test_lost_wal.py), so every read here is also the attack: a write of the window made after it and missing
from the next read means the window is writing into a file nobody else will see.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

SNAPSHOT = r"""
import json, sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
def rows(sql):
    return [list(r) for r in conn.execute(sql)]
live = "deleted_at IS NULL"
events = {}
for finding, kind in rows("SELECT finding_id, kind FROM finding_events ORDER BY rowid"):
    events.setdefault(finding, []).append(kind)
out = {
    "integrity": conn.execute("PRAGMA integrity_check").fetchone()[0],
    "sites": {r[0]: {"credit_code": r[1], "address": r[2], "contact_phone": r[3]}
              for r in rows(f"SELECT name, credit_code, address, contact_phone FROM sites WHERE {live}")},
    "inspectors": dict(rows(f"SELECT name, certificate_no FROM inspectors WHERE {live}")),
    "inspections": {r[0]: {"site_id": r[1], "signatures": json.loads(r[2] or "null")}
                    for r in rows(f"SELECT id, site_id, signatures FROM inspections WHERE {live}")},
    "results": {f"{r[0]}/{r[1]}": r[2] for r in rows(
        f"SELECT inspection_id, item_id, result FROM inspection_results WHERE {live}")},
    "findings": {r[0]: {"description": r[1], "status": r[2], "events": events.get(r[0], [])}
                 for r in rows(f"SELECT id, description, status FROM findings WHERE {live}")},
    "progress": {r[0]: {"q1": r[1], "status": r[2]} for r in rows(
        f"SELECT item_id, q1, status FROM task_progress WHERE {live}")},
    "attachments": sorted(r[0] for r in rows(f"SELECT role FROM attachments WHERE {live}")),
    "doc_numbers": sorted(r[0] for r in rows(f"SELECT text FROM doc_numbers WHERE {live}")),
    "peers": dict(rows(f"SELECT name, trusted FROM peers WHERE {live}")),
}
conn.close()
print(json.dumps(out, ensure_ascii=False))
"""


def snapshot(path: Path) -> dict[str, Any]:
    """Everything the tests compare, read by a fresh ``python`` with the standard library's sqlite3 only."""
    done = subprocess.run([sys.executable, "-c", SNAPSHOT, str(path)], capture_output=True, text=True,
                          encoding="utf-8", timeout=60, check=True)
    seen = json.loads(done.stdout)
    assert seen["integrity"] == "ok", seen["integrity"]
    return seen


def cli_stats(path: Path) -> dict[str, Any]:
    """``inspector stats --json`` from a shell: the program itself, opening the file as a second user."""
    done = subprocess.run([sys.executable, "-m", "inspector.cli", "--db", str(path), "stats", "--json"],
                          capture_output=True, text=True, encoding="utf-8", timeout=60, check=True)
    return json.loads(done.stdout)
