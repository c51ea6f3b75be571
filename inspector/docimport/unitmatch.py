"""The same unit written two ways: found and offered for merging, never merged silently.

Issuers shorten names differently — 区应急管理局 / 区应急局, 区消防支队 / 区消防救援支队, 区人民政府办公室 /
区府办. Two names are offered as one unit when their skeletons (long forms folded to short ones, width and
spaces ignored) are equal, or when one is the other with a few characters left out while both start and end
alike. The officer decides; :func:`rename_units` applies an accepted offer to the outline.
"""

from __future__ import annotations

from dataclasses import dataclass

from inspector.docimport.model import Outline
from inspector.docimport.text import normalise_name

FOLDS = [("人民政府办公室", "府办"), ("人民政府", "政府"), ("委员会", "委"), ("办公室", "办"), ("管理局", "局"),
         ("监督管理", "监管"), ("救援", ""), ("上海市", "市"), ("和", ""), ("与", ""), ("管理委员会", "管委")]


@dataclass(frozen=True)
class UnitMatch:
    """``name`` (as the document writes it) may be the known unit ``known``."""

    name: str
    known: str
    why: str


def skeleton(name: str) -> str:
    key = normalise_name(name)
    for long, short in FOLDS:
        key = key.replace(long, short)
    return key


def _is_shortening(short: str, long: str) -> bool:
    """``short`` is ``long`` with at most three characters left out, same first and last character."""
    if not 0 < len(long) - len(short) <= 3 or len(short) < 3 or short[0] != long[0] or short[-1] != long[-1]:
        return False
    it = iter(long)
    return all(ch in it for ch in short)


def similar_units(outline: Outline, known: list[str]) -> list[UnitMatch]:
    """Offers for the outline's unit names: each to a known unit (or another spelling in the same document)."""
    from inspector.docimport.units import canonical

    names = sorted({normalise_name(u.name) for n in outline.items for u in n.units})
    pool = {normalise_name(k): k for k in known}
    directory = {canonical(k) for k in known}
    offers: list[UnitMatch] = []
    for name in names:
        if name in pool or canonical(name) in directory:
            continue  # known already, or an alias the directory resolves by itself
        match = _best(name, [k for k in pool if k != name] + [n for n in names if n != name and len(n) > len(name)])
        if match:
            offers.append(UnitMatch(name, pool.get(match[0], match[0]), match[1]))
    return offers


def _best(name: str, candidates: list[str]) -> tuple[str, str] | None:
    key = skeleton(name)
    for other in candidates:
        if skeleton(other) == key:
            return other, "写法不同"
    for other in candidates:
        if _is_shortening(name, other) or _is_shortening(skeleton(name), skeleton(other)):
            return other, "简称"
    return None


def rename_units(outline: Outline, old: str, new: str) -> int:
    """Every unit written ``old`` becomes ``new`` (an accepted merge offer); a task keeps each unit once."""
    changed = 0
    for node in outline.items:
        seen: set[str] = set()
        kept = []
        for unit in node.units:
            if normalise_name(unit.name) == normalise_name(old):
                unit.name = new
                changed += 1
            if unit.name not in seen:
                seen.add(unit.name)
                kept.append(unit)
        node.units = kept
    return changed


__all__ = ["UnitMatch", "rename_units", "similar_units", "skeleton"]
