"""Text as the XML inside .xlsx and .docx files can hold it.

A record's text comes from an officer's typing, a pasted Word paragraph (whose manual line break is a vertical
tab) or a package from another device, and may hold characters XML 1.0 forbids: control characters other than
tab and line breaks, and lone surrogates. openpyxl and python-docx refuse such a string, and the whole ledger or
form would fail for one character; so every string is cleaned here on its way into a cell or a paragraph: a
vertical tab or form feed becomes a line break, the rest is dropped.
"""

from __future__ import annotations

import re

_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n"})
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """``text`` with the characters XML 1.0 cannot hold replaced (line breaks) or dropped."""
    if _ILLEGAL.search(text) is None:
        return text
    return _ILLEGAL.sub("", text.translate(_BREAKS))
