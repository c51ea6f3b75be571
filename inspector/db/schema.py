"""The database schema as numbered migrations.

Each migration runs in its own transaction together with the record of it having been applied (sqlite-utils'
``Migrations``), so a failing step leaves the database exactly at the previous step. ``PRAGMA user_version``
mirrors the number of applied steps so that a database written by a newer program is recognised before anything
is touched, and ``PRAGMA application_id`` marks the file as ours.

Every step is frozen: it holds its own literal SQL and table lists and calls no code of the program (calibre's
``upgrade_version_N``), so that upgrading a file made years ago runs exactly what ran then, however the program
has changed since. A change to the schema is a new step appended at the end, never an edit of an old one.

Every synchronised table carries the same bookkeeping columns: a UUID primary key, created/updated timestamps,
the id of the device that last wrote the row, and ``deleted_at`` — deleting a record sets it (a tombstone) so the
deletion travels to other devices instead of the record silently coming back.
"""

from __future__ import annotations

import re

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("inspector")

# The SQL below is exactly the text earlier versions stored in ``sqlite_master`` (odd line breaks included), so a
# file upgraded from any step is identical to a new one.


# -- frozen helpers: copies of what a step needed when it was written, never to be changed -------------------

_TOKEN_0007 = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+|[0-9A-Za-z]+")
_CJK_0007 = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def _bigrams_0007(text: str) -> str:
    """The search tokens of step 0007: CJK runs as overlapping bigrams, Latin words and numbers lower-cased."""
    out: list[str] = []
    for run in _TOKEN_0007.findall(text or ""):
        if _CJK_0007.match(run):
            out.extend(run[i : i + 2] for i in range(max(len(run) - 1, 1)))
        else:
            out.append(run.lower())
    return " ".join(out)


def _index_findings_0007(db: Database) -> None:
    """Fill the new search table from the findings already stored, in bounded batches."""
    rows = db.conn.execute(
        """SELECT f.rowid, f.description, f.location, f.legal_basis, f.requirement, f.campaign, s.name, s.town
           FROM findings f LEFT JOIN sites s ON s.id = f.site_id"""
    )
    while batch := rows.fetchmany(5000):
        db.conn.executemany(
            "INSERT INTO findings_fts(rowid, body) VALUES (?, ?)",
            [(r[0], _bigrams_0007(" ".join(p or "" for p in r[1:]))) for r in batch],
        )


@migrations(name="0001_core")
def m0001_core(db: Database) -> None:
    """Settings, the audit log and the document/checklist side of the model."""
    for sql in (
        """CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT)""",
        """CREATE TABLE audit_log (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            at TEXT NOT NULL, device_id TEXT NOT NULL, actor TEXT,
            action TEXT NOT NULL, table_name TEXT, record_id TEXT, changes TEXT)""",
        """CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    device_id TEXT NOT NULL,
    deleted_at TEXT
, file_name TEXT NOT NULL, sha256 TEXT NOT NULL UNIQUE, issuer TEXT, doc_no TEXT, title TEXT,
           doc_date TEXT, year INTEGER, meta TEXT, full_text TEXT, version INTEGER NOT NULL DEFAULT 1,
           previous_id TEXT REFERENCES documents(id), changes TEXT)""",
        """CREATE TABLE checklists (
    id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    device_id TEXT NOT NULL,
    deleted_at TEXT
, kind TEXT NOT NULL CHECK (kind IN ('workplan', 'template')), name TEXT NOT NULL,
           document_id TEXT REFERENCES documents(id), code TEXT, version INTEGER NOT NULL DEFAULT 1,
           previous_id TEXT REFERENCES checklists(id), description TEXT, builtin INTEGER NOT NULL DEFAULT 0)""",
        """CREATE TABLE checklist_items (
    id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    device_id TEXT NOT NULL,
    deleted_at TEXT
, checklist_id TEXT NOT NULL REFERENCES checklists(id), parent_id TEXT REFERENCES checklist_items(id),
           position INTEGER NOT NULL, kind TEXT NOT NULL, number TEXT, title TEXT, text TEXT,
           deadline TEXT, deadline_text TEXT, deadline_rule TEXT, legal_basis TEXT,
           default_grade TEXT, default_days INTEGER)""",
        """CREATE INDEX idx_items_checklist ON checklist_items(checklist_id, position)""",
        """CREATE TABLE units (
    id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    device_id TEXT NOT NULL,
    deleted_at TEXT
, name TEXT NOT NULL, normalized TEXT NOT NULL UNIQUE, kind TEXT)""",
        """CREATE TABLE unit_aliases (alias TEXT PRIMARY KEY,
           unit_id TEXT NOT NULL REFERENCES units(id))""",
        """CREATE TABLE item_units (
    id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    device_id TEXT NOT NULL,
    deleted_at TEXT
, item_id TEXT NOT NULL REFERENCES checklist_items(id), unit_id TEXT NOT NULL REFERENCES units(id),
           role TEXT NOT NULL CHECK (role IN ('lead', 'support')), position INTEGER NOT NULL DEFAULT 0)""",
        """CREATE INDEX idx_item_units_item ON item_units(item_id)""",
        """CREATE INDEX idx_item_units_unit ON item_units(unit_id)""",
    ):
        db.execute(sql)


