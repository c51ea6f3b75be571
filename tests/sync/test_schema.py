"""Exported manifests and records validate against the published JSON Schemas (docs/schema/)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import jsonschema

from inspector import workflow as wf
from inspector.sync import package

SCHEMAS = Path(__file__).resolve().parents[2] / "docs" / "schema"


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
    a.sync().export("普陀区应急局", out)
    manifest_schema = json.loads((SCHEMAS / "manifest.schema.json").read_text(encoding="utf-8"))
    records_schema = json.loads((SCHEMAS / "records.schema.json").read_text(encoding="utf-8"))
    contents = package.read(out)
    jsonschema.validate(contents.manifest, manifest_schema)
    assert contents.records["findings"] and contents.records["finding_events"] and contents.attachments
    for table, rows in contents.records.items():
        schema = {**records_schema, "$ref": f"#/$defs/{table}"}
        for row in rows:
            jsonschema.validate(row, schema)
    receipt_path = tmp_path / "r.receipt"
    d.sync().import_package(out, receipt_out=receipt_path)
    jsonschema.validate(package.read(receipt_path).manifest, manifest_schema)
    d.sync().export("长寿路街道", tmp_path / "back.inspx", full=True, encrypt=True)
    jsonschema.validate(package.read(tmp_path / "back.inspx", a.store.setting("enc_private")).manifest,
                        manifest_schema)
