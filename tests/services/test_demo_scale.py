"""The district-scale demo data: as varied as a real district's, and every finding's history a valid one."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date

import pytest

from inspector import workflow as wf
from inspector.db.findings import FindingFilter
from inspector.errors import RuleError
from inspector.services import Services
from inspector.services.demo import build_scale

TODAY = date(2026, 6, 30)
FINDINGS = 3000


@pytest.fixture(scope="module")
def district(tmp_path_factory):
    services = Services.open(tmp_path_factory.mktemp("scale") / "district.db")
    counts = build_scale(services, findings=FINDINGS, towns=12, today=TODAY, seed=5)
    yield services, counts
    services.close()


def _events(store, finding_id: str) -> list[wf.Event]:
    rows = store.rows("SELECT kind, on_date, data FROM finding_events WHERE finding_id = ? "
                      "ORDER BY on_date, created_at", [finding_id])
    return [wf.Event(r["kind"], date.fromisoformat(r["on_date"]), json.loads(r["data"])) for r in rows]


def test_every_history_obeys_the_workflow_and_matches_the_cached_status(district):
    services, _counts = district
    store = services.store
    for f in store.rows("SELECT id, grade, status, current_deadline, closed_on, found_on FROM findings"):
        events = _events(store, f["id"])
        assert events[0].kind == wf.CREATED and events[0].on.isoformat() == f["found_on"]
        state = wf.derive(events[:1])
        for ev in events[1:]:
            wf.check(state, ev, grade=f["grade"])  # raises RuleError on a step the rules forbid
            assert ev.on <= TODAY
            wf.apply_event(state, ev)
        assert state.columns() == {k: f[k] for k in ("status", "current_deadline", "closed_on")}


def test_the_checker_above_would_catch_a_forbidden_step(district):
    services, _counts = district
    closed = services.store.rows("SELECT id, grade FROM findings WHERE status = 'closed' LIMIT 1")[0]
    events = _events(services.store, closed["id"])
    state = wf.derive(events)
    with pytest.raises(RuleError):
        wf.check(state, wf.Event(wf.FEEDBACK, TODAY, {}), grade=closed["grade"])


def test_counts_spread_and_life_stages_are_those_of_a_district(district):
    services, counts = district
    store = services.store
    assert counts["findings"] == FINDINGS == store.scalar("SELECT count(*) FROM findings")
    per_town = Counter(r["town"] for r in store.rows(
        "SELECT s.town FROM inspections i JOIN sites s ON s.id = i.site_id"))
    assert len(per_town) == 12 and min(per_town.values()) >= 20
    assert counts["inspections"] == sum(per_town.values())
    statuses = Counter(r["status"] for r in store.rows("SELECT status FROM findings"))
    assert statuses[wf.CLOSED] > FINDINGS / 2  # two years of work: most are closed
    assert {wf.ORDERED, wf.AWAITING_RECHECK, wf.RECHECK_PASSED, wf.RECHECK_FAILED, wf.EXTENDED} <= set(statuses)
    overdue = store.scalar("SELECT count(*) FROM findings WHERE status NOT IN ('recheck_passed', 'closed') "
                           "AND current_deadline < ?", [TODAY.isoformat()])
    assert 0 < overdue < FINDINGS / 5
    kinds = Counter(r["kind"] for r in store.rows("SELECT kind FROM finding_events"))
    assert kinds[wf.EXTENSION] and kinds[wf.RECTIFICATION_STARTED] and kinds[wf.CREATED] == FINDINGS
    assert 3 <= counts["events"] / FINDINGS <= 7


def test_wording_and_names_vary(district):
    services, _counts = district
    store = services.store
    descriptions = {r[0] for r in store.db.execute("SELECT description FROM findings")}
    assert len(descriptions) > FINDINGS / 3
    names = [r[0] for r in store.db.execute("SELECT name FROM sites")]
    assert len(set(names)) > 0.9 * len(names)
    assert store.scalar("SELECT count(DISTINCT campaign) FROM findings") >= 4


def test_findings_sit_on_items_found_not_conforming_and_major_ones_have_their_plan(district):
    services, _counts = district
    store = services.store
    assert not store.rows(
        """SELECT f.id FROM findings f JOIN inspections i ON i.id = f.inspection_id
           LEFT JOIN inspection_results r ON r.inspection_id = i.id AND r.item_id = f.item_id
           JOIN checklist_items it ON it.id = f.item_id
           WHERE r.result IS NOT '不符合' OR it.checklist_id != i.checklist_id OR f.site_id != i.site_id""")
    for row in store.rows("SELECT id, plan, status FROM findings WHERE grade = '重大'"):
        assert set(json.loads(row["plan"])) == set(wf.PLAN_PARTS)
        if row["status"] == wf.CLOSED:
            close = next(e for e in _events(store, row["id"]) if e.kind == wf.CLOSE)
            assert close.data["assessment"]


def test_search_finds_the_generated_wording(district):
    services, _counts = district
    hits = services.finding_rowids(FindingFilter(text="灭火器"), TODAY)
    expected = services.store.scalar("SELECT count(*) FROM findings WHERE description LIKE '%灭火器%' "
                                     "OR legal_basis LIKE '%灭火器%' OR requirement LIKE '%灭火器%'")
    assert len(hits) == expected > 0


def test_same_seed_same_data(tmp_path):
    first, second = (Services.open(tmp_path / f"{n}.db") for n in (1, 2))
    for s in (first, second):
        build_scale(s, findings=200, towns=10, today=TODAY, seed=9)
    rows = [s.store.rows("SELECT id, description, status FROM findings ORDER BY id") for s in (first, second)]
    assert rows[0] == rows[1]
    first.close()
    second.close()


def test_a_database_without_the_built_in_templates_gets_them_first(services):
    assert not services.checklists("template")
    counts = build_scale(services, findings=50, towns=10, today=TODAY)
    assert counts["findings"] == 50 and services.checklists("template")
