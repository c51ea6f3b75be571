"""District-scale sync figures: a town's full package exported, imported into a new district, re-exported and
re-imported, each step in a fresh process with its peak memory; and beside it, in the same run, a bare
baseline — unzip, ``json.loads`` per line and ``executemany`` of the same rows into the same (empty) schema.

``python bench/scale_sync.py FINDINGS`` runs it alone. The town is built with the realistic generator
(``inspector demo --scale``); keys live in a key folder inside the temporary folder.
"""

from __future__ import annotations

import json
import os
import shutil
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


def step(task: str, keys: Path, **kw: Any) -> dict[str, Any]:
    """One step in its own process (device keys in ``keys``); its result with seconds and peak RSS in MB."""
    env = {**os.environ, "XDG_DATA_HOME": str(keys)}
    args = [sys.executable, str(Path(__file__).resolve()), "step", task, json.dumps(kw, default=str)]
    done = subprocess.run(args, capture_output=True, text=True, cwd=ROOT, env=env, check=False)
    if done.returncode:
        raise RuntimeError(f"{task} failed: {done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def town_dir(findings: int) -> Path:
    """Where the town of ``findings`` findings is kept between runs (building 1 M takes about 20 minutes)."""
    from scale_data import default_path

    return default_path(findings).with_name(f"sync-town-{findings}")


def built_town(findings: int) -> tuple[Path, dict[str, Any]]:
    """(folder, what building cost): the town (``town.db``), an empty district that trusts it
    (``district.empty.db``) and both devices' keys (``keys/``), built unless a complete one is there."""
    import shutil

    folder = town_dir(findings)
    done = folder / "built.json"
    if done.is_file():
        return folder, json.loads(done.read_text(encoding="utf-8"))
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    start = time.perf_counter()
    counts = step("build", folder / "keys", folder=folder, findings=findings)
    counts["build_s"] = round(time.perf_counter() - start, 1)
    done.write_text(json.dumps(counts), encoding="utf-8")
    return folder, counts


def _build(folder: str, findings: int) -> dict[str, Any]:
    from inspector.services.demo import build_scale

    folder = Path(folder)
    town = _device(folder / "town.db", TOWN, "town")
    district = _device(folder / "district.empty.db", DISTRICT, "district")
    town.sync().add_peer(district.sync().identity(), role="district")
    district.sync().add_peer(town.sync().identity(), role="town")
    district.close()
    counts = build_scale(town, findings=findings)
    town.close()
    return counts


def _export(town: str, out: str, encrypt: bool | None = None) -> dict[str, Any]:
    from inspector.services import Services

    services = Services.open(Path(town), seed=False)
    start = time.perf_counter()
    done = services.sync().export(DISTRICT, Path(out), full=True, encrypt=encrypt)
    work = time.perf_counter() - start
    services.close()
    return {"records": sum(done["counts"].values()), "bytes": Path(out).stat().st_size, "work_s": work}


def _import(db: str, package: str) -> dict[str, Any]:
    from inspector.services import Services

    district = Services.open(Path(db), seed=False)
    start = time.perf_counter()
    report = district.sync().import_package(Path(package))
    work = time.perf_counter() - start
    district.close()
    return {"new": sum(t["new"] for t in report.tables.values()), "events": report.events, "work_s": work}


def _bare(db: str, package: str) -> dict[str, Any]:
    """Unzip, parse each line, executemany into the same empty schema, one transaction, foreign keys off. Lines
    are read as the import reads them (a zip member's own ``readline`` takes about twice as long)."""
    import sqlite3

    from inspector.services import Services

    Services.open(Path(db), seed=False).close()
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA foreign_keys = OFF")
    start, rows = time.perf_counter(), 0
    with zipfile.ZipFile(package) as zf:
        for name in sorted(n for n in zf.namelist() if n.startswith("records/")):
            table, batch = name[8:-6].split(".")[0], []
            with zf.open(name) as fh:
                rest = b""
                while chunk := fh.read(1024**2):  # as the import reads: a megabyte at a time, split in C
                    lines = (rest + chunk).split(b"\n")
                    rest = lines.pop()
                    for line in lines:
                        batch.append(json.loads(line))
                        if len(batch) == 10_000:
                            rows += _insert(conn, table, batch)
                            batch = []
                if rest.strip():
                    batch.append(json.loads(rest))
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


def _step_main(task: str, raw: str) -> None:
    from scale import peak_rss_mb

    result = STEPS[task](**json.loads(raw))
    result.update(seconds=result.pop("work_s", 0.0), peak_rss_mb=peak_rss_mb())
    print(json.dumps(result))


def sync_figures(findings: int, emit: Any = print) -> list[dict[str, Any]]:
    from scale import figure

    out: list[dict[str, Any]] = []

    def add(*args: Any, **kw: Any) -> None:
        out.append(figure(*args, **kw))
        emit(out[-1])

    town, built = built_town(findings)
    keys = town / "keys"
    with tempfile.TemporaryDirectory(dir=town.parent) as tmp:
        work = Path(tmp)
        district = work / "district.db"
        shutil.copy(town / "district.empty.db", district)
        # unsealed first: the import beside the bare baseline of the same file; each figure is handed out as soon
        # as its steps are done (at 1 M findings the five steps take most of an hour: a run cut short keeps them)
        ex = step("export", keys, town=town / "town.db", out=work / "plain.inspx", encrypt=False)
        im = step("import", keys, db=district, package=work / "plain.inspx")
        add("scale_sync_import_s", im["seconds"], "s", None,
            f"into a new district ({im['new']} new records, {im['events']} events; verification, schema, "
            f"ownership and version checks, statuses and the search index included); peak {im['peak_rss_mb']} MB")
        # a new package id, the same rows, sealed for the district: decrypted and checked in full again
        again = step("export", keys, town=town / "town.db", out=work / "sealed.inspx")
        what = (f"{findings} findings, {built['events']} events, {built['results']} results: "
                f"{ex['records']} records, {ex['bytes'] / 1e6:.0f} MB")
        add("scale_sync_export_s", ex["seconds"], "s", None,
            f"full package; {what}; peak {ex['peak_rss_mb']} MB; sealed for the district: "
            f"{again['seconds']:.1f} s, {again['bytes'] / 1e6:.0f} MB, peak {again['peak_rss_mb']} MB")
        add("scale_sync_export_peak_mb", max(ex["peak_rss_mb"], again["peak_rss_mb"]), "MB", 1024)
        re = step("import", keys, db=district, package=work / "sealed.inspx")
        add("scale_sync_reimport_s", re["seconds"], "s", None,
            f"the re-exported package, sealed (new id, same rows: {re['new']} new); peak {re['peak_rss_mb']} MB")
        add("scale_sync_import_peak_mb", max(im["peak_rss_mb"], re["peak_rss_mb"]), "MB", 1024)
        district.unlink()  # room on the disk for the bare copy
        bare = step("bare", keys, db=work / "bare.db", package=work / "plain.inspx")
        add("scale_sync_bare_s", bare["seconds"], "s", None,
            f"unzip + json.loads per line + executemany of the same {bare['rows']} rows, same schema; "
            f"peak {bare['peak_rss_mb']} MB")
        add("scale_sync_import_ratio", im["seconds"] / bare["seconds"], "x", 1.5,
            "the import over the bare baseline of the same (unsealed) file")
    return out


if __name__ == "__main__":
    if sys.argv[1:2] == ["step"]:
        _step_main(*sys.argv[2:4])
    else:
        sync_figures(int(sys.argv[1]) if len(sys.argv) > 1 else 3_000,
                     lambda f: print(json.dumps(f, ensure_ascii=False), flush=True))
