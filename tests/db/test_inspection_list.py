"""The 检查 list's pages: filters that mean what they say, keyset pages without gaps, and an index walk."""

from __future__ import annotations

import pytest

from inspector.db.inspection_list import InspectionFilter, inspection_page

pytestmark = pytest.mark.usefixtures("services")


def setup(services):
    a = services.add_site(name="上海恒达机械有限公司", town="长寿路街道", credit_code="91310107MA1G8X2K3G")
    b = services.add_site(name="上海明珠餐饮有限公司", town="石泉路街道")
    ids = {}
    for n in range(12):
        site = a if n % 2 else b
        ids[n] = services.start_inspection(site, None, type="专项" if n % 3 == 0 else "日常",
                                           started_at=f"2026-05-{n // 2 + 1:02d}T09:00" if n < 10 else None)
    return ids


def test_every_page_follows_the_last_without_gaps_or_repeats(services):
    setup(services)
    for size in (1, 3, 5, 12):
        seen, after = [], None
        while page := inspection_page(services.store, InspectionFilter(), size, after):
            seen += [r["id"] for r in page]
            after = (page[-1]["started_at"], page[-1]["id"])
        assert seen == [r["id"] for r in inspection_page(services.store, InspectionFilter(), 100)]
        assert len(seen) == 12


def test_filters(services):
    ids = setup(services)
    store = services.store
    by_name = inspection_page(store, InspectionFilter(text="恒达"), 100)
    assert {r["id"] for r in by_name} == {ids[n] for n in range(12) if n % 2}
    def found(**flt) -> set[str]:
        return {r["id"] for r in inspection_page(store, InspectionFilter(**flt), 100)}

    assert found(text="8X2K3G") == {r["id"] for r in by_name}
    assert found(type="专项") == {ids[n] for n in (0, 3, 6, 9)}
    assert inspection_page(store, InspectionFilter(text="%"), 100) == inspection_page(store, InspectionFilter(), 100)
    services.sign(ids[4], "inspector1", None, refused=True)
    services.sign(ids[4], "inspector2", None, refused=True)
    assert ids[4] not in {r["id"] for r in inspection_page(store, InspectionFilter(state="signed"), 100)}
    services.sign(ids[4], "site", None, refused=True)
    assert [r["id"] for r in inspection_page(store, InspectionFilter(state="signed"), 100)] == [ids[4]]
    assert len(inspection_page(store, InspectionFilter(state="unsigned"), 100)) == 11


def test_a_later_page_is_a_range_of_the_index(services):
    plan = " ".join(r[-1] for r in services.store.db.execute(
        """EXPLAIN QUERY PLAN SELECT i.id FROM inspections i JOIN sites s ON s.id = i.site_id
           WHERE i.deleted_at IS NULL AND i.started_at <= ? AND NOT (i.started_at = ? AND i.id >= ?)
           ORDER BY i.started_at DESC, i.id DESC LIMIT 200""", ["2026-05-01", "2026-05-01", "x"]))
    assert "idx_inspections_started" in plan and "started_at<?" in plan.replace(" ", "")
