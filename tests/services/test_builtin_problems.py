"""Every built-in template item states the problem a 不符合 finding records (not the requirement), cites its law,
and a database seeded by an earlier version is brought up to the shipped wording on opening."""

from __future__ import annotations

import json
import re
import sqlite3
from unittest import mock

from inspector.db import sync as sq
from inspector.paths import builtin_templates_file
from inspector.services import Services, documents
from inspector.services.documents import TEMPLATES_MARK
from inspector.sync import builtin

ARTICLE = re.compile(r"^《[^》]+》(（[^）]+）)?(第[一二三四五六七八九十百零]+条)?$")


def shipped_items() -> list[dict]:
    data = json.loads(builtin_templates_file().read_text(encoding="utf-8"))
    return [it for tpl in data["templates"] for it in tpl["items"]]


def test_every_item_has_a_problem_statement_that_is_not_its_requirement():
    items = shipped_items()
    assert len(items) == 60
    for it in items:
        problem = it["problem"]
        assert problem and "是否" not in problem and problem != it["title"], it["title"]
        assert not problem.endswith(("？", "?", "。")), problem
        assert ARTICLE.match(it["legal_basis"]), it["legal_basis"]
    special = next(it for it in items if it["title"] == "特种作业人员是否持证上岗")
    assert special["problem"] == "特种作业人员未持证上岗"
    assert special["legal_basis"] == "《中华人民共和国安全生产法》第三十条"


def test_an_older_database_gets_the_problem_statements_and_still_matches_the_sync_reference(tmp_path):
    path = tmp_path / "old.db"
    services = Services.open(path, seed=False)
    from inspector.services.documents import seed_templates

    seed_templates(services.store)
    with services.store.atomic():  # as an earlier version stored them: no problem, the law's name only
        services.store.db.execute("UPDATE checklist_items SET problem = NULL, "
                                  "legal_basis = substr(legal_basis, 1, instr(legal_basis, '》'))")
        services.store.db.execute("DELETE FROM settings WHERE key = ?", [TEMPLATES_MARK])  # nor this mark
    services.close()
    services = Services.open(path, seed=False)
    rows = {r["id"]: r for r in sq.all_rows(services.store, "checklist_items")}
    special = next(r for r in rows.values() if r["title"] == "特种作业人员是否持证上岗")
    assert special["problem"] == "特种作业人员未持证上岗"
    assert special["legal_basis"].endswith("第三十条")
    assert all(builtin.matches("checklist_items", r) for r in rows.values())
    changes = len(services.audit_entries(special["id"]))
    services.close()
    services = Services.open(path, seed=False)  # up to date: nothing is written again
    assert len(services.audit_entries(special["id"])) == changes
    services.close()


def test_an_up_to_date_database_opens_while_another_program_holds_the_write_lock(tmp_path):
    """Start-up reads the mark of the shipped templates and writes nothing, so the window opens even while
    another program is in the middle of a long write (an import in another window)."""
    path = tmp_path / "busy.db"
    Services.open(path).close()
    other = sqlite3.connect(path, timeout=0)
    other.execute("BEGIN IMMEDIATE")
    try:
        with mock.patch("inspector.db.opening.BUSY_TIMEOUT_MS", 0):  # a write at start-up would fail at once
            services = Services.open(path)
        assert services.checklists()
        services.close()
    finally:
        other.rollback()
        other.close()


def test_a_newer_shipped_file_is_refreshed_from_even_where_a_mark_is_kept(tmp_path, monkeypatch):
    path = tmp_path / "town.db"
    Services.open(path).close()
    data = json.loads(builtin_templates_file().read_text(encoding="utf-8"))
    item = data["templates"][0]["items"][0]
    item["problem"] = "新版本程序的问题表述"
    newer = tmp_path / "builtin.json"
    newer.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setattr(documents, "builtin_templates_file", lambda: newer)
    services = Services.open(path)
    try:
        assert any(r["problem"] == "新版本程序的问题表述" for r in sq.all_rows(services.store, "checklist_items"))
    finally:
        services.close()
