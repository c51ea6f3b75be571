"""The first start: the built-in templates and the sample documents, installed resumably.

Each step lands in one transaction together with the record that it is done (settings ``seed_steps``), so a
first start that was killed half-way is completed on the next start without repeating — or resurrecting, if the
officer has deleted a sample since — anything.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from pathlib import Path

from inspector.db import queries
from inspector.db.store import Store
from inspector.paths import sample_documents
from inspector.services import documents

STATE, STEPS = "seed_state", "seed_steps"  # settings keys: whether seeding is finished, and which steps are
PENDING, DONE, SKIPPED = "pending", "done", "skipped"


def due(store: Store, *, new: bool, seed: bool) -> bool:
    """Whether seeding is still to do. A database with no record of it was made by an earlier version (seeded
    then) — unless it holds no checklist at all, i.e. its first start stopped before anything landed. A new
    database opened without seeding (``seed=False``) is marked so and never seeded later."""
    state = store.setting(STATE)
    if state in (DONE, SKIPPED):
        return False
    if new and not seed:
        store.set_setting(STATE, SKIPPED)
        return False
    if state is None and not new and queries.checklists(store):
        store.set_setting(STATE, DONE)
        return False
    return seed


def run(store: Store, import_document: Callable[[Path], object]) -> None:
    """Every step not yet recorded as done, each with its record, then the mark that seeding is finished."""
    store.set_setting(STATE, PENDING)
    done = set(json.loads(store.setting(STEPS) or "[]"))
    steps: list[tuple[str, Callable[[], object]]] = [("templates", functools.partial(documents.seed_templates,
                                                                                      store))]
    steps += [(f"sample:{p.name}", functools.partial(import_document, p)) for p in sample_documents()]
    for key, step in steps:
        if key in done:
            continue
        with store.atomic():
            step()
            done.add(key)
            store.set_setting(STEPS, json.dumps(sorted(done), ensure_ascii=False))
    store.set_setting(STATE, DONE)
