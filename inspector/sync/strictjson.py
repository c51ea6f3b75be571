"""JSON from outside, parsed strictly: no ``NaN``/``Infinity`` (nor numbers that overflow to them), bounded
nesting, and one clear error instead of a traceback."""

from __future__ import annotations

import json
import math
import re
from typing import Any


class BadJSON(ValueError):
    """The text is not strict JSON (what is wrong, in Chinese)."""


def _constant(name: str) -> Any:
    raise BadJSON(f"含有不允许的数值“{name}”")


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise BadJSON(f"数值“{text[:40]}”超出范围")
    return value


_DECODER = json.JSONDecoder(parse_constant=_constant, parse_float=_float)  # made once: loads() is hot
_SCAN = _DECODER.scan_once  # the C scanner the decoder calls, without the decoder's Python steps around it
_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")  # an escaped surrogate, maybe one without its pair


def loads(text: str | bytes) -> Any:
    """Parse strict JSON; raises :class:`BadJSON` for anything else (including nesting too deep to parse, and text
    with a lone surrogate)."""
    try:
        text = text.decode("utf-8") if isinstance(text, bytes) else text
        value, end = _scan(text)
        if end != len(text):  # whitespace around the value, text after it, or no value: the decoder says which
            value = _DECODER.decode(text)
        if "\\u" in text and _SURROGATE.search(text):
            _encodable(value)
        return value
    except BadJSON:
        raise
    except RecursionError as exc:
        raise BadJSON("嵌套层次过深") from exc
    except (ValueError, UnicodeDecodeError) as exc:
        raise BadJSON("不是有效的 JSON") from exc


def _scan(text: str) -> tuple[Any, int]:
    """The value at the start of ``text`` and where it ends (-1: none starts there)."""
    try:
        return _SCAN(text, 0)
    except StopIteration:
        return None, -1


def _encodable(value: Any) -> None:
    """A lone surrogate (``"\\ud800"`` without its pair) is no character: the database could not store it."""
    try:
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError as exc:
        raise BadJSON("含有无效的字符：不成对的 Unicode 代理项") from exc


def depth(value: Any, limit: int) -> bool:
    """Whether ``value`` nests no deeper than ``limit`` (checked without recursion)."""
    stack = [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict | list):
            if level > limit:
                return False
            children = item.values() if isinstance(item, dict) else item
            stack.extend((c, level + 1) for c in children if isinstance(c, dict | list))
    return True
