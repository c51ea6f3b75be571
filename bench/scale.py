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


def worker_ledger_pdf(db: Path, rows: int, out: Path, bare: bool) -> dict[str, Any]:
    from pypdf import PdfReader

    from inspector.reports import tables
    from inspector.reports.layout import new_render

    data = _ledger_data(db, rows)
    render = new_render(None)
    start = time.perf_counter()
    if bare:
        bare_ledger_pdf(data, out, render)
    else:
        tables.ledger(data, out, render)
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "rows": len(data["rows"]), "pages": len(PdfReader(str(out)).pages)}


def bare_ledger_pdf(data: dict[str, Any], out: Path, render: Any) -> None:
    """The baseline: one plain reportlab Table of every row, header row repeated, in the ledger's own style
    (the same paragraph styles, grid, padding, column widths, margins and font), the title, scope and totals
    around it and a page number at the foot of each page."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

    from inspector.reports.layout import escape, grid_style
    from inspector.reports.tables import LEDGER_COLUMNS, _widths

    head, small = render.styles["head"], render.styles["small"]
    cells = [[Paragraph(escape(h), head) for _k, h, *_ in LEDGER_COLUMNS]]
    cells += [[Paragraph(escape(r.get(k) if r.get(k) is not None else ""), small) for k, *_ in LEDGER_COLUMNS]
              for r in data["rows"]]
    table = Table(cells, colWidths=_widths(LEDGER_COLUMNS, 261 * mm), repeatRows=1)
    table.setStyle(grid_style(header=True))

    def foot(canvas: Any, _doc: Any) -> None:
        canvas.setFont(render.font.name, 9)
        canvas.drawCentredString(landscape(A4)[0] / 2, 10 * mm, f"第 {canvas.getPageNumber()} 页")

    doc = SimpleDocTemplate(str(out), pagesize=landscape(A4), leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=18 * mm, bottomMargin=20 * mm, title="隐患排查治理台账", author="Inspector")
    doc.build([*render.title("隐患排查治理台账"), render.p(data["scope"], "number"), Spacer(1, 2 * mm), table,
               Spacer(1, 4 * mm), render.p(data["totals"], "plain")], onFirstPage=foot, onLaterPages=foot)


WORKERS = {"ledger_pdf": worker_ledger_pdf}


def run_worker(task: str, **kwargs: Any) -> dict[str, Any]:
    """Run one worker in a fresh process; its result, with that process's peak RSS in MB."""
    args = [sys.executable, str(Path(__file__).resolve()), "worker", task, json.dumps(kwargs, default=str)]
    done = subprocess.run(args, capture_output=True, text=True, cwd=ROOT, check=False)
    if done.returncode:
        raise RuntimeError(f"{task} failed: {done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _worker_main(task: str, raw: str) -> None:
    kwargs = json.loads(raw)
    for key in ("db", "out"):
        if key in kwargs:
            kwargs[key] = Path(kwargs[key])
    result = WORKERS[task](**kwargs)
    result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(json.dumps(result))


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "worker":
        _worker_main(sys.argv[2], sys.argv[3])
