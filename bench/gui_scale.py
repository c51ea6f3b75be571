"""The window at district scale: ``python bench/gui_scale.py DATABASE [--runs N] [--quick]`` prints JSON lines.

Run it against a copy of a database made with ``inspector demo --scale N`` (it reads, never writes, except what
opening the window itself records). Figures, each ``{"name", "value", "unit", "target"}`` as in ``bench/run.py``:

- ``scale_startup_ratio``: launch → usable window of ``main.py --db DATABASE --quit-after-show``, over an empty
  PySide6 window process launched in the same run (medians of ``--runs`` fresh processes each).
- ``scale_page_open_ms``: the slowest of 工作任务, 检查, 隐患, 单位, 报表, 同步, each timed from the click on its
  navigation entry until its data is on screen (background loads included) — plus one line per page.
- ``scale_page_settled_ms_<page>``: until everything the page loads after its first screen is in too (the count
  of the 隐患 list, the filter choices, the 同步 page's conflicts).
- ``scale_search_ms``: per keystroke, typing 1–4 character words into the 隐患 search: from the keystroke until
  the list for that text is painted and the first finding's details are shown (the median over every keystroke;
  ``scale_search_max_ms`` is the slowest one); ``scale_search_count_ms`` until the full list and its count.
- ``scale_gui_block_ms``: the longest time the event loop could not run during all of the above; and
  ``scale_gui_block_ms_<phase>`` the longest while each page was opened and while typing (``search``).

``--search-only`` measures the search figures alone (and the event-loop gap while typing), on a window opened
straight onto the 隐患 page.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

EMPTY_WINDOW = """
import sys
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
w = QMainWindow(); w.show(); app.processEvents()
print("window-ready", flush=True)
"""
STARTUP_RUNS = 25
"""Launches of each kind for the start-up figures: on a shared virtual machine seven of each gave medians from
1.44x to 2.37x within one minute; with 25 three runs in a row gave 1.84x, 1.88x and 1.89x."""
PAGES = ("tasks", "inspections", "findings", "sites", "reports", "sync")
WORDS = ("消防", "灭火器", "电线", "燃气", "通道", "堆放", "配电", "有限空间", "电动车", "安全出口")


def emit(name: str, value: float, unit: str, target: float | None) -> None:
    print(json.dumps({"name": name, "value": round(value, 2), "unit": unit, "target": target},
                     ensure_ascii=False), flush=True)


# -- start-up, in fresh processes ---------------------------------------------------------------------------
def _launch(args: list[str], home: str, wait_s: float = 120) -> float:
    """Seconds from the launch until the window says it is ready; then waits up to ``wait_s`` for it to quit."""
    env = {"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": home, "XDG_CONFIG_HOME": home,
           "XDG_DATA_HOME": home}
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    line = proc.stdout.readline()
    elapsed = time.perf_counter() - start
    proc.wait(timeout=wait_s)
    if "window-ready" not in line:
        raise RuntimeError(f"window did not report ready: {line!r}")
    return elapsed


def bench_startup(db: Path, runs: int) -> None:
    with tempfile.TemporaryDirectory() as home:
        # untimed first: quitting takes the database's first automatic backup if it has none (minutes at 12 GB;
        # later quits find it current), and the launches that are timed then read a warm cache alike
        _launch([sys.executable, "main.py", "--db", str(db), "--quit-after-show"], home, wait_s=3600)
        empty, app = [], []
        for _ in range(runs):  # interleaved, so both see the same load on the machine
            empty.append(_launch([sys.executable, "-c", EMPTY_WINDOW], home))
            app.append(_launch([sys.executable, "main.py", "--db", str(db), "--quit-after-show"], home))
    emit("scale_startup_empty_window_s", statistics.median(empty), "s", None)
    emit("scale_startup_s", statistics.median(app), "s", None)
    emit("scale_startup_ratio", statistics.median(app) / statistics.median(empty), "x", 2.0)


# -- in one window ------------------------------------------------------------------------------------------
class Heartbeat:
    """The longest gap between beats of a 5 ms timer on the GUI thread: how long the event loop was blocked.

    ``phase`` names what the bench is doing (a page being opened, the search); the longest gap of each phase is
    kept too, so that a figure over its target says where the loop was held."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.longest = 0.0
        self.phase = ""
        self.by_phase: dict[str, float] = {}
        self.last = time.monotonic()
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self.beat)
        self.timer.start()

    def beat(self) -> None:
        now = time.monotonic()
        gap = (now - self.last) * 1000
        self.longest = max(self.longest, gap)
        self.by_phase[self.phase] = max(self.by_phase.get(self.phase, 0.0), gap)
        self.last = now


