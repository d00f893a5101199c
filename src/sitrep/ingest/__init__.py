"""Sources -> Documents: files and folders, HTML, JSONL, feeds and web archives."""

from sitrep.ingest.errors import IngestProblem
from sitrep.ingest.sources import Limits, read_sources

__all__ = ["IngestProblem", "Limits", "read_sources"]
