"""Saving parsed work-plan documents as checklists, and the built-in site templates.

The same file imported twice is recognised by its sha256 and not duplicated. A changed file whose title matches a
document already stored becomes the next version of it, and the differences (tasks added, removed, reworded) are
kept with the new version so the officer can see what the district changed.
"""

from __future__ import annotations

import json
import re
import zlib
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from inspector.db import queries
from inspector.db.store import Store, stable_id
from inspector.filestore import sha256_file
from inspector.paths import builtin_templates_file

if TYPE_CHECKING:  # the parser's modules are loaded when a document is read, not to start the window
    from inspector.docimport.model import Outline

TEMPLATES_MARK = "builtin_templates_refreshed"  # the checksum and size of the shipped file last refreshed from


@dataclass
class ImportResult:
    """What saving a document did: the checklist, whether it was already there, and what changed."""

    checklist_id: str
    document_id: str
    duplicate: bool
    version: int
    counts: dict[str, int]
    changes: dict[str, list[str]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def save_outline(store: Store, path: Path, outline: Outline) -> ImportResult:
    """Store ``outline`` (read from ``path``) as a work-plan checklist: the document, its checklist, items and
    unit links in one transaction, the checks for an earlier import included (a refusal writes nothing)."""
    digest = sha256_file(path)
    with store.atomic():
        return _save_new_or_known(store, path, outline, digest)


def known_file(store: Store, path: Path) -> dict[str, Any] | None:
    """The live document stored from this very file (same bytes), with its checklist's id: a repeated file is
    recognised before its preview. ``None`` for a new file, or one whose document was deleted (importing it
    again restores it)."""
    known = queries.document_by_sha(store, sha256_file(path))
    if not known or known["deleted_at"]:
        return None
    checklist = queries.checklist_for_document(store, known["id"])
    return {**known, "checklist_id": checklist["id"] if checklist else None}


def compare_with_previous(store: Store, path: Path, outline: Outline) -> tuple[int, dict[str, list[str]]] | None:
    """(the version ``outline`` would become, the tasks added, removed and reworded) when it is a new version of a
    stored document — shown in the preview, before anything is saved; ``None`` for a first version."""
    previous = queries.latest_document_like(store, outline.meta.title, path.name)
    return (previous["version"] + 1, _diff(store, previous, outline)) if previous else None


def _save_new_or_known(store: Store, path: Path, outline: Outline, digest: str) -> ImportResult:
    known = queries.document_by_sha(store, digest)
    if known and known["deleted_at"]:
        _restore(store, known["id"])
    if known:
        checklist = queries.checklist_for_document(store, known["id"])
        return ImportResult(checklist["id"], known["id"], True, known["version"], _counts(outline))
    return _save_new(store, path, outline, digest)


def _save_new(store: Store, path: Path, outline: Outline, digest: str) -> ImportResult:
    """A file not seen before: a new document (maybe the next version of one), its checklist and items."""
    previous = queries.latest_document_like(store, outline.meta.title, path.name)
    changes = _diff(store, previous, outline) if previous else {}
    version = previous["version"] + 1 if previous else 1
    meta = asdict(outline.meta)
    checklist_key = stable_id("checklist", digest)
    item_ids = [stable_id("item", checklist_key, str(pos), n.kind, n.number, n.text[:300])
                for pos, n in enumerate(outline.items)]
    document_id = store.insert(
        "documents",
        {
            "id": stable_id("document", digest),
            "file_name": path.name,
            "sha256": digest,
            "issuer": meta["issuer"],
            "doc_no": meta["doc_no"],
            "title": meta["title"],
            "doc_date": meta["date"],
            "year": meta["year"],
            "meta": json.dumps(meta, ensure_ascii=False),
            "full_text": outline.text,
            "version": version,
            "previous_id": previous["id"] if previous else None,
            "changes": json.dumps(changes, ensure_ascii=False) if changes else None,
            "tables": json.dumps(_tables_with_item_ids(outline, item_ids), ensure_ascii=False),
        },
    )
    old_checklist = queries.checklist_for_document(store, previous["id"]) if previous else None
    checklist_id = store.insert(
        "checklists",
        {
            "id": checklist_key,
            "kind": "workplan",
            "name": outline.meta.title or path.stem,
            "document_id": document_id,
            "version": version,
            "previous_id": old_checklist["id"] if old_checklist else None,
        },
    )
    _save_items(store, checklist_id, outline, item_ids)
    return ImportResult(checklist_id, document_id, False, version, _counts(outline), changes)


def _restore(store: Store, document_id: str) -> None:
    """Importing a deleted document's file again brings it (and its checklist) back rather than failing."""
    with store.atomic():
        store.update("documents", document_id, {"deleted_at": None})
        for checklist_id in queries.checklists_of_document(store, document_id):
            store.update("checklists", checklist_id, {"deleted_at": None})


def _counts(outline: Outline) -> dict[str, int]:
    from inspector.docimport.model import SUBSECTION, TASK

    return {
        "sections": outline.count("section"),
        "subsections": outline.count(SUBSECTION),
        "tasks": outline.count(TASK),
        "tables": len(outline.tables),
    }


def _tables_with_item_ids(outline: Outline, item_ids: list[str]) -> list[dict[str, Any]]:
    """Tables as parsed, each row's ``task_index`` turned into the stored item's id."""
    tables = []
    for table in outline.tables:
        rows = []
        for row in table.rows:
            row = dict(row)
            index = row.pop("task_index", None)
            row["item_id"] = item_ids[index] if index is not None else None
            rows.append(row)
        tables.append({"title": table.title, "columns": table.columns, "rows": rows})
    return tables


def _save_items(store: Store, checklist_id: str, outline: Outline, ids: list[str]) -> None:
    """The outline's items and their unit links, through the store's bulk insert (ids are stable, the rest of
    the bookkeeping is the store's)."""
    from inspector.docimport.units import canonical  # (the parser's modules are not needed to start the window)

    units = queries.unit_ids(store)
    items, links = [], []
    for pos, node in enumerate(outline.items):
        items.append(
            {
                "id": ids[pos], "checklist_id": checklist_id,
                "parent_id": ids[node.parent] if node.parent is not None else None,
                "position": pos, "kind": node.kind, "number": node.number, "title": node.title,
                "text": node.text, "deadline": node.deadline, "deadline_text": node.deadline_text,
                "deadline_rule": node.deadline_rule, "note": node.note or None,
            }
        )
        for k, unit in enumerate(node.units):
            links.append(
                {
                    "id": stable_id("item_unit", ids[pos], canonical(unit.name), unit.role),
                    "item_id": ids[pos], "unit_id": ensure_unit(store, units, unit.name),
                    "role": unit.role, "position": k,
                }
            )
    with store.atomic():
        store.insert_many("checklist_items", items, audit=False)
        store.insert_many("item_units", links, audit=False)
        store.audit("import", "checklists", checklist_id, {"items": len(items), "unit_links": len(links)})


def ensure_unit(store: Store, known: dict[str, str], name: str) -> str:
    """The id of a unit in the directory, adding it (and its known aliases) the first time it is seen."""
    from inspector.docimport.text import normalise_name
    from inspector.docimport.units import ALIASES, canonical

    key = canonical(name)
    if key in known:
        return known[key]
    display = key if normalise_name(name) != key else re.sub(r"\s+", "", name)
    with store.atomic():
        unit_id = store.insert("units", {"id": stable_id("unit", key), "name": display, "normalized": key},
                               audit=False)
        aliases = [alias for alias, target in ALIASES.items() if target == key and alias not in known]
        store.insert_plain("unit_aliases", [{"alias": alias, "unit_id": unit_id} for alias in aliases])
    known[key] = unit_id
    known.update(dict.fromkeys(aliases, unit_id))
    return unit_id


def _diff(store: Store, previous: dict[str, Any], outline: Outline) -> dict[str, list[str]]:
    """Tasks added, removed and reworded between the stored version and the new outline, keyed by number."""
    from inspector.docimport.model import TASK
    from inspector.docimport.text import normalise_name

    old_checklist = queries.checklist_for_document(store, previous["id"])
    old = {
        i["number"]: normalise_name(i["text"] or "")
        for i in queries.checklist_items(store, old_checklist["id"]) if i["kind"] == TASK
    }
    new = {n.number: normalise_name(n.text) for n in outline.items if n.kind == TASK}
    return {
        "added": [k for k in new if k not in old],
        "removed": [k for k in old if k not in new],
        "reworded": [k for k in new if k in old and new[k] != old[k]],
    }


def seed_templates(store: Store) -> int:
    """Install the built-in site checklists of DOMAIN.md once; returns how many were added."""
    data = json.loads(builtin_templates_file().read_text(encoding="utf-8"))
    have = {c["code"] for c in queries.checklists(store, "template")}
    added = 0
    with store.atomic():
        for tpl in data["templates"]:
            if tpl["code"] in have:
                continue
            checklist_id = store.insert(
                "checklists",
                {"id": stable_id("template", tpl["code"], "1"), "kind": "template", "name": tpl["name"],
                 "code": tpl["code"], "builtin": 1,
                 "description": tpl.get("description")},
            )
            store.insert_many(
                "checklist_items",
                [{"id": stable_id("template-item", checklist_id, str(pos)), "checklist_id": checklist_id,
                  "position": pos, **_builtin_item(it)} for pos, it in enumerate(tpl["items"])],
            )
            added += 1
    return added


def _builtin_item(it: dict[str, Any]) -> dict[str, Any]:
    """The content of one shipped template item as stored (the same on every device: sync compares it)."""
    return {"kind": "item", "number": it["number"], "title": it["title"].rstrip("★"), "text": it["title"],
            "legal_basis": it.get("legal_basis"), "problem": it.get("problem"),
            "default_grade": it.get("default_grade", "一般"), "default_days": it.get("default_days", 15)}


def refresh_builtin_templates(store: Store) -> int:
    """Bring the built-in template items a database already holds up to the shipped file (a newer program adds
    problem statements and legal articles); returns how many items changed.

    The items keep their ids (derived from the template's code and the item's position), so inspections walked
    against them keep their results; only the fields that differ are written, so an up-to-date database is
    read and left alone. Every device runs the same refresh, so the items stay equal to what
    ``inspector.sync.builtin`` derives and packages carrying them are still accepted.

    A database already refreshed from this very file (its checksum and size, kept in the settings) is not read
    at all: start-up then reads one setting instead of every template's items, and takes no write lock."""
    raw = builtin_templates_file().read_bytes()
    mark = f"{zlib.crc32(raw):08x}-{len(raw)}"
    if store.setting(TEMPLATES_MARK) == mark:
        return 0
    data = json.loads(raw.decode("utf-8"))
    changed = 0
    with store.atomic():
        for tpl in data["templates"]:
            checklist_id = stable_id("template", tpl["code"], "1")
            stored = {i["id"]: i for i in queries.checklist_items(store, checklist_id)}
            for pos, it in enumerate(tpl["items"]):
                row = stored.get(stable_id("template-item", checklist_id, str(pos)))
                if row is None:
                    continue
                diff = {k: v for k, v in _builtin_item(it).items() if row.get(k) != v}
                if diff:
                    store.update("checklist_items", row["id"], diff)
                    changed += 1
        store.set_setting(TEMPLATES_MARK, mark)
    return changed
