"""Exported manifests and records validate against the published JSON Schemas (docs/schema/), which are the
ones the import enforces."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import jsonschema

from inspector import workflow as wf
from inspector.db import sync as sq
from inspector.db.structure import SYNCED_TABLES
from inspector.sync import keyfile, package
from inspector.sync.schema import MANIFEST, records_schema

SCHEMAS = Path(__file__).resolve().parents[2] / "docs" / "schema"


def published(name: str) -> dict:
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))


def test_the_published_schemas_are_the_enforced_ones(services):
    tables = {t: sq.column_types(services.store, t) for t in (*SYNCED_TABLES, "finding_events")}
    assert published("records.schema.json") == records_schema(tables)
    assert published("manifest.schema.json") == MANIFEST


def test_manifest_and_every_record_type_validate(world, tmp_path):
    a, d = world["a"], world["d"]
    site = a.add_site(name="上海恒达餐饮有限公司", credit_code="91310000607206953D", town="长寿路街道")
    inspection = a.start_inspection(site, None, type="日常")
    finding = a.record_finding(description="灭火器过期", grade="一般", found_on=date.today(),
                               deadline=date.today() + timedelta(days=10), site_id=site, inspection_id=inspection)
    a.act(finding, wf.Event(wf.ORDER_ISSUED, date.today(), {"deadline": date.today() + timedelta(days=10)}))
    photo = tmp_path / "p.png"
    photo.write_bytes(b"\x89PNG bytes")
    a.add_attachment(photo, "findings", finding)
    a.add_inspector("林志明", "31001234")
    a.reports().number(inspection, "检记")
    out = tmp_path / "all.inspx"
    a.sync().export("普陀区应急局", out, encrypt=False)
    manifest_schema, records = published("manifest.schema.json"), published("records.schema.json")
    contents = package.read(out)
    jsonschema.validate(contents.manifest, manifest_schema)
    assert contents.records["findings"] and contents.records["finding_events"] and contents.attachments
    for table, rows in contents.records.items():
        schema = {**records, "$ref": f"#/$defs/{table}"}
        for row in rows:
            jsonschema.validate(row, schema)
    receipt_path = tmp_path / "r.receipt"
    d.sync().import_package(out, receipt_out=receipt_path)
    jsonschema.validate(package.read(receipt_path).manifest, manifest_schema)
    d.sync().export("长寿路街道", tmp_path / "back.inspx", full=True)
    sealed = package.read(tmp_path / "back.inspx", keyfile.load(a.store.device_id)["enc_private"]).manifest
    jsonschema.validate(sealed, manifest_schema)
    assert "counts" not in sealed and "trusted_keys" not in sealed  # the readable manifest says who, not what


def test_the_format_document_prints_the_ownership_table_in_force():
    from inspector.sync.ownership import table_markdown

    text = (SCHEMAS.parent / "sync-format.md").read_text(encoding="utf-8")
    assert table_markdown() in text
    for heading in ("## Threat model", "## Order of checks", "## Ownership"):
        assert heading in text
