"""Ruled tables in PDFs, found from the page's own lines with pdfium (fast enough for hundreds of pages).

A ruled table is a grid of horizontal and vertical rules. The row edges are the distinct heights of the
horizontal rules, the column edges the distinct positions of the vertical ones; a grid cell whose dividing rule
is missing is merged with its neighbour (a section cell merged down, a group row merged across), and the merged
cell's text is read once and given to every grid cell it covers. Text outside the tables is read band by band,
so a table's cells never leak into the body as stray lines. pdfplumber's table finder does the same from
pdfminer's layout, at about 0.15 s a page — too slow for a 300-page appendix; this reads the rules pdfium has
already parsed.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass

MIN_RULE = 8.0  # points; shorter strokes are glyph parts or ticks
SNAP = 2.0
MAX_RULES = 4000  # per page: a page drawn from millions of strokes is a picture, not a table


@dataclass
class Grid:
    """One ruled table on one page: its cells as text (merged cells filled) and its extent."""

    rows: list[list[str]]
    top: float
    bottom: float


def page_rules(page) -> tuple[list[tuple[float, float, float]], list[tuple[float, float, float]]]:
    """Horizontal rules (y, x0, x1) and vertical rules (x, y0, y1) drawn on ``page``."""
    import pypdfium2.raw as raw

    horizontal: list[tuple[float, float, float]] = []
    vertical: list[tuple[float, float, float]] = []
    for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_PATH], max_depth=3):
        left, bottom, right, top = obj.get_bounds()
        if right - left < 3 <= top - bottom:
            vertical.append(((left + right) / 2, bottom, top))
        elif top - bottom < 3 <= right - left:
            horizontal.append(((bottom + top) / 2, left, right))
        elif right - left >= 3 and top - bottom >= 3:
            _segments(obj, raw, horizontal, vertical)
        if len(horizontal) + len(vertical) > MAX_RULES:
            return [], []
    return ([h for h in horizontal if h[2] - h[1] >= MIN_RULE], [v for v in vertical if v[2] - v[1] >= MIN_RULE])


def _segments(obj, raw, horizontal: list, vertical: list) -> None:
    """Straight horizontal and vertical strokes of a path (a rectangle, or a whole grid in one path)."""
    count = raw.FPDFPath_CountSegments(obj.raw)
    if count <= 0 or count > 2000:
        return
    m = obj.get_matrix()
    x, y = ctypes.c_float(), ctypes.c_float()
    points: list[tuple[float, float, int, bool]] = []
    for i in range(count):
        seg = raw.FPDFPath_GetPathSegment(obj.raw, i)
        raw.FPDFPathSegment_GetPoint(seg, x, y)
        px, py = m.a * x.value + m.c * y.value + m.e, m.b * x.value + m.d * y.value + m.f
        points.append((px, py, raw.FPDFPathSegment_GetType(seg), bool(raw.FPDFPathSegment_GetClose(seg))))
    start = None
    for k, (px, py, kind, close) in enumerate(points):
        if kind == raw.FPDF_SEGMENT_MOVETO:
            start = (px, py)
        elif kind == raw.FPDF_SEGMENT_LINETO and k:
            _add(points[k - 1][:2], (px, py), horizontal, vertical)
            if close and start:
                _add((px, py), start, horizontal, vertical)


def _add(a: tuple[float, float], b: tuple[float, float], horizontal: list, vertical: list) -> None:
    if abs(a[1] - b[1]) < 1:
        horizontal.append((a[1], min(a[0], b[0]), max(a[0], b[0])))
    elif abs(a[0] - b[0]) < 1:
        vertical.append((a[0], min(a[1], b[1]), max(a[1], b[1])))


def _snap(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > SNAP:
            out.append(v)
    return out


def _covers(rules: list[tuple[float, float, float]], at: float, lo: float, hi: float) -> bool:
    """Some rule at ``at`` (within SNAP) runs over the middle of lo..hi."""
    mid = (lo + hi) / 2
    return any(abs(r[0] - at) <= SNAP and r[1] - SNAP <= mid <= r[2] + SNAP for r in rules)


def find_grids(page, textpage, rules=page_rules) -> list[Grid]:
    """The ruled tables of one page, top to bottom (``rules(page)``: its horizontal and vertical rules)."""
    horizontal, vertical = rules(page)
    if len(horizontal) < 2 or len(vertical) < 2:
        return []
    ys = sorted(_snap([h[0] for h in horizontal]), reverse=True)
    xs = _snap([v[0] for v in vertical])
    grids: list[Grid] = []
    band: list[float] = [ys[0]]
    for y in ys[1:]:
        if any(v[1] - SNAP <= (band[-1] + y) / 2 <= v[2] + SNAP for v in vertical):
            band.append(y)
            continue
        _close(band, xs, horizontal, vertical, textpage, grids)
        band = [y]
    _close(band, xs, horizontal, vertical, textpage, grids)
    return grids


def _close(ys: list[float], xs: list[float], horizontal, vertical, textpage, grids: list[Grid]) -> None:
    if len(ys) < 2:
        return
    top, bottom = ys[0], ys[-1]
    cols = [x for x in xs if any(abs(v[0] - x) <= SNAP and v[2] >= bottom and v[1] <= top for v in vertical)]
    if len(cols) > 40:
        return
    if len(cols) < 2:
        return
    owner = _merge_cells(ys, cols, horizontal, vertical)
    texts: dict[tuple[int, int], str] = {}
    members: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for rc, k in owner.items():
        members.setdefault(k, []).append(rc)
    rows: list[list[str]] = []
    for r in range(len(ys) - 1):
        row = []
        for c in range(len(cols) - 1):
            key = owner[(r, c)]
            if key not in texts:
                texts[key] = _cell_text(textpage, members[key], ys, cols)
            row.append(texts[key])
        rows.append(row)
    grids.append(Grid(rows, top, bottom))


def _merge_cells(ys, cols, horizontal, vertical) -> dict[tuple[int, int], tuple[int, int]]:
    """Each grid cell's owner (its merged cell's top-left), joining cells where the rule between them is missing."""
    owner: dict[tuple[int, int], tuple[int, int]] = {}
    for r in range(len(ys) - 1):
        for c in range(len(cols) - 1):
            owner[(r, c)] = (r, c)
            if c and not _covers(vertical, cols[c], ys[r + 1], ys[r]):
                owner[(r, c)] = owner[(r, c - 1)]
            elif r and not _covers(horizontal, ys[r], cols[c], cols[c + 1]):
                owner[(r, c)] = owner[(r - 1, c)]
    return owner


def _cell_text(textpage, cells: list[tuple[int, int]], ys: list[float], cols: list[float]) -> str:
    r0, r1 = min(r for r, _ in cells), max(r for r, _ in cells)
    c0, c1 = min(c for _, c in cells), max(c for _, c in cells)
    text = textpage.get_text_bounded(left=cols[c0] + 0.5, bottom=ys[r1 + 1] + 0.5, right=cols[c1 + 1] - 0.5,
                                     top=ys[r0] - 0.5)
    return "\n".join(line.strip() for line in text.replace("\r", "").split("\n") if line.strip())


def _clean(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_pages(pdf, rules=page_rules) -> tuple[list[str], list]:
    """Each page's text with its tables cut out, and the tables (one table may run over many pages).

    ``pdf`` is a sequence of pdfium pages, or of pages of another format shaped like them (``get_size``,
    ``get_textpage`` with ``get_text_range`` and ``get_text_bounded``, in points with y upwards) whose rules
    ``rules`` gives."""
    from inspector.docimport.tables import rows_from_cells

    pages: list[str] = []
    tables = []
    pending: list[list[str]] = []
    title = ""
    for page in pdf:
        textpage = page.get_textpage()
        grids = find_grids(page, textpage, rules)
        if not grids:
            pages.append(_clean(textpage.get_text_range()))
            continue
        width, height = page.get_size()
        parts, above = [], height
        for k, grid in enumerate(grids):
            band = _clean(textpage.get_text_bounded(left=0, bottom=grid.top, right=width, top=above))
            parts.append(band)
            lines = [ln.strip() for ln in band.splitlines() if ln.strip()]
            if not (pending and _continues(k, lines, grid, pending)):
                if pending:
                    tables.append(rows_from_cells(title, pending))
                pending = []
                title = lines[-1] if lines else title
            pending += grid.rows
            above = grid.bottom
        parts.append(_clean(textpage.get_text_bounded(left=0, bottom=0, right=width, top=above)))
        pages.append("\n".join(parts))
    if pending:
        tables.append(rows_from_cells(title, pending))
    return pages, [t for t in tables if t is not None]


def _continues(k: int, lines: list[str], grid: Grid, pending: list[list[str]]) -> bool:
    """A table at the top of a page with the same columns goes on from the last page's table (above it at
    most a running header or a page number)."""
    return k == 0 and len(grid.rows[0]) == len(pending[0]) and len(lines) <= 2 and not any(
        ln.endswith(("表", "清单", "：", ":")) for ln in lines)