@migrations(name="0002_inspections")
def m0002_inspections(db: Database) -> None:
    """Sites, inspectors, inspections, results, findings and their append-only events, attachments."""
    for sql in (
        """CREATE TABLE sites (
    id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    device_id TEXT NOT NULL,
    deleted_at TEXT
, name TEXT NOT NULL, credit_code TEXT, address TEXT, industry TEXT, town TEXT, grid TEXT,
           legal_rep TEXT, contact_person TEXT, contact_phone TEXT,
           risk_level TEXT CHECK (risk_level IN ('红', '橙', '黄', '蓝') OR risk_level IS NULL))""",
        """CREATE INDEX idx_sites_credit ON sites(credit_code)""",
        """CREATE INDEX idx_sites_town ON sites(town)""",
        """CREATE TABLE inspectors (
    id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    device_id TEXT NOT NULL,
    deleted_at TEXT
, name TEXT NOT NULL, certificate_no TEXT, unit TEXT)""",
        """CREATE TABLE inspections (
    id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    device_id TEXT NOT NULL,
    deleted_at TEXT
, site_id TEXT NOT NULL REFERENCES sites(id), checklist_id TEXT REFERENCES checklists(id),
           type TEXT NOT NULL DEFAULT '日常', unannounced INTEGER NOT NULL DEFAULT 0, campaign TEXT,
           started_at TEXT, ended_at TEXT, inspector1_id TEXT REFERENCES inspectors(id),
           inspector2_id TEXT REFERENCES inspectors(id), place TEXT, notes TEXT)""",
        """CREATE INDEX idx_inspections_site ON inspections(site_id)""",
        """CREATE TABLE inspection_results (
    id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    device_id TEXT NOT NULL,
    deleted_at TEXT
, inspection_id TEXT NOT NULL REFERENCES inspections(id),
           item_id TEXT NOT NULL REFERENCES checklist_items(id),
           result TEXT NOT NULL CHECK (result IN ('符合', '不符合', '不适用', '未检查')), note TEXT)""",
        """CREATE INDEX idx_results_inspection ON inspection_results(inspection_id)""",
        """CREATE TABLE findings (
    id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    device_id TEXT NOT NULL,
    deleted_at TEXT
, inspection_id TEXT REFERENCES inspections(id), site_id TEXT REFERENCES sites(id),
           item_id TEXT REFERENCES checklist_items(id), description TEXT NOT NULL, location TEXT,
           category TEXT, grade TEXT NOT NULL CHECK (grade IN ('一般', '重大')), legal_basis TEXT,
           requirement TEXT, found_on TEXT NOT NULL, contact_person TEXT, contact_phone TEXT,
           plan TEXT, listed_supervision INTEGER NOT NULL DEFAULT 0, campaign TEXT, inspector_id TEXT,
           status TEXT NOT NULL, current_deadline TEXT, closed_on TEXT)""",
        """CREATE INDEX idx_findings_status ON findings(status, current_deadline)""",
        """CREATE INDEX idx_findings_site ON findings(site_id)""",
        """CREATE INDEX idx_findings_found ON findings(found_on)""",
        """CREATE TABLE finding_events (
            id TEXT PRIMARY KEY, finding_id TEXT NOT NULL REFERENCES findings(id),
            kind TEXT NOT NULL, on_date TEXT NOT NULL, actor TEXT, data TEXT,
            created_at TEXT NOT NULL, device_id TEXT NOT NULL)""",
        """CREATE INDEX idx_events_finding ON finding_events(finding_id, on_date, created_at)""",
        """CREATE TRIGGER finding_events_no_update BEFORE UPDATE ON finding_events
                BEGIN SELECT RAISE(ABORT, 'finding events are append-only'); END""",
        """CREATE TRIGGER finding_events_no_delete BEFORE DELETE ON finding_events
                BEGIN SELECT RAISE(ABORT, 'finding events are append-only'); END""",
        """CREATE TABLE attachments (
    id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    device_id TEXT NOT NULL,
    deleted_at TEXT
, sha256 TEXT NOT NULL, file_name TEXT, mime TEXT, size INTEGER NOT NULL,
           owner_table TEXT NOT NULL, owner_id TEXT NOT NULL, role TEXT, caption TEXT, taken_at TEXT)""",
        """CREATE INDEX idx_attachments_owner ON attachments(owner_table, owner_id)""",
    ):
        db.execute(sql)


