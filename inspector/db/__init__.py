"""The only package that speaks SQL: schema, migrations, record bookkeeping and queries."""

from inspector.db.store import Store, open_database

__all__ = ["Store", "open_database"]
