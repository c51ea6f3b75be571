"""The five sample documents parse to exactly what expected.json says (hand-checked)."""

from __future__ import annotations

import pytest

from inspector.docimport import parse_file
from tests.conftest import seed_path

DOCS = [
    "2019_shanghai_jingxinwei_gongzuoyijian.txt",
    "2021_shanghai_jingxinwei_zhizaoye_tongzhi.txt",
    "2023_putuo_gongzuoyijian.txt",
    "2017_jingan_gongzuoyijian.txt",
    "2021_shanghai_anweihui_gongzuoyijian.txt",
]


def _doc(expected: dict, name: str) -> dict:
    return next(d for d in expected["documents"] if d["file"] == name)


def assert_matches(outline, doc: dict) -> None:
    """Every expectation of one document: metadata, counts, task starts, units, deadlines, appendix table."""
    meta = outline.to_json()["meta"]
    for key, value in doc["meta"].items():
        assert meta[key] == value, key
    assert outline.count("section") == doc["sections"]
    assert outline.count("subsection") == doc["subsections"]
    tasks = outline.tasks()
    assert len(tasks) == doc["items"]
    assert sum(1 for t in tasks if t.units) == doc["items_with_units"]
    for task, start in zip(tasks, doc.get("items_start_with", []), strict=False):
        assert task.text.startswith(start), (task.number, task.text[:30], start)
    by_number = {t.number: t for t in tasks}
    for entry in doc.get("item_units", []):
        assert [u.name for u in by_number[entry["number"]].units] == entry["units"], entry["number"]
    for entry in doc.get("deadlines", []):
        task = next(t for t in tasks if t.text.startswith(entry["item_starts_with"]))
        assert task.deadline == entry["deadline"]
        assert task.deadline_text
    if "appendix_table" in doc:
        table_expected = doc["appendix_table"]
        table = outline.tables[0]
        assert table.title == table_expected["title"]
        assert table.columns == table_expected["columns"]
        got = [
            {"number": r["序号"], "task": r["重点任务"], "leaders": r["区领导"], "lead_units": r["责任单位"],
             "support_units": r["配合单位"]}
            for r in table.rows
        ]
        assert got == table_expected["rows"]


@pytest.mark.parametrize("name", DOCS)
def test_seed_document_matches_expectations(expected, name):
    assert_matches(parse_file(seed_path(name)), _doc(expected, name))


def test_every_seed_is_covered(expected):
    assert sorted(DOCS) == sorted(d["file"] for d in expected["documents"])


def test_parent_links_form_the_hierarchy():
    outline = parse_file(seed_path("2023_putuo_gongzuoyijian.txt"))
    for node in outline.items:
        if node.kind == "section":
            assert node.parent is None
        else:
            parent = outline.items[node.parent]
            assert {"subsection": ["section"], "task": ["subsection", "section"],
                    "subtask": ["task"]}[node.kind].count(parent.kind) == 1


def test_section_lead_paragraph_is_a_description_not_a_task():
    outline = parse_file(seed_path("2017_jingan_gongzuoyijian.txt"))
    first = outline.items[0]
    assert first.kind == "section" and first.description.startswith("进一步落实")
    subtasks = [n for n in outline.items if n.kind == "subtask"]
    assert [s.number for s in subtasks] == ["一是", "二是", "三是"]
    assert outline.items[subtasks[0].parent].title == "推动安全生产标准化建设"
    # the paragraph after 三（三） continues that task
    task = next(t for t in outline.tasks() if t.title.startswith("深化“5+2”"))
    assert "建管部门要" in task.text


def test_damaged_units_are_repaired_from_the_same_document():
    outline = parse_file(seed_path("2021_shanghai_anweihui_gongzuoyijian.txt"))
    names = {u.name for t in outline.tasks() for u in t.units}
    assert "市人力资源社会保障局" in names
    assert not any("障障" in n for n in names)


def test_page_break_repeat_is_removed_but_real_doubles_stay():
    outline = parse_file(seed_path("2019_shanghai_jingxinwei_gongzuoyijian.txt"))
    assert any("网络通信基础设施" in t.text for t in outline.tasks())
    putuo = parse_file(seed_path("2023_putuo_gongzuoyijian.txt"))
    assert any("时时放心不下" in n.description for n in putuo.items)
