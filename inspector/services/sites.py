"""The register of sites (enterprises and places): validation, duplicates by credit code, Excel in and out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from inspector.creditcode import is_valid
from inspector.db import queries
from inspector.db.store import Store
from inspector.errors import ImportFailed, RuleError

FIELDS = [("name", "单位名称"), ("credit_code", "统一社会信用代码"), ("address", "地址"), ("industry", "行业"),
          ("town", "街镇"), ("grid", "网格"), ("legal_rep", "法定代表人（负责人）"), ("contact_person", "联系人"),
          ("contact_phone", "联系电话"), ("risk_level", "风险等级")]
RISK_LEVELS = ("红", "橙", "黄", "蓝")
MAX_ROWS = 200_000  # a district's register holds tens of thousands of sites
MAX_COLUMNS = 60
MAX_SHEET_XML = 256 * 1024 * 1024


def validate(store: Store, fields: dict[str, Any], site_id: str | None = None) -> dict[str, Any]:
    """Clean and check a site's fields: a name, a valid credit code not already registered, a known risk level."""
    clean = {k: (str(v).strip() if v is not None else None) or None for k, v in fields.items()}
    if not clean.get("name"):
        raise RuleError("单位名称不能为空。", "请填写被检查单位的名称。")
    code = clean.get("credit_code")
    if code:
        code = code.upper()
        clean["credit_code"] = code
        if not is_valid(code):
            raise RuleError(f"统一社会信用代码“{code}”无效（长度或校验位不对）。",
                            "请核对营业执照上的 18 位代码；没有代码的场所可留空。")
        other = queries.site_by_credit_code(store, code)
        if other and other["id"] != site_id:
            raise RuleError(f"统一社会信用代码 {code} 已登记为“{other['name']}”。", "请打开已有单位，不要重复登记。")
    if clean.get("risk_level") and clean["risk_level"] not in RISK_LEVELS:
        raise RuleError(f"风险等级“{clean['risk_level']}”无效。", "请选择红、橙、黄或蓝。")
    return clean


def save_site(store: Store, fields: dict[str, Any], site_id: str | None = None) -> str:
    """Check and save in one transaction, so no other writer can register the same credit code in between."""
    with store.atomic():
        clean = validate(store, fields, site_id)
        if site_id:
            store.update("sites", site_id, clean)
            return site_id
        return store.insert("sites", clean)


def export_excel(store: Store, path: Path) -> int:
    """All live sites to .xlsx with the register's column headers (text stays text); returns the row count."""
    from inspector.reports.excel import write_table

    rows = queries.sites(store)
    return write_table(path, "单位名册", [label for _, label in FIELDS], [30, 22, 36, 16, 14, 10, 14, 12, 16, 10],
                       ([row.get(key) for key, _ in FIELDS] for row in rows), wrap=False)


def _sheet_rows(path: Path) -> list[tuple[int, tuple[Any, ...]]]:
    """The non-empty rows of the first sheet with their row numbers, at most :data:`MAX_COLUMNS` wide. Bounded
    before and while reading: a sheet whose declared size is A1:XFD1048576 would otherwise give each row 16,384
    cells (a file of 100 KB took gigabytes), and a few MB of zip can unpack to gigabytes of rows."""
    import zipfile

    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(path) as zf:
            unpacked = sum(i.file_size for i in zf.infolist() if i.filename.startswith("xl/worksheets/"))
    except (zipfile.BadZipFile, OSError) as exc:
        raise ImportFailed(f"无法读取 Excel 文件“{path.name}”。", "请确认是 .xlsx 文件且未损坏。") from exc
    if unpacked > MAX_SHEET_XML:
        raise ImportFailed(f"Excel 文件“{path.name}”的表格过大（解压后 {unpacked // 1048576} MB）。",
                           f"名册一次最多导入 {MAX_ROWS} 行；请删去无关的工作表或拆分后分批导入。")
    rows: list[tuple[int, tuple[Any, ...]]] = []
    try:
        sheet = load_workbook(path, read_only=True, data_only=True).active
        for number, row in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True), start=1):
            if any(v is not None and v != "" for v in row):
                rows.append((number, row))
            if len(rows) > MAX_ROWS + 1:
                raise ImportFailed(f"Excel 文件“{path.name}”超过 {MAX_ROWS} 行。", "请拆分后分批导入。")
    except ImportFailed:
        raise
    except Exception as exc:
        raise ImportFailed(f"无法读取 Excel 文件“{path.name}”。", "请确认是 .xlsx 文件且未损坏。") from exc
    return rows


def import_excel(store: Store, path: Path) -> dict[str, int]:
    """Sites from .xlsx (columns found by header); all rows are checked first and nothing is saved if one is bad.

    A row whose credit code is already registered updates that site instead of adding a duplicate.
    """
    rows = _sheet_rows(path)
    if not rows:
        raise ImportFailed(f"“{path.name}”是空表。", "第一行应为列名，例如“单位名称”“统一社会信用代码”。")
    by_label = {label: key for key, label in FIELDS} | {"名称": "name", "信用代码": "credit_code"}
    header = [by_label.get(str(c).strip()) if c else None for c in rows[0][1]]
    if "name" not in header:
        raise ImportFailed(f"“{path.name}”没有“单位名称”列。", "请使用导出的名册作为模板。")
    records, errors = [], []
    for number, row in rows[1:]:
        fields = {k: v for k, v in zip(header, row, strict=False) if k}
        if not any(fields.values()):
            continue
        existing = queries.site_by_credit_code(store, str(fields.get("credit_code") or "").strip().upper())
        try:
            records.append((validate(store, fields, existing["id"] if existing else None), existing))
        except RuleError as exc:
            errors.append(f"第 {number} 行：{exc.message}")
    if errors:
        raise ImportFailed("名册中有错误，未导入任何数据：\n" + "\n".join(errors[:20]), "请改正后重新导入。")
    added = updated = 0
    with store.atomic():
        for fields, existing in records:
            if existing:
                store.update("sites", existing["id"], fields)
                updated += 1
            else:
                store.insert("sites", fields)
                added += 1
    return {"added": added, "updated": updated}
