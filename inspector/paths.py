"""Where things live: the default database in the user's data folder, and the shipped resources."""

from __future__ import annotations

import os
from pathlib import Path

RESOURCES = Path(__file__).resolve().parent.parent / "resources"


def default_db_path() -> Path:
    """``INSPECTOR_DB`` if set, else ``inspector.db`` in the platform's user data folder."""
    env = os.environ.get("INSPECTOR_DB")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("Inspector", appauthor=False)) / "inspector.db"


def attachments_dir(db_path: Path) -> Path:
    """Attachments sit beside the database, named by their sha256 (layout in :mod:`inspector.filestore`)."""
    from inspector.filestore import files_dir

    return files_dir(db_path)


def sample_documents() -> list[Path]:
    return sorted((RESOURCES / "samples").glob("*.txt"))


def builtin_templates_file() -> Path:
    return RESOURCES / "templates" / "builtin.json"
