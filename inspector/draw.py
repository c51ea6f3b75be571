"""双随机: draw sites from a filtered register and two inspectors per site, so that anyone can re-run it.

The algorithm (``sha256-rank``, version 1; docs/plans.md) uses nothing but SHA-256 and sorting, so its result
depends only on the recorded inputs — never on Python's ``random`` or on the order rows came from the database:

1. Every candidate site gets the key ``SHA-256("{seed}\\nsite\\n{site id}")`` (UTF-8, hex); sites are taken in
   the order of their keys (ties, which SHA-256 makes practically impossible, by id).
2. For each site in that order, the inspectors who need not recuse themselves (回避) from it are sorted by
   (sites already given to them in this draw, ``SHA-256("{seed}\\ninspector\\n{site id}\\n{inspector id}")``)
   and the first two are taken — so the work spreads evenly and the pairs are still random. A site with fewer
   than two such inspectors is skipped (listed under ``skipped``) and the next site is taken.
3. The draw stops when N sites are staffed.

The record keeps the candidate list, the inspectors and the recusals with their SHA-256 digests, N, the seed
and where it came from, the algorithm and its version, and the result; :func:`verify` re-runs it.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from inspector.sync import strictjson

FORMAT = "inspector-draw"
ALGORITHM = "sha256-rank"
ALGORITHM_VERSION = 1
MAX_FILE = 32 * 1024 * 1024
MAX_ENTRIES = 200_000
MAX_FIELD = 500
PER_SITE = 2
MAX_WORK = 5_000_000  # sites drawn × inspectors: bounds the time a (hostile) record takes to re-run


class DrawError(ValueError):
    """The draw cannot be made or the record cannot be read (what is wrong, in Chinese)."""


def canonical(value: Any) -> bytes:
    """The bytes every digest is taken of: compact JSON, keys sorted, UTF-8."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def digest(value: Any) -> str:
    return hashlib.sha256(canonical(value)).hexdigest()


def _key(*parts: str) -> str:
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


def run(candidates: list[str], inspectors: list[str], recusals: list[list[str]], n: int,
        seed: str) -> tuple[list[dict[str, Any]], list[str]]:
    """The draw itself: ``(result, skipped)``, result a list of ``{"site_id", "inspectors": [a, b]}``."""
    if n < 1:
        raise DrawError("抽取数量应至少为 1。")
    if n > len(set(candidates)):
        raise DrawError(f"要抽取 {n} 家，但符合条件的单位只有 {len(set(candidates))} 家。")
    load = dict.fromkeys(inspectors, 0)
    if n * len(load) > MAX_WORK:
        raise DrawError(f"抽取 {n} 家、{len(load)} 名检查人员超出一次抽取的范围（{MAX_WORK:,} 次排序运算）。")
    barred: dict[str, set[str]] = {}
    for i, s in recusals:
        if i in load:
            barred.setdefault(s, set()).add(i)
    order = sorted(set(candidates), key=lambda s: (_key(seed, "site", s), s))
    result: list[dict[str, Any]] = []
    skipped: list[str] = []
    for site in order:
        if len(result) == n:
            break
        away = barred.get(site, set())
        if len(load) - len(away) < PER_SITE:  # decided without a pass over the inspectors
            skipped.append(site)
            continue
        free = [i for i in load if i not in away]
        free.sort(key=lambda i: (load[i], _key(seed, "inspector", site, i), i))
        pair = free[:PER_SITE]
        for i in pair:
            load[i] += 1
        result.append({"site_id": site, "inspectors": pair})
    if len(result) < n:
        raise DrawError(f"只有 {len(result)} 家单位能配齐两名无须回避的检查人员，不足 {n} 家。")
    return result, skipped


def make_record(*, candidates: list[dict[str, str]], inspectors: list[dict[str, str]],
                recusals: list[list[str]], n: int, seed: str, seed_source: str, drawn_at: str,
                filters: dict[str, Any], plan: dict[str, str] | None = None) -> dict[str, Any]:
    """Draw and return the whole record (inputs sorted into their canonical order first)."""
    candidates = sorted({c["id"]: c for c in candidates}.values(), key=lambda c: c["id"])
    inspectors = sorted({i["id"]: i for i in inspectors}.values(), key=lambda i: i["id"])
    recusals = sorted({(i, s) for i, s in recusals})
    recusals = [[i, s] for i, s in recusals]
    result, skipped = run([c["id"] for c in candidates], [i["id"] for i in inspectors], recusals, n, seed)
    return {"format": FORMAT, "format_version": 1, "algorithm": ALGORITHM, "algorithm_version": ALGORITHM_VERSION,
            "drawn_at": drawn_at, "seed": seed, "seed_source": seed_source, "n": n, "filters": filters,
            "plan": plan, "candidates": candidates, "candidates_sha256": digest(candidates),
            "inspectors": inspectors, "inspectors_sha256": digest(inspectors),
            "recusals": recusals, "recusals_sha256": digest(recusals), "result": result, "skipped": skipped}


