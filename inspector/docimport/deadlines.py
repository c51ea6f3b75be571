"""Deadlines written in Chinese, to ISO dates or recurring rules; the original words are always kept."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

BEFORE = r"(?:前|之前|以前|为止|底前)"


@dataclass(frozen=True)
class Deadline:
    """``date`` is ISO (or None for a recurring rule); ``rule`` such as ``monthly:26``; ``text`` as printed."""

    date: str | None
    text: str
    rule: str | None = None


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        last = calendar.monthrange(year, month)[1]
    except (ValueError, calendar.IllegalMonthError):
        return None
    return f"{year:04d}-{month:02d}-{min(day, last):02d}" if 1 <= day <= 31 else None


PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"每月\s*(\d{1,2})\s*日\s*" + BEFORE), "monthly"),
    (re.compile(r"每季度(?:末|结束后)?\s*(\d{1,2})?\s*日?\s*" + BEFORE + "?"), "quarterly"),
    (re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?\s*" + BEFORE), "ymd"),
    (re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(?:底|末)\s*" + BEFORE + "?"), "ym_end"),
    (re.compile(r"(\d{4})\s*年\s*(?:底|末)\s*" + BEFORE + "?"), "y_end"),
    (re.compile(r"(?<![\d年])(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*" + BEFORE), "md"),
    (re.compile(r"(?<![\d年])(\d{1,2})\s*月\s*(?:底|末)\s*" + BEFORE + "?"), "m_end"),
    (re.compile(r"年(?:底|末)\s*" + BEFORE + "|年内"), "year_end"),
    (re.compile(r"上半年"), "h1"),
    (re.compile(r"(?:第)?([一二三])季度(?:末|内)?"), "quarter"),
]


def find_deadline(text: str, year: int | None) -> Deadline | None:
    """The first deadline phrase in ``text``; ``year`` (the document's) fills dates printed without one."""
    best: tuple[int, Deadline] | None = None
    for pattern, kind in PATTERNS:
        m = pattern.search(text)
        if not m:
            continue
        found = _resolve(kind, m, year)
        if found and (best is None or m.start() < best[0]):
            best = (m.start(), found)
    return best[1] if best else None


def _resolve(kind: str, m: re.Match[str], year: int | None) -> Deadline | None:
    words = m.group(0).strip()
    g = m.groups()
    if kind == "monthly":
        return Deadline(None, words, f"monthly:{int(g[0])}")
    if kind == "quarterly":
        return Deadline(None, words, "quarterly" + (f":{int(g[0])}" if g[0] else ""))
    if kind == "ymd":
        return Deadline(_iso(int(g[0]), int(g[1]), int(g[2])), words)
    if kind == "ym_end":
        return Deadline(_iso(int(g[0]), int(g[1]), 31), words)
    if kind == "y_end":
        return Deadline(_iso(int(g[0]), 12, 31), words)
    if year is None:
        return Deadline(None, words)
    if kind == "md":
        return Deadline(_iso(year, int(g[0]), int(g[1])), words)
    if kind == "m_end":
        return Deadline(_iso(year, int(g[0]), 31), words)
    if kind == "year_end":
        return Deadline(_iso(year, 12, 31), words)
    if kind == "h1":
        return Deadline(_iso(year, 6, 30), words)
    if kind == "quarter":
        month = {"一": 3, "二": 6, "三": 9}[g[0]]
        return Deadline(_iso(year, month, 31), words)
    return None


CELL_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"(\d{4})\s*[-./／]\s*(\d{1,2})\s*[-./／]\s*(\d{1,2})"), "ymd"),
    (re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"), "ymd"),
    (re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月(?![\d上中下初])"), "ym_end"),
    (re.compile(r"(?<![\d年])(\d{1,2})\s*月\s*(\d{1,2})\s*日"), "md"),
    (re.compile(r"(?<![\d年])(\d{1,2})\s*月(?![\d上中下初])"), "m_end"),
    (re.compile(r"(\d{4})\s*年(?!\d)"), "y_end"),
]


def deadline_of_cell(text: str, year: int | None) -> Deadline | None:
    """A deadline written where only a deadline can stand (a 完成时限 cell or label): besides the phrases
    :func:`find_deadline` knows, bare dates count — ``2024年12月``, ``2024-06-30``, ``12月31日``, ``2024年``."""
    found = find_deadline(text, year)
    if found:
        return found
    for pattern, kind in CELL_PATTERNS:
        m = pattern.search(text)
        if m:
            resolved = _resolve(kind, m, year)
            if resolved and (resolved.date or resolved.rule):
                return Deadline(resolved.date, text.strip(), resolved.rule)
    return None