@migrations(name="0003_numbers_and_sync")
def m0003_numbers_and_sync(db: Database) -> None:
    """Document-number counters (never reused) and the sync state: peers and packages seen."""
    for sql in (
        """CREATE TABLE doc_counters (issuer TEXT NOT NULL, year INTEGER NOT NULL, category TEXT NOT NULL,
           last_no INTEGER NOT NULL, PRIMARY KEY (issuer, year, category))""",
        """CREATE TABLE doc_numbers (
    id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    device_id TEXT NOT NULL,
    deleted_at TEXT
, issuer TEXT NOT NULL, year INTEGER NOT NULL, category TEXT NOT NULL, number INTEGER NOT NULL,
           case_id TEXT NOT NULL, text TEXT NOT NULL, UNIQUE (issuer, year, category, number))""",
        """CREATE TABLE peers (
    id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    device_id TEXT NOT NULL,
    deleted_at TEXT
, name TEXT NOT NULL, unit TEXT, town TEXT, public_key TEXT,
           trusted INTEGER NOT NULL DEFAULT 0, last_seq_sent INTEGER NOT NULL DEFAULT 0,
           last_seq_acked INTEGER NOT NULL DEFAULT 0)""",
        """CREATE TABLE packages (
    id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    device_id TEXT NOT NULL,
    deleted_at TEXT
, direction TEXT NOT NULL CHECK (direction IN ('in', 'out')), peer_id TEXT, sender_device TEXT,
           seq INTEGER, sha256 TEXT NOT NULL, file_name TEXT, record_count INTEGER, status TEXT)""",
    ):
        db.execute(sql)


@migrations(name="0004_task_progress")
def m0004_task_progress(db: Database) -> None:
    """A town's follow-up of a work-plan task: quarterly notes, status and the closing note."""
    for sql in (
        """CREATE TABLE task_progress (
    id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    device_id TEXT NOT NULL,
    deleted_at TEXT
, item_id TEXT NOT NULL UNIQUE REFERENCES checklist_items(id), status TEXT NOT NULL DEFAULT '未启动',
           q1 TEXT, q2 TEXT, q3 TEXT, q4 TEXT, evidence TEXT, closing_note TEXT)""",
    ):
        db.execute(sql)


