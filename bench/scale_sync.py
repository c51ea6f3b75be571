"""District-scale sync figures: a town's full package exported, imported into a new district, re-exported and
re-imported, each step in a fresh process with its peak memory; and beside it, in the same run, a bare
baseline — unzip, ``json.loads`` per line and ``executemany`` of the same rows into the same (empty) schema.

``python bench/scale_sync.py FINDINGS`` runs it alone. The town is built with the realistic generator
(``inspector demo --scale``); keys live in a key folder inside the temporary folder.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

TOWN, DISTRICT = "长寿路街道", "普陀区应急局"


def _device(path: Path, name: str, role: str, seed: bool = True) -> Any:
    from inspector.services import Services

    services = Services.open(path, seed=seed)
    services.set_setting("device_name", name)
    services.set_setting("role", role)
    if role == "town":
        services.set_setting("town", name)
    services.sync().identity()
    return services


def step(task: str, folder: Path, **kw: Any) -> dict[str, Any]:
    """One step in its own process (keys in ``folder``); its result with seconds and peak RSS in MB."""
    env = {**os.environ, "XDG_DATA_HOME": str(folder / "keys")}
    args = [sys.executable, str(Path(__file__).resolve()), "step", task, str(folder), json.dumps(kw)]
    done = subprocess.run(args, capture_output=True, text=True, cwd=ROOT, env=env, check=False)
    if done.returncode:
        raise RuntimeError(f"{task} failed: {done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _build(folder: Path, findings: int) -> dict[str, Any]:
    from inspector.services.demo import build_scale

    town = _device(folder / "town.db", TOWN, "town")
    district = _device(folder / "district.db", DISTRICT, "district")
    town.sync().add_peer(district.sync().identity(), role="district")
    district.sync().add_peer(town.sync().identity(), role="town")
    district.close()
    counts = build_scale(town, findings=findings)
    town.close()
    return counts


def _export(folder: Path, out: str, encrypt: bool | None = None) -> dict[str, Any]:
    from inspector.services import Services

    town = Services.open(folder / "town.db", seed=False)
    start = time.perf_counter()
    done = town.sync().export(DISTRICT, folder / out, full=True, encrypt=encrypt)
    work = time.perf_counter() - start
    town.close()
    return {"records": sum(done["counts"].values()), "bytes": (folder / out).stat().st_size, "work_s": work}


def _import(folder: Path, db: str, package: str) -> dict[str, Any]:
    from inspector.services import Services

    if not (folder / db).exists():  # a second district: the same peers, no rows yet
        import shutil

        shutil.copy(folder / "district.empty.db", folder / db)
    district = Services.open(folder / db, seed=False)
    start = time.perf_counter()
    report = district.sync().import_package(folder / package)
    work = time.perf_counter() - start
    district.close()
    return {"new": sum(t["new"] for t in report.tables.values()), "events": report.events, "work_s": work}


def _bare(folder: Path, package: str) -> dict[str, Any]:
    """Unzip, parse each line, executemany into the same empty schema, one transaction, foreign keys off."""
    import sqlite3

    from inspector.services import Services

    Services.open(folder / "bare.db", seed=False).close()
    conn = sqlite3.connect(folder / "bare.db")
    conn.execute("PRAGMA foreign_keys = OFF")
    start, rows = time.perf_counter(), 0
    with zipfile.ZipFile(folder / package) as zf:
        for name in sorted(n for n in zf.namelist() if n.startswith("records/")):
            table, batch = name[8:-6].split(".")[0], []
            with zf.open(name) as fh:
                for line in fh:
                    batch.append(json.loads(line))
                    if len(batch) == 10_000:
                        rows += _insert(conn, table, batch)
                        batch = []
            rows += _insert(conn, table, batch)
    conn.commit()
    work = time.perf_counter() - start
    conn.close()
    return {"rows": rows, "work_s": work}


def _insert(conn: Any, table: str, batch: list[dict[str, Any]]) -> int:
    if batch:
        names = sorted(batch[0])
        conn.executemany(f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
                         [[r.get(n) for n in names] for r in batch])
    return len(batch)


STEPS = {"build": _build, "export": _export, "import": _import, "bare": _bare}


def _step_main(task: str, folder: str, raw: str) -> None:
    from scale import peak_rss_mb

    result = STEPS[task](Path(folder), **json.loads(raw))
    result.update(seconds=result.pop("work_s", 0.0), peak_rss_mb=peak_rss_mb())
    print(json.dumps(result))


def sync_figures(findings: int, emit: Any = print) -> list[dict[str, Any]]:
    from scale import figure

    out: list[dict[str, Any]] = []

    def add(*args: Any, **kw: Any) -> None:
        out.append(figure(*args, **kw))
        emit(out[-1])

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        built = step("build", folder, findings=findings)
        import shutil

        shutil.copy(folder / "district.db", folder / "district.empty.db")
        ex = step("export", folder, out="full.inspx")
        im = step("import", folder, db="district.db", package="full.inspx")
        again = step("export", folder, out="again.inspx")  # a new package id, the same rows
        re = step("import", folder, db="district.db", package="again.inspx")
        step("export", folder, out="plain.inspx", encrypt=False)
        ours = step("import", folder, db="district2.db", package="plain.inspx")
        bare = step("bare", folder, package="plain.inspx")
        what = (f"{findings} findings, {built['events']} events, {built['results']} results: "
                f"{ex['records']} records, {ex['bytes'] / 1e6:.0f} MB sealed")
        add("scale_sync_export_s", ex["seconds"], "s", None, f"full package, sealed for the district; {what}; "
            f"peak {ex['peak_rss_mb']} MB")
        add("scale_sync_export_peak_mb", ex["peak_rss_mb"], "MB", 1024)
        add("scale_sync_import_s", im["seconds"], "s", None,
            f"into a new district, sealed; peak {im['peak_rss_mb']} MB")
        add("scale_sync_import_peak_mb", im["peak_rss_mb"], "MB", 1024)
        add("scale_sync_reimport_s", re["seconds"], "s", None,
            f"a re-exported package (new id, same rows: {re['new']} new); export {again['seconds']:.1f} s; "
            f"peak {re['peak_rss_mb']} MB")
        add("scale_sync_bare_s", bare["seconds"], "s", None,
            f"unzip + json.loads per line + executemany of the same {bare['rows']} rows, same schema; "
            f"peak {bare['peak_rss_mb']} MB")
        add("scale_sync_import_ratio", ours["seconds"] / bare["seconds"], "x", 1.5,
            f"import of the unsealed package ({ours['seconds']:.1f} s: verification, checks and search index "
            f"included) over the bare baseline")
    return out


if __name__ == "__main__":
    if sys.argv[1:2] == ["step"]:
        _step_main(*sys.argv[2:5])
    else:
        sync_figures(int(sys.argv[1]) if len(sys.argv) > 1 else 3_000,
                     lambda f: print(json.dumps(f, ensure_ascii=False), flush=True))
