"""The verbs the app offers, used by both the window and the command line; the only path to the store."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from inspector.db import Store, connect, open_database, pages, queries, search
from inspector.db import findings as finding_queries
from inspector.db.findings import FindingFilter
from inspector.db.location import refuse_network_share
from inspector.db.opening import refuse_own_files
from inspector.docimport import Outline, parse_file
from inspector.paths import attachments_dir, default_db_path
from inspector.services import attachments, documents, findings, seeding, sites, tasks, templates
from inspector.services.documents import ImportResult
from inspector.workflow import Event, FindingState


@dataclass
class Services:
    """One open database and everything that can be done with it."""

    store: Store
    path: Path
    today: Callable[[], date] = date.today  # the day the documents are dated (tests hand in a fixed one)

    @classmethod
    def open(cls, path: Path | str | None = None, *, seed: bool = True) -> Services:
        """Open (or create) the database; a new one gets the built-in templates and the sample documents, and a
        first start that was cut short is completed (see :meth:`seed`)."""
        path = Path(path) if path else default_db_path()
        refuse_network_share(path)  # SQLite's locks are unreliable over a network (inspector.db.location)
        new = not path.exists() or path.stat().st_size == 0
        services = cls(Store(open_database(path), path), path)
        services.store.actor = services.store.setting("officer_name") or ""
        try:
            if seeding.due(services.store, new=new, seed=seed):
                services.seed()
        except BaseException:
            services.close()  # what was seeded so far is kept; the next start completes it
            raise
        return services

    def for_worker(self) -> Services:
        """Services on the same file for a background thread (SQLite connections are per thread); it skips the
        start-up checks, which were made when this one opened. Close it when the work is done."""
        worker = Services(Store(connect(self.path), self.path, checkpoint_on_close=False), self.path, self.today)
        worker.store.actor = self.store.actor
        return worker

    def close(self) -> None:
        self.store.close()

    def interrupt(self) -> None:
        """Stop the query this connection is running (a newer search replaced it); safe from another thread."""
        self.store.interrupt()

    def seed(self) -> None:
        """Install the built-in templates and the sample documents, resumably (see :mod:`.seeding`)."""
        seeding.run(self.store, self.import_document)

    # -- documents ------------------------------------------------------------------------------------------
    def _outside(self, path: Path | str) -> Path:
        """A file chosen by the user, refused if it is the database itself (see ``refuse_own_files``)."""
        return refuse_own_files(self.path, path)

    def parse(self, path: Path | str) -> Outline:
        return parse_file(self._outside(path))

    def import_document(self, path: Path | str, outline: Outline | None = None) -> ImportResult:
        """Parse (unless the officer already corrected an outline) and save as a checklist."""
        path = self._outside(path)
        return documents.save_outline(self.store, path, outline or parse_file(path))

    def document_tables(self, document_id: str) -> list[dict[str, Any]]:
        return queries.document_tables(self.store, document_id)

    def checklists(self, kind: str | None = None) -> list[dict[str, Any]]:
        return queries.checklists(self.store, kind)

    def checklist_items(self, checklist_id: str) -> list[dict[str, Any]]:
        return queries.checklist_items(self.store, checklist_id)

    def checklist_progress(self, checklist_id: str) -> dict[str, dict[str, Any]]:
        return queries.checklist_progress(self.store, checklist_id)

    def check_task_progress(self, item_id: str, **fields: Any) -> None:
        tasks.check_progress(self.store, item_id, **fields)

    def save_task_progress(self, item_id: str, **fields: Any) -> str:
        return tasks.save_progress(self.store, item_id, **fields)

    def save_template(self, name: str, items: list[dict[str, Any]], template_id: str | None = None) -> str:
        return templates.save_template(self.store, name, items, template_id)

    # -- sites, inspections, findings -----------------------------------------------------------------------
    def add_site(self, **fields: Any) -> str:
        return sites.save_site(self.store, fields)

    def check_site(self, fields: dict[str, Any], site_id: str | None = None) -> None:
        sites.validate(self.store, fields, site_id)

    def save_site(self, fields: dict[str, Any], site_id: str | None = None) -> str:
        return sites.save_site(self.store, fields, site_id)

    def sites(self, text: str = "", limit: int | None = None) -> list[dict[str, Any]]:
        return queries.sites(self.store, text, limit)

    def site_file(self, site_id: str) -> dict[str, Any]:
        return queries.site_file(self.store, site_id)

    def export_sites(self, path: Path | str) -> int:
        return sites.export_excel(self.store, self._outside(path))

    def import_sites(self, path: Path | str) -> dict[str, int]:
        return sites.import_excel(self.store, self._outside(path))

    def inspections(self, limit: int = 500) -> list[dict[str, Any]]:
        return queries.inspections(self.store, limit)

    def inspection_results(self, inspection_id: str) -> dict[str, dict[str, Any]]:
        return queries.inspection_results(self.store, inspection_id)

    def add_inspector(self, name: str, certificate_no: str = "", unit: str = "") -> str:
        return findings.add_inspector(self.store, name, certificate_no, unit)

    def start_inspection(self, site_id: str, checklist_id: str | None, **fields: Any) -> str:
        return findings.start_inspection(self.store, site_id, checklist_id, **fields)

    def record_result(self, inspection_id: str, item_id: str, result: str, note: str = "") -> str:
        return findings.record_result(self.store, inspection_id, item_id, result, note)

    def record_finding(self, *, photos: Sequence[Path | str] = (), **fields: Any) -> str:
        """Register a finding with its photos (整改前) in one transaction: refused, nothing is kept."""
        with self.store.atomic():
            finding_id = findings.record_finding(self.store, **fields)
            for photo in photos:
                self.add_photo(photo, "findings", finding_id, role="before")
        return finding_id

    def sign(self, inspection_id: str, signer: str, image: Path | None, refused: bool = False) -> None:
        """Keep a signature image for the reports (or record that the signer refused to sign), together."""
        with self.store.atomic():
            attachment_id = None
            if image is not None and not refused:
                attachment_id = self.add_attachment(image, "inspections", inspection_id,
                                                    role=f"signature:{signer}")
            findings.sign(self.store, inspection_id, signer, attachment_id, refused)

    def sign_all(self, inspection_id: str, signatures: dict[str, tuple[Path | None, bool]]) -> None:
        """Every signer's image or refusal (signer → (image, refused)) as one action: all saved or none."""
        with self.store.atomic():
            for signer, (image, refused) in signatures.items():
                self.sign(inspection_id, signer, image, refused)

    def act(self, finding_id: str, event: Event, photos: Sequence[Path | str] = (),
            assessment: Path | str | None = None) -> FindingState:
        """One step of a finding with the files it brings — photos after rectification (``data["photos"]``), the
        assessment report of a 销号 (``data["assessment"]``) — in one transaction: a step the rules refuse
        keeps neither the event nor the files."""
        with self.store.atomic():
            data = dict(event.data)
            if assessment is not None:
                data["assessment"] = self.add_attachment(assessment, "findings", finding_id, role="assessment")
            for photo in photos:
                data.setdefault("photos", []).append(
                    self.add_attachment(photo, "findings", finding_id, role="after"))
            return findings.act(self.store, finding_id, Event(event.kind, event.on, data, event.actor))

    def allowed_steps(self, finding_id: str, on: date | None = None) -> dict[str, str | None]:
        """Which steps the rules allow for this finding now (None) and, for the others, why not."""
        return findings.allowed_steps(self.store, finding_id, on or date.today())

    def list_records(self, what: str) -> list[dict[str, Any]]:
        return queries.list_records(self.store, what)

    def finding_choices(self, limit: int = 500) -> list[dict[str, Any]]:
        """The newest findings for a pick list (id, site, description, status)."""
        return queries.finding_choices(self.store, limit)

    def status_summary(self, today: date | None = None) -> dict[str, int]:
        """Everything the status bar shows, with the findings counted in one pass."""
        return {**queries.summary(self.store),
                **finding_queries.status_counts(self.store.db, today or date.today())}

    def finding_rowids(self, flt: FindingFilter, today: date | None = None) -> list[int]:
        return finding_queries.finding_rowids(self.store.db, flt, today or date.today())

    def finding_rows(self, rowids: list[int]) -> dict[int, dict[str, Any]]:
        return finding_queries.finding_rows(self.store.db, rowids)

    def status_counts(self, today: date | None = None) -> dict[str, int]:
        return finding_queries.status_counts(self.store.db, today or date.today())

    def matching_rowids(self, text: str) -> set[int] | None:
        """The findings whose text contains the words typed (None: no words, so no text filter)."""
        return search.matching_rowids(self.store.db, text)

    def newest_rowids(self, sort: str, descending: bool, limit: int) -> list[int]:
        """The first findings of the unfiltered list, read without reading the whole list."""
        return search.newest_rowids(self.store.db, sort, descending, limit)

    def finding_row_of(self, finding_id: str) -> int | None:
        return pages.finding_rowid(self.store, finding_id)

    def finding_choice(self, finding_id: str) -> dict[str, Any] | None:
        return pages.finding_choice(self.store, finding_id)

    def finding_detail(self, finding_id: str) -> dict[str, Any]:
        return queries.finding_detail(self.store, finding_id)

    def inspectors(self) -> list[dict[str, Any]]:
        return queries.inspectors(self.store)

    def towns(self) -> list[str]:
        return queries.distinct_values(self.store, "sites", "town")

    def campaigns(self) -> list[str]:
        return queries.distinct_values(self.store, "findings", "campaign")

    def audit_entries(self, record_id: str) -> list[dict[str, Any]]:
        return queries.audit_entries(self.store, record_id)

    def attachments_of(self, owner_table: str, owner_id: str) -> list[dict[str, Any]]:
        return queries.attachments_of(self.store, owner_table, owner_id)

    def attachment_path(self, sha256: str) -> Path:
        return attachments.stored_path(attachments_dir(self.path), sha256)

    def findings_of_item(self, item_id: str) -> list[dict[str, Any]]:
        return queries.findings_of_item(self.store, item_id)

    def finding_events(self, finding_id: str) -> list[dict[str, Any]]:
        return queries.finding_events(self.store, finding_id)

    def add_attachment(self, source: Path | str, owner_table: str, owner_id: str, role: str = "photo",
                       caption: str = "") -> str:
        return attachments.add_attachment(self.store, attachments_dir(self.path), self._outside(source), owner_table,
                                          owner_id, role, caption)

    def add_attachments(self, sources: Sequence[Path | str], owner_table: str, owner_id: str,
                        role: str = "photo") -> list[str]:
        """Several files for one record (a task's evidence) as one action: all kept or none."""
        with self.store.atomic():
            return [self.add_attachment(source, owner_table, owner_id, role) for source in sources]

    def add_photo(self, source: Path | str, owner_table: str, owner_id: str, role: str = "photo",
                  caption: str = "") -> str:
        return attachments.add_photo(self.store, attachments_dir(self.path), self._outside(source), owner_table,
                                     owner_id, role, caption)

    def set_setting(self, key: str, value: str) -> None:
        """A profile or preference value; recorded in the audit log like every other change."""
        self.store.set_setting(key, value, audit=True)
        if key == "officer_name":
            self.store.actor = value

    def reports(self):
        from inspector.services.reports import Reports

        return Reports(self.store, self.path, self.today)

    def sync(self):
        from inspector.services.sync import Sync

        return Sync(self.store, self.path)

    def backups(self):
        from inspector.services.backup import Backups

        return Backups(self.store, self.path)

    # -- overview -------------------------------------------------------------------------------------------
    def stats(self, today: date | None = None) -> dict[str, Any]:
        return queries.stats(self.store, today or date.today())

    def check(self) -> list[str]:
        return queries.integrity_problems(self.store, attachments_dir(self.path))


__all__ = ["FindingFilter", "ImportResult", "Services"]