@migrations(name="0005_live_findings_index")
def m0005_live_findings_index(db: Database) -> None:
    """Counting live findings by status, grade and deadline (status bar, statistics) from one small covering
    index instead of reading 200,000 rows."""
    for sql in (
        """CREATE INDEX idx_findings_live ON findings(status, grade, current_deadline) WHERE deleted_at IS NULL""",
    ):
        db.execute(sql)


@migrations(name="0006_document_tables")
def m0006_document_tables(db: Database) -> None:
    """Task tables read from a document (e.g. the appendix 责任清单), each row linked to the item it summarises."""
    for sql in (
        """ALTER TABLE documents ADD COLUMN tables TEXT""",
    ):
        db.execute(sql)


@migrations(name="0007_findings_search")
def m0007_findings_search(db: Database) -> None:
    """Full-text search of findings by character bigrams (see inspector.textsearch), and the indexes the
    findings list sorts by, limited to live rows."""
    for sql in (
        """CREATE VIRTUAL TABLE findings_fts USING fts5(body, tokenize='unicode61')""",
        """CREATE INDEX idx_findings_live_found ON findings(found_on) WHERE deleted_at IS NULL""",
        """CREATE INDEX idx_findings_live_deadline ON findings(current_deadline) WHERE deleted_at IS NULL""",
    ):
        db.execute(sql)
    _index_findings_0007(db)


@migrations(name="0008_signatures")
def m0008_signatures(db: Database) -> None:
    """Who signed an inspection's record: per signer an attachment id of the signature image, or a refusal."""
    for sql in (
        """ALTER TABLE inspections ADD COLUMN signatures TEXT""",
    ):
        db.execute(sql)


@migrations(name="0009_sync")
def m0009_sync(db: Database) -> None:
    """Per-field versions on every synchronised record, and what the sync needs to know about peers and
    packages (see docs/sync-format.md)."""
    for sql in (
        """ALTER TABLE documents ADD COLUMN sync_meta TEXT""",
        """ALTER TABLE checklists ADD COLUMN sync_meta TEXT""",
        """ALTER TABLE checklist_items ADD COLUMN sync_meta TEXT""",
        """ALTER TABLE units ADD COLUMN sync_meta TEXT""",
        """ALTER TABLE item_units ADD COLUMN sync_meta TEXT""",
        """ALTER TABLE sites ADD COLUMN sync_meta TEXT""",
        """ALTER TABLE inspectors ADD COLUMN sync_meta TEXT""",
        """ALTER TABLE inspections ADD COLUMN sync_meta TEXT""",
        """ALTER TABLE inspection_results ADD COLUMN sync_meta TEXT""",
        """ALTER TABLE findings ADD COLUMN sync_meta TEXT""",
        """ALTER TABLE attachments ADD COLUMN sync_meta TEXT""",
        """ALTER TABLE task_progress ADD COLUMN sync_meta TEXT""",
        """ALTER TABLE doc_numbers ADD COLUMN sync_meta TEXT""",
        """ALTER TABLE peers ADD COLUMN device TEXT""",
        """ALTER TABLE peers ADD COLUMN role TEXT""",
        """ALTER TABLE peers ADD COLUMN enc_key TEXT""",
        """ALTER TABLE peers ADD COLUMN last_seq_received INTEGER NOT NULL DEFAULT 0""",
        """ALTER TABLE peers ADD COLUMN acked_at TEXT""",
        """ALTER TABLE peers ADD COLUMN revoked INTEGER NOT NULL DEFAULT 0""",
        """ALTER TABLE packages ADD COLUMN package_id TEXT""",
        """ALTER TABLE packages ADD COLUMN receiver TEXT""",
        """ALTER TABLE packages ADD COLUMN created TEXT""",
        """ALTER TABLE packages ADD COLUMN summary TEXT""",
        """CREATE INDEX idx_packages_id ON packages(package_id)""",
        """CREATE INDEX idx_packages_sha ON packages(sha256)""",
    ):
        db.execute(sql)


