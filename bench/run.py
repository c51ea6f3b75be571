"""Benchmarks: ``python bench/run.py [NAME…] [--quick]`` prints one JSON object per line.

Each line is ``{"name", "value", "unit", "target"}``; ``target`` is the figure an issue asks for (or null).
Timings are medians of several runs in fresh processes where start-up matters. Results and the machine they ran
on are recorded in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

EMPTY_WINDOW = """
import sys, time
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
w = QMainWindow(); w.show(); app.processEvents()
print("window-ready", flush=True)
"""


def emit(name: str, value: float, unit: str, target: float | None) -> None:
    print(json.dumps({"name": name, "value": round(value, 4), "unit": unit, "target": target},
                     ensure_ascii=False), flush=True)


def _launch(args: list[str]) -> float:
    env = {"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": tempfile.gettempdir()}
    start = time.perf_counter()
    out = subprocess.run(args, capture_output=True, text=True, env=env, cwd=ROOT, check=True).stdout
    elapsed = time.perf_counter() - start
    if "window-ready" not in out:
        raise RuntimeError(f"window did not report ready: {out!r}")
    return elapsed


def bench_startup(quick: bool) -> None:
    """Launch → usable window, with a large database, against an empty PySide6 window in the same run."""
    findings = 20_000 if quick else 200_000
    with tempfile.TemporaryDirectory() as tmp:
        db = _large_db(quick, Path(tmp))
        runs = 3 if quick else 7
        empty = statistics.median(_launch([sys.executable, "-c", EMPTY_WINDOW]) for _ in range(runs))
        app = statistics.median(
            _launch([sys.executable, "main.py", "--db", str(db), "--quit-after-show"]) for _ in range(runs))
    emit("startup_empty_window_s", empty, "s", None)
    emit("startup_s", app, "s", None)
    emit("startup_ratio", app / empty, "x", 3.0)
    emit("startup_db_findings", findings, "findings", None)


def _best_ms(func: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def bench_parse(quick: bool) -> None:
    """The largest sample document (after a warm-up: modules imported, regexes compiled)."""
    from inspector.docimport import parse_file
    from inspector.paths import sample_documents

    largest = max(sample_documents(), key=lambda p: p.stat().st_size)
    parse_file(largest)
    emit("parse_largest_sample_ms", _best_ms(lambda: parse_file(largest), 5 if quick else 20), "ms", 100)


def bench_parse_pdf(quick: bool) -> None:
    """A 300-page PDF with a text layer, page numbers in the footer (built once with reportlab)."""
    from inspector.docimport import parse_file
    from inspector.paths import resource_path
    from tests.docimport.writers import write_pdf

    text = resource_path("samples", "2021_shanghai_anweihui_gongzuoyijian.txt").read_text("utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        path = write_pdf(text, Path(tmp) / "300.pdf", repeat_pages=24)
        from pypdf import PdfReader

        pages = len(PdfReader(str(path)).pages)
        seconds = _best_ms(lambda: parse_file(path), 1 if quick else 3) / 1000
    emit("parse_pdf_pages", pages, "pages", None)
    emit("parse_pdf_300_pages_s", seconds, "s", 10)


def bench_parse_pdf_tables(quick: bool) -> None:
    """A 300-page PDF that is one ruled task table (header repeated per page), every row a task."""
    from inspector.docimport import parse_file
    from tests.docimport.builders import pdf_with_ruled_table

    rows = [["序号", "主要任务", "牵头单位", "配合单位", "完成时限"]] + [
        [str(i), f"开展第{i}批燃气安全隐患排查整治，落实企业主体责任，建立问题清单和整改清单", "区应急局",
         "各街镇、区市场监管局", "2024年6月底前"] for i in range(1, 20)]
    with tempfile.TemporaryDirectory() as tmp:
        path = pdf_with_ruled_table(Path(tmp) / "tables.pdf", ["附件", "重点任务分解表"], rows, repeat=345,
                                    col_widths=[30, 200, 80, 100, 70])
        import pypdfium2

        pages = len(pypdfium2.PdfDocument(str(path)))
        seconds = _best_ms(lambda: parse_file(path), 1 if quick else 3) / 1000
        tasks = len(parse_file(path).tasks())
    emit("parse_pdf_tables_pages", pages, "pages", None)
    emit("parse_pdf_tables_rows", tasks, "tasks", None)
    emit("parse_pdf_tables_300_pages_s", seconds, "s", 10)


def _large_db(quick: bool, folder: Path) -> Path:
    from inspector.services import Services
    from inspector.services.demo import build_demo, build_scale

    findings = 20_000 if quick else 200_000
    db = folder / "large.db"
    services = Services.open(db)
    build_demo(services)
    build_scale(services, findings=findings, sites=findings // 10)
    services.close()
    return db


def bench_findings(quick: bool) -> None:
    """The 隐患 page on a district database: open until the first rows are drawn, then search per keystroke."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from inspector.services import Services
    from inspector.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        services = Services.open(_large_db(quick, Path(tmp)))
        window = MainWindow(services)
        window.resize(1400, 860)
        window.show()
        app.processEvents()
        start = time.perf_counter()
        page = window.go("findings")
        page.table.viewport().repaint()  # the first rows drawn
        open_ms = (time.perf_counter() - start) * 1000
        rows = len(page.model.rowids)
        timings = []
        for query in ("消", "消防", "消防通", "灭火器", "电动", "电动自行车", "恒达", ""):
            start = time.perf_counter()
            page.search.setText(query)
            page.apply_filter()  # what the debounce timer runs after a keystroke
            page.table.viewport().repaint()
            timings.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        page.table.scrollToBottom()
        page.table.viewport().repaint()
        scroll_ms = (time.perf_counter() - start) * 1000
        window.close()
        services.close()
    emit("findings_list_rows", rows, "findings", None)
    emit("findings_list_open_ms", open_ms, "ms", 1000)
    emit("findings_search_ms", max(timings), "ms", 100)
    emit("findings_search_median_ms", statistics.median(timings), "ms", None)
    emit("findings_scroll_to_end_ms", scroll_ms, "ms", 100)


