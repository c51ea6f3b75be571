"""Search text that finds two-character Chinese words (消防, 电梯, 燃气).

SQLite's trigram tokenizer matches nothing below three characters, so findings are indexed as overlapping
character *bigrams* instead: ``电动车充电`` is stored as the tokens ``电动 动车 车充 充电``. A query becomes a
phrase of its own bigrams (``电动车`` → ``"电动 动车"``, which must be adjacent), a single character becomes a
prefix query (``消*``), and Latin words or numbers are matched as prefixes.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable

TOKEN_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+|[0-9A-Za-z]+")
CJK_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def index_tokens(text: str) -> str:
    """The space-separated tokens stored in the full-text index for ``text``."""
    out: list[str] = []
    for run in TOKEN_RE.findall(text or ""):
        if CJK_RE.match(run):  # each character joined to the next (in C: a merge indexes many findings)
            out.extend(map(operator.add, run, run[1:]) if len(run) > 1 else (run,))
        else:
            out.append(run.lower())
    return " ".join(out)


def match_query(query: str) -> str | None:
    """An FTS5 MATCH expression for what the user typed (all words must match); None when nothing to search."""
    parts: list[str] = []
    for run in TOKEN_RE.findall(query or ""):
        if CJK_RE.match(run):
            if len(run) == 1:
                parts.append(f"{run}*")
            else:
                parts.append('"' + " ".join(run[i : i + 2] for i in range(len(run) - 1)) + '"')
        else:
            parts.append(f'"{run.lower()}"*')
    return " AND ".join(parts) if parts else None


def body_matcher(query: str) -> Callable[[str], bool] | None:
    """A test of one finding's stored tokens (:func:`index_tokens`) that agrees with ``MATCH match_query(query)``.

    The 隐患 list shows its first screen by checking the findings at the top of the list it already holds, a few
    thousand at most, instead of reading every match from the index (a third of a million findings contain 消):
    the index answers in the order of rowids, the list is in the order of dates. The rules are FTS5's for the
    expressions :func:`match_query` writes: a prefix matches a token that starts with it, a phrase matches its
    tokens one after another, and every part must match. None when there is nothing to search for."""
    needles: list[str] = []
    for run in TOKEN_RE.findall(query or ""):
        if CJK_RE.match(run) and len(run) > 1:
            needles.append(" " + " ".join(run[i : i + 2] for i in range(len(run) - 1)) + " ")
        else:
            needles.append(" " + (run if CJK_RE.match(run) else run.lower()))  # a prefix: the token's start
    if not needles:
        return None
    if len(needles) == 1:  # the usual case, tested for thousands of findings per keystroke
        needle = needles[0]
        return lambda tokens: needle in f" {tokens} "
    return lambda tokens: all(needle in f" {tokens} " for needle in needles)
