"""A printed form as a list of blocks, written once and rendered twice: to PDF (reportlab) and to .docx.

The forms (:mod:`inspector.reports.forms`) say *what* a document holds — its issuing body, title, number,
paragraphs, signature lines, seal area — and the two writers (:mod:`inspector.reports.layout` and
:mod:`inspector.reports.docx_form`) say how it looks on paper. So a form that an office adjusts in WPS has the
same wording and order as the PDF the program prints, and a change of wording is made in one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

BLANK = "＿＿＿＿＿＿＿＿"


@dataclass
class Para:
    """A paragraph; ``style`` is one of body (indented), plain, left, right, small."""

    text: str
    style: str = "body"


@dataclass
class Gap:
    """Vertical space in millimetres."""

    mm: float


@dataclass
class Fields:
    """A two-column grid of label and value; a missing value prints as a blank line."""

    rows: list[tuple[str, str]]


@dataclass
class Grid:
    """A table with a header row (repeated on every page) and widths in millimetres."""

    header: list[str]
    rows: list[list[str]]
    widths: list[float]


@dataclass
class SignLine:
    """One person who signs: the label, the printed name and 执法证号 beside the space, the captured image or
    “拒绝签字”, and whether a date is written by hand after the signature (签收)."""

    label: str
    name: str = ""
    certificate: str | None = None
    image: Path | None = None
    refused: bool = False
    dated: bool = False


@dataclass
class Signatures:
    lines: list[SignLine]


@dataclass
class Seal:
    """The empty area the issuing body stamps, its name with “（印章）” and the date under it."""

    body: str
    date: str


@dataclass
class Photos:
    """Photos before and after rectification side by side."""

    photos: list[dict[str, Any]]


Block = Para | Gap | Fields | Grid | Signatures | Seal | Photos


@dataclass
class Form:
    """One printed document: the issuing body's head line, the title, the number line and the blocks."""

    head: str
    title: str
    number: str
    blocks: list[Block] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def add(self, *blocks: Block) -> Form:
        self.blocks.extend(blocks)
        return self

    def value(self, label: str, value: Any) -> str:
        """A field's value, or a visible blank line (as on paper) noted in the warnings."""
        if value in (None, ""):
            self.warnings.append(f"缺少“{label}”，已留空。")
            return BLANK
        return str(value)
