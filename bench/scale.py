"""District-scale benchmarks (``bench/run.py --scale`` / ``--quick``): each figure beside a bare baseline that
does the same work on the same data in the same run.

Heavy pieces run in a fresh process each (``python bench/scale.py worker …``) so that time and peak memory
(RSS) belong to that piece alone.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


# -- workers (one piece of work in this process) -------------------------------------------------------------
def _ledger_data(db: Path, rows: int) -> dict[str, Any]:
    from inspector.services import Services

    services = Services.open(db)
    data = services.reports().ledger(limit=rows)
    services.close()
    return data


def worker_ledger_pdf(db: Path, rows: int, out: Path, bare: bool, chunk: int = 0) -> dict[str, Any]:
    from pypdf import PdfReader

    from inspector.reports import tables
    from inspector.reports.layout import new_render

    data = _ledger_data(db, rows)
    render = new_render(None)
    start, cpu = time.perf_counter(), time.process_time()
    if bare:
        bare_ledger_pdf(data, out, render, chunk)
    else:
        tables.ledger(data, out, render)
    return {"seconds": time.perf_counter() - start, "cpu_seconds": time.process_time() - cpu,
            "rows": len(data["rows"]), "pages": len(PdfReader(str(out)).pages)}


def bare_ledger_pdf(data: dict[str, Any], out: Path, render: Any, chunk: int = 0) -> None:
    """The baseline: a plain reportlab Table of the rows, header row repeated, in the ledger's own style (the
    same paragraph styles, grid, padding, column widths measured from the same sample, margins and font), the
    title, scope, totals and 填表人 footer around it and a page number at the foot of each page.

    ``chunk`` > 0 splits the rows over tables of that many rows: one Table of 100,000 rows costs reportlab time
    that grows with the square of the rows (each page's split copies the rest of the table), so the bare figure
    at that size is of tables of ``chunk`` rows."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

    from inspector.reports.layout import escape, grid_style
    from inspector.reports.tables import LEDGER_COLUMNS, ledger_footer, ledger_geometry

    shape = ledger_geometry(data["rows"], render)
    head, small = shape.head, shape.style
    header = [Paragraph(escape(h), head) for _k, h, *_ in LEDGER_COLUMNS]
    cells = [[Paragraph(escape(r.get(k) if r.get(k) is not None else ""), small) for k, *_ in LEDGER_COLUMNS]
             for r in data["rows"]]
    size = chunk or max(1, len(cells))
    story = [*render.title("隐患排查治理台账"), render.p(data["scope"], "number"), Spacer(1, 2 * mm)]
    for start in range(0, max(1, len(cells)), size):
        table = Table([header, *cells[start:start + size]], colWidths=shape.widths,
                      repeatRows=1)
        table.setStyle(grid_style(header=True))
        story.append(table)

    def foot(canvas: Any, _doc: Any) -> None:
        canvas.setFont(render.font.name, 9)
        canvas.drawCentredString(landscape(A4)[0] / 2, 10 * mm, f"第 {canvas.getPageNumber()} 页")

    doc = SimpleDocTemplate(str(out), pagesize=landscape(A4), leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=18 * mm, bottomMargin=20 * mm, title="隐患排查治理台账", author="Inspector")
    doc.build([*story, Spacer(1, 4 * mm), render.p(data["totals"], "plain"), Spacer(1, 4 * mm),
               render.p(ledger_footer(data), "plain")], onFirstPage=foot, onLaterPages=foot)


def worker_ledger_xlsx(db: Path, rows: int, out: Path, bare: bool) -> dict[str, Any]:
    from inspector.reports import tables

    data = _ledger_data(db, rows)
    start, cpu = time.perf_counter(), time.process_time()
    if bare:
        bare_ledger_xlsx(data, out)
    else:
        tables.excel(tables.LEDGER_COLUMNS, data["rows"], out, "ledger")
    return {"seconds": time.perf_counter() - start, "cpu_seconds": time.process_time() - cpu,
            "rows": len(data["rows"])}


def bare_ledger_xlsx(data: dict[str, Any], out: Path) -> None:
    """The baseline: openpyxl's write-only mode writing the same sheet — bold frozen header, the same column
    widths, every data cell wrapped and top-aligned, dates as dates — with none of the program's code."""
    from datetime import date

    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    from inspector.reports.tables import LEDGER_COLUMNS

    book = Workbook(write_only=True)
    sheet = book.create_sheet("ledger")
    for index, column in enumerate(LEDGER_COLUMNS, 1):
        sheet.column_dimensions[get_column_letter(index)].width = column[3]
    sheet.freeze_panes = "A2"
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    header = []
    for column in LEDGER_COLUMNS:
        cell = WriteOnlyCell(sheet, value=column[1])
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for record in data["rows"]:
        cells = []
        for key, *_ in LEDGER_COLUMNS:
            value = record.get(key)
            if isinstance(value, str) and len(value) == 10 and value[4] == "-":
                value = date.fromisoformat(value)
            cell = WriteOnlyCell(sheet, value=value)
            cell.alignment = wrap
            if isinstance(value, date):
                cell.number_format = "yyyy-mm-dd"
            cells.append(cell)
        sheet.append(cells)
    book.save(out)


WORKERS = {"ledger_pdf": worker_ledger_pdf, "ledger_xlsx": worker_ledger_xlsx}


def run_worker(task: str, **kwargs: Any) -> dict[str, Any]:
    """Run one worker in a fresh process; its result, with that process's peak RSS in MB."""
    args = [sys.executable, str(Path(__file__).resolve()), "worker", task, json.dumps(kwargs, default=str)]
    done = subprocess.run(args, capture_output=True, text=True, cwd=ROOT, check=False)
    if done.returncode:
        raise RuntimeError(f"{task} failed: {done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def peak_rss_mb() -> float:
    """This process's peak resident memory since it started (VmHWM: unlike getrusage's ru_maxrss, not
    inherited from the parent that forked it)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _worker_main(task: str, raw: str) -> None:
    kwargs = json.loads(raw)
    for key in ("db", "out"):
        if key in kwargs:
            kwargs[key] = Path(kwargs[key])
    result = WORKERS[task](**kwargs)
    result["peak_rss_mb"] = peak_rss_mb()
    print(json.dumps(result))


# -- figures ---------------------------------------------------------------------------------------------------
Figure = dict[str, Any]


def figure(name: str, value: float | None, unit: str, target: float | None = None, note: str = "") -> Figure:
    return {"name": name, "value": None if value is None else round(value, 4), "unit": unit, "target": target,
            "note": note}


def _ms(func: Any, runs: int = 3) -> float:
    func()  # warm: pages in the cache, statements compiled
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
    return sorted(times)[len(times) // 2]


SEARCH_WORDS = ("消", "灭", "消防", "电线", "灭火器", "配电箱", "疏散通道", "电动自行")


def query_figures(db: Path, today: Any) -> list[Figure]:
    """The read queries a district's window runs, each beside the query it replaced or the bare SQL."""
    from inspector.db import findings as fq
    from inspector.db import queries
    from inspector.services import Services

    services = Services.open(db)
    store = services.store
    out: list[Figure] = []
    ours = {w: _ms(lambda w=w: fq.finding_rowids(store.db, fq.FindingFilter(text=w), today)) for w in SEARCH_WORDS}
    bare = {w: _ms(lambda w=w: store.db.execute(
        "SELECT rowid FROM findings_fts WHERE findings_fts MATCH ?", [fq.match_query(w)]).fetchall())
        for w in SEARCH_WORDS}
    worst = max(ours, key=ours.get)
    out.append(figure("scale_search_query_ms", ours[worst], "ms", None,
                      f"slowest word “{worst}” of {len(SEARCH_WORDS)} (1–4 characters): all matching rowids of live "
                      "findings, newest first — " + ", ".join(f"{w} {ours[w]:.0f}" for w in SEARCH_WORDS)))
    out.append(figure("scale_search_bare_fts_ms", bare[worst], "ms", None,
                      f"the bare FTS5 MATCH of “{worst}” alone (rowids, no order, no live-row check)"))
    out.append(figure("scale_search_ratio", ours[worst] / bare[worst], "x"))
    page = {w: _ms(lambda w=w: fq.finding_rows(store.db, [r[0] for r in store.db.execute(
        "SELECT rowid FROM findings_fts WHERE findings_fts MATCH ? ORDER BY rowid DESC LIMIT 200",
        [fq.match_query(w)])])) for w in SEARCH_WORDS}
    slow = max(page, key=page.get)
    out.append(figure("scale_search_page_ms", page[slow], "ms", 50,
                      f"for comparison, a first page instead of the whole list: the 200 most recently recorded "
                      f"matches with their display rows, slowest “{slow}” — "
                      + ", ".join(f"{w} {page[w]:.0f}" for w in SEARCH_WORDS)))
    out.append(figure("scale_status_bar_ms", _ms(lambda: services.status_summary(today)), "ms", 100,
                      "every count the status bar shows; the findings' from the open part of the covering index"))
    out.append(figure("scale_status_bar_before_ms", _ms(lambda: (queries.stats(store, today),
                                                                 fq.status_counts(store.db, today))), "ms", None,
                      "what it ran before: the statistics and the status counts, two GROUP BYs and more counts"))
    out.append(figure("scale_inspections_page_ms", _ms(lambda: queries.inspections(store, 500)), "ms", 300,
                      "the 500 newest inspections with their finding counts (检查 page)"))
    out += _inspection_list_figures(store)
    one = store.scalar("SELECT id FROM inspections ORDER BY started_at DESC LIMIT 1")
    out.append(figure("scale_inspection_count_unindexed_ms", _ms(lambda: store.scalar(
        "SELECT count(*) FROM findings f NOT INDEXED WHERE f.inspection_id = ? AND f.deleted_at IS NULL", [one]),
        1), "ms", None, "one inspection's count without idx_findings_inspection (the page did this 500 times)"))
    out.append(figure("scale_report_choices_ms", _ms(lambda: queries.finding_choices(store, 500)), "ms", 300,
                      "the 报表 page's list of 500 findings"))
    out.append(figure("scale_report_choices_before_ms", _ms(lambda: queries.list_records(store, "findings")[:500], 1),
                      "ms", None, "what it ran before: 10,000 findings loaded for the 500 shown"))
    out.append(figure("scale_campaigns_ms", _ms(services.campaigns), "ms", 50,
                      "the 专项 filter list: the campaign records (migration 0016), as the 隐患 page reads them"))
    out.append(figure("scale_campaigns_before_ms", _ms(lambda: store.db.execute(
        "SELECT DISTINCT campaign FROM findings NOT INDEXED WHERE campaign IS NOT NULL AND deleted_at IS NULL "
        "ORDER BY campaign").fetchall(), 1), "ms", None, "the DISTINCT scan of every finding it replaced"))
    out.append(figure("scale_towns_ms", _ms(lambda: queries.distinct_values(store, "sites", "town")), "ms", 50))
    services.close()
    return out


def size_figures(db: Path) -> list[Figure]:
    """The database's size per finding, where it goes, and what the search index's stored copy costs."""
    import sqlite3

    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    findings = conn.execute("SELECT count(*) FROM findings").fetchone()[0]
    size = conn.execute("PRAGMA page_count").fetchone()[0] * conn.execute("PRAGMA page_size").fetchone()[0]
    # page by page: dbstat's aggregate mode overflows for tables of more than 2 GB
    parts = dict(conn.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name"))
    meta = 0.0
    for table in ("findings", "inspection_results", "inspections", "sites"):
        rows = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        sample = conn.execute(f"SELECT avg(length(sync_meta)) FROM (SELECT sync_meta FROM {table} LIMIT 20000)")
        meta += (sample.fetchone()[0] or 0) * rows
    events = conn.execute("SELECT count(*) FROM finding_events").fetchone()[0]
    conn.close()
    top = sorted(parts.items(), key=lambda kv: -kv[1])[:6]
    return [
        figure("scale_db_findings", findings, "findings"),
        figure("scale_db_events_per_finding", events / findings, "events"),
        figure("scale_db_bytes_per_finding", size / findings, "bytes", None,
               f"{size / 1e9:.2f} GB in all; largest: " + ", ".join(f"{n} {b / findings:.0f} B" for n, b in top)),
        figure("scale_db_sync_meta_share", meta / size, "share", None,
               "per-field versions (sync_meta) of findings, results, inspections and sites, from a sample"),
        figure("scale_db_fts_copy_bytes_per_finding", parts.get("findings_fts_content", 0) / findings, "bytes", None,
               "the search index's stored copy of each finding's tokens (findings_fts_content)"),
        figure("scale_db_fts_index_bytes_per_finding", sum(
            b for n, b in parts.items() if n.startswith("findings_fts") and n != "findings_fts_content") / findings,
            "bytes"),
    ]


def ledger_figures(db: Path, sizes: tuple[int, int], xlsx_rows: int, folder: Path) -> list[Figure]:
    """The ledger as PDF at two sizes and as .xlsx, each beside its bare baseline, each in a fresh process.

    Ratios are of CPU seconds: the machine's cores are shared, and wall time there swings by half or more
    from one minute to the next; the wall times are given beside them."""
    out: list[Figure] = []
    per_row = {}
    small, large = sizes
    for rows in sizes:
        ours = run_worker("ledger_pdf", db=db, rows=rows, out=folder / f"ours-{rows}.pdf", bare=False)
        k = f"{rows // 1000}k" if rows >= 1000 else str(rows)
        per_row[rows] = ours["cpu_seconds"] / ours["rows"]
        out += [figure(f"scale_ledger_pdf_{k}_s", ours["cpu_seconds"], "s", None,
                       f"CPU; {ours['rows']} rows, {ours['pages']} pages, wall {ours['seconds']:.1f} s"),
                figure(f"scale_ledger_pdf_{k}_peak_rss_mb", ours["peak_rss_mb"], "MB", None,
                       f"the whole process, the {ours['rows']} rows' data included")]
        for chunk in ((0, BARE_CHUNK) if rows == small else (BARE_CHUNK,)):
            bare = run_worker("ledger_pdf", db=db, rows=rows, out=folder / f"bare-{rows}.pdf", bare=True,
                              chunk=chunk)
            kind = f"tables of {chunk} rows" if chunk else "one Table"
            name = f"scale_ledger_pdf_bare_{k}{'_chunked' if chunk else ''}"
            out += [figure(f"{name}_s", bare["cpu_seconds"], "s", None,
                           f"CPU; reportlab alone, {kind} of the same rows in the same style, {bare['pages']} pages, "
                           f"wall {bare['seconds']:.1f} s, peak RSS {bare['peak_rss_mb']} MB"),
                    figure(f"scale_ledger_pdf_ratio_{k}{'_chunked' if chunk else ''}",
                           ours["cpu_seconds"] / bare["cpu_seconds"], "x", 1.2, f"against {kind}")]
    why = " (one Table of 100,000 rows had not finished after 12 CPU minutes)" if large >= 50_000 else ""
    out.append(figure("scale_ledger_pdf_ratio", out[-1]["value"], "x", 1.2,
                      f"at {large} rows, against reportlab tables of {BARE_CHUNK} rows{why}"))
    out.append(figure("scale_ledger_pdf_linearity", per_row[large] / per_row[small], "x", None,
                      f"CPU seconds per row at {large} rows ÷ at {small} rows (1 = linear)"))
    ours = run_worker("ledger_xlsx", db=db, rows=xlsx_rows, out=folder / "ours.xlsx", bare=False)
    bare = run_worker("ledger_xlsx", db=db, rows=xlsx_rows, out=folder / "bare.xlsx", bare=True)
    out += [figure("scale_ledger_xlsx_s", ours["cpu_seconds"], "s", None,
                   f"CPU; {ours['rows']} rows, wall {ours['seconds']:.1f} s, peak RSS {ours['peak_rss_mb']} MB"),
            figure("scale_ledger_xlsx_bare_s", bare["cpu_seconds"], "s", None,
                   f"CPU; openpyxl write-only, the same cells and styles, wall {bare['seconds']:.1f} s, "
                   f"peak RSS {bare['peak_rss_mb']} MB"),
            figure("scale_ledger_xlsx_ratio", ours["cpu_seconds"] / bare["cpu_seconds"], "x", 1.3)]
    return out


# -- the whole set ---------------------------------------------------------------------------------------------
SCALE = {"findings": 1_000_000, "pdf": (10_000, 100_000), "xlsx": 100_000}
QUICK = {"findings": 10_000, "pdf": (300, 900), "xlsx": 3_000}
GUI_BENCH = ROOT / "bench" / "gui_scale.py"
BARE_CHUNK = 2_000


def plan_for(quick: bool) -> dict[str, Any]:
    """The sizes of the set: the CI-sized one with ``--quick``, 1 M findings otherwise."""
    return QUICK if quick else SCALE


def _structure_version(path: Path) -> int | None:
    """The structure version a database's header records (None: no database there yet)."""
    import sqlite3

    if not path.is_file():
        return None
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        conn.close()


def run_all(quick: bool, emit: Any, then: Any = None) -> list[Figure]:
    """Every district-scale figure, on the shared database (built once, see bench/scale_data.py); each figure is
    passed to ``emit`` as soon as it is known. ``bench/gui_scale.py``, when present, is run on the same database
    (``--db PATH [--quick]``) and its JSON lines are taken as figures too.

    The figures measured by the clock on the wall (queries, the window) come first; ``then`` is called after
    them, before the ledgers, whose ratios are of CPU seconds and so bear other work running beside them."""
    import tempfile
    from datetime import date

    from scale_data import default_path, scale_db

    plan = plan_for(quick)
    figures: list[Figure] = []

    def add(items: list[Figure]) -> None:
        for item in items:
            figures.append(item)
            emit(item)

    version = _structure_version(default_path(plan["findings"]))  # before opening it upgrades the file
    start = time.perf_counter()
    path, cost = scale_db(plan["findings"])
    opened_s = time.perf_counter() - start
    add([figure("scale_demo_build_s", cost["seconds"], "s", None,
                f"inspector demo --scale {plan['findings']}: {cost['towns']} towns, {cost['sites']} sites, "
                f"{cost['inspections']} inspections, {cost['results']} results, {cost['events']} events "
                f"(CPU {cost['cpu_seconds']} s)")])
    from inspector.db.structure import SCHEMA_VERSION

    if version is not None and version < SCHEMA_VERSION:
        add([figure("scale_migration_s", opened_s, "s", None,
                    f"upgrading the district database from structure version {version} to {SCHEMA_VERSION}")])
    today = date.fromisoformat(cost["today"])
    add(size_figures(path))
    add(query_figures(path, today))
    if GUI_BENCH.exists():
        args = [sys.executable, str(GUI_BENCH), "--db", str(path), *(["--quick"] if quick else [])]
        done = subprocess.run(args, capture_output=True, text=True, cwd=ROOT, check=False)
        lines = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
        add([{"note": "", **line} for line in lines])
        if done.returncode:
            last = (done.stderr.strip().splitlines() or [""])[-1]  # the error's type: its text names files
            add([figure("scale_gui_bench_failed", done.returncode, "exit code", None, last.split(":")[0][:80])])
    if then is not None:
        then()
    with tempfile.TemporaryDirectory() as tmp:
        add(ledger_figures(path, plan["pdf"], plan["xlsx"], Path(tmp)))
    return figures


def markdown(figures: list[Figure]) -> str:
    """The figures as the table docs/benchmarks.md shows."""
    lines = ["| figure | value | target | what is measured |", "| --- | --- | --- | --- |"]
    for f in figures:
        number = f["value"] if f["value"] is None or abs(f["value"]) < 1000 else round(f["value"])
        value = "—" if number is None else (f"{number:,} {f['unit']}" if isinstance(number, int)
                                             else f"{number:.4g} {f['unit']}")
        if f["unit"] == "share" and f["value"] is not None:
            value = f"{100 * f['value']:.1f} %"
        target = "—" if f.get("target") is None else f"≤ {f['target']:g} {f['unit']}"
        met = "" if f.get("target") is None or f["value"] is None else (" ✓" if f["value"] <= f["target"] else " ✗")
        lines.append(f"| `{f['name']}` | {value}{met} | {target} | {f.get('note', '')} |")
    return "\n".join(lines)


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "worker":
        _worker_main(sys.argv[2], sys.argv[3])


def _inspection_list_figures(store) -> list:
    """The 检查 list as the page reads it: the first page, a page deep in the list, and the filters."""
    from inspector.db.inspection_list import InspectionFilter, inspection_page

    first = inspection_page(store, InspectionFilter(), 200)
    deep = store.rows("SELECT started_at, id FROM inspections WHERE deleted_at IS NULL "
                      "ORDER BY started_at DESC, id DESC LIMIT 1 OFFSET 20000")
    after = (deep[0]["started_at"], deep[0]["id"]) if deep else (first[-1]["started_at"], first[-1]["id"])
    out = [figure("scale_inspection_list_first_ms", _ms(lambda: inspection_page(store, InspectionFilter(), 200)),
                  "ms", 300, "the 检查 list's first page of 200 with finding and open counts"),
           figure("scale_inspection_list_deep_ms", _ms(lambda: inspection_page(store, InspectionFilter(), 200,
                                                                              after)),
                  "ms", 300, "a page 20,000 inspections down (a range of idx_inspections_started)")]
    for state in ("open", "unsigned"):
        out.append(figure(f"scale_inspection_list_{state}_ms",
                          _ms(lambda state=state: inspection_page(store, InspectionFilter(state=state), 200)),
                          "ms", 300, f"the first page filtered by {state}"))
    out.append(figure("scale_inspection_list_search_ms",
                      _ms(lambda: inspection_page(store, InspectionFilter(text="街道"), 200)), "ms", 300,
                      "the first page of a search by town"))
    return out

