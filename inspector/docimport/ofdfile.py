"""OFD files (GB/T 33190): a zip of XML pages, read in reading order through the standard's own structure.

``OFD.xml`` names each document's root (``DocBody/DocRoot``); the document lists its pages (``Pages/Page/@BaseLoc``);
each page's content holds text objects (``TextObject`` with a ``Boundary`` and ``TextCode`` runs at X/Y offsets),
possibly inside layers and page blocks. Text is placed by position, not by the order of the XML: runs are grouped
into printed lines by their baseline and read left to right; a wide gap on one line (a table's columns) becomes a
tab so that the task-table reader sees the cells. The easyofd package was considered and not used: it is not kept
up, and reading text needs only the zip and the XML.
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

from inspector.docimport.reading import RawDocument, _strip_page_furniture, check_zip
from inspector.errors import ImportFailed

MAX_PAGES = 3000
MAX_MEMBER = 50 * 1024 * 1024


def read_ofd(path: Path) -> RawDocument:
    try:
        with zipfile.ZipFile(path) as zf:
            check_zip(zf, path.name)
            pages = [_page_text(_xml(zf, loc)) for loc in _page_locations(zf)]
    except ImportFailed:
        raise
    except (zipfile.BadZipFile, ET.ParseError, KeyError, ValueError, OSError) as exc:
        raise ImportFailed(f"无法读取 OFD 文件“{path.name}”（文件可能已损坏）。",
                           "请用 OFD 阅读器打开后另存或导出为 PDF/Word 再导入。") from exc
    if not "".join(pages).strip():
        raise ImportFailed(f"OFD“{path.name}”没有文字（可能是扫描件或图片）。",
                           "请向发文单位索取 Word 版，或先用 OCR 软件识别后再导入。")
    return RawDocument("\n".join(_strip_page_furniture(pages)))


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _find_all(root: ET.Element, name: str):
    return (el for el in root.iter() if _local(el.tag) == name)


def _xml(zf: zipfile.ZipFile, name: str) -> ET.Element:
    info = zf.getinfo(name)
    if info.file_size > MAX_MEMBER:
        raise ValueError(f"{name} too large")
    data = zf.read(info)
    if b"<!ENTITY" in data[:4096] or b"<!DOCTYPE" in data[:4096]:
        raise ValueError("entity declarations are not allowed")
    return ET.fromstring(data)


def _member(zf: zipfile.ZipFile, base_dir: str, loc: str) -> str:
    """A location as the standard writes it: absolute from the package root, or relative to the referring file."""
    loc = loc.strip().replace("\\", "/")
    full = posixpath.normpath(loc.lstrip("/") if loc.startswith("/") else posixpath.join(base_dir, loc))
    names = {n.lower(): n for n in zf.namelist()}
    return names.get(full.lower(), full)


def _page_locations(zf: zipfile.ZipFile) -> list[str]:
    entry = next(n for n in zf.namelist() if n.lower() == "ofd.xml")
    root = _xml(zf, entry)
    locations: list[str] = []
    for doc_root in _find_all(root, "DocRoot"):
        doc_name = _member(zf, "", doc_root.text or "")
        doc = _xml(zf, doc_name)
        base = posixpath.dirname(doc_name)
        for page in _find_all(doc, "Page"):
            if page.get("BaseLoc"):
                locations.append(_member(zf, base, page.get("BaseLoc")))
            if len(locations) > MAX_PAGES:
                raise ImportFailed(f"OFD 文件页数超过 {MAX_PAGES} 页。", "请拆分后分别导入。")
    return locations


def _numbers(text: str | None) -> list[float]:
    return [float(x) for x in re.findall(r"-?\d+(?:\.\d+)?", text or "")]


def _page_text(page: ET.Element) -> str:
    """Runs grouped into lines by their baseline (within half a character), each line read left to right."""
    runs: list[tuple[float, float, float, str]] = []  # y, x, size, text
    for obj in _find_all(page, "TextObject"):
        box = [*_numbers(obj.get("Boundary")), 0.0, 0.0]
        size = (_numbers(obj.get("Size")) or [3.5])[0]
        for code in _find_all(obj, "TextCode"):
            text = code.text or ""
            if text.strip():
                x = box[0] + (_numbers(code.get("X")) or [0.0])[0]
                y = box[1] + (_numbers(code.get("Y")) or [0.0])[0]
                runs.append((y, x, size, text))
    runs.sort()
    lines: list[list[tuple[float, float, float, str]]] = []
    for run in runs:
        if lines and abs(run[0] - lines[-1][0][0]) <= run[2] * 0.5:
            lines[-1].append(run)
        else:
            lines.append([run])
    return "\n".join(_line_text(sorted(line, key=lambda r: r[1])) for line in lines)


def _line_text(line: list[tuple[float, float, float, str]]) -> str:
    out = ""
    end = None
    for _, x, size, text in line:
        if end is not None and x - end > size * 3:
            out += "\t"
        out += text
        end = x + size * len(text)
    return out
