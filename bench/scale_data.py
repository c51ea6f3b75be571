"""The district database the ``--scale`` benchmarks share: built once (it takes minutes), then reused.

``python bench/scale_data.py [FINDINGS] [--db PATH]`` builds it on its own and prints how long it took.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MARK = "bench_scale_findings"


def default_path(findings: int) -> Path:
    return Path(os.environ.get("INSPECTOR_BENCH_DIR", Path(tempfile.gettempdir()) / "inspector-bench")) / \
        f"district-{findings}.db"


def scale_db(findings: int, path: Path | None = None, today: date | None = None) -> tuple[Path, dict]:
    """(path, what building cost): the demo set plus ``findings`` realistic findings, built unless a complete
    one is already there."""
    from inspector.services import Services
    from inspector.services.demo import build_demo, build_scale

    path = path or default_path(findings)
    if path.exists():
        services = Services.open(path)
        done = services.store.setting(MARK)
        services.close()
        if done:
            return path, json.loads(done)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    today = today or date.today()
    services = Services.open(path)
    build_demo(services, today=today)
    start, cpu = time.perf_counter(), time.process_time()
    counts = build_scale(services, findings=findings, today=today)
    cost = {**counts, "seconds": round(time.perf_counter() - start, 1),
            "cpu_seconds": round(time.process_time() - cpu, 1), "today": today.isoformat()}
    services.store.set_setting(MARK, json.dumps(cost))
    services.close()
    return path, cost


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("findings", type=int, nargs="?", default=1_000_000)
    parser.add_argument("--db", type=Path)
    args = parser.parse_args()
    path, cost = scale_db(args.findings, args.db)
    print(json.dumps({"path": str(path), "size_bytes": path.stat().st_size, **cost}, ensure_ascii=False))


if __name__ == "__main__":
    main()