def _wait(app, done: Callable[[], bool], timeout: float = 120.0) -> None:
    from PySide6.QtCore import QEventLoop

    end = time.monotonic() + timeout
    while not done():
        if time.monotonic() > end:
            raise RuntimeError("timed out")
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
        time.sleep(0.001)


def _idle() -> bool:
    from inspector.ui import background

    return not background.busy()


def bench_window(db: Path, search_only: bool = False) -> None:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    app.setOrganizationName("Inspector-bench")
    from inspector.services import Services
    from inspector.ui.main_window import MainWindow

    services = Services.open(db, seed=False)
    window = MainWindow(services)
    window.show()
    _wait(app, lambda: "隐患" in window.status.text() and _idle())
    beat = Heartbeat()
    opened, settled = {}, {}
    for key in () if search_only else PAGES:
        beat.phase = key
        start = time.perf_counter()
        window.nav.setCurrentRow(window.PAGES.index(key))
        _wait(app, lambda key=key: key in window.pages and window.pages[key].shown_data())
        window.pages[key].repaint()
        opened[key] = (time.perf_counter() - start) * 1000
        _wait(app, _idle, 900)  # what follows the first screen: counts, choice lists, the 同步 conflicts (88 s
        # at 1 M findings under load: the default two minutes ended some runs before their search figures)
        settled[key] = (time.perf_counter() - start) * 1000
    for key in opened:
        emit(f"scale_page_open_ms_{key}", opened[key], "ms", 300)
        emit(f"scale_page_settled_ms_{key}", settled[key], "ms", None)
    if opened:
        emit("scale_page_open_ms", max(opened.values()), "ms", 300)
    beat.phase = "findings"
    page = window.go("findings")
    _wait(app, lambda: page.shown_data() and _idle())
    beat.phase = "search"
    first, counted = _search(app, page)
    emit("scale_search_ms", statistics.median(first), "ms", 50)
    emit("scale_search_max_ms", max(first), "ms", None)
    emit("scale_search_count_ms", statistics.median(counted), "ms", None)
    emit("scale_gui_block_ms", beat.longest, "ms", 100)
    for phase, gap in beat.by_phase.items():
        emit(f"scale_gui_block_ms_{phase}", gap, "ms", None)
    window.close()
    services.close()


def _search(app, page) -> tuple[list[float], list[float]]:
    """Type each word a character at a time (an input method commits the characters), clearing in between.

    Per keystroke: until the list for the text is painted with the first finding's details (the first screen),
    and until the full list and its count are in."""
    first, counted = [], []
    for word in WORDS:
        page.search.clear()
        _wait(app, lambda: page.model.filter.text == "" and _idle())
        for n in range(1, len(word) + 1):
            text = word[:n]
            start = time.perf_counter()
            page.search.setText(text)
            _wait(app, lambda text=text: page.model.filter.text == text and (
                page.finding is not None or page.model.rowCount() == 0))
            page.table.viewport().repaint()
            page.detail.viewport().repaint()
            first.append((time.perf_counter() - start) * 1000)
            _wait(app, _idle)
            counted.append((time.perf_counter() - start) * 1000)
    return first, counted


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="gui_scale")
    parser.add_argument("database", type=Path, nargs="?")
    parser.add_argument("--db", type=Path, help="the database (instead of the positional argument)")
    parser.add_argument("--runs", type=int, help="fresh processes per start-up figure (default 25, --quick 3)")
    parser.add_argument("--quick", action="store_true", help="fewer start-up runs (CI)")
    parser.add_argument("--search-only", action="store_true",
                        help="only the 隐患 search figures (no start-up, no other page opened first)")
    args = parser.parse_args(argv)
    database = args.db or args.database
    if database is None or not database.is_file():
        parser.error(f"no such database: {database}")
    if not args.search_only:
        bench_startup(database, args.runs or (3 if args.quick else STARTUP_RUNS))
    bench_window(database, args.search_only)
    return 0


if __name__ == "__main__":
    sys.exit(main())