@migrations(name="0010_doc_numbers_from_many_devices")
def m0010_doc_numbers_from_many_devices(db: Database) -> None:
    """Document numbers arrive at the district from many towns: two towns with the same issuer name must not
    make a package fail, so the number is unique per case and form (the local counter keeps numbers unique)."""
    for sql in (
        """ALTER TABLE doc_numbers RENAME TO doc_numbers_old""",
        """CREATE TABLE doc_numbers (
    id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    device_id TEXT NOT NULL,
    deleted_at TEXT
, issuer TEXT NOT NULL, year INTEGER NOT NULL, category TEXT NOT NULL,
           number INTEGER NOT NULL, case_id TEXT NOT NULL, text TEXT NOT NULL, sync_meta TEXT)""",
        """INSERT INTO doc_numbers (id, created_at, updated_at, device_id, deleted_at, issuer, year, category,
           number, case_id, text, sync_meta)
           SELECT id, created_at, updated_at, device_id, deleted_at, issuer, year, category, number, case_id,
           text, sync_meta FROM doc_numbers_old""",
        """DROP TABLE doc_numbers_old""",
        """CREATE INDEX idx_doc_numbers_case ON doc_numbers(case_id, category)""",
        """CREATE INDEX idx_doc_numbers_number ON doc_numbers(issuer, year, category, number)""",
    ):
        db.execute(sql)


@migrations(name="0011_sync_trust")
def m0011_sync_trust(db: Database) -> None:
    """A monotonic local change sequence for the sync's watermark (CouchDB's update_seq): every insert or update
    of a record this device owns takes the next number, so an incremental export reads "changes after N" in
    the same read transaction that records N. Rows owned by others are never exported, so their writes are not
    counted (the import of a town's package costs no trigger work). Received packages keep their numbers."""
    # Each town keeps its own progress on a district task: one row per task *and owner* (it was one per task,
    # so the second town's progress made the district's import fail).
    db.execute("ALTER TABLE task_progress RENAME TO task_progress_old")
    db.execute("""CREATE TABLE task_progress (
    id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    device_id TEXT NOT NULL,
    deleted_at TEXT
, item_id TEXT NOT NULL REFERENCES checklist_items(id),
           status TEXT NOT NULL DEFAULT '未启动', q1 TEXT, q2 TEXT, q3 TEXT, q4 TEXT, evidence TEXT,
           closing_note TEXT, sync_meta TEXT, UNIQUE (item_id, device_id))""")
    names = "id, created_at, updated_at, device_id, deleted_at, item_id, status, q1, q2, q3, q4, evidence, " \
            "closing_note, sync_meta"
    db.execute(f"INSERT INTO task_progress ({names}) SELECT {names} FROM task_progress_old")
    db.execute("DROP TABLE task_progress_old")
    db.execute("CREATE TABLE sync_counter (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL)")
    db.execute("INSERT INTO sync_counter (id, seq) VALUES (1, 1)")
    db.execute(
        """CREATE TABLE sync_changes (table_name TEXT NOT NULL, record_id TEXT NOT NULL, seq INTEGER NOT NULL,
           PRIMARY KEY (table_name, record_id)) WITHOUT ROWID"""
    )
    db.execute("CREATE INDEX idx_sync_changes_seq ON sync_changes(table_name, seq)")
    for table in ("documents", "checklists", "checklist_items", "units", "item_units", "sites", "inspectors",
                  "inspections", "inspection_results", "findings", "attachments", "task_progress", "doc_numbers",
                  "finding_events"):
        for verb in ("INSERT", "UPDATE"):
            db.execute(
                f"""CREATE TRIGGER sync_change_{table}_{verb.lower()} AFTER {verb} ON {table}
                    WHEN NEW.device_id = (SELECT value FROM settings WHERE key = 'device_id')
                    BEGIN
                      UPDATE sync_counter SET seq = seq + 1 WHERE id = 1;
                      INSERT OR REPLACE INTO sync_changes (table_name, record_id, seq)
                        VALUES ('{table}', NEW.id, (SELECT seq FROM sync_counter WHERE id = 1));
                    END"""
            )
        db.execute(
            f"""INSERT INTO sync_changes (table_name, record_id, seq) SELECT '{table}', id, 1 FROM {table}
                WHERE device_id = (SELECT value FROM settings WHERE key = 'device_id')"""
        )
    # The star: a device of one role trusts only devices of the other. Peers an older version trusted on the
    # strength of a key list in a district's package (towns trusting towns) are trusted no longer.
    db.execute(
        """UPDATE peers SET trusted = 0 WHERE COALESCE(role, 'town') =
           COALESCE((SELECT value FROM settings WHERE key = 'role'), 'town')"""
    )
    db.execute("ALTER TABLE packages ADD COLUMN upto INTEGER")
    db.execute("ALTER TABLE peers ADD COLUMN acked_upto INTEGER NOT NULL DEFAULT 0")
    db.execute("CREATE INDEX idx_packages_sender ON packages(direction, sender_device, seq)")


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


