"""Persistence: SQLAlchemy Core over SQLite (default) or PostgreSQL."""

from sitrep.store import assessment as _assessment  # noqa: F401  (its tables join the shared metadata)
