"""The verbs the app offers, used by both the window and the command line; the only path to the store."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from inspector.db import Store, connect, inspection_list, open_connection, pages, queries, search
from inspector.db import campaigns as campaign_queries
from inspector.db import findings as finding_queries
from inspector.db.findings import FindingFilter
from inspector.db.inspection_list import InspectionFilter
from inspector.db.location import refuse_network_share
from inspector.db.opening import refuse_own_files
from inspector.paths import attachments_dir, default_db_path
from inspector.services import (
    attachments,
    campaigns,
    district,
    documents,
    findings,
    inspectors,
    profile,
    seeding,
    sites,
    tasks,
    templates,
)
from inspector.services.documents import ImportResult
from inspector.workflow import ORDER_ISSUED, Event, FindingState

if TYPE_CHECKING:
    from inspector.docimport import Outline


@dataclass
class Services:
    """One open database and everything that can be done with it."""

    store: Store
    path: Path
    today: Callable[[], date] = date.today  # the day the documents are dated (tests hand in a fixed one)
    _kept: list[Services] = field(default_factory=list, repr=False, compare=False)  # see warm_worker
    _kept_lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)
    _closed: bool = field(default=False, repr=False, compare=False)

    KEEP = 2
    """Worker connections kept for the next read (one per worker thread of the pool)."""

    @classmethod
    def open(cls, path: Path | str | None = None, *, seed: bool = True) -> Services:
        """Open (or create) the database; a new one gets the built-in templates and the sample documents, and a
        first start that was cut short is completed (see :meth:`seed`)."""
        path = Path(path) if path else default_db_path()
        refuse_network_share(path)  # SQLite's locks are unreliable over a network (inspector.db.location)
        new = not path.exists() or path.stat().st_size == 0
        services = cls(Store(open_connection(path), path), path)
        services.store.actor = services.store.setting("officer_name") or ""
        try:
            if seeding.due(services.store, new=new, seed=seed):
                services.seed()
            documents.refresh_builtin_templates(services.store)  # a newer program's wording of built-in items
        except BaseException:
            services.close()  # what was seeded so far is kept; the next start completes it
            raise
        return services

    def ready_for_writes(self) -> None:
        """See :meth:`Store.ready_for_writes` (the window calls it once it is shown)."""
        self.store.ready_for_writes()

    def for_worker(self) -> Services:
        """Services on the same file for a background thread (SQLite connections are per thread); it skips the
        start-up checks, which were made when this one opened. Close it when the work is done."""
        worker = Services(Store(connect(self.path), self.path, checkpoint_on_close=False), self.path, self.today)
        worker.store.actor = self.store.actor
        return worker

    def warm_worker(self) -> Services:
        """Services for a background read, on a connection kept from an earlier one if there is one: its page
        cache still holds what the last keystroke's search read, which a new connection reads from the file again
        (at a million findings that is most of a keystroke's time). Hand it back with :meth:`keep_worker`."""
        with self._kept_lock:
            worker = self._kept.pop() if self._kept else None
        if worker is None:
            worker = Services(Store(connect(self.path, any_thread=True), self.path, checkpoint_on_close=False),
                              self.path, self.today)
        worker.store.actor = self.store.actor
        return worker

    def keep_worker(self, worker: Services) -> None:
        """Take back a worker from :meth:`warm_worker` for the next read, its transaction (if any) rolled back;
        closed instead once this one is closed or enough are kept."""
        worker.store.end_read()
        with self._kept_lock:
            if not self._closed and len(self._kept) < self.KEEP:
                self._kept.append(worker)
                return
        worker.close()

    def close(self) -> None:
        with self._kept_lock:
            self._closed = True
            kept, self._kept = self._kept, []
        for worker in kept:
            worker.close()
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
        from inspector.docimport import parse_file  # the parser is not needed to start the window

        return parse_file(self._outside(path))

    def unit_merge_offers(self, outline: Outline) -> list:
        """Units of ``outline`` that may be a known unit written another way (offered, never merged silently)."""
        from inspector.docimport.unitmatch import similar_units

        return similar_units(outline, queries.unit_names(self.store))

    def import_document(self, path: Path | str, outline: Outline | None = None) -> ImportResult:
        """Parse (unless the officer already corrected an outline) and save as a checklist."""
        path = self._outside(path)
        if outline is None:
            from inspector.docimport import parse_file

            outline = parse_file(path)
        return documents.save_outline(self.store, path, outline)

    def known_file(self, path: Path | str) -> dict[str, Any] | None:
        """The document already imported from this very file, if any (recognised before the preview)."""
        return documents.known_file(self.store, self._outside(path))

    def compare_with_previous(self, path: Path | str, outline: Outline) -> tuple[int, dict[str, list[str]]] | None:
        """What a new version of a stored plan changes, for the preview (see documents.compare_with_previous)."""
        return documents.compare_with_previous(self.store, Path(path), outline)

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

    def inspection_page(self, flt: InspectionFilter, limit: int = 200,
                        after: tuple[str | None, str] | None = None) -> list[dict[str, Any]]:
        """One page of the 检查 list (see :mod:`inspector.db.inspection_list`)."""
        return inspection_list.inspection_page(self.store, flt, limit, after)

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
            if event.kind == ORDER_ISSUED and not str(data.get("doc_no") or "").strip():
                data["doc_no"] = self._order_number_of(finding_id, event.on)
            if assessment is not None:
                data["assessment"] = self.add_attachment(assessment, "findings", finding_id, role="assessment")
            for photo in photos:  # with its resized copy, so the printed record shows it too
                data.setdefault("photos", []).append(self.add_photo(photo, "findings", finding_id, role="after"))
            return findings.act(self.store, finding_id, Event(event.kind, event.on, data, event.actor))

    def _order_number_of(self, finding_id: str, on: date) -> str | None:
        inspection_id = self.store.get("findings", finding_id).get("inspection_id")
        return self.order_number(inspection_id, on) if inspection_id else None

    def order_number(self, inspection_id: str, on: date | None = None) -> str:
        """The 文书号 of the inspection's order: the case's number under the order's category, assigned the first
        time (when the order is issued) and the same on the printed form and every reprint."""
        reports = self.reports()
        return reports.number(inspection_id, reports.order_category(), on)

    def order_number_known(self, inspection_id: str | None) -> str | None:
        """The order's 文书号 if the case has one already (nothing is assigned by asking)."""
        if not inspection_id:
            return None
        from inspector.db import reports as rq

        row = rq.document_number(self.store, inspection_id, self.reports().order_category())
        return row["text"] if row else None

    def issue_orders(self, inspection_id: str, on: date, doc_no: str = "", progress=None,
                     cancelled=None) -> list[str]:
        """下发整改 for all the inspection's findings not yet ordered, in one transaction (see :mod:`.batch`)."""
        from inspector.services import batch

        return batch.issue_orders(self, inspection_id, on, doc_no, progress or batch.no_progress,
                                  cancelled or batch.not_cancelled)

    def print_inspection(self, inspection_id: str, out: Path | str, progress=None, cancelled=None) -> Path:
        """Every document of one inspection joined into one PDF."""
        from inspector.services import batch

        return batch.print_documents(self, batch.inspection_documents(self, inspection_id), Path(out),
                                     progress or batch.no_progress, cancelled or batch.not_cancelled)

    def print_overdue_orders(self, out: Path | str, today: date | None = None, progress=None,
                             cancelled=None) -> Path:
        """The order of every case with overdue findings, joined into one PDF."""
        from inspector.services import batch

        return batch.print_documents(self, batch.overdue_orders(self, today or date.today()), Path(out),
                                     progress or batch.no_progress, cancelled or batch.not_cancelled)

    def supervise(self, finding_id: str, on: date, note: str = "", kind: str = "listed_supervision") -> None:
        """The district's 挂牌督办 (or 督办意见, 区级复核) on a finding: an event of its own (see findings)."""
        findings.district_event(self.store, finding_id, kind, on, note)

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
                **finding_queries.status_counts(self.store.conn, today or date.today())}

    def finding_rowids(self, flt: FindingFilter, today: date | None = None) -> list[int]:
        return finding_queries.finding_rowids(self.store.conn, flt, today or date.today())

    def finding_rows(self, rowids: list[int]) -> dict[int, dict[str, Any]]:
        return finding_queries.finding_rows(self.store.conn, rowids)

    def status_counts(self, today: date | None = None) -> dict[str, int]:
        return finding_queries.status_counts(self.store.conn, today or date.today())

    def matching_rowids(self, text: str, stop: Callable[[], bool] | None = None) -> set[int] | None:
        """The findings whose text contains the words typed (None: no words, so no text filter); ``stop`` ends
        the reading early (the result is then incomplete, for a search nobody waits for any more)."""
        return search.matching_rowids(self.store.conn, text, stop=stop)

    def stored_tokens(self, rowids: list[int]) -> dict[int, str]:
        """The search tokens the index holds for these findings (see ``textsearch.body_matcher``)."""
        return search.stored_tokens(self.store.conn, rowids)

    def newest_rowids(self, sort: str, descending: bool, limit: int) -> list[int]:
        """The first findings of the unfiltered list, read without reading the whole list."""
        return search.newest_rowids(self.store.conn, sort, descending, limit)

    def finding_row_of(self, finding_id: str) -> int | None:
        return pages.finding_rowid(self.store, finding_id)

    def finding_choice(self, finding_id: str) -> dict[str, Any] | None:
        return pages.finding_choice(self.store, finding_id)

    def finding_detail(self, finding_id: str) -> dict[str, Any]:
        return queries.finding_detail(self.store, finding_id)

    def inspectors(self, active_only: bool = False) -> list[dict[str, Any]]:
        """Inspectors (``active_only``: those offered for new work), the officer's own record (the profile) first:
        the default first inspector."""
        return profile.profile_first(queries.inspectors(self.store, active_only), profile.inspector_id(self.store))

    def save_inspector(self, fields: dict[str, Any], inspector_id: str | None = None) -> str:
        return inspectors.save_inspector(self.store, fields, inspector_id)

    def set_inspector_active(self, inspector_id: str, active: bool) -> None:
        inspectors.set_active(self.store, inspector_id, active)

    def remove_inspector(self, inspector_id: str) -> None:
        inspectors.remove_inspector(self.store, inspector_id)

    def towns(self) -> list[str]:
        return queries.distinct_values(self.store, "sites", "town")

    def campaigns(self) -> list[dict[str, Any]]:
        """Campaigns to pick or filter by: the records, then names older versions typed that have none yet."""
        return campaigns.choices(self.store)

    def campaign_records(self) -> list[dict[str, Any]]:
        return campaign_queries.campaigns(self.store)

    def save_campaign(self, fields: dict[str, Any], campaign_id: str | None = None) -> str:
        return campaigns.save(self.store, fields, campaign_id)

    def delete_campaign(self, campaign_id: str) -> None:
        campaigns.delete(self.store, campaign_id)

    def adopt_campaigns(self) -> list[str]:
        return campaigns.adopt(self.store)

    def campaign_progress(self, campaign_id: str, today: date | None = None) -> dict[str, Any]:
        return campaigns.progress(self.store, campaign_id, today or date.today())

    def district_stats(self, today: date | None = None, date_from: str | None = None, date_to: str | None = None,
                       town: str | None = None) -> dict[str, Any]:
        """The district's figures per town (a town's own only, on a town's device): see services.district."""
        return district.statistics(self.store, today or date.today(), date_from, date_to, town)

    def assessment_weights(self) -> dict[str, float]:
        return district.weights(self.store)

    def set_assessment_weights(self, changes: dict[str, float]) -> dict[str, float]:
        return district.set_weights(self.store, changes)

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

    def order_title(self) -> str:
        """The rectification order's name for this office (设置 → 文书类型): 限期整改意见书 or 责令限期整改指令书."""
        from inspector.services.reports import order_title

        return order_title(self.store.setting("issuer_kind"))

    def set_setting(self, key: str, value: str) -> None:
        """A profile or preference value; recorded in the audit log like every other change."""
        if key in profile.ON_RECORD:
            profile.set_field(self.store, key, value)  # the officer's inspector record changes with it
        else:
            self.store.set_setting(key, value, audit=True)
        if key == "officer_name":
            self.store.actor = value

    # -- the first start ------------------------------------------------------------------------------------
    def needs_setup(self) -> bool:
        return profile.needs_setup(self.store)

    def officer_profile(self) -> profile.Profile:
        return profile.load(self.store)

    def complete_setup(self, officer: profile.Profile, district: dict[str, Any] | None = None) -> str:
        """The first-run set-up as one action: the profile, its inspector record and, when the district's
        identity file was chosen and its fingerprint compared, the district trusted — all kept or none."""
        with self.store.atomic():
            inspector_id = profile.save(self.store, officer)
            if district is not None:
                self.sync().add_peer(district, role="district")
        return inspector_id

    def skip_setup(self) -> None:
        profile.skip(self.store)

    def reports(self):
        from inspector.services.reports import Reports

        return Reports(self.store, self.path, self.today)

    def sync(self):
        from inspector.services.sync import Sync

        return Sync(self.store, self.path)

    def planning(self):
        """Risk grading, inspection plans and 双随机 draws (inspector/services/planning.py)."""
        from inspector.services.planning import Planning

        return Planning(self.store, self.path)

    def backups(self):
        from inspector.services.backup import Backups

        return Backups(self.store, self.path)

    # -- overview -------------------------------------------------------------------------------------------
    def stats(self, today: date | None = None) -> dict[str, Any]:
        return queries.stats(self.store, today or date.today())

    def check(self) -> list[str]:
        return queries.integrity_problems(self.store, attachments_dir(self.path))


__all__ = ["FindingFilter", "ImportResult", "InspectionFilter", "Services"]