@migrations(name="0013_live_sites")
def m0013_live_sites(db: Database) -> None:
    """The status bar counts a district's live sites after every change: from a small index of the live ones (by
    town, which the 街镇 filter lists read too) instead of reading every site's row."""
    db.execute("CREATE INDEX idx_sites_live_town ON sites(town) WHERE deleted_at IS NULL")


@migrations(name="0014_walk")
def m0014_walk(db: Database) -> None:
    """What the inspection walk needs from its records: a template item's problem statement (the words a
    不符合 finding is suggested with — the item's title is the requirement, the opposite of the problem), and
    whether an inspector is still active (one used on a document is deactivated, never deleted)."""
    db.execute("ALTER TABLE checklist_items ADD COLUMN problem TEXT")
    db.execute("ALTER TABLE inspectors ADD COLUMN active INTEGER NOT NULL DEFAULT 1")


@migrations(name="0015_plans")
def m0015_plans(db: Database) -> None:
    """Risk grading, inspection plans and 双随机 draws (docs/risk.md, docs/plans.md).

    A site's risk level follows from its newest assessment (``risk_assessments``, history kept); the district
    publishes the thresholds and default frequencies (``risk_policies``). A plan (``inspection_plans``) lists
    its sites (``plan_sites``, never one site twice among live rows); a draw (``plan_draws``) keeps the whole
    record that lets anyone re-run it; ``recusals`` are the 回避 an inspector must observe. A plan of the
    district may name sites and inspectors of several towns, and travels to each town whole: those columns
    carry no foreign key, so a town that lacks another town's site still takes the plan."""
    bookkeeping = """id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    device_id TEXT NOT NULL,
    deleted_at TEXT
, """
    tables = {
        "risk_policies": """thresholds TEXT NOT NULL, frequencies TEXT NOT NULL, issued_by TEXT, issued_on TEXT,
           note TEXT, sync_meta TEXT""",
        "risk_assessments": """site_id TEXT NOT NULL REFERENCES sites(id),
           method TEXT NOT NULL CHECK (method IN ('factors', 'lec')), inputs TEXT NOT NULL, score TEXT,
           level TEXT NOT NULL CHECK (level IN ('红', '橙', '黄', '蓝')), assessed_by TEXT,
           assessed_on TEXT NOT NULL, policy_id TEXT, sync_meta TEXT""",
        "inspection_plans": """name TEXT NOT NULL, kind TEXT NOT NULL CHECK (kind IN ('town', 'published')),
           period_kind TEXT NOT NULL CHECK (period_kind IN ('year', 'quarter', 'month')), period TEXT NOT NULL,
           starts_on TEXT NOT NULL, ends_on TEXT NOT NULL, checklist_id TEXT, criteria TEXT, issuer TEXT,
           parent_id TEXT, notes TEXT, sync_meta TEXT""",
        "plan_draws": """plan_id TEXT NOT NULL REFERENCES inspection_plans(id), drawn_at TEXT NOT NULL,
           seed TEXT NOT NULL, n INTEGER NOT NULL, algorithm TEXT NOT NULL, record TEXT NOT NULL,
           record_sha256 TEXT NOT NULL, sync_meta TEXT""",
        "plan_sites": """plan_id TEXT NOT NULL REFERENCES inspection_plans(id),
           site_id TEXT NOT NULL, inspector1_id TEXT, inspector2_id TEXT, target_date TEXT,
           draw_id TEXT REFERENCES plan_draws(id),
           position INTEGER NOT NULL DEFAULT 0, sync_meta TEXT""",
        "recusals": """inspector_id TEXT NOT NULL REFERENCES inspectors(id), site_id TEXT NOT NULL,
           reason TEXT, sync_meta TEXT""",
    }
    for table, columns in tables.items():
        db.execute(f"CREATE TABLE {table} (\n    {bookkeeping}{columns})")
    db.execute("CREATE INDEX idx_assessments_site ON risk_assessments(site_id, assessed_on)")
    db.execute("CREATE UNIQUE INDEX idx_plan_sites_once ON plan_sites(plan_id, site_id) WHERE deleted_at IS NULL")
    db.execute("CREATE INDEX idx_plan_sites_site ON plan_sites(site_id)")
    db.execute("CREATE INDEX idx_plan_draws_plan ON plan_draws(plan_id)")
    db.execute("CREATE INDEX idx_recusals_inspector ON recusals(inspector_id)")
    db.execute("CREATE INDEX idx_inspections_site_started ON inspections(site_id, started_at) "
               "WHERE deleted_at IS NULL")
    for table in tables:
        for verb in ("INSERT", "UPDATE"):
            db.execute(
                f"""CREATE TRIGGER sync_change_{table}_{verb.lower()} AFTER {verb} ON {table}
                    WHEN NEW.device_id = (SELECT value FROM settings WHERE key = 'device_id')
                    BEGIN
                      UPDATE sync_counter SET seq = seq + 1 WHERE id = 1;
                      INSERT OR REPLACE INTO sync_changes (table_name, record_id, seq)
                        VALUES ('{table}', NEW.id, (SELECT seq FROM sync_counter WHERE id = 1));
                    END"""
            )


