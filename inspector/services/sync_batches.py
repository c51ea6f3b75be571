"""One import's second pass: the package's records walked in bounded batches through validate → authorize →
merge → apply, inside the transaction :meth:`inspector.services.sync.Sync._run` holds.

Memory is bounded by a batch (:data:`inspector.sync.stream.BATCH` records), not by the package: each batch is
parsed from its member, checked, merged and written, then dropped. Tables come parents first
(:data:`inspector.sync.authorize.ORDER`), finding events last and a finding at a time
(:func:`inspector.sync.stream.by_finding`). A row written by an earlier batch of this import carries the
import's own ``updated_at`` stamp; meeting one again means the package holds the same id twice.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from inspector import filestore
from inspector.db import sync as sq
from inspector.db.store import utc_now
from inspector.db.structure import SYNCED_TABLES
from inspector.errors import ImportFailed
from inspector.sync import apply as applying
from inspector.sync import merge, package, stream
from inspector.sync.authorize import ORDER, Sender, authorize
from inspector.sync.schema import RowChecker
from inspector.sync.validate import validate

if TYPE_CHECKING:
    from inspector.services.sync import Sync, Verified

EVENTS = "finding_events"
MAX_LISTED = 1000  # refused records listed in the report (all are counted)
EMPTY = {"new": 0, "changed": 0, "conflicts": 0, "unchanged": 0, "refused": 0}


class Run:
    def __init__(self, sync: Sync, verified: Verified, skew_ms: int) -> None:
        self.sync, self.verified, self.skew_ms = sync, verified, skew_ms
        self.name = verified.path.name
        self.checkers = {t: RowChecker(t, sq.column_types(sync.store, t)) for t in (*SYNCED_TABLES, EVENTS)}
        self.sender = Sender(verified.peer["device"], verified.peer["role"] or "town", sync.store.device_id)
        self.stamp = utc_now()
        self.files: set[str] = set()
        self.refused = 0

    def batches(self) -> Iterator[tuple[str, list[dict[str, Any]]]]:
        """(table, validated rows) in bounded batches: tables parents first, then events a finding at a time."""
        tables = self.verified.source.tables()
        for table in tables:
            if table not in self.checkers:
                validate({table: []}, self.checkers, self.name)  # refuses the unknown table
        counter = [0]
        for table in ORDER:
            for rows in self._read(tables.get(table, []), counter):
                validate({table: rows}, self.checkers, self.name)
                yield table, rows
        events = (self._validated(rows) for rows in self._read(tables.get(EVENTS, []), counter))
        for rows in stream.by_finding(events, self.name):
            yield EVENTS, rows

    def _read(self, members: list[str], counter: list[int]) -> Iterator[list[Any]]:
        for member in members:
            yield from package.rows(self.verified.source, member, stream.BATCH, counter)

    def _validated(self, rows: list[Any]) -> list[Any]:
        validate({EVENTS: rows}, self.checkers, self.name)
        return rows

    def batch(self, table: str, rows: list[dict[str, Any]]) -> None:
        sync = self.sync
        verdict = authorize({table: rows}, self.sender, sync._lookup, today=sync.now().date(),
                            now_ms=sync._now_ms(), skew_ms=self.skew_ms)
        again = [r for r in verdict.local.get(table, {}).values() if r.get("updated_at") == self.stamp]
        if again:
            raise ImportFailed(f"“{self.name}”中 {table} 的记录（编号 {again[0]['id'][:36]}）出现了两次，已拒绝。",
                               "该数据包不是按本程序的格式生成的，可能被篡改，请勿导入。")
        plan = merge.plan(verdict.accepted, verdict.local, verdict.local_events, verdict.builtin, self.stamp,
                          verdict.states, verdict.referenced)
        applying.write(sync.store, plan)
        self._count(plan, verdict.refused)
        if table == "attachments":
            self._attachments(plan, verdict.accepted.get("attachments", []))

    def _count(self, plan: merge.Plan, refused: list[dict[str, str]]) -> None:
        report = self.verified.report
        for table, counts in plan.counts.items():
            mine = report.tables.setdefault(table, dict(EMPTY))
            for key, n in counts.items():
                mine[key] += n
        for r in refused:
            report.tables.setdefault(r["table"], dict(EMPTY))["refused"] += 1
        self.refused += len(refused)
        report.refused.extend(refused[:max(0, MAX_LISTED - len(report.refused))])
        report.events += len(plan.events)

    def _attachments(self, plan: merge.Plan, accepted: list[dict[str, Any]]) -> None:
        present, folder = self.verified.source.attachments, self.sync.files
        wanted = {a["sha256"] for a in accepted} & present
        self.verified.report.attachments += len([d for d in wanted if not filestore.path_for(folder, d).exists()])
        self.files |= {a["sha256"] for a in plan.new.get("attachments", []) + plan.changed.get("attachments", [])
                       } & present


def refusal(name: str, listed: list[dict[str, str]], count: int) -> tuple[str, str]:
    """The message of a package with refused records (the first few listed)."""
    shown = "；".join(f"{r['table']} {r['id'][:8]}：{r['reason']}" for r in listed[:5])
    more = f"等 {count} 条" if count > 5 else ""
    return (f"“{name}”中有发送方无权提交的记录{more}，整个数据包未导入：{shown}。",
            "数据包要么整体导入，要么不导入；请联系发送方核实。")
