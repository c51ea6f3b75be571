"""Saving documents: once per file, versions with their differences, units in one directory."""

from __future__ import annotations

import shutil

from inspector.db import queries
from tests.conftest import seed_path

PUTUO = "2023_putuo_gongzuoyijian.txt"


def test_import_saves_the_tree_units_and_cover(services):
    result = services.import_document(seed_path(PUTUO))
    assert not result.duplicate and result.version == 1
    assert result.counts == {"sections": 4, "subsections": 17, "tasks": 45, "tables": 1}
    items = services.checklist_items(result.checklist_id)
    tasks = [i for i in items if i["kind"] == "task"]
    assert len(tasks) == 45
    first = tasks[0]
    parent = next(i for i in items if i["id"] == first["parent_id"])
    assert parent["kind"] == "subsection" and parent["number"] == "（一）"
    assert [u["name"] for u in first["units"]][:2] == ["区委办", "区委宣传部"]
    doc = services.store.get("documents", result.document_id)
    assert doc["doc_no"] == "普安委〔2023〕4号" and doc["doc_date"] == "2023-08-01"
    assert "区安委会各专委会（办）牵头部门" in {u["name"] for t in tasks for u in t["units"]}


def test_same_file_twice_is_not_duplicated(services, tmp_path):
    copy = tmp_path / "renamed.txt"
    shutil.copy(seed_path(PUTUO), copy)
    first = services.import_document(seed_path(PUTUO))
    second = services.import_document(copy)
    assert second.duplicate and second.checklist_id == first.checklist_id
    assert services.store.scalar("SELECT count(*) FROM documents") == 1
    assert services.store.scalar("SELECT count(*) FROM checklist_items") == len(
        services.checklist_items(first.checklist_id))


def test_changed_document_becomes_a_new_version_with_its_differences(services, tmp_path):
    services.import_document(seed_path(PUTUO))
    text = seed_path(PUTUO).read_text(encoding="utf-8")
    text = text.replace("2. 以 “重责任担当保一方平安” 为主题", "2. 以 “守土有责保一方平安” 为主题")
    text = text.replace("45. 建立事故复盘评估", "46. 建立事故复盘评估")
    changed = tmp_path / "putuo_v2.txt"
    changed.write_text(text, encoding="utf-8")
    result = services.import_document(changed)
    assert result.version == 2
    assert result.changes == {"added": ["46"], "removed": ["45"], "reworded": ["2"]}
    listed = [c for c in services.checklists("workplan") if "普陀" in c["name"]]
    assert [c["version"] for c in listed] == [2]  # only the newest version is listed


def test_unit_directory_knows_aliases_so_a_town_finds_its_tasks(services):
    services.import_document(seed_path(PUTUO))
    ids = queries.unit_ids(services.store)
    assert ids["区应急管理局"] == ids["区应急局"]
    towns = queries.items_for_unit(services.store, ids["各街镇"])
    assert len(towns) >= 10 and all(t["kind"] == "task" for t in towns)


def test_seeded_database_has_templates_and_samples(tmp_path):
    from inspector.services import Services

    svc = Services.open(tmp_path / "fresh.db")
    kinds = [c["kind"] for c in svc.checklists()]
    assert kinds.count("template") == 5 and kinds.count("workplan") == 5
    jiuxiao = next(c for c in svc.checklists("template") if c["name"] == "九小场所消防")
    items = svc.checklist_items(jiuxiao["id"])
    assert len(items) == 15 and items[0]["legal_basis"] == "《中华人民共和国消防法》第十六条"
    assert items[0]["problem"] == "未明确消防安全责任人、管理人"
    svc.close()
    # opening again does not seed twice
    again = Services.open(tmp_path / "fresh.db")
    assert len(again.checklists()) == 10


def test_appendix_table_is_saved_with_rows_linked_to_their_tasks(services):
    result = services.import_document(seed_path(PUTUO))
    tables = services.document_tables(result.document_id)
    assert len(tables) == 1 and len(tables[0]["rows"]) == 19
    items = {i["id"]: i for i in services.checklist_items(result.checklist_id)}
    row = next(r for r in tables[0]["rows"] if r["序号"] == "11")
    assert row["区领导"] == ["姜爱锋"] and row["配合单位"] == ["各街镇"]
    assert items[row["item_id"]]["title"] == "巩固经营性自建房整治成果"
    unmatched = next(r for r in tables[0]["rows"] if r["序号"] == "1")
    assert unmatched["item_id"] is None  # 年度事故防控目标 summarises no single task


def test_importing_a_deleted_document_again_restores_it(services):
    first = services.import_document(seed_path(PUTUO))
    services.store.delete("checklists", first.checklist_id)
    services.store.delete("documents", first.document_id)
    assert services.checklists("workplan") == []
    again = services.import_document(seed_path(PUTUO))
    assert again.checklist_id == first.checklist_id
    assert [c["id"] for c in services.checklists("workplan")] == [first.checklist_id]
