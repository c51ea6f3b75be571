"""kill -9 at random (seeded, so repeatable) points of the commands and of a loop of saves: afterwards the file
passes SQLite's integrity check, opens, every attachment file is there, and every write reported as saved is.

Each run is a child forked from a server that has imported the program, so it starts at once and the random delay
falls in the work, not in the imports.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from inspector.cli import main as cli
from inspector.paths import sample_documents
from inspector.services import Services

# A server that imports the program once and forks a child per run, so each run starts at once and the random
# delay falls in the work itself, not in Python's start-up and imports.
FORK_SERVER = (
    "import json, os, sys\n"
    "import inspector.cli, inspector.services, inspector.services.sync, inspector.services.demo\n"
    "import PIL.Image\n"
    "print('ready', flush=True)\n"
    "for line in sys.stdin:\n"
    "    job = json.loads(line)\n"
    "    pid = os.fork()\n"
    "    if pid == 0:\n"
    "        sys.stdout = open(job['out'], 'w', buffering=1, encoding='utf-8')\n"
    "        sys.argv = ['child', *job['argv']]\n"
    "        try:\n"
    "            exec(job['code'], {'__name__': '__child__'})\n"
    "        finally:\n"
    "            sys.stdout.flush()\n"
    "            os._exit(0)\n"
    "    print(pid, flush=True)\n"
    "    print(os.waitpid(pid, 0)[1], flush=True)\n"
)

RUN_CLI = "import sys, inspector.cli\nsys.exit(inspector.cli.main(sys.argv[1:]))\n"

SAVE_LOOP = (
    "import sys\n"
    "from datetime import date, timedelta\n"
    "from pathlib import Path\n"
    "from PIL import Image\n"
    "from inspector import workflow as wf\n"
    "from inspector.services import Services\n"
    "services, folder, day = Services.open(sys.argv[1], seed=False), Path(sys.argv[2]), date(2026, 3, 2)\n"
    "for i in range(100000):\n"
    "    site = services.add_site(name=f'上海恒达餐饮店{i}号店')\n"
    "    print('site', site, flush=True)\n"
    "    photo = folder / f'{i}.png'\n"
    "    Image.new('RGB', (8, 8), (i % 256, i // 256 % 256, 7)).save(photo)\n"
    "    finding = services.record_finding(description='疏散通道堆放杂物', grade='一般', found_on=day,\n"
    "                                      deadline=day + timedelta(days=15), site_id=site, photos=[photo])\n"
    "    print('finding', finding, flush=True)\n"
    "    services.act(finding, wf.Event(wf.ORDER_ISSUED, day, {'deadline': day + timedelta(days=15)}))\n"
    "    print('step', finding, flush=True)\n"
)

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="kill -9 and fork are POSIX")


@pytest.fixture(scope="module")
def killer(tmp_path_factory):
    """Runs code in a fresh child, kills it -9 after a delay, returns what it printed."""
    home = tmp_path_factory.mktemp("home")
    env = {**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home / "data"), "XDG_CONFIG_HOME": str(home)}
    env.pop("INSPECTOR_DB", None)
    server = subprocess.Popen([sys.executable, "-c", FORK_SERVER], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True, env=env)
    assert server.stdout.readline().strip() == "ready"
    outputs = tmp_path_factory.mktemp("outputs")
    killed: list[bool] = []  # per run: whether the kill came before the child finished

    def kill_during(args: list[str], delay: float, code: str = RUN_CLI, after_lines: int = 0) -> list[str]:
        """``after_lines``: the delay starts once the child has printed that many lines (a loaded machine may
        take longer than any fixed delay to reach its first save)."""
        out = outputs / f"{len(list(outputs.iterdir()))}.txt"
        server.stdin.write(json.dumps({"code": code, "argv": args, "out": str(out)}) + "\n")
        server.stdin.flush()
        pid = int(server.stdout.readline())
        deadline = time.monotonic() + 60
        while after_lines and time.monotonic() < deadline and (
                not out.exists() or len(out.read_text(encoding="utf-8").splitlines()) < after_lines):
            time.sleep(0.01)
        time.sleep(delay)
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        killed.append(os.WIFSIGNALED(int(server.stdout.readline())))
        return out.read_text(encoding="utf-8").splitlines() if out.exists() else []

    kill_during.killed = killed
    yield kill_during
    server.stdin.close()
    server.wait(timeout=30)


def assert_sound(path: Path) -> Services:
    """The file is intact for SQLite and for the program; returns it opened (the caller closes it)."""
    if path.exists() and path.stat().st_size:
        conn = sqlite3.connect(path)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        finally:
            conn.close()
    services = Services.open(path)
    assert services.check() == []
    orphans = services.store.scalar(
        "SELECT count(*) FROM findings f WHERE NOT EXISTS (SELECT 1 FROM finding_events e WHERE e.finding_id = f.id)")
    assert orphans == 0
    return services


def copy(source: Path, target: Path) -> Path:
    """A consistent copy through SQLite's backup API."""
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()
    return target


def contents(services: Services) -> dict[str, int]:
    tables = ("documents", "checklists", "checklist_items", "item_units", "units", "sites", "findings",
              "finding_events", "attachments", "packages")
    return {t: services.store.scalar(f"SELECT count(*) FROM {t}") for t in tables}


