"""OFD files (GB/T 33190): a zip of XML pages, read in reading order through the standard's own structure.

``OFD.xml`` names each document's root (``DocBody/DocRoot``); the document lists its pages (``Pages/Page/@BaseLoc``);
each page's content holds text objects (``TextObject`` with a ``Boundary`` and ``TextCode`` runs at X/Y offsets)
and drawn paths (``PathObject`` with ``AbbreviatedData``), possibly inside layers and page blocks. Text is placed by
position, not by the order of the XML: runs are grouped into printed lines by their baseline and read left to
right. A ruled table (a Word table saved as OFD) is found from its drawn rules by the same finder as a PDF's
(:mod:`inspector.docimport.pdftables`), so cells of several lines and merged cells are read whole; without rules,
a wide gap on one line (a table's columns) becomes a tab so that the task-table reader sees the cells. The
easyofd package was considered and not used: it is not kept up, and reading needs only the zip and the XML.
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass
from pathlib import Path

from inspector.docimport import pdftables
from inspector.docimport.reading import RawDocument, _strip_page_furniture, check_zip
from inspector.errors import ImportFailed

MAX_PAGES = 3000
MAX_MEMBER = 50 * 1024 * 1024
PT = 72 / 25.4  # OFD measures in millimetres from the top left; the table finder in points from the bottom left
A4 = (210.0, 297.0)
ARGS = {"S": 2, "M": 2, "L": 2, "Q": 4, "B": 6, "A": 7, "C": 0}  # AbbreviatedData commands and their numbers

Run = tuple[float, float, float, str]  # baseline (mm from the top), x (mm), size, text


def read_ofd(path: Path) -> RawDocument:
    try:
        with zipfile.ZipFile(path) as zf:
            check_zip(zf, path.name)
            pages = [_page(_xml(zf, loc), size) for loc, size in _page_locations(zf)]
        texts, tables = pdftables.read_pages(pages, rules=lambda page: page.rules)
    except ImportFailed:
        raise
    except (zipfile.BadZipFile, ET.ParseError, KeyError, ValueError, OSError) as exc:
        raise ImportFailed(f"无法读取 OFD 文件“{path.name}”（文件可能已损坏）。",
                           "请用 OFD 阅读器打开后另存或导出为 PDF/Word 再导入。") from exc
    if not "".join(texts).strip():
        raise ImportFailed(f"OFD“{path.name}”没有文字（可能是扫描件或图片）。",
                           "请向发文单位索取 Word 版，或先用 OCR 软件识别后再导入。")
    return RawDocument("\n".join(_strip_page_furniture(texts)), tables)


@dataclass
class _Page:
    """One OFD page shaped like a pdfium page and its text page, as the ruled-table finder reads them."""

    runs: list[Run]
    rules: tuple[list[tuple[float, float, float]], list[tuple[float, float, float]]]
    width: float  # mm
    height: float

    def get_size(self) -> tuple[float, float]:
        return self.width * PT, self.height * PT

    def get_textpage(self) -> _Page:
        return self

    def get_text_range(self) -> str:
        return _lines(self.runs)

    def get_text_bounded(self, left: float, bottom: float, right: float, top: float) -> str:
        """The runs whose first character's middle lies in the box (points, y upwards)."""
        x0, x1 = left / PT, right / PT
        y0, y1 = self.height - top / PT, self.height - bottom / PT
        return _lines([r for r in self.runs if x0 <= r[1] + r[2] * 0.4 <= x1 and y0 <= r[0] - r[2] * 0.4 <= y1])


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


def _page_locations(zf: zipfile.ZipFile) -> list[tuple[str, tuple[float, float]]]:
    """Each page's member and the document's page size (mm)."""
    entry = next(n for n in zf.namelist() if n.lower() == "ofd.xml")
    root = _xml(zf, entry)
    locations: list[tuple[str, tuple[float, float]]] = []
    for doc_root in _find_all(root, "DocRoot"):
        doc_name = _member(zf, "", doc_root.text or "")
        doc = _xml(zf, doc_name)
        base = posixpath.dirname(doc_name)
        size = _box_size(doc) or A4
        for page in _find_all(doc, "Page"):
            if page.get("BaseLoc"):
                locations.append((_member(zf, base, page.get("BaseLoc")), size))
            if len(locations) > MAX_PAGES:
                raise ImportFailed(f"OFD 文件页数超过 {MAX_PAGES} 页。", "请拆分后分别导入。")
    return locations


