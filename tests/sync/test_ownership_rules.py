"""The ownership table: who may create each synchronised record and who may add each kind of finding event,
and the table as docs/sync-format.md prints it."""

from __future__ import annotations

from pathlib import Path

import pytest

from inspector import workflow as wf
from inspector.sync import ownership as own

DOCS = Path(__file__).resolve().parents[2] / "docs" / "sync-format.md"
TOWN_TABLES = [t for t, rule in own.OWNERSHIP.items() if rule.create == "own"]


def test_only_the_district_creates_work_plan_documents_and_task_lists():
    assert own.may_create("documents", {}, "district") and not own.may_create("documents", {}, "town")
    assert own.may_create("checklists", {"kind": "workplan"}, "district")
    assert not own.may_create("checklists", {"kind": "workplan"}, "town")
    assert own.may_create("checklists", {"kind": "template"}, "town")
    assert own.may_create("checklists", {"kind": "template"}, "district")


@pytest.mark.parametrize("table", TOWN_TABLES)
def test_any_trusted_device_creates_its_own_records(table):
    assert own.may_create(table, {"kind": "anything"}, "town") and own.may_create(table, {}, "district")


def test_the_tables_and_their_rules():
    assert set(own.OWNERSHIP) == {"documents", "checklists", "checklist_items", "item_units", "units", "sites",
                                  "inspectors", "inspections", "inspection_results", "findings", "attachments",
                                  "task_progress", "doc_numbers", "risk_policies", "risk_assessments", "recusals",
                                  "inspection_plans", "plan_draws", "plan_sites", "campaigns"}
    assert [t for t, r in own.OWNERSHIP.items() if r.create == "district"] == ["documents", "risk_policies",
                                                                              "campaigns"]
    assert {t: r.parent for t, r in own.OWNERSHIP.items() if r.parent} == {
        "checklist_items": ("checklist_id", "checklists"), "item_units": ("item_id", "checklist_items"),
        "inspection_results": ("inspection_id", "inspections"), "risk_assessments": ("site_id", "sites"),
        "recusals": ("inspector_id", "inspectors"), "plan_draws": ("plan_id", "inspection_plans"),
        "plan_sites": ("plan_id", "inspection_plans")}


def test_owner_kinds_come_from_the_finding_s_owner_and_district_kinds_from_the_district():
    for kind in (wf.CREATED, *wf.ALLOWED_FROM):
        assert own.may_add_event(kind, "town-a", "town", "town-a")
        assert not own.may_add_event(kind, "town-b", "town", "town-a")
        assert not own.may_add_event(kind, "district", "district", "town-a")  # not even the district
    for kind in own.DISTRICT_EVENTS:
        assert own.may_add_event(kind, "district", "district", "town-a")
        assert not own.may_add_event(kind, "town-a", "town", "town-a")  # not even the finding's owner
    assert not own.may_add_event("approve", "town-a", "town", "town-a")
    assert {wf.CREATED, wf.ORDER_ISSUED, wf.RECTIFICATION_STARTED, wf.FEEDBACK, wf.RECHECK,
                                wf.EXTENSION, wf.CLOSE, wf.REOPEN} == own.OWNER_EVENTS
    assert own.OWNER_EVENTS | {"listed_supervision", "supervision_note", "district_recheck"} == own.EVENT_KINDS
    assert own.DISTRICT_EVENTS == {"listed_supervision": "挂牌督办", "supervision_note": "督办意见",
                                   "district_recheck": "区级复核"}


def test_the_table_printed_is_the_table_in_force():
    text = own.table_markdown()
    lines = text.splitlines()
    assert lines[:2] == ["| table | who may create | who may change | rule |", "| --- | --- | --- | --- |"]
    assert len(lines) == 2 + len(own.OWNERSHIP) + 1
    assert lines[2] == ("| `documents` | the district | its owner (creator) only | work-plan documents (the shipped "
                        "samples are built-in) |")
    assert lines[4] == ("| `checklist_items` | any trusted device, for itself; owner of `checklists` row in "
                        "`checklist_id` | its owner (creator) only | only into its owner's own checklist |")
    assert lines[-1] == ("| `finding_events` | the finding's owner; district-only kinds "
                         "`listed_supervision` (挂牌督办), "
                         "`supervision_note` (督办意见), `district_recheck` (区级复核) from the district | nobody "
                         "(append-only) | known kinds, `workflow.check`, causal order, date ≤ import day + 1 |")
    assert text in DOCS.read_text(encoding="utf-8")
