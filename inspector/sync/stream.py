"""How an import walks a package in bounded batches: tables parents first, events a finding at a time.

The stages (validate, authorize, merge, apply) run batch by batch inside the import's one transaction, so
memory stays bounded by the batch, not the package. Rows of earlier batches are already written (not yet
committed) when a later batch is authorized, so a child finds its parent in the database as a local row would.

A finding's events are checked and its status derived from all of them together, so they must never be split
over two batches: event batches are cut only where the finding changes, and a finding whose events come back
after another finding's batch was taken (events not grouped by finding, as this program writes them) refuses
the package. A package small enough for one batch is taken whole, in any order.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from inspector.errors import ImportFailed

BATCH = 10_000  # records per batch
MAX_EVENTS_PER_FINDING = 50_000


def by_finding(batches: Iterable[list[Any]], name: str, batch: int = BATCH) -> Iterator[list[Any]]:
    """Event batches re-cut at finding boundaries (validated rows: dicts with a string ``finding_id``)."""
    carry: list[Any] = []
    floor: str | None = None  # the highest finding whose events were handed out in an earlier batch
    for part in batches:
        carry.extend(part)
        if len(carry) < batch:
            continue
        last = _finding(carry[-1])
        cut = len(carry)
        while cut and _finding(carry[cut - 1]) == last:
            cut -= 1
        if not cut:
            if len(carry) > MAX_EVENTS_PER_FINDING:
                raise ImportFailed(f"“{name}”中同一条隐患的处理记录过多（超过 {MAX_EVENTS_PER_FINDING} 条），已拒绝。",
                                   "这不是 Inspector 生成的数据包，请勿导入。")
            continue
        out, carry = carry[:cut], carry[cut:]
        floor = _check_order(out, floor, name)
        yield out
    if carry:
        _check_order(carry, floor, name)
        yield carry


def _check_order(out: list[Any], floor: str | None, name: str) -> str:
    ids = [_finding(e) for e in out]
    if floor is not None and min(ids) <= floor:
        raise ImportFailed(f"“{name}”中的处理记录没有按隐患分组（同一条隐患的记录分散在数据包各处），已拒绝。",
                           "这不是 Inspector 生成的数据包，请让对方用本程序重新导出。")
    return max(ids)


def _finding(event: Any) -> str:
    return event["finding_id"]
