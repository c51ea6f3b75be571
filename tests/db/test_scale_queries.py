"""The district-scale read queries give what the plain queries gave, and use the indexes they were written for."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from inspector import workflow as wf
from inspector.db import queries
from inspector.db.findings import finding_counts, status_counts
from inspector.services import Services
from inspector.services.demo import build_demo, build_scale

TODAY = date(2026, 6, 30)


@pytest.fixture(scope="module")
def district(tmp_path_factory):
    services = Services.open(tmp_path_factory.mktemp("q") / "q.db")
    build_demo(services, today=TODAY)
    build_scale(services, findings=900, towns=10, today=TODAY, seed=3)
    store = services.store
    # deleted rows, and rows without a value, must not show
    finding = store.rows("SELECT id FROM findings WHERE campaign IS NOT NULL LIMIT 1")[0]["id"]
    store.delete("findings", finding)
    lonely = store.insert("sites", {"name": "已注销单位", "town": "只有已删除单位的街镇"})
    store.delete("sites", lonely)
    store.insert("sites", {"name": "无街镇单位"})
    yield services
    services.close()


@pytest.mark.parametrize(("table", "column"), sorted(queries.DISTINCT_COLUMNS))
def test_distinct_values_match_a_plain_distinct(district, table, column):
    plain = [r[0] for r in district.store.db.execute(
        f"SELECT DISTINCT {column} FROM {table} WHERE {column} IS NOT NULL AND deleted_at IS NULL ORDER BY 1")]
    assert queries.distinct_values(district.store, table, column) == plain
    assert len(plain) >= 2


def test_finding_choices_are_the_first_rows_of_the_full_list(district):
    full = queries.list_records(district.store, "findings")
    assert len(full) > 500
    choices = queries.finding_choices(district.store, 500)
    assert [c["id"] for c in choices] == [f["id"] for f in full[:500]]
    assert choices[7] == {k: full[7][k] for k in ("id", "description", "status", "site")}


def test_one_group_by_gives_the_counts_a_row_by_row_count_gives(district):
    rows = district.store.rows("SELECT status, grade, current_deadline FROM findings WHERE deleted_at IS NULL")
    open_rows = [r for r in rows if r["status"] not in wf.RECTIFIED]
    expected = {"open": len(open_rows),
                "overdue": sum(1 for r in open_rows if r["current_deadline"] and r["current_deadline"] < "2026-06-30"),
                "major": sum(1 for r in open_rows if r["grade"] == "重大")}
    assert status_counts(district.store.db, TODAY) == expected
    assert 0 < expected["overdue"] < expected["open"] and expected["major"]
    counts = finding_counts(district.store.db, TODAY)
    assert counts["by_status"] == Counter(r["status"] for r in rows)
    assert counts["by_grade"] == Counter(r["grade"] for r in rows)
    stats = queries.stats(district.store, TODAY)
    assert stats["findings"]["overdue"] == expected["overdue"] and stats["findings"]["total"] == len(rows)
    assert {k: stats[k] for k in ("checklists", "tasks", "sites")} == \
        {k: v for k, v in queries.summary(district.store).items() if k != "templates"}


def test_inspection_counts_match_a_count_per_inspection(district):
    store = district.store
    listed = queries.inspections(store, 200)
    assert len(listed) == 200
    assert [i["started_at"] for i in listed] == sorted((i["started_at"] for i in listed), reverse=True)
    for row in listed[:60]:
        assert row["findings"] == store.scalar(
            "SELECT count(*) FROM findings WHERE inspection_id = ? AND deleted_at IS NULL", [row["id"]])
    assert any(row["findings"] == 0 for row in listed) and any(row["findings"] > 2 for row in listed)


def _plan(store, sql: str, params: list) -> str:
    return " ".join(r[-1] for r in store.db.execute(f"EXPLAIN QUERY PLAN {sql}", params))


def test_the_scale_queries_read_indexes_not_tables(district):
    store = district.store
    count = _plan(store, "SELECT count(*) FROM findings f WHERE f.inspection_id = ? AND f.deleted_at IS NULL", ["x"])
    assert "idx_findings_inspection" in count
    page = _plan(store, "SELECT id FROM inspections WHERE deleted_at IS NULL ORDER BY started_at DESC LIMIT 5", [])
    assert "idx_inspections_started" in page and "TEMP B-TREE" not in page
    loose = _plan(store, "SELECT min(campaign_id) FROM findings WHERE deleted_at IS NULL AND campaign_id IS NOT NULL "
                         "AND campaign_id > ?", ["a"])
    assert "idx_findings_campaign_id" in loose
    sites = _plan(store, "SELECT count(*) FROM sites WHERE deleted_at IS NULL", [])  # the status bar's
    assert "idx_sites_live_town_name" in sites
    listed = _plan(store, "SELECT * FROM sites WHERE deleted_at IS NULL AND (? = '' OR name LIKE ?) "
                          "ORDER BY town, name LIMIT 1000", ["", "%%"])  # the 单位 page's first thousand
    assert "idx_sites_live_town_name" in listed and "TEMP B-TREE" not in listed
    progress = _plan(store, "SELECT count(*), sum(grade = '重大'), sum(status IN ('closed')), sum(current_deadline < ?)"
                            " FROM findings WHERE campaign_id = ? AND deleted_at IS NULL", ["2026-01-01", "x"])
    assert "COVERING INDEX idx_findings_campaign_id" in progress
    names = {r[0] for r in store.db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert not names & {"idx_findings_found", "idx_findings_status"}


def test_the_status_bar_counts_read_the_open_part_of_the_covering_index_without_sorting(district):
    """The status bar counts after every change: its query must stay one pass over the open findings' entries of
    idx_findings_live (a GROUP BY grade sorted those entries in a temporary tree, half the time at 1 M)."""
    store = district.store
    seen: list[str] = []
    store.db.conn.set_trace_callback(seen.append)
    try:
        status_counts(store.db, TODAY)
    finally:
        store.db.conn.set_trace_callback(None)
    (sql,) = [s for s in seen if "FROM findings" in s]
    plan = _plan(store, sql, [])
    assert "idx_findings_live" in plan and "TEMP B-TREE" not in plan, plan