def delay(key: str, low: float, high: float) -> float:
    """A kill point of its own for each test: repeatable, whatever else runs."""
    return random.Random(f"kill-9:{key}").uniform(low, high)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> tuple[Path, dict[str, int]]:
    """A complete first start, and what it holds."""
    path = tmp_path_factory.mktemp("seeded") / "inspector.db"
    services = Services.open(path)
    whole = contents(services)
    services.close()
    return path, whole


@pytest.mark.parametrize("run", range(2))
def test_kill_during_init_then_the_next_start_completes_it(tmp_path, killer, seeded, run):
    path = tmp_path / "inspector.db"
    killer(["--db", str(path), "init"], delay(f"init-{run}", 0.0, 0.4))
    services = assert_sound(path)
    try:
        assert contents(services) == seeded[1]
    finally:
        services.close()


def test_kill_during_demo(tmp_path, killer, seeded):
    path = copy(seeded[0], tmp_path / "inspector.db")
    killer(["--db", str(path), "demo", "--scale", "300"], delay("demo", 0.05, 0.8))
    assert_sound(path).close()


def test_kill_during_import_doc_leaves_the_document_whole_or_absent(tmp_path, killer):
    path = tmp_path / "inspector.db"
    Services.open(path, seed=False).close()
    sample = next(s for s in sample_documents() if "anweihui" in s.name)
    killer(["--db", str(path), "import-doc", str(sample)], delay("import-doc", 0.0, 0.1))
    services = assert_sound(path)
    try:
        documents = services.store.rows("SELECT id FROM documents")
        if documents:
            checklist = services.checklists("workplan")[0]
            assert len(services.checklist_items(checklist["id"])) == len(services.parse(sample).items)
    finally:
        services.close()


@pytest.fixture(scope="module")
def exchange(tmp_path_factory) -> dict:
    """A town with records and a district that trust each other, and a package from the town."""
    folder = tmp_path_factory.mktemp("exchange")
    town, district = folder / "town.db", folder / "district.db"
    for path in (town, district):
        Services.open(path, seed=False).close()
    for me, other in ((town, district), (district, town)):
        assert cli(["--db", str(other), "keys", "export", str(folder / f"{other.stem}.json")]) == 0
        assert cli(["--db", str(me), "keys", "trust", str(folder / f"{other.stem}.json")]) == 0
    services = Services.open(town, seed=False)
    for n in range(30):
        site = services.add_site(name=f"上海华安便利店{n}号店", town="长寿路街道")
        services.start_inspection(site, None, type="日常")
    services.close()
    name = json.loads((folder / "district.json").read_text(encoding="utf-8"))["name"]
    package = folder / "t1.inspx"
    assert cli(["--db", str(town), "export", "--to", name, "--out", str(package)]) == 0
    whole = copy(district, folder / "whole.db")
    assert cli(["--db", str(whole), "import-package", str(package)]) == 0
    opened = Services.open(whole, seed=False)
    after = contents(opened)
    opened.close()
    return {"town": town, "district": district, "package": package, "peer": name, "after": after}


def test_kill_during_import_package_leaves_it_whole_or_absent(tmp_path, killer, exchange):
    path = copy(exchange["district"], tmp_path / "district.db")
    before = Services.open(path, seed=False)
    empty = contents(before)
    before.close()
    killer(["--db", str(path), "import-package", str(exchange["package"]),
                 "--receipt", str(tmp_path / "r.receipt")], delay("import-package", 0.0, 0.08))
    services = assert_sound(path)
    try:
        assert contents(services) in (empty, exchange["after"])
    finally:
        services.close()


def test_kill_during_export(tmp_path, killer, exchange):
    path = copy(exchange["town"], tmp_path / "town.db")
    out = tmp_path / "p.inspx"
    killer(["--db", str(path), "export", "--to", exchange["peer"], "--out", str(out)], delay("export", 0.0, 0.2))
    services = assert_sound(path)
    try:
        recorded = services.store.rows("SELECT sha256 FROM packages WHERE direction = 'out' AND file_name = ?",
                                       [out.name])
        for row in recorded:  # a package recorded as sent is the complete file beside it
            assert hashlib.sha256(out.read_bytes()).hexdigest() == row["sha256"]
    finally:
        services.close()


def test_kill_during_a_loop_of_saves_loses_nothing_reported_saved(tmp_path, killer):
    path = tmp_path / "inspector.db"
    Services.open(path, seed=False).close()
    photos = tmp_path / "photos"
    photos.mkdir()
    lines = killer([str(path), str(photos)], delay("saves", 0.0, 0.3), code=SAVE_LOOP, after_lines=9)
    assert killer.killed[-1], "the loop ended before it was killed"
    reported = [line.split() for line in lines if line.count(" ") == 1]
    assert len(reported) >= 3, "the loop saved nothing before it was killed"
    services = assert_sound(path)
    try:
        for kind, record_id in reported:
            if kind == "site":
                assert services.store.get("sites", record_id)
            elif kind == "finding":
                assert [a["role"] for a in services.attachments_of("findings", record_id)] == ["before",
                                                                                               "before:report"]
            else:
                assert [e["kind"] for e in services.finding_events(record_id)][-1] == "order_issued"
    finally:
        services.close()

