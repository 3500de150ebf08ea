"""One database across many circulars: extracted circulars → normalised SQLite tables, so an
analyst can ask "every task a unit leads, by year" in SQL. Reads the model and units/; the CLI
(``jiufeng batch --db``, ``jiufeng export``) feeds it."""

from .sqlite import StoreStats, update_database

__all__ = ["StoreStats", "update_database"]
