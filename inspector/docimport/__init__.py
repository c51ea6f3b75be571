"""Work-plan documents (.txt, .md, .docx, .pdf) → outlines of sections, tasks, units and deadlines.

Pure Python, no Qt and no database: :func:`parse_file` reads a file and returns an
:class:`~inspector.docimport.model.Outline`; saving it is the services' job.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from inspector.docimport.model import Outline
from inspector.errors import ImportFailed


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

    path = Path(path)
    try:
        doc = read_document(path)
        outline = parse_text(doc.text, doc.tables)
    except ImportFailed:
        raise
    except (MemoryError, RecursionError) as exc:
        raise ImportFailed(f"“{path.name}”内容过大或结构过深，无法解析。",
                           "请拆分文件或另存为 .docx/.pdf 后再导入。") from exc
    except Exception as exc:  # a reader's own slip on a strange file still ends in a message, never a traceback
        raise ImportFailed(f"无法解析“{path.name}”（{type(exc).__name__}）。",
                           "请在 Word/WPS 中打开并另存为 .docx 或 PDF 后再导入。") from exc
    outline.warnings = doc.warnings + outline.warnings
    return outline


__all__ = ["Outline", "parse_file", "parse_text"]