def read(data: bytes, name: str) -> dict[str, Any]:
    """A draw record from a file's bytes, checked for shape; :class:`DrawError` says what is wrong."""
    if len(data) > MAX_FILE:
        raise DrawError(f"“{name}”过大（超过 {MAX_FILE // 1024 // 1024} MB），不是本程序写出的抽取记录。")
    try:
        record = strictjson.loads(data)
    except strictjson.BadJSON as exc:
        raise DrawError(f"“{name}”无法读取：{exc}。") from exc
    problem = _shape(record)
    if problem:
        raise DrawError(f"“{name}”不是有效的抽取记录：{problem}。")
    return record


def _shape(record: Any) -> str | None:
    if not isinstance(record, dict) or record.get("format") != FORMAT:
        return "缺少 format = inspector-draw"
    if record.get("algorithm") != ALGORITHM or record.get("algorithm_version") != ALGORITHM_VERSION:
        return f"算法“{str(record.get('algorithm'))[:40]}”版本“{str(record.get('algorithm_version'))[:10]}”本程序不认识"
    if not isinstance(record.get("seed"), str) or len(record["seed"]) > MAX_FIELD:
        return "种子（seed）缺失或过长"
    n = record.get("n")
    if not isinstance(n, int) or isinstance(n, bool) or not 1 <= n <= MAX_ENTRIES:
        return "抽取数量（n）无效"
    if isinstance(record.get("inspectors"), list) and n * len(record["inspectors"]) > MAX_WORK:
        return "抽取数量与检查人员数超出一次抽取的范围"
    for name in ("candidates", "inspectors"):
        rows = record.get(name)
        if not isinstance(rows, list) or len(rows) > MAX_ENTRIES or not all(_person(r) for r in rows):
            return f"“{name}”应为 {{id, name}} 的列表"
    for name in ("recusals",):
        rows = record.get(name)
        if not isinstance(rows, list) or len(rows) > MAX_ENTRIES or not all(
                isinstance(r, list) and len(r) == 2 and all(_text(x) for x in r) for r in rows):
            return "“recusals”应为 [检查人员, 单位] 的列表"
    result = record.get("result")
    if not isinstance(result, list) or len(result) > MAX_ENTRIES or not all(
            isinstance(r, dict) and _text(r.get("site_id")) and isinstance(r.get("inspectors"), list)
            and all(_text(i) for i in r["inspectors"]) for r in result):
        return "“result”格式不对"
    if not isinstance(record.get("skipped"), list) or not all(_text(s) for s in record["skipped"]):
        return "“skipped”格式不对"
    return None


def _text(value: Any) -> bool:
    return isinstance(value, str) and len(value) <= MAX_FIELD


def _person(row: Any) -> bool:
    return isinstance(row, dict) and _text(row.get("id")) and _text(row.get("name", ""))


def verify(record: dict[str, Any]) -> list[str]:
    """What does not hold in a record (empty: it re-runs to the same result)."""
    problems = []
    for name in ("candidates", "inspectors", "recusals"):
        if digest(record[name]) != record.get(f"{name}_sha256"):
            problems.append(f"“{name}”与记录的摘要 {name}_sha256 不符（名单被改动过）")
    try:
        result, skipped = run([c["id"] for c in record["candidates"]], [i["id"] for i in record["inspectors"]],
                              record["recusals"], record["n"], record["seed"])
    except DrawError as exc:
        return [*problems, f"按记录的输入无法重新抽取：{exc}"]
    if result != record["result"]:
        changed = sum(1 for a, b in zip(result, record["result"], strict=False) if a != b)
        problems.append(f"重新抽取的结果与记录不同（{max(changed, 1)} 处不同，或数量不同）")
    if skipped != record["skipped"]:
        problems.append("重新抽取时跳过的单位与记录不同")
    return problems