def _box_size(root: ET.Element) -> tuple[float, float] | None:
    """The width and height of the first ``PhysicalBox`` (a page's own, or the document's default)."""
    box = next(_find_all(root, "PhysicalBox"), None)
    numbers = _numbers(box.text if box is not None else None)
    return (numbers[2], numbers[3]) if len(numbers) == 4 and numbers[2] > 0 and numbers[3] > 0 else None


def _numbers(text: str | None) -> list[float]:
    return [float(x) for x in re.findall(r"-?\d+(?:\.\d+)?", text or "")]


def _page(page: ET.Element, size: tuple[float, float]) -> _Page:
    width, height = _box_size(page) or size
    return _Page(_runs(page), _rules(page, height), width, height)


def _runs(page: ET.Element) -> list[Run]:
    runs: list[Run] = []
    for obj in _find_all(page, "TextObject"):
        box = [*_numbers(obj.get("Boundary")), 0.0, 0.0]
        size = (_numbers(obj.get("Size")) or [3.5])[0]
        for code in _find_all(obj, "TextCode"):
            text = code.text or ""
            if text.strip():
                x = box[0] + (_numbers(code.get("X")) or [0.0])[0]
                y = box[1] + (_numbers(code.get("Y")) or [0.0])[0]
                runs.append((y, x, size, text))
    return runs


def _lines(runs: list[Run]) -> str:
    """Runs grouped into lines by their baseline (within half a character), each line read left to right."""
    lines: list[list[Run]] = []
    for run in sorted(runs):
        if lines and abs(run[0] - lines[-1][0][0]) <= run[2] * 0.5:
            lines[-1].append(run)
        else:
            lines.append([run])
    return "\n".join(_line_text(sorted(line, key=lambda r: r[1])) for line in lines)


def _rules(page: ET.Element, height: float) -> tuple[list, list]:
    """The page's straight horizontal and vertical strokes, in points from the bottom left (as a PDF's)."""
    horizontal: list[tuple[float, float, float]] = []
    vertical: list[tuple[float, float, float]] = []
    for obj in _find_all(page, "PathObject"):
        for start, end in _object_strokes(obj, height):
            pdftables._add(start, end, horizontal, vertical)
        if len(horizontal) + len(vertical) > pdftables.MAX_RULES:
            return [], []
    return ([r for r in horizontal if r[2] - r[1] >= pdftables.MIN_RULE],
            [r for r in vertical if r[2] - r[1] >= pdftables.MIN_RULE])


def _object_strokes(obj: ET.Element, height: float) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """One path's straight strokes placed on the page: its own coordinates, through its CTM, from its
    boundary's corner. A path without data whose boundary is a thin box is a rule drawn as a filled box."""
    x, y, w, h = [*_numbers(obj.get("Boundary")), 0.0, 0.0, 0.0, 0.0][:4]
    a, b, c, d, e, f = (_numbers(obj.get("CTM")) + [0.0] * 6)[:6] if obj.get("CTM") else (1, 0, 0, 1, 0, 0)

    def place(point: tuple[float, float]) -> tuple[float, float]:
        px, py = point
        return (x + a * px + c * py + e) * PT, (height - (y + b * px + d * py + f)) * PT

    data = next((el.text for el in obj if _local(el.tag) == "AbbreviatedData"), None)
    if data:
        strokes = _strokes(data)
    elif min(w, h) * PT < 3 <= max(w, h) * PT:
        strokes = [((w / 2, 0.0), (w / 2, h))] if w < h else [((0.0, h / 2), (w, h / 2))]
    else:
        strokes = []
    return [(place(start), place(end)) for start, end in strokes]


def _strokes(data: str) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """The straight segments of a path in OFD's abbreviated syntax (curves only move the pen)."""
    tokens = data.split()
    strokes: list[tuple[tuple[float, float], tuple[float, float]]] = []
    start = pen = (0.0, 0.0)
    k = 0
    while k < len(tokens):
        command, k = tokens[k], k + 1
        count = ARGS.get(command)
        if count is None:
            raise ValueError(f"unknown path command {command!r}")
        values = [float(v) for v in tokens[k:k + count]]
        k += count
        if len(values) < count:
            break
        if command in ("S", "M"):
            start = pen = (values[0], values[1])
        elif command == "L":
            strokes.append((pen, (values[0], values[1])))
            pen = (values[0], values[1])
        elif command == "C":
            strokes.append((pen, start))
            pen = start
        else:
            pen = (values[-2], values[-1])
        if len(strokes) > pdftables.MAX_RULES:
            break
    return strokes


def _line_text(line: list[Run]) -> str:
    out = ""
    end = None
    for _, x, size, text in line:
        if end is not None and x - end > size * 3:
            out += "\t"
        out += text
        end = x + size * len(text)
    return out
