"""The only package that speaks SQL: schema, migrations, record bookkeeping and queries."""

import importlib.util
import sys


def _defer_import(name: str) -> None:
    """Make ``name`` a module that loads on first use. sqlite-utils imports dateutil's date parser (when the
    program first writes) for a conversion recipe Inspector never calls: a third of sqlite-utils' import time."""
    if name in sys.modules or (spec := importlib.util.find_spec(name)) is None or spec.loader is None:
        return
    spec.loader = importlib.util.LazyLoader(spec.loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    parent, _, child = name.rpartition(".")
    if parent:  # as the import system does; ``from parent import child`` then finds it without loading it
        setattr(sys.modules[parent], child, module)


_defer_import("dateutil.parser")

from inspector.db.store import Store, connect, open_connection, open_database  # noqa: E402  (after the deferral)

__all__ = ["Store", "connect", "open_connection", "open_database"]
