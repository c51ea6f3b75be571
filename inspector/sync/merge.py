"""Stage four of an import, pure: local rows and accepted incoming rows in, the writes and the counts out.

No database access: the caller hands in what the authorize stage looked up. Fields merge by their versions
(:mod:`inspector.sync.versions`); finding events are a union; a finding's status, current deadline and
close-out date are derived from all its events (local and incoming) and are never taken from a package.

A new finding comes in a batch of findings, before its events: it is written with the derived columns the
package states, and listed as provisional. When its events come, the columns they derive are written only where
they differ from those held (a faithful package's finding is written once, not written and then updated); the
import ends by giving every provisional finding that got no event at all the columns of no events
(:func:`inspector.db.sync.settle_provisional`). So what is committed is always what the events derive.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from inspector import workflow as wf
from inspector.sync.authorize import causal
from inspector.sync.ownership import OWNER_EVENTS
from inspector.sync.versions import merge_records, same_version

DERIVED = {"findings": ("status", "current_deadline", "closed_on")}


@dataclass
class Plan:
    """What the apply stage writes: new rows and merged rows per table, events, derived finding columns."""

    new: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    changed: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    events: list[dict[str, Any]] = field(default_factory=list)
    derived: dict[str, dict[str, Any]] = field(default_factory=dict)
    provisional: list[str] = field(default_factory=list)  # new findings written as stated, events still to come
    counts: dict[str, dict[str, int]] = field(default_factory=dict)


def plan(accepted: dict[str, list[dict[str, Any]]], local: dict[str, dict[str, dict[str, Any]]],
         local_events: dict[str, list[dict[str, Any]]], builtin_ids: set[str], now: str,
         states: dict[str, dict[str, Any]] | None = None,
         referenced: dict[str, dict[str, dict[str, Any]]] | None = None) -> Plan:
    """``states``: derived columns the authorize stage already folded from the same events (its replay), by
    finding; any finding not there is folded here. ``referenced``: the held records the batch points to, as
    the authorize stage found them (an events batch's findings, with their derived columns)."""
    out = Plan(events=list(accepted.get("finding_events", [])))
    for table, rows in accepted.items():
        if table != "finding_events":
            _table(out, table, rows, local.get(table, {}), builtin_ids, now)
    events = {k: list(v) for k, v in local_events.items()}
    for e in out.events:
        events.setdefault(e["finding_id"], []).append(e)
    held = {**(referenced or {}).get("findings", {}), **local.get("findings", {})}
    _derive(out, events, held, states or {})
    return out


def _derive(out: Plan, events: dict[str, list[dict[str, Any]]], held: dict[str, dict[str, Any]],
            states: dict[str, dict[str, Any]]) -> None:
    """The derived columns of every finding this batch touches, kept only where they differ from those held."""
    new = {r["id"]: r for r in out.new.get("findings", [])}
    for finding_id in sorted({e["finding_id"] for e in out.events} | set(new)):
        history = events.get(finding_id)
        if finding_id in states:
            columns = states[finding_id]
        elif history:
            columns = state_columns(history)
        elif finding_id in new:  # its events are still to come: the import settles it if none do
            if _derived(new[finding_id]) != NO_EVENTS:
                out.provisional.append(finding_id)
            continue
        else:
            columns = NO_EVENTS
        row = new.get(finding_id) or held.get(finding_id)
        if row is None or _derived(row) != columns:
            out.derived[finding_id] = columns


def _derived(row: dict[str, Any]) -> dict[str, Any]:
    return {k: row.get(k) for k in DERIVED["findings"]}


def _without(row: dict[str, Any] | None, columns: tuple[str, ...]) -> dict[str, Any] | None:
    """The row without the columns its table derives (most tables derive none: the row itself)."""
    if row is None or not columns:
        return row
    return {k: v for k, v in row.items() if k not in columns}


def _table(out: Plan, table: str, rows: list[dict[str, Any]], local: dict[str, dict[str, Any]],
           builtin_ids: set[str], now: str) -> None:
    counts = {"new": 0, "changed": 0, "conflicts": 0, "unchanged": 0, "refused": 0}
    derived = DERIVED.get(table, ())
    for row in rows:
        mine = local.get(row["id"])
        if mine is not None and same_version(mine, row, derived):
            counts["unchanged"] += 1  # what is held here already, version for version
            continue
        if row["id"] in builtin_ids:
            if mine is not None:
                counts["unchanged"] += 1  # built-in content is never changed by a package
                continue
            row = {**row, "deleted_at": None, "sync_meta": None}  # as the program itself makes it
        merged, changed, conflict = merge_records(_without(mine, derived), _without(row, derived))
        counts["conflicts"] += conflict
        if mine is None:
            counts["new"] += 1
            out.new.setdefault(table, []).append({**row, **merged, "updated_at": now})
        elif changed:
            counts["changed"] += 1
            merged.update({k: mine.get(k) for k in derived})
            out.changed.setdefault(table, []).append({**merged, "updated_at": now})
        else:
            counts["unchanged"] += 1
    out.counts[table] = counts


def state_columns(events: list[dict[str, Any]]) -> dict[str, Any]:
    """The finding columns its events derive (events as stored rows, in the order they happened)."""
    ordered = sorted(events, key=causal)
    state = wf.derive([wf.Event(e["kind"], date.fromisoformat(e["on_date"]), json.loads(e["data"] or "{}"))
                       for e in ordered if e["kind"] in OWNER_EVENTS])
    return state.columns()


NO_EVENTS = state_columns([])  # a finding that has no events yet (every new finding of a batch of findings)
