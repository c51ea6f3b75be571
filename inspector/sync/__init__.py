"""Exchanging records with the district office through signed package files (docs/sync-format.md)."""
