"""The only package that speaks SQL: schema, migrations, record bookkeeping and queries."""

from sqlite_utils import plugins as _plugins

from inspector.db.store import Store, connect, open_database

# sqlite-utils would scan every installed package for plugins when the first connection opens (a noticeable part
# of start-up) and load whatever it finds into our connections; Inspector uses none, so none are loaded.
_plugins._plugins_loaded = True

__all__ = ["Store", "connect", "open_database"]
