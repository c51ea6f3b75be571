"""Versions of records for merging between devices: a hybrid logical clock and per-field version vectors.

Every field of a synchronised record keeps a small version: a version vector ``vv`` (device → count of that
device's edits of the field) and the hybrid-logical-clock time ``t`` of the edit. Merging two versions of a
field keeps every version not superseded by another (a multi-value register): one survivor is a clean merge;
several survivors are a conflict, shown to a person, while the value with the latest ``t`` is the one displayed.
Union-then-prune is commutative, associative and idempotent, so devices that exchange packages in any order end
in the same state, and nothing is ever overwritten silently.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

BOOKKEEPING = {"id", "created_at", "updated_at", "device_id", "sync_meta", "deleted_at"}


def wall_ms() -> int:
    """This computer's wall-clock time in ms (the clock a :class:`Clock` reads unless it is given another)."""
    return int(time.time() * 1000)


class Clock:
    """A hybrid logical clock: wall time in ms, a counter for events within one ms, and the device id.

    ``wall`` is the wall clock it reads; tests hand in a fake one to make a laptop's clock lag or stop."""

    def __init__(self, device: str, wall: Callable[[], int] = wall_ms) -> None:
        self.device = device[:8]
        self.wall = wall
        self.last_ms = 0
        self.counter = 0

    def now(self) -> str:
        ms = self.wall()
        if ms > self.last_ms:
            self.last_ms, self.counter = ms, 0
        else:
            self.counter += 1
        return f"{self.last_ms:013d}-{self.counter:05d}-{self.device}"

    def observe(self, stamp: str) -> None:
        """Move past a time seen in a package, so later local edits are ordered after it."""
        ms, counter = int(stamp[:13]), int(stamp[14:19])
        if (ms, counter) > (self.last_ms, self.counter):
            self.last_ms, self.counter = ms, counter


def dominates(a: dict[str, int], b: dict[str, int]) -> bool:
    """``a`` has seen everything ``b`` has (and is not equal to it)."""
    return a != b and all(a.get(k, 0) >= n for k, n in b.items())


def vv_max(*vvs: dict[str, int]) -> dict[str, int]:
    out: dict[str, int] = {}
    for vv in vvs:
        for k, n in vv.items():
            out[k] = max(out.get(k, 0), n)
    return out


def _key(head: dict[str, Any]) -> tuple[str, str]:
    return head["t"], json.dumps(head["v"], ensure_ascii=False, sort_keys=True, default=str)


def heads_of(value: Any, meta: dict[str, Any] | None, default_vv: dict[str, int], default_t: str) -> list[dict]:
    """All current versions of one field: the displayed one first, then the concurrent others."""
    meta = meta or {}
    first = {"v": value, "vv": meta.get("vv") or default_vv, "t": meta.get("t") or default_t}
    return [first, *meta.get("others", [])]


