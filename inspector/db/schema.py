"""The database schema as numbered migrations.

Each migration runs in its own transaction together with the record of it having been applied (sqlite-utils'
``Migrations``), so a failing step leaves the database exactly at the previous step. ``PRAGMA user_version``
mirrors the number of applied steps so that a database written by a newer program is recognised before anything
is touched, and ``PRAGMA application_id`` marks the file as ours.

Every synchronised table carries the same bookkeeping columns: a UUID primary key, created/updated timestamps,
the id of the device that last wrote the row, and ``deleted_at`` — deleting a record sets it (a tombstone) so the
deletion travels to other devices instead of the record silently coming back.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

APPLICATION_ID = 0x494E5350  # "INSP"
MIGRATION_SET = "inspector"

migrations = Migrations(MIGRATION_SET)

RECORD_COLUMNS = """
    id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    device_id TEXT NOT NULL,
    deleted_at TEXT
"""


def _table(db: Database, name: str, body: str) -> None:
    db.execute(f"CREATE TABLE {name} ({RECORD_COLUMNS}, {body})")


@migrations(name="0001_core")
def m0001_core(db: Database) -> None:
    """Settings, the audit log and the document/checklist side of the model."""
    db.execute("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT)")
    db.execute(
        """CREATE TABLE audit_log (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            at TEXT NOT NULL, device_id TEXT NOT NULL, actor TEXT,
            action TEXT NOT NULL, table_name TEXT, record_id TEXT, changes TEXT)"""
    )
    _table(
        db,
        "documents",
        """file_name TEXT NOT NULL, sha256 TEXT NOT NULL UNIQUE, issuer TEXT, doc_no TEXT, title TEXT,
           doc_date TEXT, year INTEGER, meta TEXT, full_text TEXT, version INTEGER NOT NULL DEFAULT 1,
           previous_id TEXT REFERENCES documents(id), changes TEXT""",
    )
    _table(
        db,
        "checklists",
        """kind TEXT NOT NULL CHECK (kind IN ('workplan', 'template')), name TEXT NOT NULL,
           document_id TEXT REFERENCES documents(id), code TEXT, version INTEGER NOT NULL DEFAULT 1,
           previous_id TEXT REFERENCES checklists(id), description TEXT, builtin INTEGER NOT NULL DEFAULT 0""",
    )
    _table(
        db,
        "checklist_items",
        """checklist_id TEXT NOT NULL REFERENCES checklists(id), parent_id TEXT REFERENCES checklist_items(id),
           position INTEGER NOT NULL, kind TEXT NOT NULL, number TEXT, title TEXT, text TEXT,
           deadline TEXT, deadline_text TEXT, deadline_rule TEXT, legal_basis TEXT,
           default_grade TEXT, default_days INTEGER""",
    )
    db.execute("CREATE INDEX idx_items_checklist ON checklist_items(checklist_id, position)")
    _table(db, "units", "name TEXT NOT NULL, normalized TEXT NOT NULL UNIQUE, kind TEXT")
    db.execute(
        """CREATE TABLE unit_aliases (alias TEXT PRIMARY KEY,
           unit_id TEXT NOT NULL REFERENCES units(id))"""
    )
    _table(
        db,
        "item_units",
        """item_id TEXT NOT NULL REFERENCES checklist_items(id), unit_id TEXT NOT NULL REFERENCES units(id),
           role TEXT NOT NULL CHECK (role IN ('lead', 'support')), position INTEGER NOT NULL DEFAULT 0""",
    )
    db.execute("CREATE INDEX idx_item_units_item ON item_units(item_id)")
    db.execute("CREATE INDEX idx_item_units_unit ON item_units(unit_id)")


@migrations(name="0002_inspections")
def m0002_inspections(db: Database) -> None:
    """Sites, inspectors, inspections, results, findings and their append-only events, attachments."""
    _table(
        db,
        "sites",
        """name TEXT NOT NULL, credit_code TEXT, address TEXT, industry TEXT, town TEXT, grid TEXT,
           legal_rep TEXT, contact_person TEXT, contact_phone TEXT,
           risk_level TEXT CHECK (risk_level IN ('红', '橙', '黄', '蓝') OR risk_level IS NULL)""",
    )
    db.execute("CREATE INDEX idx_sites_credit ON sites(credit_code)")
    db.execute("CREATE INDEX idx_sites_town ON sites(town)")
    _table(db, "inspectors", "name TEXT NOT NULL, certificate_no TEXT, unit TEXT")
    _table(
        db,
        "inspections",
        """site_id TEXT NOT NULL REFERENCES sites(id), checklist_id TEXT REFERENCES checklists(id),
           type TEXT NOT NULL DEFAULT '日常', unannounced INTEGER NOT NULL DEFAULT 0, campaign TEXT,
           started_at TEXT, ended_at TEXT, inspector1_id TEXT REFERENCES inspectors(id),
           inspector2_id TEXT REFERENCES inspectors(id), place TEXT, notes TEXT""",
    )
    db.execute("CREATE INDEX idx_inspections_site ON inspections(site_id)")
    _table(
        db,
        "inspection_results",
        """inspection_id TEXT NOT NULL REFERENCES inspections(id),
           item_id TEXT NOT NULL REFERENCES checklist_items(id),
           result TEXT NOT NULL CHECK (result IN ('符合', '不符合', '不适用', '未检查')), note TEXT""",
    )
    db.execute("CREATE INDEX idx_results_inspection ON inspection_results(inspection_id)")
    # status and current_deadline are a cache of what the finding's events say (see inspector.workflow);
    # they are rewritten from the events on every change so that lists of 200,000 findings can filter fast.
    _table(
        db,
        "findings",
        """inspection_id TEXT REFERENCES inspections(id), site_id TEXT REFERENCES sites(id),
           item_id TEXT REFERENCES checklist_items(id), description TEXT NOT NULL, location TEXT,
           category TEXT, grade TEXT NOT NULL CHECK (grade IN ('一般', '重大')), legal_basis TEXT,
           requirement TEXT, found_on TEXT NOT NULL, contact_person TEXT, contact_phone TEXT,
           plan TEXT, listed_supervision INTEGER NOT NULL DEFAULT 0, campaign TEXT, inspector_id TEXT,
           status TEXT NOT NULL, current_deadline TEXT, closed_on TEXT""",
    )
    db.execute("CREATE INDEX idx_findings_status ON findings(status, current_deadline)")
    db.execute("CREATE INDEX idx_findings_site ON findings(site_id)")
    db.execute("CREATE INDEX idx_findings_found ON findings(found_on)")
    db.execute(
        """CREATE TABLE finding_events (
            id TEXT PRIMARY KEY, finding_id TEXT NOT NULL REFERENCES findings(id),
            kind TEXT NOT NULL, on_date TEXT NOT NULL, actor TEXT, data TEXT,
            created_at TEXT NOT NULL, device_id TEXT NOT NULL)"""
    )
    db.execute("CREATE INDEX idx_events_finding ON finding_events(finding_id, on_date, created_at)")
    for verb in ("UPDATE", "DELETE"):
        db.execute(
            f"""CREATE TRIGGER finding_events_no_{verb.lower()} BEFORE {verb} ON finding_events
                BEGIN SELECT RAISE(ABORT, 'finding events are append-only'); END"""
        )
    _table(
        db,
        "attachments",
        """sha256 TEXT NOT NULL, file_name TEXT, mime TEXT, size INTEGER NOT NULL,
           owner_table TEXT NOT NULL, owner_id TEXT NOT NULL, role TEXT, caption TEXT, taken_at TEXT""",
    )
    db.execute("CREATE INDEX idx_attachments_owner ON attachments(owner_table, owner_id)")


@migrations(name="0003_numbers_and_sync")
def m0003_numbers_and_sync(db: Database) -> None:
    """Document-number counters (never reused) and the sync state: peers and packages seen."""
    db.execute(
        """CREATE TABLE doc_counters (issuer TEXT NOT NULL, year INTEGER NOT NULL, category TEXT NOT NULL,
           last_no INTEGER NOT NULL, PRIMARY KEY (issuer, year, category))"""
    )
    _table(
        db,
        "doc_numbers",
        """issuer TEXT NOT NULL, year INTEGER NOT NULL, category TEXT NOT NULL, number INTEGER NOT NULL,
           case_id TEXT NOT NULL, text TEXT NOT NULL, UNIQUE (issuer, year, category, number)""",
    )
    _table(
        db,
        "peers",
        """name TEXT NOT NULL, unit TEXT, town TEXT, public_key TEXT,
           trusted INTEGER NOT NULL DEFAULT 0, last_seq_sent INTEGER NOT NULL DEFAULT 0,
           last_seq_acked INTEGER NOT NULL DEFAULT 0""",
    )
    _table(
        db,
        "packages",
        """direction TEXT NOT NULL CHECK (direction IN ('in', 'out')), peer_id TEXT, sender_device TEXT,
           seq INTEGER, sha256 TEXT NOT NULL, file_name TEXT, record_count INTEGER, status TEXT""",
    )


@migrations(name="0004_task_progress")
def m0004_task_progress(db: Database) -> None:
    """A town's follow-up of a work-plan task: quarterly notes, status and the closing note."""
    _table(
        db,
        "task_progress",
        """item_id TEXT NOT NULL UNIQUE REFERENCES checklist_items(id), status TEXT NOT NULL DEFAULT '未启动',
           q1 TEXT, q2 TEXT, q3 TEXT, q4 TEXT, evidence TEXT, closing_note TEXT""",
    )


