"""Exchanging records with peers through package files: the thin orchestration of the sync pipeline.

Import runs down the floors once (docs/sync-format.md): read and verify (:mod:`inspector.sync.package`, the
sender checked against the local register before anything large is read) → validate (schemas, limits) →
authorize (ownership table, workflow rules) → merge (pure) → apply (one Store transaction, then files). A dry
run stops before apply and keeps the verified package, so the confirmed import merges exactly what was
previewed without reading the file again.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from inspector import filestore
from inspector.db import sync as sq
from inspector.db.store import Store, new_id, utc_now
from inspector.db.structure import SYNCED_TABLES
from inspector.errors import ImportFailed, RuleError
from inspector.filestore import sha256_file
from inspector.paths import attachments_dir
from inspector.services.sync_batches import Run, refusal
from inspector.sync import apply as applying
from inspector.sync import builtin, keyfile, keys, package, register

SKEW_MS = 24 * 3600 * 1000  # a sender's clock may run at most a day ahead of this one
EXPORTED = (*SYNCED_TABLES, )


@dataclass
class ImportReport:
    """What a package did (or, in a dry run, would do), per table, and every record refused with why."""

    package_id: str
    sender: str
    seq: int
    tables: dict[str, dict[str, int]] = field(default_factory=dict)
    events: int = 0
    attachments: int = 0
    refused: list[dict[str, str]] = field(default_factory=list)
    duplicate: bool = False
    dry_run: bool = False
    receipt: str | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Verified:
    """A package read and verified once: what a confirmed import merges after the preview."""

    path: Path
    digest: str
    peer: dict[str, Any]
    source: package.Source
    report: ImportReport


class Sync:
    def __init__(self, store: Store, db_path: Path, now: Callable[[], datetime] | None = None) -> None:
        self.store = store
        self.files = attachments_dir(db_path)
        self.now = now or (lambda: datetime.now(UTC))

    # -- identity and peers ----------------------------------------------------------------------------------
    def _keys(self) -> dict[str, str]:
        """This device's keys from its key file (moved there once from the settings of older versions)."""
        s = self.store.setting
        pair = keyfile.ensure(self.store.device_id, {k: s(k) for k in ("sign_private", "enc_private",
                                                                        "sign_public", "enc_public")})
        if s("sign_private") or s("enc_private") or s("sign_public") != pair["sign_public"]:
            with self.store.atomic():
                sq.delete_settings(self.store, keyfile.PRIVATE)
                self.store.set_setting("sign_public", pair["sign_public"])
                self.store.set_setting("enc_public", pair["enc_public"])
        return pair

    def identity(self) -> dict[str, str]:
        """This device's name, own role and public keys (keys are made the first time)."""
        pair, s = self._keys(), self.store.setting
        return {"device": self.store.device_id, "name": s("device_name") or s("town") or s("unit") or "本机",
                "unit": s("unit") or "", "town": s("town") or "", "role": register.my_role(self.store),
                "sign_public": pair["sign_public"], "enc_public": pair["enc_public"]}

    def add_peer(self, identity: dict[str, Any], trusted: bool = True, role: str | None = None,
                 replace_district: bool = False) -> str:
        """Trust a device in ``role`` (by default the other side of the star: a town trusts the district)."""
        if not trusted:
            raise RuleError("只能登记受信任的设备。")
        role = role or ("town" if register.my_role(self.store) == "district" else "district")
        return register.trust(self.store, identity, role, replace_district=replace_district)

    def revoke(self, device: str) -> None:
        register.revoke(self.store, self.peer(device)["device"])

    def unrevoke(self, device: str) -> None:
        register.unrevoke(self.store, self.peer(device)["device"])

    def export_identity(self, out: Path, **names: str) -> Path:
        """Write this device's identity file; ``names`` (name, unit, town) replace the stored ones, so the
        first-run set-up can hand over its file before the profile typed beside it is saved."""
        identity = {**self.identity(), **{k: v for k, v in names.items() if k in ("name", "unit", "town") and v}}
        Path(out).write_text(json.dumps(identity, ensure_ascii=False, indent=1), encoding="utf-8")
        return Path(out)

    @staticmethod
    def identity_from_file(path: Path) -> dict[str, Any]:
        """A device's identity from its exported identity file, or the sender named in a package it sent."""
        path = Path(path)
        if path.suffix == ".inspx":
            opened = package.open_package(path)
            opened.close()
            return opened.manifest["sender"]
        try:
            if path.stat().st_size > 65536:
                raise ValueError("too large")
            identity = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ImportFailed(f"无法读取身份文件“{path.name}”。", "请使用对方“导出本机身份”生成的文件。") from exc
        if not isinstance(identity, dict) or not all(isinstance(identity.get(k), str) and identity[k]
                                                     for k in ("device", "sign_public")):
            raise ImportFailed(f"“{path.name}”不是 Inspector 的身份文件。", "请使用对方“导出本机身份”生成的文件。")
        return identity

    def history(self) -> list[dict[str, Any]]:
        return sq.packages(self.store)

    def peer(self, name_or_device: str) -> dict[str, Any]:
        peers = sq.peers(self.store)
        for p in peers:
            if name_or_device in (p["name"], p["device"], p["id"]):
                return p
        for p in peers:  # a device is also known by its unit (“普陀区应急局”) when only one has that unit
            if p["unit"] == name_or_device and sum(q["unit"] == name_or_device for q in peers) == 1:
                return p
        if not peers:
            raise RuleError(f"本机还没有登记任何对方设备，找不到“{name_or_device}”。",
                            "请先与区里交换身份文件：在程序的“设置 → 首次设置…”中导出本机身份、信任区里的身份文件"
                            "（电话核对双方指纹），或运行 `inspector keys trust 区里的身份文件`。")
        known = "、".join(p["name"] for p in peers[:10])
        raise RuleError(f"没有名为“{name_or_device}”的对方设备（已登记：{known}）。",
                        "请用已登记的名称，或先用 `inspector keys trust 身份文件` 登记对方。")

    # -- export ----------------------------------------------------------------------------------------------
    def export(self, peer_name: str, out: Path, full: bool = False, encrypt: bool | None = None) -> dict[str, Any]:
        """This device's own records changed since the last package this peer acknowledged (or all of them);
        sealed for the peer whenever its encryption key is known."""
        me, pair = self.identity(), self._keys()
        peer = self.peer(peer_name)
        if not peer["trusted"] or peer["revoked"]:
            raise RuleError(f"“{peer['name']}”未受信任或已吊销，不能给它导出数据包。")
        if encrypt and not peer["enc_key"]:
            raise RuleError(f"没有“{peer['name']}”的加密公钥，无法加密。", "请重新信任对方的身份文件。")
        seal = peer["enc_key"] if encrypt is not False else None
        manifest = {"package_id": new_id(), "kind": "data", "created": utc_now(), "full": full,
                    "sender": {k: me[k] for k in ("device", "name", "sign_public", "enc_public")},
                    "receiver": {"device": peer["device"]}, "acked": {"seq": peer["last_seq_received"]}}
        # A short transaction that holds the write lock (so it waits for an import instead of reading a stale
        # snapshot) takes the package's number (before the file exists: never reused) and the change number
        # the rows stand for. The rows are then streamed into the file from one read snapshot taken after it,
        # which holds up nobody; a change made in between travels in this package and again in the next one,
        # which merges to the same. The file is put in place, and recorded, once it is complete.
        with sq.write_transaction(self.store):
            self.store.update("peers", peer["id"], {"last_seq_sent": peer["last_seq_sent"] + 1})
            peer = self.peer(peer["device"])
            manifest.update(seq=peer["last_seq_sent"], upto=sq.change_seq(self.store), clock=self.store.clock.now())
        out = Path(out)
        part = out.with_name(f".{out.name}.{manifest['package_id'][:8]}.part")
        counts: dict[str, int] = {}
        blobs: dict[str, bytes | Path] = {}
        try:
            with sq.read_transaction(self.store):
                digests: list[str] = []
                records = {t: _counted(rows, t, counts, digests if t == "attachments" else None)
                           for t, rows in self._records(0 if full else peer["acked_upto"]).items()}
                package.write(part, manifest, records, lambda: blobs.update(self._blobs(digests)) or blobs,
                              pair["sign_private"], seal)
            os.replace(part, out)
        finally:
            part.unlink(missing_ok=True)
        with self.store.atomic():  # recorded once the file is complete and in place
            self.store.insert("packages", {
                "direction": "out", "peer_id": peer["id"], "sender_device": me["device"], "seq": manifest["seq"],
                "sha256": sha256_file(out), "file_name": out.name, "record_count": sum(counts.values()),
                "status": "sent", "package_id": manifest["package_id"], "receiver": peer["device"],
                "created": manifest["created"], "upto": manifest["upto"]})
        return {"path": str(out), "package_id": manifest["package_id"], "seq": manifest["seq"],
                "encrypted": bool(seal), "counts": counts, "attachments": len(blobs)}

    def _records(self, since: int) -> dict[str, Iterator[dict[str, Any]]]:
        """Only rows this device owns travel; a town keeps its own work plans (only the district publishes
        them), and so the progress it notes against them. Rows are read as they are written out."""
        me = self.store.device_id
        local_plans = set(sq.own_workplan_items(self.store, me)) - set(builtin.reference()["checklist_items"])
        town = register.my_role(self.store) != "district"
        records: dict[str, Iterator[dict[str, Any]]] = {}
        for table in EXPORTED:
            rows = sq.changed_since(self.store, table, since, me)
            if town:
                rows = self._town_rows(table, rows, local_plans)
            records[table] = rows
        records["finding_events"] = sq.changed_since(self.store, "finding_events", since, me)
        return records

    @classmethod
    def _town_rows(cls, table: str, rows: Iterator[dict[str, Any]], local_plans: set[str]
                   ) -> Iterator[dict[str, Any]]:
        """The rows a town sends, filtered as they are read (a function, so each table keeps its own name)."""
        return (r for r in rows if cls._town_may_send(table, r, local_plans))

    @staticmethod
    def _town_may_send(table: str, row: dict[str, Any], local_plans: set[str]) -> bool:
        if table == "campaigns":
            return False  # the district publishes campaigns; a town's own would make its package refused
        if table in ("documents",) or (table == "checklists" and row["kind"] == "workplan"):
            return builtin.is_builtin(table, row["id"])
        if table in ("checklist_items", "task_progress", "item_units"):
            return (row["id"] if table == "checklist_items" else row["item_id"]) not in local_plans
        return True

    def _blobs(self, digests: list[str]) -> dict[str, bytes | Path]:
        """The stored files of these attachments (copied into the package in chunks, never read whole)."""
        blobs: dict[str, bytes | Path] = {}
        for digest in digests:
            if filestore.is_digest(digest):
                path = filestore.path_for(self.files, digest)
                if path.is_file():
                    blobs[digest] = path
        return blobs

    # -- import ----------------------------------------------------------------------------------------------
    def _check_sender(self, opened: package.Opened) -> dict[str, Any]:
        """The register decides, on the manifest alone: not this device, addressed here, trusted, the key
        registered for it, a valid signature with that key."""
        manifest, name = opened.manifest, opened.path.name
        sender = manifest["sender"]
        if sender["device"] == self.store.device_id:
            raise ImportFailed(f"“{name}”是本机自己导出的数据包。", "请导入对方发来的数据包。")
        if manifest["receiver"]["device"] != self.store.device_id:
            raise ImportFailed(f"“{name}”不是发给本机的（收件设备 {manifest['receiver']['device'][:8]}）。",
                               "请确认收件方，或让对方重新导出给本机。")
        peer = sq.peer_by_device(self.store, sender["device"])
        if peer is None or not peer["trusted"] or peer["revoked"]:
            state = "已吊销的" if peer and peer["revoked"] else "未受信任的"
            raise ImportFailed(
                f"“{name}”来自{state}设备“{sender['name']}”（指纹 {keys.fingerprint(sender['sign_public'])}）。",
                "如确认来源可靠，请管理员先核对指纹并执行 `inspector keys trust` 信任该设备。")
        if peer["public_key"] != sender["sign_public"]:
            raise ImportFailed(f"“{name}”的签名密钥与登记的“{peer['name']}”不符（伪造或已更换密钥）。",
                               "请勿导入，并与对方核对密钥指纹；更换密钥须先吊销旧登记再重新信任。")
        package.verify(opened, peer["public_key"])
        return peer

    def verify(self, path: Path) -> Verified | ImportReport:
        """Read and verify a package (all checks, nothing written): the preview, kept for the import. The
        stages run as the import runs them and are rolled back, so the preview is what the import will do."""
        verified = self._read(Path(path))
        if isinstance(verified, Verified):
            self._run(verified, commit=False)
        return verified

    def _read(self, path: Path) -> Verified | ImportReport:
        """The first pass: the manifest and the sender, then every member's checksum (no record kept)."""
        self._keys()
        digest = sha256_file(path) if path.is_file() else ""
        seen = sq.package_seen(self.store, "", digest) if digest else None
        if seen:  # byte-for-byte a package already verified and merged: nothing to do
            return ImportReport(seen["package_id"], "", seen["seq"], duplicate=True)
        opened = package.open_package(path)
        source = None
        try:
            manifest = opened.manifest
            if manifest["kind"] == "receipt":
                raise ImportFailed(f"“{path.name}”是回执，不是数据包。", "请用“导入回执”（inspector receipt import）。")
            peer = self._check_sender(opened)
            report = ImportReport(manifest["package_id"], peer["name"], manifest["seq"])
            seen = sq.package_seen(self.store, manifest["package_id"], digest)
            if seen and seen["sha256"] != digest:  # the id of a package imported before, on another file
                raise ImportFailed(f"“{path.name}”的数据包编号与已导入的“{seen['file_name']}”相同，文件内容却不同。",
                                   "本机保留已导入的那一份，这份未导入；请联系发送方核实，需要时请对方重新导出。")
            if seen:
                report.duplicate = True
                return report
            self._check_clock(manifest, path.name)
            source = package.check_members(opened, self._keys()["enc_private"])
        finally:
            if source is None or source.archive is not opened.archive:
                opened.close()
        return Verified(path, digest, peer, source, report)

    def _check_clock(self, manifest: dict[str, Any], name: str) -> None:
        stamp = manifest.get("clock")
        if stamp and int(stamp[:13]) > self._now_ms() + SKEW_MS:
            raise ImportFailed(f"“{name}”的时钟比本机快一天以上（{stamp[:13]}）。",
                               "请双方核对电脑的日期和时间后重新导出。")

    def _now_ms(self) -> int:
        return int(self.now().timestamp() * 1000)

    def _run(self, verified: Verified, commit: bool) -> set[str]:
        """The second pass, in one transaction: every batch validated, authorized, merged and written; then the
        package either commits (nothing refused) or is rolled back (a refusal, or a dry run). Fills in the
        report and returns the digests of the attachment files to save. The stages are written so that no
        input reaches an exception other than ImportFailed; should one still slip through, the officer gets a
        message, not a traceback, and nothing has been written."""
        report = verified.report
        report.tables, report.refused, report.events, report.attachments = {}, [], 0, 0
        run = Run(self, verified, SKEW_MS)
        try:
            with applying.transaction(self.store, verified.path.name):
                for table, rows in run.batches():
                    run.batch(table, rows)
                applying.settle(self.store)
                if commit and report.refused:
                    raise ImportFailed(*refusal(verified.path.name, report.refused, run.refused))
                if not commit:
                    raise applying.Rollback
                self._record_received(verified)
        except (KeyError, TypeError, ValueError, AttributeError, IndexError, RecursionError) as exc:
            raise ImportFailed(f"“{verified.path.name}”的内容无法检查（{type(exc).__name__}），未导入任何内容。",
                               "该数据包不是按本程序的格式生成的，请勿导入，并联系发送方。") from exc
        return run.files

    def _lookup(self, table: str, ids: list[str], columns: tuple[str, ...] | None) -> dict[str, dict[str, Any]]:
        if table == "finding_events_of":
            return sq.events_of(self.store, ids)
        return sq.existing(self.store, table, ids, columns)

    def import_package(self, path: Path | Verified, dry_run: bool = False,
                       receipt_out: Path | None = None) -> ImportReport:
        """Verify (or take the verified preview), then merge in one transaction; write a receipt."""
        verified = path if isinstance(path, Verified) else self._read(Path(path))
        if isinstance(verified, ImportReport):
            verified.dry_run = dry_run
            return verified
        report = verified.report
        report.dry_run = dry_run
        if report.duplicate:
            return report
        # a kept preview is run again on the same verified package: the database may have moved on since
        try:
            files = self._run(verified, commit=not dry_run)
            if dry_run:
                return report
            applying.save_files(self.files, (verified.source.attachment(d) for d in sorted(files)))
        finally:
            if not (dry_run and isinstance(path, Verified)):
                verified.source.close()
        manifest = verified.source.manifest
        if manifest.get("clock"):
            self.store.clock.observe(manifest["clock"])  # later edits here are ordered after the sender's
        if receipt_out is not None:
            report.receipt = str(self.write_receipt(manifest, verified.peer, receipt_out))
        return report

    def _record_received(self, verified: Verified) -> None:
        manifest, peer, report = verified.source.manifest, verified.peer, verified.report
        self.store.insert("packages", {
            "direction": "in", "peer_id": peer["id"], "sender_device": peer["device"],
            "seq": manifest["seq"], "sha256": verified.digest, "file_name": verified.path.name,
            "record_count": sum(sum(c.values()) for c in report.tables.values()),
            "status": "imported", "package_id": manifest["package_id"], "receiver": self.store.device_id,
            "created": manifest["created"], "summary": json.dumps(report.tables, ensure_ascii=False)})
        self.store.update("peers", peer["id"], {"last_seq_received": max(peer["last_seq_received"],
                                                                           manifest["seq"])})
        self.store.audit("import_package", "packages", manifest["package_id"],
                         {"sender": peer["device"], "seq": manifest["seq"], "tables": report.tables})

    # -- receipts --------------------------------------------------------------------------------------------
    def write_receipt(self, manifest: dict[str, Any], peer: dict[str, Any], out: Path) -> Path:
        me = self.identity()
        receipt = {"package_id": new_id(), "kind": "receipt", "created": utc_now(), "seq": 0,
                   "sender": {k: me[k] for k in ("device", "name", "sign_public", "enc_public")},
                   "receiver": {"device": peer["device"]},
                   "acknowledges": {"package_id": manifest["package_id"], "seq": manifest["seq"]}}
        return package.write(Path(out), receipt, {}, {}, self._keys()["sign_private"])

    def import_receipt(self, path: Path) -> dict[str, Any]:
        """A receipt counts only from the device the acknowledged package was sent to."""
        opened = package.open_package(Path(path))
        try:
            if opened.manifest["kind"] != "receipt" or "acknowledges" not in opened.manifest:
                raise ImportFailed(f"“{Path(path).name}”不是回执。", "回执文件由对方导入数据包后生成。")
            peer = self._check_sender(opened)
            package.load(opened, None)
        finally:
            opened.close()
        acknowledged = opened.manifest["acknowledges"]
        sent = sq.sent_package(self.store, acknowledged["package_id"])
        if sent is None or sent["receiver"] != peer["device"]:
            raise ImportFailed("这张回执对应的数据包不是本机发给该设备的。", "请确认回执来源。")
        with self.store.atomic():
            if sent["seq"] > peer["last_seq_acked"]:
                self.store.update("peers", peer["id"], {"last_seq_acked": sent["seq"], "acked_at": sent["created"],
                                                        "acked_upto": max(peer["acked_upto"], sent["upto"] or 0)})
            self.store.update("packages", sent["id"], {"status": "acknowledged"})
        return {"peer": peer["name"], "seq": sent["seq"]}

    # -- what the district sees ------------------------------------------------------------------------------
    def overview(self) -> list[dict[str, Any]]:
        """Per peer: packages received, and the gaps among them (from the set of received numbers)."""
        out = []
        for p in sq.peers(self.store):
            seqs = sq.received_seqs(self.store, p["device"] or "")
            out.append({"name": p["name"], "town": p["town"], "device": p["device"], "role": p["role"],
                        "trusted": bool(p["trusted"]), "revoked": bool(p["revoked"]),
                        "fingerprint": keys.fingerprint(p["public_key"]), "received": seqs, "gaps": gaps(seqs),
                        "sent": p["last_seq_sent"], "acked": p["last_seq_acked"]})
        return out

    def conflicts(self) -> list[dict[str, Any]]:
        out = []
        for row in sq.conflicts(self.store, SYNCED_TABLES):
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
        self.store.settle(table, record_id, field_name, value)


def _counted(rows: Iterator[dict[str, Any]], table: str, counts: dict[str, int],
             digests: list[str] | None) -> Iterator[dict[str, Any]]:
    """The rows as they pass into the package, counted (and, for attachments, their files noted)."""
    counts[table] = 0
    for row in rows:
        counts[table] += 1
        if digests is not None:
            digests.append(row["sha256"])
        yield row


def gaps(seqs: list[int], limit: int = 50) -> list[int]:
    """Numbers missing between received ones, from the sorted set itself (a huge number allocates nothing);
    at most ``limit`` are listed."""
    out: list[int] = []
    previous = 0
    for n in sorted(set(seqs)):
        for missing in range(previous + 1, min(n, previous + 1 + limit - len(out))):
            out.append(missing)
        if len(out) >= limit:
            break
        previous = n
    return out
