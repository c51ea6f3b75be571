"""Stage two of an import: every record against the records schema (docs/schema/records.schema.json).

A record that breaks the schema — an unknown table or column, a wrong type, a value too long, an id or time in
the wrong format — means the package was not made by this program as published, so the whole package is
refused with the first problem, naming the table and record.
"""

from __future__ import annotations

from typing import Any

from inspector.errors import ImportFailed
from inspector.sync.schema import RowChecker


def validate(records: dict[str, list[Any]], checkers: dict[str, RowChecker], name: str) -> None:
    for table, rows in records.items():
        checker = checkers.get(table)
        if checker is None:
            raise ImportFailed(f"“{name}”含有不应同步的数据“{table[:40]}”，已拒绝。", "请勿导入，并联系发送方。")
        seen: set[str] = set()
        for number, row in enumerate(rows, 1):
            problem = checker.problem(row)
            if problem is None and row["id"] in seen:
                problem = "同一编号出现了两次"
            if problem:
                rid = row.get("id") if isinstance(row, dict) else None
                where = f"第 {number} 条" + (f"（编号 {str(rid)[:36]}）" if isinstance(rid, str) else "")
                raise ImportFailed(f"“{name}”中 {table} 的{where}记录不符合格式：{problem}。",
                                   "该数据包不是按本程序的格式生成的，可能被篡改，请勿导入。")
            seen.add(row["id"])
