"""The outline a work-plan document is turned into: plain data, printable as JSON, savable as a checklist."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

SECTION, SUBSECTION, TASK, SUBTASK = "section", "subsection", "task", "subtask"


@dataclass
class Unit:
    """A responsible unit as printed, with its role (``lead`` 牵头/责任, ``support`` 配合)."""

    name: str
    role: str = "lead"


@dataclass
class Node:
    """One node of the outline in document order; ``parent`` indexes into :attr:`Outline.items`."""

    kind: str
    number: str
    title: str
    text: str
    parent: int | None = None
    units: list[Unit] = field(default_factory=list)
    deadline: str | None = None
    deadline_text: str | None = None
    deadline_rule: str | None = None
    description: str = ""
    note: str = ""  # words of the unit group that explain rather than name (以下不再列出)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["units"] = [asdict(u) for u in self.units]
        return data


@dataclass
class Table:
    """A task table (body or appendix): its title, its column headers as printed and rows keyed by them."""

    title: str
    columns: list[str]
    rows: list[dict[str, Any]]
    # per row, each column's text as printed and the group headings above it (not shown, not saved)
    raw: list[dict[str, Any]] = field(default_factory=list, repr=False, compare=False)

    def to_json(self) -> dict[str, Any]:
        return {"title": self.title, "columns": list(self.columns), "rows": [dict(r) for r in self.rows]}


@dataclass
class Meta:
    """Cover metadata. Dates are ISO strings or None."""

    issuer: str | None = None
    doc_no: str | None = None
    title: str | None = None
    date: str | None = None
    year: int | None = None
    addressees: str | None = None
    cc: str | None = None
    printed_date: str | None = None


@dataclass
class Outline:
    """Everything read from one document."""

    meta: Meta
    items: list[Node]
    tables: list[Table] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    text: str = ""

    def count(self, kind: str) -> int:
        return sum(1 for n in self.items if n.kind == kind)

    def tasks(self) -> list[Node]:
        return [n for n in self.items if n.kind == TASK]

    def to_json(self) -> dict[str, Any]:
        return {
            "meta": asdict(self.meta),
            "items": [n.to_json() for n in self.items],
            "tables": [t.to_json() for t in self.tables],
            "warnings": list(self.warnings),
        }
