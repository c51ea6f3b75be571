"""The only package that speaks SQL: schema, migrations, record bookkeeping and queries."""

from inspector.db.store import Store, connect, open_database

__all__ = ["Store", "connect", "open_database"]
