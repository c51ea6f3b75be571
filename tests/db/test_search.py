"""Search by rowid set: the same findings, in the same order, as the SQL join it replaces on the 隐患 page."""

from __future__ import annotations

from datetime import date

from inspector.db.findings import FindingFilter

DAY = date(2026, 3, 2)


def test_matches_agree_with_the_full_query_for_short_and_long_words(services):
    site = services.add_site(name="上海恒达餐饮有限公司", town="长寿路街道")
    for n, text in enumerate(("消防通道堆放杂物", "灭火器过期", "燃气报警器缺失", "消防电梯前室堆物", "电线私拉乱接")):
        services.record_finding(description=text, grade="一般", found_on=date(2026, 1, 1 + n), site_id=site)
    for word in ("消", "消防", "灭火器", "堆", "燃气报警", "恒达", "无此词"):
        flt = FindingFilter(text=word)
        ordered = services.finding_rowids(FindingFilter(), DAY)
        matches = services.matching_rowids(word)
        assert [r for r in ordered if r in matches] == services.finding_rowids(flt, DAY), word
    assert len(services.matching_rowids("消防")) == 2 and services.matching_rowids("无此词") == set()
    assert services.matching_rowids("  ") is None


def test_the_first_screen_is_the_start_of_the_full_list_in_every_order(services):
    site = services.add_site(name="上海恒达餐饮有限公司")
    for n in range(12):
        services.record_finding(description=f"灭火器过期{n}", grade="一般", found_on=date(2026, 1, 1 + n % 5),
                                deadline=date(2026, 3, 1 + n % 7), site_id=site)
    for sort in ("found_on", "deadline"):
        for descending in (True, False):
            full = services.finding_rowids(FindingFilter(sort=sort, descending=descending), DAY)
            assert services.newest_rowids(sort, descending, 5) == full[:5]
