"""Where things live: the default database in the user's data folder, and the resources shipped in the package.

Resources (sample documents, built-in templates, translations) sit inside the package, in
``inspector/resources/``, and are found through :mod:`importlib.resources`, never through ``__file__`` or the
source tree: the same lookup works in a checkout, an installed wheel and a PyInstaller folder. Callers that
need a real file (``QTranslator.load``, importing a sample by its path) get one from :func:`resource_path`; when
the package is not on the file system (a zip) the file is copied out once for the life of the process.
"""

from __future__ import annotations

import atexit
import os
from contextlib import ExitStack
from importlib.resources import as_file, files
from importlib.resources.abc import Traversable
from pathlib import Path

_EXTRACTED = ExitStack()
atexit.register(_EXTRACTED.close)


def resource(*parts: str) -> Traversable:
    """A resource shipped in the package, e.g. ``resource("templates", "builtin.json")``."""
    return files("inspector").joinpath("resources", *parts)


def real_path(item: Traversable) -> Path:
    """``item`` as a file on disk: itself when the package is unpacked (the usual case), else a copy that lives
    until the process ends (callers keep the path, so a context that deletes it early would be wrong)."""
    if isinstance(item, Path):
        return item
    return _EXTRACTED.enter_context(as_file(item))


def resource_path(*parts: str) -> Path:
    """A shipped resource as a real file, for APIs that take a path. A folder (e.g. ``icons`` for
    ``QDir.addSearchPath``) needs the package unpacked, as it is in a wheel install and the frozen folder."""
    return real_path(resource(*parts))


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
    """The sample work plans seeded into a new database, in a stable order (by file name)."""
    samples = [item for item in resource("samples").iterdir() if item.name.endswith(".txt")]
    return [real_path(item) for item in sorted(samples, key=lambda item: item.name)]


def builtin_templates_file() -> Path:
    """The built-in site checklists of DOMAIN.md."""
    return resource_path("templates", "builtin.json")


def translation_file(language: str) -> Path:
    """The compiled Qt translation (``.qm``) for ``language``, e.g. ``en``; it may not exist."""
    return resource_path("translations", f"inspector_{language}.qm")