# -- 0016: campaigns (专项整治) as records -------------------------------------------------------------------
_STABLE_0016 = "6f1c2d3e-8a47-4b6e-9c1d-2e3f4a5b6c7d"


def _campaign_id_0016(name: str) -> str:
    """The id a campaign name was given by step 0016: UUID-5 of the name, the same on every device."""
    import uuid

    return str(uuid.uuid5(uuid.UUID(_STABLE_0016), "campaign|" + name))


def _link_campaign_names_0016(db: Database) -> None:
    """Every typed campaign name becomes a reference to the campaign derived from it; the district, which holds
    every town's names, also gets the records themselves (it publishes them; a town receives them)."""
    names = {r[0] for t in ("findings", "inspections") for r in db.execute(
        f"SELECT DISTINCT campaign FROM {t} WHERE campaign IS NOT NULL AND trim(campaign) != ''").fetchall()}
    district = db.execute("SELECT value FROM settings WHERE key = 'role'").fetchone()
    device = db.execute("SELECT value FROM settings WHERE key = 'device_id'").fetchone()
    now = db.execute("SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now')").fetchone()[0]
    for name in sorted(names):
        cid = _campaign_id_0016(name)
        for table in ("findings", "inspections"):
            db.execute(f"UPDATE {table} SET campaign_id = ? WHERE campaign = ? AND campaign_id IS NULL", [cid, name])
        if district and district[0] == "district" and device:
            db.execute(
                """INSERT OR IGNORE INTO campaigns (id, created_at, updated_at, device_id, name, notes)
                   VALUES (?, ?, ?, ?, ?, '由旧版本填写的专项名称转换')""", [cid, now, now, device[0], name])


