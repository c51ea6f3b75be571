"""kill -9 at random (seeded, so repeatable) points of the commands and of a loop of saves: afterwards the file
passes SQLite's integrity check, opens, every attachment file is there, and every write reported as saved is.

The child imports the program first and says ``ready``, so the random delay falls in the work, not the imports.
"""

from __future__ import annotations

import json
import random
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from inspector.cli import main as cli
from inspector.paths import sample_documents
from inspector.services import Services

RUN_CLI = (
    "import sys\n"
    "import inspector.cli, inspector.services, inspector.services.sync, inspector.services.demo\n"
    "print('ready', flush=True)\n"
    "sys.exit(inspector.cli.main(sys.argv[1:]))\n"
)

SAVE_LOOP = (
    "import sys\n"
    "from datetime import date, timedelta\n"
    "from pathlib import Path\n"
    "from PIL import Image\n"
    "from inspector import workflow as wf\n"
    "from inspector.services import Services\n"
    "services, folder, day = Services.open(sys.argv[1], seed=False), Path(sys.argv[2]), date(2026, 3, 2)\n"
    "print('ready', flush=True)\n"
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


def kill_during(args: list[str], delay: float, code: str = RUN_CLI) -> list[str]:
    """Start the child, wait until it is ready, let it work ``delay`` seconds, kill -9; its output lines."""
    child = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, text=True)
    try:
        assert child.stdout.readline().strip() == "ready"
        time.sleep(delay)
        child.kill()
        out = child.stdout.read()
    finally:
        child.kill()
        child.wait(timeout=30)
    return out.splitlines()


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
def test_kill_during_init_then_the_next_start_completes_it(tmp_path, seeded, run):
    path = tmp_path / "inspector.db"
    kill_during(["--db", str(path), "init"], delay(f"init-{run}", 0.0, 0.5))
    services = assert_sound(path)
    try:
        assert contents(services) == seeded[1]
    finally:
        services.close()


def test_kill_during_demo(tmp_path, seeded):
    path = copy(seeded[0], tmp_path / "inspector.db")
    kill_during(["--db", str(path), "demo", "--scale", "300"], delay("demo", 0.1, 1.0))
    assert_sound(path).close()


def test_kill_during_import_doc_leaves_the_document_whole_or_absent(tmp_path):
    path = tmp_path / "inspector.db"
    Services.open(path, seed=False).close()
    sample = next(s for s in sample_documents() if "anweihui" in s.name)
    kill_during(["--db", str(path), "import-doc", str(sample)], delay("import-doc", 0.0, 0.15))
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


def test_kill_during_import_package_leaves_it_whole_or_absent(tmp_path, exchange):
    path = copy(exchange["district"], tmp_path / "district.db")
    before = Services.open(path, seed=False)
    empty = contents(before)
    before.close()
    kill_during(["--db", str(path), "import-package", str(exchange["package"]),
                 "--receipt", str(tmp_path / "r.receipt")], delay("import-package", 0.0, 0.3))
    services = assert_sound(path)
    try:
        assert contents(services) in (empty, exchange["after"])
    finally:
        services.close()


def test_kill_during_export(tmp_path, exchange):
    path = copy(exchange["town"], tmp_path / "town.db")
    kill_during(["--db", str(path), "export", "--to", exchange["peer"], "--out", str(tmp_path / "p.inspx")],
                delay("export", 0.0, 0.3))
    assert_sound(path).close()


def test_kill_during_a_loop_of_saves_loses_nothing_reported_saved(tmp_path):
    path = tmp_path / "inspector.db"
    Services.open(path, seed=False).close()
    photos = tmp_path / "photos"
    photos.mkdir()
    lines = kill_during([str(path), str(photos)], delay("saves", 0.3, 0.9), code=SAVE_LOOP)
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