def merge_heads(heads: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Keep the versions no other version supersedes; the latest (then greatest value) first."""
    unique: dict[str, dict[str, Any]] = {}
    for h in heads:
        unique[json.dumps([h["vv"], h["v"]], sort_keys=True, default=str)] = h
    alive = [h for h in unique.values() if not any(dominates(o["vv"], h["vv"]) for o in unique.values())]
    by_value: dict[str, dict[str, Any]] = {}
    for h in alive:  # concurrent versions that agree (the same file imported on two laptops) are one version
        value = _key(h)[1]
        if value in by_value:
            seen = by_value[value]
            by_value[value] = {"v": h["v"], "vv": vv_max(seen["vv"], h["vv"]), "t": max(seen["t"], h["t"])}
        else:
            by_value[value] = h
    return sorted(by_value.values(), key=_key, reverse=True)


def meta_from_heads(heads: list[dict[str, Any]]) -> dict[str, Any]:
    first, others = heads[0], heads[1:]
    meta: dict[str, Any] = {"vv": first["vv"], "t": first["t"]}
    if others:
        meta["others"] = others
    return meta


def local_edit(meta: dict[str, Any] | None, default_vv: dict[str, int], device: str, stamp: str) -> dict[str, Any]:
    """The version of a field just changed on this device: it supersedes every version it replaces."""
    meta = meta or {}
    seen = vv_max(meta.get("vv") or default_vv, *(o["vv"] for o in meta.get("others", [])))
    seen[device] = seen.get(device, 0) + 1
    return {"vv": seen, "t": stamp}


def merge_records(local: dict[str, Any] | None, incoming: dict[str, Any]) -> tuple[dict[str, Any], bool, bool]:
    """Merge an incoming record into the local one: (merged record, changed, has conflicts).

    Records carry their per-field versions in ``sync_meta`` (a JSON object field → version). A deletion
    (``deleted_at``) is never undone by a merge: the earliest deletion time wins. A field that neither side has
    a version of and both hold alike stays without one: making one up from the row's time made every such
    record “changed” once on the next import of the same records.
    """
    if local is None:  # new here: taken as it is (a conflict it carries stays a conflict)
        raw = incoming.get("sync_meta")
        return incoming, True, bool(raw) and '"others"' in (raw if isinstance(raw, str) else json.dumps(raw))
    in_meta = _load(incoming.get("sync_meta"))
    lo_meta = _load(local.get("sync_meta"))
    out = dict(local)
    meta: dict[str, Any] = {}
    fields = (set(local) | set(incoming)) - BOOKKEEPING
    for f in sorted(fields):
        if f not in lo_meta and f not in in_meta and f in local and f in incoming and \
                local[f] == incoming[f] and lo_meta and in_meta:
            continue  # never set on either side (left at its default, or added later): nothing new
        lo_heads = heads_of(local.get(f), lo_meta.get(f), _default_vv(local, lo_meta), local["updated_at"])
        in_heads = heads_of(incoming.get(f), in_meta.get(f), _default_vv(incoming, in_meta), incoming["updated_at"])
        heads = merge_heads(lo_heads + in_heads)
        out[f] = heads[0]["v"]
        meta[f] = meta_from_heads(heads)
    deletions = [d for d in (local.get("deleted_at"), incoming.get("deleted_at")) if d]
    out["deleted_at"] = min(deletions) if deletions else None
    out["sync_meta"] = json.dumps(meta, ensure_ascii=False, sort_keys=True, default=str)
    held = _full_meta(local, lo_meta)  # the fields left without a version above are the same on both sides
    changed = any(out.get(k) != local.get(k) for k in set(out) - {"sync_meta"}) or \
        _load(out["sync_meta"]) != {f: m for f, m in held.items() if f in meta}
    conflicts = any("others" in m for m in meta.values())
    return out, changed, conflicts


def same_version(local: dict[str, Any], incoming: dict[str, Any], ignore: tuple[str, ...] = ()) -> bool:
    """Whether :func:`merge_records` would leave ``local`` as it is, told by comparing instead of merging (a
    re-exported package's rows): the same values and the same versions text, each field with one version of a
    known time (a field without one, or with concurrent ones, is merged to find out). ``ignore``: columns left
    out of the merge. Values are as the database and the records schema give them (text, integers, null)."""
    raw = incoming.get("sync_meta")
    if not raw or raw != local.get("sync_meta"):
        return False
    skip = {"updated_at", *ignore}
    if {k: v for k, v in incoming.items() if k not in skip} != {k: v for k, v in local.items() if k not in skip}:
        return False
    meta = _load(raw)
    return isinstance(meta, dict) and all(isinstance(meta.get(f), dict) and meta[f].get("t") and "others" not in meta[f]
               for f in set(local) - BOOKKEEPING - skip)


def _default_vv(row: dict[str, Any], meta: dict[str, Any]) -> dict[str, int]:
    """The version of a field with no recorded version: written once by the row's device when the row has no
    versions at all (bulk-loaded rows), else never written (superseded by any edit)."""
    return {} if meta else {row["device_id"]: 1}


def _full_meta(row: dict[str, Any], meta: dict[str, Any]) -> dict[str, Any]:
    fields = set(row) - BOOKKEEPING
    return {f: meta_from_heads(heads_of(row.get(f), meta.get(f), _default_vv(row, meta), row["updated_at"]))
            for f in fields}


def _load(raw: Any) -> dict[str, Any]:
    if not raw:
        return {}
    return json.loads(raw) if isinstance(raw, str) else raw
