"""The site register: credit codes checked, duplicates refused, Excel out and in (all or nothing)."""

from __future__ import annotations

import pytest
from openpyxl import Workbook, load_workbook

from inspector.errors import ImportFailed, RuleError

GOOD = "91310000607206953D"


def test_invalid_and_duplicate_credit_codes_are_refused(services):
    with pytest.raises(RuleError, match="校验位"):
        services.add_site(name="甲", credit_code="91310000607206953E")
    first = services.add_site(name="上海恒达餐饮有限公司", credit_code=GOOD.lower())
    assert services.store.get("sites", first)["credit_code"] == GOOD
    with pytest.raises(RuleError, match="已登记为“上海恒达餐饮有限公司”"):
        services.add_site(name="恒达餐饮（重复）", credit_code=GOOD)
    with pytest.raises(RuleError, match="风险等级"):
        services.add_site(name="乙", risk_level="紫")


def test_excel_round_trip_updates_by_credit_code(services, tmp_path):
    services.add_site(name="上海恒达餐饮有限公司", credit_code=GOOD, town="长寿路街道", risk_level="黄")
    services.add_site(name="上海明珠公寓", town="万里街道")
    path = tmp_path / "名册.xlsx"
    assert services.export_sites(path) == 2
    sheet = load_workbook(path).active
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["单位名称", "统一社会信用代码", "地址"] and sheet.max_row == 3
    book = Workbook()
    ws = book.active
    ws.append(["单位名称", "统一社会信用代码", "街镇", "风险等级"])
    ws.append(["上海恒达餐饮有限公司（更名）", GOOD, "长寿路街道", "橙"])
    ws.append(["上海新兴便利店", "91110000802100433B", "宜川路街道", "蓝"])
    incoming = tmp_path / "town.xlsx"
    book.save(incoming)
    assert services.import_sites(incoming) == {"added": 1, "updated": 1}
    names = {s["name"] for s in services.sites()}
    assert names == {"上海新兴便利店", "上海恒达餐饮有限公司（更名）", "上海明珠公寓"}


def test_excel_with_one_bad_row_imports_nothing(services, tmp_path):
    book = Workbook()
    ws = book.active
    ws.append(["单位名称", "统一社会信用代码"])
    ws.append(["好单位", "91110000802100433B"])
    ws.append(["坏单位", "12345"])
    path = tmp_path / "bad.xlsx"
    book.save(path)
    with pytest.raises(ImportFailed, match="第 3 行"):
        services.import_sites(path)
    assert services.sites() == []
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a spreadsheet")
    with pytest.raises(ImportFailed, match="无法读取"):
        services.import_sites(broken)