def bench_reports(quick: bool) -> None:
    """One form, and a ledger of 10,000 findings against reportlab alone laying out the same cells."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

    from inspector.reports import tables
    from inspector.reports.layout import new_render
    from inspector.services import Services
    from inspector.services.demo import build_demo, build_scale

    count = 2_000 if quick else 10_000
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        services = Services.open(folder / "r.db")
        build_demo(services)
        reports = services.reports()
        inspection = services.inspections()[0]["id"]
        reports.generate("inspection-record", folder / "warm.pdf", inspection_id=inspection)
        form_ms = _best_ms(lambda: reports.generate("inspection-record", folder / "f.pdf", inspection_id=inspection),
                           3 if quick else 10)
        build_scale(services, findings=count - services.stats()["findings"]["total"], sites=count // 10)
        data = reports.ledger()
        start = time.perf_counter()
        reports.generate("ledger", folder / "ledger.pdf")
        ours = time.perf_counter() - start
        render = new_render()
        cells = [[c[1] for c in tables.LEDGER_COLUMNS]] + [
            [str(r.get(key) or "") for key, *_ in tables.LEDGER_COLUMNS] for r in data["rows"]]
        shape = tables.ledger_geometry(data["rows"], render)
        start = time.perf_counter()
        table = Table([[Paragraph(c, shape.head if n == 0 else shape.style) for c in row]
                       for n, row in enumerate(cells)], repeatRows=1,
                      colWidths=shape.widths)
        SimpleDocTemplate(str(folder / "bare.pdf"), pagesize=landscape(A4)).build([table])
        bare = time.perf_counter() - start
        services.close()
    emit("report_form_ms", form_ms, "ms", 500)
    emit("report_ledger_findings", len(data["rows"]), "findings", None)
    emit("report_ledger_s", ours, "s", None)
    emit("report_bare_table_s", bare, "s", None)
    emit("report_ledger_ratio", ours / bare, "x", 1.5)


def bench_sync(quick: bool) -> None:
    """A town's package of ~100,000 records: export, import and merge at the district, and the same again."""
    import sqlite3

    from inspector.services import Services
    from inspector.services.demo import build_scale
    from inspector.sync import keyfile, package

    findings = 3_000 if quick else 30_000
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        town, district = Services.open(folder / "town.db", seed=False), Services.open(folder / "d.db", seed=False)
        town.set_setting("device_name", "长寿路街道")
        district.set_setting("device_name", "普陀区应急局")
        district.set_setting("role", "district")
        town.sync().add_peer(district.sync().identity(), trusted=True)
        district.sync().add_peer(town.sync().identity(), trusted=True)
        build_scale(town, findings=findings, sites=findings // 10)
        out = folder / "p.inspx"
        start = time.perf_counter()
        exported = town.sync().export("普陀区应急局", out)
        export_s = time.perf_counter() - start
        records = sum(exported["counts"].values())
        start = time.perf_counter()
        district.sync().import_package(out)
        import_s = time.perf_counter() - start
        start = time.perf_counter()
        again = district.sync().import_package(out)
        reimport_s = time.perf_counter() - start
        assert again.duplicate
        contents = package.read(out, keyfile.load(district.store.device_id)["enc_private"])  # sealed for it
        Services.open(folder / "bare.db", seed=False).close()  # the same tables and indexes, empty
        bare = sqlite3.connect(folder / "bare.db")
        bare.execute("PRAGMA foreign_keys = OFF")
        start = time.perf_counter()
        for table, rows in contents.records.items():
            if not rows:
                continue
            names = sorted(rows[0])
            bare.executemany(f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
                             [[r.get(n) for n in names] for r in rows])
        bare.commit()
        bare_s = time.perf_counter() - start
        town.close()
        district.close()
    emit("sync_records", records, "records", None)
    emit("sync_export_100k_s", export_s, "s", 5)
    emit("sync_import_100k_s", import_s, "s", 10)
    emit("sync_bare_executemany_s", bare_s, "s", None)
    emit("sync_import_ratio", import_s / bare_s, "x", 3)
    emit("sync_reimport_s", reimport_s, "s", 1)


def sync_findings(quick: bool, scale: bool = False) -> int:
    """Findings in the town of the district-scale sync figures: 1 M with ``--scale``, 200 k for ``scale_sync``,
    1 k (``--quick`` set) or 3 k (``scale_sync --quick``); ``INSPECTOR_BENCH_SYNC_FINDINGS`` overrides."""
    import os

    default = (1_000 if scale else 3_000) if quick else (1_000_000 if scale else 200_000)
    return int(os.environ.get("INSPECTOR_BENCH_SYNC_FINDINGS", default))


def bench_scale_sync(quick: bool) -> None:
    """scale_sync_export_s, scale_sync_import_s, scale_sync_reimport_s and scale_sync_import_ratio with peak
    memory (bench/scale_sync.py): a town's full package, streamed, beside a bare unzip + parse + executemany."""
    from scale_sync import sync_figures

    sync_figures(sync_findings(quick), lambda f: emit(f["name"], f["value"], f["unit"], f["target"]))


BENCHMARKS: dict[str, Callable[[bool], None]] = {
    "sync": bench_sync,
    "scale_sync": bench_scale_sync,
    "reports": bench_reports,
    "findings": bench_findings,
    "startup": bench_startup,
    "parse": bench_parse,
    "parse_pdf": bench_parse_pdf,
    "parse_pdf_tables": bench_parse_pdf_tables,
}


SCALE_START, SCALE_END = "<!-- scale figures: start -->", "<!-- scale figures: end -->"


def prepare(quick: bool) -> None:
    """Build what the district-scale set reads before anything is measured: a missing district database and
    the sync figures' town side by side (on a new machine each takes about 20 minutes at 1 M findings, a core
    each). A district database already there is left for ``run_all`` to open, so that its upgrade, if any, is
    timed alone."""
    import threading

    from scale import plan_for
    from scale_data import default_path, scale_db
    from scale_sync import built_town

    def town() -> None:
        try:
            built_town(sync_findings(quick, scale=True))
        except Exception as exc:  # the sync figures build it again and report the failure among the figures
            print(f"building the sync town failed: {exc}", file=sys.stderr)

    beside = threading.Thread(target=town)
    beside.start()
    findings = plan_for(quick)["findings"]
    if not default_path(findings).exists():
        scale_db(findings)
    beside.join()


def run_scale(quick: bool) -> None:
    """The district-scale set (bench/scale.py): at 1 M findings with ``--scale``, CI-sized with ``--quick``.
    ``--scale`` also writes its figures into docs/benchmarks.md."""
    import threading
    from datetime import date

    from scale import markdown, run_all
    from scale_sync import sync_figures

    show = lambda f: print(json.dumps(f, ensure_ascii=False), flush=True)  # noqa: E731
    synced: list[dict] = []
    # The sync figures at 1 M findings take most of an hour: they run beside the ledgers (whose ratios are of
    # CPU seconds), after the figures that the wall clock measures; each sync step is timed in its own process
    # against its bare baseline in the same run.
    def sync() -> None:
        try:
            synced.extend(sync_figures(sync_findings(quick, scale=True), show))
        except Exception as exc:  # the other figures are still written, with this one's failure among them
            synced.append({"name": "scale_sync_failed", "value": None, "unit": "", "target": None,
                           "note": str(exc)[-300:]})
            show(synced[-1])

    prepare(quick)
    beside = threading.Thread(target=sync)
    figures = run_all(quick, show, then=beside.start)
    beside.join()
    figures += synced
    if quick:
        return
    doc = ROOT / "docs" / "benchmarks.md"
    text = doc.read_text(encoding="utf-8")
    block = (f"{SCALE_START}\nFigures from `python bench/run.py --scale` on {date.today()}.\n\n"
             f"{markdown(figures)}\n{SCALE_END}")
    if SCALE_START in text:
        text = text[:text.index(SCALE_START)] + block + text[text.index(SCALE_END) + len(SCALE_END):]
    else:
        text = text.rstrip() + "\n\n## District scale\n\n" + block + "\n"
    doc.write_text(text, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("names", nargs="*", choices=[*BENCHMARKS, []], help="benchmarks to run (default: all)")
    parser.add_argument("--quick", action="store_true",
                        help="alone: the district-scale set at CI size (under a minute); with names: smaller data")
    parser.add_argument("--scale", action="store_true",
                        help="the district-scale set at 1 M findings; figures written into docs/benchmarks.md")
    args = parser.parse_args()
    if args.scale or (args.quick and not args.names):
        run_scale(quick=not args.scale)
        return 0
    for name in args.names or BENCHMARKS:
        BENCHMARKS[name](args.quick)
    return 0


if __name__ == "__main__":
    sys.exit(main())