@migrations(name="0016_campaigns")
def m0016_campaigns(db: Database) -> None:
    """专项整治 campaigns as records the district publishes; findings and inspections refer to one by
    ``campaign_id`` (no foreign key: a town's finding may name a campaign whose record has not arrived yet, and
    must still import). The typed name stays beside it as the name at the time, which old packages carry.
    A campaign's progress is counted from its index alone (status, grade and deadline are in it)."""
    db.execute("""CREATE TABLE campaigns (
    id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    device_id TEXT NOT NULL,
    deleted_at TEXT
, name TEXT NOT NULL, starts_on TEXT, ends_on TEXT, checklist_id TEXT, criteria TEXT, issuer TEXT,
           doc_no TEXT, notes TEXT, sync_meta TEXT)""")
    db.execute("ALTER TABLE findings ADD COLUMN campaign_id TEXT")
    db.execute("ALTER TABLE inspections ADD COLUMN campaign_id TEXT")
    db.execute("DROP INDEX IF EXISTS idx_findings_campaign")
    db.execute("CREATE INDEX idx_findings_campaign_id ON findings(campaign_id, status, grade, current_deadline, "
               "site_id, deleted_at) WHERE deleted_at IS NULL AND campaign_id IS NOT NULL")
    db.execute("CREATE INDEX idx_inspections_campaign_id ON inspections(campaign_id, site_id) "
               "WHERE deleted_at IS NULL AND campaign_id IS NOT NULL")
    # the district's figures per town: findings and inspections counted per site from these alone, in site order
    db.execute("CREATE INDEX idx_findings_by_site ON findings(site_id, found_on, grade, status, current_deadline, "
               "listed_supervision, campaign_id, deleted_at) WHERE deleted_at IS NULL")
    db.execute("CREATE INDEX idx_events_listed ON finding_events(finding_id) WHERE kind = 'listed_supervision'")
    db.execute("CREATE INDEX idx_inspections_by_site ON inspections(site_id, started_at, campaign_id, deleted_at) "
               "WHERE deleted_at IS NULL")
    for verb in ("INSERT", "UPDATE"):
        db.execute(
            f"""CREATE TRIGGER sync_change_campaigns_{verb.lower()} AFTER {verb} ON campaigns
                WHEN NEW.device_id = (SELECT value FROM settings WHERE key = 'device_id')
                BEGIN
                  UPDATE sync_counter SET seq = seq + 1 WHERE id = 1;
                  INSERT OR REPLACE INTO sync_changes (table_name, record_id, seq)
                    VALUES ('campaigns', NEW.id, (SELECT seq FROM sync_counter WHERE id = 1));
                END"""
        )
    _link_campaign_names_0016(db)


@migrations(name="0017_item_notes")
def m0017_item_notes(db: Database) -> None:
    """The words of a task's unit group that explain rather than name (“以下不再列出”, “按职责分工负责”): shown
    under the task, and travelling with it."""
    db.execute("ALTER TABLE checklist_items ADD COLUMN note TEXT")


@migrations(name="0018_sites_by_name")
def m0018_sites_by_name(db: Database) -> None:
    """The 单位 page lists the live sites by town, then name, a thousand at a time: an index in that order reads
    the first thousand and stops, where one by town alone read and sorted every site of the first towns (a
    district's first town holds thousands). It serves the status bar's count and the 街镇 lists as the one by
    town did, so that one goes."""
    db.execute("CREATE INDEX idx_sites_live_town_name ON sites(town, name) WHERE deleted_at IS NULL")
    db.execute("DROP INDEX IF EXISTS idx_sites_live_town")

