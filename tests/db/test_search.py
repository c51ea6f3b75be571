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


TEXTS = ("消防通道堆放杂物", "灭火器过期", "燃气报警器缺失", "消防电梯前室堆物", "电线私拉乱接", "取消了消防检查",
         "配电箱 2023 年 ABC 型号", "安全出口指示灯损坏", "有限空间作业未审批", "灭 火 器", "消")
QUERIES = ("消", "消防", "防", "灭火器", "灭火", "火器", "堆", "燃气报警", "无此词", "2023", "202", "abc", "AB",
           "ab 型号", "消防 堆", "消防通道堆放杂物", "灭 火", "安全出口指示", "口指", "配电箱2023", "空间 作业", "z")


def test_the_in_memory_token_test_agrees_with_the_index(services):
    """The first screen of a search tests the tokens stored for the findings at the top of the list: every
    query must select exactly the findings the full-text MATCH selects (prefixes, phrases, several words)."""
    from inspector.textsearch import body_matcher

    site = services.add_site(name="上海恒达餐饮有限公司", town="长寿路街道")
    for n, text in enumerate(TEXTS):
        services.record_finding(description=text, grade="一般", found_on=date(2026, 1, 1 + n), site_id=site)
    rowids = services.finding_rowids(FindingFilter(), DAY)
    tokens = services.stored_tokens(rowids)
    assert len(tokens) == len(TEXTS)
    for query in QUERIES:
        test = body_matcher(query)
        assert {r for r in rowids if test(tokens[r])} == services.matching_rowids(query), query
    assert body_matcher(" ，。") is None and services.matching_rowids(" ，。") is None


def test_the_matches_of_one_index_range_are_parsed_piece_by_piece_and_none_is_lost(monkeypatch):
    """The rowids of a common word come as one long comma-separated string per range; it is parsed in pieces
    (so the interpreter is handed back between them) that split only at commas."""
    import json

    from inspector.db import search
    from inspector.db.search import _add_numbers

    parsed: list[int] = []
    monkeypatch.setattr(search, "json", type("J", (), {"loads": staticmethod(
        lambda text: parsed.append(len(text)) or json.loads(text))}))

    numbers = [*range(1, 500_000, 7), 123_456_789]
    joined = ",".join(map(str, numbers))
    for piece in (1, 5, 6, 7, 100, 100_000, 10**7):
        found: set[int] = set()
        _add_numbers(found, joined, piece)
        assert found == set(numbers), piece
    parsed.clear()
    _add_numbers(set(), joined)
    assert len(parsed) > 1 and max(parsed) < 100_000 + 20  # pieces of about 100,000 characters
    empty: set[int] = set()
    _add_numbers(empty, "42")
    assert empty == {42}
