"""The verbs the app offers, used by both the window and the command line; the only path to the store."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from inspector.db import Store, open_database, queries
from inspector.db import findings as finding_queries
from inspector.db.findings import FindingFilter
from inspector.docimport import Outline, parse_file
from inspector.paths import attachments_dir, default_db_path, sample_documents
from inspector.services import attachments, documents, findings
from inspector.services.documents import ImportResult
from inspector.workflow import Event, FindingState


@dataclass
class Services:
    """One open database and everything that can be done with it."""

    store: Store
    path: Path

    @classmethod
    def open(cls, path: Path | str | None = None, *, seed: bool = True) -> Services:
        """Open (or create) the database; a new one gets the built-in templates and the sample documents."""
        path = Path(path) if path else default_db_path()
        new = not path.exists() or path.stat().st_size == 0
        services = cls(Store(open_database(path), path), path)
        if new and seed:
            services.seed()
        return services

    def close(self) -> None:
        self.store.close()

    def seed(self) -> None:
        documents.seed_templates(self.store)
        for sample in sample_documents():
            self.import_document(sample)

    # -- documents ------------------------------------------------------------------------------------------
    def parse(self, path: Path | str) -> Outline:
        return parse_file(path)

    def import_document(self, path: Path | str, outline: Outline | None = None) -> ImportResult:
        """Parse (unless the officer already corrected an outline) and save as a checklist."""
        path = Path(path)
        return documents.save_outline(self.store, path, outline or parse_file(path))

    def document_tables(self, document_id: str) -> list[dict[str, Any]]:
        return queries.document_tables(self.store, document_id)

    def checklists(self, kind: str | None = None) -> list[dict[str, Any]]:
        return queries.checklists(self.store, kind)

    def checklist_items(self, checklist_id: str) -> list[dict[str, Any]]:
        return queries.checklist_items(self.store, checklist_id)

    # -- sites, inspections, findings -----------------------------------------------------------------------
    def add_site(self, **fields: Any) -> str:
        return findings.add_site(self.store, **fields)

    def add_inspector(self, name: str, certificate_no: str = "", unit: str = "") -> str:
        return findings.add_inspector(self.store, name, certificate_no, unit)

    def start_inspection(self, site_id: str, checklist_id: str | None, **fields: Any) -> str:
        return findings.start_inspection(self.store, site_id, checklist_id, **fields)

    def record_result(self, inspection_id: str, item_id: str, result: str, note: str = "") -> str:
        return findings.record_result(self.store, inspection_id, item_id, result, note)

    def record_finding(self, **fields: Any) -> str:
        return findings.record_finding(self.store, **fields)

    def act(self, finding_id: str, event: Event) -> FindingState:
        return findings.act(self.store, finding_id, event)

    def list_records(self, what: str) -> list[dict[str, Any]]:
        return queries.list_records(self.store, what)

    def finding_rowids(self, flt: FindingFilter, today: date | None = None) -> list[int]:
        return finding_queries.finding_rowids(self.store.db, flt, today or date.today())

    def finding_rows(self, rowids: list[int]) -> dict[int, dict[str, Any]]:
        return finding_queries.finding_rows(self.store.db, rowids)

    def status_counts(self, today: date | None = None) -> dict[str, int]:
        return finding_queries.status_counts(self.store.db, today or date.today())

    def finding_events(self, finding_id: str) -> list[dict[str, Any]]:
        return queries.finding_events(self.store, finding_id)

    def add_attachment(self, source: Path | str, owner_table: str, owner_id: str, role: str = "photo",
                       caption: str = "") -> str:
        return attachments.add_attachment(self.store, attachments_dir(self.path), Path(source), owner_table,
                                          owner_id, role, caption)

    # -- overview -------------------------------------------------------------------------------------------
    def stats(self, today: date | None = None) -> dict[str, Any]:
        return queries.stats(self.store, today or date.today())

    def check(self) -> list[str]:
        return queries.integrity_problems(self.store, attachments_dir(self.path))


__all__ = ["FindingFilter", "ImportResult", "Services"]