@migrations(name="0005_live_findings_index")
def m0005_live_findings_index(db: Database) -> None:
    """Counting live findings by status, grade and deadline (status bar, statistics) from one small covering
    index instead of reading 200,000 rows."""
    db.execute(
        "CREATE INDEX idx_findings_live ON findings(status, grade, current_deadline) WHERE deleted_at IS NULL"
    )


@migrations(name="0006_document_tables")
def m0006_document_tables(db: Database) -> None:
    """Task tables read from a document (e.g. the appendix 责任清单), each row linked to the item it summarises."""
    db.execute("ALTER TABLE documents ADD COLUMN tables TEXT")


@migrations(name="0007_findings_search")
def m0007_findings_search(db: Database) -> None:
    """Full-text search of findings by character bigrams (see inspector.textsearch), and the indexes the
    findings list sorts by, limited to live rows."""
    db.execute("CREATE VIRTUAL TABLE findings_fts USING fts5(body, tokenize='unicode61')")
    db.execute("CREATE INDEX idx_findings_live_found ON findings(found_on) WHERE deleted_at IS NULL")
    db.execute(
        "CREATE INDEX idx_findings_live_deadline ON findings(current_deadline) WHERE deleted_at IS NULL"
    )
    from inspector.db.findings import reindex_all

    reindex_all(db)


