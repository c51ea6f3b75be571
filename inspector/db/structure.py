"""What the program knows of its database's structure without its migration steps: the file's mark, the
structure version it writes, and the synchronised tables. Opening an up-to-date file reads these only; the
steps themselves (:mod:`inspector.db.schema`, with sqlite-utils) are loaded when a file needs upgrading."""

APPLICATION_ID = 0x494E5350  # "INSP"

# The number of steps in inspector.db.schema; a literal, so that it changes only together with a new step (a test
# ties the two).
SCHEMA_VERSION = 18

# Live lists for the program (the store's sync versions); no migration may use them — each step lists its own.
SYNCED_TABLES = ("documents", "checklists", "checklist_items", "units", "item_units", "sites", "inspectors",
                 "inspections", "inspection_results", "findings", "attachments", "task_progress", "doc_numbers",
                 "risk_policies", "risk_assessments", "inspection_plans", "plan_draws", "plan_sites", "recusals",
                 "campaigns")
