"""Work-plan documents (.txt, .md, .docx, .pdf) → outlines of sections, tasks, units and deadlines.

Pure Python, no Qt and no database: :func:`parse_file` reads a file and returns an
:class:`~inspector.docimport.model.Outline`; saving it is the services' job.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from inspector.docimport.model import Outline


def __getattr__(name: str) -> Any:
    """``parse_text`` on first use: the parser's modules are not needed to start the window."""
    if name == "parse_text":
        from inspector.docimport.outline import parse_text

        return parse_text
    raise AttributeError(name)


def parse_file(path: Path | str) -> Outline:
    """Read and parse one document; raises :class:`~inspector.errors.ImportFailed` with advice when unreadable."""
    from inspector.docimport.outline import parse_text
    from inspector.docimport.reading import read_document

    doc = read_document(Path(path))
    outline = parse_text(doc.text)
    outline.tables = doc.tables + outline.tables
    outline.warnings = doc.warnings + outline.warnings
    return outline


__all__ = ["Outline", "parse_file", "parse_text"]
