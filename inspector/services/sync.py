"""Exchanging records with peers through package files: export, verify, preview, merge, receipts, keys.

A town sends its inspections, results, findings with their events, attachments, task progress and the sites it
added or changed; the district sends checklists, templates, the site register and its trusted keys. Importing is
all or nothing in one transaction, after every check; the same package twice changes nothing; merges keep
concurrent edits of a field as a conflict for a person to settle. See docs/sync-format.md.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from inspector import workflow as wf
from inspector.db import sync as sq
from inspector.db.findings import reindex_many
from inspector.db.store import Store, new_id, utc_now
from inspector.errors import ImportFailed, RuleError
from inspector.paths import attachments_dir
from inspector.services.attachments import stored_path
from inspector.sync import keys, package
from inspector.sync.versions import local_edit, merge_records

# A town also sends the checklists its inspections and task progress refer to (built-in templates and imported
# documents have the same ids on every device, so they merge rather than duplicate).
TOWN_SENDS = ("documents", "checklists", "checklist_items", "units", "item_units", "sites", "inspectors",
              "inspections", "inspection_results", "findings", "attachments", "task_progress", "doc_numbers")
DISTRICT_SENDS = ("documents", "checklists", "checklist_items", "units", "item_units", "sites")
DERIVED = {"findings": ("status", "current_deadline", "closed_on")}


@dataclass
class ImportReport:
    """What a package did (or, in a dry run, would do), per table."""

    package_id: str
    sender: str
    seq: int
    tables: dict[str, dict[str, int]] = field(default_factory=dict)
    events: int = 0
    attachments: int = 0
    duplicate: bool = False
    dry_run: bool = False
    receipt: str | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


class Sync:
    def __init__(self, store: Store, db_path: Path) -> None:
        self.store = store
        self.files = attachments_dir(db_path)

    # -- identity and peers ----------------------------------------------------------------------------------
    def identity(self) -> dict[str, str]:
        """This device's name, role and public keys (keys are made the first time)."""
        if not self.store.setting("sign_private"):
            for key, value in keys.new_keys().items():
                self.store.set_setting(key, value)
        s = self.store.setting
        return {"device": self.store.device_id, "name": s("device_name") or s("town") or s("unit") or "本机",
                "unit": s("unit") or "", "town": s("town") or "", "role": s("role") or "town",
                "sign_public": s("sign_public"), "enc_public": s("enc_public")}

    def add_peer(self, identity: dict[str, Any], trusted: bool) -> str:
        """Record a device (from its identity file or a package); ``trusted`` is an administrator's choice."""
        existing = sq.peer_by_device(self.store, identity["device"])
        fields = {"name": identity.get("name") or identity["device"][:8], "unit": identity.get("unit"),
                  "town": identity.get("town"), "role": identity.get("role"), "device": identity["device"],
                  "public_key": identity["sign_public"], "enc_key": identity.get("enc_public"),
                  "trusted": int(trusted), "revoked": 0}
        if existing:
            if existing["public_key"] != identity["sign_public"] and existing["trusted"]:
                raise RuleError(f"设备“{fields['name']}”的签名密钥与登记的不同。",
                                "如确认对方更换了密钥，请先吊销旧密钥再重新信任。")
            self.store.update("peers", existing["id"], fields)
            return existing["id"]
        return self.store.insert("peers", fields)

    def revoke(self, device: str) -> None:
        peer = sq.peer_by_device(self.store, device)
        if peer is None:
            raise RuleError("没有登记这台设备。")
        self.store.update("peers", peer["id"], {"trusted": 0, "revoked": 1})

    def export_identity(self, out: Path) -> Path:
        Path(out).write_text(json.dumps(self.identity(), ensure_ascii=False, indent=1), encoding="utf-8")
        return Path(out)

    @staticmethod
    def identity_from_file(path: Path) -> dict[str, Any]:
        """A device's identity from its exported identity file, or from a package it sent."""
        path = Path(path)
        if path.suffix == ".inspx":
            return package.read(path).manifest["sender"]
        try:
            identity = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ImportFailed(f"无法读取身份文件“{path.name}”。", "请使用对方“导出本机身份”生成的文件。") from exc
        if not isinstance(identity, dict) or not identity.get("device") or not identity.get("sign_public"):
            raise ImportFailed(f"“{path.name}”不是 Inspector 的身份文件。", "请使用对方“导出本机身份”生成的文件。")
        return identity

    def history(self) -> list[dict[str, Any]]:
        return sq.packages(self.store)

    def peer(self, name_or_device: str) -> dict[str, Any]:
        for p in sq.peers(self.store):
            if name_or_device in (p["name"], p["device"], p["id"]):
                return p
        raise RuleError(f"没有名为“{name_or_device}”的对方设备。", "请先用 `inspector keys trust 身份文件` 登记对方。")

    # -- export ----------------------------------------------------------------------------------------------
    def export(self, peer_name: str, out: Path, full: bool = False, encrypt: bool = False) -> dict[str, Any]:
        """Everything changed since the last package this peer acknowledged (or everything with ``full``)."""
        me = self.identity()
        peer = self.peer(peer_name)
        since = None if full else peer["acked_at"]
        tables = DISTRICT_SENDS if me["role"] == "district" else TOWN_SENDS
        records: dict[str, list[dict[str, Any]]] = {}
        for table in tables:
            where = "kind = 'template' OR kind = 'workplan'" if table == "checklists" else ""
            records[table] = sq.changed_since(self.store, table, since, where)
        if me["role"] != "district":
            records["finding_events"] = sq.events_since(self.store, since)
        blobs: dict[str, bytes] = {}
        for att in records.get("attachments", []):
            path = stored_path(self.files, att["sha256"])
            if path.exists():
                blobs[att["sha256"]] = path.read_bytes()
        seq = peer["last_seq_sent"] + 1
        created = utc_now()
        manifest = {"package_id": new_id(), "kind": "data", "sender": me, "created": created, "seq": seq,
                    "clock": self.store.clock.now(),
                    "receiver": {"device": peer["device"], "name": peer["name"]}, "full": full,
                    "acked": {"seq": peer["last_seq_received"]},
                    "trusted_keys": self._trusted_keys() if me["role"] == "district" else []}
        package.write(Path(out), manifest, records, blobs, self.store.setting("sign_private"),
                      peer["enc_key"] if encrypt else None)
        digest = package.sha256(Path(out).read_bytes())
        with self.store.atomic():
            self.store.update("peers", peer["id"], {"last_seq_sent": seq})
            self.store.insert("packages", {"direction": "out", "peer_id": peer["id"], "sender_device": me["device"],
                                           "seq": seq, "sha256": digest, "file_name": Path(out).name,
                                           "record_count": sum(len(r) for r in records.values()),
                                           "status": "sent", "package_id": manifest["package_id"],
                                           "receiver": peer["device"], "created": created})
        return {"path": str(out), "package_id": manifest["package_id"], "seq": seq,
                "counts": {t: len(r) for t, r in records.items()}, "attachments": len(blobs)}

    def _trusted_keys(self) -> list[dict[str, Any]]:
        return [{"device": p["device"], "name": p["name"], "unit": p["unit"], "town": p["town"], "role": p["role"],
                 "sign_public": p["public_key"], "enc_public": p["enc_key"]}
                for p in sq.peers(self.store) if p["trusted"] and not p["revoked"]]

    # -- import ----------------------------------------------------------------------------------------------
    def _check_sender(self, manifest: dict[str, Any], path: Path) -> dict[str, Any]:
        me = self.identity()
        sender = manifest["sender"]
        if sender.get("device") == me["device"]:
            raise ImportFailed(f"“{path.name}”是本机自己导出的数据包。", "请导入对方发来的数据包。")
        receiver = manifest.get("receiver") or {}
        if receiver.get("device") and receiver["device"] != me["device"]:
            raise ImportFailed(f"“{path.name}”是发给“{receiver.get('name')}”的，不是发给本机的。",
                               "请确认收件方，或让对方重新导出给本机。")
        peer = sq.peer_by_device(self.store, sender["device"])
        if peer is None or not peer["trusted"] or peer["revoked"]:
            fingerprint = keys.fingerprint(sender["sign_public"])
            raise ImportFailed(
                f"“{path.name}”来自未受信任的设备“{sender.get('name')}”（指纹 {fingerprint}）。",
                "如确认来源可靠，请管理员先执行 `inspector keys trust` 信任该设备。")
        if peer["public_key"] != sender["sign_public"]:
            raise ImportFailed(f"“{path.name}”的签名密钥与登记的“{peer['name']}”不符（伪造或已更换密钥）。",
                               "请勿导入，并与对方核对密钥指纹。")
        return peer

    def import_package(self, path: Path, dry_run: bool = False, receipt_out: Path | None = None) -> ImportReport:
        """Verify, then merge in one transaction (or only report, with ``dry_run``); write a receipt."""
        path = Path(path)
        self.identity()
        digest = package.file_sha256(path) if path.is_file() else ""
        seen = sq.package_seen(self.store, "", digest) if digest else None
        if seen:  # byte-for-byte a package already verified and merged: nothing to do
            return ImportReport(seen["package_id"], "", seen["seq"], duplicate=True, dry_run=dry_run)
        contents = package.read(path, self.store.setting("enc_private"))
        manifest = contents.manifest
        if manifest.get("kind") == "receipt":
            raise ImportFailed(f"“{path.name}”是回执，不是数据包。", "请用“导入回执”（inspector receipt import）。")
        peer = self._check_sender(manifest, path)
        report = ImportReport(manifest["package_id"], manifest["sender"].get("name", ""), manifest["seq"],
                              dry_run=dry_run)
        if sq.package_seen(self.store, manifest["package_id"], digest):
            report.duplicate = True
            return report
        if manifest.get("clock"):
            self.store.clock.observe(manifest["clock"])  # later edits here are ordered after the sender's
        allowed = DISTRICT_SENDS if manifest["sender"].get("role") == "district" else TOWN_SENDS
        unknown = set(contents.records) - set(allowed) - {"finding_events"}
        if unknown:
            raise ImportFailed(f"“{path.name}”含有不应由对方发送的数据（{'、'.join(sorted(unknown))}）。", "请勿导入。")
        db = self.store.db
        db.execute("SAVEPOINT sync_import")
        db.execute("PRAGMA defer_foreign_keys = ON")  # events may arrive before their finding, in one package
        try:
            self._merge(contents, report)
            self._save_attachments(contents, report)
            self._trust_distributed_keys(manifest)
            if not dry_run:
                self._record_received(manifest, peer, digest, path, report)
        except BaseException:
            db.execute("ROLLBACK TO sync_import")
            db.execute("RELEASE sync_import")
            raise
        if dry_run:
            db.execute("ROLLBACK TO sync_import")
        db.execute("RELEASE sync_import")
        if db.conn.in_transaction:
            db.conn.commit()
        if not dry_run and receipt_out is not None:
            report.receipt = str(self.write_receipt(manifest, peer, receipt_out))
        return report

    def _merge(self, contents: package.Contents, report: ImportReport) -> None:
        """Events first (a union), then each table's records merged field by field; findings get the status
        their events derive, written in the same statement; the search index follows."""
        records = contents.records
        report.events = sq.insert_events(self.store, records.get("finding_events", []))
        event_findings = {e["finding_id"] for e in records.get("finding_events", [])}
        new_findings: set[str] = set()
        rewritten: set[str] = set()
        for table, rows in records.items():
            if table == "finding_events":
                continue
            writes, new_ids, counts = self._merge_table(table, rows)
            if table == "findings":
                derived = self._derived(sorted(w["id"] for w in writes if w["id"] not in new_ids))
                derived.update(_derive_from(records.get("finding_events", []), new_ids))
                for w in writes:
                    w.update(derived.get(w["id"], {}))
                new_findings, rewritten = new_ids, {w["id"] for w in writes}
            sq.insert(self.store, table, [w for w in writes if w["id"] in new_ids])
            sq.upsert(self.store, table, [w for w in writes if w["id"] not in new_ids])
            report.tables[table] = counts
        rest = sorted(set(sq.existing(self.store, "findings", sorted(event_findings - rewritten))))
        updates = self._derived(rest)
        self.store.db.conn.executemany(
            "UPDATE findings SET status = :status, current_deadline = :current_deadline, closed_on = :closed_on "
            "WHERE id = :id", [{"id": k, **v} for k, v in updates.items()])
        reindex_many(self.store.db, sorted((rewritten | set(rest)) - new_findings), existing=True)
        reindex_many(self.store.db, sorted(new_findings), existing=False)

    def _merge_table(self, table: str, rows: list[dict[str, Any]]) -> tuple[list[dict], set[str], dict[str, int]]:
        counts = {"new": 0, "changed": 0, "conflicts": 0, "unchanged": 0, "refused": 0}
        valid = [r for r in rows if r.get("id") and r.get("device_id") and r.get("updated_at")]
        counts["refused"] = len(rows) - len(valid)
        local = sq.existing(self.store, table, [r["id"] for r in valid])
        derived = DERIVED.get(table, ())
        writes, new_ids = [], set()
        now = utc_now()
        for row in valid:
            mine = local.get(row["id"])
            merged, changed, conflict = merge_records(
                {k: v for k, v in mine.items() if k not in derived} if mine else None,
                {k: v for k, v in row.items() if k not in derived})
            counts["conflicts"] += conflict
            if mine is None:
                counts["new"] += 1
                new_ids.add(row["id"])
                merged = {**row, **merged}
            elif changed:
                counts["changed"] += 1
                merged.update({k: mine.get(k) for k in derived})
            else:
                counts["unchanged"] += 1
                continue
            merged["updated_at"] = now
            writes.append(merged)
        return writes, new_ids, counts

    def _derived(self, finding_ids: list[str]) -> dict[str, dict[str, Any]]:
        """What each finding's events say now: status, current deadline, close-out date."""
        out: dict[str, dict[str, Any]] = {}
        for events_of in sq.events_by_finding(self.store, finding_ids):
            for finding_id, events in events_of.items():
                out[finding_id] = _state_columns(events)
        return out

    def _save_attachments(self, contents: package.Contents, report: ImportReport) -> None:
        for digest, data in contents.attachments.items():
            target = stored_path(self.files, digest)
            if not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                tmp = target.with_suffix(".part")
                tmp.write_bytes(data)
                tmp.replace(target)
                report.attachments += 1

    def _trust_distributed_keys(self, manifest: dict[str, Any]) -> None:
        if manifest["sender"].get("role") != "district":
            return
        for identity in manifest.get("trusted_keys", []):
            if identity.get("device") and identity["device"] != self.store.device_id:
                existing = sq.peer_by_device(self.store, identity["device"])
                if existing is None:
                    self.add_peer(identity, trusted=True)

    def _record_received(self, manifest: dict[str, Any], peer: dict[str, Any], digest: str, path: Path,
                         report: ImportReport) -> None:
        self.store.insert("packages", {
            "direction": "in", "peer_id": peer["id"], "sender_device": manifest["sender"]["device"],
            "seq": manifest["seq"], "sha256": digest, "file_name": path.name,
            "record_count": sum(sum(c.values()) for c in report.tables.values()),
            "status": "imported", "package_id": manifest["package_id"], "receiver": self.store.device_id,
            "created": manifest["created"], "summary": json.dumps(report.tables, ensure_ascii=False)})
        self.store.update("peers", peer["id"], {"last_seq_received": max(peer["last_seq_received"],
                                                                           manifest["seq"])})

    # -- receipts --------------------------------------------------------------------------------------------
    def write_receipt(self, manifest: dict[str, Any], peer: dict[str, Any], out: Path) -> Path:
        receipt = {"package_id": new_id(), "kind": "receipt", "sender": self.identity(), "created": utc_now(),
                   "seq": 0, "receiver": {"device": peer["device"], "name": peer["name"]},
                   "acknowledges": {"package_id": manifest["package_id"], "seq": manifest["seq"]}}
        return package.write(Path(out), receipt, {}, {}, self.store.setting("sign_private"))

    def import_receipt(self, path: Path) -> dict[str, Any]:
        contents = package.read(Path(path))
        manifest = contents.manifest
        if manifest.get("kind") != "receipt":
            raise ImportFailed(f"“{Path(path).name}”不是回执。", "回执文件由对方导入数据包后生成。")
        peer = self._check_sender(manifest, Path(path))
        acknowledged = manifest["acknowledges"]
        sent = sq.sent_package(self.store, acknowledged["package_id"])
        if sent is None or sent["receiver"] != peer["device"]:
            raise ImportFailed("这张回执对应的数据包不是本机发出的。", "请确认回执来源。")
        with self.store.atomic():
            if acknowledged["seq"] > peer["last_seq_acked"]:
                self.store.update("peers", peer["id"], {"last_seq_acked": acknowledged["seq"],
                                                        "acked_at": sent["created"]})
            self.store.update("packages", sent["id"], {"status": "acknowledged"})
        return {"peer": peer["name"], "seq": acknowledged["seq"]}

    # -- what the district sees ------------------------------------------------------------------------------
    def overview(self) -> list[dict[str, Any]]:
        """Per peer: last package received, its sequence numbers, and gaps (packages missing in between)."""
        out = []
        for p in sq.peers(self.store):
            seqs = sq.received_seqs(self.store, p["device"] or "")
            gaps = [n for n in range(1, max(seqs, default=0) + 1) if n not in set(seqs)]
            out.append({"name": p["name"], "town": p["town"], "device": p["device"], "trusted": bool(p["trusted"]),
                        "revoked": bool(p["revoked"]), "fingerprint": keys.fingerprint(p["public_key"]),
                        "received": seqs, "gaps": gaps, "sent": p["last_seq_sent"], "acked": p["last_seq_acked"]})
        return out

    def conflicts(self) -> list[dict[str, Any]]:
        out = []
        for row in sq.conflicts(self.store, tuple(set(TOWN_SENDS) | set(DISTRICT_SENDS))):
            meta = json.loads(row["sync_meta"])
            for field_name, version in meta.items():
                if "others" in version:
                    out.append({"table": row["_table"], "id": row["id"], "field": field_name,
                                "values": [row.get(field_name)] + [o["v"] for o in version["others"]]})
        return out

    def resolve(self, table: str, record_id: str, field_name: str, value: Any) -> None:
        """A person's choice for a conflicting field: a new version that supersedes every concurrent one."""
        row = self.store.get(table, record_id)
        meta = json.loads(row["sync_meta"] or "{}")
        if "others" not in meta.get(field_name, {}):
            raise RuleError("该字段没有冲突。")
        meta[field_name] = local_edit(meta[field_name], {}, self.store.device_id, self.store.clock.now())
        with self.store.atomic():
            self.store.db[table].update(record_id, {field_name: value, "updated_at": utc_now(),
                                                    "sync_meta": json.dumps(meta, ensure_ascii=False, sort_keys=True)})
            self.store.audit("resolve_conflict", table, record_id, {field_name: value})


def _derive_from(events: list[dict[str, Any]], finding_ids: set[str]) -> dict[str, dict[str, Any]]:
    """The derived state of findings new to this device, from the events in the package itself."""
    grouped: dict[str, list[dict[str, Any]]] = {}
    for e in events:
        if e["finding_id"] in finding_ids:
            grouped.setdefault(e["finding_id"], []).append(e)
    return {finding_id: _state_columns(sorted(evs, key=lambda e: (e["on_date"], e["created_at"])))
            for finding_id, evs in grouped.items()}


def _state_columns(events: list[dict[str, Any]]) -> dict[str, Any]:
    """The finding columns its events derive (events as stored rows, in the order they happened)."""
    state = wf.derive([wf.Event(e["kind"], date.fromisoformat(e["on_date"]), json.loads(e["data"] or "{}"))
                       for e in events])
    return state.columns()