@migrations(name="0008_signatures")
def m0008_signatures(db: Database) -> None:
    """Who signed an inspection's record: per signer an attachment id of the signature image, or a refusal."""
    db.execute("ALTER TABLE inspections ADD COLUMN signatures TEXT")


SYNCED_TABLES = ("documents", "checklists", "checklist_items", "units", "item_units", "sites", "inspectors",
                 "inspections", "inspection_results", "findings", "attachments", "task_progress", "doc_numbers")


@migrations(name="0009_sync")
def m0009_sync(db: Database) -> None:
    """Per-field versions on every synchronised record, and what the sync needs to know about peers and
    packages (see docs/sync-format.md)."""
    for table in SYNCED_TABLES:
        db.execute(f"ALTER TABLE {table} ADD COLUMN sync_meta TEXT")
    for column in ("device TEXT", "role TEXT", "enc_key TEXT", "last_seq_received INTEGER NOT NULL DEFAULT 0",
                   "acked_at TEXT", "revoked INTEGER NOT NULL DEFAULT 0"):
        db.execute(f"ALTER TABLE peers ADD COLUMN {column}")
    for column in ("package_id TEXT", "receiver TEXT", "created TEXT", "summary TEXT"):
        db.execute(f"ALTER TABLE packages ADD COLUMN {column}")
    db.execute("CREATE INDEX idx_packages_id ON packages(package_id)")
    db.execute("CREATE INDEX idx_packages_sha ON packages(sha256)")


@migrations(name="0010_doc_numbers_from_many_devices")
def m0010_doc_numbers_from_many_devices(db: Database) -> None:
    """Document numbers arrive at the district from many towns: two towns with the same issuer name must not
    make a package fail, so the number is unique per case and form (the local counter keeps numbers unique)."""
    columns = [c.name for c in db["doc_numbers"].columns]
    db.execute("ALTER TABLE doc_numbers RENAME TO doc_numbers_old")
    _table(db, "doc_numbers", """issuer TEXT NOT NULL, year INTEGER NOT NULL, category TEXT NOT NULL,
           number INTEGER NOT NULL, case_id TEXT NOT NULL, text TEXT NOT NULL, sync_meta TEXT""")
    db.execute(f"INSERT INTO doc_numbers ({', '.join(columns)}) SELECT {', '.join(columns)} FROM doc_numbers_old")
    db.execute("DROP TABLE doc_numbers_old")
    db.execute("CREATE INDEX idx_doc_numbers_case ON doc_numbers(case_id, category)")
    db.execute("CREATE INDEX idx_doc_numbers_number ON doc_numbers(issuer, year, category, number)")


@migrations(name="0012_scale")
def m0012_scale(db: Database) -> None:
    """A district holds a million findings: the indexes its lists need, and none it does not.

    Findings per inspection (the 检查 list's counts, the forms) and per checklist item are looked up by index
    instead of a scan per row; the 专项 filter list reads the few distinct campaigns from a small index; the
    检查 list's newest-first page comes from an index on its start time. The full indexes on found_on and on
    (status, current_deadline) go: every query of findings reads live rows, which the partial indexes of
    0005/0007 already serve."""
    db.execute("CREATE INDEX idx_findings_inspection ON findings(inspection_id, deleted_at)")
    db.execute("CREATE INDEX idx_findings_item ON findings(item_id) WHERE deleted_at IS NULL")
    db.execute(
        "CREATE INDEX idx_findings_campaign ON findings(campaign) WHERE deleted_at IS NULL AND campaign IS NOT NULL")
    db.execute("CREATE INDEX idx_inspections_started ON inspections(started_at) WHERE deleted_at IS NULL")
    db.execute("DROP INDEX IF EXISTS idx_findings_found")
    db.execute("DROP INDEX IF EXISTS idx_findings_status")


SCHEMA_VERSION = len(migrations._migrations)
