"""The 双随机 draw: reproducible from its record alone, honouring 回避, never a site twice, and independent of
the order its inputs arrive in; an edited record is caught."""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inspector import draw as dr

ids = st.uuids().map(str)


@st.composite
def worlds(draw):
    """A register of sites and inspectors, some recusals, a seed and an N that can be staffed or not."""
    sites = draw(st.lists(ids, min_size=1, max_size=30, unique=True))
    people = draw(st.lists(ids, min_size=2, max_size=8, unique=True))
    pairs = st.tuples(st.sampled_from(people), st.sampled_from(sites)).map(list)
    recusals = draw(st.lists(pairs, max_size=40))
    n = draw(st.integers(min_value=1, max_value=len(sites)))
    seed = draw(st.text(min_size=1, max_size=30))
    return sites, people, recusals, n, seed


def record_of(sites, people, recusals, n, seed):
    return dr.make_record(candidates=[{"id": s, "name": f"单位{s[:4]}"} for s in sites],
                          inspectors=[{"id": p, "name": f"人员{p[:4]}"} for p in people], recusals=recusals,
                          n=n, seed=seed, seed_source="抽取时间", drawn_at="2026-04-01T09:00:00+08:00", filters={})


@settings(max_examples=150, deadline=None)
@given(worlds(), st.randoms(use_true_random=False))
def test_a_draw_honours_recusal_never_repeats_and_re_runs_to_the_same_result(world, shuffler):
    sites, people, recusals, n, seed = world
    try:
        record = record_of(sites, people, recusals, n, seed)
    except dr.DrawError:
        return  # too few sites can be staffed without a recused inspector: refused, never a partial draw
    barred = {tuple(p) for p in recusals}
    picked = [r["site_id"] for r in record["result"]]
    assert len(picked) == n == len(set(picked)) and set(picked) <= set(sites)
    for pick in record["result"]:
        assert len(set(pick["inspectors"])) == 2 and set(pick["inspectors"]) <= set(people)
        assert not any((i, pick["site_id"]) in barred for i in pick["inspectors"])
    assert not set(record["skipped"]) & set(picked)
    assert dr.verify(record) == []
    shuffled = [list(x) for x in (sites, people, recusals)]
    for part in shuffled:
        shuffler.shuffle(part)
    again = record_of(*shuffled, n, seed)
    assert again["result"] == record["result"] and again["candidates_sha256"] == record["candidates_sha256"]


@settings(max_examples=60, deadline=None)
@given(worlds())
def test_a_skipped_site_is_one_that_could_not_be_staffed(world):
    sites, people, recusals, n, seed = world
    try:
        record = record_of(sites, people, recusals, n, seed)
    except dr.DrawError:
        return
    barred = {tuple(p) for p in recusals}
    for site in record["skipped"]:
        assert sum(1 for p in people if (p, site) not in barred) < 2


def test_sites_are_taken_in_the_order_of_their_sha256_keys():
    """The documented algorithm, computed here from its description (docs/plans.md) with hashlib alone."""
    sites = [f"site-{n}" for n in range(12)]
    people = ["p1", "p2", "p3"]
    record = record_of(sites, people, [], 5, "2026-04-01T09:00:00+08:00")
    expected = sorted(sites, key=lambda s: hashlib.sha256(f"2026-04-01T09:00:00+08:00\nsite\n{s}".encode()).hexdigest())
    assert [r["site_id"] for r in record["result"]] == expected[:5]
    loads = {p: sum(p in r["inspectors"] for r in record["result"]) for p in people}
    assert max(loads.values()) - min(loads.values()) <= 1  # the work spreads evenly


def test_a_different_seed_gives_a_different_draw_and_the_seed_is_what_decides():
    sites = [f"s{n}" for n in range(40)]
    one = record_of(sites, ["a", "b", "c"], [], 5, "2026-04-01T09:00:00+08:00")
    two = record_of(sites, ["a", "b", "c"], [], 5, "2026-04-01T09:00:01+08:00")
    assert one["result"] != two["result"]


@pytest.mark.parametrize("edit, problem", [
    (lambda r: r["result"].reverse(), "结果与记录不同"),
    (lambda r: r["result"][0]["inspectors"].reverse(), "结果与记录不同"),
    (lambda r: r["candidates"].pop(), "candidates"),
    (lambda r: r["recusals"].append(["a", "s1"]), "recusals"),
    (lambda r: r.update(seed="另一个种子"), "结果与记录不同"),
])
def test_an_edited_record_does_not_verify(edit, problem):
    record = record_of([f"s{n}" for n in range(10)], ["a", "b", "c", "d"], [["a", "s3"]], 3, "seed")
    edit(record)
    assert any(problem in p for p in dr.verify(record))


@pytest.mark.parametrize("data, problem", [
    (b"\xff\xfe", "无法读取"), (b"[]", "format"), (b'{"format": "inspector-draw", "algorithm": "md5"}', "算法"),
    (b'{"n": NaN}', "无法读取"), (b"[" * 100_000, "无法读取"),
])
def test_a_hostile_record_is_refused_with_a_message(data, problem):
    with pytest.raises(dr.DrawError, match=problem):
        dr.read(data, "x.json")


def test_n_larger_than_the_register_is_refused():
    with pytest.raises(dr.DrawError, match="只有 2 家"):
        record_of(["s1", "s2"], ["a", "b"], [], 3, "seed")


def test_a_record_too_costly_to_re_run_is_refused_at_once():
    import json
    import time

    people = [{"id": f"p{n}", "name": ""} for n in range(3000)]
    record = {"format": "inspector-draw", "algorithm": "sha256-rank", "algorithm_version": 1, "seed": "s",
              "n": 5000, "candidates": [{"id": f"s{n}", "name": ""} for n in range(5000)], "inspectors": people,
              "recusals": [], "result": [], "skipped": []}
    start = time.perf_counter()
    with pytest.raises(dr.DrawError, match="超出"):
        dr.read(json.dumps(record).encode(), "big.json")
    assert time.perf_counter() - start < 2


def test_sites_nobody_may_inspect_are_skipped_without_cost():
    sites = [f"s{n}" for n in range(2000)]
    people = ["a", "b"]
    recusals = [["a", s] for s in sites[:-3]]  # only the last three can be staffed
    result, skipped = dr.run(sites, people, recusals, 3, "seed")
    assert {r["site_id"] for r in result} == set(sites[-3:]) and set(skipped) <= set(sites[:-3])
