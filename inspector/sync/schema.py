"""The JSON Schemas of a package (docs/schema/), and the checks that apply them to what arrives.

The manifest schema is written here; the records schema is derived from the database's own columns (types and
NOT NULL) with the few rules the columns cannot say (enumerations, id and time formats, lengths). The files in
docs/schema/ are printed from these (a test keeps them equal), and the checks below enforce the same rules
without a schema library: a hand-written subset of JSON Schema (type, required, properties,
additionalProperties, enum, const, pattern, minimum, maximum, maxLength, maxItems, maxProperties) for the small
manifest, and per-table compiled checks for the records, which are many.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

MAX_COUNTER = 2**53
MAX_TEXT = 20_000  # one field of a record
MAX_LONG_TEXT = 4_000_000  # a document's full text and its tables
MAX_META = 200_000  # a record's versions
UUID = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
STAMP = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z?$"
DIGEST = "^[0-9a-f]{64}$"
HLC = "^[0-9]{13}-[0-9]{5}-[0-9a-f-]{1,8}$"
LONG = {"full_text", "tables", "meta", "changes", "data", "plan", "record"}

_str = {"type": "string", "maxLength": 200}
_key = {"type": "string", "pattern": "^[A-Za-z0-9+/]{43}=$", "description": "32-byte public key, base64"}
_seq = {"type": "integer", "minimum": 0, "maximum": MAX_COUNTER}

MANIFEST: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "inspector-manifest.schema.json",
    "title": "Inspector package manifest (manifest.json), format version 2",
    "type": "object",
    "required": ["format", "format_version", "package_id", "kind", "sender", "receiver", "created", "seq",
                 "encrypted", "members", "signature"],
    "properties": {
        "format": {"const": "inspector-package"},
        "format_version": {"type": "integer", "minimum": 1, "maximum": 1000},
        "package_id": {"type": "string", "pattern": UUID},
        "kind": {"enum": ["data", "receipt"]},
        "sender": {"type": "object", "required": ["device", "name", "sign_public"],
                   "properties": {"device": {"type": "string", "pattern": UUID}, "name": _str,
                                  "sign_public": _key, "enc_public": {**_key, "type": ["string", "null"]}},
                   "additionalProperties": False},
        "receiver": {"type": "object", "required": ["device"],
                     "properties": {"device": {"type": "string", "pattern": UUID}}, "additionalProperties": False},
        "created": {"type": "string", "pattern": STAMP},
        "clock": {"type": "string", "pattern": HLC,
                  "description": "the sender's hybrid-logical-clock time when the package was made"},
        "seq": _seq,
        "upto": {**_seq, "description": "the sender's local change number the package's rows were read at"},
        "full": {"type": "boolean"},
        "acked": {"type": "object", "required": ["seq"], "properties": {"seq": _seq},
                  "additionalProperties": False},
        "acknowledges": {"type": "object", "required": ["package_id", "seq"],
                         "properties": {"package_id": {"type": "string", "pattern": UUID}, "seq": _seq},
                         "additionalProperties": False},
        "encrypted": {"type": "boolean"},
        "members": {"type": "object", "maxProperties": 200,
                    "additionalProperties": {"type": "string", "pattern": DIGEST}},
        "signature": {"type": "string", "maxLength": 100,
                      "description": "Ed25519 over the manifest without this field, keys sorted, compact JSON"},
    },
    "additionalProperties": False,
}

_TYPES = {"string": str, "integer": int, "boolean": bool, "object": dict, "array": list, "null": type(None)}


def check(value: Any, schema: dict[str, Any], where: str = "") -> str | None:
    """The first way ``value`` breaks ``schema`` (a short Chinese description with its place), or None."""
    kinds = schema.get("type")
    if kinds is not None:
        names = [kinds] if isinstance(kinds, str) else kinds
        if not any(_is(value, n) for n in names):
            return f"{where or '内容'}的类型不对（应为 {'/'.join(names)}）"
    if "const" in schema and value != schema["const"]:
        return f"{where}的值不对"
    if "enum" in schema and value not in schema["enum"]:
        return f"{where}的值“{str(value)[:40]}”不在允许范围内"
    if isinstance(value, str):
        if len(value) > schema.get("maxLength", MAX_TEXT):
            return f"{where}过长"
        if "pattern" in schema and not re.fullmatch(schema["pattern"].strip("^$"), value):
            return f"{where}的格式不对"
    if isinstance(value, int) and not isinstance(value, bool) and not (
            schema.get("minimum", -MAX_COUNTER) <= value <= schema.get("maximum", MAX_COUNTER)):
        return f"{where}超出范围"
    if isinstance(value, dict):
        return _check_object(value, schema, where)
    return None


def _check_object(value: dict[str, Any], schema: dict[str, Any], where: str) -> str | None:
    if len(value) > schema.get("maxProperties", 1000):
        return f"{where}的项目过多"
    for name in schema.get("required", []):
        if name not in value:
            return f"缺少“{where}{name}”"
    props = schema.get("properties", {})
    extra = schema.get("additionalProperties", True)
    for name, item in value.items():
        if name in props:
            problem = check(item, props[name], f"{where}{name}.")
        elif extra is False:
            return f"有不认识的项目“{where}{str(name)[:40]}”"
        elif isinstance(extra, dict):
            problem = check(item, extra, f"{where}{str(name)[:40]}.")
        else:
            problem = None
        if problem:
            return problem.replace(".的", "的").replace(".”", "”")
    return None


def _is(value: Any, name: str) -> bool:
    if name in ("integer", "number") and isinstance(value, bool):
        return False
    return isinstance(value, _TYPES[name])


# -- records ------------------------------------------------------------------------------------------------
ENUMS: dict[tuple[str, str], list[Any]] = {
    ("checklists", "kind"): ["workplan", "template"],
    ("item_units", "role"): ["lead", "support"],
    ("inspection_results", "result"): ["符合", "不符合", "不适用", "未检查"],
    ("findings", "grade"): ["一般", "重大"],
    ("sites", "risk_level"): ["红", "橙", "黄", "蓝", None],
    ("checklists", "builtin"): [0, 1],
    ("inspections", "unannounced"): [0, 1],
    ("findings", "listed_supervision"): [0, 1],
    ("inspectors", "active"): [0, 1],
    ("risk_assessments", "method"): ["factors", "lec"],
    ("risk_assessments", "level"): ["红", "橙", "黄", "蓝"],
    ("inspection_plans", "kind"): ["town", "published"],
    ("inspection_plans", "period_kind"): ["year", "quarter", "month"],
}
# Calendar days, and times that begin with one: the district's lists, reports and risk schedule read them as
# dates, so one that is not (``garbage``, ``2026-02-30``) would break them for every record, not just its own.
DATES = {("findings", "found_on"), ("risk_policies", "issued_on"), ("risk_assessments", "assessed_on"),
         ("inspection_plans", "starts_on"), ("inspection_plans", "ends_on"), ("plan_sites", "target_date")}
# (a campaign's dates are checked with the campaign, inspector.sync.authorize)
TIMES = {("inspections", "started_at"), ("inspections", "ended_at"), ("plan_draws", "drawn_at")}
DAY = r"^\d{4}-\d{2}-\d{2}$"
DAY_TIME = r"^\d{4}-\d{2}-\d{2}([T ][0-9:.+Z-]{0,30})?$"
PATTERNS = {"id": UUID, "device_id": UUID, "created_at": STAMP, "updated_at": STAMP, "deleted_at": STAMP}
EVENT_COLUMNS = [("id", "TEXT", True), ("finding_id", "TEXT", True), ("kind", "TEXT", True),
                 ("on_date", "TEXT", True), ("actor", "TEXT", False), ("data", "TEXT", False),
                 ("created_at", "TEXT", True), ("device_id", "TEXT", True)]


def column_schema(table: str, name: str, sql_type: str, required: bool,
                  nullable: bool | None = None) -> dict[str, Any]:
    """One column's schema. A column may be left out (it has a default) and still never be null: a package that
    sends null there is refused here, with the field named, rather than by the database at the end."""
    base = "integer" if sql_type.upper().startswith("INT") else "string"
    nullable = not required if nullable is None else nullable
    schema: dict[str, Any] = {"type": [base, "null"] if nullable else base}
    if base == "string":
        schema["maxLength"] = MAX_META if name == "sync_meta" else MAX_LONG_TEXT if name in LONG else MAX_TEXT
    else:
        schema.update(minimum=-MAX_COUNTER, maximum=MAX_COUNTER)
    if name in PATTERNS:
        schema["pattern"] = PATTERNS[name]
    elif name in ("sha256",) and table == "attachments":
        schema["pattern"] = DIGEST
    elif name == "on_date" or (table, name) in DATES:
        schema.update(pattern=DAY, format="date")
    elif (table, name) in TIMES:
        schema["pattern"] = DAY_TIME
    if (table, name) in ENUMS:
        schema["enum"] = ENUMS[(table, name)]
    return schema


def table_schema(table: str, columns: list[tuple]) -> dict[str, Any]:
    """``columns``: (name, declared type, required[, nullable]) — see :func:`inspector.db.sync.column_types`."""
    return {"type": "object", "required": sorted(c[0] for c in columns if c[2]),
            "properties": {c[0]: column_schema(table, *c) for c in columns},
            "additionalProperties": False}


def records_schema(tables: dict[str, list[tuple[str, str, bool]]]) -> dict[str, Any]:
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "inspector-records.schema.json",
            "title": "Inspector package records (one JSON object per line of records/<table>.jsonl)",
            "$defs": {t: table_schema(t, cols) for t, cols in sorted(tables.items())}}


class RowChecker:
    """The records schema of one table compiled into plain checks (fast enough for a million rows)."""

    def __init__(self, table: str, columns: list[tuple[str, str, bool]]) -> None:
        self.table = table
        self.schema = table_schema(table, columns)
        self.allowed = set(self.schema["properties"])
        self.required = set(self.schema["required"])
        self.fields = {n: (s, _simple(s)) for n, s in self.schema["properties"].items()}
        self.days = [n for n, s in self.schema["properties"].items() if s.get("pattern") in (DAY, DAY_TIME)]

    def problem(self, row: Any) -> str | None:
        if not isinstance(row, dict):
            return "记录不是对象"
        keys = row.keys()
        if not keys <= self.allowed:
            return f"有不认识的字段“{sorted(set(keys) - self.allowed)[0][:40]}”"
        if not self.required <= keys:
            return f"缺少字段“{sorted(self.required - set(keys))[0]}”"
        fields = self.fields
        for name, value in row.items():  # every key is a known column (checked above)
            schema, (kind, limit, nullable, pattern, allowed) = fields[name]
            if value is None and nullable:
                continue
            if type(value) is kind and (kind is int or len(value) <= limit) and (
                    kind is str or -MAX_COUNTER <= value <= MAX_COUNTER) and (
                    pattern is None or pattern.fullmatch(value)) and (allowed is None or value in allowed):
                continue
            problem = check(value, schema, name)
            if problem:
                return problem
        return self._day_problem(row)

    def _day_problem(self, row: dict[str, Any]) -> str | None:
        """A date the pattern let through must also be a day of the calendar (not ``2026-02-30``)."""
        for name in self.days:
            value = row.get(name)
            if value is not None:
                try:
                    date.fromisoformat(value[:10])
                except ValueError:
                    return f"{name}的日期“{value[:20]}”不是有效日期"
        return None


def _simple(schema: dict[str, Any]) -> tuple[type, int, bool, re.Pattern | None, frozenset | None]:
    """A field's schema compiled for the fast path (the slow, explaining path runs only on a failure)."""
    kinds = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
    kind = str if "string" in kinds else int
    pattern = re.compile(schema["pattern"].strip("^$")) if "pattern" in schema else None
    allowed = frozenset(v for v in schema["enum"] if v is not None) if "enum" in schema else None
    return kind, schema.get("maxLength", 0), "null" in kinds, pattern, allowed
